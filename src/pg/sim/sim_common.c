/*
 * Argument readers and row builders shared by the simulator SRFs.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"

#include "sim_pg.h"

void
sim_arg_not_null(FunctionCallInfo fcinfo, int i, const char *name)
{
	if (PG_ARGISNULL(i))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", name)));
}

int32
sim_arg_int32(FunctionCallInfo fcinfo, int i, const char *name)
{
	sim_arg_not_null(fcinfo, i, name);
	return PG_GETARG_INT32(i);
}

int64
sim_arg_int64(FunctionCallInfo fcinfo, int i, const char *name)
{
	sim_arg_not_null(fcinfo, i, name);
	return PG_GETARG_INT64(i);
}

double
sim_arg_float8(FunctionCallInfo fcinfo, int i, const char *name)
{
	sim_arg_not_null(fcinfo, i, name);
	return PG_GETARG_FLOAT8(i);
}

bool
sim_arg_bool(FunctionCallInfo fcinfo, int i, const char *name)
{
	sim_arg_not_null(fcinfo, i, name);
	return PG_GETARG_BOOL(i);
}

TimestampTz
sim_arg_timestamptz(FunctionCallInfo fcinfo, int i, const char *name)
{
	TimestampTz t;

	sim_arg_not_null(fcinfo, i, name);
	t = PG_GETARG_TIMESTAMPTZ(i);
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be finite", name)));
	return t;
}

char *
sim_arg_cstring(FunctionCallInfo fcinfo, int i, const char *name)
{
	sim_arg_not_null(fcinfo, i, name);
	return text_to_cstring(PG_GETARG_TEXT_PP(i));
}

char *
sim_arg_run_prefix(FunctionCallInfo fcinfo, int i)
{
	char	   *s = sim_arg_cstring(fcinfo, i, "run_prefix");

	/* room for "/" and a run number of up to 9 digits within the 256-byte trace_id */
	if (s[0] == '\0' || strlen(s) > 240)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("run_prefix must be between 1 and 240 bytes long"),
				 errdetail("Run identifiers are run_prefix, a slash and the run number, and must be valid trace_id values.")));
	return s;
}

double *
sim_arg_float8_array(FunctionCallInfo fcinfo, int i, const char *name, int *n,
					 int *ndim, int *dims)
{
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *nulls;
	int			nelems;
	double	   *out;

	sim_arg_not_null(fcinfo, i, name);
	arr = PG_GETARG_ARRAYTYPE_P(i);
	if (ARR_ELEMTYPE(arr) != FLOAT8OID)
		elog(ERROR, "%s: expected float8[]", name);
	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &nelems);
	out = palloc(sizeof(double) * (nelems > 0 ? nelems : 1));
	for (int k = 0; k < nelems; k++)
	{
		if (nulls[k])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not contain nulls", name)));
		out[k] = DatumGetFloat8(elems[k]);
	}
	*n = nelems;
	*ndim = ARR_NDIM(arr);
	dims[0] = *ndim >= 1 ? ARR_DIMS(arr)[0] : 0;
	dims[1] = *ndim >= 2 ? ARR_DIMS(arr)[1] : 0;
	return out;
}

Datum
sim_text_printf(const char *fmt,...)
{
	char		buf[300];
	va_list		ap;
	int			len;

	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (len < 0 || len >= (int) sizeof(buf))
		elog(ERROR, "identifier too long");
	return PointerGetDatum(cstring_to_text_with_len(buf, len));
}

void
sim_json_float(StringInfo buf, double x)
{
	if (isnan(x) || isinf(x))
		appendStringInfoString(buf, "null");
	else
		appendStringInfo(buf, "%.15g", x);
}

Datum
sim_jsonb(const char *json)
{
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(json));
}

TimestampTz
sim_timestamp(TimestampTz start, int64 run, int64 offset_usec)
{
	int64		hours;
	int64		t;

	if (pg_mul_s64_overflow(run, SIM_RUN_SPACING_USEC, &hours) ||
		pg_add_s64_overflow(start, hours, &t) ||
		pg_add_s64_overflow(t, offset_usec, &t) ||
		!IS_VALID_TIMESTAMP(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("simulated timestamp out of range"),
				 errdetail("Run " INT64_FORMAT " starts " INT64_FORMAT " hours after start_time and its events span " INT64_FORMAT " microseconds.",
						   run + 1, run, offset_usec)));
	return t;
}

TupleDesc
sim_result_tupdesc(FunctionCallInfo fcinfo, int natts)
{
	TupleDesc	tupdesc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	if (tupdesc->natts != natts)
		elog(ERROR, "collcog: %s must return %d columns, not %d",
			 get_func_name(fcinfo->flinfo->fn_oid), natts, tupdesc->natts);
	return BlessTupleDesc(tupdesc);
}
