/*
 * Reading the events table through its primary key index, run by run (see events_scan.h).
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/relation.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/arrayaccess.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "events_scan.h"

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
	Relation	heap;
	Relation	index;
	IndexScanDesc scan;
	TupleTableSlot *slot;
	AttrNumber	attnums[NCOLS];
	Oid			type_oids[CC_EV_NTYPES];	/* the enum value of each cc_event_type */
	int16		elem_len;		/* of parent_claim_ids' elements */
	bool		elem_byval;
	char		elem_align;
	size_t		largest_run;	/* events in the largest run read so far */
};

/* A copy of a text Datum, or the NULL string. */
static cc_str
CopyStr(RunArena *arena, Datum d, bool isnull)
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

static void
CheckColumnType(Relation heap, AttrNumber attnum, int col)
{
	Oid			type = TupleDescAttr(RelationGetDescr(heap), attnum - 1)->atttypid;
	Oid			base = getBaseType(type);
	bool		ok;

	if (column_types[col] == TEXT_ARRAY)
		ok = OidIsValid(get_element_type(base)) &&
			getBaseType(get_element_type(base)) == TEXTOID;
	else if (column_types[col] == InvalidOid)
		ok = type_is_enum(base);
	else
		ok = base == column_types[col];
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" of relation \"%s\" has type %s, which build_cascades cannot read",
						column_names[col], RelationGetRelationName(heap), format_type_be(type))));
}

/* The caller may read each column, and sees every row. */
static void
CheckReadable(Relation heap, const AttrNumber *attnums)
{
	Oid			relid = RelationGetRelid(heap);
	int			c;

	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		for (c = 0; c < NCOLS; c++)
		{
			AclResult	acl = pg_attribute_aclcheck(relid, attnums[c], GetUserId(), ACL_SELECT);

			if (acl != ACLCHECK_OK)
				aclcheck_error_col(acl, OBJECT_TABLE, RelationGetRelationName(heap),
								   column_names[c]);
		}
	if (check_enable_rls(relid, InvalidOid, false) == RLS_ENABLED)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("table \"%s\" has row-level security, which build_cascades would not apply",
						RelationGetRelationName(heap)),
				 errdetail("The derived tables are built from every event of a run.")));
}

/* The primary key, which must be (run_id, step_id). */
static Relation
OpenPrimaryKey(Relation heap, const AttrNumber *attnums)
{
	Oid			pk = RelationGetPrimaryKeyIndex(heap);
	Relation	index;

	if (!OidIsValid(pk))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("relation \"%s\" has no primary key", RelationGetRelationName(heap)),
				 errdetail("build_cascades reads events through their primary key (run_id, step_id).")));
	index = index_open(pk, AccessShareLock);
	if (index->rd_index->indnkeyatts != 2 ||
		index->rd_index->indkey.values[0] != attnums[COL_RUN] ||
		index->rd_index->indkey.values[1] != attnums[COL_STEP])
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("primary key \"%s\" of relation \"%s\" is not (run_id, step_id)",
						RelationGetRelationName(index), RelationGetRelationName(heap))));
	return index;
}

EventsScan *
EventsScanBegin(Oid relid)
{
	EventsScan *s = palloc0(sizeof(EventsScan));
	Oid			type_enum;
	int			c;

	s->heap = table_open(relid, AccessShareLock);
	for (c = 0; c < NCOLS; c++)
	{
		s->attnums[c] = get_attnum(relid, column_names[c]);
		if (s->attnums[c] == InvalidAttrNumber)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of relation \"%s\" does not exist",
							column_names[c], RelationGetRelationName(s->heap))));
		CheckColumnType(s->heap, s->attnums[c], c);
	}
	CheckReadable(s->heap, s->attnums);
	type_enum = getBaseType(TupleDescAttr(RelationGetDescr(s->heap),
										  s->attnums[COL_TYPE] - 1)->atttypid);
	for (c = 0; c < CC_EV_NTYPES; c++)
		s->type_oids[c] = DatumGetObjectId(DirectFunctionCall2(enum_in,
															   CStringGetDatum(cc_event_type_name((cc_event_type) c)),
															   ObjectIdGetDatum(type_enum)));
	get_typlenbyvalalign(get_element_type(getBaseType(TupleDescAttr(RelationGetDescr(s->heap),
																	s->attnums[COL_PARENTS] - 1)->atttypid)),
						 &s->elem_len, &s->elem_byval, &s->elem_align);

	s->index = OpenPrimaryKey(s->heap, s->attnums);
	s->slot = table_slot_create(s->heap, NULL);
	s->scan = index_beginscan(s->heap, s->index, GetActiveSnapshot(), 1, 0);
	return s;
}

