/*
 * Reading a plain table through its primary key (see key_scan.h).
 */
#include "postgres.h"

#include "access/heapam.h"
#include "access/nbtree.h"
#include "access/relation.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_am.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "storage/predicate.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"

#include "pg/common/key_scan.h"

/*
 * Each check below says whether the scan reads the relation as a query would; when it does
 * not, it raises the error if strict, else returns false (and the query way reads it).
 */

static bool
CheckPlainTable(Relation heap, const KeyScanSpec *spec, bool strict)
{
	if (heap->rd_rel->relkind == RELKIND_RELATION)
		return true;
	if (strict)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a plain table", RelationGetRelationName(heap)),
				 errdetail("%s reads %s through their primary key %s.", spec->reader, spec->rows,
						   spec->key)));
	return false;
}

static bool
ColumnTypeOk(Oid type, Oid wanted)
{
	Oid			base = getBaseType(type);

	if (wanted == KEY_SCAN_TEXT_ARRAY)
		return OidIsValid(get_element_type(base)) &&
			getBaseType(get_element_type(base)) == TEXTOID;
	if (wanted == KEY_SCAN_ENUM)
		return type_is_enum(base);
	return base == wanted;
}

static bool
CheckColumns(Relation heap, const KeyScanSpec *spec, AttrNumber *attnums, bool strict)
{
	for (int c = 0; c < spec->ncols; c++)
	{
		Oid			type;

		attnums[c] = get_attnum(RelationGetRelid(heap), spec->names[c]);
		if (attnums[c] == InvalidAttrNumber)
		{
			if (strict)
				ereport(ERROR,
						(errcode(ERRCODE_UNDEFINED_COLUMN),
						 errmsg("column \"%s\" of relation \"%s\" does not exist",
								spec->names[c], RelationGetRelationName(heap))));
			return false;
		}
		type = TupleDescAttr(RelationGetDescr(heap), attnums[c] - 1)->atttypid;
		if (ColumnTypeOk(type, spec->types[c]))
			continue;
		if (strict)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of relation \"%s\" has type %s, which %s cannot read",
							spec->names[c], RelationGetRelationName(heap), format_type_be(type),
							spec->reader)));
		return false;
	}
	return true;
}

/* The caller may read each column, and sees every row. */
static bool
CheckReadable(Relation heap, const KeyScanSpec *spec, const AttrNumber *attnums, bool strict)
{
	Oid			relid = RelationGetRelid(heap);

	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		for (int c = 0; c < spec->ncols; c++)
		{
			AclResult	acl = pg_attribute_aclcheck(relid, attnums[c], GetUserId(), ACL_SELECT);

			if (acl != ACLCHECK_OK && !strict)
				return false;
			if (acl != ACLCHECK_OK)
				aclcheck_error_col(acl, OBJECT_TABLE, RelationGetRelationName(heap),
								   spec->names[c]);
		}
	if (check_enable_rls(relid, InvalidOid, false) != RLS_ENABLED)
		return true;
	if (strict)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("table \"%s\" has row-level security, which %s would not apply",
						RelationGetRelationName(heap), spec->reader),
				 errdetail("%s", spec->rls_detail)));
	return false;
}

/* The primary key, which must be the spec's key; NULL when it is not and not strict. */
static Relation
OpenPrimaryKey(Relation heap, const KeyScanSpec *spec, const AttrNumber *attnums, bool strict)
{
	Oid			pk = RelationGetPrimaryKeyIndex(heap);
	Relation	index;
	bool		same;

	if (!OidIsValid(pk))
	{
		if (strict)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("relation \"%s\" has no primary key", RelationGetRelationName(heap)),
					 errdetail("%s reads %s through their primary key %s.", spec->reader,
							   spec->rows, spec->key)));
		return NULL;
	}
	index = index_open(pk, AccessShareLock);
	/* a B-tree (as a primary key is) whose run ids compare bytewise (KeyScanNext) */
	same = index->rd_rel->relam == BTREE_AM_OID && index->rd_index->indnkeyatts == spec->nkeys &&
		get_collation_isdeterministic(index->rd_indcollation[0]);
	for (int k = 0; same && k < spec->nkeys; k++)
		same = index->rd_index->indkey.values[k] == attnums[k];
	if (same)
		return index;
	if (strict)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("primary key \"%s\" of relation \"%s\" is not %s",
						RelationGetRelationName(index), RelationGetRelationName(heap), spec->key)));
	index_close(index, NoLock);
	return NULL;
}

