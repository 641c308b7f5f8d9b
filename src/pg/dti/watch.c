/*
 * The live DTI watcher: dti_watch(params) installs a statement-level trigger on events that
 * applies each statement's new events, run by run and in step order, to the watcher's state
 * (watch_run.c) and notifies every crossing of tau on channel collcog_dti; dti_unwatch()
 * removes it and empties the state. The runs that already have events are caught up when
 * the watcher is installed, silently: it reports the crossings of the events inserted while
 * it is installed. Three more triggers forget the state of the runs whose events are
 * updated or deleted (all of it when events is truncated); the next insert of such a run
 * rebuilds it from the run's stored events (watch_run.c).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "dti_pg.h"
#include "pg/common/args.h"
#include "pg/common/spi_exec.h"

PG_FUNCTION_INFO_V1(dti_watch);
PG_FUNCTION_INFO_V1(dti_unwatch);
PG_FUNCTION_INFO_V1(dti_watch_events);
PG_FUNCTION_INFO_V1(dti_watch_forget);

#define TRIGGER_NAME "collcog_dti_watch"
#define NEW_EVENTS "collcog_dti_new_events"
#define OLD_EVENTS "collcog_dti_old_events"
#define STATE_TABLES "%s.dti_watch_runs, %s.dti_watch_claims, %s.dti_watch_cascades"

/* The extension's schema, quoted, and its events table. */
static const char *
Schema(FunctionCallInfo fcinfo, Oid *events)
{
	Oid			ns = get_func_namespace(fcinfo->flinfo->fn_oid);

	*events = get_relname_relid("events", ns);
	return quote_identifier(get_namespace_name(ns));
}

static bool
Watching(Oid events)
{
	Oid			argtypes[] = {OIDOID};
	Datum		args[] = {ObjectIdGetDatum(events)};

	if (SPI_execute_with_args("SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = $1 AND tgname = '"
							  TRIGGER_NAME "'", 1, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "collcog: cannot read pg_trigger");
	return SPI_processed > 0;
}

/* Apply events ev[0 .. n), sorted by run and step, one run at a time. */
static void
WatchEvents(const char *schema, const char *params, WatchEvent *ev, uint64 n, bool report)
{
	MemoryContext run_cxt = AllocSetContextCreate(CurrentMemoryContext, "collcog dti watch run",
												  ALLOCSET_DEFAULT_SIZES);

	for (uint64 i = 0, j; i < n; i = j)
	{
		MemoryContext old;

		for (j = i; j < n && ev[j].run == ev[i].run; j++)
			;
		old = MemoryContextSwitchTo(run_cxt);
		WatchRun(schema, params, ev + i, (int) (j - i), report);
		MemoryContextSwitchTo(old);
		MemoryContextReset(run_cxt);
	}
	MemoryContextDelete(run_cxt);
}

/* dti_watch(params regclass): install the watcher and catch up with the stored runs. */
Datum
dti_watch(PG_FUNCTION_ARGS)
{
	Oid			events;
	const char *schema = Schema(fcinfo, &events);
	const char *params;
	Oid			text_arg[] = {TEXTOID};
	char	  **runs;
	uint64		n_runs;

	ArgRequire(fcinfo, 0, "params");
	SPI_connect();
	WatchForgetStates();
	params = SpiRelationName(PG_GETARG_OID(0));
	if (Watching(events))
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_OBJECT),
				 errmsg("the DTI watcher is already installed on %s.events", schema),
				 errhint("dti_unwatch() removes it.")));
	/* the columns dti_replay reads (a missing one is 42703, as there) */
	if (SPI_execute(psprintf("SELECT p.topology::text, p.task_family::text" DTI_PARAMS_COLUMNS
							 " FROM %s p LIMIT 0", params), true, 0) != SPI_OK_SELECT)
		elog(ERROR, "collcog: cannot read %s", params);
	if (SPI_execute(psprintf("TRUNCATE " STATE_TABLES, schema, schema, schema),
					false, 0) != SPI_OK_UTILITY ||
		SPI_execute(psprintf("CREATE TRIGGER " TRIGGER_NAME " AFTER INSERT ON %s.events "
							 "REFERENCING NEW TABLE AS " NEW_EVENTS " FOR EACH STATEMENT "
							 "EXECUTE FUNCTION %s.dti_watch_events(%s)", schema, schema,
							 quote_literal_cstr(params)), false, 0) != SPI_OK_UTILITY ||
		SPI_execute(psprintf("CREATE TRIGGER " TRIGGER_NAME "_update AFTER UPDATE ON %s.events "
							 "REFERENCING OLD TABLE AS " OLD_EVENTS " NEW TABLE AS " NEW_EVENTS
							 " FOR EACH STATEMENT EXECUTE FUNCTION %s.dti_watch_forget()",
							 schema, schema), false, 0) != SPI_OK_UTILITY ||
		SPI_execute(psprintf("CREATE TRIGGER " TRIGGER_NAME "_delete AFTER DELETE ON %s.events "
							 "REFERENCING OLD TABLE AS " OLD_EVENTS " FOR EACH STATEMENT "
							 "EXECUTE FUNCTION %s.dti_watch_forget()", schema, schema),
					false, 0) != SPI_OK_UTILITY ||
		SPI_execute(psprintf("CREATE TRIGGER " TRIGGER_NAME "_truncate AFTER TRUNCATE ON %s.events "
							 "FOR EACH STATEMENT EXECUTE FUNCTION %s.dti_watch_forget()",
							 schema, schema), false, 0) != SPI_OK_UTILITY)
		elog(ERROR, "collcog: cannot install the DTI watcher");

	/* the trigger's lock on events lets no insert in between: catch up, run by run */
	if (SPI_execute(psprintf("SELECT DISTINCT run_id::text COLLATE \"C\" FROM %s.events ORDER BY 1",
							 schema), false, 0) != SPI_OK_SELECT)
		elog(ERROR, "collcog: cannot read %s.events", schema);
	n_runs = SPI_processed;
	runs = palloc_array(char *, Max(n_runs, 1));
	for (uint64 r = 0; r < n_runs; r++)
		runs[r] = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1);
	for (uint64 r = 0; r < n_runs; r++)
	{
		Datum		run = CStringGetTextDatum(runs[r]);

		CHECK_FOR_INTERRUPTS();
		if (SPI_execute_with_args(psprintf(WATCH_EVENTS_QUERY("%s.events", " WHERE run_id = $1"),
										   schema),
								  1, text_arg, &run, NULL, false, 0) != SPI_OK_SELECT)
			elog(ERROR, "collcog: cannot read the events of run \"%s\"", runs[r]);
		{
			uint64		n;
			WatchEvent *ev = WatchReadEvents(&n);

			SPI_freetuptable(SPI_tuptable);
			WatchEvents(schema, params, ev, n, false);
		}
	}
	SPI_finish();
	PG_RETURN_VOID();
}

