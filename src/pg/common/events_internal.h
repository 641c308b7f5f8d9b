/*
 * Internals of the events reader (events_reader.c, events_scan.c): decoding columns into the
 * core's input, shared by both ways of reading, and the primary-key scan.
 */
#ifndef COLLCOG_PG_EVENTS_INTERNAL_H
#define COLLCOG_PG_EVENTS_INTERNAL_H

#include "postgres.h"

#include "collcog/common.h"

#include "pg/common/run_arena.h"

/* A text value copied into the arena, or the NULL string. */
extern cc_str EventsCopyText(RunArena *arena, Datum d, bool isnull);

/* The elements of a text array copied into the arena (NULL for none); *n gets their
 * number. elem_*: the storage of the array's element type. */
extern const cc_str *EventsCopyTextArray(RunArena *arena, Datum d, int16 elem_len,
										 bool elem_byval, char elem_align, int32 *n);

/* events with room for one more: doubled into the arena when n has reached *cap. */
extern cc_event *EventsMakeRoom(RunArena *arena, cc_event *events, size_t n, size_t *cap);

/* The error for an event without a type (possible in a user's relation). */
extern void EventsNullType(const char *run_name, int64 step) pg_attribute_noreturn();

/* Reading a plain table through its primary key (events_scan.c). */
typedef struct EventsScan EventsScan;

/* NULL when the relation cannot be read this way, unless strict: then an error says why. */
extern EventsScan *EventsScanBegin(Oid relid, bool strict);
extern cc_event *EventsScanRun(EventsScan *scan, RunArena *arena, Datum run_id,
							   const char *run_name, size_t *n_events);
extern void EventsScanEnd(EventsScan *scan);

#endif							/* COLLCOG_PG_EVENTS_INTERNAL_H */