KeyScan *
KeyScanBegin(Oid relid, const KeyScanSpec *spec, bool strict)
{
	Relation	heap = table_open(relid, AccessShareLock);
	AttrNumber	attnums[KEY_SCAN_MAX_COLS] = {0};
	Relation	index = NULL;
	KeyScan    *s;

	Assert(spec->ncols <= KEY_SCAN_MAX_COLS && spec->nkeys <= spec->ncols);
	if (CheckPlainTable(heap, spec, strict) && CheckColumns(heap, spec, attnums, strict) &&
		CheckReadable(heap, spec, attnums, strict))
		index = OpenPrimaryKey(heap, spec, attnums, strict);
	if (index == NULL)
	{
		table_close(heap, NoLock);
		return NULL;
	}
	s = palloc0(sizeof(KeyScan));
	s->cxt = CurrentMemoryContext;
	s->heap = heap;
	s->index = index;
	memcpy(s->attnums, attnums, sizeof(AttrNumber) * spec->ncols);
	s->values = palloc_array(Datum, RelationGetDescr(heap)->natts);
	s->isnull = palloc_array(bool, RelationGetDescr(heap)->natts);
	s->snapshot = GetActiveSnapshot();
	s->scan = index_beginscan(heap, index, s->snapshot, 1, 0);
	s->ring = GetAccessStrategy(BAS_BULKREAD);
	s->tids = palloc_array(ItemPointerData, MaxTIDsPerBTreePage);
	s->rows = palloc_array(HeapTupleData, MaxTIDsPerBTreePage);
	s->found = palloc_array(bool, MaxTIDsPerBTreePage);
	s->next_leaf = InvalidBlockNumber;
	s->heap_buf = InvalidBuffer;
	return s;
}

/*
 * The index access method allocates scan memory as it goes (B-tree's killed items, once it
 * meets dead tuples): in the scan's own context, which lives until KeyScanEnd, never in a
 * caller's context that is reset between runs.
 *
 * The B-tree scan finds the run's first leaf page; the run's entries there are taken from
 * its position (nbtree.h), and the pages to the right are read by KeyScanNext.
 */
void
KeyScanRestart(KeyScan *s, Datum run_id)
{
	MemoryContext old = MemoryContextSwitchTo(s->cxt);
	BTScanOpaque so = (BTScanOpaque) s->scan->opaque;
	ScanKeyData key;
	text	   *id;

	ScanKeyEntryInitialize(&key, 0, 1, BTEqualStrategyNumber, InvalidOid,
						   s->index->rd_indcollation[0], F_TEXTEQ, run_id);
	index_rescan(s->scan, &key, 1, NULL, 0);
	s->run_id = run_id;
	id = DatumGetTextPP(run_id);
	s->run_bytes = VARDATA_ANY(id);
	s->run_len = VARSIZE_ANY_EXHDR(id);
	s->ntids = s->next_tid = s->found_upto = 0;
	s->next_leaf = InvalidBlockNumber;
	if (index_getnext_tid(s->scan, ForwardScanDirection) != NULL)
	{
		for (int i = so->currPos.itemIndex; i <= so->currPos.lastItem; i++)
			s->tids[s->ntids++] = so->currPos.items[i].heapTid;
		if (so->currPos.moreRight && so->currPos.nextPage != P_NONE)
			s->next_leaf = so->currPos.nextPage;
	}
	MemoryContextSwitchTo(old);
}

/* Whether an entry of the index belongs to the run being read: its run id has the same
 * bytes, as equal ids of a deterministic collation have. */
static bool
InRun(KeyScan *s, IndexTuple itup)
{
	bool		isnull;
	Datum		d = index_getattr(itup, 1, RelationGetDescr(s->index), &isnull);
	text	   *id = (text *) DatumGetPointer(d);

	if (isnull)
		return false;
	/* a long id the index keeps compressed: texteq decompresses and frees it */
	if (VARATT_IS_COMPRESSED(id))
		return DatumGetBool(DirectFunctionCall2Coll(texteq, s->index->rd_indcollation[0], d,
													s->run_id));
	return VARSIZE_ANY_EXHDR(id) == s->run_len &&
		memcmp(VARDATA_ANY(id), s->run_bytes, s->run_len) == 0;
}

