/*
 * load_jsonl: one JSONL trace input into runs, agents, events and messages, in one transaction.
 *
 * Every line is checked on its own (trace_record) and against what came before (jsonl_refs),
 * then buffered per table and sent with COPY in dependency order when the buffers fill and at
 * the end. With --quarantine (jsonl_quarantine) a bad record rejects its run; a server error
 * inside a batch is rolled back to a savepoint, traced to its run through the batch's line
 * map, and the batch sent again without that run. The readers of other formats (load_e3)
 * make canonical records and hand them to the same machinery: jsonl_load_begin,
 * jsonl_add_record, jsonl_load_finish, jsonl_load_free.
 */
#include "jsonl_load.h"

#include <stdlib.h>
#include <string.h>

#include "copy_batch.h"
#include "line_reader.h"
#include "load_report.h"
#include "pg_client.h"
#include "progress.h"
#include "strmap.h"

static void
free_run(void *p)
{
	RunState   *run = p;

	free(run->run_id);
	free(run->source);
	free(run->reject_reason);
	free(run);
}

RunState *
jsonl_run(JsonlLoad *ld, const char *run_id, size_t len)
{
	bool		added;
	StrMapEntry *e = strmap_insert(&ld->runs, run_id, len, &added);

	if (added)
	{
		RunState   *run = xmalloc(sizeof(RunState));

		memset(run, 0, sizeof(*run));
		run->run_id = xstrndup(run_id, len);
		run->in_database = -1;
		e->data = run;
	}
	return e->data;
}

static bool
run_is_rejected(void *owner)
{
	return ((RunState *) owner)->rejected;
}

static size_t
buffered_bytes(const JsonlLoad *ld)
{
	size_t		n = 0;
	int			t;

	for (t = 0; t < TRACE_NTABLES; t++)
		n += ld->batches[t].data.len;
	return n;
}

/* Count the rows of a successful flush against their runs. */
static void
account_flush(JsonlLoad *ld)
{
	int			t;
	size_t		i;

	for (t = 0; t < TRACE_NTABLES; t++)
	{
		for (i = 0; i < ld->batches[t].nrows; i++)
		{
			RunState   *run = ld->batches[t].rows[i].owner;

			if (!run->rejected)
			{
				run->rows_sent[t]++;
				ld->stats->rows[t]++;
			}
		}
		copy_batch_clear(&ld->batches[t]);
	}
}

/*
 * Send the buffers, parents first. In --quarantine mode the batch is sent under a savepoint;
 * a row the server refuses is rolled back, its run quarantined, and the batch sent again.
 */
static bool
flush(JsonlLoad *ld)
{
	CopyFailure failure;
	StrBuf		err;
	bool		ok = true;
	int			t;

	copy_failure_init(&failure);
	strbuf_init(&err);
	if (ld->opt->quarantine && !pgc_command(ld->conn, "SAVEPOINT collcog_load", &err))
		ok = jsonl_server_failed(ld, 0, err.data);
	while (ok)
	{
		for (t = 0; t < TRACE_NTABLES; t++)
			if (ld->batches[t].nrows > 0 &&
				!copy_batch_send(ld->conn, &ld->batches[t], run_is_rejected, &failure))
				break;
		if (t == TRACE_NTABLES)
		{
			if (ld->opt->quarantine &&
				!pgc_command(ld->conn, "RELEASE SAVEPOINT collcog_load", &err))
				ok = jsonl_server_failed(ld, 0, err.data);
			else
				account_flush(ld);
			break;
		}
		if (failure.has_row)	/* name the file the failing row came from */
			ld->source = jsonl_run_source(ld, failure.owner);
		if (failure.connection_lost)
			ok = jsonl_server_failed(ld, failure.has_row ? failure.line : 0, failure.message.data);
		else if (!ld->opt->quarantine || !failure.has_row)
			ok = jsonl_refuse(ld, failure.has_row ? failure.line : 0, failure.message.data);
		else if (!pgc_command(ld->conn, "ROLLBACK TO SAVEPOINT collcog_load", &err))
			ok = jsonl_server_failed(ld, 0, err.data);
		else
			/* the failing run is left out of the next attempt */
			ok = jsonl_reject_run(ld, failure.owner, failure.line, failure.message.data);
	}
	strbuf_free(&err);
	copy_failure_free(&failure);
	return ok;
}

