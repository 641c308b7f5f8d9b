/*
 * e3_event: one line of an E.3 events.jsonl as canonical records: the run's record before
 * its first event, an agent record when an agent first acts, and the event. The rules for
 * what real logs write (docs/collcog-load.md#e3): step_id is the line, the logged step_id
 * is kept; an endorsement or a delegation that carries a new claim creates it, one that
 * names an earlier claim endorses it; self-parents and parents that name no earlier claim of
 * the run are dropped (the latter kept in payload.collcog), and an event whose type then
 * lacks the parents it needs is stored as a propose. Every logged field without a column of
 * its own goes to payload as written.
 */
#include "e3_load.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "copy_text.h"
#include "describe.h"
#include "json_text.h"
#include "rfc3339.h"

/* The logged fields the importer reads. */
typedef enum E3Field
{
	F_RUN_ID,
	F_STEP_ID,
	F_TIMESTAMP,
	F_AGENT_ID,
	F_AGENT_ROLE,				/* read for agents.role, kept in payload */
	F_EVENT_TYPE,
	F_CLAIM_ID,
	F_PARENT_CLAIM_IDS,
	F_MERGE_PARENT_CLAIM_IDS,
	F_TARGET_CLAIM_ID,
	F_ENDORSED_CLAIM_ID,		/* read by endorsements only */
	F_SUBTASK_ID,
	F_PARENT_SUBTASK_ID,
	F_MESSAGE_LENGTH_TOKENS,
	F_MESSAGE_LENGTH,
	F_ROOT_CLAIM_ID,
	F_CLAIM_DEPTH,
	F_RESERVED,					/* "collcog": the importer's notes */
	F_RUN_FIELD,				/* F_RUN_FIELD + k: e3_run_field_names[k] */
	F_NFIELDS = F_RUN_FIELD + E3_NRUNFIELDS
} E3Field;

typedef struct FieldName
{
	const char *name;
	int			field;
} FieldName;

/* Sorted by name (bytewise) for bsearch. */
static const FieldName field_names[] = {
	{"agent_id", F_AGENT_ID},
	{"agent_role", F_AGENT_ROLE},
	{"architecture", F_RUN_FIELD + E3_RF_ARCHITECTURE},
	{"benchmark", F_RUN_FIELD + E3_RF_BENCHMARK},
	{"claim_depth", F_CLAIM_DEPTH},
	{"claim_id", F_CLAIM_ID},
	{"collcog", F_RESERVED},
	{"difficulty", F_RUN_FIELD + E3_RF_DIFFICULTY},
	{"endorsed_claim_id", F_ENDORSED_CLAIM_ID},
	{"event_type", F_EVENT_TYPE},
	{"merge_parent_claim_ids", F_MERGE_PARENT_CLAIM_IDS},
	{"message_length", F_MESSAGE_LENGTH},
	{"message_length_tokens", F_MESSAGE_LENGTH_TOKENS},
	{"num_agents", F_RUN_FIELD + E3_RF_NUM_AGENTS},
	{"parent_claim_ids", F_PARENT_CLAIM_IDS},
	{"parent_subtask_id", F_PARENT_SUBTASK_ID},
	{"root_claim_id", F_ROOT_CLAIM_ID},
	{"run_id", F_RUN_ID},
	{"seed", F_RUN_FIELD + E3_RF_SEED},
	{"step_id", F_STEP_ID},
	{"subtask_id", F_SUBTASK_ID},
	{"target_claim_id", F_TARGET_CLAIM_ID},
	{"task_family", F_RUN_FIELD + E3_RF_TASK_FAMILY},
	{"task_id", F_RUN_FIELD + E3_RF_TASK_ID},
	{"timestamp", F_TIMESTAMP},
	{"topology", F_RUN_FIELD + E3_RF_TOPOLOGY},
};

#define N_FIELD_NAMES (sizeof(field_names) / sizeof(field_names[0]))

