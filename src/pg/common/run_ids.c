/*
 * Checks of a run_ids argument (see run_ids.h).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"

#include "pg/common/run_ids.h"

void
CheckRunIds(ArrayType *ids, const char *runs_table)
{
	Oid			argtypes[] = {TEXTARRAYOID};
	Datum		values[] = {PointerGetDatum(ids)};
	int			rc;

	if (array_contains_nulls(ids))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("run_ids must not contain NULL")));
	rc = SPI_execute_with_args(psprintf(
		"SELECT n FROM pg_catalog.unnest($1) n WHERE NOT EXISTS "
		"(SELECT 1 FROM %s r WHERE r.run_id OPERATOR(pg_catalog.=) n) LIMIT 1", runs_table),
							   1, argtypes, values, NULL, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute_with_args returned %s", SPI_result_code_string(rc));
	if (SPI_processed > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("run \"%s\" does not exist",
						SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1))));
}
