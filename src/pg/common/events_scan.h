/*
 * Reading collcog's own events table run by run for build_cascades(): a scan of its primary
 * key index (run_id, step_id), which returns each run's events in step order, decoded
 * straight from the heap tuples into the core's input (no SQL statement per run, no tuple
 * copies, no casts). The *_from() functions, which read any relation shaped like events,
 * go through SPI instead (cascade_read.c).
 */
#ifndef COLLCOG_EVENTS_SCAN_H
#define COLLCOG_EVENTS_SCAN_H

#include "postgres.h"

#include "collcog/cascade.h"

#include "run_arena.h"

typedef struct EventsScan EventsScan;

/*
 * Open the events table relid and its primary key for reading. The caller must be allowed
 * to read every column the reconstruction uses, and no row-level security may apply to it
 * (the derived tables are built from all rows). The scan lives in the current memory
 * context until EventsScanEnd.
 */
extern EventsScan *EventsScanBegin(Oid relid);

/*
 * The events of one run (run_id a text Datum, run_name for messages), in step order, with
 * their strings, in arena, which the caller resets after the run.
 */
extern cc_event *EventsScanRun(EventsScan *scan, RunArena *arena, Datum run_id,
							   const char *run_name, size_t *n_events);

extern void EventsScanEnd(EventsScan *scan);

#endif							/* COLLCOG_EVENTS_SCAN_H */
