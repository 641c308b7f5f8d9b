/*
 * csv_scan: CSV records as COPY reads them (PostgreSQL 15, src/backend/commands/copyfromparse.c,
 * quote and escape both '"'): a quote anywhere in a field toggles quoting, "" inside quotes is
 * one quote, a field is NULL when unquoted and empty, and a record ends at a line end outside
 * quotes. COPY's line count goes up by one per record and by one per newline inside quotes
 * (LF, or CR when the lines end in CR LF); a record that starts with \. and a line end is its
 * end-of-data marker.
 */
#include "csv_scan.h"

#include <stdlib.h>
#include <string.h>

void
csv_scan_init(CsvScan *scan, bool crlf)
{
	memset(scan, 0, sizeof(*scan));
	scan->crlf = crlf;
	strbuf_init(&scan->values);
}

void
csv_scan_free(CsvScan *scan)
{
	strbuf_free(&scan->values);
	free(scan->fields);
	scan->fields = NULL;
}

static void
begin_field(CsvScan *scan)
{
	size_t		i = scan->nfields;
	CsvField   *f;

	scan->fields = xgrow(scan->fields, scan->nfields, &scan->cap, sizeof(CsvField), 16);
	f = &scan->fields[scan->nfields++];
	f->start = scan->values.len;
	f->len = 0;
	f->null = false;
	f->kept = scan->keep_all || (i < scan->nkeep && scan->keep[i]);
	scan->saw_quote = false;
}

static void
end_field(CsvScan *scan)
{
	CsvField   *f = &scan->fields[scan->nfields - 1];

	f->len = scan->values.len - f->start;
	f->null = !scan->saw_quote && f->len == 0;
}

static void
keep_bytes(CsvScan *scan, const char *s, size_t len)
{
	if (scan->fields[scan->nfields - 1].kept)
		strbuf_append(&scan->values, s, len);
}

/* A record made of \. alone, which COPY would read as the end of its data. */
static bool
is_end_marker(const char *line, size_t len)
{
	return (len == 2 || (len == 3 && line[2] == '\r')) && line[0] == '\\' && line[1] == '.';
}

/* Read the line's fields, from where the last line left off. */
static void
scan_fields(CsvScan *scan, const char *line, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		j = i;

		if (!scan->in_quote)
		{
			while (j < len && line[j] != ',' && line[j] != '"')
				j++;
			keep_bytes(scan, line + i, j - i);
			if (j < len && line[j] == ',')
			{
				end_field(scan);
				begin_field(scan);
			}
			else if (j < len)
				scan->in_quote = scan->saw_quote = true;
			i = j + 1;
			continue;
		}
		for (; j < len && line[j] != '"'; j++)
			if (line[j] == '\r' && scan->crlf)
				scan->counted++;
		keep_bytes(scan, line + i, j - i);
		if (j + 1 < len && line[j + 1] == '"')
		{
			keep_bytes(scan, "\"", 1);
			j++;
		}
		else if (j < len)
			scan->in_quote = false;
		i = j + 1;
	}
}

bool
csv_scan_line(CsvScan *scan, const char *line, size_t len, bool newline, int64_t lineno,
			  StrBuf *out)
{
	if (!scan->in_record)
	{
		scan->in_record = true;
		scan->first_line = lineno;
		scan->counted = 0;
		scan->nfields = 0;
		strbuf_reset(&scan->values);
		begin_field(scan);
		if (is_end_marker(line, len))
		{
			strbuf_appends(out, "\"\\.\"");
			strbuf_append(out, line + 2, len - 2);
		}
		else
			strbuf_append(out, line, len);
	}
	else
		strbuf_append(out, line, len);
	if (newline)
		strbuf_appendc(out, '\n');

	scan_fields(scan, line, len);
	if (scan->in_quote)
	{
		/* the line end is part of the quoted value */
		if (newline)
		{
			keep_bytes(scan, "\n", 1);
			scan->counted += !scan->crlf;
		}
		return false;
	}
	/* the record ends here; a CR before the LF is part of the line end */
	if (len > 0 && line[len - 1] == '\r' && scan->fields[scan->nfields - 1].kept &&
		scan->values.len > scan->fields[scan->nfields - 1].start)
		scan->values.len--;
	end_field(scan);
	scan->in_record = false;
	return true;
}

const char *
csv_scan_field(const CsvScan *scan, size_t i, size_t *len)
{
	const CsvField *f = i < scan->nfields ? &scan->fields[i] : NULL;

	if (f == NULL || !f->kept || f->null)
		return NULL;
	*len = f->len;
	return scan->values.data + f->start;
}
