/*
 * The bulk writer of the derived tables (see derived_writer.h).
 *
 * What INSERT would do per row and this writer does not: evaluate defaults (every column is
 * given), check domain constraints (the values are identifiers copied from events, whose
 * columns carry the same domain, counts and collcog's own labels), fire triggers and apply
 * row-level security (tables with either are refused rather than bypassed).
 */
#include "postgres.h"

#include "access/heapam.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/index.h"
#include "catalog/pg_class.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "parser/parse_relation.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/rls.h"

#include "derived_writer.h"

/* Rows per multi-insert call, as COPY FROM batches them. */
#define WRITER_BATCH 1000

struct DerivedWriter
{
	Relation	rel;
	ResultRelInfo *rri;
	EState	   *estate;
	bool		maintain_indexes;
	bool		check_constraints;
	int			ncols;
	AttrNumber *attnums;		/* the table's attribute number of each given column */
	TupleTableSlot *slots[WRITER_BATCH];
	int			nqueued;
	BulkInsertState bistate;
};

/* Refuse a table this writer cannot fill the way INSERT would. */
static void
CheckTable(Relation rel)
{
	const char *name = RelationGetRelationName(rel);
	AclResult	acl = pg_class_aclcheck(RelationGetRelid(rel), GetUserId(), ACL_INSERT);

	if (acl != ACLCHECK_OK)
		aclcheck_error(acl, get_relkind_objtype(rel->rd_rel->relkind), name);
	if (rel->rd_rel->relkind != RELKIND_RELATION)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a plain table", name),
				 errdetail("collcog writes its derived tables in bulk and cannot write a view, partitioned or foreign table.")));
	if (rel->trigdesc != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("table \"%s\" has triggers, which collcog's bulk writer would not fire", name),
				 errhint("Drop the triggers: the derived tables are rebuilt from events, never edited.")));
	if (check_enable_rls(RelationGetRelid(rel), InvalidOid, false) == RLS_ENABLED)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("table \"%s\" has row-level security, which collcog's bulk writer would not apply", name)));
}

/* Map the given columns onto the table's, which must be exactly these with these types. */
static AttrNumber *
MapColumns(Relation rel, int ncols, const char *const *columns, const Oid *types)
{
	const char *name = RelationGetRelationName(rel);
	TupleDesc	desc = RelationGetDescr(rel);
	AttrNumber *attnums = palloc_array(AttrNumber, ncols);
	int			live = 0,
				k,
				a;

	for (k = 0; k < ncols; k++)
	{
		Form_pg_attribute attr;

		attnums[k] = attnameAttNum(rel, columns[k], false);
		if (attnums[k] == InvalidAttrNumber)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("table \"%s\" has no column \"%s\"", name, columns[k])));
		attr = TupleDescAttr(desc, attnums[k] - 1);
		if (getBaseType(attr->atttypid) != types[k])
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of table \"%s\" has type %s, but collcog writes %s",
							columns[k], name, format_type_be(attr->atttypid),
							format_type_be(types[k]))));
	}
	for (a = 0; a < desc->natts; a++)
		if (!TupleDescAttr(desc, a)->attisdropped)
			live++;
	if (live != ncols)
		for (a = 0; a < desc->natts; a++)
		{
			Form_pg_attribute attr = TupleDescAttr(desc, a);
			bool		ours = false;

			for (k = 0; k < ncols; k++)
				ours = ours || attnums[k] == attr->attnum;
			if (!attr->attisdropped && !ours)
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("column \"%s\" of table \"%s\" is not one collcog writes",
								NameStr(attr->attname), name),
						 errhint("The derived tables are rebuilt from events; keep your own columns in a table of your own.")));
		}
	return attnums;
}

