/*
 * The watcher's writing of its state rows without SQL: rows inserted, or updated at a known
 * tid, in a table of the watcher (dti_watch_claims, dti_watch_cascades), with their index
 * entries. A statement per write would be planned once for tables that grow run by run (a
 * plan of a join by tid made while the table is empty scans it whole later) and costs more
 * than the row itself. The run's row lock serialises the watchers of a run, so the rows
 * written are no other session's. The role needs the privileges the SQL would need.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/heapam.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/index.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "storage/bufmgr.h"
#include "utils/snapmgr.h"

#include "dti_pg.h"

typedef struct Writer
{
	Relation	heap;
	int			n_indexes;
	Relation   *indexes;
	IndexInfo **infos;
	TupleTableSlot *slot;
} Writer;

/* Open table to write (mode: ACL_INSERT or ACL_UPDATE, which the role must hold, as SQL). */
static void
OpenWriter(Writer *w, const char *schema, const char *table, AclMode mode)
{
	Oid			relid = DatumGetObjectId(DirectFunctionCall1(regclassin,
															 CStringGetDatum(psprintf("%s.%s", schema, table))));
	List	   *list;
	ListCell   *lc;
	int			i = 0;

	AclResult	acl = pg_class_aclcheck(relid, GetUserId(), mode);

	if (acl != ACLCHECK_OK)
		aclcheck_error(acl, OBJECT_TABLE, table);
	w->heap = table_open(relid, RowExclusiveLock);
	list = RelationGetIndexList(w->heap);
	w->n_indexes = list_length(list);
	w->indexes = palloc_array(Relation, Max(w->n_indexes, 1));
	w->infos = palloc_array(IndexInfo *, Max(w->n_indexes, 1));
	foreach(lc, list)
	{
		w->indexes[i] = index_open(lfirst_oid(lc), RowExclusiveLock);
		w->infos[i] = BuildIndexInfo(w->indexes[i]);
		i++;
	}
	w->slot = MakeSingleTupleTableSlot(RelationGetDescr(w->heap), &TTSOpsHeapTuple);
}

static void
CloseWriter(Writer *w)
{
	ExecDropSingleTupleTableSlot(w->slot);
	for (int i = 0; i < w->n_indexes; i++)
		index_close(w->indexes[i], NoLock);
	table_close(w->heap, NoLock);
}

/* The index entries of tuple tup (all of them, or none for a heap-only tuple). */
static void
IndexRow(Writer *w, HeapTuple tup)
{
	Datum		values[INDEX_MAX_KEYS];
	bool		isnull[INDEX_MAX_KEYS];

	if (HeapTupleIsHeapOnly(tup))
		return;
	ExecStoreHeapTuple(tup, w->slot, false);
	for (int i = 0; i < w->n_indexes; i++)
	{
		FormIndexDatum(w->infos[i], w->slot, NULL, values, isnull);
		(void) index_insert(w->indexes[i], values, isnull, &tup->t_self, w->heap,
							w->indexes[i]->rd_index->indisunique ? UNIQUE_CHECK_YES : UNIQUE_CHECK_NO,
							false, w->infos[i]);
	}
	ExecClearTuple(w->slot);
}

void
WatchInsertRows(const char *schema, const char *table, int n, WatchRowFill fill, void *arg,
				ItemPointer tids)
{
	Writer		w;
	CommandId	cid = GetCurrentCommandId(true);

	if (n == 0)
		return;
	OpenWriter(&w, schema, table, ACL_INSERT);
	{
		int			natts = RelationGetDescr(w.heap)->natts;
		Datum	   *values = palloc_array(Datum, natts);
		bool	   *isnull = palloc_array(bool, natts);

		for (int i = 0; i < n; i++)
		{
			HeapTuple	tup;

			memset(isnull, 0, sizeof(bool) * natts);
			fill(arg, i, values, isnull);
			tup = heap_form_tuple(RelationGetDescr(w.heap), values, isnull);
			heap_insert(w.heap, tup, cid, 0, NULL);
			IndexRow(&w, tup);
			if (tids != NULL)
				tids[i] = tup->t_self;
			heap_freetuple(tup);
		}
	}
	CloseWriter(&w);
}

void
WatchUpdateRows(const char *schema, const char *table, int n, ItemPointer tids,
				WatchRowFill fill, void *arg)
{
	Writer		w;

	if (n == 0)
		return;
	OpenWriter(&w, schema, table, ACL_UPDATE);
	{
		int			natts = RelationGetDescr(w.heap)->natts;
		Datum	   *values = palloc_array(Datum, natts);
		bool	   *isnull = palloc_array(bool, natts);
		TupleTableSlot *old = table_slot_create(w.heap, NULL);

		for (int i = 0; i < n; i++)
		{
			HeapTuple	tup;

			Buffer		buffer = ReadBuffer(w.heap, ItemPointerGetBlockNumber(&tids[i]));

			/* room for the new version on the old one's page, as a scan would make it */
			heap_page_prune_opt(w.heap, buffer);
			ReleaseBuffer(buffer);
			/* the row as the run's last write left it (its tid is that version's) */
			if (!table_tuple_fetch_row_version(w.heap, &tids[i], SnapshotAny, old))
				elog(ERROR, "collcog: a row of %s.%s written by the DTI watcher is gone",
					 schema, table);
			slot_getallattrs(old);
			memcpy(values, old->tts_values, sizeof(Datum) * natts);
			memcpy(isnull, old->tts_isnull, sizeof(bool) * natts);
			fill(arg, i, values, isnull);
			tup = heap_form_tuple(RelationGetDescr(w.heap), values, isnull);
			simple_heap_update(w.heap, &tids[i], tup);
			IndexRow(&w, tup);
			tids[i] = tup->t_self;
			heap_freetuple(tup);
			ExecClearTuple(old);
		}
		ExecDropSingleTupleTableSlot(old);
	}
	CloseWriter(&w);
}
