/*
 * The one way the glue reads a function's arguments: each reader names the argument in its
 * errors. Required arguments refuse NULL (22004 null_value_not_allowed, "NAME must not be
 * null"); an optional argument is one that is NULL or absent (ArgGiven).
 */
#ifndef COLLCOG_PG_ARGS_H
#define COLLCOG_PG_ARGS_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/timestamp.h"

/* Argument i was given: present and not NULL. */
static inline bool
ArgGiven(FunctionCallInfo fcinfo, int i)
{
	return PG_NARGS() > i && !PG_ARGISNULL(i);
}

/* Argument i must not be NULL. */
extern void ArgRequire(FunctionCallInfo fcinfo, int i, const char *name);

extern int32 ArgInt32(FunctionCallInfo fcinfo, int i, const char *name);
extern int64 ArgInt64(FunctionCallInfo fcinfo, int i, const char *name);
extern double ArgFloat8(FunctionCallInfo fcinfo, int i, const char *name);
extern bool ArgBool(FunctionCallInfo fcinfo, int i, const char *name);
/* A finite timestamptz. */
extern TimestampTz ArgTimestamptz(FunctionCallInfo fcinfo, int i, const char *name);
/* A text argument as a palloc'd C string. */
extern char *ArgCString(FunctionCallInfo fcinfo, int i, const char *name);

/*
 * A text argument that must be one of the n words of choices[]: its index. Errors say
 * "NAME must be 'a', 'b' or 'c', not ..." (NULL is 22004, another word 22023).
 */
extern int	ArgChoice(FunctionCallInfo fcinfo, int i, const char *name,
					  const char *const *choices, int n);

/*
 * An optional integer that must be at least min when given, dflt when NULL; null_means is the
 * errdetail of a value below min ("Pass NULL for ...").
 */
extern int64 ArgInt64AtLeast(FunctionCallInfo fcinfo, int i, const char *name, int64 min,
							 int64 dflt, const char *null_means);
extern int32 ArgInt32AtLeast(FunctionCallInfo fcinfo, int i, const char *name, int32 min,
							 int32 dflt, const char *null_means);

/*
 * A float8[] argument without NULLs as a palloc'd array; *n gets the element count, *ndim
 * and dims (at least 2 entries) the shape.
 */
extern double *ArgFloat8Array(FunctionCallInfo fcinfo, int i, const char *name, int *n,
							  int *ndim, int *dims);

#endif							/* COLLCOG_PG_ARGS_H */
