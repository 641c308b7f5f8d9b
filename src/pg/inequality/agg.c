/*
 * The inequality aggregates: gini, top_share, top_k_share, effective_agents, lorenz and
 * effort_hist over integer, bigint and double precision values, and effort_hist_merge over
 * stored histograms.
 *
 * They share one internal state: the core's effort histogram (every non-NULL value, zeros
 * included) plus the option of the call, allocated in the aggregate context on the first
 * non-NULL value and mutated in place. The option must be the same in every row; which one
 * a call has is told by its SQL type (boolean unbiased, double precision fraction, bigint
 * k, integer points), so that one transition function per value type serves every form.
 * The combine function merges histograms; serialize writes a fixed 32-byte header with the
 * option, then the core's serialised histogram, and deserialize validates both.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "pg/common/args.h"
#include "pg/common/core_error.h"
#include "ineq_pg.h"

PG_FUNCTION_INFO_V1(ineq_trans_int4);
PG_FUNCTION_INFO_V1(ineq_trans_int8);
PG_FUNCTION_INFO_V1(ineq_trans_float8);
PG_FUNCTION_INFO_V1(effort_hist_merge_trans);
PG_FUNCTION_INFO_V1(ineq_agg_combine);
PG_FUNCTION_INFO_V1(ineq_agg_serialize);
PG_FUNCTION_INFO_V1(ineq_agg_deserialize);
PG_FUNCTION_INFO_V1(gini_final);
PG_FUNCTION_INFO_V1(top_share_final);
PG_FUNCTION_INFO_V1(top_k_share_final);
PG_FUNCTION_INFO_V1(effective_agents_final);
PG_FUNCTION_INFO_V1(lorenz_final);
PG_FUNCTION_INFO_V1(effort_hist_final);

/* Which option a call has. */
typedef enum IneqOption
{
	OPT_NONE = 0,
	OPT_UNBIASED,				/* gini(x, unbiased boolean) */
	OPT_FRACTION,				/* top_share(x, fraction double precision) */
	OPT_K,						/* top_k_share(x, k bigint) */
	OPT_POINTS,					/* lorenz(x, points integer) */
	OPT_LAST = OPT_POINTS
} IneqOption;

typedef struct IneqOpts
{
	int32		option;			/* IneqOption */
	bool		unbiased;
	double		fraction;
	int64		k;
	int32		points;
} IneqOpts;

typedef struct IneqState
{
	cc_ineq_acc acc;			/* folded (acc.h the whole content) wherever it is read */
	IneqOpts	opts;
} IneqState;

/* Serialised state: header (option), then the core's histogram bytes. */
#define STATE_MAGIC "CCIA"
#define STATE_VERSION 1
#define STATE_HEADER 32

#ifdef USE_ASSERT_CHECKING
/* Invariants of a state: sorted distinct prefix, values >= +0, counts >= 1, total = sum. */
static void
AssertIneqState(const IneqState *st)
{
	uint64		total = 0;

	Assert(st->acc.h.nsorted <= st->acc.h.n && st->acc.h.n <= st->acc.h.cap);
	for (size_t i = 0; i < st->acc.h.n; i++)
	{
		Assert(st->acc.h.count[i] >= 1);
		Assert(st->acc.h.x[i] >= 0.0 && !signbit(st->acc.h.x[i]));
		Assert(i == 0 || i >= st->acc.h.nsorted || st->acc.h.x[i] > st->acc.h.x[i - 1]);
		total += st->acc.h.count[i];
	}
	Assert(total == st->acc.h.total);
	Assert(st->opts.option >= OPT_NONE && st->opts.option <= OPT_LAST);
}
#else
#define AssertIneqState(st) ((void) 0)
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

/* The type of the option argument (argument 2), looked up once per call site. */
static Oid
OptionType(FunctionCallInfo fcinfo)
{
	Oid		   *type = (Oid *) fcinfo->flinfo->fn_extra;

	if (type == NULL)
	{
		type = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(Oid));
		*type = get_fn_expr_argtype(fcinfo->flinfo, 2);
		fcinfo->flinfo->fn_extra = type;
	}
	return *type;
}