static bool
is_blank(const char *line, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			return false;
	return true;
}

/* Parse, check and buffer one line. */
static bool
process_line(JsonlLoad *ld, const char *line, size_t len, int64_t lineno)
{
	TraceRecord *rec = &ld->rec;
	RunState   *run;
	bool		parsed;

	if (is_blank(line, len))
		return true;
	ld->stats->records++;
	parsed = trace_record_parse(rec, line, len);
	/* without a run, a bad line cannot be quarantined */
	if (!parsed && !rec->run_id.present)
		return jsonl_refuse(ld, lineno, rec->error);
	run = jsonl_run(ld, rec->run_id.text, rec->run_id.len);
	if (run->rejected)
	{
		ld->stats->skipped_records++;
		return true;
	}
	if (!parsed)
		return jsonl_reject_run(ld, run, lineno, rec->error);
	return jsonl_add_record(ld, run, lineno);
}

bool
jsonl_add_record(JsonlLoad *ld, RunState *run, int64_t line)
{
	if (!jsonl_check_references(ld, run, line))
	{
		if (ld->status != LOAD_OK)
			return false;
		return jsonl_reject_run(ld, run, line, ld->reason.data);
	}
	copy_batch_add(&ld->batches[ld->rec.table], ld->rec.row.data, ld->rec.row.len, line, run);
	if (buffered_bytes(ld) >= ld->opt->batch_bytes)
		return flush(ld);
	return true;
}

/* Read every line. */
static bool
load_lines(JsonlLoad *ld)
{
	LineReader	reader;
	Progress	progress;
	const char *line;
	size_t		len;
	LineStatus	st;
	bool		ok = true;
	StrBuf		msg;

	strbuf_init(&msg);
	line_reader_init(&reader, ld->in->fp, ld->opt->max_line);
	progress_start(&progress, ld->opt->progress, ld->in->name, ld->in->size);
	while (ok && (st = line_reader_next(&reader, &line, &len)) != LINE_EOF)
	{
		if (st != LINE_OK)
		{
			int64_t		lineno = load_read_error(&reader, st, &msg);

			ok = jsonl_refuse(ld, lineno, msg.data);
		}
		else
		{
			if (reader.lineno == 1)
				line_skip_bom(&line, &len);
			ok = process_line(ld, line, len, reader.lineno);
		}
		progress_update(&progress, reader.lineno, reader.bytes_read);
	}
	progress_finish(&progress);
	line_reader_free(&reader);
	strbuf_free(&msg);
	return ok;
}

static void
prepare_sql(JsonlLoad *ld)
{
	const char *s = ld->opt->schema;
	int			t;

	for (t = 0; t < TRACE_NTABLES; t++)
	{
		StrBuf		sql;

		strbuf_init(&sql);
		strbuf_appendf(&sql, "COPY %s.%s (", s, trace_table_name((TraceTable) t));
		trace_table_columns((TraceTable) t, &ld->opt->columns, &sql);
		strbuf_appends(&sql, ") FROM STDIN");
		copy_batch_init(&ld->batches[t], sql.data);
		strbuf_free(&sql);
	}
	strbuf_init(&ld->sql_run_exists);
	strbuf_appendf(&ld->sql_run_exists, "SELECT 1 FROM %s.runs WHERE run_id = $1", s);
	strbuf_init(&ld->sql_agent_exists);
	strbuf_appendf(&ld->sql_agent_exists,
				   "SELECT 1 FROM %s.agents WHERE run_id = $1 AND agent_id = $2", s);
	strbuf_init(&ld->sql_delete_run);
	strbuf_appendf(&ld->sql_delete_run, "DELETE FROM %s.runs WHERE run_id = $1", s);
	strbuf_init(&ld->sql_insert_reject);
	strbuf_appendf(&ld->sql_insert_reject,
				   "INSERT INTO %s.rejects (run_id, source, line, reason) "
				   "VALUES ($1, $2, $3, $4)", s);
}

