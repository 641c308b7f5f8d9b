/*
 * build_cascades(): rebuild the derived tables (claims, subtasks, cascades, event_sizes,
 * cascade_agents) from events, one run at a time, with the core's reconstruction
 * (src/core/cascade/).
 *
 * Each run's events are read through the events primary key (events_scan.c) and
 * reconstructed in memory that is reset after the run (a memory context, and the run arena
 * of run_arena.c, which keeps its blocks), so memory is bounded by the largest run; the rows
 * go to the tables through the bulk writer (derived_writer.c). Two ways to write:
 *   - all runs (no run_ids): the tables are truncated, filled without index maintenance and
 *     their indexes rebuilt at the end, as a bulk load does (an ACCESS EXCLUSIVE lock on the
 *     derived tables until commit, like REFRESH MATERIALIZED VIEW);
 *   - the runs named: each run's old rows are deleted and the new ones inserted with their
 *     index entries, so readers of other runs are not blocked.
 * A lineage error aborts the statement (nothing is written), or with on_error => 'skip' the
 * run is recorded in rejects and has no derived rows.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "cascade_pg.h"

#include "derived_writer.h"
#include "pg/common/args.h"
#include "pg/common/enum_labels.h"
#include "pg/common/events_reader.h"
#include "pg/common/result_row.h"
#include "pg/common/run_ids.h"
#include "pg/common/spi_exec.h"

PG_FUNCTION_INFO_V1(build_cascades);

/* The run attributes copied into cascades, after the derived columns. */
#define RUN_ATTRS 4
static const char *const run_attr_columns[RUN_ATTRS] = {"topology", "task_family", "n_agents", "model"};
static const Oid run_attr_types[RUN_ATTRS] = {TEXTOID, TEXTOID, INT4OID, TEXTOID};

/* One call's state: the statements it runs per run and the tables it writes. */
typedef struct Build
{
	EventsReader *events;
	RunArena   *arena;			/* a run's events and the core's working memory */
	SPIPlanPtr	delete_derived;	/* NULL when the tables were truncated */
	SPIPlanPtr	reject;
	int			n_read;			/* runs read so far, and per run: */
	Datum	   *read_ids;		/* its id (text) */
	Datum	   *read_skipped;	/* whether it was skipped (bool) */
	Datum	   *read_events;	/* the number of its events (int8) */
	EState	   *estate;
	Oid			relids[DERIVED_NTABLES];	/* InvalidOid: a table 0.1.0's SQL lacks */
	DerivedWriter *writers[DERIVED_NTABLES];
	Datum		status[CC_CLAIM_NSTATUS];
	bool		skip_bad;
	cc_cascade_options options;
} Build;

/* Totals returned to the caller. */
typedef struct BuildTotals
{
	int64		runs_built;
	int64		runs_skipped;
	int64		claims;
	int64		cascades;
} BuildTotals;

/* A run to rebuild: its id and the attributes cascades carry. */
typedef struct RunRow
{
	Datum		id;
	Datum		attrs[RUN_ATTRS];
	bool		attr_nulls[RUN_ATTRS];
} RunRow;

static Oid
TableOid(const char *table, Oid schema)
{
	Oid			relid = get_relname_relid(table, schema);

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"%s.%s\" does not exist", get_namespace_name(schema), table)));
	return relid;
}

/* Open a writer per derived table: run_id, the derived columns, and for cascades the run's
 * attributes. */
static void
OpenWriters(Build *b, Oid schema, bool maintain_indexes)
{
	Oid			status_type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
											  CStringGetDatum("claim_status"),
											  ObjectIdGetDatum(schema));
	int			t,
				k;

	EnumLabelValues(status_type, cc_claim_status_names, CC_CLAIM_NSTATUS, b->status);
	for (t = 0; t < DERIVED_NTABLES; t++)
	{
		const DerivedRows *rows = &derived_rows[t];
		const char *columns[1 + DERIVED_MAX_COLS + RUN_ATTRS] = {"run_id"};
		Oid			types[1 + DERIVED_MAX_COLS + RUN_ATTRS] = {TEXTOID};
		int			n = 1;

		if (!OidIsValid(b->relids[t]))
			continue;
		for (k = 0; k < rows->ncols; k++, n++)
		{
			columns[n] = rows->columns[k];
			types[n] = OidIsValid(rows->types[k]) ? rows->types[k] : status_type;
		}
		if (t == DERIVED_CASCADES)
			for (k = 0; k < RUN_ATTRS; k++, n++)
			{
				columns[n] = run_attr_columns[k];
				types[n] = run_attr_types[k];
			}
		b->writers[t] = DerivedWriterOpen(b->estate, b->relids[t], n, columns, types,
										  maintain_indexes);
	}
}

