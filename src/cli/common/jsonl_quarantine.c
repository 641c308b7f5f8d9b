/*
 * jsonl_quarantine: --quarantine. A bad record rejects its run: the run's later records are
 * skipped (flushes leave its buffered rows out), what was sent of it is deleted at the end,
 * and a row goes to rejects. A run already in the database that the input does not declare
 * cannot be quarantined: its earlier rows are not the input's to delete.
 */
#include "jsonl_load.h"

#include <inttypes.h>
#include <string.h>

#include "describe.h"
#include "load_report.h"
#include "pg_client.h"

/* Whether the run is in the database (looked up once, for runs not declared in the input). */
bool
jsonl_lookup_run(JsonlLoad *ld, RunState *run, int64_t line)
{
	const char *params[1] = {run->run_id};
	StrBuf		err;
	bool		exists = false;
	bool		ok;

	if (run->in_database >= 0)
		return true;
	strbuf_init(&err);
	ok = pgc_exists(ld->conn, ld->sql_run_exists.data, 1, params, &exists, &err);
	if (!ok)
		jsonl_server_failed(ld, line, err.data);
	else
		run->in_database = exists;
	strbuf_free(&err);
	return ok;
}

/* Quarantine the run, or refuse the input when not in --quarantine mode or not possible. */
bool
jsonl_reject_run(JsonlLoad *ld, RunState *run, int64_t line, const char *reason)
{
	char		shown[160];
	StrBuf		msg;

	ld->source = jsonl_run_source(ld, run);
	if (!ld->opt->quarantine)
		return jsonl_refuse(ld, line, reason);
	if (run->declared_line == 0 && !jsonl_lookup_run(ld, run, line))
		return false;
	describe_text(shown, sizeof(shown), run->run_id, strlen(run->run_id));
	strbuf_init(&msg);
	if (run->declared_line == 0 && run->in_database == 1)
	{
		strbuf_appendf(&msg, "%s (run %s is already in the database and has no run record in "
					   "this input, so it cannot be quarantined)", reason, shown);
		jsonl_refuse(ld, line, msg.data);
		strbuf_free(&msg);
		return false;
	}
	run->rejected = true;
	run->reject_line = line;
	run->reject_reason = xstrdup(reason);
	ld->rejected = xgrow(ld->rejected, ld->nrejected, &ld->rejected_cap, sizeof(RunState *), 16);
	ld->rejected[ld->nrejected++] = run;
	ld->stats->rejected_runs++;
	if (!ld->opt->quiet)
	{
		strbuf_appendf(&msg, "run %s quarantined: %s", shown, reason);
		load_report(ld->source, line, msg.data);
	}
	strbuf_free(&msg);
	return true;
}

/* Delete what was sent of each quarantined run and record it in rejects. */
bool
jsonl_record_rejects(JsonlLoad *ld)
{
	StrBuf		err;
	size_t		i;
	int			t;
	bool		ok = true;

	strbuf_init(&err);
	for (i = 0; i < ld->nrejected && ok; i++)
	{
		RunState   *run = ld->rejected[i];
		char		line[32];
		const char *params[4] = {run->run_id, jsonl_run_source(ld, run), line,
		run->reject_reason};

		snprintf(line, sizeof(line), "%" PRId64, run->reject_line);
		if (run->rows_sent[TRACE_RUNS] > 0)
		{
			ok = pgc_command_params(ld->conn, ld->sql_delete_run.data, 1, params, &err);
			for (t = 0; t < TRACE_NTABLES; t++)
				ld->stats->rows[t] -= run->rows_sent[t];
		}
		if (ok)
			ok = pgc_command_params(ld->conn, ld->sql_insert_reject.data, 4, params, &err);
	}
	if (!ok)
		jsonl_server_failed(ld, 0, err.data);
	strbuf_free(&err);
	return ok;
}

