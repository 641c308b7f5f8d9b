/*
 * SPI statements for the glue (see spi_exec.h).
 */
#include "postgres.h"

#include "pg/common/spi_exec.h"

SPIPlanPtr
SpiPrepare(const char *sql, int nargs, Oid *argtypes)
{
	SPIPlanPtr	plan = SPI_prepare(sql, nargs, argtypes);

	if (plan == NULL)
		elog(ERROR, "collcog: SPI_prepare failed (%s) for: %s",
			 SPI_result_code_string(SPI_result), sql);
	return plan;
}

void
SpiExecute(SPIPlanPtr plan, Datum *values, const char *nulls, int expected)
{
	MemoryContext caller = CurrentMemoryContext;
	int			rc = SPI_execute_plan(plan, values, nulls, false, 0);

	MemoryContextSwitchTo(caller);
	if (rc != expected)
		elog(ERROR, "collcog: SPI_execute_plan returned %s", SPI_result_code_string(rc));
}