/*
 * Write every derived row of one run in key order. Runs come in run_id order too, so each
 * table's heap is in primary-key order: the B-tree build after a full rebuild then finds
 * its input sorted, and an incremental one inserts at the right edge.
 */
static void
WriteRun(Build *b, const RunRow *run, const cc_cascade_result *res)
{
	Datum		values[1 + DERIVED_MAX_COLS + RUN_ATTRS];
	bool		nulls[1 + DERIVED_MAX_COLS + RUN_ATTRS];
	DerivedRun	rows_of_run;
	int			t,
				i;

	DerivedRunInit(&rows_of_run, res, b->status);
	values[0] = run->id;
	nulls[0] = false;
	for (t = 0; t < DERIVED_NTABLES; t++)
	{
		const DerivedRows *rows = &derived_rows[t];
		const int32 *order = rows_of_run.order.rows[t];
		int			n = rows->count(res);

		if (b->writers[t] == NULL)
			continue;
		if (t == DERIVED_CASCADES)
		{
			memcpy(values + 1 + rows->ncols, run->attrs, sizeof(run->attrs));
			memcpy(nulls + 1 + rows->ncols, run->attr_nulls, sizeof(run->attr_nulls));
		}
		for (i = 0; i < n; i++)
		{
			rows->values(&rows_of_run, order[i], values + 1, nulls + 1);
			DerivedWriterPut(b->writers[t], values, nulls);
		}
		/* The values live in the run's memory, which is reset next. */
		DerivedWriterFlush(b->writers[t]);
	}
}

/* on_error: 'error' (default) or 'skip'. */
static bool
SkipBadRuns(FunctionCallInfo fcinfo)
{
	static const char *const modes[] = {"error", "skip"};

	return ArgChoice(fcinfo, 3, "on_error", modes, lengthof(modes)) == 1;
}

/* Bytewise order of two text Datums (COLLATE "C"). */
static int
CompareIds(const void *a, const void *b)
{
	text	   *x = DatumGetTextPP(*(const Datum *) a);
	text	   *y = DatumGetTextPP(*(const Datum *) b);
	cc_str		sx = {VARDATA_ANY(x), VARSIZE_ANY_EXHDR(x)};
	cc_str		sy = {VARDATA_ANY(y), VARSIZE_ANY_EXHDR(y)};

	return cc_str_cmp(sx, sy);
}

/* Lock each run named in ids once, in run_id order (so that writers never deadlock). */
static void
LockNamedRuns(Oid runs_table, ArrayType *ids)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				named = 0;

	deconstruct_array(ids, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (int k = 0; k < n; k++)
		if (!nulls[k])			/* NULLs are refused after the locks */
			elems[named++] = elems[k];
	qsort(elems, named, sizeof(Datum), CompareIds);
	for (int k = 0; k < named; k++)
		if (k == 0 || CompareIds(&elems[k - 1], &elems[k]) != 0)
			LockRun(runs_table, elems[k]);
}

/*
 * Lock, then read the runs to rebuild, in run_id order, with their attributes: all (the
 * warehouse locked exclusively), or those named (each locked, and each must exist). The
 * statements run after the locks, so under READ COMMITTED they see what a writer that held
 * them committed (a run deleted meanwhile no longer exists).
 */
static RunRow *
SelectRuns(FunctionCallInfo fcinfo, const char *schema, Oid runs_table, uint64 *n_runs)
{
	const char *select = psprintf("SELECT run_id::text COLLATE \"C\", topology, task_family, "
								  "n_agents, model FROM %s.runs", schema);
	Oid			argtypes[] = {TEXTARRAYOID};
	Datum		values[1];
	char		nulls[1] = {' '};
	RunRow	   *runs;
	uint64		r;
	int			rc,
				k;

	if (!ArgGiven(fcinfo, 0))
	{
		LockWarehouse(runs_table, true);
		rc = SPI_execute(psprintf("%s ORDER BY 1", select), false, 0);
	}
	else
	{
		LockWarehouse(runs_table, false);
		LockNamedRuns(runs_table, PG_GETARG_ARRAYTYPE_P(0));
		CheckRunIds(PG_GETARG_ARRAYTYPE_P(0), psprintf("%s.runs", schema));
		values[0] = PG_GETARG_DATUM(0);
		rc = SPI_execute_with_args(psprintf("%s WHERE run_id = ANY ($1) ORDER BY 1", select),
								   1, argtypes, values, nulls, false, 0);
	}
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute returned %s", SPI_result_code_string(rc));

	*n_runs = SPI_processed;
	runs = palloc_array(RunRow, Max(SPI_processed, 1));
	for (r = 0; r < SPI_processed; r++)
	{
		bool		isnull;

		runs[r].id = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull);
		for (k = 0; k < RUN_ATTRS; k++)
			runs[r].attrs[k] = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc,
											 k + 2, &runs[r].attr_nulls[k]);
	}
	return runs;
}

