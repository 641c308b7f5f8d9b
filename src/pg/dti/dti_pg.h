/*
 * Glue shared by the replay (replay.c) and the live watcher (watch*.c): the parameters of a
 * run's condition class read from a table shaped like dti_estimate()'s result.
 */
#ifndef COLLCOG_DTI_PG_H
#define COLLCOG_DTI_PG_H

#include "postgres.h"

#include "access/htup.h"
#include "access/tupdesc.h"
#include "executor/tuptable.h"
#include "storage/itemptr.h"

#include "collcog/dti.h"

/* The names the messages give c, beta and tau. */
extern const char *const dti_param_names[3];

/*
 * SQL text: the join of a runs table aliased r with the params table (by class, NULL
 * matching NULL) and the columns it adds (", c, beta_c, tau" as float8).
 */
extern char *DtiParamsJoin(Oid params);
#define DTI_PARAMS_COLUMNS ", p.c::float8, p.beta_c::float8, p.tau::float8"

/*
 * The parameters of one run from a row (run_id, topology, task_family, c, beta_c, tau) of
 * a query ordered by run_id over that join. prev_run: the run of the previous row (NULL
 * for the first), to refuse a class with two rows (21000). A class without a row (22023),
 * a NULL parameter (22004) or an unusable one (22023) is an error naming the run.
 */
extern cc_dti_params DtiClassParams(HeapTuple tup, TupleDesc desc, Oid params,
									const char *prev_run);

/* ---------------------------------------------------------------------------------------
 * The live watcher (watch.c: dti_watch, dti_unwatch and the trigger; watch_run.c: one run's
 * events applied to its stored state).
 * ------------------------------------------------------------------------------------- */

/* One event as the watcher reads it. */
typedef struct WatchEvent
{
	char	   *run;
	int64		step;
	cc_event_type type;
	char	   *claim;			/* the claim it creates, or NULL */
	int			n_parents;
	char	  **parents;
	char	   *target;			/* or NULL */
	bool		dti;			/* payload "dti": true */
} WatchEvent;

/*
 * The watcher's reading of events, from a relation and a condition (SQL text), in the order
 * and with the columns WatchReadEvents takes.
 */
#define WATCH_EVENTS_QUERY(from, where) "SELECT run_id::text COLLATE \"C\", step_id, " \
	"event_type::text, claim_id::text, parent_claim_ids::text[], target_claim_id::text, " \
	"event_type = 'merge' AND payload @> '{\"dti\": true}' FROM " from where " ORDER BY 1, 2"

/* The heads a trigger lists (the newest; n_heads counts all), as dti_replay's default. */
#define WATCH_LISTED_HEADS 10

/*
 * The events of SPI_tuptable, from a query returning (run_id, step_id, event_type,
 * claim_id, parent_claim_ids, target_claim_id, dti) ordered by run_id and step_id, copied
 * into the current memory context.
 */
extern WatchEvent *WatchReadEvents(uint64 *n);

/*
 * The events of a trigger's transition table (the new rows of events), as WatchReadEvents
 * gives them, sorted by run (bytewise) and step (watch_new_events.c).
 */
struct TriggerData;
extern WatchEvent *WatchNewEvents(struct TriggerData *td, uint64 *n);

/*
 * Apply one run's events ev[0 .. n) (in step order) to its state, in the extension's
 * schema (quoted); params: the params table's quoted name, read when the run is new. With
 * report, every trigger is written to dti_watch_triggers and notified on collcog_dti, and a
 * run without state is first caught up from its stored events before ev[0].
 */
extern void WatchRun(const char *schema, const char *params, WatchEvent *ev, int n, bool report);

/*
 * Drop the states of runs this backend keeps (watch_run.c): the watcher was installed or
 * removed, or events changed; each run's next insert rebuilds its state.
 */
extern void WatchForgetStates(void);

/* A row WatchProbe found: all its columns deformed, in table order, and its tid. */
typedef void (*WatchProbeRow) (void *arg, TupleTableSlot *slot);

/*
 * The rows of table (dti_watch_claims or dti_watch_cascades, in the schema) whose primary key
 * is (run, ids[i]), each passed to row; ids without a row are skipped (watch_probe.c).
 */
extern void WatchProbe(const char *schema, const char *table, const char *run, char **ids,
					   int n, WatchProbeRow row, void *arg);

/* A row to write: its values (columns in table order; an update's hold the row as it is). */
typedef void (*WatchRowFill) (void *arg, int i, Datum *values, bool *isnull);

/*
 * Insert n rows into table (of the watcher's, in the schema) with their index entries,
 * their tids into tids if not NULL; update n rows at tids, their new tids into tids
 * (watch_write.c).
 */
extern void WatchInsertRows(const char *schema, const char *table, int n, WatchRowFill fill,
							void *arg, ItemPointer tids);
extern void WatchUpdateRows(const char *schema, const char *table, int n, ItemPointer tids,
							WatchRowFill fill, void *arg);

#endif							/* COLLCOG_DTI_PG_H */
