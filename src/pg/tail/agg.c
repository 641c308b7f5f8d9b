/*
 * The tail aggregates: pl_fit, tpl_fit, lognormal_fit, exponential_fit, stretched_exp_fit,
 * vuong and tail_hist / tail_hist_merge over rows.
 *
 * They all share one internal state: the core's weighted sample (a histogram of distinct
 * values, DESIGN section 4) plus the options of the call (kind, xmin or its scan range,
 * models of a Vuong test), allocated in the aggregate context on the first non-NULL value
 * and mutated in place. Options must be the same in every row. The combine function merges
 * samples (cc_tail_sample_merge); serialize writes a fixed 64-byte header of options then
 * the core's serialised sample, and deserialize validates both.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "pg/common/args.h"
#include "pg/common/core_error.h"
#include "tail_pg.h"

PG_FUNCTION_INFO_V1(tail_fit_trans_int4);
PG_FUNCTION_INFO_V1(tail_fit_trans_int8);
PG_FUNCTION_INFO_V1(tail_fit_trans_float8);
PG_FUNCTION_INFO_V1(tail_fit_trans_float8_kind);
PG_FUNCTION_INFO_V1(vuong_trans_int4);
PG_FUNCTION_INFO_V1(vuong_trans_int8);
PG_FUNCTION_INFO_V1(vuong_trans_float8);
PG_FUNCTION_INFO_V1(tail_hist_trans_int8_count);
PG_FUNCTION_INFO_V1(tail_hist_merge_trans);
PG_FUNCTION_INFO_V1(tail_agg_combine);
PG_FUNCTION_INFO_V1(tail_agg_serialize);
PG_FUNCTION_INFO_V1(tail_agg_deserialize);
PG_FUNCTION_INFO_V1(pl_fit_final);
PG_FUNCTION_INFO_V1(tpl_fit_final);
PG_FUNCTION_INFO_V1(lognormal_fit_final);
PG_FUNCTION_INFO_V1(exponential_fit_final);
PG_FUNCTION_INFO_V1(stretched_exp_fit_final);
PG_FUNCTION_INFO_V1(vuong_final);
PG_FUNCTION_INFO_V1(tail_hist_final);

typedef struct TailAggState
{
	cc_tail_sample s;
	TailOpts	opts;
} TailAggState;

/* Serialised state: header (options), then the core's sample bytes. */
#define STATE_MAGIC "CCAS"
#define STATE_VERSION 2
#define STATE_HEADER 64

#ifdef USE_ASSERT_CHECKING
/* Invariants of a state: sorted distinct prefix, counts >= 1, total = sum of counts. */
static void
AssertTailState(const TailAggState *st)
{
	uint64		total = 0;
	size_t		i;

	Assert(st->s.kind == st->opts.kind);
	Assert(st->s.nsorted <= st->s.n && st->s.n <= st->s.cap);
	for (i = 0; i < st->s.n; i++)
	{
		Assert(st->s.count[i] >= 1);
		Assert(i == 0 || i >= st->s.nsorted || st->s.x[i] > st->s.x[i - 1]);
		total += st->s.count[i];
	}
	Assert(total == st->s.total);
	Assert(TailOptsProblem(&st->opts) == NULL);
}
#else
#define AssertTailState(st) ((void) 0)
#endif

static MemoryContext
AggContext(FunctionCallInfo fcinfo, const char *name)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "collcog: %s called in non-aggregate context", name);
	return aggcontext;
}

