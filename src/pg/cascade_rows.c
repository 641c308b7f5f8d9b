/*
 * The core's reconstruction result as row values of the derived tables (claims, subtasks,
 * cascades, event_sizes), run_id excluded; shared by the table writer and the *_from()
 * functions so that both give the same rows.
 */
#include "postgres.h"

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

void
CascadeClaimValues(const cc_cascade_result *res, int i, Datum *values, bool *nulls)
{
	const cc_claim_row *c = &res->claims[i];

	memset(nulls, 0, CASCADE_CLAIM_COLS * sizeof(bool));
	SetStr(&values[0], &nulls[0], c->claim_id);
	values[1] = Int64GetDatum(c->step_id);
	SetStr(&values[2], &nulls[2], ClaimId(res, c->root));
	values[3] = Int32GetDatum(c->depth);
	values[4] = CStringGetTextDatum(cc_claim_status_name(c->status));
	SetStr(&values[5], &nulls[5], ClaimId(res, c->revision_chain));
	SetStr(&values[6], &nulls[6], ClaimId(res, c->contradiction_group));
	SetStr(&values[7], &nulls[7], ClaimId(res, c->merge));
}

void
CascadeSubtaskValues(const cc_cascade_result *res, int i, Datum *values, bool *nulls)
{
	const cc_subtask_row *s = &res->subtasks[i];
	cc_str		none = {NULL, 0};

	memset(nulls, 0, CASCADE_SUBTASK_COLS * sizeof(bool));
	SetStr(&values[0], &nulls[0], s->subtask_id);
	SetStr(&values[1], &nulls[1], s->parent < 0 ? none : res->subtasks[s->parent].subtask_id);
	values[2] = Int32GetDatum(s->depth);
	SetStr(&values[3], &nulls[3], s->assigned_agent < 0 ? none : res->agents[s->assigned_agent]);
	values[4] = Int64GetDatum(s->n_subtasks_in_subtree);
	values[5] = Int64GetDatum(s->n_events_in_subtree);
}

void
CascadeCascadeValues(const cc_cascade_result *res, int i, Datum *values, bool *nulls)
{
	const cc_cascade_row *c = &res->cascades[i];
	int			t;

	memset(nulls, 0, CASCADE_CASCADE_COLS * sizeof(bool));
	SetStr(&values[0], &nulls[0], ClaimId(res, c->root));
	values[1] = Int64GetDatum(c->size);
	values[2] = Int64GetDatum(c->tce);
	for (t = 0; t < CC_EV_NTYPES; t++)
		values[3 + t] = Int64GetDatum(c->n_by_type[t]);
	values[9] = Int64GetDatum(c->n_agents_active);
	values[10] = Int32GetDatum(c->depth);
	values[11] = Float8GetDatum(c->merge_conversion);
	nulls[11] = !c->has_merge_conversion;
}

void
CascadeSizeValues(const cc_cascade_result *res, int i, Datum *values, bool *nulls)
{
	const cc_event_size *e = &res->event_sizes[i];
	bool		delegation = e->observable == CC_OBS_DELEGATION;

	memset(nulls, 0, CASCADE_SIZE_COLS * sizeof(bool));
	values[0] = CStringGetTextDatum(cc_observable_name(e->observable));
	SetStr(&values[1], &nulls[1], delegation ? res->subtasks[e->anchor].subtask_id
		   : res->claims[e->anchor].claim_id);
	values[2] = Int64GetDatum(e->size);
	values[3] = delegation ? Int64GetDatum(res->subtasks[e->anchor].n_events_in_subtree) : (Datum) 0;
	nulls[3] = !delegation;
}
