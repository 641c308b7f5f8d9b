/*
 * csv_scan: CSV as COPY ... (FORMAT csv) reads it, one physical line at a time. It tells where
 * each record starts and ends (a quoted field may hold newlines), keeps the values of the
 * fields asked for, counts the newlines inside quotes that COPY counts as lines, and gives the
 * bytes to send: the line itself, except that a record consisting of \. alone, which COPY
 * would take for its end-of-data marker, is sent quoted ("\."), the value it is in CSV.
 */
#ifndef COLLCOG_CLI_CSV_SCAN_H
#define COLLCOG_CLI_CSV_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* Where a field's value lies in CsvScan.values; a field not kept has kept = false. */
typedef struct CsvField
{
	size_t		start;
	size_t		len;
	bool		null;			/* unquoted and empty */
	bool		kept;
} CsvField;

typedef struct CsvScan
{
	bool		crlf;			/* lines end in CR LF: COPY then counts CRs inside quotes */
	bool		keep_all;		/* keep every field's value (the header) */
	const bool *keep;			/* else keep field i when i < nkeep and keep[i] */
	size_t		nkeep;
	bool		in_record;		/* a record has started and not ended */
	bool		in_quote;
	bool		saw_quote;		/* the current field has a quoted part */
	int64_t		first_line;		/* the line where the current record starts */
	int64_t		counted;		/* newlines inside its quotes that COPY counts as lines */
	StrBuf		values;			/* the kept fields' values, one after the other */
	CsvField   *fields;			/* the current record's fields */
	size_t		nfields;
	size_t		cap;
} CsvScan;

/* crlf: whether the header line ends in CR LF (COPY decides the line end from it). */
void		csv_scan_init(CsvScan *scan, bool crlf);
void		csv_scan_free(CsvScan *scan);
/*
 * Scan line number lineno (without its '\n'; newline tells whether it had one) and append to
 * out what COPY is to get for it. Returns true when a record ends on this line; its fields are
 * then readable until the next call.
 */
bool		csv_scan_line(CsvScan *scan, const char *line, size_t len, bool newline,
						  int64_t lineno, StrBuf *out);
/* The value of field i of the record just ended: NULL when it is NULL, not kept or absent. */
const char *csv_scan_field(const CsvScan *scan, size_t i, size_t *len);

#endif
