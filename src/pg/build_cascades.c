/*
 * build_cascades(): rebuild the derived tables (claims, subtasks, cascades, event_sizes)
 * from events, one run at a time, with the core's reconstruction (src/core/cascade_*.c).
 *
 * Each run's events are read with one indexed query, reconstructed in a memory context
 * that is reset after the run, and written back with one INSERT ... SELECT FROM unnest(...)
 * per table, so memory is bounded by the largest run and the per-row cost is that of the
 * executor, not of SPI. Runs go in run_id order and each run's rows in key order, so the
 * primary-key B-trees grow at their right edge instead of descending for every row. A run's old derived rows are deleted first, so rebuilding a run
 * replaces only that run's rows. A lineage error aborts the statement (nothing is written),
 * or with on_error => 'skip' the run is recorded in rejects and its derived rows removed.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "collcog/cascade.h"
#include "cc_pg.h"

PG_FUNCTION_INFO_V1(build_cascades);

/* The prepared statements, planned once per call. */
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

static SPIPlanPtr
PreparePlan(const char *sql, int nargs, Oid *argtypes)
{
	SPIPlanPtr	plan = SPI_prepare(sql, nargs, argtypes);

	if (plan == NULL)
		elog(ERROR, "collcog: SPI_prepare failed (%s) for: %s",
			 SPI_result_code_string(SPI_result), sql);
	return plan;
}

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

	plans->events = PreparePlan(psprintf(
		"SELECT step_id, agent_id::text, event_type::text, claim_id::text, "
		"parent_claim_ids::text[], target_claim_id::text, subtask_id::text, "
		"parent_subtask_id::text, ts, message_length "
		"FROM %s.events WHERE run_id = $1 ORDER BY step_id", schema), 1, text_arg);
	plans->delete_derived = PreparePlan(psprintf(
		"WITH c AS (DELETE FROM %1$s.claims WHERE run_id = $1), "
		"s AS (DELETE FROM %1$s.subtasks WHERE run_id = $1), "
		"e AS (DELETE FROM %1$s.event_sizes WHERE run_id = $1) "
		"DELETE FROM %1$s.cascades WHERE run_id = $1", schema), 1, text_arg);
	plans->insert_claims = PreparePlan(psprintf(
		"INSERT INTO %1$s.claims (run_id, claim_id, step_id, root_claim_id, claim_depth, "
		"claim_status, revision_chain_id, contradiction_group_id, merge_id) "
		"SELECT $1, u.claim, u.step, u.root, u.depth, u.status::%1$s.claim_status, "
		"u.chain, u.grp, u.merge "
		"FROM unnest($2, $3, $4, $5, $6, $7, $8, $9) "
		"AS u(claim, step, root, depth, status, chain, grp, merge) ORDER BY u.claim COLLATE \"C\"", schema),
								  9, claims_args);
	plans->insert_subtasks = PreparePlan(psprintf(
		"INSERT INTO %1$s.subtasks (run_id, subtask_id, parent_subtask_id, subtask_depth, "
		"assigned_agent, subtree_subtasks, subtree_events) "
		"SELECT $1, u.* FROM unnest($2, $3, $4, $5, $6, $7) AS u(id) ORDER BY u.id COLLATE \"C\"", schema),
									7, subtasks_args);
	plans->insert_cascades = PreparePlan(psprintf(
		"INSERT INTO %1$s.cascades (run_id, root_claim_id, size, tce, n_propose, n_revise, "
		"n_contradict, n_merge, n_delegate, n_endorse, n_agents_active, depth, "
		"merge_conversion, topology, task_family, n_agents, model) "
		"SELECT $1, u.*, r.topology, r.task_family, r.n_agents, r.model "
		"FROM unnest($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) AS u(root), "
		"%1$s.runs r WHERE r.run_id = $1 ORDER BY u.root COLLATE \"C\"", schema), 13, cascades_args);
	plans->insert_sizes = PreparePlan(psprintf(
		"INSERT INTO %1$s.event_sizes (run_id, observable, anchor_id, size, n_events) "
		"SELECT $1, u.* FROM unnest($2, $3, $4, $5) AS u(observable, anchor) "
		"ORDER BY u.observable, u.anchor COLLATE \"C\"", schema), 5, sizes_args);
	plans->reject = PreparePlan(psprintf(
		"INSERT INTO %s.rejects (run_id, source, reason) VALUES ($1, 'build_cascades', $2)",
		schema), 2, reject_args);
}

