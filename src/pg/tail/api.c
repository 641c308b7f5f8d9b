/*
 * Fits, Vuong tests, model comparison, bootstrap, goodness of fit and CCDF on a tail_hist,
 * and the helpers the aggregates share (options, model names, result rows).
 *
 * Conventions: an empty tail_hist gives NULL (or no rows), like an aggregate over no rows;
 * a fit that cannot be made on the sample (too little tail data, no convergence) is a row
 * with NULL parameters, quality 'unfitted' and the reason, so that one group of a GROUP BY
 * never sinks the others; the comparisons, the bootstrap and the CCDF still raise it as an
 * ERROR with SQLSTATE 22000 (data_exception). NaN standard errors (parameter not
 * identified) are SQL NULL.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "pg/common/args.h"
#include "pg/common/core_error.h"
#include "pg/common/result_row.h"
#include "tail_pg.h"

PG_FUNCTION_INFO_V1(pl_fit_hist);
PG_FUNCTION_INFO_V1(tpl_fit_hist);
PG_FUNCTION_INFO_V1(lognormal_fit_hist);
PG_FUNCTION_INFO_V1(exponential_fit_hist);
PG_FUNCTION_INFO_V1(stretched_exp_fit_hist);
PG_FUNCTION_INFO_V1(vuong_hist);
PG_FUNCTION_INFO_V1(tail_compare_hist);
PG_FUNCTION_INFO_V1(tail_bootstrap_hist);
PG_FUNCTION_INFO_V1(pl_gof_hist);
PG_FUNCTION_INFO_V1(ccdf_hist);

/* ---------------------------------------------------------------------------------------
 * Options and model names
 * ------------------------------------------------------------------------------------- */

void
TailOptsInit(TailOpts *o, cc_tail_kind kind)
{
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->xmin_model = CC_TAIL_PL;
	o->model_a = o->model_b = -1;
}

/* What is wrong with the options, or NULL when they are fine. */
const char *
TailOptsProblem(const TailOpts *o)
{
	if (o->kind != CC_TAIL_DISCRETE && o->kind != CC_TAIL_CONTINUOUS)
		return psprintf("invalid tail sample kind %d", o->kind);
	if ((o->has & ~TAIL_HAS_ALL) != 0)
		return psprintf("invalid option flags %d", o->has);
	if ((o->has & TAIL_HAS_XMIN) && !(isfinite(o->xmin) && o->xmin > 0.0))
		return psprintf("xmin %g is not a positive finite number", o->xmin);
	if ((o->has & TAIL_HAS_LO) && !(isfinite(o->xmin_lo) && o->xmin_lo > 0.0))
		return psprintf("xmin_lo %g is not a positive finite number", o->xmin_lo);
	if ((o->has & TAIL_HAS_HI) && !(isfinite(o->xmin_hi) && o->xmin_hi > 0.0))
		return psprintf("xmin_hi %g is not a positive finite number", o->xmin_hi);
	if ((o->has & TAIL_HAS_LO) && (o->has & TAIL_HAS_HI) && o->xmin_lo > o->xmin_hi)
		return psprintf("xmin_lo %g is greater than xmin_hi %g", o->xmin_lo, o->xmin_hi);
	if ((o->has & TAIL_HAS_MAXC) && o->max_candidates < 1)
		return psprintf("max_candidates %d is not positive", o->max_candidates);
	if ((o->has & TAIL_HAS_MINT) && o->min_tail < 1)
		return psprintf("min_tail " INT64_FORMAT " is not positive", o->min_tail);
	if ((o->has & TAIL_HAS_MIND) && o->min_distinct < 1)
		return psprintf("min_tail_distinct %d is not positive", o->min_distinct);
	if ((o->has & TAIL_HAS_XMIN) &&
		(o->has & (TAIL_HAS_LO | TAIL_HAS_HI | TAIL_HAS_MAXC | TAIL_HAS_MINT | TAIL_HAS_MIND)))
		return pstrdup("a fixed xmin cannot be combined with xmin_lo, xmin_hi, max_candidates, min_tail or min_tail_distinct");
	if (o->xmin_model < 0 || o->xmin_model >= CC_TAIL_NMODELS)
		return psprintf("invalid xmin model %d", o->xmin_model);
	if (o->model_a < -1 || o->model_a >= CC_TAIL_NMODELS ||
		o->model_b < -1 || o->model_b >= CC_TAIL_NMODELS || (o->model_a < 0) != (o->model_b < 0))
		return psprintf("invalid model pair %d, %d", o->model_a, o->model_b);
	return NULL;
}

