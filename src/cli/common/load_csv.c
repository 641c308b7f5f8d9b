/*
 * load_csv: one CSV input into one canonical table through COPY ... (FORMAT csv, HEADER MATCH)
 * with the columns the header names, in one transaction. The loader reads the records as COPY
 * does (csv_scan) so that the data reaches COPY whole (a record \. is sent quoted, not taken
 * for the end of the data), and a server error names the line where the failing record
 * starts: COPY's line number mapped back (csv_line_map), or for a foreign key, which the
 * server checks after the last row, the first line whose key is missing (csv_refs).
 * --quarantine does not apply.
 */
#include "load.h"

#include <stdlib.h>
#include <string.h>

#include "copy_batch.h"
#include "csv_line_map.h"
#include "csv_refs.h"
#include "csv_scan.h"
#include "describe.h"
#include "line_reader.h"
#include "load_report.h"
#include "pg_client.h"
#include "progress.h"

#define CSV_SEND_BYTES (1 << 20)

typedef struct CsvLoad
{
	PGconn	   *conn;
	const LoadOptions *opt;
	const LoadInput *in;
	LoadStats  *stats;
	LineReader	reader;
	CsvScan		scan;
	CsvLineMap	map;
	CsvRefs		refs;
	StrBuf		names;			/* the header's column names, each NUL-terminated */
	size_t		nnames;
	StrBuf		chunk;			/* COPY data not sent yet */
	StrBuf		err;
	int64_t		err_line;		/* the file's line the error names, or 0 */
} CsvLoad;

/* Read the header (line 1) into names and chunk; false with the error in ld->err. */
static bool
read_header(CsvLoad *ld, const char *line, size_t len)
{
	size_t		i;

	line_skip_bom(&line, &len);
	ld->scan.crlf = len > 0 && line[len - 1] == '\r';
	ld->scan.keep_all = true;
	ld->err_line = 1;
	if (len == 0 || (len == 1 && line[0] == '\r'))
	{
		strbuf_appends(&ld->err, "the header line is empty: it must name the columns");
		return false;
	}
	if (!csv_scan_line(&ld->scan, line, len, ld->reader.newline, 1, &ld->chunk))
	{
		strbuf_appends(&ld->err, "unterminated quoted name in the header");
		return false;
	}
	for (i = 0; i < ld->scan.nfields; i++)
	{
		size_t		namelen = 0;
		const char *name = csv_scan_field(&ld->scan, i, &namelen);

		if (name != NULL && memchr(name, '\0', namelen) != NULL)
		{
			strbuf_appends(&ld->err, "the header holds a NUL byte");
			return false;
		}
		strbuf_append(&ld->names, name != NULL ? name : "", namelen);
		strbuf_appendc(&ld->names, '\0');
	}
	ld->nnames = ld->scan.nfields;
	csv_line_map_add(&ld->map, 1, 1, 0);
	return true;
}

/* Check the header's columns against the table and build the COPY command. */
static bool
header_to_copy(CsvLoad *ld, StrBuf *sql)
{
	TraceTable	table = ld->opt->csv_table;
	StrBuf	   *err = &ld->err;
	size_t		i,
				j;
	const char *name;
	const char *column;
	bool		required;

	for (i = 0, name = ld->names.data; i < ld->nnames; i++, name += strlen(name) + 1)
	{
		const char *other = ld->names.data;

		if (!trace_table_has_column(table, name))
		{
			char		shown[160];

			describe_text(shown, sizeof(shown), name, strlen(name));
			strbuf_appendf(err, "unknown column %s in the header: the columns of %s are ",
						   shown, trace_table_name(table));
			trace_table_columns(table, NULL, err);
			return false;
		}
		for (j = 0; j < i; j++, other += strlen(other) + 1)
			if (strcmp(other, name) == 0)
			{
				strbuf_appendf(err, "column \"%s\" appears twice in the header", name);
				return false;
			}
	}
	for (i = 0; (column = trace_table_column(table, i, &required)) != NULL; i++)
	{
		bool		found = false;

		for (j = 0, name = ld->names.data; j < ld->nnames; j++, name += strlen(name) + 1)
			found = found || strcmp(name, column) == 0;
		if (required && !found)
		{
			strbuf_appendf(err, "the header lacks the required column \"%s\"", column);
			return false;
		}
	}
	strbuf_appendf(sql, "COPY %s.%s (", ld->opt->schema, trace_table_name(table));
	for (i = 0, name = ld->names.data; i < ld->nnames; i++, name += strlen(name) + 1)
		strbuf_appendf(sql, "%s%s", i > 0 ? ", " : "", name);
	strbuf_appends(sql, ") FROM STDIN (FORMAT csv, HEADER MATCH)");
	return true;
}

