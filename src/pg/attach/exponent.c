/*
 * attachment_exponent(run_ids text[], min_selections int, replicates int, seed bigint) ->
 * (n_agents, event_type, runs, selections, levels, beta, beta_lo, beta_hi, replicates,
 *  beta_mle, beta_mle_se): the attachment exponent of each n_agents, for all event types
 * together (event_type NULL, a row for every group) and for each type with selections.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"

#include "attach_pg.h"

#include "pg/common/args.h"
#include "pg/common/core_error.h"
#include "pg/common/result_row.h"

PG_FUNCTION_INFO_V1(attachment_exponent);

/* The level of the bootstrap interval. */
#define INTERVAL_LEVEL 0.95

enum
{
	AE_N_AGENTS, AE_EVENT_TYPE, AE_RUNS, AE_SELECTIONS, AE_LEVELS, AE_BETA, AE_BETA_LO,
	AE_BETA_HI, AE_REPLICATES, AE_BETA_MLE, AE_BETA_MLE_SE, AE_NCOLS
};

static const ResultColumn ae_columns[AE_NCOLS] = {
	{"n_agents", INT4OID}, {"event_type", InvalidOid}, {"runs", INT4OID},
	{"selections", INT8OID}, {"levels", INT4OID}, {"beta", FLOAT8OID},
	{"beta_lo", FLOAT8OID}, {"beta_hi", FLOAT8OID}, {"replicates", INT4OID},
	{"beta_mle", FLOAT8OID}, {"beta_mle_se", FLOAT8OID}
};

typedef struct ExponentCall
{
	ReturnSetInfo *rsinfo;
	ResultRow	row;
	Datum		types[CC_EV_NTYPES];
	cc_att_fit_opts opts;		/* choices: the group's, set per group */
} ExponentCall;

static void
SlotRow(ExponentCall *call, const AttGroup *g, int slot)
{
	cc_att_fit	fit;
	cc_error	err;
	ResultRow  *row = &call->row;

	cc_check(cc_att_fit_slot(g->runs, g->n_runs, slot, &call->opts, &fit, &err), &err);
	if (slot != CC_ATT_ALL && fit.selections == 0)
		return;
	ResultRowClear(row);
	if (!g->n_agents_null)
		ResultRowSet(row, AE_N_AGENTS, Int32GetDatum(g->n_agents));
	if (slot != CC_ATT_ALL)
		ResultRowSet(row, AE_EVENT_TYPE, call->types[slot]);
	ResultRowSet(row, AE_RUNS, Int32GetDatum(g->n_runs));
	ResultRowSet(row, AE_SELECTIONS, Int64GetDatum(fit.selections));
	ResultRowSet(row, AE_LEVELS, Int32GetDatum(fit.levels));
	ResultRowSetFloat(row, AE_BETA, fit.beta);
	ResultRowSetFloat(row, AE_BETA_LO, fit.beta_lo);
	ResultRowSetFloat(row, AE_BETA_HI, fit.beta_hi);
	if (isfinite(fit.beta))
		ResultRowSet(row, AE_REPLICATES, Int32GetDatum(fit.replicates));
	ResultRowSetFloat(row, AE_BETA_MLE, fit.beta_mle);
	ResultRowSetFloat(row, AE_BETA_MLE_SE, fit.beta_mle_se);
	ResultRowPut(row, call->rsinfo->setResult);
}

static void
GroupRows(const AttGroup *g, void *arg)
{
	ExponentCall *call = arg;

	call->opts.choices = g->choices;
	SlotRow(call, g, CC_ATT_ALL);
	for (int t = 0; t < CC_EV_NTYPES; t++)
		SlotRow(call, g, t);
}

Datum
attachment_exponent(PG_FUNCTION_ARGS)
{
	ExponentCall call;
	int32		replicates = ArgInt32(fcinfo, 2, "replicates");

	call.opts.min_selections = ArgInt32(fcinfo, 1, "min_selections");
	if (call.opts.min_selections < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_selections must be positive, not " INT64_FORMAT,
						call.opts.min_selections)));
	if (replicates < 0 || replicates > CC_TAIL_MAX_REPLICATES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("replicates %d is out of range", replicates),
				 errdetail("The number of replicates must be between 0 and %d.",
						   CC_TAIL_MAX_REPLICATES)));
	call.opts.replicates = replicates;
	call.opts.seed = (uint64_t) ArgInt64(fcinfo, 3, "seed");
	call.opts.level = INTERVAL_LEVEL;
	InitMaterializedSRF(fcinfo, 0);
	call.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ResultRowInit(&call.row, call.rsinfo->setDesc, AE_NCOLS, ae_columns);
	AttEventTypeValues(fcinfo, call.types);
	AttReplayGroups(fcinfo, true, GroupRows, &call);
	return (Datum) 0;
}