/* An optional float8 or integer option (NULL or absent: not given). */
void
TailOptFloat(FunctionCallInfo fcinfo, int argno, int flag, double *dst, TailOpts *o)
{
	if (ArgGiven(fcinfo, argno))
	{
		*dst = PG_GETARG_FLOAT8(argno);
		o->has |= flag;
	}
}

void
TailOptInt(FunctionCallInfo fcinfo, int argno, int flag, int32 *dst, TailOpts *o)
{
	if (ArgGiven(fcinfo, argno))
	{
		*dst = PG_GETARG_INT32(argno);
		o->has |= flag;
	}
}

void
TailOptInt64(FunctionCallInfo fcinfo, int argno, int flag, int64 *dst, TailOpts *o)
{
	if (ArgGiven(fcinfo, argno))
	{
		*dst = PG_GETARG_INT64(argno);
		o->has |= flag;
	}
}

/* Options given by the user: an error names the bad value. */
void
TailOptsCheck(const TailOpts *o)
{
	const char *problem = TailOptsProblem(o);

	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", problem)));
}

/* A model name: exactly one of the five names. */
cc_tail_model
TailParseModel(Datum name)
{
	cc_tail_model m;
	cc_error	err;

	if (cc_tail_model_parse(TextDatumGetCString(name), &m, &err) != CC_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", err.message),
				 errhint("%s", err.detail)));
	return m;
}

/* ---------------------------------------------------------------------------------------
 * Running the core
 * ------------------------------------------------------------------------------------- */

/*
 * Fit m at the fixed xmin, or at the xmin chosen under o->xmin_model among the candidates
 * that leave the minimum tail (cc_tail_fit_auto). CC_OK, or CC_ETOOFEW / CC_ENOCONV with
 * the reason in err when the sample cannot be fitted; any other failure is raised.
 */
static cc_status
TryFit(const cc_tail_sample *s, cc_tail_model m, const TailOpts *o, cc_tail_fit *out,
	   cc_error *err)
{
	cc_status	st;

	if (o->has & TAIL_HAS_XMIN)
		st = cc_tail_fit_at(s, m, o->xmin, out, err);
	else
	{
		cc_tail_xmin_opts xo;

		cc_tail_xmin_opts_default(&xo);
		if (o->has & TAIL_HAS_LO)
			xo.xmin_lo = o->xmin_lo;
		if (o->has & TAIL_HAS_HI)
			xo.xmin_hi = o->xmin_hi;
		if (o->has & TAIL_HAS_MAXC)
			xo.max_candidates = (size_t) o->max_candidates;
		if (o->has & TAIL_HAS_MINT)
			xo.min_tail = (uint64_t) o->min_tail;
		if (o->has & TAIL_HAS_MIND)
			xo.min_distinct = (size_t) o->min_distinct;
		xo.model = (cc_tail_model) o->xmin_model;
		st = cc_tail_fit_auto(s, m, &xo, out, err);
	}
	if (st != CC_OK && st != CC_ETOOFEW && st != CC_ENOCONV)
		cc_check(st, err);
	return st;
}

/* The fit of m as TryFit makes it; a sample that cannot be fitted is an error (22000). */
void
TailRunFit(const cc_tail_sample *s, cc_tail_model m, const TailOpts *o, cc_tail_fit *out)
{
	cc_error	err;

	cc_check(TryFit(s, m, o, out, &err), &err);
}

/* A count as a bigint: every way into a sample refuses counts past CC_TAIL_MAX_COUNT. */
static int64
CountToInt64(uint64_t c)
{
	StaticAssertStmt(CC_TAIL_MAX_COUNT == (uint64_t) PG_INT64_MAX, "counts are bigints");
	Assert(c <= CC_TAIL_MAX_COUNT);
	return (int64) c;
}