/* The option of this row: argument 2, if any, by its SQL type. */
static void
RowOpts(FunctionCallInfo fcinfo, IneqOpts *o)
{
	memset(o, 0, sizeof(*o));
	if (PG_NARGS() < 3)
		return;
	switch (OptionType(fcinfo))
	{
		case BOOLOID:
			o->option = OPT_UNBIASED;
			o->unbiased = ArgBool(fcinfo, 2, "unbiased");
			break;
		case FLOAT8OID:
			o->option = OPT_FRACTION;
			o->fraction = ArgFloat8(fcinfo, 2, "fraction");
			break;
		case INT8OID:
			o->option = OPT_K;
			o->k = ArgInt64(fcinfo, 2, "k");
			break;
		case INT4OID:
			o->option = OPT_POINTS;
			o->points = ArgInt32(fcinfo, 2, "points");
			break;
		default:
			elog(ERROR, "collcog: inequality transition with an option of type %u",
				 OptionType(fcinfo));
	}
}

static bool
OptsEqual(const IneqOpts *a, const IneqOpts *b)
{
	return a->option == b->option && a->unbiased == b->unbiased &&
		(a->fraction == b->fraction || (isnan(a->fraction) && isnan(b->fraction))) &&
		a->k == b->k && a->points == b->points;
}

/*
 * The option's domain, checked once on the first row (as the measure would): a bad
 * fraction, k or points is an error even where the final function is not reached.
 */
static void
CheckOpts(const IneqOpts *o)
{
	cc_value_hist empty;

	cc_ineq_hist_init(&empty);
	switch ((IneqOption) o->option)
	{
		case OPT_FRACTION:
			(void) IneqTopShare(&empty, o->fraction);
			break;
		case OPT_K:
			(void) IneqTopKShare(&empty, o->k);
			break;
		case OPT_POINTS:
			(void) IneqLorenz(&empty, o->points);
			break;
		case OPT_NONE:
		case OPT_UNBIASED:
			break;
	}
}

/* The state for this row's option: created on the first value, else checked against it. */
static IneqState *
GetState(FunctionCallInfo fcinfo, MemoryContext aggcontext, const IneqOpts *o)
{
	IneqState  *st;

	if (PG_ARGISNULL(0))
	{
		CheckOpts(o);
		st = MemoryContextAllocZero(aggcontext, sizeof(IneqState));
		cc_ineq_acc_init(&st->acc);
		st->opts = *o;
		return st;
	}
	st = (IneqState *) PG_GETARG_POINTER(0);
	if (!OptsEqual(&st->opts, o))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("inequality aggregate arguments other than the value must be the same in every row"),
				 errdetail("unbiased, fraction, k and points are per call, not per row.")));
	return st;
}

/* One value into the state. */
static Datum
Trans(FunctionCallInfo fcinfo, double x)
{
	MemoryContext aggcontext = AggContext(fcinfo, "inequality aggregate transition"),
				old;
	IneqOpts	o;
	IneqState  *st;
	cc_error	err;
	cc_status	rc;

	RowOpts(fcinfo, &o);
	st = GetState(fcinfo, aggcontext, &o);
	old = MemoryContextSwitchTo(aggcontext);
	rc = cc_ineq_acc_add(&st->acc, x, &err);
	MemoryContextSwitchTo(old);
	cc_check(rc, &err);
	/* (the invariants are checked where states cross boundaries, not per row: O(n) each) */
	PG_RETURN_POINTER(st);
}

Datum
ineq_trans_int4(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return SkipRow(fcinfo);
	return Trans(fcinfo, (double) PG_GETARG_INT32(1));
}

/* bigint values beyond 2^53 become the nearest double. */
Datum
ineq_trans_int8(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return SkipRow(fcinfo);
	return Trans(fcinfo, (double) PG_GETARG_INT64(1));
}

Datum
ineq_trans_float8(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		return SkipRow(fcinfo);
	return Trans(fcinfo, PG_GETARG_FLOAT8(1));
}

/* effort_hist_merge(effort_hist) */
Datum
effort_hist_merge_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggContext(fcinfo, "effort_hist_merge"),
				old;
	IneqOpts	o;
	IneqState  *st;
	cc_value_hist *h;
	cc_error	err;
	cc_status	rc;

	if (PG_ARGISNULL(1))
		return SkipRow(fcinfo);
	h = EffortHistUnpack(PG_GETARG_DATUM(1));
	memset(&o, 0, sizeof(o));
	st = GetState(fcinfo, aggcontext, &o);
	old = MemoryContextSwitchTo(aggcontext);
	rc = cc_value_hist_merge(&st->acc.h, h, &err);
	MemoryContextSwitchTo(old);
	cc_check(rc, &err);
	AssertIneqState(st);
	PG_RETURN_POINTER(st);
}

