/*
 * Glue shared by build_cascades() (which writes the derived tables) and the *_from()
 * functions (which return the same rows for any relation shaped like events): reading one
 * run's events into the core's input, and turning the core's result into row values.
 */
#ifndef COLLCOG_CASCADE_PG_H
#define COLLCOG_CASCADE_PG_H

#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"

#include "collcog/cascade.h"

/* Column counts of the derived rows, run_id excluded. */
#define CASCADE_CLAIM_COLS		8
#define CASCADE_SUBTASK_COLS	6
#define CASCADE_CASCADE_COLS	12
#define CASCADE_SIZE_COLS		4

/* SPI_prepare that raises on failure; the plan lives until SPI_finish. */
extern SPIPlanPtr CascadePreparePlan(const char *sql, int nargs, Oid *argtypes);

/* SPI_execute_plan that raises unless it returns the expected code, and keeps the caller's
 * memory context current (SPI would leave its own). */
extern void CascadeExecutePlan(SPIPlanPtr plan, Datum *values, const char *nulls, int expected);

/* The plan reading one run's events, in step order, from a relation named by SQL text. */
extern SPIPlanPtr CascadeEventsPlan(const char *relation);

/*
 * Read one run's events into the core's input array. The strings point into *rows, which
 * the caller frees with SPI_freetuptable when done with the events.
 */
extern cc_event *CascadeReadRun(SPIPlanPtr events_plan, Datum run_id, const char *run_name,
								size_t *n_events, SPITupleTable **rows);

/* The distinct run ids of a relation, in run_id order (bytewise). */
extern SPITupleTable *CascadeRunIds(const char *relation, uint64 *n_runs);

/* Contradiction-burst windows from the burst_steps and burst_interval arguments. */
extern cc_cascade_options CascadeWindowOptions(FunctionCallInfo fcinfo, int steps_arg,
											   int interval_arg);

/* Reconstruct one run; raises the core's error unless skip_bad and it is a lineage error. */
extern cc_status CascadeReconstruct(const cc_cascade_input *in, cc_cascade_result *res,
									cc_error *err, bool skip_bad);

/*
 * Row values of the derived tables, run_id excluded, in the columns' order: row i of the
 * claims, subtasks, cascades and event_sizes of a result.
 */
typedef void (*RowValuesFn) (const cc_cascade_result *res, int i, Datum *values, bool *nulls);

extern void CascadeClaimValues(const cc_cascade_result *res, int i, Datum *values, bool *nulls);
extern void CascadeSubtaskValues(const cc_cascade_result *res, int i, Datum *values, bool *nulls);
extern void CascadeCascadeValues(const cc_cascade_result *res, int i, Datum *values, bool *nulls);
extern void CascadeSizeValues(const cc_cascade_result *res, int i, Datum *values, bool *nulls);

#endif							/* COLLCOG_CASCADE_PG_H */
