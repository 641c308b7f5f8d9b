/*
 * The core's reconstruction result as rows of the derived tables (claims, subtasks,
 * cascades, event_sizes), run_id excluded; shared by build_cascades(), which writes them,
 * and the *_from() functions, which return them, so that both give the same rows.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"

#include "cascade_pg.h"

/* A text Datum of an identifier, or NULL. */
static void
SetStr(Datum *value, bool *isnull, cc_str s)
{
	*isnull = s.ptr == NULL;
	*value = *isnull ? (Datum) 0 : PointerGetDatum(cstring_to_text_with_len(s.ptr, (int) s.len));
}

/* The claim id of claim index i, NULL for -1. */
static cc_str
ClaimId(const cc_cascade_result *res, int32 i)
{
	cc_str		none = {NULL, 0};

	return i < 0 ? none : res->claims[i].claim_id;
}

/* A count of the cascades table, whose columns are integer. */
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

static int
ClaimCompare(const cc_cascade_result *res, int i, int j)
{
	return cc_str_cmp(res->claims[i].claim_id, res->claims[j].claim_id);
}

static void
ClaimValues(const cc_cascade_result *res, const Datum *status, int i, Datum *values,
			bool *nulls)
{
	const cc_claim_row *c = &res->claims[i];

	memset(nulls, 0, derived_rows[DERIVED_CLAIMS].ncols * sizeof(bool));
	SetStr(&values[0], &nulls[0], c->claim_id);
	values[1] = Int64GetDatum(c->step_id);
	SetStr(&values[2], &nulls[2], ClaimId(res, c->root));
	values[3] = Int32GetDatum(c->depth);
	values[4] = status[c->status];
	SetStr(&values[5], &nulls[5], ClaimId(res, c->revision_chain));
	SetStr(&values[6], &nulls[6], ClaimId(res, c->contradiction_group));
	SetStr(&values[7], &nulls[7], ClaimId(res, c->merge));
}

static int
SubtaskCount(const cc_cascade_result *res)
{
	return res->n_subtasks;
}

static int
SubtaskCompare(const cc_cascade_result *res, int i, int j)
{
	return cc_str_cmp(res->subtasks[i].subtask_id, res->subtasks[j].subtask_id);
}

static void
SubtaskValues(const cc_cascade_result *res, const Datum *status, int i, Datum *values,
			  bool *nulls)
{
	const cc_subtask_row *s = &res->subtasks[i];
	cc_str		none = {NULL, 0};

	memset(nulls, 0, derived_rows[DERIVED_SUBTASKS].ncols * sizeof(bool));
	SetStr(&values[0], &nulls[0], s->subtask_id);
	SetStr(&values[1], &nulls[1], s->parent < 0 ? none : res->subtasks[s->parent].subtask_id);
	values[2] = Int32GetDatum(s->depth);
	SetStr(&values[3], &nulls[3], s->assigned_agent < 0 ? none : res->agents[s->assigned_agent]);
	values[4] = Int64GetDatum(s->n_subtasks_in_subtree);
	values[5] = Int64GetDatum(s->n_events_in_subtree);
}

static int
CascadeCount(const cc_cascade_result *res)
{
	return res->n_cascades;
}

static int
CascadeCompare(const cc_cascade_result *res, int i, int j)
{
	return cc_str_cmp(ClaimId(res, res->cascades[i].root), ClaimId(res, res->cascades[j].root));
}

static void
CascadeValues(const cc_cascade_result *res, const Datum *status, int i, Datum *values,
			  bool *nulls)
{
	const DerivedRows *rows = &derived_rows[DERIVED_CASCADES];
	const cc_cascade_row *c = &res->cascades[i];
	int			t;

	memset(nulls, 0, rows->ncols * sizeof(bool));
	SetStr(&values[0], &nulls[0], ClaimId(res, c->root));
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

/* The anchor id of event size i: a subtask for delegation, else a claim. */
static cc_str
SizeAnchor(const cc_cascade_result *res, int i)
{
	const cc_event_size *e = &res->event_sizes[i];

	return e->observable == CC_OBS_DELEGATION ? res->subtasks[e->anchor].subtask_id
		: res->claims[e->anchor].claim_id;
}

static int
SizeCompare(const cc_cascade_result *res, int i, int j)
{
	const char *a = cc_observable_name(res->event_sizes[i].observable);
	const char *b = cc_observable_name(res->event_sizes[j].observable);
	int			c = strcmp(a, b);

	return c != 0 ? c : cc_str_cmp(SizeAnchor(res, i), SizeAnchor(res, j));
}

static void
SizeValues(const cc_cascade_result *res, const Datum *status, int i, Datum *values,
		   bool *nulls)
{
	const cc_event_size *e = &res->event_sizes[i];
	bool		delegation = e->observable == CC_OBS_DELEGATION;

	memset(nulls, 0, derived_rows[DERIVED_SIZES].ncols * sizeof(bool));
	values[0] = CStringGetTextDatum(cc_observable_name(e->observable));
	SetStr(&values[1], &nulls[1], SizeAnchor(res, i));
	values[2] = Int64GetDatum(e->size);
	values[3] = delegation ? Int64GetDatum(res->subtasks[e->anchor].n_events_in_subtree) : (Datum) 0;
	nulls[3] = !delegation;
}

/* The columns follow the tables of src/sql/20_derived_tables.sql and the *_from() result types. */
const DerivedRows derived_rows[DERIVED_NTABLES] = {
	{"claims", 8,
		{"claim_id", "step_id", "root_claim_id", "claim_depth", "claim_status",
		"revision_chain_id", "contradiction_group_id", "merge_id"},
		{TEXTOID, INT8OID, TEXTOID, INT4OID, InvalidOid, TEXTOID, TEXTOID, TEXTOID},
	ClaimCount, ClaimCompare, ClaimValues},
	{"subtasks", 6,
		{"subtask_id", "parent_subtask_id", "subtask_depth", "assigned_agent",
		"subtree_subtasks", "subtree_events"},
		{TEXTOID, TEXTOID, INT4OID, TEXTOID, INT8OID, INT8OID},
	SubtaskCount, SubtaskCompare, SubtaskValues},
	{"cascades", 12,
		{"root_claim_id", "size", "tce", "n_propose", "n_revise", "n_contradict", "n_merge",
		"n_delegate", "n_endorse", "n_agents_active", "depth", "merge_conversion"},
		{TEXTOID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID,
		INT4OID, INT4OID, FLOAT8OID},
	CascadeCount, CascadeCompare, CascadeValues},
	{"event_sizes", 4,
		{"observable", "anchor_id", "size", "n_events"},
		{TEXTOID, TEXTOID, INT8OID, INT8OID},
	SizeCount, SizeCompare, SizeValues},
};

void
CascadeStatusValues(Oid claim_status_type, Datum *status)
{
	int			s;

	for (s = 0; s < CASCADE_NSTATUS; s++)
		status[s] = DirectFunctionCall2(enum_in,
										CStringGetDatum(cc_claim_status_name((cc_claim_status) s)),
										ObjectIdGetDatum(claim_status_type));
}