/* Combine two partial states (either may be NULL); the result lives in the aggcontext. */
Datum
ineq_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggContext(fcinfo, "ineq_agg_combine"),
				old;
	IneqState  *a = PG_ARGISNULL(0) ? NULL : (IneqState *) PG_GETARG_POINTER(0);
	IneqState  *b = PG_ARGISNULL(1) ? NULL : (IneqState *) PG_GETARG_POINTER(1);
	cc_error	err;
	cc_status	rc;

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	AssertIneqState(b);
	if (a != NULL && !OptsEqual(&a->opts, &b->opts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine inequality aggregate states with different arguments")));
	old = MemoryContextSwitchTo(aggcontext);
	rc = cc_ineq_acc_fold(&b->acc, &err);
	if (rc == CC_OK && a == NULL)
	{
		/* b may live in a short-lived context (deserialised): copy it */
		a = palloc0(sizeof(IneqState));
		a->opts = b->opts;
		cc_ineq_acc_init(&a->acc);
		rc = cc_value_hist_copy(&a->acc.h, &b->acc.h, &err);
	}
	else if (rc == CC_OK)
		rc = cc_value_hist_merge(&a->acc.h, &b->acc.h, &err);
	MemoryContextSwitchTo(old);
	cc_check(rc, &err);
	AssertIneqState(a);
	PG_RETURN_POINTER(a);
}

/*
 * Serialise: "CCIA" | version u8 | option u8 | unbiased u8 | reserved u8 | points i32 |
 * reserved i32 | k i64 | fraction f8 | core histogram bytes. Host byte order: states only
 * travel between the processes of one server.
 */
Datum
ineq_agg_serialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = AggContext(fcinfo, "ineq_agg_serialize"),
				old;
	IneqState  *st = (IneqState *) PG_GETARG_POINTER(0);
	size_t		len;
	bytea	   *result;
	unsigned char *p;
	cc_error	err;
	cc_status	rc;

	old = MemoryContextSwitchTo(aggcontext);
	rc = cc_ineq_acc_fold(&st->acc, &err);
	MemoryContextSwitchTo(old);
	cc_check(rc, &err);
	AssertIneqState(st);
	len = STATE_HEADER + cc_ineq_hist_serial_size(&st->acc.h);
	if (len > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("inequality aggregate state of %zu distinct values is too large to serialise",
						st->acc.h.n)));
	result = (bytea *) palloc0(len + VARHDRSZ);
	SET_VARSIZE(result, len + VARHDRSZ);
	p = (unsigned char *) VARDATA(result);
	memcpy(p, STATE_MAGIC, 4);
	p[4] = STATE_VERSION;
	p[5] = (unsigned char) st->opts.option;
	p[6] = st->opts.unbiased ? 1 : 0;
	memcpy(p + 8, &st->opts.points, 4);
	memcpy(p + 16, &st->opts.k, 8);
	memcpy(p + 24, &st->opts.fraction, 8);
	cc_check(cc_ineq_hist_serialize(&st->acc.h, p + STATE_HEADER, len - STATE_HEADER, &err), &err);
	PG_RETURN_BYTEA_P(result);
}

/* What is wrong with deserialised options: a field the option does not use that is not
 * zero, or the option's value out of its domain; NULL when nothing is. */
static const char *
OptsProblem(const IneqOpts *o)
{
	if (o->unbiased && o->option != OPT_UNBIASED)
		return "unbiased set for another option";
	if (o->option == OPT_FRACTION ? !(o->fraction > 0.0 && o->fraction <= 1.0) : o->fraction != 0.0)
		return "bad fraction";
	if (o->option == OPT_K ? o->k < 1 : o->k != 0)
		return "bad k";
	if (o->option == OPT_POINTS ? (o->points < 1 || o->points > CC_INEQ_MAX_POINTS) : o->points != 0)
		return "bad points";
	return NULL;
}

static void
BadState(const char *what) pg_attribute_noreturn();
static void
BadState(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid inequality aggregate state: %s", what)));
}

