/*
 * claims_from(), subtasks_from(), cascades_from(), event_sizes_from(),
 * cascade_agents_from(): the rows that build_cascades() writes into the derived tables,
 * returned for any relation with the columns of events (a user's own table or view, a
 * filtered subset), without writing.
 * Runs are read with the events reader and reconstructed one at a time; the rows go to a
 * tuplestore, which spills to disk past work_mem.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "pg/common/args.h"
#include "pg/common/enum_labels.h"
#include "pg/common/events_reader.h"
#include "pg/common/result_row.h"
#include "pg/common/spi_exec.h"

#include "cascade_pg.h"

PG_FUNCTION_INFO_V1(claims_from);
PG_FUNCTION_INFO_V1(subtasks_from);
PG_FUNCTION_INFO_V1(cascades_from);
PG_FUNCTION_INFO_V1(event_sizes_from);
PG_FUNCTION_INFO_V1(cascade_agents_from);

/*
 * The distinct run ids of a relation, in run_id order (bytewise). A row without a run_id
 * belongs to no run: an error rather than a row left out.
 */
static SPITupleTable *
RunIds(Oid relid, uint64 *n_runs)
{
	bool		isnull;
	int			rc = SPI_execute(psprintf(
		"SELECT DISTINCT run_id::text COLLATE \"C\" AS run_id FROM %s "
		"ORDER BY 1 NULLS FIRST", SpiRelationName(relid)), true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute returned %s", SPI_result_code_string(rc));
	if (SPI_processed > 0)
	{
		(void) SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("relation \"%s\" has a row whose run_id is NULL", get_rel_name(relid)),
					 errdetail("Every event belongs to a run."),
					 errhint("Give the row a run_id, or leave such rows out with a view (WHERE run_id IS NOT NULL).")));
	}
	*n_runs = SPI_processed;
	return SPI_tuptable;
}

/*
 * The rows of one derived table for every run of the source relation. Windows apply to
 * claims and event sizes (contradiction groups), whose functions take them as arguments
 * 1 and 2.
 */
static Datum
DerivedRowsFrom(FunctionCallInfo fcinfo, DerivedTable table)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bool		windows = table == DERIVED_CLAIMS || table == DERIVED_SIZES;
	cc_cascade_options opt = {CC_WINDOW_RUN, 0};
	EventsReader *reader;
	SPITupleTable *runs;
	uint64		n_runs,
				r;
	MemoryContext run_cxt;
	RunArena   *arena;
	const DerivedRows *rows = &derived_rows[table];
	ResultColumn columns[DERIVED_MAX_COLS + 1];
	ResultRow	row;
	Datum		values[DERIVED_MAX_COLS];
	bool		nulls[DERIVED_MAX_COLS];
	Datum		status[CC_CLAIM_NSTATUS];

	if (windows)
		opt = CascadeWindowOptions(fcinfo, 1, 2);
	InitMaterializedSRF(fcinfo, 0);
	/* Not STRICT, for the window defaults: a NULL source gives no rows. */
	if (!ArgGiven(fcinfo, 0))
		return (Datum) 0;
	/* the result: run_id, then the table's columns, by name */
	columns[0].name = "run_id";
	columns[0].type = TEXTOID;
	for (int k = 0; k < rows->ncols; k++)
	{
		columns[k + 1].name = rows->columns[k];
		columns[k + 1].type = rows->types[k];
	}
	ResultRowInit(&row, rsinfo->setDesc, rows->ncols + 1, columns);
	for (int k = 0; k < rows->ncols; k++)
		if (!OidIsValid(rows->types[k]) && ResultRowPosition(&row, k + 1) >= 0)
			EnumLabelValues(TupleDescAttr(row.desc, ResultRowPosition(&row, k + 1))->atttypid,
							cc_claim_status_names, CC_CLAIM_NSTATUS, status);

	SPI_connect();
	runs = RunIds(PG_GETARG_OID(0), &n_runs);
	reader = EventsReaderBegin(PG_GETARG_OID(0), false);
	run_cxt = AllocSetContextCreate(CurrentMemoryContext, "collcog *_from run",
									ALLOCSET_DEFAULT_SIZES);
	arena = RunArenaCreate();
	RunArenaServeCore(arena);
	for (r = 0; r < n_runs; r++)
	{
		MemoryContext old = MemoryContextSwitchTo(run_cxt);
		cc_cascade_input in;
		cc_cascade_result res;
		cc_error	err;
		DerivedRun	rows_of_run;
		bool		isnull;
		Datum		run_id;
		char	   *run_name;
		int			i,
					n;

		CHECK_FOR_INTERRUPTS();
		run_id = PointerGetDatum(DatumGetTextPCopy(SPI_getbinval(runs->vals[r], runs->tupdesc, 1, &isnull)));
		run_name = TextDatumGetCString(run_id);
		memset(&in, 0, sizeof(in));
		in.run_id.ptr = run_name;
		in.run_id.len = strlen(run_name);
		in.options = opt;
		in.events = EventsReaderRun(reader, arena, run_id, run_name, &in.n_events);
		CascadeReconstruct(&in, &res, &err, false);
		DerivedRunInit(&rows_of_run, &res, status);

		n = rows->count(&res);
		for (i = 0; i < n; i++)
		{
			rows->values(&rows_of_run, rows_of_run.order.rows[table][i], values, nulls);
			ResultRowClear(&row);
			ResultRowSet(&row, 0, run_id);
			for (int k = 0; k < rows->ncols; k++)
				if (!nulls[k])
					ResultRowSet(&row, k + 1, values[k]);
			ResultRowPut(&row, rsinfo->setResult);
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(run_cxt);
		RunArenaReset(arena);
	}
	RunArenaServeCore(NULL);
	MemoryContextDelete(run_cxt);
	EventsReaderEnd(reader);
	SPI_finish();
	return (Datum) 0;
}

Datum
claims_from(PG_FUNCTION_ARGS)
{
	return DerivedRowsFrom(fcinfo, DERIVED_CLAIMS);
}

Datum
subtasks_from(PG_FUNCTION_ARGS)
{
	return DerivedRowsFrom(fcinfo, DERIVED_SUBTASKS);
}

Datum
cascades_from(PG_FUNCTION_ARGS)
{
	return DerivedRowsFrom(fcinfo, DERIVED_CASCADES);
}

Datum
event_sizes_from(PG_FUNCTION_ARGS)
{
	return DerivedRowsFrom(fcinfo, DERIVED_SIZES);
}

Datum
cascade_agents_from(PG_FUNCTION_ARGS)
{
	return DerivedRowsFrom(fcinfo, DERIVED_AGENTS);
}
