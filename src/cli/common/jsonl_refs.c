/*
 * jsonl_refs: the checks of a JSONL record against the rest of its input and the database:
 * runs and agents declared before use, ids unique within their run, and claim references
 * that resolve to a claim of the same run created at an earlier step (checked at the end of
 * the input for claims that come later in the file; the step order also rules out cycles).
 */
#include "jsonl_load.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "pg_client.h"

/* Build run NUL id [NUL id ...] in ld->key. */
static void
make_key(JsonlLoad *ld, const RunState *run, const char *a, size_t alen)
{
	strbuf_reset(&ld->key);
	strbuf_append(&ld->key, run->run_id, strlen(run->run_id) + 1);
	strbuf_append(&ld->key, a, alen);
}

static void
add_key_part(JsonlLoad *ld, const char *a, size_t alen)
{
	strbuf_appendc(&ld->key, '\0');
	strbuf_append(&ld->key, a, alen);
}

/* A run used by a record must be declared before it in the input, or be in the database. */
static bool
check_run_known(JsonlLoad *ld, RunState *run, int64_t line, const char *shown_run)
{
	if (run->declared_line > 0)
		return true;
	if (!jsonl_lookup_run(ld, run, line))
		return false;
	if (run->in_database == 1)
		return true;
	return jsonl_set_reason(ld, "run %s is not declared (a run record must come before the run's "
							"other records) and is not in the database", shown_run);
}

/* An agent used by an event or message must be declared before it, or be in the database. */
static bool
check_agent_known(JsonlLoad *ld, RunState *run, const TraceId *agent, const char *field,
				  int64_t line, const char *shown_run)
{
	const char *params[2];
	char		shown[160];
	StrBuf		err;
	bool		exists = false;
	bool		added;

	make_key(ld, run, agent->text, agent->len);
	if (strmap_find(&ld->agents, ld->key.data, ld->key.len) != NULL)
		return true;
	describe_text(shown, sizeof(shown), agent->text, agent->len);
	if (run->declared_line > 0)
		return jsonl_set_reason(ld, "%s: agent %s is not declared in run %s (an agent record must "
								"come before the events and messages that use it)",
								field, shown, shown_run);
	params[0] = run->run_id;
	params[1] = agent->text;
	strbuf_init(&err);
	if (!pgc_exists(ld->conn, ld->sql_agent_exists.data, 2, params, &exists, &err))
	{
		jsonl_server_failed(ld, line, err.data);
		strbuf_free(&err);
		return false;
	}
	strbuf_free(&err);
	if (!exists)
		return jsonl_set_reason(ld, "%s: agent %s does not exist in run %s", field, shown, shown_run);
	make_key(ld, run, agent->text, agent->len);
	strmap_insert(&ld->agents, ld->key.data, ld->key.len, &added)->value = -1;
	return true;
}

/* Register ld->key in map at line; false with a reason naming the first line if it is there. */
static bool
register_once(JsonlLoad *ld, StrMap *map, int64_t line, const char *what)
{
	bool		added;
	StrMapEntry *e = strmap_insert(map, ld->key.data, ld->key.len, &added);

	if (added)
	{
		e->value = line;
		return true;
	}
	if (e->value < 0)
		return jsonl_set_reason(ld, "%s already exists in the database", what);
	return jsonl_set_reason(ld, "%s is given twice (first at line %" PRId64 ")", what, e->value);
}

/* Register an agent or claim id of the run in map, keyed in ld->key; false if it is there. */
static bool
register_id(JsonlLoad *ld, StrMap *map, const RunState *run, const char *kind,
			const TraceId *id, int64_t line, const char *shown_run)
{
	char		what[400];
	char		shown[160];

	describe_text(shown, sizeof(shown), id->text, id->len);
	snprintf(what, sizeof(what), "%s %s of run %s", kind, shown, shown_run);
	make_key(ld, run, id->text, id->len);
	return register_once(ld, map, line, what);
}

/* A reference to a claim created at step claim_step, from an event at step_id. */
static bool
check_claim_order(JsonlLoad *ld, const char *field, const char *claim, size_t claimlen,
				  int64_t claim_step, int64_t step_id)
{
	char		shown[160];

	if (claim_step < step_id)
		return true;
	describe_text(shown, sizeof(shown), claim, claimlen);
	return jsonl_set_reason(ld, "%s: claim %s is created at step_id %" PRId64 ", not before this "
							"event's step_id %" PRId64, field, shown, claim_step, step_id);
}

/* Check a referenced claim now, or remember it for the end of the input. */
static bool
check_claim_ref(JsonlLoad *ld, RunState *run, const char *claim, size_t claimlen,
				const char *field, int64_t line)
{
	PendingRef *ref;
	StrMapEntry *e;

	make_key(ld, run, claim, claimlen);
	e = strmap_find(&ld->claims, ld->key.data, ld->key.len);
	if (e != NULL)
		return check_claim_order(ld, field, claim, claimlen, e->aux, ld->rec.step_id);
	ld->pending = xgrow(ld->pending, ld->npending, &ld->pending_cap, sizeof(PendingRef), 64);
	ref = &ld->pending[ld->npending++];
	ref->run = run;
	ref->claim_key = xstrndup(ld->key.data, ld->key.len);
	ref->keylen = ld->key.len;
	ref->line = line;
	ref->step_id = ld->rec.step_id;
	ref->field = field;
	return true;
}

static bool
check_run_record(JsonlLoad *ld, RunState *run, int64_t line, const char *shown_run)
{
	if (run->declared_line > 0)
		return jsonl_set_reason(ld, "run %s is declared twice (first at line %" PRId64 ")",
								shown_run, run->declared_line);
	if (run->in_database == 1)
		return jsonl_set_reason(ld, "run %s is already in the database", shown_run);
	run->declared_line = line;
	return true;
}

