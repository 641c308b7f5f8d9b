/*
 * type_prominence_part(run_ids, part, parts): per run, round t and agent type, the
 * cumulative type-level communication D_in, D_out (Eq. 1), the prominence theta_in,
 * theta_out (Eq. 4), the influence ratio I(a) (Eq. 10), that of the other types pooled, and
 * their ratio (Eq. 9), over part part of parts of the runs. type_prominence() (SQL) is the
 * union of its parts, which parallel workers can compute side by side.
 * One pass over the messages in (run_id, t) order; the state is one run's type masses. The
 * rows are built in buffers kept from round to round: every column of a row is set (the
 * ratios NULL where undefined), so nothing of the last row is left over.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"

#include "collcog/gce.h"
#include "pg/common/core_error.h"
#include "pg/common/result_row.h"

#include "gce_pg.h"

PG_FUNCTION_INFO_V1(type_prominence_part);

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
	if (isinf(v) || isfinite(v))
		ResultRowSet(row, col, Float8GetDatum(v));
	else
		ResultRowSetNull(row, col);
}

/* What the rows of a round are built in, kept from round to round (the tuplestore copies
 * each row). */
typedef struct RoundBuffers
{
	double	   *theta_in;
	double	   *theta_out;
	int			dim;
	ArrayType  *arrays[4];		/* d_in, d_out, theta_in, theta_out */
	Size		caps[4];
} RoundBuffers;

/* Column col (COL_DIN .. COL_THETA_OUT) as a float8[] in its buffer. */
static void
SetArray(ResultRow *row, int col, const double *v, int dim, RoundBuffers *b)
{
	if (ResultRowPosition(row, col) >= 0)
		ResultRowSet(row, col, Float8ArrayInto(v, dim, &b->arrays[col - COL_DIN],
											   &b->caps[col - COL_DIN]));
}

/* The rows of round t of run: one per type among the run's agents. */
static void
EmitRound(const MessagesReader *reader, const cc_gce_types *s, int run, int32 t,
		  ResultRow *row, Tuplestorestate *store, RoundBuffers *b)
{
	if (b->dim < s->dim)
	{
		b->theta_in = b->theta_in ? repalloc_array(b->theta_in, double, s->dim) :
			palloc_array(double, s->dim);
		b->theta_out = b->theta_out ? repalloc_array(b->theta_out, double, s->dim) :
			palloc_array(double, s->dim);
		b->dim = s->dim;
	}
	for (int a = 0; a < s->ntypes; a++)
	{
		cc_gce_type_measures m;

		if (!MessagesReaderRunHasType(reader, run, a))
			continue;
		cc_gce_types_measures(s, a, b->theta_in, b->theta_out, &m);
		ResultRowSet(row, COL_RUN, MessagesReaderRunId(reader, run));
		ResultRowSet(row, COL_T, Int32GetDatum(t));
		ResultRowSet(row, COL_TYPE, MessagesReaderTypeName(reader, a));
		SetArray(row, COL_DIN, s->din + (size_t) a * s->dim, s->dim, b);
		SetArray(row, COL_DOUT, s->dout + (size_t) a * s->dim, s->dim, b);
		SetArray(row, COL_THETA_IN, b->theta_in, s->dim, b);
		SetArray(row, COL_THETA_OUT, b->theta_out, s->dim, b);
		SetRatio(row, COL_INFLUENCE, m.influence);
		SetRatio(row, COL_INFLUENCE_REST, m.influence_rest);
		SetRatio(row, COL_GCE_RATIO, cc_gce_ratio(m.influence, m.influence_rest));
		ResultRowPut(row, store);
	}
}

Datum
type_prominence_part(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext caller = CurrentMemoryContext;
	RoundBuffers buffers = {0};
	MessagesReader *reader;
	ResultRow	row;
	MessageRow	m;
	cc_gce_types s = {0};
	cc_error	err;
	int			run = -1;
	int32		t = 0;
	int32		part,
				parts;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("part and parts must not be NULL")));
	part = PG_GETARG_INT32(1);
	parts = PG_GETARG_INT32(2);
	if (parts < 1 || part < 1 || part > parts)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("part %d of %d does not exist", part, parts),
				 errdetail("The parts are numbered from 1 to parts, and parts is at least 1.")));
	InitMaterializedSRF(fcinfo, 0);
	ResultRowInit(&row, rsinfo->setDesc, NCOLS, columns);
	reader = MessagesReaderBegin(fcinfo, 0, part, parts);
	MemoryContextSwitchTo(caller);
	while (MessagesReaderNext(reader, &m))
	{
		if (m.run != run || m.t != t)
		{
			if (run >= 0)
				EmitRound(reader, &s, run, t, &row, rsinfo->setResult, &buffers);
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
		EmitRound(reader, &s, run, t, &row, rsinfo->setResult, &buffers);
	cc_gce_types_free(&s);
	MessagesReaderEnd(reader);
	return (Datum) 0;
}
