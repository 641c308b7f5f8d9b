/*
 * Glue for the inequality measures (DESIGN section 5): the effort_hist type, the aggregates
 * and the functions on effort_hist share these helpers.
 */
#ifndef COLLCOG_INEQ_PG_H
#define COLLCOG_INEQ_PG_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/array.h"

#include "collcog/inequality.h"

/* hist.c: the stored type. */
extern cc_value_hist *EffortHistUnpack(Datum d);
extern Datum EffortHistPack(const cc_value_hist *h);

/*
 * api.c: the measures of a compacted histogram, shared by the aggregates' final functions
 * and the functions on effort_hist; NaN when undefined (the caller returns NULL), errors
 * raised. IneqLorenz returns NULL when the curve is undefined.
 */
extern double IneqGini(const cc_value_hist *h, bool unbiased);
extern double IneqTopShare(const cc_value_hist *h, double fraction);
extern double IneqTopKShare(const cc_value_hist *h, int64 k);
extern double IneqEffective(const cc_value_hist *h);
extern double *IneqLorenz(const cc_value_hist *h, int32 points);
extern ArrayType *IneqLorenzArray(const cc_value_hist *h, int32 points);

#endif							/* COLLCOG_INEQ_PG_H */
