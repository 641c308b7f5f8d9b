/*
 * The runs of a call to routing_ratio() or attachment_exponent(), replayed group by group.
 *
 * Only events are read (through the events reader, so row-level security on events applies
 * as to the caller's own SELECT); the derived tables of build_cascades() are not needed.
 * Each run's events and the replay's working memory live in a run arena, and what reading
 * them allocates besides (detoasted parents arrays) in a run context, both reset after the
 * run; what the run contributes is added to the group's summed levels, or (per run) its
 * levels are copied into the group's memory and its choice data appended to the group's
 * temporary file. The group's memory is reset after the group.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

#include "attach_pg.h"

#include "pg/common/args.h"
#include "pg/common/core_error.h"
#include "pg/common/enum_labels.h"
#include "pg/common/events_reader.h"
#include "pg/common/run_arena.h"
#include "pg/common/run_ids.h"

/* The schema of the calling function: collcog's tables and types live there. */
static Oid
OwnSchema(FunctionCallInfo fcinfo)
{
	return get_func_namespace(fcinfo->flinfo->fn_oid);
}

void
AttEventTypeValues(FunctionCallInfo fcinfo, Datum *out)
{
	Oid			type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
									   CStringGetDatum("event_type"),
									   ObjectIdGetDatum(OwnSchema(fcinfo)));

	EnumLabelValues(type, cc_event_type_names, CC_EV_NTYPES, out);
}

/* The runs to replay, ordered by n_agents (NULL last) and run_id. */
static SPITupleTable *
SelectRuns(FunctionCallInfo fcinfo, const char *schema, uint64 *n_runs)
{
	const char *select = psprintf("SELECT run_id::text COLLATE \"C\", n_agents FROM %s.runs",
								  schema);
	Oid			argtypes[] = {TEXTARRAYOID};
	Datum		run_ids;
	int			rc;

	if (!ArgGiven(fcinfo, 0))
		rc = SPI_execute(psprintf("%s ORDER BY 2 NULLS LAST, 1", select), true, 0);
	else
	{
		run_ids = PG_GETARG_DATUM(0);
		CheckRunIds(DatumGetArrayTypeP(run_ids), psprintf("%s.runs", schema));
		rc = SPI_execute_with_args(psprintf("%s WHERE run_id = ANY ($1) ORDER BY 2 NULLS LAST, 1",
											select), 1, argtypes, &run_ids, NULL, true, 0);
	}
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute returned %s", SPI_result_code_string(rc));
	*n_runs = SPI_processed;
	return SPI_tuptable;
}

/* A copy of n elements of size in the current memory context (huge allowed). */
static void *
Copy(const void *p, size_t n, size_t size)
{
	void	   *q = MemoryContextAllocHuge(CurrentMemoryContext, Max(n * size, 1));

	if (n > 0)
		memcpy(q, p, n * size);
	return q;
}

/*
 * Replay one run and keep what the group needs, in the current (the group's) memory
 * context: with choices (per run), its levels into *out and its choice data into choices;
 * else its levels added to g->sum. Reading the run allocates in run_cxt.
 */
static void
ReplayRun(EventsReader *reader, RunArena *arena, MemoryContext run_cxt, Datum run_id,
		  AttChoiceFile *choices, AttGroup *g, cc_att_run *out)
{
	MemoryContext group_cxt = MemoryContextSwitchTo(run_cxt);
	char	   *run_name = TextDatumGetCString(run_id);
	const cc_event *events;
	size_t		n_events;
	cc_att_run	run;
	cc_error	err;
	size_t		cells;

	RunArenaServeCore(arena);
	events = EventsReaderRun(reader, arena, run_id, run_name, &n_events);
	cc_check(cc_att_replay(events, n_events, choices != NULL, &run, &err), &err);
	RunArenaServeCore(NULL);
	MemoryContextSwitchTo(group_cxt);
	if (choices == NULL)
		cc_check(cc_att_run_add(&g->sum, &run, &err), &err);
	else
	{
		cells = (size_t) CC_ATT_SLOTS * (size_t) run.n_levels;
		out->n_levels = run.n_levels;
		out->selections = Copy(run.selections, cells, sizeof(int64_t));
		out->expected = Copy(run.expected, cells, sizeof(double));
		AttChoiceFileAppend(choices, run.choices, run.n_choices);
	}
	RunArenaReset(arena);
	MemoryContextReset(run_cxt);
}

void
AttReplayGroups(FunctionCallInfo fcinfo, bool per_run, AttGroupFn fn, void *arg)
{
	Oid			schema_oid = OwnSchema(fcinfo);
	const char *schema = quote_identifier(get_namespace_name(schema_oid));
	SPITupleTable *runs;
	uint64		n_runs,
				first,
				r;
	EventsReader *reader;
	RunArena   *arena;
	MemoryContext group_cxt,
				run_cxt,
				old;
	AttChoiceFile *choices;

	SPI_connect();
	runs = SelectRuns(fcinfo, schema, &n_runs);
	reader = EventsReaderBegin(get_relname_relid("events", schema_oid), false);
	arena = RunArenaCreate();
	group_cxt = AllocSetContextCreate(CurrentMemoryContext, "collcog attachment group",
									  ALLOCSET_DEFAULT_SIZES);
	run_cxt = AllocSetContextCreate(CurrentMemoryContext, "collcog attachment run",
									ALLOCSET_DEFAULT_SIZES);
	for (first = 0; first < n_runs; first = r)
	{
		AttGroup	g;
		bool		isnull;
		Datum		n_agents = SPI_getbinval(runs->vals[first], runs->tupdesc, 2, &isnull);

		g.n_agents_null = isnull;
		g.n_agents = isnull ? 0 : DatumGetInt32(n_agents);
		for (r = first + 1; r < n_runs; r++)
		{
			bool		rnull;
			Datum		rn = SPI_getbinval(runs->vals[r], runs->tupdesc, 2, &rnull);

			if (rnull != g.n_agents_null || (!rnull && DatumGetInt32(rn) != g.n_agents))
				break;
		}
		old = MemoryContextSwitchTo(group_cxt);
		g.n_runs = (int32) (r - first);
		memset(&g.sum, 0, sizeof(g.sum));
		g.runs = per_run ? palloc0_array(cc_att_run, g.n_runs) : NULL;
		choices = per_run ? AttChoiceFileCreate() : NULL;
		for (uint64 i = first; i < r; i++)
		{
			CHECK_FOR_INTERRUPTS();
			ReplayRun(reader, arena, run_cxt,
					  SPI_getbinval(runs->vals[i], runs->tupdesc, 1, &isnull),
					  choices, &g, per_run ? &g.runs[i - first] : NULL);
		}
		g.choices = per_run ? AttChoiceFileSource(choices) : NULL;
		fn(&g, arg);
		if (choices != NULL)
			AttChoiceFileClose(choices);
		MemoryContextSwitchTo(old);
		MemoryContextReset(group_cxt);
	}
	MemoryContextDelete(run_cxt);
	MemoryContextDelete(group_cxt);
	EventsReaderEnd(reader);
	SPI_finish();
}