/* An event being mapped. */
typedef struct Mapping
{
	const JsonMember *f[F_NFIELDS];	/* the non-null member of each field, or NULL */
	bool		to_payload[F_NFIELDS];	/* read, but kept in payload as well */
	cc_event_type type;
	cc_event_type logged_type;
	int64_t		step;
	TraceId		logged_claim;	/* the claim_id as logged */
	bool		dropped;		/* a parent of this event was dropped */
	size_t		ndangling;
	char		ts[64];
	bool		has_ts;
	char		length[16];
	char		depth[16];
	char		logged_step[32];
	char		line[32];
} Mapping;

static int
compare_field_name(const void *key, const void *elem)
{
	return strcmp(key, ((const FieldName *) elem)->name);
}

static bool
reject(E3Load *e3, E3Run *run, int64_t line)
{
	return jsonl_reject_run(&e3->ld, run->run, line, e3->ld.reason.data);
}

static const char *
kind_name(JsonKind k)
{
	static const char *const names[] = {
		"null", "false", "true", "a number", "a string", "an array", "an object"
	};

	return names[k];
}

bool
e3_read_id(E3Load *e3, const char *what, const JsonValue *v, TraceId *id)
{
	int64_t		i;

	if (v->kind == JSON_KIND_STRING)
	{
		strbuf_reset(&e3->scratch);
		json_decode_string(v, &e3->scratch);
		if (e3->scratch.len == 0)
			return e3_fail(e3, "%s is an empty string", what);
		if (e3->scratch.len > CC_MAX_ID_BYTES)
			return e3_fail(e3, "%s is longer than %d bytes", what, CC_MAX_ID_BYTES);
		trace_record_set_id(id, e3->scratch.data, e3->scratch.len);
		return true;
	}
	if (json_value_int64(v, &i))
	{
		char		text[32];

		trace_record_set_id(id, text, (size_t) snprintf(text, sizeof(text), "%" PRId64, i));
		return true;
	}
	return e3_fail(e3, "%s must be a string or an integer, not %s", what,
				   v->kind == JSON_KIND_NUMBER ? "a fractional number" : kind_name(v->kind));
}

/* An integer field in [lo, hi], written in decimal into buf. */
static bool
read_integer(E3Load *e3, const JsonMember *m, int64_t lo, int64_t hi, int64_t *out,
			 char *buf, size_t size)
{
	if (!json_value_int64(&m->value, out))
		return e3_fail(e3, "field \"%s\" must be an integer, not %s", m->key,
					   m->value.kind == JSON_KIND_NUMBER ? "a fractional or too large number" :
					   kind_name(m->value.kind));
	if (*out < lo || *out > hi)
		return e3_fail(e3, "field \"%s\" must be between %" PRId64 " and %"
					   PRId64 ", not %" PRId64, m->key, lo, hi, *out);
	if (buf != NULL)
		snprintf(buf, size, "%" PRId64, *out);
	return true;
}

/*
 * Unix seconds as PostgreSQL's to_timestamp(double precision) gives them (rounded to the
 * microsecond the same way), written as "YYYY-MM-DD HH:MM:SS.ffffff+00".
 */
static bool
unix_seconds_text(double x, char *buf, size_t size)
{
	const double pg_epoch = 946684800.0;	/* 2000-01-01 in Unix seconds */
	int64_t		us;
	time_t		secs;
	int64_t		frac;
	struct tm	tm;

	/* years 1 to 9999 */
	if (!isfinite(x) || x < -62135596800.0 || x >= 253402300800.0)
		return false;
	us = (int64_t) rint((x - pg_epoch) * 1000000.0) + INT64_C(946684800000000);
	secs = (time_t) (us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000));
	frac = us - (int64_t) secs * 1000000;
	if (gmtime_r(&secs, &tm) == NULL)
		return false;
	snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d.%06" PRId64 "+00", tm.tm_year + 1900,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
	return true;
}

