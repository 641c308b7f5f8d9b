/*
 * Memory for one run of build_cascades() at a time, kept from run to run.
 *
 * A run allocates a few large arrays (its events, the interning tables, the core's result).
 * Freed after every run, that memory goes back to the operating system and the next run
 * faults it in again, page by page: a fifth of a reload's time. The arena hands out memory
 * from blocks it keeps until its memory context goes away; a reset between runs forgets the
 * allocations, not the blocks, so memory stays bounded by the largest run.
 */
#ifndef COLLCOG_RUN_ARENA_H
#define COLLCOG_RUN_ARENA_H

#include "postgres.h"

typedef struct RunArena RunArena;

/* An arena whose blocks live in a new child of the current memory context. */
extern RunArena *RunArenaCreate(void);

/* size bytes, MAXALIGNed, valid until the next reset; raises on out-of-memory. */
extern void *RunArenaAlloc(RunArena *arena, Size size);

/* Forget every allocation and keep the blocks for the next run. */
extern void RunArenaReset(RunArena *arena);

/*
 * Serve the core's allocations (cc_malloc, cc_realloc; cc_free does nothing) from arena,
 * or from palloc again when arena is NULL. Serving ends by itself when the arena's memory
 * context goes away (an error included). Memory the core got from the arena must not be
 * handed to cc_free once serving has ended.
 */
extern void RunArenaServeCore(RunArena *arena);

/* For the core's allocation hooks: whether an arena serves them, and its functions, which
 * return NULL on out-of-memory. */
extern bool RunArenaServingCore(void);
extern void *RunArenaCoreMalloc(size_t size);
extern void *RunArenaCoreRealloc(void *ptr, size_t size);

#endif							/* COLLCOG_RUN_ARENA_H */
