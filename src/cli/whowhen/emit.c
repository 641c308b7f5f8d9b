/*
 * emit: the run, agent and event records of a converted run as JSON lines, collected in a
 * buffer so that nothing reaches the output before every run has converted.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whowhen.h"

#define WW_BENCHMARK "who_and_when"

static int
append_to_strbuf(const char *buffer, size_t size, void *data)
{
	strbuf_append(data, buffer, size);
	return 0;
}

/* Append one record as a compact JSON line and release it. jansson writes it rather than
 * json_text's append_json, whose escapes differ (\u0008 for \b, \u001f for \u001F). */
static void
emit(StrBuf *out, json_t *record)
{
	if (json_dump_callback(record, append_to_strbuf, out, JSON_COMPACT) != 0)
	{
		fprintf(stderr, "collcog-whowhen: cannot serialise a record\n");
		exit(1);
	}
	strbuf_appendc(out, '\n');
	json_decref(record);
}

static json_t *
id_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *
claim_id(long step)
{
	char		buf[32];

	snprintf(buf, sizeof(buf), "s%ld", step);
	return json_string(buf);
}

static void
emit_agent(const Run *run, const Agent *agent, StrBuf *out)
{
	json_t	   *ag = json_object();

	jset(ag, "record", json_string("agent"));
	jset(ag, "run_id", json_string(run->run_id));
	jset(ag, "agent_id", json_string(agent->id));
	jset(ag, "agent_type", json_string(agent->agent_type));
	jset(ag, "model", json_null());
	jset(ag, "role", json_string(agent->role));
	emit(out, ag);
}

static void
emit_event(const Run *run, const Event *ev, StrBuf *out)
{
	json_t	   *j = json_object();
	json_t	   *parents = json_array();

	for (size_t p = 0; p < ev->n_parents; p++)
		json_array_append_new(parents, claim_id(ev->parents[p]));
	jset(j, "record", json_string("event"));
	jset(j, "run_id", json_string(run->run_id));
	jset(j, "step_id", json_integer(ev->step));
	jset(j, "ts", json_null());
	jset(j, "agent_id", json_string(ev->agent));
	jset(j, "event_type", json_string(cc_event_type_name(ev->type)));
	jset(j, "claim_id", cc_event_type_creates_claim(ev->type) ? claim_id(ev->step) : json_null());
	jset(j, "parent_claim_ids", parents);
	jset(j, "target_claim_id", ev->target >= 0 ? claim_id(ev->target) : json_null());
	jset(j, "subtask_id", id_or_null(ev->subtask));
	jset(j, "parent_subtask_id", id_or_null(ev->parent_subtask));
	jset(j, "message_length", json_integer(ev->length));
	jset(j, "payload", json_incref(ev->payload));
	emit(out, j);
}

void
emit_run(const Run *run, json_t *meta, StrBuf *out)
{
	json_t	   *r = json_object();

	jset(r, "record", json_string("run"));
	jset(r, "run_id", json_string(run->run_id));
	jset(r, "benchmark", json_string(WW_BENCHMARK));
	jset(r, "task_family", json_string(subset_dir[run->subset]));
	jset(r, "topology", json_string(run->subset == SUBSET_AG ? "fully_connected" : "star"));
	jset(r, "n_agents", json_integer((json_int_t) run->n_agents));
	jset(r, "model", json_null());
	jset(r, "seed", json_null());
	jset(r, "success", json_boolean(json_is_true(json_object_get(meta, "is_correct"))));
	jset(r, "score", json_null());
	jset(r, "started_at", json_null());
	jset(r, "meta", json_incref(meta));
	emit(out, r);
	for (size_t a = 0; a < run->n_agents; a++)
		emit_agent(run, &run->agents[a], out);
	for (size_t e = 0; e < run->n_events; e++)
		emit_event(run, &run->events[e], out);
}

int
write_output(const StrBuf *out, const char *path)
{
	FILE	   *f = stdout;
	int			status = 0;

	if (path != NULL && (f = fopen(path, "w")) == NULL)
	{
		fail(path, "cannot open for writing: %s", strerror(errno));
		return 1;
	}
	if (out->len > 0 && fwrite(out->data, 1, out->len, f) != out->len)
		status = 1;
	if ((f == stdout ? fflush(f) : fclose(f)) != 0)
		status = 1;
	if (status != 0)
		fail(path ? path : "stdout", "write failed: %s", strerror(errno));
	return status;
}
