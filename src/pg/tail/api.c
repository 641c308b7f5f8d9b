/*
 * Fits, Vuong tests, model comparison, bootstrap, goodness of fit and CCDF on a tail_hist,
 * and the helpers the aggregates share (options, model names, result rows).
 *
 * Conventions: an empty tail_hist gives NULL (or no rows), like an aggregate over no rows;
 * too little tail data for a fit is an ERROR with SQLSTATE 22000 (data_exception); NaN
 * standard errors (parameter not identified) are SQL NULL.
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
	if ((o->has & TAIL_HAS_XMIN) && (o->has & (TAIL_HAS_LO | TAIL_HAS_HI | TAIL_HAS_MAXC)))
		return pstrdup("a fixed xmin cannot be combined with xmin_lo, xmin_hi or max_candidates");
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
	char	   *s = TextDatumGetCString(name);
	int			m;

	for (m = 0; m < CC_TAIL_NMODELS; m++)
		if (strcmp(s, cc_tail_model_name((cc_tail_model) m)) == 0)
			return (cc_tail_model) m;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown tail model \"%s\"", s),
			 errhint("Known models are power_law, truncated_power_law, lognormal, exponential and stretched_exponential.")));
	pg_unreachable();
}

/* ---------------------------------------------------------------------------------------
 * Running the core
 * ------------------------------------------------------------------------------------- */

/* Fit m at the fixed xmin, or at the xmin chosen under o->xmin_model. */
void
TailRunFit(const cc_tail_sample *s, cc_tail_model m, const TailOpts *o, cc_tail_fit *out)
{
	cc_error	err;

	if (o->has & TAIL_HAS_XMIN)
		cc_check(cc_tail_fit_at(s, m, o->xmin, out, &err), &err);
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
		xo.model = (cc_tail_model) o->xmin_model;
		cc_check(cc_tail_fit_xmin(s, &xo, out, &err), &err);
		if (out->model != m)
		{
			double		xmin = out->xmin;

			cc_check(cc_tail_fit_at(s, m, xmin, out, &err), &err);
		}
	}
	if (!isfinite(out->loglik))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s fit at xmin %g has a non-finite log-likelihood",
						cc_tail_model_name(m), out->xmin)));
}

/* A float8 column, NULL when not finite. */
static void
PutFloat(Datum *values, bool *nulls, int i, double v)
{
	if (isfinite(v))
		values[i] = Float8GetDatum(v);
	else
		nulls[i] = true;
}

static int64
CountToInt64(uint64_t c)
{
	if (c > (uint64_t) PG_INT64_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("count " UINT64_FORMAT " is out of range for type bigint", (uint64) c)));
	return (int64) c;
}

/* The composite result of a fit, shaped by the model (see 60_tail.sql for the types). */
Datum
TailFitDatum(FunctionCallInfo fcinfo, const cc_tail_fit *f)
{
	static const int natts[CC_TAIL_NMODELS] = {8, 12, 11, 8, 11};
	TupleDesc	tupdesc;
	Datum		values[12];
	bool		nulls[12];
	int			k = 4;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "collcog: fit result type is not composite");
	if (f->model < 0 || f->model >= CC_TAIL_NMODELS || tupdesc->natts != natts[f->model])
		elog(ERROR, "collcog: fit result type has %d columns, not the expected shape",
			 tupdesc->natts);
	tupdesc = BlessTupleDesc(tupdesc);
	memset(nulls, 0, sizeof(nulls));
	values[0] = BoolGetDatum(f->kind == CC_TAIL_DISCRETE);
	values[1] = Float8GetDatum(f->xmin);
	values[2] = Int64GetDatum(CountToInt64(f->n_tail));
	values[3] = Int64GetDatum(CountToInt64(f->n_total));
	switch (f->model)
	{
		case CC_TAIL_PL:
		case CC_TAIL_EXP:
			/* alpha or lambda */
			PutFloat(values, nulls, k++, f->par[0]);
			PutFloat(values, nulls, k++, f->se[0]);
			break;
		case CC_TAIL_TPL:
			PutFloat(values, nulls, k++, f->par[0]);
			PutFloat(values, nulls, k++, f->se[0]);
			PutFloat(values, nulls, k++, f->par[1]);
			PutFloat(values, nulls, k++, f->se[1]);
			/* the cutoff 1/lambda, NULL for the pure power law */
			PutFloat(values, nulls, k++, f->par[1] > 0.0 ? 1.0 / f->par[1] : NAN);
			break;
		case CC_TAIL_LN:
			/* at the boundary mu and sigma are the optimiser's last iterate: NULL */
			PutFloat(values, nulls, k++, f->boundary ? NAN : f->par[0]);
			PutFloat(values, nulls, k++, f->boundary ? NAN : f->se[0]);
			PutFloat(values, nulls, k++, f->boundary ? NAN : f->par[1]);
			PutFloat(values, nulls, k++, f->boundary ? NAN : f->se[1]);
			break;
		case CC_TAIL_SE:
			/* core order is {lambda, beta}; the result shows beta first; NULL at the boundary */
			PutFloat(values, nulls, k++, f->boundary ? NAN : f->par[1]);
			PutFloat(values, nulls, k++, f->boundary ? NAN : f->se[1]);
			PutFloat(values, nulls, k++, f->boundary ? NAN : f->par[0]);
			PutFloat(values, nulls, k++, f->boundary ? NAN : f->se[0]);
			break;
		default:
			break;
	}
	PutFloat(values, nulls, k++, f->loglik);
	PutFloat(values, nulls, k++, f->ks);
	if (f->model == CC_TAIL_TPL || f->model == CC_TAIL_LN || f->model == CC_TAIL_SE)
		values[k++] = BoolGetDatum(f->boundary != 0);
	Assert(k == tupdesc->natts);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/* One vuong_result row. */