/* Send the chunk when it is big enough, or when last. */
static bool
put_chunk(CsvLoad *ld, bool last)
{
	bool		ok = true;

	if (ld->chunk.len >= CSV_SEND_BYTES || (last && ld->chunk.len > 0))
	{
		ok = PQputCopyData(ld->conn, ld->chunk.data, (int) ld->chunk.len) == 1;
		strbuf_reset(&ld->chunk);
	}
	return ok;
}

/* Stream the data lines after the header into the COPY; false with the error in ld->err. */
static bool
send_lines(CsvLoad *ld)
{
	Progress	progress;
	const char *line;
	size_t		len;
	LineStatus	st = LINE_OK;
	bool		sent = put_chunk(ld, false);

	progress_start(&progress, ld->opt->progress, ld->in->name, ld->in->size);
	while (sent && (st = line_reader_next(&ld->reader, &line, &len)) == LINE_OK)
	{
		int64_t		lineno = ld->reader.lineno;

		if (csv_scan_line(&ld->scan, line, len, ld->reader.newline, lineno, &ld->chunk))
		{
			csv_line_map_add(&ld->map, ld->scan.first_line, lineno, ld->scan.counted);
			csv_refs_record(&ld->refs, &ld->scan, ld->scan.first_line);
			ld->stats->records++;
		}
		sent = put_chunk(ld, false);
		progress_update(&progress, ld->stats->records, ld->reader.bytes_read);
	}
	progress_finish(&progress);
	/* a quoted field still open at the end: COPY says so, at the line where its record starts */
	if (ld->scan.in_record)
		csv_line_map_add(&ld->map, ld->scan.first_line, ld->reader.lineno, ld->scan.counted);
	if (sent && st != LINE_EOF)
	{
		/* abort the COPY: nothing of this input is kept */
		ld->err_line = load_read_error(&ld->reader, st, &ld->err);
		PQputCopyEnd(ld->conn, "input refused by collcog-load");
		return false;
	}
	sent = sent && put_chunk(ld, true) && PQputCopyEnd(ld->conn, NULL) == 1;
	if (!sent)
		strbuf_appends(&ld->err, PQerrorMessage(ld->conn));
	return sent;
}

/*
 * The COPY's outcome: the rows loaded, or the server's error and the line it names. A foreign
 * key violation names no line; its constraint goes to *fk_failed for a look-up.
 */
static bool
finish_copy(CsvLoad *ld, bool sent, char **fk_failed)
{
	PGresult   *res = PQgetResult(ld->conn);
	bool		ok = sent && PQresultStatus(res) == PGRES_COMMAND_OK;

	if (ok)
		ld->stats->rows[ld->opt->csv_table] = strtoll(PQcmdTuples(res), NULL, 10);
	else if (sent)
	{
		const char *sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		const char *constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
		int64_t		copy_line = copy_error_line(res);

		pgc_result_message(res, &ld->err);
		if (copy_line > 0)
			ld->err_line = csv_line_map_file_line(&ld->map, copy_line);
		else if (sqlstate != NULL && strcmp(sqlstate, "23503") == 0 && constraint != NULL)
			*fk_failed = xstrdup(constraint);
	}
	pgc_clear_results(ld->conn, res);
	return ok;
}

