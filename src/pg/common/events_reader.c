/*
 * The events reader (see events_reader.h): the choice between the two ways, the query way,
 * and what both share to decode columns.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/arrayaccess.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "pg/common/events_reader.h"
#include "pg/common/spi_exec.h"

#include "events_internal.h"

struct EventsReader
{
	EventsScan *scan;			/* the primary-key way, or NULL: */
	SPIPlanPtr	query;			/* the query way */
};

cc_str
EventsCopyText(RunArena *arena, Datum d, bool isnull)
{
	cc_str		s = {NULL, 0};
	struct varlena *v;

	if (isnull)
		return s;
	v = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(d));
	s.len = VARSIZE_ANY_EXHDR(v);
	s.ptr = memcpy(RunArenaAlloc(arena, s.len), VARDATA_ANY(v), s.len);
	return s;
}

const cc_str *
EventsCopyTextArray(RunArena *arena, Datum d, int16 elem_len, bool elem_byval,
					char elem_align, int32 *n)
{
	ArrayType  *array = DatumGetArrayTypeP(d);
	array_iter	it;
	cc_str	   *elems;

	*n = ArrayGetNItems(ARR_NDIM(array), ARR_DIMS(array));
	if (*n == 0)
		return NULL;
	elems = RunArenaAlloc(arena, sizeof(cc_str) * *n);
	array_iter_setup(&it, (AnyArrayType *) array);
	for (int k = 0; k < *n; k++)
	{
		bool		isnull;
		Datum		e = array_iter_next(&it, &isnull, k, elem_len, elem_byval, elem_align);

		elems[k] = EventsCopyText(arena, e, isnull);
	}
	return elems;
}

cc_event *
EventsMakeRoom(RunArena *arena, cc_event *events, size_t n, size_t *cap)
{
	cc_event   *more;

	if ((n & 0xFFFF) == 0)
		CHECK_FOR_INTERRUPTS();
	if (n < *cap)
		return events;
	more = RunArenaAlloc(arena, sizeof(cc_event) * 2 * *cap);
	memcpy(more, events, sizeof(cc_event) * *cap);
	*cap *= 2;
	return more;
}

void
EventsNullType(const char *run_name, int64 step)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("run \"%s\" step " INT64_FORMAT ": event_type is NULL", run_name, step)));
}

/* The query way: one query per run, each column cast so any relation of that shape reads. */
static SPIPlanPtr
QueryBegin(Oid relid)
{
	Oid			text_arg[] = {TEXTOID};

	return SpiPrepare(psprintf(
		"SELECT step_id::bigint, agent_id::text, event_type::text, claim_id::text, "
		"parent_claim_ids::text[], target_claim_id::text, subtask_id::text, "
		"parent_subtask_id::text, ts::timestamptz FROM %s WHERE run_id::text = $1",
		SpiRelationName(relid)), 1, text_arg);
}

static cc_event_type
ParseType(Datum d, const char *run_name, int64 step)
{
	text	   *t = DatumGetTextPP(d);
	cc_event_type type;

	if (cc_event_type_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &type) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("run \"%s\" step " INT64_FORMAT ": unknown event type \"%s\"",
						run_name, step, text_to_cstring(t))));
	return type;
}

static int
CompareSteps(const void *a, const void *b)
{
	int64		x = ((const cc_event *) a)->step_id;
	int64		y = ((const cc_event *) b)->step_id;

	return x < y ? -1 : (x > y ? 1 : 0);
}

static cc_event *
QueryRun(SPIPlanPtr plan, RunArena *arena, Datum run_id, const char *run_name, size_t *n_events)
{
	SPITupleTable *rows;
	size_t		n,
				cap,
				i;
	cc_event   *events;
	bool		sorted = true;

	SpiExecute(plan, &run_id, NULL, SPI_OK_SELECT);
	rows = SPI_tuptable;
	n = SPI_processed;
	cap = Max(n, 1);
	events = RunArenaAlloc(arena, sizeof(cc_event) * cap);
	for (i = 0; i < n; i++)
	{
		cc_event   *ev = &events[i];
		Datum		d[9];
		bool		null[9];

		/* One pass over the tuple: its varlena columns make per-column access quadratic. */
		heap_deform_tuple(rows->vals[i], rows->tupdesc, d, null);
		if (null[0])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("run \"%s\": step_id is NULL", run_name)));
		ev->step_id = DatumGetInt64(d[0]);
		ev->agent_id = EventsCopyText(arena, d[1], null[1]);
		if (null[2])
			EventsNullType(run_name, ev->step_id);
		ev->type = ParseType(d[2], run_name, ev->step_id);
		ev->claim_id = EventsCopyText(arena, d[3], null[3]);
		ev->n_parents = 0;
		ev->parents = null[4] ? NULL
			: EventsCopyTextArray(arena, d[4], -1, false, TYPALIGN_INT, &ev->n_parents);
		ev->target_claim_id = EventsCopyText(arena, d[5], null[5]);
		ev->subtask_id = EventsCopyText(arena, d[6], null[6]);
		ev->parent_subtask_id = EventsCopyText(arena, d[7], null[7]);
		ev->has_ts = !null[8];
		ev->ts = null[8] ? 0 : DatumGetTimestampTz(d[8]);
		sorted = sorted && (i == 0 || ev->step_id >= events[i - 1].step_id);
	}
	SPI_freetuptable(rows);
	/* Rows in physical order are mostly in step order already. */
	if (!sorted)
		qsort(events, n, sizeof(cc_event), CompareSteps);
	*n_events = n;
	return events;
}

EventsReader *
EventsReaderBegin(Oid relid, bool index_only)
{
	EventsReader *reader = palloc0(sizeof(EventsReader));

	reader->scan = EventsScanBegin(relid, index_only);
	if (reader->scan == NULL)
		reader->query = QueryBegin(relid);
	return reader;
}

cc_event *
EventsReaderRun(EventsReader *reader, RunArena *arena, Datum run_id, const char *run_name,
				size_t *n_events)
{
	if (reader->scan)
		return EventsScanRun(reader->scan, arena, run_id, run_name, n_events);
	return QueryRun(reader->query, arena, run_id, run_name, n_events);
}

void
EventsReaderEnd(EventsReader *reader)
{
	if (reader->scan)
		EventsScanEnd(reader->scan);
	pfree(reader);
}
