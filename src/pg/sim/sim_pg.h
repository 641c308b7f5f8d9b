/*
 * Shared glue of the simulator SRFs (sim_routing.c, sim_network.c): argument readers that
 * name the bad argument, and small row builders.
 */
#ifndef COLLCOG_SIM_PG_H
#define COLLCOG_SIM_PG_H

#include "postgres.h"

#include "access/tupdesc.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/timestamp.h"

/* The argument must not be NULL: ERRCODE_NULL_VALUE_NOT_ALLOWED naming it. */
extern void sim_arg_not_null(FunctionCallInfo fcinfo, int i, const char *name);

extern int32 sim_arg_int32(FunctionCallInfo fcinfo, int i, const char *name);
extern int64 sim_arg_int64(FunctionCallInfo fcinfo, int i, const char *name);
extern double sim_arg_float8(FunctionCallInfo fcinfo, int i, const char *name);
extern bool sim_arg_bool(FunctionCallInfo fcinfo, int i, const char *name);
extern TimestampTz sim_arg_timestamptz(FunctionCallInfo fcinfo, int i, const char *name);
/* A text argument as a palloc'd C string. */
extern char *sim_arg_cstring(FunctionCallInfo fcinfo, int i, const char *name);
/* The run_prefix argument, checked so that every run_id is a valid trace_id. */
extern char *sim_arg_run_prefix(FunctionCallInfo fcinfo, int i);

/*
 * A float8[] argument without NULLs as a palloc'd array; *n gets the element count, *ndim
 * and dims (at least 2 entries) the shape.
 */
extern double *sim_arg_float8_array(FunctionCallInfo fcinfo, int i, const char *name,
									int *n, int *ndim, int *dims);

/* The blessed row type of a set-returning function, which must have natts columns. */
extern TupleDesc sim_result_tupdesc(FunctionCallInfo fcinfo, int natts);

/* text Datum of a formatted string */
extern Datum sim_text_printf(const char *fmt,...) pg_attribute_printf(1, 2);

/* Append a double to a JSON text: shortest form of %.15g, null for NaN or infinities. */
extern void sim_json_float(StringInfo buf, double x);

/* jsonb Datum from JSON text */
extern Datum sim_jsonb(const char *json);

/* start + run hours + offset, or an error when that leaves the timestamp range. */
extern TimestampTz sim_timestamp(TimestampTz start, int64 run, int64 offset_usec);

/* One hour in microseconds: run k starts at start_time + k hours. */
#define SIM_RUN_SPACING_USEC	INT64CONST(3600000000)

#endif							/* COLLCOG_SIM_PG_H */