/* Run the COPY in a transaction of its own; the error, if any, in ld->err and ld->err_line. */
static LoadStatus
copy_in(CsvLoad *ld, const char *sql)
{
	LoadStatus	status = LOAD_DATA_ERROR;
	PGresult   *res;
	char	   *fk_failed = NULL;
	StrBuf		ignored;

	ld->err_line = 0;
	if (!pgc_command(ld->conn, "BEGIN", &ld->err))
		return LOAD_SERVER_ERROR;
	res = PQexec(ld->conn, sql);
	if (PQresultStatus(res) != PGRES_COPY_IN)
		pgc_result_message(res, &ld->err);
	else
	{
		bool		sent;

		PQclear(res);
		res = NULL;
		sent = send_lines(ld);
		if (finish_copy(ld, sent, &fk_failed) && pgc_command(ld->conn, "COMMIT", &ld->err))
			status = LOAD_OK;
	}
	PQclear(res);
	if (PQstatus(ld->conn) != CONNECTION_OK)
		status = LOAD_SERVER_ERROR;
	else if (PQtransactionStatus(ld->conn) != PQTRANS_IDLE)
	{
		strbuf_init(&ignored);
		pgc_command(ld->conn, "ROLLBACK", &ignored);
		strbuf_free(&ignored);
	}
	if (fk_failed != NULL && PQtransactionStatus(ld->conn) == PQTRANS_IDLE)
		ld->err_line = csv_refs_first_missing(&ld->refs, ld->conn, fk_failed);
	free(fk_failed);
	return status;
}

/* Load the input whose first line is the header; the error, if any, in ld->err. */
static LoadStatus
load_table(CsvLoad *ld, const char *header, size_t header_len)
{
	LoadStatus	status = LOAD_DATA_ERROR;
	StrBuf		sql;
	StrBuf		table;

	strbuf_init(&sql);
	strbuf_init(&table);
	strbuf_appendf(&table, "%s.%s", ld->opt->schema, trace_table_name(ld->opt->csv_table));
	if (!read_header(ld, header, header_len) || !header_to_copy(ld, &sql))
		status = LOAD_DATA_ERROR;
	else if (!csv_refs_init(&ld->refs, ld->conn, table.data, ld->names.data, ld->nnames,
							&ld->err))
	{
		ld->err_line = 0;
		status = LOAD_SERVER_ERROR;
	}
	else
	{
		ld->scan.keep_all = false;
		ld->scan.keep = ld->refs.keep;
		ld->scan.nkeep = ld->refs.nkeep;
		status = copy_in(ld, sql.data);
	}
	strbuf_free(&sql);
	strbuf_free(&table);
	return status;
}

LoadStatus
load_csv(PGconn *conn, const LoadOptions *opt, const LoadInput *in, LoadStats *stats)
{
	CsvLoad		ld;
	const char *header;
	size_t		header_len;
	LineStatus	st;
	LoadStatus	status = LOAD_DATA_ERROR;
	double		started = progress_now();

	memset(&ld, 0, sizeof(ld));
	memset(stats, 0, sizeof(*stats));
	ld.conn = conn;
	ld.opt = opt;
	ld.in = in;
	ld.stats = stats;
	line_reader_init(&ld.reader, in->fp, opt->max_line);
	csv_scan_init(&ld.scan, false);
	csv_line_map_init(&ld.map);
	strbuf_init(&ld.names);
	strbuf_init(&ld.chunk);
	strbuf_init(&ld.err);

	st = line_reader_next(&ld.reader, &header, &header_len);
	if (st == LINE_EOF)
	{
		if (!opt->quiet)
			load_report(in->name, 0, "empty input, nothing loaded");
		status = LOAD_OK;
	}
	else if (st != LINE_OK)
		ld.err_line = load_read_error(&ld.reader, st, &ld.err);
	else
		status = load_table(&ld, header, header_len);
	if (status != LOAD_OK)
	{
		load_report(in->name, ld.err_line, ld.err.data);
		memset(stats->rows, 0, sizeof(stats->rows));
	}
	stats->seconds = progress_now() - started;
	line_reader_free(&ld.reader);
	csv_scan_free(&ld.scan);
	csv_line_map_free(&ld.map);
	csv_refs_free(&ld.refs);
	strbuf_free(&ld.names);
	strbuf_free(&ld.chunk);
	strbuf_free(&ld.err);
	return status;
}