/* The columns of the five fit result types (see 60_tail.sql), by name. */
enum
{
	FIT_DISCRETE, FIT_XMIN, FIT_N_TAIL, FIT_N, FIT_ALPHA, FIT_ALPHA_SE, FIT_LAMBDA,
	FIT_LAMBDA_SE, FIT_CUTOFF, FIT_MU, FIT_MU_SE, FIT_SIGMA, FIT_SIGMA_SE, FIT_BETA,
	FIT_BETA_SE, FIT_LOGLIK, FIT_KS, FIT_BOUNDARY, FIT_N_TAIL_DISTINCT, FIT_QUALITY,
	FIT_REASON, FIT_NCOLS
};

static const ResultColumn fit_columns[FIT_NCOLS] = {
	{"discrete", BOOLOID}, {"xmin", FLOAT8OID}, {"n_tail", INT8OID}, {"n", INT8OID},
	{"alpha", FLOAT8OID}, {"alpha_se", FLOAT8OID}, {"lambda", FLOAT8OID},
	{"lambda_se", FLOAT8OID}, {"cutoff", FLOAT8OID}, {"mu", FLOAT8OID}, {"mu_se", FLOAT8OID},
	{"sigma", FLOAT8OID}, {"sigma_se", FLOAT8OID}, {"beta", FLOAT8OID}, {"beta_se", FLOAT8OID},
	{"loglik", FLOAT8OID}, {"ks", FLOAT8OID}, {"boundary", BOOLOID},
	{"n_tail_distinct", INT4OID}, {"quality", TEXTOID}, {"reason", TEXTOID}
};

/* Column col gets a parameter and col + 1 its standard error; NULL (not identified) when
 * the fit sits at its power-law boundary and the model is LN or SE. */
static void
SetParameter(ResultRow *row, int col, const cc_tail_fit *f, int k)
{
	bool		hidden = f->boundary && (f->model == CC_TAIL_LN || f->model == CC_TAIL_SE);

	ResultRowSetFloat(row, col, hidden ? NAN : f->par[k]);
	ResultRowSetFloat(row, col + 1, hidden ? NAN : f->se[k]);
}

/* The composite result of a fit: the columns of its model's result type, by name. */
static Datum
FitDatum(FunctionCallInfo fcinfo, const cc_tail_fit *f)
{
	ResultRow	row;

	ResultRowInit(&row, ResultRowType(fcinfo), FIT_NCOLS, fit_columns);
	ResultRowSet(&row, FIT_DISCRETE, BoolGetDatum(f->kind == CC_TAIL_DISCRETE));
	ResultRowSet(&row, FIT_XMIN, Float8GetDatum(f->xmin));
	ResultRowSet(&row, FIT_N_TAIL, Int64GetDatum(CountToInt64(f->n_tail)));
	ResultRowSet(&row, FIT_N, Int64GetDatum(CountToInt64(f->n_total)));
	switch (f->model)
	{
		case CC_TAIL_PL:
			SetParameter(&row, FIT_ALPHA, f, 0);
			break;
		case CC_TAIL_EXP:
			SetParameter(&row, FIT_LAMBDA, f, 0);
			break;
		case CC_TAIL_TPL:
			SetParameter(&row, FIT_ALPHA, f, 0);
			SetParameter(&row, FIT_LAMBDA, f, 1);
			/* the cutoff 1/lambda, NULL for the pure power law */
			ResultRowSetFloat(&row, FIT_CUTOFF, f->par[1] > 0.0 ? 1.0 / f->par[1] : NAN);
			break;
		case CC_TAIL_LN:
			SetParameter(&row, FIT_MU, f, 0);
			SetParameter(&row, FIT_SIGMA, f, 1);
			break;
		case CC_TAIL_SE:
			/* core order is {lambda, beta} */
			SetParameter(&row, FIT_BETA, f, 1);
			SetParameter(&row, FIT_LAMBDA, f, 0);
			break;
		default:
			elog(ERROR, "collcog: fit of unknown model %d", (int) f->model);
	}
	ResultRowSetFloat(&row, FIT_LOGLIK, f->loglik);
	ResultRowSetFloat(&row, FIT_KS, f->ks);
	/* the power law and the exponential have no boundary: false */
	ResultRowSet(&row, FIT_BOUNDARY, BoolGetDatum(f->boundary != 0));
	ResultRowSet(&row, FIT_N_TAIL_DISTINCT, Int32GetDatum((int32) f->n_tail_distinct));
	ResultRowSet(&row, FIT_QUALITY,
				 CStringGetTextDatum(cc_tail_quality_name(cc_tail_fit_quality(f))));
	return HeapTupleGetDatum(ResultRowTuple(&row));
}