/* Rebuild one run; returns false if it was skipped for bad lineage. */
static bool
BuildRun(Build *b, const RunRow *run, BuildTotals *totals)
{
	char	   *run_name = TextDatumGetCString(run->id);
	cc_cascade_input in;
	cc_cascade_result res;
	cc_error	err;
	bool		built;

	memset(&in, 0, sizeof(in));
	in.run_id.ptr = run_name;
	in.run_id.len = strlen(run_name);
	in.options = b->options;
	in.events = EventsReaderRun(b->events, b->arena, run->id, run_name, &in.n_events);
	built = CascadeReconstruct(&in, &res, &err, b->skip_bad) == CC_OK;
	b->read_ids[b->n_read] = run->id;
	b->read_skipped[b->n_read] = BoolGetDatum(!built);
	b->read_events[b->n_read++] = Int64GetDatum((int64) in.n_events);
	if (b->delete_derived != NULL)
		SpiExecute(b->delete_derived, (Datum *) &run->id, NULL, SPI_OK_DELETE);
	if (built)
	{
		WriteRun(b, run, &res);
		totals->runs_built++;
		totals->claims += res.n_claims;
		totals->cascades += res.n_cascades;
	}
	else
	{
		Datum		reason[2] = {run->id, CStringGetTextDatum(err.message)};

		SpiExecute(b->reject, reason, NULL, SPI_OK_INSERT);
		totals->runs_skipped++;
	}
	return built;
}

/* Record in run_builds when each run read was built or skipped, with which options and
 * from how many events (one statement for the whole call). */
static void
RecordBuilds(const Build *b, FunctionCallInfo fcinfo, const char *schema)
{
	Oid			types[] = {TEXTARRAYOID, BOOLARRAYOID, INT8ARRAYOID, INT8OID, INTERVALOID};
	Datum		values[] = {
		PointerGetDatum(construct_array(b->read_ids, b->n_read, TEXTOID, -1, false,
										TYPALIGN_INT)),
		PointerGetDatum(construct_array(b->read_skipped, b->n_read, BOOLOID, 1, true,
										TYPALIGN_CHAR)),
		PointerGetDatum(construct_array(b->read_events, b->n_read, INT8OID, 8,
										FLOAT8PASSBYVAL, TYPALIGN_DOUBLE)),
		PG_GETARG_DATUM(1), PG_GETARG_DATUM(2)
	};
	char		nulls[] = {' ', ' ', ' ', PG_ARGISNULL(1) ? 'n' : ' ', PG_ARGISNULL(2) ? 'n' : ' '};

	SpiExecute(SpiPrepare(psprintf(
		"INSERT INTO %s.run_builds AS b (run_id, built_at, skipped, n_events, burst_steps, "
		"burst_interval, changed_at) "
		"SELECT r, now(), s, e, $4, $5, NULL FROM unnest($1, $2, $3) AS u(r, s, e) "
		"ON CONFLICT (run_id) DO UPDATE SET built_at = excluded.built_at, "
		"skipped = excluded.skipped, n_events = excluded.n_events, "
		"burst_steps = excluded.burst_steps, burst_interval = excluded.burst_interval, "
		"changed_at = NULL", schema), lengthof(types), types), values, nulls, SPI_OK_INSERT);
}

/*
 * build_cascades(run_ids text[], burst_steps bigint, burst_interval interval,
 *                on_error text) -> (runs_built, runs_skipped, claims, cascades)
 */
