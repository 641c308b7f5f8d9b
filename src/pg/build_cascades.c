/*
 * build_cascades(): rebuild the derived tables (claims, subtasks, cascades, event_sizes)
 * from events, one run at a time, with the core's reconstruction (src/core/cascade_*.c).
 *
 * Each run's events are read with one indexed query, reconstructed in a memory context
 * that is reset after the run, and written back with one INSERT ... SELECT FROM unnest(...)
 * per table, so memory is bounded by the largest run and the per-row cost is that of the
 * executor, not of SPI. Runs go in run_id order and each run's rows in key order, so the
 * primary-key B-trees grow at their right edge instead of descending for every row.
 * A run's old derived rows are deleted first, so rebuilding a run replaces only that run's
 * rows. A lineage error aborts the statement (nothing is written), or with
 * on_error => 'skip' the run is recorded in rejects and its derived rows removed.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "cascade_pg.h"

PG_FUNCTION_INFO_V1(build_cascades);

/* The statements writing one run, planned once per call. */
typedef struct BuildPlans
{
	SPIPlanPtr	events;
	SPIPlanPtr	delete_derived;
	SPIPlanPtr	insert_claims;
	SPIPlanPtr	insert_subtasks;
	SPIPlanPtr	insert_cascades;
	SPIPlanPtr	insert_sizes;
	SPIPlanPtr	reject;
} BuildPlans;

/* Totals returned to the caller. */
typedef struct BuildTotals
{
	int64		runs_built;
	int64		runs_skipped;
	int64		claims;
	int64		cascades;
} BuildTotals;

static void
PreparePlans(BuildPlans *plans, const char *schema)
{
	Oid			text_arg[] = {TEXTOID};
	Oid			claims_args[] = {TEXTOID, TEXTARRAYOID, INT8ARRAYOID, TEXTARRAYOID,
		INT4ARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID};
	Oid			subtasks_args[] = {TEXTOID, TEXTARRAYOID, TEXTARRAYOID, INT4ARRAYOID,
		TEXTARRAYOID, INT8ARRAYOID, INT8ARRAYOID};
	Oid			cascades_args[] = {TEXTOID, TEXTARRAYOID, INT8ARRAYOID, INT8ARRAYOID,
		INT8ARRAYOID, INT8ARRAYOID, INT8ARRAYOID, INT8ARRAYOID, INT8ARRAYOID, INT8ARRAYOID,
		INT8ARRAYOID, INT4ARRAYOID, FLOAT8ARRAYOID};
	Oid			sizes_args[] = {TEXTOID, TEXTARRAYOID, TEXTARRAYOID, INT8ARRAYOID,
		INT8ARRAYOID};
	Oid			reject_args[] = {TEXTOID, TEXTOID};

	plans->events = CascadeEventsPlan(psprintf("%s.events", schema));
	plans->delete_derived = CascadePreparePlan(psprintf(
		"WITH c AS (DELETE FROM %1$s.claims WHERE run_id = $1), "
		"s AS (DELETE FROM %1$s.subtasks WHERE run_id = $1), "
		"e AS (DELETE FROM %1$s.event_sizes WHERE run_id = $1) "
		"DELETE FROM %1$s.cascades WHERE run_id = $1", schema), 1, text_arg);
	plans->insert_claims = CascadePreparePlan(psprintf(
		"INSERT INTO %1$s.claims (run_id, claim_id, step_id, root_claim_id, claim_depth, "
		"claim_status, revision_chain_id, contradiction_group_id, merge_id) "
		"SELECT $1, u.claim, u.step, u.root, u.depth, u.status::%1$s.claim_status, "
		"u.chain, u.grp, u.merge "
		"FROM unnest($2, $3, $4, $5, $6, $7, $8, $9) "
		"AS u(claim, step, root, depth, status, chain, grp, merge) ORDER BY u.claim COLLATE \"C\"",
		schema), 9, claims_args);
	plans->insert_subtasks = CascadePreparePlan(psprintf(
		"INSERT INTO %1$s.subtasks (run_id, subtask_id, parent_subtask_id, subtask_depth, "
		"assigned_agent, subtree_subtasks, subtree_events) "
		"SELECT $1, u.* FROM unnest($2, $3, $4, $5, $6, $7) AS u(id) ORDER BY u.id COLLATE \"C\"",
		schema), 7, subtasks_args);
	plans->insert_cascades = CascadePreparePlan(psprintf(
		"INSERT INTO %1$s.cascades (run_id, root_claim_id, size, tce, n_propose, n_revise, "
		"n_contradict, n_merge, n_delegate, n_endorse, n_agents_active, depth, "
		"merge_conversion, topology, task_family, n_agents, model) "
		"SELECT $1, u.*, r.topology, r.task_family, r.n_agents, r.model "
		"FROM unnest($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) AS u(root), "
		"%1$s.runs r WHERE r.run_id = $1 ORDER BY u.root COLLATE \"C\"", schema),
											   13, cascades_args);
	plans->insert_sizes = CascadePreparePlan(psprintf(
		"INSERT INTO %1$s.event_sizes (run_id, observable, anchor_id, size, n_events) "
		"SELECT $1, u.* FROM unnest($2, $3, $4, $5) AS u(observable, anchor) "
		"ORDER BY u.observable, u.anchor COLLATE \"C\"", schema), 5, sizes_args);
	plans->reject = CascadePreparePlan(psprintf(
		"INSERT INTO %s.rejects (run_id, source, reason) VALUES ($1, 'build_cascades', $2)",
		schema), 2, reject_args);
}