/*
 * The row of a fit that could not be made: the sample's kind and size, with a fixed xmin
 * also its tail, quality 'unfitted' and the reason; everything else NULL.
 */
static Datum
UnfittedDatum(FunctionCallInfo fcinfo, const cc_tail_sample *s, const TailOpts *o,
			  const cc_tail_fit *f, const cc_error *err)
{
	ResultRow	row;

	ResultRowInit(&row, ResultRowType(fcinfo), FIT_NCOLS, fit_columns);
	ResultRowSet(&row, FIT_DISCRETE, BoolGetDatum(s->kind == CC_TAIL_DISCRETE));
	ResultRowSet(&row, FIT_N, Int64GetDatum(CountToInt64(s->total)));
	if (o->has & TAIL_HAS_XMIN)
	{
		ResultRowSet(&row, FIT_XMIN, Float8GetDatum(o->xmin));
		ResultRowSet(&row, FIT_N_TAIL, Int64GetDatum(CountToInt64(f->n_tail)));
		ResultRowSet(&row, FIT_N_TAIL_DISTINCT, Int32GetDatum((int32) f->n_tail_distinct));
	}
	ResultRowSet(&row, FIT_QUALITY,
				 CStringGetTextDatum(cc_tail_quality_name(CC_TAIL_QUALITY_UNFITTED)));
	ResultRowSet(&row, FIT_REASON, CStringGetTextDatum(err->message));
	return HeapTupleGetDatum(ResultRowTuple(&row));
}

/* The result of the fit of m to s as o says: a fit, or the row saying why there is none. */
Datum
TailFitResult(FunctionCallInfo fcinfo, const cc_tail_sample *s, cc_tail_model m,
			  const TailOpts *o)
{
	cc_tail_fit f;
	cc_error	err;

	if (TryFit(s, m, o, &f, &err) != CC_OK)
		return UnfittedDatum(fcinfo, s, o, &f, &err);
	return FitDatum(fcinfo, &f);
}

/* The columns of vuong_result. */
enum
{
	VUONG_MODEL_A, VUONG_MODEL_B, VUONG_XMIN, VUONG_N_TAIL, VUONG_R, VUONG_R_NORMALIZED,
	VUONG_P, VUONG_NESTED, VUONG_NCOLS
};

static const ResultColumn vuong_columns[VUONG_NCOLS] = {
	{"model_a", TEXTOID}, {"model_b", TEXTOID}, {"xmin", FLOAT8OID}, {"n_tail", INT8OID},
	{"r", FLOAT8OID}, {"r_normalized", FLOAT8OID}, {"p_value", FLOAT8OID}, {"nested", BOOLOID}
};

/* One vuong_result row; n_tail NULL unless compared (in tail_compare a failed fit leaves
 * its pairs uncompared). */
static void
VuongRow(ResultRow *row, const cc_tail_vuong *v, bool compared)
{
	ResultRowClear(row);
	ResultRowSet(row, VUONG_MODEL_A, CStringGetTextDatum(cc_tail_model_name(v->m1)));
	ResultRowSet(row, VUONG_MODEL_B, CStringGetTextDatum(cc_tail_model_name(v->m2)));
	ResultRowSet(row, VUONG_XMIN, Float8GetDatum(v->xmin));
	if (compared)
		ResultRowSet(row, VUONG_N_TAIL, Int64GetDatum(CountToInt64(v->n)));
	ResultRowSetFloat(row, VUONG_R, v->R);
	/* nested pair: the LR test has no normalised ratio; see the docs */
	ResultRowSetFloat(row, VUONG_R_NORMALIZED, v->nested ? NAN : v->stat);
	ResultRowSetFloat(row, VUONG_P, v->p);
	ResultRowSet(row, VUONG_NESTED, BoolGetDatum(v->nested != 0));
}

