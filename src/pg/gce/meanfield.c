/*
 * SQL entry points of the mean-field model (paper 001, App. A): meanfield_drift,
 * meanfield_fixed_point and meanfield_trajectory. They read the model's arguments in the
 * same way (ModelArgs) and hand the numerics to the core (collcog/gce.h).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "collcog/gce.h"
#include "pg/common/args.h"
#include "pg/common/core_error.h"
#include "pg/common/result_row.h"

PG_FUNCTION_INFO_V1(meanfield_drift);
PG_FUNCTION_INFO_V1(meanfield_fixed_point);
PG_FUNCTION_INFO_V1(meanfield_trajectory);

/*
 * The model from arguments first .. first + 5 (p, q, r, delta, xi, mu), checked. mu is a
 * 2 x 2 x d array (target type, source type, dimension; R first) or, as simulate_network
 * takes it, 4 rows of d in the order (R,R), (R,B), (B,R), (B,B): the same values in the
 * same order.
 */
static void
ModelArgs(FunctionCallInfo fcinfo, int first, cc_mf_model *m)
{
	ArrayType  *arr;
	int			n,
				ndim,
				dims[2];
	double	   *mu;
	cc_error	err;

	m->p = ArgFloat8(fcinfo, first, "p");
	m->q = ArgFloat8(fcinfo, first + 1, "q");
	m->r = ArgFloat8(fcinfo, first + 2, "r");
	m->delta = ArgFloat8(fcinfo, first + 3, "delta");
	m->xi = ArgFloat8(fcinfo, first + 4, "xi");
	mu = ArgFloat8Array(fcinfo, first + 5, "mu", &n, &ndim, dims);
	arr = PG_GETARG_ARRAYTYPE_P(first + 5);
	if (ndim == 3 && ARR_DIMS(arr)[0] == 2 && ARR_DIMS(arr)[1] == 2)
		m->dim = ARR_DIMS(arr)[2];
	else if (ndim == 2 && dims[0] == 4)
		m->dim = dims[1];
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mu must be a 2 x 2 x d or a 4 x d array, not %s",
						ndim == 0 ? "empty" :
						ndim == 1 ? psprintf("%d values", n) :
						ndim == 2 ? psprintf("%d x %d", dims[0], dims[1]) :
						ndim == 3 ? psprintf("%d x %d x %d", ARR_DIMS(arr)[0], ARR_DIMS(arr)[1],
											 ARR_DIMS(arr)[2]) :
						psprintf("%d-dimensional", ndim)),
				 errdetail("mu[a][b][k] is the mean weight in dimension k from a source of type b to a target of type a, type 1 = R, 2 = B (the mean-field model has two types).")));
	m->mu = mu;
	cc_check(cc_mf_check(m, &err), &err);
}

/* A state argument: 2d values in [0, 1] (theta_in then theta_out). */
static double *
ThetaArg(FunctionCallInfo fcinfo, int i, const char *name, const cc_mf_model *m)
{
	int			n,
				ndim,
				dims[2];
	double	   *theta = ArgFloat8Array(fcinfo, i, name, &n, &ndim, dims);
	cc_error	err;

	if (ndim > 1 || n != 2 * m->dim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must have 2d = %d values, not %d", name, 2 * m->dim, n),
				 errdetail("%s holds theta_in then theta_out of type R (Eq. 5), d = %d values each as mu has.",
						   name, m->dim)));
	cc_check(cc_mf_check_theta(m, theta, name, &err), &err);
	return theta;
}

static Datum
Float8ArrayDatum(const double *x, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * n);

	for (int i = 0; i < n; i++)
		d[i] = Float8GetDatum(x[i]);
	return PointerGetDatum(construct_array(d, n, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
										   TYPALIGN_DOUBLE));
}

/* meanfield_drift(theta, p, q, r, delta, xi, mu): F(theta). */
Datum
meanfield_drift(PG_FUNCTION_ARGS)
{
	cc_mf_model m;
	double	   *theta,
			   *f;

	ModelArgs(fcinfo, 1, &m);
	theta = ThetaArg(fcinfo, 0, "theta", &m);
	f = palloc(sizeof(double) * 2 * m.dim);
	cc_mf_drift(&m, theta, f);
	PG_RETURN_DATUM(Float8ArrayDatum(f, 2 * m.dim));
}

enum
{
	FP_THETA, FP_RHO, FP_CONTRACTION, FP_ITERATIONS, FP_STEP, FP_STEP_RATIO, FP_ERROR_BOUND,
	FP_RESIDUAL, FP_INFLUENCE_R, FP_INFLUENCE_B, FP_GCE_RATIO, FP_NCOLS
};