/* Deserialise and validate everything (header, option, histogram). */
Datum
ineq_agg_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *b;
	const unsigned char *p;
	size_t		len;
	IneqState  *st;
	cc_error	err;
	cc_status	rc;

	(void) AggContext(fcinfo, "ineq_agg_deserialize");
	b = PG_GETARG_BYTEA_PP(0);
	p = (const unsigned char *) VARDATA_ANY(b);
	len = VARSIZE_ANY_EXHDR(b);
	if (len < STATE_HEADER)
		BadState(psprintf("%zu bytes is too short", len));
	if (memcmp(p, STATE_MAGIC, 4) != 0)
		BadState("bad magic number");
	if (p[4] != STATE_VERSION)
		BadState(psprintf("unknown version %d", p[4]));
	if (p[5] > OPT_LAST)
		BadState(psprintf("unknown option %d", p[5]));
	if (p[6] > 1)
		BadState("unbiased is not 0 or 1");
	if (p[7] != 0 || p[12] != 0 || p[13] != 0 || p[14] != 0 || p[15] != 0)
		BadState("nonzero reserved bytes");
	st = palloc0(sizeof(IneqState));
	st->opts.option = p[5];
	st->opts.unbiased = p[6] == 1;
	memcpy(&st->opts.points, p + 8, 4);
	memcpy(&st->opts.k, p + 16, 8);
	memcpy(&st->opts.fraction, p + 24, 8);
	if (OptsProblem(&st->opts) != NULL)
		BadState(OptsProblem(&st->opts));
	rc = cc_ineq_hist_deserialize(&st->acc.h, p + STATE_HEADER, len - STATE_HEADER, &err);
	if (rc == CC_ECORRUPT)
		BadState(err.message);
	cc_check(rc, &err);
	AssertIneqState(st);
	PG_RETURN_POINTER(st);
}

/* The state, compacted, for a final function; NULL when there was no value. */
static IneqState *
FinalState(FunctionCallInfo fcinfo)
{
	MemoryContext aggcontext = AggContext(fcinfo, "inequality aggregate final function"),
				old;
	IneqState  *st;
	cc_error	err;
	cc_status	rc;

	if (PG_ARGISNULL(0))
		return NULL;
	st = (IneqState *) PG_GETARG_POINTER(0);
	/*
	 * Compaction does not change the histogram's content, and the transition function goes
	 * on from a compacted histogram as from any other: the aggregates are FINALFUNC_MODIFY =
	 * READ_ONLY (as the tail aggregates, 60_tail.sql).
	 */
	old = MemoryContextSwitchTo(aggcontext);
	rc = cc_ineq_acc_fold(&st->acc, &err);
	MemoryContextSwitchTo(old);
	cc_check(rc, &err);
	AssertIneqState(st);
	return st;
}

/* Return v, or NULL when it is undefined (NaN). */
#define RETURN_MEASURE(v) \
	do { double v_ = (v); if (isnan(v_)) PG_RETURN_NULL(); PG_RETURN_FLOAT8(v_); } while (0)

Datum
gini_final(PG_FUNCTION_ARGS)
{
	IneqState  *st = FinalState(fcinfo);

	if (st == NULL)
		PG_RETURN_NULL();
	RETURN_MEASURE(IneqGini(&st->acc.h, st->opts.unbiased));
}

Datum
top_share_final(PG_FUNCTION_ARGS)
{
	IneqState  *st = FinalState(fcinfo);

	if (st == NULL)
		PG_RETURN_NULL();
	RETURN_MEASURE(IneqTopShare(&st->acc.h, st->opts.fraction));
}

Datum
top_k_share_final(PG_FUNCTION_ARGS)
{
	IneqState  *st = FinalState(fcinfo);

	if (st == NULL)
		PG_RETURN_NULL();
	RETURN_MEASURE(IneqTopKShare(&st->acc.h, st->opts.k));
}

Datum
effective_agents_final(PG_FUNCTION_ARGS)
{
	IneqState  *st = FinalState(fcinfo);

	if (st == NULL)
		PG_RETURN_NULL();
	RETURN_MEASURE(IneqEffective(&st->acc.h));
}

Datum
lorenz_final(PG_FUNCTION_ARGS)
{
	IneqState  *st = FinalState(fcinfo);
	ArrayType  *a;

	if (st == NULL || (a = IneqLorenzArray(&st->acc.h, st->opts.points)) == NULL)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(a);
}

Datum
effort_hist_final(PG_FUNCTION_ARGS)
{
	IneqState  *st = FinalState(fcinfo);

	if (st == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(EffortHistPack(&st->acc.h));
}