/* A skipped row leaves the state as it was, NULL included. */
static Datum
SkipRow(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

static bool
OptsEqual(const TailOpts *a, const TailOpts *b)
{
	return a->kind == b->kind && a->has == b->has &&
		(!(a->has & TAIL_HAS_XMIN) || a->xmin == b->xmin) &&
		(!(a->has & TAIL_HAS_LO) || a->xmin_lo == b->xmin_lo) &&
		(!(a->has & TAIL_HAS_HI) || a->xmin_hi == b->xmin_hi) &&
		(!(a->has & TAIL_HAS_MAXC) || a->max_candidates == b->max_candidates) &&
		(!(a->has & TAIL_HAS_MINT) || a->min_tail == b->min_tail) &&
		(!(a->has & TAIL_HAS_MIND) || a->min_distinct == b->min_distinct) &&
		a->xmin_model == b->xmin_model && a->model_a == b->model_a && a->model_b == b->model_b;
}

/* The state for this row's options: created on the first value, else checked against it. */
static TailAggState *
GetState(FunctionCallInfo fcinfo, const TailOpts *o)
{
	MemoryContext aggcontext = AggContext(fcinfo, "tail aggregate transition");
	TailAggState *st;

	if (PG_ARGISNULL(0))
	{
		cc_error	err;

		TailOptsCheck(o);
		st = MemoryContextAllocZero(aggcontext, sizeof(TailAggState));
		cc_check(cc_tail_sample_init(&st->s, (cc_tail_kind) o->kind, &err), &err);
		st->opts = *o;
		/* at DEBUG1 a query shows how many states it builds (shared ones once) */
		ereport(DEBUG1, (errmsg_internal("collcog: new tail aggregate state")));
		return st;
	}
	st = (TailAggState *) PG_GETARG_POINTER(0);
	if (!OptsEqual(&st->opts, o))
	{
		TailOptsCheck(o);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tail aggregate arguments other than the value must be the same in every row"),
				 errdetail("xmin, xmin_lo, xmin_hi, max_candidates, min_tail, min_tail_distinct, discrete and the model names are per call, not per row.")));
	}
	return st;
}

/* Add count copies of x to the state (in the aggregate context). */
static void
AddValue(FunctionCallInfo fcinfo, TailAggState *st, double x, uint64 count)
{
	MemoryContext aggcontext = AggContext(fcinfo, "tail aggregate transition"),
				old;
	cc_error	err;
	cc_status	rc;

	old = MemoryContextSwitchTo(aggcontext);
	rc = cc_tail_sample_add(&st->s, x, count, &err);
	MemoryContextSwitchTo(old);
	cc_check(rc, &err);
}

/* A bigint value as a double: beyond 2^53 a discrete value is out of the domain. */
static double
Int8Value(int64 v)
{
	if (v > (int64) CC_TAIL_MAX_DISCRETE || v < -(int64) CC_TAIL_MAX_DISCRETE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("value " INT64_FORMAT " is out of range for a discrete tail fit", v),
				 errdetail("Discrete tail fits accept integers from 1 to 2^53.")));
	return (double) v;
}

/* Options of M_fit(x [, xmin | , xmin_lo, xmin_hi [, max_candidates [, min_tail,
 * min_tail_distinct]]]) from the arguments. */
static void
FitArgs(FunctionCallInfo fcinfo, cc_tail_kind kind, TailOpts *o)
{
	TailOptsInit(o, kind);
	switch (PG_NARGS())
	{
		case 2:
			break;
		case 3:
			TailOptFloat(fcinfo, 2, TAIL_HAS_XMIN, &o->xmin, o);
			break;
		case 7:
			TailOptInt64(fcinfo, 5, TAIL_HAS_MINT, &o->min_tail, o);
			TailOptInt(fcinfo, 6, TAIL_HAS_MIND, &o->min_distinct, o);
			/* FALLTHROUGH */
		case 5:
			TailOptInt(fcinfo, 4, TAIL_HAS_MAXC, &o->max_candidates, o);
			/* FALLTHROUGH */
		case 4:
			TailOptFloat(fcinfo, 2, TAIL_HAS_LO, &o->xmin_lo, o);
			TailOptFloat(fcinfo, 3, TAIL_HAS_HI, &o->xmin_hi, o);
			break;
		default:
			elog(ERROR, "collcog: tail fit transition called with %d arguments", PG_NARGS());
	}
}

static Datum
FitTrans(FunctionCallInfo fcinfo, cc_tail_kind kind, double x)
{
	TailOpts	o;
	TailAggState *st;

	FitArgs(fcinfo, kind, &o);
	st = GetState(fcinfo, &o);
	AddValue(fcinfo, st, x, 1);
	AssertTailState(st);
	PG_RETURN_POINTER(st);
}

/* M_fit(integer, ...): discrete */
Datum
tail_fit_trans_int4(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return SkipRow(fcinfo);	/* NULL values are skipped */
	return FitTrans(fcinfo, CC_TAIL_DISCRETE, (double) PG_GETARG_INT32(1));
}

/* M_fit(bigint, ...): discrete */
Datum
tail_fit_trans_int8(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return SkipRow(fcinfo);
	return FitTrans(fcinfo, CC_TAIL_DISCRETE, Int8Value(PG_GETARG_INT64(1)));
}

