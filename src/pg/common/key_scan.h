/*
 * Reading a plain table through its primary key, decoded straight from the heap tuples (no
 * SQL statement, no tuple copies, no casts), for the readers of collcog's run tables
 * (events_scan.c, the messages of the gce topic). The scan is taken only where it reads what
 * the caller's own query would: a plain table whose primary key is exactly the reader's key
 * columns, whose columns have the expected types, whose columns the caller may read, and to
 * which no row-level security applies. Otherwise KeyScanBegin returns NULL (the reader falls
 * back to a query) or, if strict, raises the error that says why.
 *
 * A run is read as a sequential scan reads a table: the B-tree scan finds its first leaf
 * page, and the leaf pages to the right of it and the heap pages they point to are read one
 * after the other through a small ring of buffers (BAS_BULKREAD). Read through shared_buffers
 * as an index scan reads, each page lands in a buffer no process has touched lately, which
 * costs several times the read itself once a run's pages outnumber the buffers.
 */
#ifndef COLLCOG_PG_KEY_SCAN_H
#define COLLCOG_PG_KEY_SCAN_H

#include "postgres.h"

#include "access/genam.h"
#include "access/htup.h"
#include "storage/bufmgr.h"
#include "utils/relcache.h"

/* Column types a reader may ask for besides a base type (a domain over it also reads). */
#define KEY_SCAN_TEXT_ARRAY ((Oid) 1)	/* an array of text */
#define KEY_SCAN_ENUM ((Oid) 2)			/* any enum */

#define KEY_SCAN_MAX_COLS 16

typedef struct KeyScanSpec
{
	const char *reader;			/* for errors: who reads ("build_cascades") */
	const char *rows;			/* what the rows are ("events") */
	const char *key;			/* the key as text: "(run_id, step_id)" */
	const char *rls_detail;		/* errdetail for refused row-level security */
	int			ncols;
	const char *const *names;
	const Oid  *types;
	int			nkeys;			/* the primary key: exactly the first nkeys columns */
} KeyScanSpec;

typedef struct KeyScan
{
	MemoryContext cxt;			/* where the scan lives, and scans */
	Relation	heap;
	Relation	index;
	IndexScanDesc scan;			/* finds a run's first leaf page */
	Datum	   *values;			/* the current row's columns, by attribute number - 1 */
	bool	   *isnull;
	AttrNumber	attnums[KEY_SCAN_MAX_COLS];	/* of each spec column */
	/* The rest of a run is read page by page through a ring of buffers (key_scan.c). */
	Snapshot	snapshot;
	BufferAccessStrategy ring;
	Datum		run_id;			/* the run read (the caller's), and its bytes */
	const char *run_bytes;
	int			run_len;
	ItemPointerData *tids;		/* the run's entries of the leaf page read last */
	int			ntids;
	int			next_tid;
	HeapTupleData *rows;		/* [i]: the version of tids[i] the snapshot sees, */
	bool	   *found;			/* if there is one; known for i < found_upto */
	int			found_upto;
	BlockNumber next_leaf;		/* the leaf page to read next, or InvalidBlockNumber */
	Buffer		heap_buf;		/* the heap page read last, pinned */
} KeyScan;

/* Open relid (AccessShareLock) for a scan in the current memory context; see above. */
extern KeyScan *KeyScanBegin(Oid relid, const KeyScanSpec *spec, bool strict);

/* Restart at the rows whose first key column (text) equals run_id, in key order; run_id
 * is read until the last of them. */
extern void KeyScanRestart(KeyScan *s, Datum run_id);

/* The next row with all its columns deformed (KeyScanValue), or false after the last. */
extern bool KeyScanNext(KeyScan *s);

/* Column c (an index into the spec's columns) of the current row, until the next KeyScanNext. */
static inline Datum
KeyScanValue(const KeyScan *s, int c, bool *isnull)
{
	*isnull = s->isnull[s->attnums[c] - 1];
	return s->values[s->attnums[c] - 1];
}

extern void KeyScanEnd(KeyScan *s);

#endif							/* COLLCOG_PG_KEY_SCAN_H */
