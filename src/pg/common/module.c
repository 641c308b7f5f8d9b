/*
 * collcog: module entry point. Routes the core's allocation and cancellation hooks to
 * PostgreSQL, so core memory lives in the caller's memory context (or build_cascades' run
 * arena) and long core loops notice a query cancel or statement timeout.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/memutils.h"

#include <gsl/gsl_errno.h>

#include "collcog/common.h"

#include "pg/common/run_arena.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* palloc that returns NULL on out-of-memory, so the core can report CC_ENOMEM; or the run
 * arena of build_cascades() while it serves the core. */
static void *
pg_malloc_hook(size_t size)
{
	if (RunArenaServingCore())
		return RunArenaCoreMalloc(size);
	return palloc_extended(size, MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
}

static void *
pg_realloc_hook(void *ptr, size_t size)
{
	if (RunArenaServingCore())
		return RunArenaCoreRealloc(ptr, size);
	return repalloc_huge(ptr, size);
}

static void
pg_free_hook(void *ptr)
{
	/* The arena frees nothing before a run ends. */
	if (!RunArenaServingCore())
		pfree(ptr);
}

/* A cancel or a statement timeout is pending; the glue then calls CHECK_FOR_INTERRUPTS. */
static int
pg_interrupted_hook(void)
{
	return QueryCancelPending || ProcDiePending;
}

void
_PG_init(void)
{
	cc_hooks	hooks = {pg_malloc_hook, pg_realloc_hook, pg_free_hook, pg_interrupted_hook};

	cc_set_hooks(&hooks);
	/* GSL's default handler calls abort(); the core checks every status GSL returns. */
	gsl_set_error_handler_off();
}