/* M_fit(double precision, ...): continuous */
Datum
tail_fit_trans_float8(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return SkipRow(fcinfo);
	return FitTrans(fcinfo, CC_TAIL_CONTINUOUS, PG_GETARG_FLOAT8(1));
}

/* M_fit(double precision, discrete boolean) */
Datum
tail_fit_trans_float8_kind(PG_FUNCTION_ARGS)
{
	TailOpts	o;
	TailAggState *st;

	if (PG_ARGISNULL(1))
		return SkipRow(fcinfo);
	TailOptsInit(&o, ArgBool(fcinfo, 2, "discrete") ? CC_TAIL_DISCRETE : CC_TAIL_CONTINUOUS);
	st = GetState(fcinfo, &o);
	AddValue(fcinfo, st, PG_GETARG_FLOAT8(1), 1);
	AssertTailState(st);
	PG_RETURN_POINTER(st);
}

/* vuong(x, model_a, model_b [, xmin]) */
static Datum
VuongTrans(FunctionCallInfo fcinfo, cc_tail_kind kind, double x)
{
	TailOpts	o;
	TailAggState *st;

	if (!ArgGiven(fcinfo, 2) || !ArgGiven(fcinfo, 3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("model names must not be null")));
	TailOptsInit(&o, kind);
	o.model_a = TailParseModel(PG_GETARG_DATUM(2));
	o.model_b = TailParseModel(PG_GETARG_DATUM(3));
	TailOptFloat(fcinfo, 4, TAIL_HAS_XMIN, &o.xmin, &o);
	st = GetState(fcinfo, &o);
	AddValue(fcinfo, st, x, 1);
	AssertTailState(st);
	PG_RETURN_POINTER(st);
}

Datum
vuong_trans_int4(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return SkipRow(fcinfo);
	return VuongTrans(fcinfo, CC_TAIL_DISCRETE, (double) PG_GETARG_INT32(1));
}

Datum
vuong_trans_int8(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return SkipRow(fcinfo);
	return VuongTrans(fcinfo, CC_TAIL_DISCRETE, Int8Value(PG_GETARG_INT64(1)));
}

Datum
vuong_trans_float8(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return SkipRow(fcinfo);
	return VuongTrans(fcinfo, CC_TAIL_CONTINUOUS, PG_GETARG_FLOAT8(1));
}

/* tail_hist(x bigint, count bigint): histogram rows; NULL x or count skipped, count 0 too. */
Datum
tail_hist_trans_int8_count(PG_FUNCTION_ARGS)
{
	TailOpts	o;
	TailAggState *st;
	double		x;
	int64		c;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return SkipRow(fcinfo);
	x = Int8Value(PG_GETARG_INT64(1));
	c = PG_GETARG_INT64(2);
	if (c < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("count " INT64_FORMAT " of value " INT64_FORMAT " is negative",
						c, PG_GETARG_INT64(1))));
	if (c == 0)
		return SkipRow(fcinfo);
	TailOptsInit(&o, CC_TAIL_DISCRETE);
	st = GetState(fcinfo, &o);
	AddValue(fcinfo, st, x, (uint64) c);
	AssertTailState(st);
	PG_RETURN_POINTER(st);
}

/* tail_hist_merge(tail_hist): the kind of the first histogram; others must agree. */
Datum
tail_hist_merge_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggContext(fcinfo, "tail_hist_merge"),
				old;
	cc_tail_sample *h;
	TailAggState *st;
	TailOpts	o;
	cc_error	err;
	cc_status	rc;

	if (PG_ARGISNULL(1))
		return SkipRow(fcinfo);
	h = TailHistUnpack(PG_GETARG_DATUM(1));
	if (!PG_ARGISNULL(0) && ((TailAggState *) PG_GETARG_POINTER(0))->opts.kind != (int32) h->kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge a discrete and a continuous tail_hist")));
	TailOptsInit(&o, h->kind);
	st = GetState(fcinfo, &o);
	old = MemoryContextSwitchTo(aggcontext);
	rc = cc_tail_sample_merge(&st->s, h, &err);
	MemoryContextSwitchTo(old);
	cc_check(rc, &err);
	AssertTailState(st);
	PG_RETURN_POINTER(st);
}

