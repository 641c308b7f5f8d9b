/*
 * The core's reconstruction result as rows of the derived tables (claims, subtasks,
 * cascades, event_sizes, cascade_agents), run_id excluded; shared by build_cascades(), which writes them,
 * and the *_from() functions, which return them, so that both give the same rows.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"

#include "cascade_pg.h"
#include "pg/common/core_error.h"

/* The id of claim, subtask or agent i of a result. */
typedef cc_str (*IdOf) (const cc_cascade_result *res, int i);

static cc_str
ClaimIdOf(const cc_cascade_result *res, int i)
{
	return res->claims[i].claim_id;
}

static cc_str
SubtaskIdOf(const cc_cascade_result *res, int i)
{
	return res->subtasks[i].subtask_id;
}

static cc_str
AgentIdOf(const cc_cascade_result *res, int i)
{
	return res->agents[i];
}

/* The text values of n ids, laid out back to back in one allocation. */
static Datum *
IdTexts(const cc_cascade_result *res, int n, IdOf id)
{
	Datum	   *texts = palloc_array(Datum, Max(n, 1));
	Size		bytes = 0;
	char	   *next;
	int			i;

	for (i = 0; i < n; i++)
		bytes += INTALIGN(VARHDRSZ + id(res, i).len);
	next = MemoryContextAllocHuge(CurrentMemoryContext, Max(bytes, 1));
	for (i = 0; i < n; i++)
	{
		cc_str		s = id(res, i);

		SET_VARSIZE(next, VARHDRSZ + s.len);
		memcpy(VARDATA(next), s.ptr, s.len);
		texts[i] = PointerGetDatum(next);
		next += INTALIGN(VARHDRSZ + s.len);
	}
	return texts;
}

void
DerivedRunInit(DerivedRun *run, const cc_cascade_result *res, const Datum *status)
{
	cc_error	err;
	int			o;

	run->res = res;
	run->status = status;
	run->claim_ids = IdTexts(res, res->n_claims, ClaimIdOf);
	run->subtask_ids = IdTexts(res, res->n_subtasks, SubtaskIdOf);
	run->agent_ids = IdTexts(res, res->n_agents, AgentIdOf);
	for (o = 0; o < DERIVED_NOBSERVABLES; o++)
		run->observables[o] = CStringGetTextDatum(cc_observable_name((cc_observable) o));
	if (cc_cascade_key_order(res, &run->order, &err) != CC_OK)
		cc_report(&err);
}

/* ids[i], or NULL for i = -1. */
static Datum
OptionalId(const Datum *ids, int32 i, bool *isnull)
{
	*isnull = i < 0;
	return i < 0 ? (Datum) 0 : ids[i];
}

/* A count of the cascades or cascade_agents table, whose columns are integer. */
static Datum
CountDatum(int64 n, const char *column)
{
	if (n > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cascade %s " INT64_FORMAT " is out of range for type integer",
						column, n)));
	return Int32GetDatum((int32) n);
}

static int
ClaimCount(const cc_cascade_result *res)
{
	return res->n_claims;
}

static void
ClaimValues(const DerivedRun *run, int i, Datum *values, bool *nulls)
{
	const cc_claim_row *c = &run->res->claims[i];

	memset(nulls, 0, derived_rows[DERIVED_CLAIMS].ncols * sizeof(bool));
	values[0] = run->claim_ids[i];
	values[1] = Int64GetDatum(c->step_id);
	values[2] = run->claim_ids[c->root];
	values[3] = Int32GetDatum(c->depth);
	values[4] = run->status[c->status];
	if (values[4] == (Datum) 0)	/* claim_status of 0.1.0 lacks the newer statuses */
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("type claim_status has no label \"%s\"", cc_claim_status_name(c->status)),
				 errhint("Update the extension: ALTER EXTENSION collcog UPDATE.")));
	values[5] = OptionalId(run->claim_ids, c->revision_chain, &nulls[5]);
	values[6] = OptionalId(run->claim_ids, c->contradiction_group, &nulls[6]);
	values[7] = OptionalId(run->claim_ids, c->merge, &nulls[7]);
}

static int
SubtaskCount(const cc_cascade_result *res)
{
	return res->n_subtasks;
}

static void
SubtaskValues(const DerivedRun *run, int i, Datum *values, bool *nulls)
{
	const cc_subtask_row *s = &run->res->subtasks[i];

	memset(nulls, 0, derived_rows[DERIVED_SUBTASKS].ncols * sizeof(bool));
	values[0] = run->subtask_ids[i];
	values[1] = OptionalId(run->subtask_ids, s->parent, &nulls[1]);
	values[2] = Int32GetDatum(s->depth);
	values[3] = OptionalId(run->agent_ids, s->assigned_agent, &nulls[3]);
	values[4] = Int64GetDatum(s->n_subtasks_in_subtree);
	values[5] = Int64GetDatum(s->n_events_in_subtree);
}

