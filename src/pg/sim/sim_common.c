/*
 * What the simulator SRFs share: the run_prefix argument, identifiers, JSON metadata and
 * timestamps of simulated runs, and their result rows.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "common/shortest_dec.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"

#include "collcog/common.h"

#include "pg/common/args.h"
#include "sim_pg.h"

char *
sim_arg_run_prefix(FunctionCallInfo fcinfo, int i)
{
	char	   *s = ArgCString(fcinfo, i, "run_prefix");

	/* room for "/" and a run number up to CC_SIM_MAX_RUNS within a trace_id */
	if (s[0] == '\0' || strlen(s) > CC_MAX_ID_BYTES - 16)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("run_prefix must be between 1 and %d bytes long", CC_MAX_ID_BYTES - 16),
				 errdetail("Run identifiers are run_prefix, a slash and the run number, and must be valid trace_id values.")));
	return s;
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
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

	if (isnan(x) || isinf(x))
		appendStringInfoString(buf, "null");
	else
	{
		double_to_shortest_decimal_buf(x, digits);
		appendStringInfoString(buf, digits);
	}
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

const ResultColumn sim_run_columns[RUN_NCOLS] = {
	{"run_id", TEXTOID}, {"benchmark", TEXTOID}, {"task_family", TEXTOID},
	{"topology", TEXTOID}, {"n_agents", INT4OID}, {"model", TEXTOID}, {"seed", INT8OID},
	{"success", BOOLOID}, {"score", FLOAT8OID}, {"started_at", TIMESTAMPTZOID},
	{"meta", JSONBOID}
};

const ResultColumn sim_agent_columns[AGENT_NCOLS] = {
	{"run_id", TEXTOID}, {"agent_id", TEXTOID}, {"agent_type", TEXTOID}, {"model", TEXTOID},
	{"role", TEXTOID}
};

ResultRow *
sim_result_row(FunctionCallInfo fcinfo, int ncols, const ResultColumn *cols)
{
	ResultRow  *row = palloc(sizeof(ResultRow));

	ResultRowInit(row, ResultRowType(fcinfo), ncols, cols);
	return row;
}
