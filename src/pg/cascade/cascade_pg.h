/*
 * Glue shared by build_cascades() (which writes the derived tables) and the *_from()
 * functions (which return the same rows for any relation shaped like events): the
 * reconstruction of one run, and its result turned into row values.
 */
#ifndef COLLCOG_CASCADE_PG_H
#define COLLCOG_CASCADE_PG_H

#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"

#include "collcog/cascade.h"

/* The derived tables, in the order build_cascades() writes them (the core's numbering). */
typedef enum DerivedTable
{
	DERIVED_CLAIMS = CC_TABLE_CLAIMS,
	DERIVED_SUBTASKS = CC_TABLE_SUBTASKS,
	DERIVED_CASCADES = CC_TABLE_CASCADES,
	DERIVED_SIZES = CC_TABLE_EVENT_SIZES,
	DERIVED_AGENTS = CC_TABLE_CASCADE_AGENTS
} DerivedTable;

#define DERIVED_NTABLES CC_NTABLES
/* The most columns of a derived row, run_id excluded. */
#define DERIVED_MAX_COLS 12

/* The number of observables (cc_observable). */
#define DERIVED_NOBSERVABLES (CC_OBS_MERGE + 1)

/*
 * One run's reconstruction made ready to become rows: the text value of every claim,
 * subtask and agent id and of the observable names, built once (an id appears in several
 * columns and tables), and each table's rows in primary-key order.
 */
typedef struct DerivedRun
{
	const cc_cascade_result *res;
	const Datum *status;		/* the claim_status value of each cc_claim_status */
	Datum	   *claim_ids;
	Datum	   *subtask_ids;
	Datum	   *agent_ids;
	Datum		observables[DERIVED_NOBSERVABLES];
	cc_cascade_order order;
} DerivedRun;

/* Prepare res's rows in the current memory context; status: the claim_status value of each
 * cc_claim_status (EnumLabelValues of cc_claim_status_names). */
extern void DerivedRunInit(DerivedRun *run, const cc_cascade_result *res, const Datum *status);

/*
 * The rows of one derived table that a reconstruction result gives, run_id excluded: the
 * table's name, its columns with the type of each value (the column's base type; InvalidOid
 * for claim_status, collcog's enum), the row count and the values of row i.
 */
typedef struct DerivedRows
{
	const char *table;
	int			ncols;
	const char *columns[DERIVED_MAX_COLS];
	Oid			types[DERIVED_MAX_COLS];
	int			(*count) (const cc_cascade_result *res);
	void		(*values) (const DerivedRun *run, int i, Datum *values, bool *nulls);
} DerivedRows;

extern const DerivedRows derived_rows[DERIVED_NTABLES];


/* Contradiction-burst windows from the burst_steps and burst_interval arguments. */
extern cc_cascade_options CascadeWindowOptions(FunctionCallInfo fcinfo, int steps_arg,
											   int interval_arg);

/* Reconstruct one run; raises the core's error unless skip_bad and it is a lineage error. */
extern cc_status CascadeReconstruct(const cc_cascade_input *in, cc_cascade_result *res,
									cc_error *err, bool skip_bad);

/*
 * Locks ordering the writers of runs' derived rows (run_locks.c), keyed on the runs table:
 * the warehouse, which a reload of all runs takes exclusively and every other writer shared
 * (pg_advisory_xact_lock(runs oid::bigint)), and each run, taken exclusively by whoever
 * builds or deletes its derived rows, in run_id order (pg_advisory_xact_lock(runs
 * oid::int4, hashtext(run_id))). Held until the transaction ends. A lock held elsewhere is
 * waited for under READ COMMITTED; under REPEATABLE READ or SERIALIZABLE the wait is a
 * serialization failure (40001), since the snapshot could not see what its holder commits.
 */
extern void LockWarehouse(Oid runs, bool exclusive);
extern void LockRun(Oid runs, Datum run_id);

#endif							/* COLLCOG_CASCADE_PG_H */