static bool
read_timestamp(E3Load *e3, const JsonMember *m, Mapping *mp)
{
	if (m->value.kind == JSON_KIND_NUMBER)
	{
		char		num[64];
		size_t		n = m->value.len < sizeof(num) ? m->value.len : sizeof(num) - 1;

		memcpy(num, m->value.text, n);
		num[n] = '\0';
		if (m->value.len >= sizeof(num) || !unix_seconds_text(strtod(num, NULL), mp->ts, sizeof(mp->ts)))
			return e3_fail(e3, "field \"timestamp\" is out of range (Unix "
						   "seconds of the years 1 to 9999)");
		mp->has_ts = true;
		return true;
	}
	if (m->value.kind == JSON_KIND_STRING)
	{
		char		shown[160];

		strbuf_reset(&e3->scratch);
		json_decode_string(&m->value, &e3->scratch);
		if (!rfc3339_valid(e3->scratch.data, e3->scratch.len) || e3->scratch.len >= sizeof(mp->ts))
		{
			describe_text(shown, sizeof(shown), e3->scratch.data, e3->scratch.len);
			return e3_fail(e3, "field \"timestamp\" is neither Unix seconds nor "
						   "an RFC 3339 timestamp: %s", shown);
		}
		memcpy(mp->ts, e3->scratch.data, e3->scratch.len + 1);
		mp->has_ts = true;
		return true;
	}
	return e3_fail(e3, "field \"timestamp\" must be a number (Unix seconds) or "
				   "an RFC 3339 string, not %s", kind_name(m->value.kind));
}

/* Sort the line's members into the fields the importer reads. */
static bool
classify(E3Load *e3, Mapping *mp)
{
	size_t		i;

	memset(mp->f, 0, sizeof(mp->f));
	memset(mp->to_payload, 0, sizeof(mp->to_payload));
	if (e3->member_field_cap < e3->scan.n)
	{
		e3->member_field_cap = e3->scan.n;
		e3->member_field = xrealloc(e3->member_field, e3->member_field_cap * sizeof(int));
	}
	for (i = 0; i < e3->scan.n; i++)
	{
		const JsonMember *m = &e3->scan.members[i];
		const FieldName *fn;

		e3->member_field[i] = -1;
		if (m->value.kind == JSON_KIND_NULL)
			continue;
		fn = bsearch(m->key, field_names, N_FIELD_NAMES, sizeof(FieldName), compare_field_name);
		if (fn == NULL)
			continue;
		e3->member_field[i] = fn->field;
		if (fn->field == F_RESERVED)
			return e3_fail(e3, "field \"collcog\" is reserved for the importer's "
						   "notes in payload");
		mp->f[fn->field] = m;
	}
	mp->to_payload[F_AGENT_ROLE] = true;
	return true;
}

/* The logged type; the paper's names and collcog's are both accepted. */
static bool
read_event_type(E3Load *e3, Mapping *mp)
{
	const JsonMember *m = mp->f[F_EVENT_TYPE];
	char		shown[160];

	if (m == NULL)
		return e3_fail(e3, "missing required field \"event_type\"");
	if (m->value.kind != JSON_KIND_STRING)
		return e3_fail(e3, "field \"event_type\" must be a string, not %s",
					   kind_name(m->value.kind));
	strbuf_reset(&e3->scratch);
	json_decode_string(&m->value, &e3->scratch);
	if (cc_event_type_parse(e3->scratch.data, e3->scratch.len, &mp->logged_type) == 0)
	{
		mp->type = mp->logged_type;
		return true;
	}
	describe_text(shown, sizeof(shown), e3->scratch.data, e3->scratch.len);
	return e3_fail(e3, "unknown event type %s (expected propose_claim, "
				   "revise_claim, contradict_claim, merge_claims, delegate_subtask or "
				   "endorse_claim)", shown);
}

/* An optional id field into a slot of the record. */
static bool
optional_id(E3Load *e3, const JsonMember *m, TraceId *id)
{
	char		what[80];

	if (m == NULL)
		return true;
	snprintf(what, sizeof(what), "field \"%.60s\"", m->key);
	return e3_read_id(e3, what, &m->value, id);
}