static void
ExecutePlan(SPIPlanPtr plan, Datum *values, const char *nulls, int expected)
{
	int			rc = SPI_execute_plan(plan, values, nulls, false, 0);

	if (rc != expected)
		elog(ERROR, "collcog: SPI_execute_plan returned %s", SPI_result_code_string(rc));
}

/* A cc_str over a text datum (detoasted into the current context when needed). */
static cc_str
TextToStr(Datum d, bool isnull)
{
	cc_str		s = {NULL, 0};

	if (!isnull)
	{
		text	   *t = DatumGetTextPP(d);

		s.ptr = VARDATA_ANY(t);
		s.len = VARSIZE_ANY_EXHDR(t);
	}
	return s;
}

static Datum
StrToText(cc_str s)
{
	return PointerGetDatum(cstring_to_text_with_len(s.ptr, (int) s.len));
}

static cc_event_type
ParseEventType(Datum d, const char *run_id)
{
	char	   *name = TextDatumGetCString(d);
	cc_event_type type;

	if (cc_event_type_parse(name, strlen(name), &type) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("run \"%s\": unknown event type \"%s\"", run_id, name)));
	return type;
}

/*
 * Read one run's events into the core's input array. The strings point into the returned
 * tuple table, which the caller frees when done with the events.
 */
static cc_event *
ReadRunEvents(BuildPlans *plans, Datum run_id, const char *run_name, size_t *n_events,
			  SPITupleTable **rows)
{
	SPITupleTable *tuptable;
	TupleDesc	desc;
	cc_event   *events;
	uint64		i;

	ExecutePlan(plans->events, &run_id, NULL, SPI_OK_SELECT);
	tuptable = *rows = SPI_tuptable;
	desc = tuptable->tupdesc;
	*n_events = (size_t) SPI_processed;
	events = palloc0_array(cc_event, Max(SPI_processed, 1));

	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = tuptable->vals[i];
		cc_event   *ev = &events[i];
		bool		isnull;
		Datum		d;

		ev->step_id = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
		d = SPI_getbinval(tup, desc, 2, &isnull);
		ev->agent_id = TextToStr(d, isnull);
		ev->type = ParseEventType(SPI_getbinval(tup, desc, 3, &isnull), run_name);
		d = SPI_getbinval(tup, desc, 4, &isnull);
		ev->claim_id = TextToStr(d, isnull);

		d = SPI_getbinval(tup, desc, 5, &isnull);
		if (!isnull)
		{
			Datum	   *elems;
			bool	   *elem_nulls;
			int			n,
						k;
			cc_str	   *parents;

			deconstruct_array(DatumGetArrayTypeP(d), TEXTOID, -1, false, TYPALIGN_INT,
							  &elems, &elem_nulls, &n);
			parents = palloc_array(cc_str, Max(n, 1));
			for (k = 0; k < n; k++)
				parents[k] = TextToStr(elems[k], elem_nulls[k]);
			ev->parents = parents;
			ev->n_parents = n;
		}
		d = SPI_getbinval(tup, desc, 6, &isnull);
		ev->target_claim_id = TextToStr(d, isnull);
		d = SPI_getbinval(tup, desc, 7, &isnull);
		ev->subtask_id = TextToStr(d, isnull);
		d = SPI_getbinval(tup, desc, 8, &isnull);
		ev->parent_subtask_id = TextToStr(d, isnull);
		d = SPI_getbinval(tup, desc, 9, &isnull);
		ev->has_ts = !isnull;
		ev->ts = isnull ? 0 : DatumGetTimestampTz(d);
		d = SPI_getbinval(tup, desc, 10, &isnull);
		ev->message_length = isnull ? 0 : DatumGetInt32(d);
	}
	return events;
}

/* Array builders: one per output column. */
static ArrayBuildState *
NewColumn(Oid elemtype)
{
	return initArrayResult(elemtype, CurrentMemoryContext, false);
}

static void
Push(ArrayBuildState *col, Datum value, bool isnull)
{
	accumArrayResult(col, value, isnull, col->element_type, CurrentMemoryContext);
}

static void
PushStr(ArrayBuildState *col, cc_str s)
{
	Push(col, s.ptr ? StrToText(s) : (Datum) 0, s.ptr == NULL);
}

/* The claim id of claim index i, or NULL for -1. */
static cc_str
ClaimId(const cc_cascade_result *res, int32 i)
{
	cc_str		none = {NULL, 0};

	return i < 0 ? none : res->claims[i].claim_id;
}

