/*
 * The one reader of events for every function that replays runs: a relation shaped like
 * collcog's events table, read run by run in step order into the core's input (cc_event
 * arrays whose strings live in a RunArena).
 *
 * Two ways, one result. A plain table whose primary key is (run_id, step_id), whose columns
 * have the types of collcog's events table, whose columns the caller may read and to which
 * no row-level security applies is read through that primary key (events_scan.c): no SQL
 * statement per run, no tuple copies, no casts. Anything else -- a view, another key, text
 * event types, row-level security -- is read with a query that casts each column, as the
 * caller's own SELECT would read it (the caller must be connected to SPI).
 */
#ifndef COLLCOG_PG_EVENTS_READER_H
#define COLLCOG_PG_EVENTS_READER_H

#include "postgres.h"

#include "collcog/common.h"

#include "pg/common/run_arena.h"

typedef struct EventsReader EventsReader;

/*
 * Open relid for reading, in the current memory context until EventsReaderEnd. With
 * index_only, a relation that cannot be read through its primary key is an error that says
 * why (build_cascades reads collcog's own events table so, whole, and refuses row-level
 * security rather than apply it).
 */
extern EventsReader *EventsReaderBegin(Oid relid, bool index_only);

/*
 * The events of one run (run_id a text Datum, run_name for messages), in step order, with
 * their strings, in arena, valid until the arena is reset.
 */
extern cc_event *EventsReaderRun(EventsReader *reader, RunArena *arena, Datum run_id,
								 const char *run_name, size_t *n_events);

extern void EventsReaderEnd(EventsReader *reader);

#endif							/* COLLCOG_PG_EVENTS_READER_H */