/* Whether an id names a claim created on an earlier line of the run. */
static bool
earlier_claim(E3Load *e3, const E3Run *run, const TraceId *id)
{
	return jsonl_claim_line(&e3->ld, run->run, id->text, id->len) > 0;
}

static bool
is_parent(const TraceRecord *rec, const TraceId *id)
{
	size_t		i,
				len;

	for (i = 0; i < rec->nparents; i++)
	{
		const char *p = trace_record_parent(rec, i, &len);

		if (len == id->len && memcmp(p, id->text, len) == 0)
			return true;
	}
	return false;
}

/*
 * One parent as logged: kept when it names an earlier claim; a self-parent is dropped; one
 * that names no earlier claim is dropped and noted.
 */
static void
add_parent(E3Load *e3, E3Run *run, Mapping *mp, const TraceId *p, bool dedupe)
{
	TraceRecord *rec = &e3->ld.rec;

	if (mp->logged_claim.present && p->len == mp->logged_claim.len &&
		memcmp(p->text, mp->logged_claim.text, p->len) == 0)
	{
		run->counts[E3_SELF_PARENT]++;
		mp->dropped = true;
	}
	else if (!earlier_claim(e3, run, p))
	{
		run->counts[E3_DANGLING_PARENT]++;
		mp->dropped = true;
		if (mp->ndangling++ > 0)
			strbuf_appendc(&e3->notes, ',');
		append_json_string(&e3->notes, p->text, p->len);
	}
	else if (!dedupe || !is_parent(rec, p))
		trace_record_add_parent(rec, p->text, p->len);
}

/* The parents of a list field; with dedupe, those already listed are skipped. */
static bool
add_parent_list(E3Load *e3, E3Run *run, Mapping *mp, const JsonMember *m, bool dedupe)
{
	const char *pos = NULL;
	JsonValue	elem;
	TraceId		id;
	char		what[64];
	size_t		i = 0;

	if (m == NULL)
		return true;
	if (m->value.kind != JSON_KIND_ARRAY)
		return e3_fail(e3, "field \"%s\" must be an array of ids, not %s", m->key,
					   kind_name(m->value.kind));
	while (json_array_next(&m->value, &pos, &elem))
	{
		snprintf(what, sizeof(what), "element %zu of \"%s\"", ++i, m->key);
		if (!e3_read_id(e3, what, &elem, &id))
			return false;
		add_parent(e3, run, mp, &id, dedupe);
	}
	return true;
}

/* Whether two members hold the same text. */
static bool
same_text(const JsonMember *a, const JsonMember *b)
{
	return a->value.len == b->value.len && memcmp(a->value.text, b->value.text, a->value.len) == 0;
}

/*
 * Claim, parents and target, by the rules for endorsements and delegations, and the
 * fallback to propose for a type left without the parents it needs.
 */
