/*
 * dti_replay() and dti_series(): the runs' events replayed through the DTI state machine
 * (src/core/dti/replay.c), with the parameters given as three numbers or read per condition
 * class (topology, task_family) from a table shaped like dti_estimate()'s result.
 *
 * Each run is read with the events reader and reconstructed in memory that is reset after
 * the run (as build_cascades does, without writing anything), so memory is bounded by the
 * largest run; the rows go to a tuplestore.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "collcog/dti.h"
#include "dti_pg.h"
#include "pg/common/args.h"
#include "pg/common/core_error.h"
#include "pg/common/events_reader.h"
#include "pg/common/result_row.h"
#include "pg/common/run_ids.h"
#include "pg/common/spi_exec.h"

PG_FUNCTION_INFO_V1(dti_replay);
PG_FUNCTION_INFO_V1(dti_series);

/* The result columns of both functions. */
enum
{
	COL_RUN, COL_ROOT, COL_STEP, COL_N, COL_M, COL_PRESSURE, COL_DEFICIT, COL_THRESHOLD,
	COL_INTEGRATED, COL_N_HEADS, COL_HEADS, COL_TRIGGERED, NCOLS
};
static const ResultColumn columns[NCOLS] = {
	{"run_id", TEXTOID}, {"root_claim_id", TEXTOID}, {"step_id", INT8OID}, {"n", INT8OID},
	{"m", INT8OID}, {"pressure", FLOAT8OID}, {"deficit", FLOAT8OID},
	{"threshold", FLOAT8OID}, {"integrated", BOOLOID}, {"n_heads", INT4OID},
	{"heads", TEXTARRAYOID}, {"triggered", BOOLOID}
};

/* One run to replay, with its parameters. */
typedef struct ReplayRun
{
	Datum		id;
	cc_dti_params params;
} ReplayRun;

static text *
IdText(cc_str s)
{
	return cstring_to_text_with_len(s.ptr, (int) s.len);
}

/*
 * The runs (all, or those named), in run_id order, with the parameters given (numbers) or
 * those of each run's class in params: a class needs exactly one row, with values
 * dti_replay can use.
 */
static ReplayRun *
SelectRuns(FunctionCallInfo fcinfo, bool from_table, const char *schema, uint64 *n_runs)
{
	int			ids_arg = from_table ? 1 : 3;
	const char *runs_table = psprintf("%s.runs", schema);
	Oid			argtypes[] = {TEXTARRAYOID};
	Datum		values[1] = {ArgGiven(fcinfo, ids_arg) ? PG_GETARG_DATUM(ids_arg) : (Datum) 0};
	char		nulls[1] = {ArgGiven(fcinfo, ids_arg) ? ' ' : 'n'};
	cc_dti_params given = {0, 0, 0};
	const char *params_join = "";
	const char *params_cols = ", NULL::float8, NULL::float8, NULL::float8";
	ReplayRun  *runs;
	uint64		r,
				n = 0;
	int			rc;

	if (ArgGiven(fcinfo, ids_arg))
		CheckRunIds(PG_GETARG_ARRAYTYPE_P(ids_arg), runs_table);
	if (from_table)
	{
		params_join = DtiParamsJoin(PG_GETARG_OID(0));
		params_cols = DTI_PARAMS_COLUMNS;
	}
	else
	{
		cc_error	err;

		given.beta = ArgFloat8(fcinfo, 0, "beta_c");
		given.c = ArgFloat8(fcinfo, 1, "c");
		given.tau = ArgFloat8(fcinfo, 2, "tau");
		if (cc_dti_check(&given, dti_param_names, &err) != CC_OK)
			cc_report(&err);
	}
	rc = SPI_execute_with_args(psprintf(
		"SELECT r.run_id::text COLLATE \"C\", r.topology, r.task_family%s FROM %s r%s "
		"WHERE $1 IS NULL OR r.run_id = ANY ($1) ORDER BY 1", params_cols, runs_table,
		params_join), 1, argtypes, values, nulls, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute_with_args returned %s", SPI_result_code_string(rc));

	runs = palloc_array(ReplayRun, Max(SPI_processed, 1));
	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];

		runs[n].params = from_table ?
			DtiClassParams(tup, SPI_tuptable->tupdesc, PG_GETARG_OID(0),
						   n > 0 ? TextDatumGetCString(runs[n - 1].id) : NULL) : given;
		runs[n].id = CStringGetTextDatum(SPI_getvalue(tup, SPI_tuptable->tupdesc, 1));
		n++;
	}
	*n_runs = n;
	return runs;
}