Datum
build_cascades(PG_FUNCTION_ARGS)
{
	/* The tables live in the extension's schema, which is this function's schema. */
	Oid			schema_oid = get_func_namespace(fcinfo->flinfo->fn_oid);
	const char *schema = quote_identifier(get_namespace_name(schema_oid));
	bool		all_runs = !ArgGiven(fcinfo, 0);
	bool		records,
				agents;
	BuildTotals totals = {0, 0, 0, 0};
	Build		b;
	RunRow	   *runs;
	uint64		n_runs,
				i;
	int			t;
	MemoryContext run_cxt;
	ResultRow	result;
	enum
	{
		RES_RUNS_BUILT, RES_RUNS_SKIPPED, RES_CLAIMS, RES_CASCADES, RES_NCOLS
	};
	static const ResultColumn result_columns[RES_NCOLS] = {
		{"runs_built", INT8OID}, {"runs_skipped", INT8OID}, {"claims", INT8OID},
		{"cascades", INT8OID}
	};
	Oid			text_arg[] = {TEXTOID};
	Oid			reject_args[] = {TEXTOID, TEXTOID};

	ResultRowInit(&result, ResultRowType(fcinfo), RES_NCOLS, result_columns);
	memset(&b, 0, sizeof(b));
	b.options = CascadeWindowOptions(fcinfo, 1, 2);
	b.skip_bad = SkipBadRuns(fcinfo);
	for (t = 0; t < DERIVED_NTABLES; t++)
		b.relids[t] = t == DERIVED_AGENTS ?
			get_relname_relid(derived_rows[t].table, schema_oid) :
			TableOid(derived_rows[t].table, schema_oid);

	SPI_connect();
	runs = SelectRuns(fcinfo, schema, TableOid("runs", schema_oid), &n_runs);
	/* Events are read with a snapshot taken after the locks, as the statements are (under
	 * READ COMMITTED a new one: what a writer we waited for committed is seen). */
	PushActiveSnapshot(GetTransactionSnapshot());
	b.events = EventsReaderBegin(TableOid("events", schema_oid), true);
	b.read_ids = palloc_array(Datum, Max(n_runs, 1));
	b.read_skipped = palloc_array(Datum, Max(n_runs, 1));
	b.read_events = palloc_array(Datum, Max(n_runs, 1));
	b.reject = SpiPrepare(psprintf(
		"INSERT INTO %s.rejects (run_id, source, reason) VALUES ($1, 'build_cascades', $2)",
		schema), 2, reject_args);
	/* run_builds and cascade_agents are absent while the SQL is 0.1.0's (before ALTER
	 * EXTENSION UPDATE). */
	records = OidIsValid(get_relname_relid("run_builds", schema_oid));
	agents = OidIsValid(b.relids[DERIVED_AGENTS]);
	if (all_runs)
		SpiExecute(SpiPrepare(psprintf(
			"TRUNCATE %1$s.claims, %1$s.subtasks, %1$s.cascades, %1$s.event_sizes%2$s%3$s",
			schema, records ? psprintf(", %s.run_builds", schema) : "",
			agents ? psprintf(", %s.cascade_agents", schema) : ""),
							  0, NULL), NULL, NULL, SPI_OK_UTILITY);
	else
		b.delete_derived = SpiPrepare(psprintf(
			"WITH c AS (DELETE FROM %1$s.claims WHERE run_id = $1), "
			"s AS (DELETE FROM %1$s.subtasks WHERE run_id = $1), "
			"e AS (DELETE FROM %1$s.event_sizes WHERE run_id = $1)%2$s "
			"DELETE FROM %1$s.cascades WHERE run_id = $1", schema,
			agents ? psprintf(", a AS (DELETE FROM %s.cascade_agents WHERE run_id = $1)", schema)
			: ""), 1, text_arg);
	b.estate = CreateExecutorState();
	OpenWriters(&b, schema_oid, !all_runs);

	run_cxt = AllocSetContextCreate(CurrentMemoryContext, "collcog build_cascades run",
									ALLOCSET_DEFAULT_SIZES);
	b.arena = RunArenaCreate();
	RunArenaServeCore(b.arena);
	for (i = 0; i < n_runs; i++)
	{
		MemoryContext old;

		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(run_cxt);
		BuildRun(&b, &runs[i], &totals);
		MemoryContextSwitchTo(old);
		MemoryContextReset(run_cxt);
		RunArenaReset(b.arena);
	}
	RunArenaServeCore(NULL);
	MemoryContextDelete(run_cxt);
	EventsReaderEnd(b.events);
	PopActiveSnapshot();
	for (t = 0; t < DERIVED_NTABLES; t++)
	{
		if (b.writers[t] == NULL)
			continue;
		DerivedWriterClose(b.writers[t]);
		if (all_runs)
			DerivedWriterRebuildIndexes(b.relids[t]);
	}
	FreeExecutorState(b.estate);
	if (records)
		RecordBuilds(&b, fcinfo, schema);
	SPI_finish();

	ResultRowSet(&result, RES_RUNS_BUILT, Int64GetDatum(totals.runs_built));
	ResultRowSet(&result, RES_RUNS_SKIPPED, Int64GetDatum(totals.runs_skipped));
	ResultRowSet(&result, RES_CLAIMS, Int64GetDatum(totals.claims));
	ResultRowSet(&result, RES_CASCADES, Int64GetDatum(totals.cascades));
	PG_RETURN_DATUM(HeapTupleGetDatum(ResultRowTuple(&result)));
}