static void
VuongValues(const cc_tail_vuong *v, Datum *values, bool *nulls)
{
	memset(nulls, 0, 8 * sizeof(bool));
	values[0] = CStringGetTextDatum(cc_tail_model_name(v->m1));
	values[1] = CStringGetTextDatum(cc_tail_model_name(v->m2));
	values[2] = Float8GetDatum(v->xmin);
	values[3] = Int64GetDatum(CountToInt64(v->n));
	PutFloat(values, nulls, 4, v->R);
	/* nested pair: the LR test has no normalised ratio; see the docs */
	PutFloat(values, nulls, 5, v->nested ? NAN : v->stat);
	PutFloat(values, nulls, 6, v->p);
	values[7] = BoolGetDatum(v->nested != 0);
}

/* The xmin of a comparison: fixed, or the one the power law selects. */
static double
ComparisonXmin(const cc_tail_sample *s, const TailOpts *o)
{
	cc_tail_fit pl;
	TailOpts	po = *o;

	if (o->has & TAIL_HAS_XMIN)
		return o->xmin;
	po.xmin_model = CC_TAIL_PL;
	TailRunFit(s, CC_TAIL_PL, &po, &pl);
	return pl.xmin;
}

/* Vuong's test of o->model_a against o->model_b on s. */
Datum
TailVuongDatum(FunctionCallInfo fcinfo, const cc_tail_sample *s, const TailOpts *o)
{
	TupleDesc	tupdesc;
	cc_tail_fit fa,
				fb;
	cc_tail_vuong v;
	cc_error	err;
	Datum		values[8];
	bool		nulls[8];
	double		xmin = ComparisonXmin(s, o);

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE || tupdesc->natts != 8)
		elog(ERROR, "collcog: vuong result type is not the expected composite");
	tupdesc = BlessTupleDesc(tupdesc);
	cc_check(cc_tail_fit_at(s, (cc_tail_model) o->model_a, xmin, &fa, &err), &err);
	cc_check(cc_tail_fit_at(s, (cc_tail_model) o->model_b, xmin, &fb, &err), &err);
	cc_check(cc_tail_vuong_test(s, &fa, &fb, &v, &err), &err);
	VuongValues(&v, values, nulls);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
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
	cc_tail_fit f;

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
	TailOptsCheck(&o);
	if (s->total == 0)
		PG_RETURN_NULL();
	TailRunFit(s, m, &o, &f);
	PG_RETURN_DATUM(TailFitDatum(fcinfo, &f));
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
	for (k = 0; k < CC_TAIL_NPAIRS; k++)
	{
		Datum		values[8];
		bool		nulls[8];

		VuongValues(&pairs[k], values, nulls);
		if (isnan(pairs[k].R))
			nulls[3] = true;	/* one of the fits failed: nothing was compared */
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
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

static unsigned long
SeedArg(FunctionCallInfo fcinfo, int argno)
{
	return (unsigned long) (uint64) ArgInt64(fcinfo, argno, "seed");
}

/* One tail_bootstrap row. */
static void
PutBootRow(ReturnSetInfo *rsinfo, const char *name, double est, double lo, double hi, int n)
{
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	values[0] = CStringGetTextDatum(name);
	PutFloat(values, nulls, 1, est);
	PutFloat(values, nulls, 2, lo);
	PutFloat(values, nulls, 3, hi);
	values[4] = Int32GetDatum(n);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
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
	unsigned long seed;

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
	switch (m)
	{
		case CC_TAIL_PL:
			PutBootRow(rsinfo, "alpha", f.par[0], b.lo[0], b.hi[0], b.n_rep);
			break;
		case CC_TAIL_TPL:
			PutBootRow(rsinfo, "alpha", f.par[0], b.lo[0], b.hi[0], b.n_rep);
			PutBootRow(rsinfo, "lambda", f.par[1], b.lo[1], b.hi[1], b.n_rep);
			break;
		case CC_TAIL_LN:
			PutBootRow(rsinfo, "mu", f.par[0], b.lo[0], b.hi[0], b.n_rep);
			PutBootRow(rsinfo, "sigma", f.par[1], b.lo[1], b.hi[1], b.n_rep);
			break;
		case CC_TAIL_EXP:
			PutBootRow(rsinfo, "lambda", f.par[0], b.lo[0], b.hi[0], b.n_rep);
			break;
		case CC_TAIL_SE:
			PutBootRow(rsinfo, "beta", f.par[1], b.lo[1], b.hi[1], b.n_rep);
			PutBootRow(rsinfo, "lambda", f.par[0], b.lo[0], b.hi[0], b.n_rep);
			break;
		default:
			break;
	}
	PutBootRow(rsinfo, "xmin", f.xmin, b.xmin_lo, b.xmin_hi, b.n_rep);
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
	unsigned long seed;
	double		p;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

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
	values[0] = Float8GetDatum(f.xmin);
	PutFloat(values, nulls, 1, f.par[0]);
	PutFloat(values, nulls, 2, f.ks);
	PutFloat(values, nulls, 3, p);
	values[4] = Int32GetDatum(used);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
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
	for (i = 0; i < c.n; i++)
	{
		Datum		values[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};

		values[0] = Float8GetDatum(c.x[i]);
		PutFloat(values, nulls, 1, c.emp[i]);
		for (m = 0; m < CC_TAIL_NMODELS; m++)
		{
			if (c.fit[m] == NULL)
				nulls[2 + m] = true;
			else
				PutFloat(values, nulls, 2 + m, c.fit[m][i]);
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	cc_tail_ccdf_free(&c);
	return (Datum) 0;
}
