/*
 * Glue between the core's error records and PostgreSQL's error reporting.
 */
#ifndef COLLCOG_CC_PG_H
#define COLLCOG_CC_PG_H

#include "collcog/common.h"

/* Raise the core error as ereport(ERROR) with the SQLSTATE of its code; never returns. */
extern void cc_report(const cc_error *err) pg_attribute_noreturn();

/* Raise err unless status is CC_OK. */
static inline void
cc_check(cc_status status, const cc_error *err)
{
	if (status != CC_OK)
		cc_report(err);
}

#endif							/* COLLCOG_CC_PG_H */
