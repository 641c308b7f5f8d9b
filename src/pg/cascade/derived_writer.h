/*
 * A bulk writer for the derived tables: rows go to the heap in batches through the table
 * access method's multi-insert, as COPY FROM does, with the tables' CHECK and NOT NULL
 * constraints checked per row. Index entries are either inserted per row (an incremental
 * rebuild) or left to DerivedWriterRebuildIndexes (a table truncated in this transaction
 * and rebuilt whole, where one sorted index build beats a million descents).
 */
#ifndef COLLCOG_DERIVED_WRITER_H
#define COLLCOG_DERIVED_WRITER_H

#include "postgres.h"

#include "nodes/execnodes.h"

typedef struct DerivedWriter DerivedWriter;

/*
 * Open relid for writing rows of the named columns, whose values have the given types (a
 * column's base type must equal its value's type). The table must have exactly these
 * columns, in any order, no triggers and no row-level security for the caller; the caller
 * must hold INSERT on it. Errors name the table and the column.
 */
extern DerivedWriter *DerivedWriterOpen(EState *estate, Oid relid, int ncols,
										const char *const *columns, const Oid *types,
										bool maintain_indexes);

/* Queue one row (values in the order of the columns given to DerivedWriterOpen). The
 * values must stay valid until the next DerivedWriterFlush. */
extern void DerivedWriterPut(DerivedWriter *w, const Datum *values, const bool *nulls);

/* Write the queued rows. */
extern void DerivedWriterFlush(DerivedWriter *w);

/* Flush and close. */
extern void DerivedWriterClose(DerivedWriter *w);

/* Build every index of relid from its heap, checking unique constraints. */
extern void DerivedWriterRebuildIndexes(Oid relid);

#endif							/* COLLCOG_DERIVED_WRITER_H */
