/*
 * The primary-key way of the events reader (see events_reader.h): a scan of the index on
 * (run_id, step_id) (key_scan.h), which returns each run's events in step order, decoded
 * straight from the heap tuples.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "pg/common/enum_labels.h"
#include "pg/common/key_scan.h"

#include "events_internal.h"

/* The columns read, in this order: the primary key first. */
enum
{
	COL_RUN, COL_STEP, COL_AGENT, COL_TYPE, COL_CLAIM, COL_PARENTS, COL_TARGET, COL_SUBTASK,
	COL_PARENT_SUBTASK, COL_TS, NCOLS
};

static const char *const column_names[NCOLS] = {
	"run_id", "step_id", "agent_id", "event_type", "claim_id", "parent_claim_ids",
	"target_claim_id", "subtask_id", "parent_subtask_id", "ts"
};

/* What each column must hold: text (or a domain over it), an array of text, or exactly this
 * type; the event type is collcog's enum, checked by its labels. */
static const Oid column_types[NCOLS] = {
	TEXTOID, INT8OID, TEXTOID, KEY_SCAN_ENUM, TEXTOID, KEY_SCAN_TEXT_ARRAY, TEXTOID, TEXTOID,
	TEXTOID, TIMESTAMPTZOID
};

static const KeyScanSpec spec = {
	.reader = "build_cascades",
	.rows = "events",
	.key = "(run_id, step_id)",
	.rls_detail = "The derived tables are built from every event of a run.",
	.ncols = NCOLS,
	.names = column_names,
	.types = column_types,
	.nkeys = 2
};

struct EventsScan
{
	KeyScan    *scan;
	Datum		type_values[CC_EV_NTYPES];	/* the enum value of each cc_event_type */
	int16		elem_len;		/* of parent_claim_ids' elements */
	bool		elem_byval;
	char		elem_align;
	size_t		largest_run;	/* events in the largest run read so far */
};

/* The type of column c of the relation scanned, domains resolved. */
static Oid
ColumnBaseType(const KeyScan *scan, int c)
{
	return getBaseType(TupleDescAttr(RelationGetDescr(scan->heap), scan->attnums[c] - 1)->atttypid);
}

EventsScan *
EventsScanBegin(Oid relid, bool strict)
{
	KeyScan    *scan = KeyScanBegin(relid, &spec, strict);
	EventsScan *s;

	if (scan == NULL)
		return NULL;
	s = palloc0(sizeof(EventsScan));
	s->scan = scan;
	EnumLabelValues(ColumnBaseType(scan, COL_TYPE), cc_event_type_names, CC_EV_NTYPES,
					s->type_values);
	get_typlenbyvalalign(get_element_type(ColumnBaseType(scan, COL_PARENTS)),
						 &s->elem_len, &s->elem_byval, &s->elem_align);
	return s;
}

static cc_event_type
EventType(const EventsScan *s, Datum d, bool isnull, const char *run_name, int64 step)
{
	if (isnull)
		EventsNullType(run_name, step);
	for (int t = 0; t < CC_EV_NTYPES; t++)
		if (s->type_values[t] == d)
			return (cc_event_type) t;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("run \"%s\" step " INT64_FORMAT ": unknown event type \"%s\"", run_name, step,
					DatumGetCString(DirectFunctionCall1(enum_out, d)))));
	pg_unreachable();
}

cc_event *
EventsScanRun(EventsScan *s, RunArena *arena, Datum run_id, const char *run_name,
			  size_t *n_events)
{
	size_t		n = 0,
				cap = Max(s->largest_run, 1024);
	cc_event   *events = RunArenaAlloc(arena, sizeof(cc_event) * cap);
	KeyScan    *scan = s->scan;

	KeyScanRestart(scan, run_id);
	while (KeyScanNext(scan))
	{
		Datum		d[NCOLS];
		bool		isnull[NCOLS];
		cc_event   *ev;

		for (int c = 0; c < NCOLS; c++)
			d[c] = KeyScanValue(scan, c, &isnull[c]);
		events = EventsMakeRoom(arena, events, n, &cap);
		ev = &events[n++];
		/* step_id is in the primary key: never NULL */
		ev->step_id = DatumGetInt64(d[COL_STEP]);
		ev->type = EventType(s, d[COL_TYPE], isnull[COL_TYPE], run_name, ev->step_id);
		ev->agent_id = EventsCopyText(arena, d[COL_AGENT], isnull[COL_AGENT]);
		ev->claim_id = EventsCopyText(arena, d[COL_CLAIM], isnull[COL_CLAIM]);
		ev->n_parents = 0;
		ev->parents = isnull[COL_PARENTS] ? NULL :
			EventsCopyTextArray(arena, d[COL_PARENTS], s->elem_len, s->elem_byval,
								s->elem_align, &ev->n_parents);
		ev->target_claim_id = EventsCopyText(arena, d[COL_TARGET], isnull[COL_TARGET]);
		ev->subtask_id = EventsCopyText(arena, d[COL_SUBTASK], isnull[COL_SUBTASK]);
		ev->parent_subtask_id = EventsCopyText(arena, d[COL_PARENT_SUBTASK],
											   isnull[COL_PARENT_SUBTASK]);
		ev->has_ts = !isnull[COL_TS];
		ev->ts = ev->has_ts ? DatumGetTimestampTz(d[COL_TS]) : 0;
	}
	*n_events = n;
	s->largest_run = Max(s->largest_run, n);
	return events;
}

void
EventsScanEnd(EventsScan *s)
{
	KeyScanEnd(s->scan);
	pfree(s);
}
