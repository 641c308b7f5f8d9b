/*
 * type_prominence_agg(weight, source_is_type, target_is_type): the measures of
 * type_prominence (paper 001, Eq. 1, 4, 9, 10) as an aggregate over any group of messages:
 * one type a (the messages whose source, or target, is of it) against all other types.
 *
 * The state is a float8[] (as core's float8_accum keeps its sums): d, then D_in and D_out of
 * a and of the rest, each d values ([d, in_a, in_rest, out_a, out_rest], the layout of
 * cc_gce_types with type 0 = a, type 1 = the rest). Combining adds them, so no serialisation
 * is needed; every support function checks the array it is given.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"

#include "collcog/gce.h"

#include "gce_pg.h"

PG_FUNCTION_INFO_V1(type_prominence_agg_trans);
PG_FUNCTION_INFO_V1(type_prominence_agg_combine);
PG_FUNCTION_INFO_V1(type_prominence_agg_final);

/* The largest d whose state fits an array. */
#define MAX_STATE_DIM ((int) ((MaxArraySize - 1) / 4))

/* The state's values, checked: a flat float8[] without NULLs of 1 + 4d values, d >= 0. */
static double *
StateValues(ArrayType *state, int *dim)
{
	double	   *v;
	int			n;

	if (ARR_NDIM(state) != 1 || ARR_HASNULL(state) || ARR_ELEMTYPE(state) != FLOAT8OID ||
		ARR_DIMS(state)[0] < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid type_prominence_agg state"),
				 errdetail("The state is a one-dimensional float8[] without NULLs.")));
	v = (double *) ARR_DATA_PTR(state);
	n = ARR_DIMS(state)[0];
	if (!(v[0] >= 0 && v[0] <= MAX_STATE_DIM && v[0] == floor(v[0])) || n != 1 + 4 * (int) v[0])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid type_prominence_agg state"),
				 errdetail("A state of dimension d holds 1 + 4d values, d first; this one has %d.", n)));
	*dim = (int) v[0];
	return v;
}

/* A zeroed state of dimension dim in the aggregate's context. */
static ArrayType *
NewState(FunctionCallInfo fcinfo, int dim)
{
	MemoryContext aggcxt;
	MemoryContext old;
	int			n = 1 + 4 * dim;
	ArrayType  *state;
	double	   *v;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "collcog: type_prominence_agg support function called in non-aggregate context");
	old = MemoryContextSwitchTo(aggcxt);
	state = (ArrayType *) palloc0(ARR_OVERHEAD_NONULLS(1) + sizeof(double) * n);
	MemoryContextSwitchTo(old);
	SET_VARSIZE(state, ARR_OVERHEAD_NONULLS(1) + sizeof(double) * n);
	state->ndim = 1;
	state->dataoffset = 0;
	state->elemtype = FLOAT8OID;
	ARR_DIMS(state)[0] = n;
	ARR_LBOUND(state)[0] = 1;
	v = (double *) ARR_DATA_PTR(state);
	v[0] = dim;
	return state;
}

/* The type masses of a state of dimension dim > 0, as the core reads them. */
static cc_gce_types
StateTypes(double *v, int dim)
{
	cc_gce_types s = {0};

	s.ntypes = 2;
	s.dim = dim;
	s.din = v + 1;
	s.dout = v + 1 + 2 * dim;
	return s;
}

/* A type column of a message: NULL is an agent without a type. */
static int
TypeSide(FunctionCallInfo fcinfo, int arg, const char *end)
{
	if (PG_ARGISNULL(arg))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the %s of a message has no agent_type", end),
				 errdetail("type_prominence_agg needs to know, for every message, whether its source and its target are of the type measured.")));
	return PG_GETARG_BOOL(arg) ? 0 : 1;
}