static int
CascadeCount(const cc_cascade_result *res)
{
	return res->n_cascades;
}

static void
CascadeValues(const DerivedRun *run, int i, Datum *values, bool *nulls)
{
	const DerivedRows *rows = &derived_rows[DERIVED_CASCADES];
	const cc_cascade_row *c = &run->res->cascades[i];
	int			t;

	memset(nulls, 0, rows->ncols * sizeof(bool));
	values[0] = run->claim_ids[c->root];
	values[1] = CountDatum(c->size, rows->columns[1]);
	values[2] = CountDatum(c->tce, rows->columns[2]);
	for (t = 0; t < CC_EV_NTYPES; t++)
		values[3 + t] = CountDatum(c->n_by_type[t], rows->columns[3 + t]);
	values[9] = CountDatum(c->n_agents_active, rows->columns[9]);
	values[10] = Int32GetDatum(c->depth);
	values[11] = Float8GetDatum(c->merge_conversion);
	nulls[11] = !c->has_merge_conversion;
}

static int
SizeCount(const cc_cascade_result *res)
{
	return res->n_event_sizes;
}

static void
SizeValues(const DerivedRun *run, int i, Datum *values, bool *nulls)
{
	const cc_event_size *e = &run->res->event_sizes[i];
	bool		delegation = e->observable == CC_OBS_DELEGATION;

	memset(nulls, 0, derived_rows[DERIVED_SIZES].ncols * sizeof(bool));
	values[0] = run->observables[e->observable];
	/* The anchor: a subtask for delegation, else a claim. */
	values[1] = delegation ? run->subtask_ids[e->anchor] : run->claim_ids[e->anchor];
	values[2] = Int64GetDatum(e->size);
	values[3] = delegation ? Int64GetDatum(run->res->subtasks[e->anchor].n_events_in_subtree) : (Datum) 0;
	nulls[3] = !delegation;
}

static int
AgentRowCount(const cc_cascade_result *res)
{
	return res->n_cascade_agents;
}

static void
AgentRowValues(const DerivedRun *run, int i, Datum *values, bool *nulls)
{
	const DerivedRows *rows = &derived_rows[DERIVED_AGENTS];
	const cc_cascade_agent_row *a = &run->res->cascade_agents[i];
	int			t;

	memset(nulls, 0, rows->ncols * sizeof(bool));
	values[0] = run->claim_ids[run->res->cascades[a->cascade].root];
	values[1] = run->agent_ids[a->agent];
	values[2] = CountDatum(a->claims, rows->columns[2]);
	values[3] = CountDatum(a->events, rows->columns[3]);
	for (t = 0; t < CC_EV_NTYPES; t++)
		values[4 + t] = CountDatum(a->n_by_type[t], rows->columns[4 + t]);
}

/* The columns follow the tables of src/sql/20_cascade_tables.sql and the *_from() result types. */
const DerivedRows derived_rows[DERIVED_NTABLES] = {
	{"claims", 8,
		{"claim_id", "step_id", "root_claim_id", "claim_depth", "claim_status",
		"revision_chain_id", "contradiction_group_id", "merge_id"},
		{TEXTOID, INT8OID, TEXTOID, INT4OID, InvalidOid, TEXTOID, TEXTOID, TEXTOID},
	ClaimCount, ClaimValues},
	{"subtasks", 6,
		{"subtask_id", "parent_subtask_id", "subtask_depth", "assigned_agent",
		"subtree_subtasks", "subtree_events"},
		{TEXTOID, TEXTOID, INT4OID, TEXTOID, INT8OID, INT8OID},
	SubtaskCount, SubtaskValues},
	{"cascades", 12,
		{"root_claim_id", "size", "tce", "n_propose", "n_revise", "n_contradict", "n_merge",
		"n_delegate", "n_endorse", "n_agents_active", "depth", "merge_conversion"},
		{TEXTOID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID,
		INT4OID, INT4OID, FLOAT8OID},
	CascadeCount, CascadeValues},
	{"event_sizes", 4,
		{"observable", "anchor_id", "size", "n_events"},
		{TEXTOID, TEXTOID, INT8OID, INT8OID},
	SizeCount, SizeValues},
	{"cascade_agents", 10,
		{"root_claim_id", "agent_id", "claims", "events", "n_propose", "n_revise",
		"n_contradict", "n_merge", "n_delegate", "n_endorse"},
		{TEXTOID, TEXTOID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID,
		INT4OID},
	AgentRowCount, AgentRowValues},
};
