/* copy_batch: buffered COPY rows with their input lines, and mapping of COPY errors back. */
#include "copy_batch.h"

#include <stdlib.h>
#include <string.h>

#include "pg_client.h"

void
copy_batch_init(CopyBatch *batch, const char *copy_sql)
{
	batch->copy_sql = xstrdup(copy_sql);
	strbuf_init(&batch->data);
	batch->rows = NULL;
	batch->nrows = batch->cap = 0;
}

void
copy_batch_free(CopyBatch *batch)
{
	free(batch->copy_sql);
	strbuf_free(&batch->data);
	free(batch->rows);
	batch->rows = NULL;
	batch->nrows = batch->cap = 0;
}

void
copy_batch_clear(CopyBatch *batch)
{
	strbuf_reset(&batch->data);
	batch->nrows = 0;
}

void
copy_batch_add(CopyBatch *batch, const char *row, size_t len, int64_t line, void *owner)
{
	batch->rows = xgrow(batch->rows, batch->nrows, &batch->cap, sizeof(BatchRow), 1024);
	batch->rows[batch->nrows].offset = batch->data.len;
	batch->rows[batch->nrows].line = line;
	batch->rows[batch->nrows].owner = owner;
	batch->nrows++;
	strbuf_append(&batch->data, row, len);
}

int64_t
copy_error_line(const PGresult *res)
{
	const char *ctx = PQresultErrorField(res, PG_DIAG_CONTEXT);
	const char *p;

	/* the context reads "COPY events, line 17" or "COPY events, line 17, column ts: ..." */
	if (ctx == NULL || (p = strstr(ctx, "COPY ")) == NULL || (p = strstr(p, ", line ")) == NULL)
		return 0;
	return strtoll(p + strlen(", line "), NULL, 10);
}

void
copy_failure_init(CopyFailure *failure)
{
	strbuf_init(&failure->message);
	failure->has_row = false;
	failure->line = 0;
	failure->owner = NULL;
	failure->connection_lost = false;
}

void
copy_failure_free(CopyFailure *failure)
{
	strbuf_free(&failure->message);
}

/* The row sent as the n-th (1-based) row of the COPY, skipping as the send did. */
static const BatchRow *
nth_sent_row(const CopyBatch *batch, CopySkipFn skip, int64_t n)
{
	size_t		i;

	for (i = 0; i < batch->nrows; i++)
	{
		if (skip(batch->rows[i].owner))
			continue;
		if (--n == 0)
			return &batch->rows[i];
	}
	return NULL;
}

/* Send rows [from, to) in one piece. */
static bool
put_rows(PGconn *conn, const CopyBatch *batch, size_t from, size_t to)
{
	size_t		start = batch->rows[from].offset;
	size_t		end = to < batch->nrows ? batch->rows[to].offset : batch->data.len;

	return end == start ||
		PQputCopyData(conn, batch->data.data + start, (int) (end - start)) == 1;
}

/* Send every row not skipped, in contiguous pieces of at most about 1 MB. */
static bool
put_all(PGconn *conn, const CopyBatch *batch, CopySkipFn skip)
{
	const size_t piece = 1 << 20;
	size_t		from = 0;
	size_t		i;

	for (i = 0; i < batch->nrows; i++)
	{
		bool		skipped = skip(batch->rows[i].owner);

		if (skipped || batch->rows[i].offset - batch->rows[from].offset >= piece)
		{
			if (!put_rows(conn, batch, from, i))
				return false;
			from = skipped ? i + 1 : i;
		}
	}
	return from >= batch->nrows || put_rows(conn, batch, from, batch->nrows);
}

bool
copy_batch_send(PGconn *conn, const CopyBatch *batch, CopySkipFn skip, CopyFailure *failure)
{
	PGresult   *res;
	bool		ok;
	int64_t		n;

	strbuf_reset(&failure->message);
	failure->has_row = false;
	failure->connection_lost = false;

	res = PQexec(conn, batch->copy_sql);
	if (PQresultStatus(res) != PGRES_COPY_IN)
	{
		pgc_result_message(res, &failure->message);
		failure->connection_lost = (PQstatus(conn) != CONNECTION_OK);
		PQclear(res);
		return false;
	}
	PQclear(res);

	if (!put_all(conn, batch, skip) || PQputCopyEnd(conn, NULL) != 1)
	{
		strbuf_appends(&failure->message, PQerrorMessage(conn));
		failure->connection_lost = true;
		return false;
	}

	res = PQgetResult(conn);
	ok = (PQresultStatus(res) == PGRES_COMMAND_OK);
	if (!ok)
	{
		pgc_result_message(res, &failure->message);
		n = copy_error_line(res);
		if (n > 0)
		{
			const BatchRow *row = nth_sent_row(batch, skip, n);

			if (row != NULL)
			{
				failure->has_row = true;
				failure->line = row->line;
				failure->owner = row->owner;
			}
		}
		failure->connection_lost = (PQstatus(conn) != CONNECTION_OK);
	}
	pgc_clear_results(conn, res);
	return ok;
}