/* The xmin of a comparison: fixed, or the one the power law selects (CC_ETOOFEW or
 * CC_ENOCONV with the reason in err when the power law cannot be fitted). */
static cc_status
TryComparisonXmin(const cc_tail_sample *s, const TailOpts *o, double *xmin, cc_error *err)
{
	cc_tail_fit pl;
	TailOpts	po = *o;
	cc_status	st = CC_OK;

	*xmin = o->xmin;
	if (!(o->has & TAIL_HAS_XMIN))
	{
		po.xmin_model = CC_TAIL_PL;
		st = TryFit(s, CC_TAIL_PL, &po, &pl, err);
		*xmin = pl.xmin;
	}
	return st;
}

/* The same where a sample that cannot be fitted is an error (22000). */
static double
ComparisonXmin(const cc_tail_sample *s, const TailOpts *o)
{
	double		xmin;
	cc_error	err;

	cc_check(TryComparisonXmin(s, o, &xmin, &err), &err);
	return xmin;
}

/*
 * Vuong's test of o->model_a against o->model_b on s. NULL (fcinfo->isnull) when the sample
 * cannot be fitted, as a fit gives a row with its reason, so that one group of a GROUP BY
 * does not abort the others; the fits' quality and reason say why.
 */
Datum
TailVuongDatum(FunctionCallInfo fcinfo, const cc_tail_sample *s, const TailOpts *o)
{
	ResultRow	row;
	cc_tail_fit fa,
				fb;
	cc_tail_vuong v;
	cc_error	err;
	TailOpts	at = *o;

	/* both models at the comparison's xmin */
	at.has |= TAIL_HAS_XMIN;
	if (TryComparisonXmin(s, o, &at.xmin, &err) != CC_OK ||
		TryFit(s, (cc_tail_model) o->model_a, &at, &fa, &err) != CC_OK ||
		TryFit(s, (cc_tail_model) o->model_b, &at, &fb, &err) != CC_OK)
	{
		fcinfo->isnull = true;
		return (Datum) 0;
	}
	ResultRowInit(&row, ResultRowType(fcinfo), VUONG_NCOLS, vuong_columns);
	cc_check(cc_tail_vuong_test(s, &fa, &fb, &v, &err), &err);
	VuongRow(&row, &v, true);
	return HeapTupleGetDatum(ResultRowTuple(&row));
}

/* ---------------------------------------------------------------------------------------
 * Functions on tail_hist
 * ------------------------------------------------------------------------------------- */

