/*
 * The watcher's reading of its state by key: the rows of dti_watch_claims or
 * dti_watch_cascades whose primary key is (run_id, one of a list of ids), each looked up in
 * the key. A query with "id = ANY (list)" would leave the choice to the planner, which,
 * with statistics lagging behind tables that grow run by run, reads and filters every row
 * of the run instead (a cost that grows with the run, for every statement).
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "executor/tuptable.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/snapmgr.h"

#include "dti_pg.h"

void
WatchProbe(const char *schema, const char *table, const char *run, char **ids, int n,
		   WatchProbeRow row, void *arg)
{
	Oid			relid;
	Relation	heap;
	Relation	index;
	Snapshot	snapshot;
	IndexScanDesc scan;
	TupleTableSlot *slot;
	ScanKeyData keys[2];

	if (n == 0)
		return;
	relid = DatumGetObjectId(DirectFunctionCall1(regclassin,
												 CStringGetDatum(psprintf("%s.%s", schema, table))));
	heap = table_open(relid, AccessShareLock);
	index = index_open(RelationGetPrimaryKeyIndex(heap), AccessShareLock);
	/* what the statements of the watcher see: the run's lock is held, its writes counted */
	snapshot = RegisterSnapshot(GetTransactionSnapshot());
	scan = index_beginscan(heap, index, snapshot, 2, 0);
	slot = table_slot_create(heap, NULL);
	ScanKeyEntryInitialize(&keys[0], 0, 1, BTEqualStrategyNumber, InvalidOid,
						   index->rd_indcollation[0], F_TEXTEQ, CStringGetTextDatum(run));
	for (int i = 0; i < n; i++)
	{
		ScanKeyEntryInitialize(&keys[1], 0, 2, BTEqualStrategyNumber, InvalidOid,
							   index->rd_indcollation[1], F_TEXTEQ, CStringGetTextDatum(ids[i]));
		index_rescan(scan, keys, 2, NULL, 0);
		if (index_getnext_slot(scan, ForwardScanDirection, slot))
		{
			slot_getallattrs(slot);
			row(arg, slot);
		}
	}
	ExecDropSingleTupleTableSlot(slot);
	index_endscan(scan);
	UnregisterSnapshot(snapshot);
	index_close(index, NoLock);
	table_close(heap, NoLock);
}
