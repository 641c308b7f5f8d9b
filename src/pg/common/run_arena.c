/*
 * A bump allocator over blocks kept from run to run (see run_arena.h).
 */
#include "postgres.h"

#include "utils/memutils.h"

#include "run_arena.h"

/* The smallest block; later ones double, so a run needs few. */
#define ARENA_MIN_BLOCK (1024 * 1024)

typedef struct ArenaBlock
{
	struct ArenaBlock *next;
	Size		size;			/* usable bytes after the header */
	Size		used;
} ArenaBlock;

#define BLOCK_DATA(b) ((char *) (b) + MAXALIGN(sizeof(ArenaBlock)))

struct RunArena
{
	MemoryContext cxt;
	ArenaBlock *first;
	ArenaBlock *current;		/* blocks after it are unused in this run */
	MemoryContextCallback forget;
};

/* The arena serving the core's allocations, if any. */
static RunArena *core_arena = NULL;

static void
StopServing(void *arg)
{
	if (core_arena == arg)
		core_arena = NULL;
}

RunArena *
RunArenaCreate(void)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "collcog run arena",
											  ALLOCSET_SMALL_SIZES);
	RunArena   *arena = MemoryContextAllocZero(cxt, sizeof(RunArena));

	arena->cxt = cxt;
	arena->forget.func = StopServing;
	arena->forget.arg = arena;
	MemoryContextRegisterResetCallback(cxt, &arena->forget);
	return arena;
}

/* size bytes (MAXALIGNed by the caller), or NULL when a new block cannot be had. */
static void *
TryAlloc(RunArena *arena, Size size)
{
	ArenaBlock *b;
	ArenaBlock *last = NULL;
	Size		block_size;

	for (b = arena->current; b != NULL; last = b, b = b->next)
		if (b->size - b->used >= size)
		{
			void	   *p = BLOCK_DATA(b) + b->used;

			b->used += size;
			arena->current = b;
			return p;
		}
	block_size = Max(size, last != NULL ? 2 * last->size : ARENA_MIN_BLOCK);
	b = MemoryContextAllocExtended(arena->cxt, MAXALIGN(sizeof(ArenaBlock)) + block_size,
								   MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
	if (b == NULL)
		return NULL;
	b->next = NULL;
	b->size = block_size;
	b->used = size;
	if (last != NULL)
		last->next = b;
	else
		arena->first = b;
	arena->current = b;
	return BLOCK_DATA(b);
}

void *
RunArenaAlloc(RunArena *arena, Size size)
{
	void	   *p = TryAlloc(arena, MAXALIGN(size));

	if (p == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("Failed on request of size %zu in a run of build_cascades.", size)));
	return p;
}

void
RunArenaReset(RunArena *arena)
{
	ArenaBlock *b;

	for (b = arena->first; b != NULL; b = b->next)
		b->used = 0;
	arena->current = arena->first;
}

void
RunArenaServeCore(RunArena *arena)
{
	core_arena = arena;
}

bool
RunArenaServingCore(void)
{
	return core_arena != NULL;
}

/* The core's allocations carry their size, for realloc. */
#define SIZE_HEADER MAXALIGN(sizeof(Size))

void *
RunArenaCoreMalloc(size_t size)
{
	char	   *p = TryAlloc(core_arena, SIZE_HEADER + MAXALIGN(size));

	if (p == NULL)
		return NULL;
	*(Size *) p = MAXALIGN(size);
	return p + SIZE_HEADER;
}

void *
RunArenaCoreRealloc(void *ptr, size_t size)
{
	Size		old;
	ArenaBlock *b = core_arena->current;
	void	   *p;

	if (ptr == NULL)
		return RunArenaCoreMalloc(size);
	old = *(Size *) ((char *) ptr - SIZE_HEADER);
	if (size <= old)
		return ptr;
	/* The latest allocation grows in place when its block has room. */
	if ((char *) ptr + old == BLOCK_DATA(b) + b->used &&
		b->size - b->used >= MAXALIGN(size) - old)
	{
		b->used += MAXALIGN(size) - old;
		*(Size *) ((char *) ptr - SIZE_HEADER) = MAXALIGN(size);
		return ptr;
	}
	p = RunArenaCoreMalloc(size);
	if (p != NULL)
		memcpy(p, ptr, old);
	return p;
}