/* Shared body of pl_fit(tail_hist, ...) and friends. */
static Datum
FitHist(FunctionCallInfo fcinfo, cc_tail_model m)
{
	cc_tail_sample *s;
	TailOpts	o;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = TailHistUnpack(PG_GETARG_DATUM(0));
	TailOptsInit(&o, s->kind);
	TailOptFloat(fcinfo, 1, TAIL_HAS_XMIN, &o.xmin, &o);
	TailOptFloat(fcinfo, 2, TAIL_HAS_LO, &o.xmin_lo, &o);
	TailOptFloat(fcinfo, 3, TAIL_HAS_HI, &o.xmin_hi, &o);
	TailOptInt(fcinfo, 4, TAIL_HAS_MAXC, &o.max_candidates, &o);
	if (ArgGiven(fcinfo, 5))
		o.xmin_model = TailParseModel(PG_GETARG_DATUM(5));
	/* 0.1.0's SQL has six arguments */
	TailOptInt64(fcinfo, 6, TAIL_HAS_MINT, &o.min_tail, &o);
	TailOptInt(fcinfo, 7, TAIL_HAS_MIND, &o.min_distinct, &o);
	TailOptsCheck(&o);
	if (s->total == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(TailFitResult(fcinfo, s, m, &o));
}

Datum
pl_fit_hist(PG_FUNCTION_ARGS)
{
	return FitHist(fcinfo, CC_TAIL_PL);
}

Datum
tpl_fit_hist(PG_FUNCTION_ARGS)
{
	return FitHist(fcinfo, CC_TAIL_TPL);
}

Datum
lognormal_fit_hist(PG_FUNCTION_ARGS)
{
	return FitHist(fcinfo, CC_TAIL_LN);
}

Datum
exponential_fit_hist(PG_FUNCTION_ARGS)
{
	return FitHist(fcinfo, CC_TAIL_EXP);
}

Datum
stretched_exp_fit_hist(PG_FUNCTION_ARGS)
{
	return FitHist(fcinfo, CC_TAIL_SE);
}

/* vuong(h, model_a, model_b, xmin) */
Datum
vuong_hist(PG_FUNCTION_ARGS)
{
	cc_tail_sample *s;
	TailOpts	o;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	s = TailHistUnpack(PG_GETARG_DATUM(0));
	TailOptsInit(&o, s->kind);
	o.model_a = TailParseModel(PG_GETARG_DATUM(1));
	o.model_b = TailParseModel(PG_GETARG_DATUM(2));
	TailOptFloat(fcinfo, 3, TAIL_HAS_XMIN, &o.xmin, &o);
	TailOptsCheck(&o);
	if (s->total == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(TailVuongDatum(fcinfo, s, &o));
}

/* tail_compare(h, xmin): every pair of the five models at one xmin. */
Datum
tail_compare_hist(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cc_tail_sample *s;
	TailOpts	o;
	cc_tail_fit fits[CC_TAIL_NMODELS];
	cc_tail_vuong pairs[CC_TAIL_NPAIRS];
	cc_error	err;
	ResultRow	row;
	int			k;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	s = TailHistUnpack(PG_GETARG_DATUM(0));
	TailOptsInit(&o, s->kind);
	TailOptFloat(fcinfo, 1, TAIL_HAS_XMIN, &o.xmin, &o);
	TailOptsCheck(&o);
	if (s->total == 0)
		return (Datum) 0;
	cc_check(cc_tail_compare(s, ComparisonXmin(s, &o), fits, pairs, &err), &err);
	ResultRowInit(&row, rsinfo->setDesc, VUONG_NCOLS, vuong_columns);
	for (k = 0; k < CC_TAIL_NPAIRS; k++)
	{
		VuongRow(&row, &pairs[k], !isnan(pairs[k].R));
		ResultRowPut(&row, rsinfo->setResult);
	}
	return (Datum) 0;
}

/* Replicates argument: 1 .. CC_TAIL_MAX_REPLICATES. */
static int
ReplicatesArg(FunctionCallInfo fcinfo, int argno)
{
	int			r = ArgInt32(fcinfo, argno, "replicates");

	if (r < 1 || r > CC_TAIL_MAX_REPLICATES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("replicates %d is out of range", r),
				 errdetail("The number of replicates must be between 1 and %d.", CC_TAIL_MAX_REPLICATES)));
	return r;
}

/* A seed: the 64 bits of the bigint (see cc_rng_seed). */
static uint64_t
SeedArg(FunctionCallInfo fcinfo, int argno)
{
	return (uint64_t) ArgInt64(fcinfo, argno, "seed");
}

/* The columns of tail_bootstrap's rows (0.1.0's SQL has no boundary_replicates). */
enum
{
	BOOT_PARAMETER, BOOT_ESTIMATE, BOOT_LO, BOOT_HI, BOOT_REPLICATES, BOOT_BOUNDARY,
	BOOT_NCOLS
};

static const ResultColumn boot_columns[BOOT_NCOLS] = {
	{"parameter", TEXTOID}, {"estimate", FLOAT8OID}, {"lo", FLOAT8OID}, {"hi", FLOAT8OID},
	{"replicates", INT4OID}, {"boundary_replicates", INT4OID}
};

/* One tail_bootstrap row: parameter k of the fit (or xmin, k = -1) with its interval; the
 * estimate is NULL where the fit's is not identified (LN, SE at the boundary). */
static void
PutBootRow(ReturnSetInfo *rsinfo, ResultRow *row, const char *name, const cc_tail_fit *f,
		   const cc_tail_boot *b, int k)
{
	bool		hidden = f->boundary && (f->model == CC_TAIL_LN || f->model == CC_TAIL_SE);

	ResultRowClear(row);
	ResultRowSet(row, BOOT_PARAMETER, CStringGetTextDatum(name));
	ResultRowSetFloat(row, BOOT_ESTIMATE, k < 0 ? f->xmin : hidden ? NAN : f->par[k]);
	ResultRowSetFloat(row, BOOT_LO, k < 0 ? b->xmin_lo : b->lo[k]);
	ResultRowSetFloat(row, BOOT_HI, k < 0 ? b->xmin_hi : b->hi[k]);
	ResultRowSet(row, BOOT_REPLICATES, Int32GetDatum(b->n_rep));
	ResultRowSet(row, BOOT_BOUNDARY, Int32GetDatum(b->n_boundary));
	ResultRowPut(row, rsinfo->setResult);
}

/* tail_bootstrap(h, model, replicates, seed, level, xmin) */
Datum
tail_bootstrap_hist(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cc_tail_sample *s;
	cc_tail_model m;
	TailOpts	o;
	cc_tail_xmin_opts xo;
	cc_tail_fit f;
	cc_tail_boot b;
	cc_error	err;
	int			n_rep;
	double		level;
	uint64_t	seed;
	ResultRow	row;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	s = TailHistUnpack(PG_GETARG_DATUM(0));
	ArgRequire(fcinfo, 1, "model");
	m = TailParseModel(PG_GETARG_DATUM(1));
	n_rep = ReplicatesArg(fcinfo, 2);
	seed = SeedArg(fcinfo, 3);
	level = ArgFloat8(fcinfo, 4, "level");
	if (!(level > 0.0 && level < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("level %g is not between 0 and 1", level)));
	TailOptsInit(&o, s->kind);
	TailOptFloat(fcinfo, 5, TAIL_HAS_XMIN, &o.xmin, &o);
	TailOptsCheck(&o);
	if (s->total == 0)
		return (Datum) 0;
	TailRunFit(s, m, &o, &f);
	cc_tail_xmin_opts_default(&xo);
	cc_check(cc_tail_bootstrap(s, m, &xo, (o.has & TAIL_HAS_XMIN) ? o.xmin : 0.0, n_rep,
							   level, seed, &b, &err), &err);
	ResultRowInit(&row, rsinfo->setDesc, BOOT_NCOLS, boot_columns);
	switch (m)
	{
		case CC_TAIL_PL:
			PutBootRow(rsinfo, &row, "alpha", &f, &b, 0);
			break;
		case CC_TAIL_TPL:
			PutBootRow(rsinfo, &row, "alpha", &f, &b, 0);
			PutBootRow(rsinfo, &row, "lambda", &f, &b, 1);
			break;
		case CC_TAIL_LN:
			PutBootRow(rsinfo, &row, "mu", &f, &b, 0);
			PutBootRow(rsinfo, &row, "sigma", &f, &b, 1);
			break;
		case CC_TAIL_EXP:
			PutBootRow(rsinfo, &row, "lambda", &f, &b, 0);
			break;
		case CC_TAIL_SE:
			PutBootRow(rsinfo, &row, "beta", &f, &b, 1);
			PutBootRow(rsinfo, &row, "lambda", &f, &b, 0);
			break;
		default:
			break;
	}
	PutBootRow(rsinfo, &row, "xmin", &f, &b, -1);
	return (Datum) 0;
}

/* pl_gof(h, replicates, seed): Clauset's semi-parametric bootstrap p-value. */
Datum
pl_gof_hist(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cc_tail_sample *s;
	cc_tail_fit f;
	cc_error	err;
	int			n_rep,
				used = 0;
	uint64_t	seed;
	double		p;
	ResultRow	row;
	enum
	{
		GOF_XMIN, GOF_ALPHA, GOF_KS, GOF_P, GOF_REPLICATES, GOF_NCOLS
	};
	static const ResultColumn gof_columns[GOF_NCOLS] = {
		{"xmin", FLOAT8OID}, {"alpha", FLOAT8OID}, {"ks", FLOAT8OID}, {"p_value", FLOAT8OID},
		{"replicates", INT4OID}
	};

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	s = TailHistUnpack(PG_GETARG_DATUM(0));
	n_rep = ReplicatesArg(fcinfo, 1);
	seed = SeedArg(fcinfo, 2);
	if (s->total == 0)
		return (Datum) 0;
	cc_check(cc_tail_fit_xmin(s, NULL, &f, &err), &err);
	cc_check(cc_tail_gof(s, NULL, &f, n_rep, seed, &p, &used, &err), &err);
	ResultRowInit(&row, rsinfo->setDesc, GOF_NCOLS, gof_columns);
	ResultRowSet(&row, GOF_XMIN, Float8GetDatum(f.xmin));
	ResultRowSetFloat(&row, GOF_ALPHA, f.par[0]);
	ResultRowSetFloat(&row, GOF_KS, f.ks);
	ResultRowSetFloat(&row, GOF_P, p);
	ResultRowSet(&row, GOF_REPLICATES, Int32GetDatum(used));
	ResultRowPut(&row, rsinfo->setResult);
	return (Datum) 0;
}

/* ccdf(h, models, xmin): empirical and fitted CCDF at every distinct value. */
Datum
ccdf_hist(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cc_tail_sample *s;
	TailOpts	o;
	bool		want[CC_TAIL_NMODELS] = {false, false, false, false, false};
	cc_tail_fit fits[CC_TAIL_NMODELS];
	cc_tail_ccdf c;
	cc_error	err;
	size_t		nfits = 0,
				i;
	double		xmin;
	int			m;
	ResultColumn columns[2 + CC_TAIL_NMODELS];
	ResultRow	row;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	s = TailHistUnpack(PG_GETARG_DATUM(0));
	if (ArgGiven(fcinfo, 1))
	{
		ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
		Datum	   *elems;
		bool	   *elem_nulls;
		int			n,
					k;

		deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &elem_nulls, &n);
		for (k = 0; k < n; k++)
		{
			if (elem_nulls[k])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("models must not contain nulls")));
			want[TailParseModel(elems[k])] = true;
		}
	}
	TailOptsInit(&o, s->kind);
	TailOptFloat(fcinfo, 2, TAIL_HAS_XMIN, &o.xmin, &o);
	TailOptsCheck(&o);
	if (s->total == 0)
		return (Datum) 0;
	/* xmin is needed (and the PL fit that selects it) only when a model is asked for */
	xmin = (want[0] || want[1] || want[2] || want[3] || want[4]) ? ComparisonXmin(s, &o) : 0.0;
	for (m = 0; m < CC_TAIL_NMODELS; m++)
	{
		cc_status	st;

		if (!want[m])
			continue;
		st = cc_tail_fit_at(s, (cc_tail_model) m, xmin, &fits[nfits], &err);
		if (st == CC_ETOOFEW || st == CC_ENOCONV)
			continue;			/* documented: that model's column is NULL */
		cc_check(st, &err);
		nfits++;
	}
	cc_check(cc_tail_ccdf_table(s, fits, nfits, &c, &err), &err);
	/* columns x, empirical, then one named after each model */
	columns[0].name = "x";
	columns[1].name = "empirical";
	for (m = 0; m < CC_TAIL_NMODELS; m++)
		columns[2 + m].name = cc_tail_model_name((cc_tail_model) m);
	for (m = 0; m < 2 + CC_TAIL_NMODELS; m++)
		columns[m].type = FLOAT8OID;
	ResultRowInit(&row, rsinfo->setDesc, 2 + CC_TAIL_NMODELS, columns);
	for (i = 0; i < c.n; i++)
	{
		ResultRowClear(&row);
		ResultRowSet(&row, 0, Float8GetDatum(c.x[i]));
		ResultRowSetFloat(&row, 1, c.emp[i]);
		for (m = 0; m < CC_TAIL_NMODELS; m++)
			if (c.fit[m] != NULL)
				ResultRowSetFloat(&row, 2 + m, c.fit[m][i]);
		ResultRowPut(&row, rsinfo->setResult);
	}
	cc_tail_ccdf_free(&c);
	return (Datum) 0;
}
