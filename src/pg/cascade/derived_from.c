/*
 * claims_from(), subtasks_from(), cascades_from(), event_sizes_from(): the rows that
 * build_cascades() writes into the derived tables, returned for any relation with the
 * columns of events (a user's own table or view, a filtered subset), without writing.
 * Runs are reconstructed one at a time; the rows go to a tuplestore, which spills to disk
 * past work_mem.
 */
#include "postgres.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "pg/common/args.h"

#include "cascade_pg.h"

PG_FUNCTION_INFO_V1(claims_from);
PG_FUNCTION_INFO_V1(subtasks_from);
PG_FUNCTION_INFO_V1(cascades_from);
PG_FUNCTION_INFO_V1(event_sizes_from);

/* The quoted, schema-qualified name of the source relation. */
static char *
SourceName(Oid relid)
{
	char	   *rel = get_rel_name(relid);

	if (rel == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	return quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)), rel);
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
	char	   *source;
	SPIPlanPtr	events_plan;
	SPITupleTable *runs;
	uint64		n_runs,
				r;
	MemoryContext run_cxt;
	TupleDesc	tupdesc;
	const DerivedRows *rows = &derived_rows[table];
	Datum		values[DERIVED_MAX_COLS + 1];
	bool		nulls[DERIVED_MAX_COLS + 1];
	Datum		status[CASCADE_NSTATUS];

	if (windows)
		opt = CascadeWindowOptions(fcinfo, 1, 2);
	InitMaterializedSRF(fcinfo, 0);
	tupdesc = rsinfo->setDesc;
	/* Not STRICT, for the window defaults: a NULL source gives no rows. */
	if (!ArgGiven(fcinfo, 0))
		return (Datum) 0;
	source = SourceName(PG_GETARG_OID(0));
	if (table == DERIVED_CLAIMS)
		CascadeStatusValues(TupleDescAttr(tupdesc, 5)->atttypid, status);

	SPI_connect();
	events_plan = CascadeEventsPlan(source);
	runs = CascadeRunIds(source, &n_runs);
	run_cxt = AllocSetContextCreate(CurrentMemoryContext, "collcog *_from run",
									ALLOCSET_DEFAULT_SIZES);
	for (r = 0; r < n_runs; r++)
	{
		MemoryContext old = MemoryContextSwitchTo(run_cxt);
		cc_cascade_input in;
		cc_cascade_result res;
		cc_error	err;
		DerivedRun	rows_of_run;
		SPITupleTable *event_rows;
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
		in.events = CascadeReadRun(events_plan, run_id, run_name, &in.n_events, &event_rows);
		CascadeReconstruct(&in, &res, &err, false);
		DerivedRunInit(&rows_of_run, &res, status);

		n = rows->count(&res);
		for (i = 0; i < n; i++)
		{
			values[0] = run_id;
			nulls[0] = false;
			rows->values(&rows_of_run, rows_of_run.order.rows[table][i], values + 1, nulls + 1);
			tuplestore_putvalues(rsinfo->setResult, tupdesc, values, nulls);
		}
		SPI_freetuptable(event_rows);
		MemoryContextSwitchTo(old);
		MemoryContextReset(run_cxt);
	}
	MemoryContextDelete(run_cxt);
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
