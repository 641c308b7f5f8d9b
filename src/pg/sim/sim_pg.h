/*
 * Shared glue of the simulator SRFs (routing.c, network.c): the run_prefix argument and
 * small row builders.
 */
#ifndef COLLCOG_SIM_PG_H
#define COLLCOG_SIM_PG_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/timestamp.h"

#include "pg/common/result_row.h"

/* The run_prefix argument, checked so that every run_id is a valid trace_id. */
extern char *sim_arg_run_prefix(FunctionCallInfo fcinfo, int i);

/* The columns of the runs and agents rows of both simulators (those of the tables). */
enum
{
	RUN_RUN_ID, RUN_BENCHMARK, RUN_TASK_FAMILY, RUN_TOPOLOGY, RUN_N_AGENTS, RUN_MODEL,
	RUN_SEED, RUN_SUCCESS, RUN_SCORE, RUN_STARTED_AT, RUN_META, RUN_NCOLS
};
extern const ResultColumn sim_run_columns[RUN_NCOLS];

enum
{
	AGENT_RUN_ID, AGENT_AGENT_ID, AGENT_TYPE, AGENT_MODEL, AGENT_ROLE, AGENT_NCOLS
};
extern const ResultColumn sim_agent_columns[AGENT_NCOLS];

/* The result row of a set-returning function, in the current memory context. */
extern ResultRow *sim_result_row(FunctionCallInfo fcinfo, int ncols, const ResultColumn *cols);

/* text Datum of a formatted string */
extern Datum sim_text_printf(const char *fmt,...) pg_attribute_printf(1, 2);

/*
 * Append a double to a JSON text: the shortest decimal that reads back as the same double
 * (as float8out writes it), null for NaN or infinities.
 */
extern void sim_json_float(StringInfo buf, double x);

/* jsonb Datum from JSON text */
extern Datum sim_jsonb(const char *json);

/* start + run hours + offset, or an error when that leaves the timestamp range. */
extern TimestampTz sim_timestamp(TimestampTz start, int64 run, int64 offset_usec);

/* One hour in microseconds: run k starts at start_time + k hours. */
#define SIM_RUN_SPACING_USEC	INT64CONST(3600000000)

#endif							/* COLLCOG_SIM_PG_H */
