/*
 * Reading runs for cascade reconstruction: one run's events from a relation shaped like
 * events, through SPI, into the core's input array; the window options; the core call.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "cascade_pg.h"
#include "pg/common/args.h"
#include "pg/common/core_error.h"

SPIPlanPtr
CascadePreparePlan(const char *sql, int nargs, Oid *argtypes)
{
	SPIPlanPtr	plan = SPI_prepare(sql, nargs, argtypes);

	if (plan == NULL)
		elog(ERROR, "collcog: SPI_prepare failed (%s) for: %s",
			 SPI_result_code_string(SPI_result), sql);
	return plan;
}

/*
 * SPI leaves CurrentMemoryContext at its procedure context, which lives until SPI_finish:
 * switch back, so that what the caller allocates next (a run's events, the core's result)
 * stays in the caller's per-run context and memory is bounded by the largest run.
 */
void
CascadeExecutePlan(SPIPlanPtr plan, Datum *values, const char *nulls, int expected)
{
	MemoryContext caller = CurrentMemoryContext;
	int			rc = SPI_execute_plan(plan, values, nulls, false, 0);

	MemoryContextSwitchTo(caller);
	if (rc != expected)
		elog(ERROR, "collcog: SPI_execute_plan returned %s", SPI_result_code_string(rc));
}

SPIPlanPtr
CascadeEventsPlan(const char *relation)
{
	Oid			text_arg[] = {TEXTOID};

	/* Casts let a user's relation use text or collcog's types alike. */
	return CascadePreparePlan(psprintf(
		"SELECT step_id::bigint, agent_id::text, event_type::text, claim_id::text, "
		"parent_claim_ids::text[], target_claim_id::text, subtask_id::text, "
		"parent_subtask_id::text, ts::timestamptz "
		"FROM %s WHERE run_id::text = $1", relation), 1, text_arg);
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

static cc_event_type
ParseEventType(Datum d, bool isnull, const char *run_id, int64 step)
{
	char	   *name;
	cc_event_type type;

	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("run \"%s\" step " INT64_FORMAT ": event_type is NULL", run_id, step)));
	name = TextDatumGetCString(d);
	if (cc_event_type_parse(name, strlen(name), &type) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("run \"%s\" step " INT64_FORMAT ": unknown event type \"%s\"",
						run_id, step, name)));
	return type;
}

static cc_str *
ParentsToStrs(Datum d, int *n)
{
	Datum	   *elems;
	bool	   *elem_nulls;
	cc_str	   *parents;
	int			k;

	deconstruct_array(DatumGetArrayTypeP(d), TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &elem_nulls, n);
	parents = palloc_array(cc_str, Max(*n, 1));
	for (k = 0; k < *n; k++)
		parents[k] = TextToStr(elems[k], elem_nulls[k]);
	return parents;
}

static int
CompareSteps(const void *a, const void *b)
{
	int64		x = ((const cc_event *) a)->step_id;
	int64		y = ((const cc_event *) b)->step_id;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/* Put events in step order, which rows in physical order mostly are already. */
static void
SortBySteps(cc_event *events, size_t n)
{
	size_t		i;

	for (i = 1; i < n; i++)
		if (events[i].step_id < events[i - 1].step_id)
		{
			qsort(events, n, sizeof(cc_event), CompareSteps);
			return;
		}
}

cc_event *
CascadeReadRun(SPIPlanPtr events_plan, Datum run_id, const char *run_name, size_t *n_events,
			   SPITupleTable **rows)
{
	SPITupleTable *tuptable;
	TupleDesc	desc;
	cc_event   *events;
	uint64		i;

	CascadeExecutePlan(events_plan, &run_id, NULL, SPI_OK_SELECT);
	tuptable = *rows = SPI_tuptable;
	desc = tuptable->tupdesc;
	*n_events = (size_t) SPI_processed;
	events = palloc0_array(cc_event, Max(SPI_processed, 1));

	for (i = 0; i < SPI_processed; i++)
	{
		cc_event   *ev = &events[i];
		Datum		d[9];
		bool		n[9];

		/* One pass over the tuple: its varlena columns make per-column access quadratic. */
		heap_deform_tuple(tuptable->vals[i], desc, d, n);
		if (n[0])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("run \"%s\": step_id is NULL", run_name)));
		ev->step_id = DatumGetInt64(d[0]);
		ev->agent_id = TextToStr(d[1], n[1]);
		ev->type = ParseEventType(d[2], n[2], run_name, ev->step_id);
		ev->claim_id = TextToStr(d[3], n[3]);
		if (!n[4])
			ev->parents = ParentsToStrs(d[4], &ev->n_parents);
		ev->target_claim_id = TextToStr(d[5], n[5]);
		ev->subtask_id = TextToStr(d[6], n[6]);
		ev->parent_subtask_id = TextToStr(d[7], n[7]);
		ev->has_ts = !n[8];
		ev->ts = n[8] ? 0 : DatumGetTimestampTz(d[8]);
	}
	SortBySteps(events, *n_events);
	return events;
}

SPITupleTable *
CascadeRunIds(const char *relation, uint64 *n_runs)
{
	int			rc = SPI_execute(psprintf(
		"SELECT DISTINCT run_id::text COLLATE \"C\" AS run_id FROM %s "
		"WHERE run_id IS NOT NULL ORDER BY 1", relation), true, 0);

	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute returned %s", SPI_result_code_string(rc));
	*n_runs = SPI_processed;
	return SPI_tuptable;
}

cc_cascade_options
CascadeWindowOptions(FunctionCallInfo fcinfo, int steps_arg, int interval_arg)
{
	cc_cascade_options opt = {CC_WINDOW_RUN, 0};
	bool		by_steps = ArgGiven(fcinfo, steps_arg);
	bool		by_time = ArgGiven(fcinfo, interval_arg);

	if (by_steps && by_time)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("burst_steps and burst_interval cannot both be given")));
	if (by_steps)
	{
		int64		w = PG_GETARG_INT64(steps_arg);

		if (w <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("burst_steps must be positive, not " INT64_FORMAT, w)));
		opt.burst_window = CC_WINDOW_STEPS;
		opt.burst_width = w;
	}
	else if (by_time)
	{
		Interval   *iv = PG_GETARG_INTERVAL_P(interval_arg);

		if (iv->month != 0 || iv->day != 0 || iv->time <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("burst_interval must be a positive interval of hours, minutes or seconds, not \"%s\"",
							DatumGetCString(DirectFunctionCall1(interval_out,
																IntervalPGetDatum(iv))))));
		opt.burst_window = CC_WINDOW_TIME;
		opt.burst_width = iv->time;
	}
	return opt;
}

cc_status
CascadeReconstruct(const cc_cascade_input *in, cc_cascade_result *res, cc_error *err,
				   bool skip_bad)
{
	cc_status	status = cc_cascade_reconstruct(in, res, err);

	if (status != CC_OK && !(skip_bad && (status == CC_ELINEAGE || status == CC_EINVAL)))
		cc_report(err);
	return status;
}