static bool
map_lineage(E3Load *e3, E3Run *run, Mapping *mp)
{
	TraceRecord *rec = &e3->ld.rec;
	const JsonMember *pm = mp->f[F_PARENT_CLAIM_IDS];
	const JsonMember *mm = mp->f[F_MERGE_PARENT_CLAIM_IDS];
	TraceId		endorsed;
	char		shown[160];
	size_t		need;
	bool		endorses_earlier = false;

	endorsed.present = false;
	if (!optional_id(e3, mp->f[F_CLAIM_ID], &rec->claim_id) ||
		!optional_id(e3, mp->f[F_TARGET_CLAIM_ID], &rec->target_claim_id))
		return false;
	mp->logged_claim = rec->claim_id;
	if (mp->type == CC_EV_ENDORSE)
	{
		/* the claim endorsed: endorsed_claim_id, else the target */
		if (!optional_id(e3, mp->f[F_ENDORSED_CLAIM_ID], &endorsed))
			return false;
		if (!endorsed.present)
			endorsed = rec->target_claim_id;
		else if (rec->target_claim_id.present)
			mp->to_payload[F_TARGET_CLAIM_ID] = true;	/* the endorsed claim is what counts */
		rec->target_claim_id.present = false;
		if (rec->claim_id.present && earlier_claim(e3, run, &rec->claim_id))
		{
			/* it endorses a claim created earlier: that is its target */
			run->counts[E3_ENDORSE_EARLIER]++;
			endorses_earlier = true;
			rec->target_claim_id = rec->claim_id;
			if (endorsed.present && (endorsed.len != rec->claim_id.len ||
									 memcmp(endorsed.text, rec->claim_id.text, endorsed.len) != 0))
				mp->to_payload[F_ENDORSED_CLAIM_ID] = true;
			endorsed.present = false;
		}
		else if (rec->claim_id.present)
		{
			/* it creates its claim; a claim it endorses besides is its parent (below) */
			run->counts[E3_ENDORSE_CLAIM]++;
			if (endorsed.present && endorsed.len == rec->claim_id.len &&
				memcmp(endorsed.text, rec->claim_id.text, endorsed.len) == 0)
				endorsed.present = false;
		}
		else if (!endorsed.present)
			return e3_fail(e3, "an endorse_claim event needs \"claim_id\", "
						   "\"endorsed_claim_id\" or \"target_claim_id\"");
		else if (!earlier_claim(e3, run, &endorsed))
		{
			describe_text(shown, sizeof(shown), endorsed.text, endorsed.len);
			return e3_fail(e3, "the endorsed claim %s is not created by an earlier "
						   "event of the run", shown);
		}
		else
		{
			rec->target_claim_id = endorsed;
			endorsed.present = false;
		}
	}
	else
		mp->to_payload[F_ENDORSED_CLAIM_ID] = true;
	if (mp->type == CC_EV_DELEGATE && rec->claim_id.present)
		run->counts[E3_DELEGATE_CLAIM]++;

	/* parents: the union of both lists; a merge logs the same list in both */
	if (!add_parent_list(e3, run, mp, mm, false))
		return false;
	if (pm != NULL && (mm == NULL || !same_text(pm, mm)) &&
		!add_parent_list(e3, run, mp, pm, mm != NULL))
		return false;
	if (endorses_earlier)
		rec->claim_id.present = false;
	if (endorsed.present)
	{
		/* an endorsement that creates a claim under the claim it endorses */
		size_t		before = rec->nparents;

		add_parent(e3, run, mp, &endorsed, true);
		if (rec->nparents > before || is_parent(rec, &endorsed))
			rec->target_claim_id = endorsed;
	}

	/* a type left without the parents it needs by the drops is stored as a propose */
	need = mp->type == CC_EV_MERGE ? 2 : 1;
	if (mp->dropped && (mp->type == CC_EV_REVISE || mp->type == CC_EV_CONTRADICT ||
						mp->type == CC_EV_MERGE) &&
		(mp->type == CC_EV_MERGE ? rec->nparents < need : rec->nparents != need))
	{
		run->counts[E3_RETYPED]++;
		mp->type = CC_EV_PROPOSE;
		if (rec->target_claim_id.present && !is_parent(rec, &rec->target_claim_id))
			rec->target_claim_id.present = false;
	}
	if (rec->target_claim_id.present)
	{
		describe_text(shown, sizeof(shown), rec->target_claim_id.text, rec->target_claim_id.len);
		if (rec->claim_id.present && !is_parent(rec, &rec->target_claim_id))
			return e3_fail(e3, "the target claim %s is not among the parents of the "
						   "claim the event creates", shown);
		if (!earlier_claim(e3, run, &rec->target_claim_id))
			return e3_fail(e3, "the target claim %s is not created by an earlier "
						   "event of the run", shown);
	}
	return true;
}

/* The agent's record when it first acts in the run (its role the first it is logged with); a
 * later change of role is counted once per agent. */
