/*
 * The values of an enum type's labels, looked up once per call so that rows carry collcog's
 * enums (event_type, claim_status) without a lookup per row.
 */
#ifndef COLLCOG_PG_ENUM_LABELS_H
#define COLLCOG_PG_ENUM_LABELS_H

#include "postgres.h"

/*
 * out[i] = the value of labels[i] in enum_type, or (Datum) 0 when the type lacks the label
 * (an enum of an older version of the extension: the caller says what that means).
 */
extern void EnumLabelValues(Oid enum_type, const char *const *labels, int n, Datum *out);

#endif							/* COLLCOG_PG_ENUM_LABELS_H */
