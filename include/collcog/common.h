/*
 * collcog core: what every core module shares with its callers.
 *
 * The core is plain C99 + GSL, with no PostgreSQL headers. It never aborts and never
 * longjmps: a function that can fail returns a cc_status and fills a cc_error, and the
 * caller (the PostgreSQL glue, the CLI, a unit test) decides how to report it. The glue
 * maps the codes to SQLSTATEs (see src/pg/cc_error.c).
 */
#ifndef COLLCOG_CORE_H
#define COLLCOG_CORE_H

#include <stddef.h>

typedef enum cc_status
{
	CC_OK = 0,
	CC_EINVAL,		/* an argument is out of its domain (bad x, bad parameter) */
	CC_ETOOFEW,		/* too little data for the computation */
	CC_ENOCONV,		/* a numerical method did not converge */
	CC_ELINEAGE,	/* bad lineage in a trace: missing parent, cycle, duplicate id */
	CC_ECORRUPT,	/* a serialized state or external value is malformed */
	CC_ELIMIT,		/* a size limit was exceeded */
	CC_ENOMEM,		/* allocation failed */
	CC_ECANCEL		/* the caller asked to stop (query cancel, statement timeout) */
} cc_status;

typedef struct cc_error
{
	cc_status	code;
	char		message[256];	/* one line, lower case, no trailing period */
	char		detail[512];	/* a full sentence, or empty */
} cc_error;

/* Record an error; returns code so that "return cc_fail(err, CC_EINVAL, ...)" reads well. */
cc_status	cc_fail(cc_error *err, cc_status code, const char *fmt, ...)
			__attribute__((format(printf, 3, 4)));
/* Add a detail sentence to an error already recorded. */
void		cc_fail_detail(cc_error *err, const char *fmt, ...)
			__attribute__((format(printf, 2, 3)));

/*
 * Memory. The core allocates only through these; the glue routes them to palloc in the
 * current memory context (returning NULL instead of throwing), the CLI and tests to libc.
 * Memory obtained from GSL's own allocators must be freed before the function returns.
 */
void	   *cc_malloc(size_t size);
void	   *cc_calloc(size_t n, size_t size);
void	   *cc_realloc(void *ptr, size_t size);
void		cc_free(void *ptr);

/*
 * Cancellation. Long loops call cc_interrupted() and, when it returns nonzero, clean up
 * and return CC_ECANCEL. The glue installs a hook that reports a pending query cancel;
 * by default nothing is ever pending.
 */
int			cc_interrupted(void);

typedef struct cc_hooks
{
	void	   *(*malloc_fn) (size_t size);
	void	   *(*realloc_fn) (void *ptr, size_t size);
	void		(*free_fn) (void *ptr);
	int			(*interrupted_fn) (void);
} cc_hooks;

/* Install hooks (NULL members keep the libc default). Called once, at load time. */
void		cc_set_hooks(const cc_hooks *hooks);

#endif							/* COLLCOG_CORE_H */