/*
 * The run's entries of the next leaf page into s->tids, read as the B-tree reads a page
 * going right (nbtsearch.c): a deleted or half-dead page is stepped over, dead entries are
 * skipped, a posting list gives each of its heap TIDs, and the first entry of another run
 * ends the run. The page is released before the heap is visited, which an MVCC snapshot
 * allows (a TID freed since belongs to a row this snapshot cannot see).
 */
static void
ReadLeaf(KeyScan *s)
{
	Buffer		buf = ReadBufferExtended(s->index, MAIN_FORKNUM, s->next_leaf, RBM_NORMAL, s->ring);
	Page		page;
	BTPageOpaque opaque;

	LockBuffer(buf, BUFFER_LOCK_SHARE);
	_bt_checkpage(s->index, buf);
	PredicateLockPage(s->index, s->next_leaf, s->snapshot);
	page = BufferGetPage(buf);
	opaque = BTPageGetOpaque(page);
	s->ntids = s->next_tid = s->found_upto = 0;
	s->next_leaf = P_RIGHTMOST(opaque) ? InvalidBlockNumber : opaque->btpo_next;
	if (!P_IGNORE(opaque))
		for (OffsetNumber off = P_FIRSTDATAKEY(opaque); off <= PageGetMaxOffsetNumber(page);
			 off = OffsetNumberNext(off))
		{
			ItemId		iid = PageGetItemId(page, off);
			IndexTuple	itup = (IndexTuple) PageGetItem(page, iid);

			if (!InRun(s, itup))
			{
				s->next_leaf = InvalidBlockNumber;
				break;
			}
			if (ItemIdIsDead(iid))
				continue;
			if (!BTreeTupleIsPosting(itup))
				s->tids[s->ntids++] = itup->t_tid;
			else
				for (int i = 0; i < BTreeTupleGetNPosting(itup); i++)
					s->tids[s->ntids++] = *BTreeTupleGetPostingN(itup, i);
		}
	UnlockReleaseBuffer(buf);
}

/*
 * The row versions this snapshot sees of entry first and the entries after it that point
 * into the same heap page, found under one share lock of the page. The page stays pinned
 * (by s->heap_buf) while its rows are used.
 */
static void
FindRows(KeyScan *s, int first)
{
	BlockNumber block = ItemPointerGetBlockNumber(&s->tids[first]);
	int			i;

	if (!BufferIsValid(s->heap_buf) || BufferGetBlockNumber(s->heap_buf) != block)
	{
		if (BufferIsValid(s->heap_buf))
			ReleaseBuffer(s->heap_buf);
		s->heap_buf = ReadBufferExtended(s->heap, MAIN_FORKNUM, block, RBM_NORMAL, s->ring);
	}
	LockBuffer(s->heap_buf, BUFFER_LOCK_SHARE);
	for (i = first; i < s->ntids && ItemPointerGetBlockNumber(&s->tids[i]) == block; i++)
	{
		bool		all_dead;

		s->found[i] = heap_hot_search_buffer(&s->tids[i], s->heap, s->heap_buf, s->snapshot,
											 &s->rows[i], &all_dead, true);
	}
	LockBuffer(s->heap_buf, BUFFER_LOCK_UNLOCK);
	s->found_upto = i;
}

/* The run's rows in key order; the leaf pages are read as their entries run out. */
bool
KeyScanNext(KeyScan *s)
{
	for (;;)
	{
		while (s->next_tid < s->ntids)
		{
			int			i = s->next_tid++;

			if (i == s->found_upto)
				FindRows(s, i);
			if (s->found[i])
			{
				heap_deform_tuple(&s->rows[i], RelationGetDescr(s->heap), s->values, s->isnull);
				return true;
			}
		}
		if (s->next_leaf == InvalidBlockNumber)
			return false;
		CHECK_FOR_INTERRUPTS();
		ReadLeaf(s);
	}
}

void
KeyScanEnd(KeyScan *s)
{
	index_endscan(s->scan);
	if (BufferIsValid(s->heap_buf))
		ReleaseBuffer(s->heap_buf);
	FreeAccessStrategy(s->ring);
	index_close(s->index, NoLock);
	table_close(s->heap, NoLock);
	pfree(s->values);
	pfree(s->isnull);
	pfree(s->tids);
	pfree(s->rows);
	pfree(s->found);
	pfree(s);
}
