/*
 * The allocation and cancellation hooks of the whole core: libc and "never interrupted" by
 * default, PostgreSQL's palloc and query cancel once the glue installs its own.
 */
#include "collcog/common.h"

#include <stdlib.h>
#include <string.h>

static int
never_interrupted(void)
{
	return 0;
}

static cc_hooks hooks = {malloc, realloc, free, never_interrupted};

void
cc_set_hooks(const cc_hooks *h)
{
	if (h->malloc_fn)
		hooks.malloc_fn = h->malloc_fn;
	if (h->realloc_fn)
		hooks.realloc_fn = h->realloc_fn;
	if (h->free_fn)
		hooks.free_fn = h->free_fn;
	if (h->interrupted_fn)
		hooks.interrupted_fn = h->interrupted_fn;
}

void *
cc_malloc(size_t size)
{
	return hooks.malloc_fn(size == 0 ? 1 : size);
}

void *
cc_calloc(size_t n, size_t size)
{
	void	   *p;

	if (size != 0 && n > (size_t) -1 / size)
		return NULL;
	p = cc_malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *
cc_realloc(void *ptr, size_t size)
{
	if (ptr == NULL)
		return cc_malloc(size);
	return hooks.realloc_fn(ptr, size == 0 ? 1 : size);
}

void
cc_free(void *ptr)
{
	if (ptr)
		hooks.free_fn(ptr);
}

int
cc_interrupted(void)
{
	return hooks.interrupted_fn();
}
