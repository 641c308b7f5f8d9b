/*
 * routing_ratio(run_ids text[]) -> (n_agents, event_type, k, selections, expected, ratio):
 * the routing ratio R(k) of each n_agents, for all event types together (event_type NULL)
 * and for each type with selections, summed over the group's runs
 * (include/collcog/attach.h has the estimator).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"

#include "attach_pg.h"

#include "pg/common/core_error.h"
#include "pg/common/result_row.h"

PG_FUNCTION_INFO_V1(routing_ratio);

enum
{
	RR_N_AGENTS, RR_EVENT_TYPE, RR_K, RR_SELECTIONS, RR_EXPECTED, RR_RATIO, RR_NCOLS
};

static const ResultColumn rr_columns[RR_NCOLS] = {
	{"n_agents", INT4OID}, {"event_type", InvalidOid}, {"k", INT4OID},
	{"selections", INT8OID}, {"expected", FLOAT8OID}, {"ratio", FLOAT8OID}
};

typedef struct RatioCall
{
	ReturnSetInfo *rsinfo;
	ResultRow	row;
	Datum		types[CC_EV_NTYPES];
} RatioCall;

/* The rows of one slot of a group: the levels some event of the slot saw (expected > 0). */
static void
SlotRows(RatioCall *call, const AttGroup *g, int slot)
{
	int32_t		n = g->sum.n_levels;
	const int64_t *sel = g->sum.selections + (size_t) slot * (size_t) n;
	const double *exp_ = g->sum.expected + (size_t) slot * (size_t) n;

	for (int32_t k = 0; k < n; k++)
	{
		if (!(exp_[k] > 0.0))
			continue;
		ResultRowClear(&call->row);
		if (!g->n_agents_null)
			ResultRowSet(&call->row, RR_N_AGENTS, Int32GetDatum(g->n_agents));
		if (slot != CC_ATT_ALL)
			ResultRowSet(&call->row, RR_EVENT_TYPE, call->types[slot]);
		ResultRowSet(&call->row, RR_K, Int32GetDatum(k));
		ResultRowSet(&call->row, RR_SELECTIONS, Int64GetDatum(sel[k]));
		ResultRowSetFloat(&call->row, RR_EXPECTED, exp_[k]);
		ResultRowSetFloat(&call->row, RR_RATIO, (double) sel[k] / exp_[k]);
		ResultRowPut(&call->row, call->rsinfo->setResult);
	}
}

static void
GroupRows(const AttGroup *g, void *arg)
{
	SlotRows((RatioCall *) arg, g, CC_ATT_ALL);
	for (int t = 0; t < CC_EV_NTYPES; t++)
		SlotRows((RatioCall *) arg, g, t);
}

Datum
routing_ratio(PG_FUNCTION_ARGS)
{
	RatioCall	call;

	InitMaterializedSRF(fcinfo, 0);
	call.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ResultRowInit(&call.row, call.rsinfo->setDesc, RR_NCOLS, rr_columns);
	AttEventTypeValues(fcinfo, call.types);
	AttReplayGroups(fcinfo, false, GroupRows, &call);
	return (Datum) 0;
}
