/*
 * The watcher's reading of a statement's new events: the rows of the trigger's transition
 * table as they lie in its tuplestore, the columns WatchReadEvents takes from
 * WATCH_EVENTS_QUERY (with the same meaning: a merge whose payload contains "dti": true),
 * sorted by run (bytewise) and step. A query over the transition table would copy every row
 * through SPI and the text output of its columns first.
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "executor/executor.h"
#include "executor/tuptable.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/tuplestore.h"

#include "dti_pg.h"
#include "pg/common/enum_labels.h"

enum
{
	C_RUN, C_STEP, C_TYPE, C_CLAIM, C_PARENTS, C_TARGET, C_PAYLOAD, NCOLUMNS
};
static const char *const column_names[NCOLUMNS] = {
	"run_id", "step_id", "event_type", "claim_id", "parent_claim_ids", "target_claim_id", "payload"
};

static int
CompareEvents(const void *a, const void *b)
{
	const WatchEvent *x = a;
	const WatchEvent *y = b;
	int			c = strcmp(x->run, y->run);

	if (c != 0)
		return c;
	return x->step < y->step ? -1 : x->step > y->step;
}

static char *
TextOrNull(TupleTableSlot *slot, int att)
{
	return slot->tts_isnull[att] ? NULL : TextDatumGetCString(slot->tts_values[att]);
}

WatchEvent *
WatchNewEvents(TriggerData *td, uint64 *n)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	Tuplestorestate *rows = td->tg_newtable;
	int			att[NCOLUMNS];
	int			last = 0;
	Datum		types[CC_EV_NTYPES];
	Datum		dti = DirectFunctionCall1(jsonb_in, CStringGetDatum("{\"dti\": true}"));
	TupleTableSlot *slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	int64		cap = 64;
	WatchEvent *ev = palloc0_array(WatchEvent, cap);
	uint64		count = 0;

	for (int c = 0; c < NCOLUMNS; c++)
	{
		att[c] = -1;
		for (int a = 0; a < desc->natts; a++)
			if (!TupleDescAttr(desc, a)->attisdropped &&
				strcmp(NameStr(TupleDescAttr(desc, a)->attname), column_names[c]) == 0)
				att[c] = a;
		if (att[c] < 0)
			elog(ERROR, "collcog: events has no column %s", column_names[c]);
		last = Max(last, att[c] + 1);
	}
	EnumLabelValues(TupleDescAttr(desc, att[C_TYPE])->atttypid, cc_event_type_names,
					CC_EV_NTYPES, types);
	tuplestore_select_read_pointer(rows, tuplestore_alloc_read_pointer(rows, EXEC_FLAG_REWIND));
	tuplestore_rescan(rows);
	while (tuplestore_gettupleslot(rows, true, false, slot))
	{
		WatchEvent *e;

		if (count == (uint64) cap)
		{
			ev = repalloc_array(ev, WatchEvent, cap * 2);
			memset(ev + cap, 0, sizeof(WatchEvent) * cap);
			cap *= 2;
		}
		e = &ev[count++];
		slot_getsomeattrs(slot, last);
		e->run = TextDatumGetCString(slot->tts_values[att[C_RUN]]);
		e->step = DatumGetInt64(slot->tts_values[att[C_STEP]]);
		for (int t = 0; t < CC_EV_NTYPES; t++)
			if (types[t] == slot->tts_values[att[C_TYPE]])
				e->type = (cc_event_type) t;
		e->claim = TextOrNull(slot, att[C_CLAIM]);
		if (!slot->tts_isnull[att[C_PARENTS]])
		{
			Datum	   *items;

			deconstruct_array(DatumGetArrayTypeP(slot->tts_values[att[C_PARENTS]]), TEXTOID,
							  -1, false, TYPALIGN_INT, &items, NULL, &e->n_parents);
			e->parents = palloc_array(char *, Max(e->n_parents, 1));
			for (int j = 0; j < e->n_parents; j++)
				e->parents[j] = TextDatumGetCString(items[j]);
		}
		e->target = TextOrNull(slot, att[C_TARGET]);
		e->dti = e->type == CC_EV_MERGE && !slot->tts_isnull[att[C_PAYLOAD]] &&
			DatumGetBool(DirectFunctionCall2(jsonb_contains, slot->tts_values[att[C_PAYLOAD]], dti));
	}
	ExecDropSingleTupleTableSlot(slot);
	qsort(ev, count, sizeof(WatchEvent), CompareEvents);
	/* the events of one run share its name (WatchEvents tells runs apart by it) */
	for (uint64 i = 1; i < count; i++)
		if (strcmp(ev[i].run, ev[i - 1].run) == 0)
			ev[i].run = ev[i - 1].run;
	*n = count;
	return ev;
}