/* Run an INSERT ... FROM unnest($2, ...) plan with the run id and the finished columns. */
static void
InsertColumns(SPIPlanPtr plan, Datum run_id, ArrayBuildState **cols, int ncols)
{
	Datum		values[16];
	int			i;

	Assert(ncols < lengthof(values));
	values[0] = run_id;
	for (i = 0; i < ncols; i++)
		values[i + 1] = makeArrayResult(cols[i], CurrentMemoryContext);
	ExecutePlan(plan, values, NULL, SPI_OK_INSERT);
}

static void
WriteClaims(BuildPlans *plans, Datum run_id, const cc_cascade_result *res)
{
	ArrayBuildState *cols[8];
	int			i;

	cols[0] = NewColumn(TEXTOID);
	cols[1] = NewColumn(INT8OID);
	cols[2] = NewColumn(TEXTOID);
	cols[3] = NewColumn(INT4OID);
	for (i = 4; i < 8; i++)
		cols[i] = NewColumn(TEXTOID);
	for (i = 0; i < res->n_claims; i++)
	{
		const cc_claim_row *c = &res->claims[i];

		PushStr(cols[0], c->claim_id);
		Push(cols[1], Int64GetDatum(c->step_id), false);
		PushStr(cols[2], ClaimId(res, c->root));
		Push(cols[3], Int32GetDatum(c->depth), false);
		Push(cols[4], CStringGetTextDatum(cc_claim_status_name(c->status)), false);
		PushStr(cols[5], ClaimId(res, c->revision_chain));
		PushStr(cols[6], ClaimId(res, c->contradiction_group));
		PushStr(cols[7], ClaimId(res, c->merge));
	}
	InsertColumns(plans->insert_claims, run_id, cols, 8);
}

static void
WriteSubtasks(BuildPlans *plans, Datum run_id, const cc_cascade_result *res)
{
	ArrayBuildState *cols[6];
	cc_str		none = {NULL, 0};
	int			i;

	cols[0] = NewColumn(TEXTOID);
	cols[1] = NewColumn(TEXTOID);
	cols[2] = NewColumn(INT4OID);
	cols[3] = NewColumn(TEXTOID);
	cols[4] = NewColumn(INT8OID);
	cols[5] = NewColumn(INT8OID);
	for (i = 0; i < res->n_subtasks; i++)
	{
		const cc_subtask_row *s = &res->subtasks[i];

		PushStr(cols[0], s->subtask_id);
		PushStr(cols[1], s->parent < 0 ? none : res->subtasks[s->parent].subtask_id);
		Push(cols[2], Int32GetDatum(s->depth), false);
		PushStr(cols[3], s->assigned_agent < 0 ? none : res->agents[s->assigned_agent]);
		Push(cols[4], Int64GetDatum(s->n_subtasks_in_subtree), false);
		Push(cols[5], Int64GetDatum(s->n_events_in_subtree), false);
	}
	InsertColumns(plans->insert_subtasks, run_id, cols, 6);
}

static void
WriteCascades(BuildPlans *plans, Datum run_id, const cc_cascade_result *res)
{
	ArrayBuildState *cols[12];
	int			i,
				t;

	cols[0] = NewColumn(TEXTOID);
	for (i = 1; i <= 9; i++)
		cols[i] = NewColumn(INT8OID);
	cols[10] = NewColumn(INT4OID);
	cols[11] = NewColumn(FLOAT8OID);
	for (i = 0; i < res->n_cascades; i++)
	{
		const cc_cascade_row *c = &res->cascades[i];

		PushStr(cols[0], ClaimId(res, c->root));
		Push(cols[1], Int64GetDatum(c->size), false);
		Push(cols[2], Int64GetDatum(c->tce), false);
		for (t = 0; t < CC_EV_NTYPES; t++)
			Push(cols[3 + t], Int64GetDatum(c->n_by_type[t]), false);
		Push(cols[9], Int64GetDatum(c->n_agents_active), false);
		Push(cols[10], Int32GetDatum(c->depth), false);
		Push(cols[11], Float8GetDatum(c->merge_conversion), !c->has_merge_conversion);
	}
	InsertColumns(plans->insert_cascades, run_id, cols, 12);
}