static bool
add_agent(E3Load *e3, E3Run *run, const Mapping *mp, const TraceId *agent, int64_t line)
{
	TraceRecord *rec = &e3->ld.rec;
	const JsonMember *rm = mp->f[F_AGENT_ROLE];
	TraceCell	cells[8];
	StrMapEntry *e;
	bool		added;
	char	   *role = NULL;

	if (rm != NULL && rm->value.kind != JSON_KIND_STRING)
	{
		jsonl_set_reason(&e3->ld, "field \"agent_role\" must be a string, not %s",
						 kind_name(rm->value.kind));
		return reject(e3, run, line);
	}
	if (rm != NULL)
	{
		strbuf_reset(&e3->scratch);
		json_decode_string(&rm->value, &e3->scratch);
		role = e3->scratch.data;
	}
	e = strmap_insert(&run->agents, agent->text, agent->len, &added);
	if (!added)
	{
		const char *first = e->data;

		if (e->value == 0 && ((role == NULL) != (first == NULL) ||
							  (role != NULL && strcmp(role, first) != 0)))
		{
			e->value = 1;
			run->counts[E3_ROLE_CHANGE]++;
		}
		return true;
	}
	e->data = role != NULL ? xstrdup(role) : NULL;
	memset(cells, 0, sizeof(cells));
	trace_record_start(rec, TRACE_AGENTS);
	trace_record_set_id(&rec->run_id, run->run->run_id, strlen(run->run->run_id));
	rec->agent_id = *agent;
	cells[trace_table_column_index(TRACE_AGENTS, "run_id")] =
		(TraceCell) {run->run->run_id, strlen(run->run->run_id)};
	cells[trace_table_column_index(TRACE_AGENTS, "agent_id")] = (TraceCell) {agent->text, agent->len};
	if (run->model != NULL)
		cells[trace_table_column_index(TRACE_AGENTS, "model")] =
			(TraceCell) {run->model, strlen(run->model)};
	if (e->data != NULL)
		cells[trace_table_column_index(TRACE_AGENTS, "role")] =
			(TraceCell) {e->data, strlen(e->data)};
	trace_record_write_row(rec, cells);
	return jsonl_add_record(&e3->ld, run->run, line);
}

/* The logged fields without a column of their own, as written, and the importer's notes. */
static const char *
build_payload(E3Load *e3, const Mapping *mp, size_t *len)
{
	StrBuf	   *p = &e3->text;
	size_t		i,
				n = 0;

	strbuf_reset(p);
	strbuf_appendc(p, '{');
	for (i = 0; i < e3->scan.n; i++)
	{
		const JsonMember *m = &e3->scan.members[i];
		int			field = e3->member_field[i];

		if (m->value.kind == JSON_KIND_NULL || (field >= 0 && !mp->to_payload[field]))
			continue;
		if (n++ > 0)
			strbuf_appendc(p, ',');
		strbuf_append(p, m->raw_key, m->raw_keylen);
		strbuf_appendc(p, ':');
		strbuf_append(p, m->value.text, m->value.len);
	}
	if (mp->ndangling > 0 || mp->type != mp->logged_type)
	{
		strbuf_appendf(p, "%s\"collcog\":{", n++ > 0 ? "," : "");
		if (mp->ndangling > 0)
			strbuf_appendf(p, "\"dropped_parent_claim_ids\":[%s]", e3->notes.data);
		if (mp->type != mp->logged_type)
		{
			strbuf_appendf(p, "%s\"logged_event_type\":", mp->ndangling > 0 ? "," : "");
			strbuf_append(p, mp->f[F_EVENT_TYPE]->value.text, mp->f[F_EVENT_TYPE]->value.len);
		}
		strbuf_appendc(p, '}');
	}
	strbuf_appendc(p, '}');
	*len = p->len;
	return n > 0 ? p->data : NULL;
}