/* Add one message: weight (NULL: skipped), whether its source and its target are of type a. */
Datum
type_prominence_agg_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *state;
	ArrayType  *weight;
	int			dim,
				n,
				src,
				tgt;
	double	   *v;
	cc_gce_types s;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("invalid type_prominence_agg state"),
				 errdetail("The state is never NULL: the aggregate starts from {0}.")));
	state = PG_GETARG_ARRAYTYPE_P(0);
	v = StateValues(state, &dim);
	if (PG_ARGISNULL(1))
		PG_RETURN_ARRAYTYPE_P(state);
	src = TypeSide(fcinfo, 2, "source");
	tgt = TypeSide(fcinfo, 3, "target");
	weight = PG_GETARG_ARRAYTYPE_P(1);
	if (ARR_NDIM(weight) != 1 || ARR_HASNULL(weight))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("a weight given to type_prominence_agg is not a flat array without NULLs")));
	n = ARR_DIMS(weight)[0];
	if (n > MAX_STATE_DIM)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a weight of %d values is too long for type_prominence_agg", n)));
	if (dim == 0)
	{
		state = NewState(fcinfo, n);
		v = StateValues(state, &dim);
	}
	else if (dim != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the weights of a group have dimensions %d and %d", dim, n),
				 errdetail("All weights aggregated together must have the same dimension d.")));
	else if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "collcog: type_prominence_agg support function called in non-aggregate context");
	s = StateTypes(v, dim);
	cc_gce_types_add(&s, src, tgt, (const double *) ARR_DATA_PTR(weight));
	PG_RETURN_ARRAYTYPE_P(state);
}

/* The sum of two states (one of dimension 0 is empty). */
Datum
type_prominence_agg_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *b = PG_GETARG_ARRAYTYPE_P(1);
	int			da,
				db;
	double	   *va = StateValues(a, &da);
	double	   *vb = StateValues(b, &db);
	ArrayType  *sum;
	double	   *vs;

	if (db == 0)
		PG_RETURN_ARRAYTYPE_P(a);
	if (da != 0 && da != db)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the weights of a group have dimensions %d and %d", da, db),
				 errdetail("All weights aggregated together must have the same dimension d.")));
	sum = NewState(fcinfo, db);
	vs = (double *) ARR_DATA_PTR(sum);
	for (int i = 1; i < 1 + 4 * db; i++)
		vs[i] = (da != 0 ? va[i] : 0.0) + vb[i];
	PG_RETURN_ARRAYTYPE_P(sum);
}

/* The measures of type a from a state; NULL for a group without weights. */
Datum
type_prominence_agg_final(PG_FUNCTION_ARGS)
{
	ArrayType  *state = PG_GETARG_ARRAYTYPE_P(0);
	int			dim;
	double	   *v = StateValues(state, &dim);
	TupleDesc	desc;
	Datum		values[7];
	bool		nulls[7] = {0};
	double	   *theta_in,
			   *theta_out;
	double		ratios[3];
	cc_gce_type_measures m;
	cc_gce_types s;

	if (dim == 0)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "collcog: type_prominence_agg_final must return a composite type");
	s = StateTypes(v, dim);
	theta_in = palloc_array(double, dim);
	theta_out = palloc_array(double, dim);
	cc_gce_types_measures(&s, 0, theta_in, theta_out, &m);
	values[0] = Float8ArrayWithNulls(s.din, dim);
	values[1] = Float8ArrayWithNulls(s.dout, dim);
	values[2] = Float8ArrayWithNulls(theta_in, dim);
	values[3] = Float8ArrayWithNulls(theta_out, dim);
	ratios[0] = m.influence;
	ratios[1] = m.influence_rest;
	ratios[2] = cc_gce_ratio(m.influence, m.influence_rest);
	/* as type_prominence: +Infinity stays (a type that only sends), NaN is NULL */
	for (int k = 0; k < 3; k++)
	{
		values[4 + k] = Float8GetDatum(ratios[k]);
		nulls[4 + k] = isnan(ratios[k]);
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}