/*
 * Insert n rows of one derived table: the row values are gathered column by column into
 * arrays, and one INSERT ... FROM unnest($2, ...) writes them all.
 */
static void
InsertRows(SPIPlanPtr plan, Datum run_id, const cc_cascade_result *res, int n,
		   RowValuesFn row_values, const Oid *column_types, int ncols)
{
	ArrayBuildState *cols[CASCADE_CASCADE_COLS];
	Datum		values[CASCADE_CASCADE_COLS];
	bool		nulls[CASCADE_CASCADE_COLS];
	Datum		args[CASCADE_CASCADE_COLS + 1];
	int			i,
				k;

	Assert(ncols <= CASCADE_CASCADE_COLS);
	for (k = 0; k < ncols; k++)
		cols[k] = initArrayResult(column_types[k], CurrentMemoryContext, false);
	for (i = 0; i < n; i++)
	{
		row_values(res, i, values, nulls);
		for (k = 0; k < ncols; k++)
			accumArrayResult(cols[k], values[k], nulls[k], column_types[k], CurrentMemoryContext);
	}
	args[0] = run_id;
	for (k = 0; k < ncols; k++)
		args[k + 1] = makeArrayResult(cols[k], CurrentMemoryContext);
	CascadeExecutePlan(plan, args, NULL, SPI_OK_INSERT);
}

static void
WriteRun(BuildPlans *plans, Datum run_id, const cc_cascade_result *res)
{
	static const Oid claim_types[CASCADE_CLAIM_COLS] = {TEXTOID, INT8OID, TEXTOID, INT4OID,
	TEXTOID, TEXTOID, TEXTOID, TEXTOID};
	static const Oid subtask_types[CASCADE_SUBTASK_COLS] = {TEXTOID, TEXTOID, INT4OID,
	TEXTOID, INT8OID, INT8OID};
	static const Oid cascade_types[CASCADE_CASCADE_COLS] = {TEXTOID, INT8OID, INT8OID,
		INT8OID, INT8OID, INT8OID, INT8OID, INT8OID, INT8OID, INT8OID, INT4OID, FLOAT8OID};
	static const Oid size_types[CASCADE_SIZE_COLS] = {TEXTOID, TEXTOID, INT8OID, INT8OID};

	InsertRows(plans->insert_claims, run_id, res, res->n_claims, CascadeClaimValues,
			   claim_types, CASCADE_CLAIM_COLS);
	InsertRows(plans->insert_subtasks, run_id, res, res->n_subtasks, CascadeSubtaskValues,
			   subtask_types, CASCADE_SUBTASK_COLS);
	InsertRows(plans->insert_cascades, run_id, res, res->n_cascades, CascadeCascadeValues,
			   cascade_types, CASCADE_CASCADE_COLS);
	InsertRows(plans->insert_sizes, run_id, res, res->n_event_sizes, CascadeSizeValues,
			   size_types, CASCADE_SIZE_COLS);
}

/* on_error: 'error' (default) or 'skip'. */
static bool
SkipBadRuns(FunctionCallInfo fcinfo)
{
	char	   *mode;

	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("on_error must be 'error' or 'skip', not NULL")));
	mode = text_to_cstring(PG_GETARG_TEXT_PP(3));
	if (strcmp(mode, "skip") == 0)
		return true;
	if (strcmp(mode, "error") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("on_error must be 'error' or 'skip', not \"%s\"", mode)));
	return false;
}

