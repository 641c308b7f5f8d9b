/*
 * Result rows built by column name. A function names the columns it fills and the type of
 * each value; their positions in the result's row type are looked up once, so nothing
 * depends on the number or order of the columns: a column the row type lacks is not filled,
 * a column the function does not name stays NULL, and a named column of another type is an
 * error. (The shared library thus serves an older or newer version's SQL during an update.)
 */
#ifndef COLLCOG_PG_RESULT_ROW_H
#define COLLCOG_PG_RESULT_ROW_H

#include "postgres.h"

#include "access/htup.h"
#include "access/tupdesc.h"
#include "fmgr.h"
#include "utils/tuplestore.h"

/* A column a function fills: its name and the base type of its values (InvalidOid: any,
 * for a type the function takes from the row type itself, such as an enum). */
typedef struct ResultColumn
{
	const char *name;
	Oid			type;
} ResultColumn;

typedef struct ResultRow
{
	TupleDesc	desc;			/* blessed */
	int			ncols;
	int		   *pos;			/* position in desc of each named column, or -1 */
	Datum	   *values;			/* desc->natts of them */
	bool	   *nulls;
} ResultRow;

/* The row type of a function returning a composite or a set of them. */
extern TupleDesc ResultRowType(FunctionCallInfo fcinfo);

/* A row of desc (blessed here) with the named columns, in the current memory context;
 * every column NULL. */
extern void ResultRowInit(ResultRow *row, TupleDesc desc, int ncols, const ResultColumn *cols);

/* Every column NULL again (before the next row). */
extern void ResultRowClear(ResultRow *row);

/* Column col (an index into the named columns) gets v. */
static inline void
ResultRowSet(ResultRow *row, int col, Datum v)
{
	int			p = row->pos[col];

	if (p >= 0)
	{
		row->values[p] = v;
		row->nulls[p] = false;
	}
}

/* Column col NULL again (for a row whose columns are all set anew, not cleared). */
static inline void
ResultRowSetNull(ResultRow *row, int col)
{
	int			p = row->pos[col];

	if (p >= 0)
	{
		row->values[p] = (Datum) 0;
		row->nulls[p] = true;
	}
}

/* A float8 column: v, or NULL unless v is finite (NaN marks what is not defined). */
extern void ResultRowSetFloat(ResultRow *row, int col, double v);

/* The position of named column col in the row type, or -1 when it lacks it. */
static inline int
ResultRowPosition(const ResultRow *row, int col)
{
	return row->pos[col];
}

extern HeapTuple ResultRowTuple(const ResultRow *row);

/* Append the row to a materialized set-returning function's tuplestore (no tuple made). */
extern void ResultRowPut(const ResultRow *row, Tuplestorestate *store);

#endif							/* COLLCOG_PG_RESULT_ROW_H */
