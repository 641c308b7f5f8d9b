/*
 * type_prominence_part(run_ids, part, parts): per run, round t and agent type, the
 * cumulative type-level communication D_in, D_out (Eq. 1), the prominence theta_in,
 * theta_out (Eq. 4), the influence ratio I(a) (Eq. 10), that of the other types pooled, and
 * their ratio (Eq. 9), over part part of parts of the runs. type_prominence() (SQL) is the
 * union of its parts, which parallel workers can compute side by side.
 * One pass over the messages in (run_id, t) order; the state is one run's type masses. The
 * rows are built in buffers kept from round to round: every column of a row is set (the
 * ratios NULL where undefined), so nothing of the last row is left over.
 *
 * Where the messages come through their table's key, the rows are returned value per call:
 * in a select list (type_prominence() calls the parts there) they stream to the consumer
 * without being stored. Where a query reads the messages, which needs SPI from call to call,
 * they are returned all at once (materialised). The function is declared without SET
 * search_path, which would be applied at every row; its reader sets it for its own SQL.
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

/*
 * Row of type a at round t of run into row, unless the run has no agent of type a (false).
 * The arrays are built in b, grown in the current memory context.
 */
static bool
SetTypeRow(const MessagesReader *reader, const cc_gce_types *s, int run, int32 t, int a,
		   ResultRow *row, RoundBuffers *b)
{
	cc_gce_type_measures m;

	if (!MessagesReaderRunHasType(reader, run, a))
		return false;
	if (b->dim < s->dim)
	{
		b->theta_in = b->theta_in ? repalloc_array(b->theta_in, double, s->dim) :
			palloc_array(double, s->dim);
		b->theta_out = b->theta_out ? repalloc_array(b->theta_out, double, s->dim) :
			palloc_array(double, s->dim);
		b->dim = s->dim;
	}
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
	return true;
}

/*
 * Add to s the messages of the round that *next opens (s anew at a new run), which becomes
 * round (*run, *t). Then *next is the first message of the following round, if there is one
 * (true).
 */
static bool
AddRound(MessagesReader *reader, cc_gce_types *s, MessageRow *next, int *run, int32 *t)
{
	cc_error	err;

	if (next->run != *run)
	{
		cc_gce_types_free(s);
		cc_check(cc_gce_types_init(s, MessagesReaderTypeCount(reader), next->dim, &err), &err);
	}
	*run = next->run;
	*t = next->t;
	do
	{
		cc_gce_types_add(s, next->src_type, next->tgt_type, next->w);
		if (!MessagesReaderNext(reader, next))
			return false;
	} while (next->run == *run && next->t == *t);
	return true;
}

/* Where the rows of one call are made: the reader, one run's type masses and the round
 * whose rows are being returned. */
typedef struct PartState
{
	MessagesReader *reader;
	cc_gce_types s;
	ResultRow	row;
	RoundBuffers buffers;
	MessageRow	next;			/* the first message of the next round */
	bool		has_next;
	int			run;			/* the round being returned */
	int32		t;
	int			type;			/* its type whose row comes next */
} PartState;

/* The rows of every round into the tuplestore of a materialised call. */
static void
Materialise(PartState *st, Tuplestorestate *store)
{
	int			ntypes = MessagesReaderTypeCount(st->reader);

	while (st->has_next)
	{
		st->has_next = AddRound(st->reader, &st->s, &st->next, &st->run, &st->t);
		for (int a = 0; a < ntypes; a++)
			if (SetTypeRow(st->reader, &st->s, st->run, st->t, a, &st->row, &st->buffers))
				ResultRowPut(&st->row, store);
	}
}

/* The next row of a streaming call, in the current memory context; false after the last. */
static bool
NextRow(PartState *st, MemoryContext state_cxt, HeapTuple *tuple)
{
	int			ntypes = MessagesReaderTypeCount(st->reader);
	MemoryContext old = MemoryContextSwitchTo(state_cxt);

	for (;;)
	{
		while (st->type < ntypes)
			if (SetTypeRow(st->reader, &st->s, st->run, st->t, st->type++, &st->row,
						   &st->buffers))
			{
				MemoryContextSwitchTo(old);
				*tuple = ResultRowTuple(&st->row);
				return true;
			}
		if (!st->has_next)
			break;
		st->has_next = AddRound(st->reader, &st->s, &st->next, &st->run, &st->t);
		st->type = 0;
	}
	MemoryContextSwitchTo(old);
	return false;
}

/* A streaming call stopped before its last row (a LIMIT, an error elsewhere): close the
 * reader's scan. */
static void
StopReader(Datum arg)
{
	MessagesReaderEnd((MessagesReader *) DatumGetPointer(arg));
}

/* The reader and state of a call, in the current memory context; false when the call must
 * be materialised. */
static bool
BeginPart(FunctionCallInfo fcinfo, PartState *st)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
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
	memset(st, 0, sizeof(PartState));
	st->run = -1;
	ResultRowInit(&st->row, ResultRowType(fcinfo), NCOLS, columns);
	st->reader = MessagesReaderBegin(fcinfo, 0, part, parts);
	st->has_next = MessagesReaderNext(st->reader, &st->next);
	st->type = MessagesReaderTypeCount(st->reader);		/* no round yet */
	return MessagesReaderStreams(st->reader) && (rsinfo->allowedModes & SFRM_ValuePerCall);
}

Datum
type_prominence_part(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	FuncCallContext *funcctx;
	PartState  *st;
	HeapTuple	tuple;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;

		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		st = palloc(sizeof(PartState));
		if (!BeginPart(fcinfo, st))
		{
			MemoryContextSwitchTo(old);
			InitMaterializedSRF(fcinfo, 0);
			MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
			Materialise(st, rsinfo->setResult);
			MessagesReaderEnd(st->reader);
			MemoryContextSwitchTo(old);
			end_MultiFuncCall(fcinfo, funcctx);
			return (Datum) 0;
		}
		RegisterExprContextCallback(rsinfo->econtext, StopReader, PointerGetDatum(st->reader));
		MemoryContextSwitchTo(old);
		funcctx->user_fctx = st;
	}
	funcctx = SRF_PERCALL_SETUP();
	st = funcctx->user_fctx;
	if (NextRow(st, funcctx->multi_call_memory_ctx, &tuple))
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(tuple));
	UnregisterExprContextCallback(rsinfo->econtext, StopReader, PointerGetDatum(st->reader));
	MessagesReaderEnd(st->reader);
	SRF_RETURN_DONE(funcctx);
}
