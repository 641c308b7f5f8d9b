/*
 * The inequality measures of a histogram, shared by the aggregates' final functions, and
 * the functions on a stored effort_hist: gini, top_share, top_k_share, effective_agents and
 * lorenz (a set of rows, for plotting).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "pg/common/args.h"
#include "pg/common/core_error.h"
#include "pg/common/result_row.h"
#include "ineq_pg.h"

PG_FUNCTION_INFO_V1(effort_hist_gini);
PG_FUNCTION_INFO_V1(effort_hist_top_share);
PG_FUNCTION_INFO_V1(effort_hist_top_k_share);
PG_FUNCTION_INFO_V1(effort_hist_effective_agents);
PG_FUNCTION_INFO_V1(effort_hist_lorenz);

double
IneqGini(const cc_value_hist *h, bool unbiased)
{
	double		v;
	cc_error	err;

	cc_check(cc_ineq_gini(h, unbiased, &v, &err), &err);
	return v;
}

double
IneqTopShare(const cc_value_hist *h, double fraction)
{
	double		v;
	cc_error	err;

	cc_check(cc_ineq_top_share(h, fraction, &v, &err), &err);
	return v;
}

double
IneqTopKShare(const cc_value_hist *h, int64 k)
{
	double		v;
	cc_error	err;

	cc_check(cc_ineq_top_k_share(h, k, &v, &err), &err);
	return v;
}

double
IneqEffective(const cc_value_hist *h)
{
	double		v;
	cc_error	err;

	cc_check(cc_ineq_effective(h, &v, &err), &err);
	return v;
}

/* The curve at population shares j / points, j = 1..points (palloc'd); NULL when undefined. */
double *
IneqLorenz(const cc_value_hist *h, int32 points)
{
	double	   *share;
	cc_error	err;

	/* the core checks points before anything is written */
	share = palloc(sizeof(double) * (points >= 1 && points <= CC_INEQ_MAX_POINTS ? points : 1));
	cc_check(cc_ineq_lorenz(h, points, share, &err), &err);
	if (isnan(share[0]))
		return NULL;
	return share;
}

/* The curve as a float8[] of points elements; NULL when undefined. */
ArrayType *
IneqLorenzArray(const cc_value_hist *h, int32 points)
{
	double	   *share = IneqLorenz(h, points);
	Datum	   *elems;

	if (share == NULL)
		return NULL;
	elems = palloc(sizeof(Datum) * points);
	for (int32 j = 0; j < points; j++)
		elems[j] = Float8GetDatum(share[j]);
	return construct_array(elems, points, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
						   TYPALIGN_DOUBLE);
}

/* Return v, or NULL when it is undefined (NaN). */
#define RETURN_MEASURE(v) \
	do { double v_ = (v); if (isnan(v_)) PG_RETURN_NULL(); PG_RETURN_FLOAT8(v_); } while (0)

/* gini(h effort_hist, unbiased boolean DEFAULT false) */
Datum
effort_hist_gini(PG_FUNCTION_ARGS)
{
	bool		unbiased = ArgBool(fcinfo, 1, "unbiased");

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	RETURN_MEASURE(IneqGini(EffortHistUnpack(PG_GETARG_DATUM(0)), unbiased));
}

/* top_share(h effort_hist, fraction double precision) */
Datum
effort_hist_top_share(PG_FUNCTION_ARGS)
{
	double		fraction = ArgFloat8(fcinfo, 1, "fraction");

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	RETURN_MEASURE(IneqTopShare(EffortHistUnpack(PG_GETARG_DATUM(0)), fraction));
}

/* top_k_share(h effort_hist, k bigint) */
Datum
effort_hist_top_k_share(PG_FUNCTION_ARGS)
{
	int64		k = ArgInt64(fcinfo, 1, "k");

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	RETURN_MEASURE(IneqTopKShare(EffortHistUnpack(PG_GETARG_DATUM(0)), k));
}

/* effective_agents(h effort_hist) */
Datum
effort_hist_effective_agents(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	RETURN_MEASURE(IneqEffective(EffortHistUnpack(PG_GETARG_DATUM(0))));
}

/* lorenz(h effort_hist, points integer): rows (population_share, effort_share), none when
 * the curve is undefined (NULL or empty h, every value 0). */
Datum
effort_hist_lorenz(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int32		points = ArgInt32(fcinfo, 1, "points");
	static const ResultColumn columns[] = {
		{"population_share", FLOAT8OID},
		{"effort_share", FLOAT8OID},
	};
	ResultRow	row;
	double	   *share;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
	{
		/* still refuse a bad points */
		cc_value_hist empty;

		cc_ineq_hist_init(&empty);
		(void) IneqLorenz(&empty, points);
		return (Datum) 0;
	}
	share = IneqLorenz(EffortHistUnpack(PG_GETARG_DATUM(0)), points);
	if (share == NULL)
		return (Datum) 0;
	ResultRowInit(&row, rsinfo->setDesc, 2, columns);
	for (int32 j = 1; j <= points; j++)
	{
		ResultRowClear(&row);
		ResultRowSetFloat(&row, 0, (double) j / (double) points);
		ResultRowSetFloat(&row, 1, share[j - 1]);
		ResultRowPut(&row, rsinfo->setResult);
	}
	return (Datum) 0;
}
