/*
 * SQL entry point of the trajectory diagnostics (paper 001, Sec. 5.1, App. B.4):
 * trajectory_fit(empirical, predicted, lags, replicates, seed), the series as T x K arrays.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "collcog/gce.h"
#include "pg/common/args.h"
#include "pg/common/core_error.h"
#include "pg/common/result_row.h"

PG_FUNCTION_INFO_V1(trajectory_fit);

/* A series argument: T x K (a 1-D array is one series); *T and *K get its shape. */
static double *
SeriesArg(FunctionCallInfo fcinfo, int i, const char *name, int *T, int *K)
{
	int			n,
				ndim,
				dims[2];
	double	   *x = ArgFloat8Array(fcinfo, i, name, &n, &ndim, dims);

	if (ndim == 1)
	{
		*T = n;
		*K = 1;
	}
	else if (ndim == 2)
	{
		*T = dims[0];
		*K = dims[1];
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a T x K array (one row per time point), not %s", name,
						ndim == 0 ? "empty" : psprintf("%d-dimensional", ndim))));
	return x;
}

enum
{
	F_T, F_SERIES, F_MSE, F_BIAS, F_MAX_ACF, F_MAX_ACF_LAG, F_STATISTIC, F_Q, F_LAGS, F_DF,
	F_P_CHISQ, F_P_MC, F_REPLICATES, F_NCOLS
};

static const ResultColumn fit_columns[F_NCOLS] = {
	{"t_points", INT4OID}, {"series", INT4OID}, {"mse", FLOAT8OID}, {"bias", FLOAT8OID},
	{"max_acf", FLOAT8OID}, {"max_acf_lag", INT4OID}, {"statistic", TEXTOID},
	{"q", FLOAT8OID}, {"lags", INT4OID}, {"df", INT8OID}, {"p_chisq", FLOAT8OID},
	{"p_monte_carlo", FLOAT8OID}, {"replicates", INT4OID}
};

Datum
trajectory_fit(PG_FUNCTION_ARGS)
{
	int			T,
				K,
				T2,
				K2;
	double	   *emp = SeriesArg(fcinfo, 0, "empirical", &T, &K),
			   *pred = SeriesArg(fcinfo, 1, "predicted", &T2, &K2);
	int32		lags = ArgInt32(fcinfo, 2, "lags"),
				replicates = ArgInt32(fcinfo, 3, "replicates");
	uint64_t	seed = (uint64_t) ArgInt64(fcinfo, 4, "seed");
	cc_gce_fit	f;
	cc_error	err;
	ResultRow	row;

	if (T != T2 || K != K2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("empirical is %d x %d but predicted is %d x %d", T, K, T2, K2),
				 errdetail("Both are T x K: one row per time point, one column per series.")));
	cc_check(cc_gce_trajectory_fit(emp, pred, T, K, lags, replicates, seed, &f, &err), &err);
	ResultRowInit(&row, ResultRowType(fcinfo), F_NCOLS, fit_columns);
	ResultRowSet(&row, F_T, Int32GetDatum(T));
	ResultRowSet(&row, F_SERIES, Int32GetDatum(K));
	ResultRowSetFloat(&row, F_MSE, f.mse);
	ResultRowSetFloat(&row, F_BIAS, f.bias);
	ResultRowSetFloat(&row, F_MAX_ACF, f.max_acf);
	ResultRowSet(&row, F_MAX_ACF_LAG, Int32GetDatum(f.max_acf_lag));
	ResultRowSet(&row, F_STATISTIC, CStringGetTextDatum("hosking"));
	ResultRowSetFloat(&row, F_Q, f.q);
	ResultRowSet(&row, F_LAGS, Int32GetDatum(lags));
	ResultRowSet(&row, F_DF, Int64GetDatum(f.df));
	ResultRowSetFloat(&row, F_P_CHISQ, f.p_chisq);
	ResultRowSetFloat(&row, F_P_MC, f.p_mc);
	ResultRowSet(&row, F_REPLICATES, Int32GetDatum(replicates));
	PG_RETURN_DATUM(HeapTupleGetDatum(ResultRowTuple(&row)));
}
