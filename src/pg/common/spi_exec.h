/*
 * SPI statements that raise on failure and leave the caller's memory context current, and
 * relation names for their text.
 */
#ifndef COLLCOG_PG_SPI_EXEC_H
#define COLLCOG_PG_SPI_EXEC_H

#include "postgres.h"

#include "executor/spi.h"

/* The quoted, schema-qualified name of relation relid for SQL text; 42P01 when there is none. */
extern char *SpiRelationName(Oid relid);

/* SPI_prepare that raises on failure; the plan lives until SPI_finish. */
extern SPIPlanPtr SpiPrepare(const char *sql, int nargs, Oid *argtypes);

/*
 * SPI_execute_plan that raises unless it returns the expected code. SPI leaves its own
 * procedure context current, which lives until SPI_finish: this switches back, so that what
 * the caller allocates next stays in the caller's (per-run) context and memory is bounded
 * by the largest run.
 */
extern void SpiExecute(SPIPlanPtr plan, Datum *values, const char *nulls, int expected);

/*
 * The search_path of collcog's SQL (pg_catalog, pg_temp) for a C function that cannot be
 * declared with SET search_path: one that returns its rows value per call, where a SET
 * would be applied and undone at every row. In force until SpiSearchPathEnd(level), or the
 * end of the (sub)transaction on an error.
 */
extern int	SpiSearchPathBegin(void);
extern void SpiSearchPathEnd(int level);

#endif							/* COLLCOG_PG_SPI_EXEC_H */