/* dti_merge[i]: event i is a merge the trace marks as DTI's own ("dti": true). */
static bool *
DtiMerges(SPIPlanPtr marked, Datum run_id, const cc_event *events, size_t n_events)
{
	bool	   *flags = palloc0_array(bool, Max(n_events, 1));

	SpiExecute(marked, &run_id, NULL, SPI_OK_SELECT);
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		bool		isnull;
		int64		step = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[r],
													   SPI_tuptable->tupdesc, 1, &isnull));
		size_t		lo = 0,
					hi = n_events;

		/* the reader returns events in step order */
		while (lo < hi)
		{
			size_t		mid = lo + (hi - lo) / 2;

			if (events[mid].step_id < step)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < n_events && events[lo].step_id == step)
			flags[lo] = true;
	}
	return flags;
}

/* The triggers of one replay as rows. */
static void
PutTriggers(ResultRow *row, Tuplestorestate *store, Datum run_id, const cc_cascade_input *in,
			const cc_cascade_result *res, const cc_dti_params *p, const cc_dti_replay *rep)
{
	for (int32 t = 0; t < rep->n_triggers; t++)
	{
		const cc_dti_trigger *tr = &rep->triggers[t];
		Datum	   *heads = palloc_array(Datum, Max(tr->n_listed, 1));

		for (int32 h = 0; h < tr->n_listed; h++)
			heads[h] = PointerGetDatum(IdText(res->claims[rep->heads[tr->heads_off + h]].claim_id));
		ResultRowClear(row);
		ResultRowSet(row, COL_RUN, run_id);
		ResultRowSet(row, COL_ROOT, PointerGetDatum(IdText(res->claims[res->cascades[tr->cascade].root].claim_id)));
		ResultRowSet(row, COL_STEP, Int64GetDatum(in->events[tr->event].step_id));
		ResultRowSet(row, COL_N, Int64GetDatum((int64) tr->n));
		ResultRowSet(row, COL_M, Int64GetDatum((int64) tr->m));
		ResultRowSet(row, COL_PRESSURE, Float8GetDatum(tr->pressure));
		ResultRowSet(row, COL_DEFICIT, Float8GetDatum(tr->deficit));
		ResultRowSet(row, COL_THRESHOLD, Float8GetDatum(p->tau));
		ResultRowSet(row, COL_INTEGRATED, BoolGetDatum(tr->integrated));
		ResultRowSet(row, COL_N_HEADS, Int32GetDatum(tr->n_heads));
		ResultRowSet(row, COL_HEADS, PointerGetDatum(construct_array(heads, tr->n_listed, TEXTOID,
																	 -1, false, TYPALIGN_INT)));
		ResultRowPut(row, store);
	}
}

/* Every attached event of one replay as rows. */
static void
PutPoints(ResultRow *row, Tuplestorestate *store, Datum run_id, const cc_cascade_input *in,
		  const cc_cascade_result *res, const cc_dti_params *p, const cc_dti_replay *rep)
{
	Datum	   *roots = palloc0_array(Datum, Max(res->n_cascades, 1));

	for (int32 i = 0; i < rep->n_points; i++)
	{
		const cc_dti_point *pt = &rep->points[i];

		if (roots[pt->cascade] == (Datum) 0)
			roots[pt->cascade] = PointerGetDatum(IdText(res->claims[res->cascades[pt->cascade].root].claim_id));
		ResultRowClear(row);
		ResultRowSet(row, COL_RUN, run_id);
		ResultRowSet(row, COL_ROOT, roots[pt->cascade]);
		ResultRowSet(row, COL_STEP, Int64GetDatum(in->events[pt->event].step_id));
		ResultRowSet(row, COL_N, Int64GetDatum((int64) pt->n));
		ResultRowSet(row, COL_M, Int64GetDatum((int64) pt->m));
		ResultRowSet(row, COL_DEFICIT, Float8GetDatum(pt->deficit));
		ResultRowSet(row, COL_THRESHOLD, Float8GetDatum(p->tau));
		ResultRowSet(row, COL_TRIGGERED, BoolGetDatum(pt->triggered));
		ResultRowPut(row, store);
	}
}