void
jsonl_load_free(JsonlLoad *ld)
{
	int			t;

	strmap_free(&ld->runs, free_run);
	strmap_free(&ld->agents, NULL);
	strmap_free(&ld->claims, NULL);
	strmap_free(&ld->steps, NULL);
	strmap_free(&ld->messages, NULL);
	jsonl_free_pending(ld);
	free(ld->rejected);
	for (t = 0; t < TRACE_NTABLES; t++)
		copy_batch_free(&ld->batches[t]);
	trace_record_free(&ld->rec);
	strbuf_free(&ld->key);
	strbuf_free(&ld->reason);
	strbuf_free(&ld->sql_run_exists);
	strbuf_free(&ld->sql_agent_exists);
	strbuf_free(&ld->sql_delete_run);
	strbuf_free(&ld->sql_insert_reject);
}

void
jsonl_load_begin(JsonlLoad *ld, PGconn *conn, const LoadOptions *opt, const LoadInput *in,
				 LoadStats *stats)
{
	StrBuf		err;

	memset(ld, 0, sizeof(*ld));
	memset(stats, 0, sizeof(*stats));
	ld->conn = conn;
	ld->opt = opt;
	ld->in = in;
	ld->source = in->name;
	ld->stats = stats;
	ld->status = LOAD_OK;
	ld->started = progress_now();
	strmap_init(&ld->runs);
	strmap_init(&ld->agents);
	strmap_init(&ld->claims);
	strmap_init(&ld->steps);
	strmap_init(&ld->messages);
	trace_record_init(&ld->rec);
	ld->rec.columns = &opt->columns;
	strbuf_init(&ld->key);
	strbuf_init(&ld->reason);
	prepare_sql(ld);
	strbuf_init(&err);
	if (!pgc_command(conn, "BEGIN", &err))
		jsonl_server_failed(ld, 0, err.data);
	strbuf_free(&err);
}

LoadStatus
jsonl_load_finish(JsonlLoad *ld, bool ok)
{
	StrBuf		err;
	LoadStatus	status;

	strbuf_init(&err);
	ok = ok && ld->status == LOAD_OK && jsonl_resolve_pending(ld) && flush(ld) &&
		jsonl_record_rejects(ld);
	ld->source = ld->in->name;
	if (ok && !pgc_command(ld->conn, "COMMIT", &err))
		jsonl_refuse(ld, 0, err.data);
	if (ld->status == LOAD_OK && !ok)	/* the caller stopped without saying why */
		ld->status = LOAD_DATA_ERROR;
	if (ld->status != LOAD_OK && PQstatus(ld->conn) == CONNECTION_OK &&
		PQtransactionStatus(ld->conn) != PQTRANS_IDLE)
		pgc_command(ld->conn, "ROLLBACK", &err);
	if (ld->status != LOAD_OK)
		memset(ld->stats->rows, 0, sizeof(ld->stats->rows));
	ld->stats->seconds = progress_now() - ld->started;
	status = ld->status;
	strbuf_free(&err);
	return status;
}

LoadStatus
load_jsonl(PGconn *conn, const LoadOptions *opt, const LoadInput *in, LoadStats *stats)
{
	JsonlLoad	ld;
	LoadStatus	status;

	jsonl_load_begin(&ld, conn, opt, in, stats);
	status = jsonl_load_finish(&ld, ld.status == LOAD_OK && load_lines(&ld));
	jsonl_load_free(&ld);
	if (status == LOAD_OK && stats->records == 0 && !opt->quiet)
		load_report(in->name, 0, "empty input, nothing loaded");
	return status;
}