static TraceCell
id_cell(const TraceId *id)
{
	return id->present ? (TraceCell) {id->text, id->len} : (TraceCell) {NULL, 0};
}

/* The event's row, from the record's ids and parents and the mapping. */
static void
write_event_row(E3Load *e3, E3Run *run, Mapping *mp, const TraceId *root, int64_t line)
{
	TraceRecord *rec = &e3->ld.rec;
	TraceCell	cells[24];
	size_t		i,
				len;

	memset(cells, 0, sizeof(cells));
#define COL(name) cells[trace_table_column_index(TRACE_EVENTS, name)]
	COL("run_id") = (TraceCell) {run->run->run_id, strlen(run->run->run_id)};
	snprintf(mp->line, sizeof(mp->line), "%" PRId64, line);
	COL("step_id") = (TraceCell) {mp->line, strlen(mp->line)};
	if (mp->has_ts)
		COL("ts") = (TraceCell) {mp->ts, strlen(mp->ts)};
	COL("agent_id") = id_cell(&rec->agent_id);
	COL("event_type") = (TraceCell) {cc_event_type_name(mp->type), strlen(cc_event_type_name(mp->type))};
	COL("claim_id") = id_cell(&rec->claim_id);
	if (rec->nparents > 0)
	{
		strbuf_reset(&e3->literal);
		strbuf_appendc(&e3->literal, '{');
		for (i = 0; i < rec->nparents; i++)
		{
			const char *p = trace_record_parent(rec, i, &len);

			if (i > 0)
				strbuf_appendc(&e3->literal, ',');
			array_literal_element(&e3->literal, p, len);
		}
		strbuf_appendc(&e3->literal, '}');
		COL("parent_claim_ids") = (TraceCell) {e3->literal.data, e3->literal.len};
	}
	COL("target_claim_id") = id_cell(&rec->target_claim_id);
	COL("subtask_id") = id_cell(&rec->subtask_id);
	COL("parent_subtask_id") = id_cell(&rec->parent_subtask_id);
	if (mp->length[0] != '\0')
		COL("message_length") = (TraceCell) {mp->length, strlen(mp->length)};
	COL("payload").text = build_payload(e3, mp, &COL("payload").len);
	COL("logged_step") = (TraceCell) {mp->logged_step, strlen(mp->logged_step)};
	COL("logged_root_claim_id") = id_cell(root);
	if (mp->depth[0] != '\0')
		COL("logged_claim_depth") = (TraceCell) {mp->depth, strlen(mp->depth)};
#undef COL
	rec->step_id = line;
	rec->event_type = mp->type;
	trace_record_write_row(rec, cells);
}

/* The fields read before any record is made: step, agent, type, time, length, depth. */
static bool
read_scalars(E3Load *e3, E3Run *run, Mapping *mp, TraceId *agent, TraceId *root)
{
	const JsonMember *m;
	int64_t		x;

	if (mp->f[F_STEP_ID] == NULL)
		return e3_fail(e3, "missing required field \"step_id\"");
	if (!read_integer(e3, mp->f[F_STEP_ID], INT64_MIN, INT64_MAX, &mp->step, mp->logged_step,
					  sizeof(mp->logged_step)))
		return false;
	if (mp->f[F_AGENT_ID] == NULL)
		return e3_fail(e3, "missing required field \"agent_id\"");
	if (!e3_read_id(e3, "field \"agent_id\"", &mp->f[F_AGENT_ID]->value, agent) ||
		!read_event_type(e3, mp))
		return false;
	mp->has_ts = false;
	if (mp->f[F_TIMESTAMP] != NULL && !read_timestamp(e3, mp->f[F_TIMESTAMP], mp))
		return false;
	mp->length[0] = '\0';
	m = mp->f[F_MESSAGE_LENGTH_TOKENS] != NULL ? mp->f[F_MESSAGE_LENGTH_TOKENS] :
		mp->f[F_MESSAGE_LENGTH];
	if (m == mp->f[F_MESSAGE_LENGTH_TOKENS])
		mp->to_payload[F_MESSAGE_LENGTH] = true;
	if (m != NULL && !read_integer(e3, m, 0, INT32_MAX, &x, mp->length, sizeof(mp->length)))
		return false;
	mp->depth[0] = '\0';
	if (mp->f[F_CLAIM_DEPTH] != NULL &&
		!read_integer(e3, mp->f[F_CLAIM_DEPTH], 0, INT32_MAX, &x, mp->depth, sizeof(mp->depth)))
		return false;
	root->present = false;
	(void) run;
	return optional_id(e3, mp->f[F_ROOT_CLAIM_ID], root);
}

