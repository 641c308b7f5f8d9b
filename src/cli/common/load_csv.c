/*
 * load_csv: one CSV input into one canonical table. The header names the columns; the data
 * goes to the server unchanged through COPY ... (FORMAT csv, HEADER MATCH), which checks it
 * and names the failing line, in one transaction. --quarantine does not apply.
 */
#include "load.h"

#include <stdlib.h>
#include <string.h>

#include "copy_batch.h"
#include "describe.h"
#include "line_reader.h"
#include "load_report.h"
#include "pg_client.h"
#include "progress.h"

#define CSV_SEND_BYTES (1 << 20)

/* Split a CSV header line into names: comma-separated, optionally double-quoted ("" = "). */
static bool
parse_header(const char *line, size_t len, StrBuf *names, size_t *count, StrBuf *err)
{
	size_t		i = 0;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	*count = 0;
	if (len == 0)
	{
		strbuf_appends(err, "the header line is empty: it must name the columns");
		return false;
	}
	for (;;)
	{
		if (i < len && line[i] == '"')
		{
			for (i++;; i++)
			{
				if (i >= len)
				{
					strbuf_appends(err, "unterminated quoted name in the header");
					return false;
				}
				if (line[i] == '"' && i + 1 < len && line[i + 1] == '"')
					i++;
				else if (line[i] == '"')
					break;
				strbuf_appendc(names, line[i]);
			}
			i++;
			if (i < len && line[i] != ',')
			{
				strbuf_appends(err, "unexpected text after a quoted name in the header");
				return false;
			}
		}
		else
			while (i < len && line[i] != ',')
				strbuf_appendc(names, line[i++]);
		strbuf_appendc(names, '\0');
		(*count)++;
		if (i >= len)
			return true;
		i++;					/* the comma */
	}
}

/* Check the header's columns against the table and build the COPY command. */
static bool
header_to_copy(const LoadOptions *opt, const char *line, size_t len, StrBuf *sql, StrBuf *err)
{
	TraceTable	table = opt->csv_table;
	StrBuf		names;
	size_t		count;
	size_t		i,
				j;
	const char *name;
	const char *column;
	bool		required;
	bool		ok;

	strbuf_init(&names);
	ok = parse_header(line, len, &names, &count, err);
	for (i = 0, name = names.data; ok && i < count; i++, name += strlen(name) + 1)
	{
		const char *other = names.data;

		if (!trace_table_has_column(table, name))
		{
			char		shown[160];

			describe_text(shown, sizeof(shown), name, strlen(name));
			strbuf_appendf(err, "unknown column %s in the header: the columns of %s are ",
						   shown, trace_table_name(table));
			trace_table_columns(table, err);
			ok = false;
			break;
		}
		for (j = 0; j < i; j++, other += strlen(other) + 1)
			if (strcmp(other, name) == 0)
			{
				strbuf_appendf(err, "column \"%s\" appears twice in the header", name);
				ok = false;
			}
	}
	for (i = 0; ok && (column = trace_table_column(table, i, &required)) != NULL; i++)
	{
		bool		found = false;

		for (j = 0, name = names.data; j < count; j++, name += strlen(name) + 1)
			found = found || strcmp(name, column) == 0;
		if (required && !found)
		{
			strbuf_appendf(err, "the header lacks the required column \"%s\"", column);
			ok = false;
		}
	}
	if (ok)
	{
		strbuf_appendf(sql, "COPY %s.%s (", opt->schema, trace_table_name(table));
		for (i = 0, name = names.data; i < count; i++, name += strlen(name) + 1)
			strbuf_appendf(sql, "%s%s", i > 0 ? ", " : "", name);
		strbuf_appends(sql, ") FROM STDIN (FORMAT csv, HEADER MATCH)");
	}
	strbuf_free(&names);
	return ok;
}

