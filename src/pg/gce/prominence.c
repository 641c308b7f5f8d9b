/*
 * type_prominence(run_ids): per run, round t and agent type, the cumulative type-level
 * communication D_in, D_out (Eq. 1), the prominence theta_in, theta_out (Eq. 4), the
 * influence ratio I(a) (Eq. 10), that of the other types pooled, and their ratio (Eq. 9).
 * One pass over the messages in (run_id, t) order; the state is one run's type masses.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/memutils.h"

#include "collcog/gce.h"
#include "pg/common/core_error.h"
#include "pg/common/result_row.h"

#include "gce_pg.h"

PG_FUNCTION_INFO_V1(type_prominence);

enum
{
	COL_RUN, COL_T, COL_TYPE, COL_DIN, COL_DOUT, COL_THETA_IN, COL_THETA_OUT, COL_INFLUENCE,
	COL_INFLUENCE_REST, COL_GCE_RATIO, NCOLS
};

static const ResultColumn columns[NCOLS] = {
	{"run_id", TEXTOID}, {"t", INT4OID}, {"agent_type", TEXTOID}, {"d_in", FLOAT8ARRAYOID},
	{"d_out", FLOAT8ARRAYOID}, {"theta_in", FLOAT8ARRAYOID}, {"theta_out", FLOAT8ARRAYOID},
	{"influence", FLOAT8OID}, {"influence_rest", FLOAT8OID}, {"gce_ratio", FLOAT8OID}
};

/* A ratio of Eq. 9 or 10: +Infinity stays (a type that only sends), NaN is NULL. */
static void
SetRatio(ResultRow *row, int col, double v)
{
	if (isinf(v))
		ResultRowSet(row, col, Float8GetDatum(v));
	else
		ResultRowSetFloat(row, col, v);
}

/* The rows of round t of run: one per type among the run's agents. */
static void
EmitRound(const MessagesReader *reader, const cc_gce_types *s, int run, int32 t,
		  ResultRow *row, Tuplestorestate *store, MemoryContext round_cxt)
{
	MemoryContext old = MemoryContextSwitchTo(round_cxt);
	double	   *theta_in = palloc_array(double, s->dim);
	double	   *theta_out = palloc_array(double, s->dim);

	for (int a = 0; a < s->ntypes; a++)
	{
		cc_gce_type_measures m;

		if (!MessagesReaderRunHasType(reader, run, a))
			continue;
		cc_gce_types_measures(s, a, theta_in, theta_out, &m);
		ResultRowClear(row);
		ResultRowSet(row, COL_RUN, MessagesReaderRunId(reader, run));
		ResultRowSet(row, COL_T, Int32GetDatum(t));
		ResultRowSet(row, COL_TYPE, MessagesReaderTypeName(reader, a));
		if (ResultRowPosition(row, COL_DIN) >= 0)
			ResultRowSet(row, COL_DIN, Float8ArrayWithNulls(s->din + (size_t) a * s->dim, s->dim));
		if (ResultRowPosition(row, COL_DOUT) >= 0)
			ResultRowSet(row, COL_DOUT, Float8ArrayWithNulls(s->dout + (size_t) a * s->dim, s->dim));
		if (ResultRowPosition(row, COL_THETA_IN) >= 0)
			ResultRowSet(row, COL_THETA_IN, Float8ArrayWithNulls(theta_in, s->dim));
		if (ResultRowPosition(row, COL_THETA_OUT) >= 0)
			ResultRowSet(row, COL_THETA_OUT, Float8ArrayWithNulls(theta_out, s->dim));
		SetRatio(row, COL_INFLUENCE, m.influence);
		SetRatio(row, COL_INFLUENCE_REST, m.influence_rest);
		SetRatio(row, COL_GCE_RATIO, cc_gce_ratio(m.influence, m.influence_rest));
		ResultRowPut(row, store);
	}
	MemoryContextSwitchTo(old);
	MemoryContextReset(round_cxt);
}

Datum
type_prominence(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext round_cxt;
	MessagesReader *reader;
	ResultRow	row;
	MessageRow	m;
	cc_gce_types s = {0};
	cc_error	err;
	int			run = -1;
	int32		t = 0;

	InitMaterializedSRF(fcinfo, 0);
	ResultRowInit(&row, rsinfo->setDesc, NCOLS, columns);
	round_cxt = AllocSetContextCreate(caller, "collcog type_prominence round",
									  ALLOCSET_DEFAULT_SIZES);
	reader = MessagesReaderBegin(fcinfo, 0);
	MemoryContextSwitchTo(caller);
	while (MessagesReaderNext(reader, &m))
	{
		if (m.run != run || m.t != t)
		{
			if (run >= 0)
				EmitRound(reader, &s, run, t, &row, rsinfo->setResult, round_cxt);
			if (m.run != run)
			{
				cc_gce_types_free(&s);
				cc_check(cc_gce_types_init(&s, MessagesReaderTypeCount(reader), m.dim, &err), &err);
			}
			run = m.run;
			t = m.t;
		}
		cc_gce_types_add(&s, m.src_type, m.tgt_type, m.w);
	}
	if (run >= 0)
		EmitRound(reader, &s, run, t, &row, rsinfo->setResult, round_cxt);
	cc_gce_types_free(&s);
	MessagesReaderEnd(reader);
	return (Datum) 0;
}