/* Combine two partial states (either may be NULL); the result lives in the aggcontext. */
Datum
tail_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggContext(fcinfo, "tail_agg_combine"),
				old;
	TailAggState *a = PG_ARGISNULL(0) ? NULL : (TailAggState *) PG_GETARG_POINTER(0);
	TailAggState *b = PG_ARGISNULL(1) ? NULL : (TailAggState *) PG_GETARG_POINTER(1);
	cc_error	err;
	cc_status	rc;

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	AssertTailState(b);
	if (a == NULL)
	{
		/* b may live in a short-lived context (deserialised): copy it */
		a = MemoryContextAllocZero(aggcontext, sizeof(TailAggState));
		a->opts = b->opts;
		old = MemoryContextSwitchTo(aggcontext);
		rc = cc_tail_sample_compact(&b->s, &err);
		if (rc == CC_OK)
			rc = cc_tail_sample_copy(&a->s, &b->s, &err);
		MemoryContextSwitchTo(old);
		cc_check(rc, &err);
		PG_RETURN_POINTER(a);
	}
	if (!OptsEqual(&a->opts, &b->opts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine tail aggregate states with different arguments")));
	old = MemoryContextSwitchTo(aggcontext);
	rc = cc_tail_sample_merge(&a->s, &b->s, &err);
	MemoryContextSwitchTo(old);
	cc_check(rc, &err);
	AssertTailState(a);
	PG_RETURN_POINTER(a);
}

static void
PutI32(unsigned char *p, int32 v)
{
	memcpy(p, &v, 4);
}

static int32
GetI32(const unsigned char *p)
{
	int32		v;

	memcpy(&v, p, 4);
	return v;
}

/*
 * Serialise: "CCAS" | version u8 | has u8 | model_a i8 | model_b i8 | kind i32 |
 * max_candidates i32 | xmin_model i32 | min_tail_distinct i32 | xmin f8 | xmin_lo f8 |
 * xmin_hi f8 | min_tail i64 | reserved i64 = 0 | core sample bytes. Host byte order: states
 * only travel between the processes of one server.
 */
Datum
tail_agg_serialize(PG_FUNCTION_ARGS)
{
	TailAggState *st;
	MemoryContext aggcontext = AggContext(fcinfo, "tail_agg_serialize"),
				old;
	size_t		len;
	bytea	   *result;
	unsigned char *p;
	cc_error	err;
	cc_status	rc;

	st = (TailAggState *) PG_GETARG_POINTER(0);
	old = MemoryContextSwitchTo(aggcontext);
	rc = cc_tail_sample_compact(&st->s, &err);
	MemoryContextSwitchTo(old);
	cc_check(rc, &err);
	AssertTailState(st);
	len = STATE_HEADER + cc_tail_sample_serial_size(&st->s);
	if (len > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("tail aggregate state of %zu distinct values is too large to serialise",
						st->s.n)));
	result = (bytea *) palloc0(len + VARHDRSZ);
	SET_VARSIZE(result, len + VARHDRSZ);
	p = (unsigned char *) VARDATA(result);
	memcpy(p, STATE_MAGIC, 4);
	p[4] = STATE_VERSION;
	p[5] = (unsigned char) st->opts.has;
	p[6] = (unsigned char) (int8) st->opts.model_a;
	p[7] = (unsigned char) (int8) st->opts.model_b;
	PutI32(p + 8, st->opts.kind);
	PutI32(p + 12, st->opts.max_candidates);
	PutI32(p + 16, st->opts.xmin_model);
	PutI32(p + 20, st->opts.min_distinct);
	memcpy(p + 24, &st->opts.xmin, 8);
	memcpy(p + 32, &st->opts.xmin_lo, 8);
	memcpy(p + 40, &st->opts.xmin_hi, 8);
	memcpy(p + 48, &st->opts.min_tail, 8);
	memset(p + 56, 0, 8);
	cc_check(cc_tail_sample_serialize(&st->s, p + STATE_HEADER, len - STATE_HEADER, &err), &err);
	PG_RETURN_BYTEA_P(result);
}

static void
BadState(const char *what) pg_attribute_noreturn();
static void
BadState(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid tail aggregate state: %s", what)));
}

