/*
 * Shared glue of the simulator SRFs (routing.c, network.c): the run_prefix argument and
 * small row builders.
 */
#ifndef COLLCOG_SIM_PG_H
#define COLLCOG_SIM_PG_H

#include "postgres.h"

#include "access/tupdesc.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/timestamp.h"

/* The run_prefix argument, checked so that every run_id is a valid trace_id. */
extern char *sim_arg_run_prefix(FunctionCallInfo fcinfo, int i);

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
