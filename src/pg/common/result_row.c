/*
 * Result rows built by column name (see result_row.h).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "pg/common/result_row.h"

TupleDesc
ResultRowType(FunctionCallInfo fcinfo)
{
	TupleDesc	desc;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	return desc;
}

void
ResultRowInit(ResultRow *row, TupleDesc desc, int ncols, const ResultColumn *cols)
{
	row->desc = BlessTupleDesc(desc);
	row->ncols = ncols;
	row->pos = palloc_array(int, Max(ncols, 1));
	row->values = palloc_array(Datum, Max(desc->natts, 1));
	row->nulls = palloc_array(bool, Max(desc->natts, 1));
	for (int c = 0; c < ncols; c++)
	{
		row->pos[c] = -1;
		for (int a = 0; a < desc->natts; a++)
		{
			Form_pg_attribute attr = TupleDescAttr(desc, a);

			if (attr->attisdropped || strcmp(NameStr(attr->attname), cols[c].name) != 0)
				continue;
			if (OidIsValid(cols[c].type) && getBaseType(attr->atttypid) != cols[c].type)
				elog(ERROR, "collcog: result column \"%s\" has type %s, not %s",
					 cols[c].name, format_type_be(attr->atttypid), format_type_be(cols[c].type));
			row->pos[c] = a;
			break;
		}
	}
	ResultRowClear(row);
}

void
ResultRowClear(ResultRow *row)
{
	for (int a = 0; a < row->desc->natts; a++)
	{
		row->values[a] = (Datum) 0;
		row->nulls[a] = true;
	}
}

void
ResultRowSetFloat(ResultRow *row, int col, double v)
{
	if (isfinite(v))
		ResultRowSet(row, col, Float8GetDatum(v));
}

HeapTuple
ResultRowTuple(const ResultRow *row)
{
	return heap_form_tuple(row->desc, row->values, row->nulls);
}

void
ResultRowPut(const ResultRow *row, Tuplestorestate *store)
{
	tuplestore_putvalues(store, row->desc, row->values, row->nulls);
}
