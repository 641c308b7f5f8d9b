/*
 * The values of an enum type's labels, looked up once per call so that rows carry collcog's
 * enums (event_type, claim_status) without a lookup per row.
 */
#ifndef COLLCOG_PG_ENUM_LABELS_H
#define COLLCOG_PG_ENUM_LABELS_H

#include "postgres.h"

/* out[i] = the value of labels[i] in enum_type; a missing label is enum_in's error. */
extern void EnumLabelValues(Oid enum_type, const char *const *labels, int n, Datum *out);

#endif							/* COLLCOG_PG_ENUM_LABELS_H */
