/*
 * Internals shared by the files of src/core/inequality/ (not a public API).
 */
#ifndef COLLCOG_INEQUALITY_INTERNAL_H
#define COLLCOG_INEQUALITY_INTERNAL_H

#include "collcog/inequality.h"

/* x for a message, in the fewest digits that read back as x (NaN, Infinity as cc_num). */
cc_numstr	ineq_num(double x);

#endif							/* COLLCOG_INEQUALITY_INTERNAL_H */