/* dti_unwatch(): remove the watcher and empty its tables. */
Datum
dti_unwatch(PG_FUNCTION_ARGS)
{
	Oid			events;
	const char *schema = Schema(fcinfo, &events);

	SPI_connect();
	WatchForgetStates();
	if (!Watching(events))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("the DTI watcher is not installed on %s.events", schema),
				 errhint("dti_watch(params) installs it.")));
	if (SPI_execute(psprintf("DROP TRIGGER " TRIGGER_NAME " ON %s.events", schema),
					false, 0) != SPI_OK_UTILITY ||
		SPI_execute(psprintf("DROP TRIGGER " TRIGGER_NAME "_update ON %s.events", schema),
					false, 0) != SPI_OK_UTILITY ||
		SPI_execute(psprintf("DROP TRIGGER " TRIGGER_NAME "_delete ON %s.events", schema),
					false, 0) != SPI_OK_UTILITY ||
		SPI_execute(psprintf("DROP TRIGGER " TRIGGER_NAME "_truncate ON %s.events", schema),
					false, 0) != SPI_OK_UTILITY ||
		SPI_execute(psprintf("TRUNCATE " STATE_TABLES ", %s.dti_watch_triggers",
							 schema, schema, schema, schema), false, 0) != SPI_OK_UTILITY)
		elog(ERROR, "collcog: cannot remove the DTI watcher");
	SPI_finish();
	PG_RETURN_VOID();
}

/* The trigger: a statement's new events (its transition table), run by run. */
Datum
dti_watch_events(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	WatchEvent *ev;
	uint64		n;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(td->tg_event) ||
		!TRIGGER_FIRED_AFTER(td->tg_event) || td->tg_newtable == NULL ||
		td->tg_trigger->tgnargs != 1)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("dti_watch_events() must be installed by dti_watch()")));
	ev = WatchNewEvents(td, &n);
	SPI_connect();
	WatchEvents(quote_identifier(get_namespace_name(RelationGetNamespace(td->tg_relation))),
				td->tg_trigger->tgargs[0], ev, n, true);
	SPI_finish();
	return PointerGetDatum(NULL);
}

/*
 * The trigger on updates, deletes and truncations of events: the runs they touch lose their
 * state, which their next insert rebuilds from their stored events.
 */
Datum
dti_watch_forget(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	const char *schema;
	StringInfoData runs;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(td->tg_event) ||
		!TRIGGER_FIRED_AFTER(td->tg_event) ||
		(!TRIGGER_FIRED_BY_TRUNCATE(td->tg_event) && td->tg_oldtable == NULL))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("dti_watch_forget() must be installed by dti_watch()")));
	schema = quote_identifier(get_namespace_name(RelationGetNamespace(td->tg_relation)));
	WatchForgetStates();
	SPI_connect();
	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
	{
		if (SPI_execute(psprintf("TRUNCATE " STATE_TABLES, schema, schema, schema),
						false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "collcog: cannot empty the DTI watcher's state");
		SPI_finish();
		return PointerGetDatum(NULL);
	}
	if (SPI_register_trigger_data(td) != SPI_OK_TD_REGISTER)
		elog(ERROR, "collcog: cannot read the changed events");
	initStringInfo(&runs);
	appendStringInfo(&runs, "SELECT run_id FROM %s", td->tg_trigger->tgoldtable);
	if (td->tg_newtable != NULL)
		appendStringInfo(&runs, " UNION SELECT run_id FROM %s", td->tg_trigger->tgnewtable);
	/* the runs' rows first: their lock orders this after the runs' inserters */
	if (SPI_execute(psprintf("DELETE FROM %s.dti_watch_runs WHERE run_id IN (%s)",
							 schema, runs.data), false, 0) != SPI_OK_DELETE ||
		SPI_execute(psprintf("DELETE FROM %s.dti_watch_claims WHERE run_id IN (%s)",
							 schema, runs.data), false, 0) != SPI_OK_DELETE ||
		SPI_execute(psprintf("DELETE FROM %s.dti_watch_cascades WHERE run_id IN (%s)",
							 schema, runs.data), false, 0) != SPI_OK_DELETE)
		elog(ERROR, "collcog: cannot forget the DTI watcher's state of the changed runs");
	SPI_finish();
	return PointerGetDatum(NULL);
}