static void
WriteEventSizes(BuildPlans *plans, Datum run_id, const cc_cascade_result *res)
{
	ArrayBuildState *cols[4];
	int			i;

	cols[0] = NewColumn(TEXTOID);
	cols[1] = NewColumn(TEXTOID);
	cols[2] = NewColumn(INT8OID);
	cols[3] = NewColumn(INT8OID);
	for (i = 0; i < res->n_event_sizes; i++)
	{
		const cc_event_size *e = &res->event_sizes[i];
		bool		delegation = e->observable == CC_OBS_DELEGATION;

		Push(cols[0], CStringGetTextDatum(cc_observable_name(e->observable)), false);
		PushStr(cols[1], delegation ? res->subtasks[e->anchor].subtask_id
				: res->claims[e->anchor].claim_id);
		Push(cols[2], Int64GetDatum(e->size), false);
		Push(cols[3], delegation ? Int64GetDatum(res->subtasks[e->anchor].n_events_in_subtree)
			 : (Datum) 0, !delegation);
	}
	InsertColumns(plans->insert_sizes, run_id, cols, 4);
}

/* Parse the window arguments into core options. */
static cc_cascade_options
WindowOptions(FunctionCallInfo fcinfo)
{
	cc_cascade_options opt = {CC_WINDOW_RUN, 0};
	bool		by_steps = !PG_ARGISNULL(1);
	bool		by_time = !PG_ARGISNULL(2);

	if (by_steps && by_time)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("burst_steps and burst_interval cannot both be given")));
	if (by_steps)
	{
		int64		w = PG_GETARG_INT64(1);

		if (w <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("burst_steps must be positive, not " INT64_FORMAT, w)));
		opt.burst_window = CC_WINDOW_STEPS;
		opt.burst_width = w;
	}
	else if (by_time)
	{
		Interval   *iv = PG_GETARG_INTERVAL_P(2);
		int64		us;

		if (iv->month != 0 || iv->day != 0 || iv->time <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("burst_interval must be a positive interval of hours, minutes or seconds, not \"%s\"",
							DatumGetCString(DirectFunctionCall1(interval_out,
																IntervalPGetDatum(iv))))));
		us = iv->time;
		opt.burst_window = CC_WINDOW_TIME;
		opt.burst_width = us;
	}
	return opt;
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
		nulls[0] = 'n';
	else
	{
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
		{
			char	   *missing = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("run \"%s\" does not exist", missing)));
		}
	}
	rc = SPI_execute_with_args(psprintf(
		"SELECT r.run_id::text FROM %s.runs r WHERE $1 IS NULL OR r.run_id = ANY ($1) ORDER BY r.run_id",
		schema), 1, argtypes, values, nulls, true, 0);
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
	cc_status	status;
	SPITupleTable *event_rows;

	memset(&in, 0, sizeof(in));
	in.run_id.ptr = run_name;
	in.run_id.len = strlen(run_name);
	in.options = opt;
	in.events = ReadRunEvents(plans, run_id, run_name, &in.n_events, &event_rows);

	status = cc_cascade_reconstruct(&in, &res, &err);
	ExecutePlan(plans->delete_derived, &run_id, NULL, SPI_OK_DELETE);
	if (status != CC_OK)
	{
		Datum		reason[2];

		if (!skip_bad || (status != CC_ELINEAGE && status != CC_EINVAL))
			cc_report(&err);
		reason[0] = run_id;
		reason[1] = CStringGetTextDatum(err.message);
		ExecutePlan(plans->reject, reason, NULL, SPI_OK_INSERT);
		SPI_freetuptable(event_rows);
		totals->runs_skipped++;
		return false;
	}
	WriteClaims(plans, run_id, &res);
	WriteSubtasks(plans, run_id, &res);
	WriteCascades(plans, run_id, &res);
	WriteEventSizes(plans, run_id, &res);
	SPI_freetuptable(event_rows);
	totals->runs_built++;
	totals->claims += res.n_claims;
	totals->cascades += res.n_cascades;
	return true;
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
	cc_cascade_options opt = WindowOptions(fcinfo);
	bool		skip_bad = SkipBadRuns(fcinfo);
	BuildTotals totals = {0, 0, 0, 0};
	BuildPlans	plans;
	SPITupleTable *runs;
	uint64		n_runs,
				i;
	MemoryContext run_cxt,
				old;
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
		bool		isnull;
		Datum		run_id;
		char	   *run_name;

		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(run_cxt);
		run_id = SPI_getbinval(runs->vals[i], runs->tupdesc, 1, &isnull);
		run_id = PointerGetDatum(DatumGetTextPCopy(run_id));
		run_name = TextDatumGetCString(run_id);
		BuildRun(&plans, run_id, run_name, opt, skip_bad, &totals);
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