static bool
check_agent_record(JsonlLoad *ld, RunState *run, int64_t line, const char *shown_run)
{
	return check_run_known(ld, run, line, shown_run) &&
		register_id(ld, &ld->agents, run, "agent", &ld->rec.agent_id, line, shown_run);
}

static bool
check_event_record(JsonlLoad *ld, RunState *run, int64_t line, const char *shown_run)
{
	const TraceRecord *rec = &ld->rec;
	char		what[400];
	size_t		i;

	if (!check_run_known(ld, run, line, shown_run) ||
		!check_agent_known(ld, run, &rec->agent_id, "agent_id", line, shown_run))
		return false;

	snprintf(what, sizeof(what), "step_id %" PRId64 " of run %s", rec->step_id, shown_run);
	make_key(ld, run, (const char *) &rec->step_id, sizeof(rec->step_id));
	if (!register_once(ld, &ld->steps, line, what))
		return false;

	if (rec->claim_id.present)
	{
		if (!register_id(ld, &ld->claims, run, "claim", &rec->claim_id, line, shown_run))
			return false;
		strmap_find(&ld->claims, ld->key.data, ld->key.len)->aux = rec->step_id;
	}

	/* claims of runs that were loaded before cannot be seen here; the docs say so */
	if (run->declared_line == 0)
		return true;
	for (i = 0; i < rec->nparents; i++)
	{
		size_t		len;
		const char *parent = trace_record_parent(rec, i, &len);

		if (!check_claim_ref(ld, run, parent, len, "parent_claim_ids", line))
			return false;
	}
	return !rec->target_claim_id.present ||
		check_claim_ref(ld, run, rec->target_claim_id.text, rec->target_claim_id.len,
						"target_claim_id", line);
}

static bool
check_message_record(JsonlLoad *ld, RunState *run, int64_t line, const char *shown_run)
{
	const TraceRecord *rec = &ld->rec;
	char		what[600];
	char		shown_source[160];
	char		shown_target[160];
	char		t[32];

	if (!check_run_known(ld, run, line, shown_run) ||
		!check_agent_known(ld, run, &rec->source, "source", line, shown_run) ||
		!check_agent_known(ld, run, &rec->target, "target", line, shown_run))
		return false;
	describe_text(shown_source, sizeof(shown_source), rec->source.text, rec->source.len);
	describe_text(shown_target, sizeof(shown_target), rec->target.text, rec->target.len);
	snprintf(what, sizeof(what), "the message from %s to %s at t = %" PRId64 " of run %s",
			 shown_source, shown_target, rec->t, shown_run);
	snprintf(t, sizeof(t), "%" PRId64, rec->t);
	make_key(ld, run, t, strlen(t));
	add_key_part(ld, rec->source.text, rec->source.len);
	add_key_part(ld, rec->target.text, rec->target.len);
	return register_once(ld, &ld->messages, line, what);
}

/* The record's references and uniqueness against the rest of the input and the database. */
bool
jsonl_check_references(JsonlLoad *ld, RunState *run, int64_t line)
{
	char		shown_run[160];

	describe_text(shown_run, sizeof(shown_run), run->run_id, strlen(run->run_id));
	switch (ld->rec.table)
	{
		case TRACE_RUNS:
			return check_run_record(ld, run, line, shown_run);
		case TRACE_AGENTS:
			return check_agent_record(ld, run, line, shown_run);
		case TRACE_EVENTS:
			return check_event_record(ld, run, line, shown_run);
		case TRACE_MESSAGES:
			return check_message_record(ld, run, line, shown_run);
		default:
			return jsonl_set_reason(ld, "unknown record kind");
	}
}

int64_t
jsonl_claim_line(JsonlLoad *ld, const RunState *run, const char *claim, size_t len)
{
	StrMapEntry *e;

	make_key(ld, run, claim, len);
	e = strmap_find(&ld->claims, ld->key.data, ld->key.len);
	return e != NULL ? e->value : 0;
}

/* Claims referenced before their line must exist by the end of the input, at earlier steps. */
bool
jsonl_resolve_pending(JsonlLoad *ld)
{
	size_t		i;

	for (i = 0; i < ld->npending; i++)
	{
		const PendingRef *ref = &ld->pending[i];
		const char *claim = ref->claim_key + strlen(ref->claim_key) + 1;
		size_t		claimlen = ref->keylen - (size_t) (claim - ref->claim_key);
		StrMapEntry *e;
		char		shown_claim[160];
		char		shown_run[160];

		if (ref->run->rejected)
			continue;
		e = strmap_find(&ld->claims, ref->claim_key, ref->keylen);
		if (e == NULL)
		{
			describe_text(shown_claim, sizeof(shown_claim), claim, claimlen);
			describe_text(shown_run, sizeof(shown_run), ref->run->run_id,
						  strlen(ref->run->run_id));
			jsonl_set_reason(ld, "%s: claim %s is not created by any event of run %s",
							 ref->field, shown_claim, shown_run);
		}
		else if (check_claim_order(ld, ref->field, claim, claimlen, e->aux, ref->step_id))
			continue;
		if (!jsonl_reject_run(ld, ref->run, ref->line, ld->reason.data))
			return false;
	}
	return true;
}

void
jsonl_free_pending(JsonlLoad *ld)
{
	size_t		i;

	for (i = 0; i < ld->npending; i++)
		free(ld->pending[i].claim_key);
	free(ld->pending);
	ld->pending = NULL;
	ld->npending = ld->pending_cap = 0;
}