/* The runs to rebuild: all, or those named (each must exist). */
static SPITupleTable *
SelectRuns(FunctionCallInfo fcinfo, const char *schema, uint64 *n_runs)
{
	Oid			argtypes[] = {TEXTARRAYOID};
	Datum		values[1];
	char		nulls[1] = {' '};
	int			rc;

	if (PG_ARGISNULL(0))
		return CascadeRunIds(psprintf("%s.runs", schema), n_runs);

	if (array_contains_nulls(PG_GETARG_ARRAYTYPE_P(0)))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("run_ids must not contain NULL")));
	values[0] = PG_GETARG_DATUM(0);
	rc = SPI_execute_with_args(psprintf(
		"SELECT n FROM unnest($1) n WHERE NOT EXISTS "
		"(SELECT 1 FROM %s.runs r WHERE r.run_id = n) LIMIT 1", schema),
							   1, argtypes, values, nulls, true, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute_with_args returned %s", SPI_result_code_string(rc));
	if (SPI_processed > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("run \"%s\" does not exist",
						SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1))));
	rc = SPI_execute_with_args(psprintf(
		"SELECT DISTINCT r.run_id::text COLLATE \"C\" FROM %s.runs r "
		"WHERE r.run_id = ANY ($1) ORDER BY 1", schema),
							   1, argtypes, values, nulls, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute_with_args returned %s", SPI_result_code_string(rc));
	*n_runs = SPI_processed;
	return SPI_tuptable;
}

/* Rebuild one run; returns false if it was skipped for bad lineage. */
static bool
BuildRun(BuildPlans *plans, Datum run_id, const char *run_name, cc_cascade_options opt,
		 bool skip_bad, BuildTotals *totals)
{
	cc_cascade_input in;
	cc_cascade_result res;
	cc_error	err;
	SPITupleTable *event_rows;
	bool		built;

	memset(&in, 0, sizeof(in));
	in.run_id.ptr = run_name;
	in.run_id.len = strlen(run_name);
	in.options = opt;
	in.events = CascadeReadRun(plans->events, run_id, run_name, &in.n_events, &event_rows);

	built = CascadeReconstruct(&in, &res, &err, skip_bad) == CC_OK;
	CascadeExecutePlan(plans->delete_derived, &run_id, NULL, SPI_OK_DELETE);
	if (built)
	{
		WriteRun(plans, run_id, &res);
		totals->runs_built++;
		totals->claims += res.n_claims;
		totals->cascades += res.n_cascades;
	}
	else
	{
		Datum		reason[2] = {run_id, CStringGetTextDatum(err.message)};

		CascadeExecutePlan(plans->reject, reason, NULL, SPI_OK_INSERT);
		totals->runs_skipped++;
	}
	SPI_freetuptable(event_rows);
	return built;
}

/*
 * build_cascades(run_ids text[], burst_steps bigint, burst_interval interval,
 *                on_error text) -> (runs_built, runs_skipped, claims, cascades)
 */
Datum
build_cascades(PG_FUNCTION_ARGS)
{
	/* The tables live in the extension's schema, which is this function's schema. */
	const char *schema = quote_identifier(get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid)));
	cc_cascade_options opt = CascadeWindowOptions(fcinfo, 1, 2);
	bool		skip_bad = SkipBadRuns(fcinfo);
	BuildTotals totals = {0, 0, 0, 0};
	BuildPlans	plans;
	SPITupleTable *runs;
	uint64		n_runs,
				i;
	MemoryContext run_cxt;
	TupleDesc	tupdesc;
	Datum		result[4];
	bool		result_nulls[4] = {false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "collcog: build_cascades must return a composite");
	tupdesc = BlessTupleDesc(tupdesc);

	SPI_connect();
	PreparePlans(&plans, schema);
	runs = SelectRuns(fcinfo, schema, &n_runs);

	run_cxt = AllocSetContextCreate(CurrentMemoryContext, "collcog build_cascades run",
									ALLOCSET_DEFAULT_SIZES);
	for (i = 0; i < n_runs; i++)
	{
		MemoryContext old;
		bool		isnull;
		Datum		run_id;

		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(run_cxt);
		run_id = SPI_getbinval(runs->vals[i], runs->tupdesc, 1, &isnull);
		run_id = PointerGetDatum(DatumGetTextPCopy(run_id));
		BuildRun(&plans, run_id, TextDatumGetCString(run_id), opt, skip_bad, &totals);
		MemoryContextSwitchTo(old);
		MemoryContextReset(run_cxt);
	}
	MemoryContextDelete(run_cxt);
	SPI_finish();

	result[0] = Int64GetDatum(totals.runs_built);
	result[1] = Int64GetDatum(totals.runs_skipped);
	result[2] = Int64GetDatum(totals.claims);
	result[3] = Int64GetDatum(totals.cascades);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, result, result_nulls)));
}
