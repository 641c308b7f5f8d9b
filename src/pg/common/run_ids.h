/*
 * The run_ids argument of the functions that read runs: NULL means every run; an array
 * names runs that must exist.
 */
#ifndef COLLCOG_PG_RUN_IDS_H
#define COLLCOG_PG_RUN_IDS_H

#include "postgres.h"

#include "utils/array.h"

/*
 * Raise 22004 if ids holds a NULL and 22023 naming the first id that is not a run of
 * runs_table (the quoted, qualified name of collcog's runs). The caller is connected to SPI;
 * the check takes a new snapshot under READ COMMITTED, so it sees what a lock the caller
 * waited for protected.
 */
extern void CheckRunIds(ArrayType *ids, const char *runs_table);

#endif							/* COLLCOG_PG_RUN_IDS_H */