/* Deserialise and validate everything (header, options, sample). */
Datum
tail_agg_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *b;
	const unsigned char *p;
	size_t		len;
	TailAggState *st;
	const char *problem;
	cc_error	err;
	cc_status	rc;

	(void) AggContext(fcinfo, "tail_agg_deserialize");
	b = PG_GETARG_BYTEA_PP(0);
	p = (const unsigned char *) VARDATA_ANY(b);
	len = VARSIZE_ANY_EXHDR(b);
	if (len < STATE_HEADER)
		BadState(psprintf("%zu bytes is too short", len));
	if (memcmp(p, STATE_MAGIC, 4) != 0)
		BadState("bad magic number");
	if (p[4] != STATE_VERSION)
		BadState(psprintf("unknown version %d", p[4]));
	for (int i = 56; i < STATE_HEADER; i++)
		if (p[i] != 0)
			BadState("nonzero reserved bytes");
	st = palloc0(sizeof(TailAggState));
	st->opts.has = p[5];
	st->opts.model_a = (int8) p[6];
	st->opts.model_b = (int8) p[7];
	st->opts.kind = GetI32(p + 8);
	st->opts.max_candidates = GetI32(p + 12);
	st->opts.xmin_model = GetI32(p + 16);
	st->opts.min_distinct = GetI32(p + 20);
	memcpy(&st->opts.xmin, p + 24, 8);
	memcpy(&st->opts.xmin_lo, p + 32, 8);
	memcpy(&st->opts.xmin_hi, p + 40, 8);
	memcpy(&st->opts.min_tail, p + 48, 8);
	if ((problem = TailOptsProblem(&st->opts)) != NULL)
		BadState(problem);
	rc = cc_tail_sample_deserialize(&st->s, p + STATE_HEADER, len - STATE_HEADER, &err);
	if (rc == CC_ECORRUPT)
		BadState(err.message);
	cc_check(rc, &err);
	if ((int32) st->s.kind != st->opts.kind)
		BadState("sample kind does not match the options");
	AssertTailState(st);
	PG_RETURN_POINTER(st);
}

/* The state, compacted, for a final function; NULL when there was no value. */
static TailAggState *
FinalState(FunctionCallInfo fcinfo)
{
	MemoryContext aggcontext = AggContext(fcinfo, "tail aggregate final function"),
				old;
	TailAggState *st;
	cc_error	err;
	cc_status	rc;

	if (PG_ARGISNULL(0))
		return NULL;
	st = (TailAggState *) PG_GETARG_POINTER(0);
	/*
	 * Compaction does not change the sample's content, and the transition function goes on
	 * from a compacted sample as from any other: running it again, another final function
	 * on the same state, or more rows after it (a window frame) all see the same sample.
	 * That is why the aggregates are FINALFUNC_MODIFY = READ_ONLY (60_tail.sql).
	 */
	old = MemoryContextSwitchTo(aggcontext);
	rc = cc_tail_sample_compact(&st->s, &err);
	MemoryContextSwitchTo(old);
	cc_check(rc, &err);
	AssertTailState(st);
	return st;
}

static Datum
FitFinal(FunctionCallInfo fcinfo, cc_tail_model m)
{
	TailAggState *st = FinalState(fcinfo);

	if (st == NULL || st->s.total == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(TailFitResult(fcinfo, &st->s, m, &st->opts));
}

Datum
pl_fit_final(PG_FUNCTION_ARGS)
{
	return FitFinal(fcinfo, CC_TAIL_PL);
}

Datum
tpl_fit_final(PG_FUNCTION_ARGS)
{
	return FitFinal(fcinfo, CC_TAIL_TPL);
}

Datum
lognormal_fit_final(PG_FUNCTION_ARGS)
{
	return FitFinal(fcinfo, CC_TAIL_LN);
}

Datum
exponential_fit_final(PG_FUNCTION_ARGS)
{
	return FitFinal(fcinfo, CC_TAIL_EXP);
}

Datum
stretched_exp_fit_final(PG_FUNCTION_ARGS)
{
	return FitFinal(fcinfo, CC_TAIL_SE);
}

Datum
vuong_final(PG_FUNCTION_ARGS)
{
	TailAggState *st = FinalState(fcinfo);

	if (st == NULL || st->s.total == 0)
		PG_RETURN_NULL();
	if (st->opts.model_a < 0)
		elog(ERROR, "collcog: vuong state without models");
	PG_RETURN_DATUM(TailVuongDatum(fcinfo, &st->s, &st->opts));
}

Datum
tail_hist_final(PG_FUNCTION_ARGS)
{
	TailAggState *st = FinalState(fcinfo);

	if (st == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(TailHistPack(&st->s));
}