/* Stream the lines (the header included) into the COPY; false with the error in err. */
static bool
send_lines(PGconn *conn, const LoadOptions *opt, const LoadInput *in, LineReader *reader,
		   const char *header, size_t header_len, LoadStats *stats, StrBuf *err,
		   int64_t *err_line)
{
	StrBuf		chunk;
	Progress	progress;
	const char *line = header;
	size_t		len = header_len;
	LineStatus	st = LINE_OK;
	bool		input_ok = true;
	bool		sent = true;

	strbuf_init(&chunk);
	progress_start(&progress, opt->progress, in->name, in->size);
	do
	{
		if (st != LINE_OK)
		{
			*err_line = load_read_error(reader, st, err);
			input_ok = false;
			break;
		}
		if (reader->lineno > 1)
			stats->records++;
		strbuf_append(&chunk, line, len);
		strbuf_appendc(&chunk, '\n');
		if (chunk.len >= CSV_SEND_BYTES)
		{
			sent = PQputCopyData(conn, chunk.data, (int) chunk.len) == 1;
			strbuf_reset(&chunk);
		}
		progress_update(&progress, reader->lineno, reader->bytes_read);
	} while (sent && (st = line_reader_next(reader, &line, &len)) != LINE_EOF);
	progress_finish(&progress);
	if (!input_ok)
	{
		/* abort the COPY: nothing of this input is kept */
		PQputCopyEnd(conn, "input refused by collcog-load");
		sent = false;
	}
	else if (sent)
		sent = PQputCopyData(conn, chunk.data, (int) chunk.len) == 1 &&
			PQputCopyEnd(conn, NULL) == 1;
	if (!sent && err->len == 0)
		strbuf_appends(err, PQerrorMessage(conn));
	strbuf_free(&chunk);
	return sent;
}

/* The COPY's outcome: the rows loaded, or the server's error and the line it names. */
static bool
finish_copy(PGconn *conn, bool sent, int64_t *rows, StrBuf *err, int64_t *err_line)
{
	PGresult   *res = PQgetResult(conn);
	bool		ok = sent && PQresultStatus(res) == PGRES_COMMAND_OK;

	if (ok)
		*rows = strtoll(PQcmdTuples(res), NULL, 10);
	else if (sent)
	{
		pgc_result_message(res, err);
		*err_line = copy_error_line(res);
	}
	pgc_clear_results(conn, res);
	return ok;
}

/* Run the COPY in a transaction of its own; the error, if any, in err and err_line. */
static LoadStatus
copy_in(PGconn *conn, const LoadOptions *opt, const LoadInput *in, LineReader *reader,
		const char *header, size_t header_len, const char *sql, LoadStats *stats,
		StrBuf *err, int64_t *err_line)
{
	LoadStatus	status = LOAD_DATA_ERROR;
	PGresult   *res;
	StrBuf		ignored;

	if (!pgc_command(conn, "BEGIN", err))
		return LOAD_SERVER_ERROR;
	res = PQexec(conn, sql);
	if (PQresultStatus(res) != PGRES_COPY_IN)
		pgc_result_message(res, err);
	else
	{
		bool		sent;

		PQclear(res);
		res = NULL;
		sent = send_lines(conn, opt, in, reader, header, header_len, stats, err, err_line);
		if (finish_copy(conn, sent, &stats->rows[opt->csv_table], err, err_line) &&
			pgc_command(conn, "COMMIT", err))
			status = LOAD_OK;
	}
	PQclear(res);
	if (PQstatus(conn) != CONNECTION_OK)
		return LOAD_SERVER_ERROR;
	if (PQtransactionStatus(conn) != PQTRANS_IDLE)
	{
		strbuf_init(&ignored);
		pgc_command(conn, "ROLLBACK", &ignored);
		strbuf_free(&ignored);
	}
	return status;
}

LoadStatus
load_csv(PGconn *conn, const LoadOptions *opt, const LoadInput *in, LoadStats *stats)
{
	LineReader	reader;
	const char *header;
	size_t		header_len;
	LineStatus	st;
	StrBuf		sql;
	StrBuf		err;
	int64_t		err_line = 1;
	LoadStatus	status = LOAD_DATA_ERROR;
	double		started = progress_now();

	memset(stats, 0, sizeof(*stats));
	strbuf_init(&sql);
	strbuf_init(&err);
	line_reader_init(&reader, in->fp, opt->max_line);
	st = line_reader_next(&reader, &header, &header_len);
	if (st == LINE_OK)
		line_skip_bom(&header, &header_len);
	if (st == LINE_EOF)
	{
		if (!opt->quiet)
			load_report(in->name, 0, "empty input, nothing loaded");
		status = LOAD_OK;
	}
	else if (st != LINE_OK)
		err_line = load_read_error(&reader, st, &err);
	else if (header_to_copy(opt, header, header_len, &sql, &err))
	{
		err_line = 0;
		status = copy_in(conn, opt, in, &reader, header, header_len, sql.data, stats, &err,
						 &err_line);
	}
	if (status != LOAD_OK)
	{
		load_report(in->name, err_line, err.data);
		memset(stats->rows, 0, sizeof(stats->rows));
	}
	stats->seconds = progress_now() - started;
	line_reader_free(&reader);
	strbuf_free(&sql);
	strbuf_free(&err);
	return status;
}
