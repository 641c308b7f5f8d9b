/*
 * Locks that order the writers of runs' derived rows: build_cascades() and the trigger that
 * deletes the derived rows of deleted runs (delete_derived_rows in
 * src/sql/20_cascade_tables.sql, which takes the same keys with pg_advisory_xact_lock). They
 * are advisory and transaction-scoped, keyed on the runs table (see cascade_pg.h), so they
 * need no privilege and hold until commit or rollback.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_collation.h"
#include "miscadmin.h"
#include "storage/lock.h"
#include "utils/builtins.h"

#include "cascade_pg.h"

/* Take the lock, waiting under READ COMMITTED; a wait is a serialization failure where
 * the transaction's snapshot could not see what the holder commits. */
static void
Acquire(LOCKTAG *tag, LOCKMODE mode, const char *what)
{
	if (LockAcquire(tag, mode, false, true) != LOCKACQUIRE_NOT_AVAIL)
		return;
	if (IsolationUsesXactSnapshot())
		ereport(ERROR,
				(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				 errmsg("could not serialize access due to a concurrent change of %s", what),
				 errdetail("Another transaction is building or deleting the derived rows of %s.",
						   what),
				 errhint("Retry the transaction.")));
	(void) LockAcquire(tag, mode, false, false);
}

void
LockWarehouse(Oid runs, bool exclusive)
{
	LOCKTAG		tag;

	/* pg_advisory_xact_lock(bigint runs oid): field4 1, the high half 0 */
	SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, 0, (uint32) runs, 1);
	Acquire(&tag, exclusive ? ExclusiveLock : ShareLock, "the derived tables");
}

void
LockRun(Oid runs, Datum run_id)
{
	LOCKTAG		tag;
	int32		hash = DatumGetInt32(DirectFunctionCall1Coll(hashtext, C_COLLATION_OID, run_id));

	/* pg_advisory_xact_lock(runs oid::int4, hashtext(run_id)): field4 2 */
	SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, (uint32) runs, (uint32) hash, 2);
	Acquire(&tag, ExclusiveLock, psprintf("run \"%s\"", TextDatumGetCString(run_id)));
}
