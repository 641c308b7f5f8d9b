/*
 * Argument readers shared by every SQL function (see args.h).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "pg/common/args.h"

void
ArgRequire(FunctionCallInfo fcinfo, int i, const char *name)
{
	if (!ArgGiven(fcinfo, i))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", name)));
}

int32
ArgInt32(FunctionCallInfo fcinfo, int i, const char *name)
{
	ArgRequire(fcinfo, i, name);
	return PG_GETARG_INT32(i);
}

int64
ArgInt64(FunctionCallInfo fcinfo, int i, const char *name)
{
	ArgRequire(fcinfo, i, name);
	return PG_GETARG_INT64(i);
}

double
ArgFloat8(FunctionCallInfo fcinfo, int i, const char *name)
{
	ArgRequire(fcinfo, i, name);
	return PG_GETARG_FLOAT8(i);
}

bool
ArgBool(FunctionCallInfo fcinfo, int i, const char *name)
{
	ArgRequire(fcinfo, i, name);
	return PG_GETARG_BOOL(i);
}

TimestampTz
ArgTimestamptz(FunctionCallInfo fcinfo, int i, const char *name)
{
	TimestampTz t;

	ArgRequire(fcinfo, i, name);
	t = PG_GETARG_TIMESTAMPTZ(i);
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be finite", name)));
	return t;
}

char *
ArgCString(FunctionCallInfo fcinfo, int i, const char *name)
{
	ArgRequire(fcinfo, i, name);
	return text_to_cstring(PG_GETARG_TEXT_PP(i));
}

/* 'a', 'b' or 'c' */
static char *
ChoiceList(const char *const *choices, int n)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int k = 0; k < n; k++)
		appendStringInfo(&buf, "%s'%s'", k == 0 ? "" : (k == n - 1 ? " or " : ", "), choices[k]);
	return buf.data;
}

int
ArgChoice(FunctionCallInfo fcinfo, int i, const char *name, const char *const *choices, int n)
{
	char	   *word;

	if (!ArgGiven(fcinfo, i))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must be %s, not NULL", name, ChoiceList(choices, n))));
	word = text_to_cstring(PG_GETARG_TEXT_PP(i));
	for (int k = 0; k < n; k++)
		if (strcmp(word, choices[k]) == 0)
			return k;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s must be %s, not \"%s\"", name, ChoiceList(choices, n), word)));
	pg_unreachable();
}

/* "must be positive" for min 1, "must not be negative" for 0, else "must be at least min". */
static void
BelowMin(const char *name, int64 v, int64 min, const char *null_means)
{
	char	   *rule = min == 1 ? pstrdup("must be positive")
		: min == 0 ? pstrdup("must not be negative")
		: psprintf("must be at least " INT64_FORMAT, min);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s %s, not " INT64_FORMAT, name, rule, v),
			 errdetail("%s", null_means)));
}

int64
ArgInt64AtLeast(FunctionCallInfo fcinfo, int i, const char *name, int64 min, int64 dflt,
				const char *null_means)
{
	int64		v;

	if (!ArgGiven(fcinfo, i))
		return dflt;
	v = PG_GETARG_INT64(i);
	if (v < min)
		BelowMin(name, v, min, null_means);
	return v;
}

int32
ArgInt32AtLeast(FunctionCallInfo fcinfo, int i, const char *name, int32 min, int32 dflt,
				const char *null_means)
{
	int32		v;

	if (!ArgGiven(fcinfo, i))
		return dflt;
	v = PG_GETARG_INT32(i);
	if (v < min)
		BelowMin(name, v, min, null_means);
	return v;
}

double *
ArgFloat8Array(FunctionCallInfo fcinfo, int i, const char *name, int *n, int *ndim, int *dims)
{
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *nulls;
	int			nelems;
	double	   *out;

	ArgRequire(fcinfo, i, name);
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