/*
 * Replay every selected run. Forms: (beta_c, c, tau, run_ids[, max_heads]) or (params
 * regclass, run_ids[, max_heads]); series: one row per attached event instead of one per
 * trigger.
 */
static Datum
Replay(FunctionCallInfo fcinfo, bool series)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bool		from_table = get_fn_expr_argtype(fcinfo->flinfo, 0) == REGCLASSOID;
	int32		max_heads = series ? 0 :
		ArgInt32AtLeast(fcinfo, from_table ? 2 : 4, "max_heads", 0, -1,
						"Pass NULL to list every head.");
	Oid			schema_oid = get_func_namespace(fcinfo->flinfo->fn_oid);
	const char *schema = quote_identifier(get_namespace_name(schema_oid));
	Oid			text_arg[] = {TEXTOID};
	ResultRow	row;
	ReplayRun  *runs;
	uint64		n_runs;
	EventsReader *reader;
	SPIPlanPtr	marked;
	MemoryContext run_cxt;
	RunArena   *arena;

	InitMaterializedSRF(fcinfo, 0);
	if (from_table)
		ArgRequire(fcinfo, 0, "params");
	ResultRowInit(&row, rsinfo->setDesc, NCOLS, columns);
	SPI_connect();
	runs = SelectRuns(fcinfo, from_table, schema, &n_runs);
	marked = SpiPrepare(psprintf(
		"SELECT step_id FROM %s.events WHERE run_id = $1 AND event_type = 'merge' "
		"AND payload @> '{\"dti\": true}' ORDER BY step_id", schema), 1, text_arg);
	reader = EventsReaderBegin(get_relname_relid("events", schema_oid), false);
	run_cxt = AllocSetContextCreate(CurrentMemoryContext, "collcog dti replay run",
									ALLOCSET_DEFAULT_SIZES);
	arena = RunArenaCreate();
	RunArenaServeCore(arena);
	for (uint64 r = 0; r < n_runs; r++)
	{
		MemoryContext old = MemoryContextSwitchTo(run_cxt);
		char	   *run_name = TextDatumGetCString(runs[r].id);
		cc_cascade_input in;
		cc_cascade_result res;
		cc_dti_replay rep;
		cc_error	err;
		bool	   *dti_merge;

		CHECK_FOR_INTERRUPTS();
		memset(&in, 0, sizeof(in));
		in.run_id.ptr = run_name;
		in.run_id.len = strlen(run_name);
		in.events = EventsReaderRun(reader, arena, runs[r].id, run_name, &in.n_events);
		dti_merge = DtiMerges(marked, runs[r].id, in.events, in.n_events);
		if (cc_cascade_reconstruct(&in, &res, &err) != CC_OK ||
			cc_dti_replay_run(&runs[r].params, &in, &res, dti_merge, max_heads, series, &rep, &err) != CC_OK)
			cc_report(&err);
		if (series)
			PutPoints(&row, rsinfo->setResult, runs[r].id, &in, &res, &runs[r].params, &rep);
		else
			PutTriggers(&row, rsinfo->setResult, runs[r].id, &in, &res, &runs[r].params, &rep);
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
dti_replay(PG_FUNCTION_ARGS)
{
	return Replay(fcinfo, false);
}

Datum
dti_series(PG_FUNCTION_ARGS)
{
	return Replay(fcinfo, true);
}