static const ResultColumn fp_columns[FP_NCOLS] = {
	{"theta", FLOAT8ARRAYOID}, {"rho", FLOAT8OID}, {"contraction", BOOLOID},
	{"iterations", INT4OID}, {"step", FLOAT8OID}, {"step_ratio", FLOAT8OID},
	{"error_bound", FLOAT8OID}, {"residual", FLOAT8OID}, {"influence_r", FLOAT8OID},
	{"influence_b", FLOAT8OID}, {"gce_ratio", FLOAT8OID}
};

/* meanfield_fixed_point(p, q, r, delta, xi, mu, theta0, tolerance, max_iterations). */
Datum
meanfield_fixed_point(PG_FUNCTION_ARGS)
{
	cc_mf_model m;
	cc_mf_fixed_point fp;
	cc_error	err;
	double	   *theta0 = NULL,
			   *theta,
				tol,
				i_r,
				i_b;
	int32		max_iter;
	ResultRow	row;

	ModelArgs(fcinfo, 0, &m);
	if (ArgGiven(fcinfo, 6))
		theta0 = ThetaArg(fcinfo, 6, "theta0", &m);
	tol = ArgFloat8(fcinfo, 7, "tolerance");
	max_iter = ArgInt32(fcinfo, 8, "max_iterations");
	theta = palloc(sizeof(double) * 2 * m.dim);
	cc_check(cc_mf_fixed_point_solve(&m, theta0, tol, max_iter, theta, &fp, &err), &err);
	cc_mf_influence(m.dim, theta, &i_r, &i_b);
	ResultRowInit(&row, ResultRowType(fcinfo), FP_NCOLS, fp_columns);
	ResultRowSet(&row, FP_THETA, Float8ArrayDatum(theta, 2 * m.dim));
	ResultRowSetFloat(&row, FP_RHO, fp.rho);
	ResultRowSet(&row, FP_CONTRACTION, BoolGetDatum(fp.contraction != 0));
	ResultRowSet(&row, FP_ITERATIONS, Int32GetDatum((int32) fp.iterations));
	ResultRowSetFloat(&row, FP_STEP, fp.step);
	ResultRowSetFloat(&row, FP_STEP_RATIO, fp.step_ratio);
	ResultRowSetFloat(&row, FP_ERROR_BOUND, fp.error_bound);
	ResultRowSetFloat(&row, FP_RESIDUAL, fp.residual);
	ResultRowSetFloat(&row, FP_INFLUENCE_R, i_r);
	ResultRowSetFloat(&row, FP_INFLUENCE_B, i_b);
	ResultRowSetFloat(&row, FP_GCE_RATIO, i_r / i_b);
	PG_RETURN_DATUM(HeapTupleGetDatum(ResultRowTuple(&row)));
}

enum
{
	TR_T, TR_TAU, TR_SA, TR_ODE, TR_NCOLS
};

static const ResultColumn tr_columns[TR_NCOLS] = {
	{"t", INT4OID}, {"tau", FLOAT8OID}, {"sa_theta", FLOAT8ARRAYOID},
	{"ode_theta", FLOAT8ARRAYOID}
};

/* meanfield_trajectory(theta0, steps, p, q, r, delta, xi, mu): rows t = 0 .. steps. */
Datum
meanfield_trajectory(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cc_mf_model m;
	cc_error	err;
	double	   *theta0,
			   *tau,
			   *sa,
			   *ode;
	int32		steps;
	int			n;
	ResultRow	row;

	InitMaterializedSRF(fcinfo, 0);
	ModelArgs(fcinfo, 2, &m);
	theta0 = ThetaArg(fcinfo, 0, "theta0", &m);
	steps = ArgInt32(fcinfo, 1, "steps");
	if (steps < 0 || steps > CC_GCE_MAX_STEPS)
		ereport(ERROR,
				(errcode(steps < 0 ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("steps = %d is not between 0 and %d", steps, CC_GCE_MAX_STEPS)));
	n = 2 * m.dim;
	tau = palloc(sizeof(double) * (steps + 1));
	sa = palloc(sizeof(double) * (Size) (steps + 1) * n);
	ode = palloc(sizeof(double) * (Size) (steps + 1) * n);
	cc_check(cc_mf_trajectory(&m, theta0, steps, tau, sa, ode, &err), &err);
	ResultRowInit(&row, rsinfo->setDesc, TR_NCOLS, tr_columns);
	for (int32 t = 0; t <= steps; t++)
	{
		ResultRowSet(&row, TR_T, Int32GetDatum(t));
		ResultRowSetFloat(&row, TR_TAU, tau[t]);
		ResultRowSet(&row, TR_SA, Float8ArrayDatum(sa + (Size) t * n, n));
		ResultRowSet(&row, TR_ODE, Float8ArrayDatum(ode + (Size) t * n, n));
		ResultRowPut(&row, rsinfo->setResult);
	}
	return (Datum) 0;
}