DerivedWriter *
DerivedWriterOpen(EState *estate, Oid relid, int ncols, const char *const *columns,
				  const Oid *types, bool maintain_indexes)
{
	DerivedWriter *w = palloc0_object(DerivedWriter);
	TupleConstr *constr;
	int			i;

	w->rel = table_open(relid, RowExclusiveLock);
	CheckTable(w->rel);
	/* Without index maintenance the indexes must be rebuilt, which is only right for a
	 * table emptied in this transaction: truncated (a new file), or created in it (as by
	 * CREATE EXTENSION), which TRUNCATE empties in place. */
	if (!maintain_indexes && w->rel->rd_newRelfilenodeSubid == InvalidSubTransactionId &&
		w->rel->rd_createSubid == InvalidSubTransactionId)
		elog(ERROR, "collcog: \"%s\" was not truncated in this transaction",
			 RelationGetRelationName(w->rel));
	w->attnums = MapColumns(w->rel, ncols, columns, types);
	w->ncols = ncols;
	w->estate = estate;
	w->maintain_indexes = maintain_indexes;
	constr = RelationGetDescr(w->rel)->constr;
	w->check_constraints = constr != NULL && (constr->num_check > 0 || constr->has_not_null);
	w->rri = makeNode(ResultRelInfo);
	InitResultRelInfo(w->rri, w->rel, 0, NULL, 0);
	if (maintain_indexes)
		ExecOpenIndices(w->rri, false);
	for (i = 0; i < WRITER_BATCH; i++)
		w->slots[i] = table_slot_create(w->rel, NULL);
	w->bistate = GetBulkInsertState();
	return w;
}

void
DerivedWriterPut(DerivedWriter *w, const Datum *values, const bool *nulls)
{
	TupleTableSlot *slot;
	int			k;

	if (w->nqueued == WRITER_BATCH)
		DerivedWriterFlush(w);
	slot = w->slots[w->nqueued++];
	ExecClearTuple(slot);
	/* Dropped columns stay NULL. */
	memset(slot->tts_isnull, true, slot->tts_tupleDescriptor->natts * sizeof(bool));
	for (k = 0; k < w->ncols; k++)
	{
		slot->tts_values[w->attnums[k] - 1] = values[k];
		slot->tts_isnull[w->attnums[k] - 1] = nulls[k];
	}
	ExecStoreVirtualTuple(slot);
	if (w->check_constraints)
		ExecConstraints(w->rri, slot, w->estate);
}

void
DerivedWriterFlush(DerivedWriter *w)
{
	int			i;

	if (w->nqueued == 0)
		return;
	/* A reloaded table is filled strictly in order: the free space map would send short
	 * rows back to earlier pages and break the key order the index build relies on. */
	table_multi_insert(w->rel, w->slots, w->nqueued, GetCurrentCommandId(true),
					   w->maintain_indexes ? 0 : TABLE_INSERT_SKIP_FSM, w->bistate);
	for (i = 0; i < w->nqueued; i++)
	{
		if (w->maintain_indexes && w->rri->ri_NumIndices > 0)
			list_free(ExecInsertIndexTuples(w->rri, w->slots[i], w->estate, false, false,
											NULL, NIL));
		ExecClearTuple(w->slots[i]);
	}
	w->nqueued = 0;
	ResetPerTupleExprContext(w->estate);
}

void
DerivedWriterClose(DerivedWriter *w)
{
	int			i;

	DerivedWriterFlush(w);
	for (i = 0; i < WRITER_BATCH; i++)
		ExecDropSingleTupleTableSlot(w->slots[i]);
	FreeBulkInsertState(w->bistate);
	table_finish_bulk_insert(w->rel, w->maintain_indexes ? 0 : TABLE_INSERT_SKIP_FSM);
	if (w->maintain_indexes)
		ExecCloseIndices(w->rri);
	table_close(w->rel, NoLock);
	pfree(w->attnums);
	pfree(w);
}

void
DerivedWriterRebuildIndexes(Oid relid)
{
	ReindexParams params = {0};

	/* Make the rows just written visible to the index build. */
	CommandCounterIncrement();
	reindex_relation(relid, REINDEX_REL_CHECK_CONSTRAINTS, &params);
}
