/*
 * csv_refs: the line of a CSV row whose foreign key points nowhere. The server checks foreign
 * keys after the last row of the COPY and names the key, not the line. So the loader keeps,
 * for each foreign key of the table whose columns the header names (read from the catalog),
 * every distinct key with the first line that gives it; when the COPY fails on a foreign key,
 * it asks the referenced table for the first of them it lacks.
 */
#ifndef COLLCOG_CLI_CSV_REFS_H
#define COLLCOG_CLI_CSV_REFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "csv_scan.h"
#include "strbuf.h"
#include "strmap.h"

typedef struct CsvForeignKey
{
	char	   *name;			/* the constraint */
	size_t		ncolumns;
	size_t	   *fields;			/* the header field of each referencing column */
	StrBuf		sql;			/* the first line of a key the referenced table lacks */
	StrMap		seen;			/* the distinct keys given */
	StrBuf		lines;			/* their first lines, as an int8[] literal */
	StrBuf	   *values;			/* per column, their values as a text[] literal */
} CsvForeignKey;

typedef struct CsvRefs
{
	CsvForeignKey *fks;
	size_t		nfks;
	size_t		fkcap;
	bool	   *keep;			/* keep[i]: a key needs header field i */
	size_t		nkeep;
	StrBuf		key;			/* scratch */
} CsvRefs;

/*
 * The foreign keys of table (an SQL name, quoted as needed) whose referencing columns are all
 * among the header's names (nnames NUL-terminated names, one after the other); false with the
 * server's message in err.
 */
bool		csv_refs_init(CsvRefs *refs, PGconn *conn, const char *table, const char *names,
						  size_t nnames, StrBuf *err);
void		csv_refs_free(CsvRefs *refs);
/* Remember the keys of the record just scanned, which starts on line. */
void		csv_refs_record(CsvRefs *refs, const CsvScan *scan, int64_t line);
/* After the COPY failed on foreign key constraint: the first line whose key the referenced
 * table lacks, or 0 when that cannot be told. */
int64_t		csv_refs_first_missing(const CsvRefs *refs, PGconn *conn, const char *constraint);

#endif