/* The run's id on every line is the run's. */
static bool
same_run(E3Load *e3, E3Run *run, const Mapping *mp)
{
	TraceId		id;
	char		shown[160],
				shown_run[160];

	if (mp->f[F_RUN_ID] == NULL)
		return e3_fail(e3, "missing required field \"run_id\"");
	if (!e3_read_id(e3, "field \"run_id\"", &mp->f[F_RUN_ID]->value, &id))
		return false;
	if (strlen(run->run->run_id) == id.len && memcmp(run->run->run_id, id.text, id.len) == 0)
		return true;
	describe_text(shown, sizeof(shown), id.text, id.len);
	describe_text(shown_run, sizeof(shown_run), run->run->run_id, strlen(run->run->run_id));
	return e3_fail(e3, "run_id %s differs from the run's, %s (one events.jsonl "
				   "holds one run)", shown, shown_run);
}

bool
e3_add_event(E3Load *e3, E3Run *run, int64_t line)
{
	JsonlLoad  *ld = &e3->ld;
	TraceRecord *rec = &ld->rec;
	const JsonMember *rf[E3_NRUNFIELDS];
	Mapping		mp;
	TraceId		agent,
				root;
	int			k;

	if (!classify(e3, &mp) || !same_run(e3, run, &mp) ||
		!read_scalars(e3, run, &mp, &agent, &root))
		return reject(e3, run, line);
	for (k = 0; k < E3_NRUNFIELDS; k++)
		rf[k] = mp.f[F_RUN_FIELD + k];
	if (run->first_line == 0)
	{
		run->first_line = line;
		if (!e3_run_record(e3, run, rf, mp.has_ts ? mp.ts : NULL))
			return reject(e3, run, line);
		if (!jsonl_add_record(ld, run->run, line) || run->run->rejected)
			return ld->status == LOAD_OK;
	}
	if (!e3_run_fields_agree(e3, run, rf))
		return reject(e3, run, line);
	if (!add_agent(e3, run, &mp, &agent, line) || run->run->rejected)
		return ld->status == LOAD_OK;

	/* sessions and steps as logged */
	if (run->events > 0 && mp.step < run->prev_step)
		run->counts[E3_SESSIONS]++;
	run->prev_step = mp.step;
	run->steps = xgrow(run->steps, run->nsteps, &run->steps_cap, sizeof(int64_t), 256);
	run->steps[run->nsteps++] = mp.step;
	run->events++;

	trace_record_start(rec, TRACE_EVENTS);
	trace_record_set_id(&rec->run_id, run->run->run_id, strlen(run->run->run_id));
	rec->agent_id = agent;
	strbuf_reset(&e3->notes);
	mp.dropped = false;
	mp.ndangling = 0;
	if (!optional_id(e3, mp.f[F_SUBTASK_ID], &rec->subtask_id) ||
		!optional_id(e3, mp.f[F_PARENT_SUBTASK_ID], &rec->parent_subtask_id) ||
		!map_lineage(e3, run, &mp))
		return reject(e3, run, line);
	rec->event_type = mp.type;
	if (!trace_record_check_event(rec))
	{
		jsonl_set_reason(ld, "%s", rec->error);
		return reject(e3, run, line);
	}
	write_event_row(e3, run, &mp, &root, line);
	return jsonl_add_record(ld, run->run, line);
}