static cc_event_type
EventType(const EventsScan *s, Datum d, const char *run_name, int64 step)
{
	Oid			oid = DatumGetObjectId(d);
	int			t;

	for (t = 0; t < CC_EV_NTYPES; t++)
		if (s->type_oids[t] == oid)
			return (cc_event_type) t;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("run \"%s\" step " INT64_FORMAT ": unknown event type \"%s\"", run_name, step,
					DatumGetCString(DirectFunctionCall1(enum_out, d)))));
	return CC_EV_PROPOSE;		/* not reached */
}

static const cc_str *
CopyParents(const EventsScan *s, RunArena *arena, Datum d, int32 *n)
{
	ArrayType  *array = DatumGetArrayTypeP(d);
	array_iter	it;
	cc_str	   *parents;
	int			k;

	*n = ArrayGetNItems(ARR_NDIM(array), ARR_DIMS(array));
	if (*n == 0)
		return NULL;
	parents = RunArenaAlloc(arena, sizeof(cc_str) * *n);
	array_iter_setup(&it, (AnyArrayType *) array);
	for (k = 0; k < *n; k++)
	{
		bool		isnull;
		Datum		e = array_iter_next(&it, &isnull, k, s->elem_len, s->elem_byval,
										s->elem_align);

		parents[k] = CopyStr(arena, e, isnull);
	}
	return parents;
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
	index_rescan(s->scan, &key, 1, NULL, 0);
	while (index_getnext_slot(s->scan, ForwardScanDirection, slot))
	{
		Datum	   *d = slot->tts_values;
		bool	   *isnull = slot->tts_isnull;
		const AttrNumber *at = s->attnums;
		cc_event   *ev;

		if ((n & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (n == cap)
		{
			cc_event   *more = RunArenaAlloc(arena, sizeof(cc_event) * 2 * cap);

			events = memcpy(more, events, sizeof(cc_event) * cap);
			cap *= 2;
		}
		ev = &events[n++];
		slot_getallattrs(slot);
		/* step_id and event_type are NOT NULL in events. */
		ev->step_id = DatumGetInt64(d[at[COL_STEP] - 1]);
		ev->type = EventType(s, d[at[COL_TYPE] - 1], run_name, ev->step_id);
		ev->agent_id = CopyStr(arena, d[at[COL_AGENT] - 1], isnull[at[COL_AGENT] - 1]);
		ev->claim_id = CopyStr(arena, d[at[COL_CLAIM] - 1], isnull[at[COL_CLAIM] - 1]);
		ev->n_parents = 0;
		ev->parents = isnull[at[COL_PARENTS] - 1] ? NULL :
			CopyParents(s, arena, d[at[COL_PARENTS] - 1], &ev->n_parents);
		ev->target_claim_id = CopyStr(arena, d[at[COL_TARGET] - 1], isnull[at[COL_TARGET] - 1]);
		ev->subtask_id = CopyStr(arena, d[at[COL_SUBTASK] - 1], isnull[at[COL_SUBTASK] - 1]);
		ev->parent_subtask_id = CopyStr(arena, d[at[COL_PARENT_SUBTASK] - 1],
										isnull[at[COL_PARENT_SUBTASK] - 1]);
		ev->has_ts = !isnull[at[COL_TS] - 1];
		ev->ts = ev->has_ts ? DatumGetTimestampTz(d[at[COL_TS] - 1]) : 0;
		ev->message_length = 0;
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
