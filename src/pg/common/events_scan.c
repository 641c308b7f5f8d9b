/*
 * The primary-key way of the events reader (see events_reader.h): a scan of the index on
 * (run_id, step_id), which returns each run's events in step order, decoded straight from
 * the heap tuples (no SQL statement per run, no tuple copies, no casts).
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/relation.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "pg/common/enum_labels.h"

#include "events_internal.h"

/* The columns read, in this order. */
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
#define TEXT_ARRAY ((Oid) 1)
static const Oid column_types[NCOLS] = {
	TEXTOID, INT8OID, TEXTOID, InvalidOid, TEXTOID, TEXT_ARRAY, TEXTOID, TEXTOID, TEXTOID,
	TIMESTAMPTZOID
};

struct EventsScan
{
	MemoryContext cxt;			/* where the scan lives, and scans */
	Relation	heap;
	Relation	index;
	IndexScanDesc scan;
	TupleTableSlot *slot;
	AttrNumber	attnums[NCOLS];
	Datum		type_values[CC_EV_NTYPES];	/* the enum value of each cc_event_type */
	int16		elem_len;		/* of parent_claim_ids' elements */
	bool		elem_byval;
	char		elem_align;
	size_t		largest_run;	/* events in the largest run read so far */
};

/*
 * Each check below says whether the scan reads the relation as a query would; when it does
 * not, it raises the error if strict, else returns false (and the query way reads it).
 */

static bool
CheckPlainTable(Relation heap, bool strict)
{
	if (heap->rd_rel->relkind == RELKIND_RELATION)
		return true;
	if (strict)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a plain table", RelationGetRelationName(heap)),
				 errdetail("build_cascades reads events through their primary key (run_id, step_id).")));
	return false;
}

static bool
CheckColumns(Relation heap, AttrNumber *attnums, bool strict)
{
	for (int c = 0; c < NCOLS; c++)
	{
		Oid			type,
					base;
		bool		ok;

		attnums[c] = get_attnum(RelationGetRelid(heap), column_names[c]);
		if (attnums[c] == InvalidAttrNumber)
		{
			if (strict)
				ereport(ERROR,
						(errcode(ERRCODE_UNDEFINED_COLUMN),
						 errmsg("column \"%s\" of relation \"%s\" does not exist",
								column_names[c], RelationGetRelationName(heap))));
			return false;
		}
		type = TupleDescAttr(RelationGetDescr(heap), attnums[c] - 1)->atttypid;
		base = getBaseType(type);
		if (column_types[c] == TEXT_ARRAY)
			ok = OidIsValid(get_element_type(base)) &&
				getBaseType(get_element_type(base)) == TEXTOID;
		else if (column_types[c] == InvalidOid)
			ok = type_is_enum(base);
		else
			ok = base == column_types[c];
		if (!ok && strict)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of relation \"%s\" has type %s, which build_cascades cannot read",
							column_names[c], RelationGetRelationName(heap), format_type_be(type))));
		if (!ok)
			return false;
	}
	return true;
}

/* The caller may read each column, and sees every row. */
static bool
CheckReadable(Relation heap, const AttrNumber *attnums, bool strict)
{
	Oid			relid = RelationGetRelid(heap);

	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		for (int c = 0; c < NCOLS; c++)
		{
			AclResult	acl = pg_attribute_aclcheck(relid, attnums[c], GetUserId(), ACL_SELECT);

			if (acl != ACLCHECK_OK && !strict)
				return false;
			if (acl != ACLCHECK_OK)
				aclcheck_error_col(acl, OBJECT_TABLE, RelationGetRelationName(heap),
								   column_names[c]);
		}
	if (check_enable_rls(relid, InvalidOid, false) != RLS_ENABLED)
		return true;
	if (strict)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("table \"%s\" has row-level security, which build_cascades would not apply",
						RelationGetRelationName(heap)),
				 errdetail("The derived tables are built from every event of a run.")));
	return false;
}

/* The primary key, which must be (run_id, step_id); NULL when it is not and not strict. */
static Relation
OpenPrimaryKey(Relation heap, const AttrNumber *attnums, bool strict)
{
	Oid			pk = RelationGetPrimaryKeyIndex(heap);
	Relation	index;

	if (!OidIsValid(pk))
	{
		if (strict)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("relation \"%s\" has no primary key", RelationGetRelationName(heap)),
					 errdetail("build_cascades reads events through their primary key (run_id, step_id).")));
		return NULL;
	}
	index = index_open(pk, AccessShareLock);
	if (index->rd_index->indnkeyatts == 2 &&
		index->rd_index->indkey.values[0] == attnums[COL_RUN] &&
		index->rd_index->indkey.values[1] == attnums[COL_STEP])
		return index;
	if (strict)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("primary key \"%s\" of relation \"%s\" is not (run_id, step_id)",
						RelationGetRelationName(index), RelationGetRelationName(heap))));
	index_close(index, NoLock);
	return NULL;
}

EventsScan *
EventsScanBegin(Oid relid, bool strict)
{
	Relation	heap = table_open(relid, AccessShareLock);
	AttrNumber	attnums[NCOLS];
	Relation	index = NULL;
	EventsScan *s;
	Oid			type_enum;

	if (CheckPlainTable(heap, strict) && CheckColumns(heap, attnums, strict) &&
		CheckReadable(heap, attnums, strict))
		index = OpenPrimaryKey(heap, attnums, strict);
	if (index == NULL)
	{
		table_close(heap, NoLock);
		return NULL;
	}
	s = palloc0(sizeof(EventsScan));
	s->cxt = CurrentMemoryContext;
	s->heap = heap;
	s->index = index;
	memcpy(s->attnums, attnums, sizeof(attnums));
	type_enum = getBaseType(TupleDescAttr(RelationGetDescr(heap), attnums[COL_TYPE] - 1)->atttypid);
	EnumLabelValues(type_enum, cc_event_type_names, CC_EV_NTYPES, s->type_values);
	get_typlenbyvalalign(get_element_type(getBaseType(TupleDescAttr(RelationGetDescr(heap),
																	attnums[COL_PARENTS] - 1)->atttypid)),
						 &s->elem_len, &s->elem_byval, &s->elem_align);
	s->slot = table_slot_create(heap, NULL);
	s->scan = index_beginscan(heap, index, GetActiveSnapshot(), 1, 0);
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

/*
 * Restart the scan at a run (key) or fetch its next event (key NULL). The index access method
 * allocates scan memory as it goes (B-tree's killed items, once it meets dead tuples): in
 * the scan's own context, which lives until EventsScanEnd, never in the caller's per-run
 * context that is reset between runs.
 */
static bool
ScanStep(EventsScan *s, ScanKey key, TupleTableSlot *slot)
{
	MemoryContext old = MemoryContextSwitchTo(s->cxt);
	bool		found = true;

	if (key != NULL)
		index_rescan(s->scan, key, 1, NULL, 0);
	else
		found = index_getnext_slot(s->scan, ForwardScanDirection, slot);
	MemoryContextSwitchTo(old);
	return found;
}

cc_event *
EventsScanRun(EventsScan *s, RunArena *arena, Datum run_id, const char *run_name,
			  size_t *n_events)
{
	ScanKeyData key;
	size_t		n = 0,
				cap = Max(s->largest_run, 1024);
	cc_event   *events = RunArenaAlloc(arena, sizeof(cc_event) * cap);
	TupleTableSlot *slot = s->slot;

	ScanKeyEntryInitialize(&key, 0, 1, BTEqualStrategyNumber, InvalidOid,
						   s->index->rd_indcollation[0], F_TEXTEQ, run_id);
	ScanStep(s, &key, slot);
	while (ScanStep(s, NULL, slot))
	{
		Datum	   *d = slot->tts_values;
		bool	   *isnull = slot->tts_isnull;
		const AttrNumber *at = s->attnums;
		cc_event   *ev;

		events = EventsMakeRoom(arena, events, n, &cap);
		ev = &events[n++];
		slot_getallattrs(slot);
		/* step_id is in the primary key: never NULL */
		ev->step_id = DatumGetInt64(d[at[COL_STEP] - 1]);
		ev->type = EventType(s, d[at[COL_TYPE] - 1], isnull[at[COL_TYPE] - 1], run_name,
							 ev->step_id);
		ev->agent_id = EventsCopyText(arena, d[at[COL_AGENT] - 1], isnull[at[COL_AGENT] - 1]);
		ev->claim_id = EventsCopyText(arena, d[at[COL_CLAIM] - 1], isnull[at[COL_CLAIM] - 1]);
		ev->n_parents = 0;
		ev->parents = isnull[at[COL_PARENTS] - 1] ? NULL :
			EventsCopyTextArray(arena, d[at[COL_PARENTS] - 1], s->elem_len, s->elem_byval,
								s->elem_align, &ev->n_parents);
		ev->target_claim_id = EventsCopyText(arena, d[at[COL_TARGET] - 1],
											 isnull[at[COL_TARGET] - 1]);
		ev->subtask_id = EventsCopyText(arena, d[at[COL_SUBTASK] - 1],
										isnull[at[COL_SUBTASK] - 1]);
		ev->parent_subtask_id = EventsCopyText(arena, d[at[COL_PARENT_SUBTASK] - 1],
											   isnull[at[COL_PARENT_SUBTASK] - 1]);
		ev->has_ts = !isnull[at[COL_TS] - 1];
		ev->ts = ev->has_ts ? DatumGetTimestampTz(d[at[COL_TS] - 1]) : 0;
	}
	*n_events = n;
	s->largest_run = Max(s->largest_run, n);
	return events;
}

void
EventsScanEnd(EventsScan *s)
{
	index_endscan(s->scan);
	ExecDropSingleTupleTableSlot(s->slot);
	index_close(s->index, NoLock);
	table_close(s->heap, NoLock);
	pfree(s);
}
