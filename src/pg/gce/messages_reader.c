/*
 * The reader of messages for the type-level functions (see gce_pg.h): the agents of the
 * runs asked for and their types (an interning table per run maps an agent id to its type),
 * then the messages in (run_id, t) order, so each run's rounds come in order and a caller
 * keeps only the state of the round in progress.
 *
 * Two ways, one result, as for events (pg/common/events_reader.h): where collcog's messages
 * table is a plain table whose primary key is (run_id, t, source, target), whose columns
 * have their usual types, which the caller may read whole and to which no row-level security
 * applies, each run is read through that key (pg/common/key_scan.h): no SQL statement, no
 * tuple copies. Otherwise a cursor over a query in (run_id, t) order reads them, applying
 * what the caller's own query would.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "collcog/common.h"
#include "pg/common/key_scan.h"
#include "pg/common/run_ids.h"
#include "pg/common/spi_exec.h"

#include "agent_table.h"
#include "gce_pg.h"

#define FETCH_ROWS 10000

/* The columns the key way reads, in this order: the primary key first. */
enum
{
	COL_RUN, COL_T, COL_SOURCE, COL_TARGET, COL_WEIGHT, NCOLS
};

static const char *const column_names[NCOLS] = {"run_id", "t", "source", "target", "weight"};
static const Oid column_types[NCOLS] = {TEXTOID, INT4OID, TEXTOID, TEXTOID, FLOAT8ARRAYOID};

static const KeyScanSpec key_spec = {
	.reader = "type_prominence",
	.rows = "messages",
	.key = "(run_id, t, source, target)",
	.rls_detail = "",
	.ncols = NCOLS,
	.names = column_names,
	.types = column_types,
	.nkeys = 4
};

/* The agents' columns the key way reads: the primary key, then the type. */
static const char *const agent_column_names[3] = {"run_id", "agent_id", "agent_type"};
static const Oid agent_column_types[3] = {TEXTOID, TEXTOID, TEXTOID};

static const KeyScanSpec agents_spec = {
	.reader = "type_prominence",
	.rows = "agents",
	.key = "(run_id, agent_id)",
	.rls_detail = "",
	.ncols = 3,
	.names = agent_column_names,
	.types = agent_column_types,
	.nkeys = 2
};

typedef struct ReaderRun
{
	char	   *name;
	int			len;
	Datum		run_id;			/* text */
	AgentTable *agents;			/* agent id -> type */
	int			n_agents;
	bool	   *has_type;		/* [ntypes] */
	int			dim;			/* of its weights; 0 until the first message */
	bool		checked;		/* has two types or more */
} ReaderRun;

struct MessagesReader
{
	MemoryContext cxt;
	ReaderRun  *runs;			/* sorted by name, bytewise */
	int			n_runs;
	int			runs_cap;
	char	  **type_names;		/* sorted */
	Datum	   *type_datums;
	int			n_types;
	KeyScan    *scan;			/* the key way, or NULL: */
	Portal		portal;			/* the query way */
	SPITupleTable *batch;
	MemoryContext message_cxt;	/* values detoasted for the last message, reset with it */
	uint64		next;
	int			current;		/* run of the last message */
	bool		in_run;			/* the key scan may have more messages of run current */
	/* the last message's source, its run and its type: a round's messages come by source */
	char	   *last_source;
	int			last_source_len;
	Size		last_source_cap;
	int			last_source_run;
	int			last_source_type;
	ArrayType  *wbuf;			/* an aligned copy of a short-header weight */
	Size		wbuf_size;
};

/* Bytewise order of (ptr, len) strings, as COLLATE "C" compares trace ids. */
static int
CompareBytes(const char *a, int alen, const char *b, int blen)
{
	int			c = memcmp(a, b, Min(alen, blen));

	return c != 0 ? c : (alen > blen) - (alen < blen);
}

static int
CompareNames(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static int
FindType(const MessagesReader *r, const char *name, int len)
{
	int			lo = 0,
				hi = r->n_types - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = CompareBytes(name, len, r->type_names[mid], strlen(r->type_names[mid]));

		if (c == 0)
			return mid;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	elog(ERROR, "collcog: agent type \"%.*s\" not in the type list", len, name);
}

static int
FindRun(const MessagesReader *r, const char *name, int len)
{
	int			lo = 0,
				hi = r->n_runs - 1;

	if (r->runs == NULL)
		return -1;
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = CompareBytes(name, len, r->runs[mid].name, r->runs[mid].len);

		if (c == 0)
			return mid;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

/* A run of the reader, without agents yet. */
static ReaderRun *
AddRun(MessagesReader *r, const char *name, int len)
{
	ReaderRun  *run;

	if (r->runs == NULL)
	{
		r->runs_cap = 16;
		r->runs = palloc_array(ReaderRun, r->runs_cap);
	}
	else if (r->n_runs == r->runs_cap)
	{
		r->runs_cap *= 2;
		r->runs = repalloc_array(r->runs, ReaderRun, r->runs_cap);
	}
	run = &r->runs[r->n_runs++];
	memset(run, 0, sizeof(ReaderRun));
	run->name = pnstrdup(name, len);
	run->len = len;
	run->run_id = PointerGetDatum(cstring_to_text_with_len(name, len));
	/* sized as the run before, as runs of one study tend to be: no table grows run after run */
	run->agents = AgentTableCreate(r->cxt, r->n_runs > 1 ? run[-1].n_agents : 1024);
	return run;
}

/*
 * Agent id of run, of type type (NULL: an error); types interns the type names, and the
 * agent keeps its type's index there until SortTypes.
 */
static void
AddAgent(ReaderRun *run, cc_intern *types, text *id, text *type)
{
	cc_str		tkey;
	bool		is_new;
	int32		tk;

	if (type == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("agent \"%s\" of run \"%s\" has no agent_type",
						text_to_cstring(id), run->name),
				 errdetail("Type-level measures need the type of every agent of the runs they read.")));
	tkey.ptr = VARDATA_ANY(type);
	tkey.len = VARSIZE_ANY_EXHDR(type);
	tk = cc_intern_find(types, tkey);
	if (tk < 0)
	{
		/* a name of its own: the type's bytes may live in a buffer page */
		tkey.ptr = pnstrdup(tkey.ptr, tkey.len);
		tk = cc_intern_add(types, tkey, &is_new);
		if (tk < 0)
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory")));
	}
	AgentTableAdd(run->agents, VARDATA_ANY(id), VARSIZE_ANY_EXHDR(id), tk);
	run->n_agents++;
}

/* The type names sorted bytewise, every agent's type an index into them, and has_type. */
static void
SortTypes(MessagesReader *r, cc_intern *types)
{
	int		   *sorted_index = palloc_array(int, Max(types->n, 1));

	r->n_types = types->n;
	r->type_names = palloc_array(char *, Max(r->n_types, 1));
	r->type_datums = palloc_array(Datum, Max(r->n_types, 1));
	for (int k = 0; k < r->n_types; k++)
		r->type_names[k] = pnstrdup(types->keys[k].ptr, types->keys[k].len);
	qsort(r->type_names, r->n_types, sizeof(char *), CompareNames);
	for (int k = 0; k < r->n_types; k++)
	{
		sorted_index[k] = FindType(r, types->keys[k].ptr, types->keys[k].len);
		r->type_datums[k] = CStringGetTextDatum(r->type_names[k]);
	}
	for (int i = 0; i < r->n_runs; i++)
	{
		ReaderRun  *run = &r->runs[i];

		run->has_type = palloc0_array(bool, Max(r->n_types, 1));
		AgentTableRetype(run->agents, sorted_index, r->n_types, run->has_type);
	}
}

/* The agents of runs run_ids (n of them, in run_id order) through agents' primary key. */
static void
LoadAgentsByKey(MessagesReader *r, KeyScan *scan, Datum *run_ids, int n, cc_intern *types)
{
	for (int i = 0; i < n; i++)
	{
		text	   *name = DatumGetTextPP(run_ids[i]);
		ReaderRun  *run = NULL;

		CHECK_FOR_INTERRUPTS();
		KeyScanRestart(scan, run_ids[i]);
		while (KeyScanNext(scan))
		{
			bool		isnull;
			Datum		id = KeyScanValue(scan, 1, &isnull);
			Datum		type = KeyScanValue(scan, 2, &isnull);

			if (run == NULL)
				run = AddRun(r, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
			AddAgent(run, types, DatumGetTextPP(id), isnull ? NULL : DatumGetTextPP(type));
		}
	}
}

/* The same through a query (where agents is not a plain table with its key). */
static void
LoadAgentsByQuery(MessagesReader *r, const char *schema, Datum run_ids, cc_intern *types)
{
	Oid			argtypes[1] = {TEXTARRAYOID};
	Datum		values[1] = {run_ids};
	SPITupleTable *tt;
	int			rc;

	rc = SPI_execute_with_args(psprintf("SELECT run_id, agent_id, agent_type FROM %s.agents "
										"WHERE run_id = ANY ($1) ORDER BY run_id, agent_id",
										schema),
							   1, argtypes, values, NULL, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute_with_args returned %s", SPI_result_code_string(rc));
	tt = SPI_tuptable;
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		text	   *run = DatumGetTextPP(SPI_getbinval(tt->vals[i], tt->tupdesc, 1, &isnull));
		text	   *id = DatumGetTextPP(SPI_getbinval(tt->vals[i], tt->tupdesc, 2, &isnull));
		Datum		type = SPI_getbinval(tt->vals[i], tt->tupdesc, 3, &isnull);
		ReaderRun  *cur = r->n_runs > 0 ? &r->runs[r->n_runs - 1] : NULL;

		if (cur == NULL || CompareBytes(VARDATA_ANY(run), VARSIZE_ANY_EXHDR(run),
										cur->name, cur->len) != 0)
			cur = AddRun(r, VARDATA_ANY(run), VARSIZE_ANY_EXHDR(run));
		AddAgent(cur, types, id, isnull ? NULL : DatumGetTextPP(type));
	}
	SPI_freetuptable(tt);
}

/*
 * The runs asked for (run_ids, NULL for all) in run_id order, or part part of parts of
 * them: every parts-th, starting with the part-th. *n of them, as text Datums.
 */
static Datum *
RunsToRead(const char *schema, Datum run_ids, int part, int parts, int *n)
{
	Oid			argtypes[1] = {TEXTARRAYOID};
	Datum		values[1] = {run_ids};
	Datum	   *ids;
	int			rc;

	rc = SPI_execute_with_args(psprintf("SELECT run_id::pg_catalog.text FROM %s.runs%s "
										"ORDER BY run_id", schema,
										run_ids != (Datum) 0 ? " WHERE run_id = ANY ($1)" : ""),
							   run_ids != (Datum) 0 ? 1 : 0, argtypes, values, NULL, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute_with_args returned %s", SPI_result_code_string(rc));
	ids = palloc_array(Datum, Max(SPI_processed / parts + 1, 1));
	*n = 0;
	for (uint64 i = part - 1; i < SPI_processed; i += parts)
	{
		bool		isnull;

		ids[(*n)++] = SPI_datumTransfer(SPI_getbinval(SPI_tuptable->vals[i],
													  SPI_tuptable->tupdesc, 1, &isnull),
										false, -1);
	}
	SPI_freetuptable(SPI_tuptable);
	return ids;
}

/* The agents of the runs read, with their types; raises on an agent without a type. */
static void
LoadAgents(MessagesReader *r, Oid nsp, const char *schema, Datum *run_ids, int n)
{
	Oid			relid = get_relname_relid("agents", nsp);
	KeyScan    *scan = OidIsValid(relid) ? KeyScanBegin(relid, &agents_spec, false) : NULL;
	MemoryContext old = MemoryContextSwitchTo(r->cxt);
	cc_intern	types;

	if (cc_intern_init(&types, 16) != CC_OK)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory")));
	if (scan != NULL)
	{
		LoadAgentsByKey(r, scan, run_ids, n, &types);
		KeyScanEnd(scan);
	}
	else
		LoadAgentsByQuery(r, schema, PointerGetDatum(construct_array(run_ids, n, TEXTOID, -1, false,
																	TYPALIGN_INT)), &types);
	SortTypes(r, &types);
	cc_intern_free(&types);
	MemoryContextSwitchTo(old);
}

/* The key way for collcog's messages table, or NULL where it would not read what a query does. */
static KeyScan *
MessagesKeyScan(FunctionCallInfo fcinfo)
{
	Oid			relid = get_relname_relid("messages", get_func_namespace(fcinfo->flinfo->fn_oid));

	return OidIsValid(relid) ? KeyScanBegin(relid, &key_spec, false) : NULL;
}

MessagesReader *
MessagesReaderBegin(FunctionCallInfo fcinfo, int run_ids_arg, int part, int parts)
{
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "collcog messages reader",
											  ALLOCSET_DEFAULT_SIZES);
	MessagesReader *r = MemoryContextAllocZero(cxt, sizeof(MessagesReader));
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	const char *schema = quote_identifier(get_namespace_name(nsp));
	bool		given = PG_NARGS() > run_ids_arg && !PG_ARGISNULL(run_ids_arg);
	Datum		run_ids = given ? PG_GETARG_DATUM(run_ids_arg) : (Datum) 0;
	Oid			argtypes[1] = {TEXTARRAYOID};
	int			search_path = SpiSearchPathBegin();
	Datum	   *ids;
	int			n;
	SPIPlanPtr	plan;

	r->cxt = cxt;
	r->message_cxt = AllocSetContextCreate(cxt, "collcog message", ALLOCSET_DEFAULT_SIZES);
	r->last_source_run = -1;
	r->current = -1;
	SPI_connect();
	if (given)
		CheckRunIds(DatumGetArrayTypeP(run_ids), psprintf("%s.runs", schema));
	ids = RunsToRead(schema, run_ids, part, parts, &n);
	if (n > 0)
	{
		LoadAgents(r, nsp, schema, ids, n);
		MemoryContextSwitchTo(cxt);
		r->scan = MessagesKeyScan(fcinfo);
	}
	if (n == 0 || r->scan != NULL)
	{
		/* nothing more to ask SPI: the messages come through the key */
		SPI_finish();
		SpiSearchPathEnd(search_path);
		return r;
	}
	plan = SpiPrepare(psprintf("SELECT run_id, t, source, target, weight FROM %s.messages "
							   "WHERE run_id = ANY ($1) ORDER BY run_id, t, source COLLATE pg_catalog.\"C\", "
							   "target COLLATE pg_catalog.\"C\"", schema),
					  1, argtypes);
	run_ids = PointerGetDatum(construct_array(ids, n, TEXTOID, -1, false, TYPALIGN_INT));
	r->portal = SPI_cursor_open(NULL, plan, &run_ids, NULL, true);
	SpiSearchPathEnd(search_path);
	MemoryContextSwitchTo(caller);
	return r;
}

bool
MessagesReaderStreams(const MessagesReader *r)
{
	return r->portal == NULL;
}

/* Raise unless run has agents of two types or more (once, at its first message). */
static void
CheckRun(const MessagesReader *r, ReaderRun *run)
{
	int			first = -1,
				n = 0;

	if (run->checked)
		return;
	for (int k = 0; k < r->n_types; k++)
		if (run->has_type[k])
		{
			if (first < 0)
				first = k;
			n++;
		}
	if (n < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the agents of run \"%s\" are all of type \"%s\"", run->name,
						r->type_names[first]),
				 errdetail("Type-level measures compare a type with the others: a run needs agents of at least two types.")));
	run->checked = true;
}

/* The run of a message read by the query way. */
static ReaderRun *
QueryMessageRun(MessagesReader *r, Datum d)
{
	text	   *name = DatumGetTextPP(d);
	ReaderRun  *run = r->current >= 0 ? &r->runs[r->current] : NULL;

	if (run != NULL &&
		CompareBytes(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), run->name, run->len) == 0)
		return run;
	r->current = FindRun(r, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
	if (r->current < 0)
		elog(ERROR, "collcog: a message of run \"%s\" without agents", text_to_cstring(name));
	return &r->runs[r->current];
}

/* The type of agent id (len bytes) of run; raises when it has none. */
static int
AgentType(const ReaderRun *run, const char *id, int len)
{
	int			k = AgentTableFind(run->agents, id, len);

	if (k < 0)
		elog(ERROR, "collcog: agent \"%.*s\" of a message of run \"%s\" is not among its agents",
			 len, id, run->name);
	return k;
}

/*
 * A weight as an aligned array without copying it where it is one already: a short-header
 * value (as small arrays are stored) is copied into a buffer kept from message to message,
 * a compressed or out-of-line one detoasted into the message's context.
 */
static ArrayType *
WeightArray(MessagesReader *r, Datum d)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);
	MemoryContext old;
	ArrayType  *arr;
	Size		size;

	if (!VARATT_IS_EXTENDED(v))
		return (ArrayType *) v;
	/* an out-of-line pointer has a short header too */
	if (!VARATT_IS_SHORT(v) || VARATT_IS_EXTERNAL(v))
	{
		old = MemoryContextSwitchTo(r->message_cxt);
		arr = DatumGetArrayTypeP(d);
		MemoryContextSwitchTo(old);
		return arr;
	}
	size = VARSIZE_SHORT(v) - VARHDRSZ_SHORT + VARHDRSZ;
	if (size > r->wbuf_size)
	{
		r->wbuf_size = Max(size, 2 * r->wbuf_size);
		r->wbuf = MemoryContextAlloc(r->cxt, r->wbuf_size);
	}
	memcpy(VARDATA(r->wbuf), VARDATA_SHORT(v), size - VARHDRSZ);
	SET_VARSIZE(r->wbuf, size);
	return r->wbuf;
}

/* Fill m from a message's columns but the types of its agents; raises on a weight of another
 * shape or dimension. */
static void
DecodeMessage(MessagesReader *r, ReaderRun *run, const Datum *d, const bool *isnull,
			  MessageRow *m)
{
	ArrayType  *arr;
	int			dim;

	/* the table's columns are NOT NULL; a relation altered since is refused, not misread */
	for (int c = COL_T; c < NCOLS; c++)
		if (isnull[c])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("a message of run \"%s\" has a NULL %s", run->name, column_names[c])));
	arr = WeightArray(r, d[COL_WEIGHT]);
	CheckRun(r, run);
	m->run = r->current;
	m->t = DatumGetInt32(d[COL_T]);
	if (ARR_NDIM(arr) != 1 || ARR_HASNULL(arr) || ARR_ELEMTYPE(arr) != FLOAT8OID)
		elog(ERROR, "collcog: a weight of run \"%s\" is not a flat float8[] without NULLs", run->name);
	dim = ARR_DIMS(arr)[0];
	if (run->dim == 0)
		run->dim = dim;
	else if (run->dim != dim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the weights of run \"%s\" have dimensions %d and %d", run->name,
						run->dim, dim),
				 errdetail("The message at t = %d from \"%s\" to \"%s\" has %d values; all weights of a run must have the same dimension d.",
						   m->t, TextDatumGetCString(d[COL_SOURCE]),
						   TextDatumGetCString(d[COL_TARGET]), dim)));
	m->dim = dim;
	m->w = (const double *) ARR_DATA_PTR(arr);
}

/* Position the key scan on the next message, going on to the next run after the last of
 * one; false after the last run. */
static bool
KeyScanNextMessage(MessagesReader *r)
{
	while (!r->in_run || !KeyScanNext(r->scan))
	{
		r->in_run = false;
		if (r->current + 1 >= r->n_runs)
			return false;
		KeyScanRestart(r->scan, r->runs[++r->current].run_id);
		r->in_run = true;
	}
	return true;
}

/* Agent id d of the message being read, detoasted into the message's context. */
static text *
AgentId(MessagesReader *r, Datum d)
{
	MemoryContext old = MemoryContextSwitchTo(r->message_cxt);
	text	   *id = DatumGetTextPP(d);

	MemoryContextSwitchTo(old);
	return id;
}

/* The type of a message's source: that of the message before when it has the same source. */
static int
SourceType(MessagesReader *r, const ReaderRun *run, Datum d)
{
	text	   *id = AgentId(r, d);
	int			len = VARSIZE_ANY_EXHDR(id);

	if (r->last_source_run == r->current && r->last_source_len == len &&
		memcmp(r->last_source, VARDATA_ANY(id), len) == 0)
		return r->last_source_type;
	if (r->last_source == NULL || (Size) len > r->last_source_cap)
	{
		if (r->last_source != NULL)
			pfree(r->last_source);
		r->last_source_cap = Max(2 * r->last_source_cap, Max(len, 64));
		r->last_source = MemoryContextAlloc(r->cxt, r->last_source_cap);
	}
	memcpy(r->last_source, VARDATA_ANY(id), len);
	r->last_source_len = len;
	r->last_source_run = r->current;
	r->last_source_type = AgentType(run, VARDATA_ANY(id), len);
	return r->last_source_type;
}

/*
 * The columns of the next message, by either way: the runs one after the other, each in
 * key order; r->current is its run. False after the last.
 */
static bool
NextMessageValues(MessagesReader *r, Datum *d, bool *isnull)
{
	MemoryContext old;

	if (r->scan != NULL)
	{
		if (!KeyScanNextMessage(r))
			return false;
		for (int c = 0; c < NCOLS; c++)
			d[c] = KeyScanValue(r->scan, c, &isnull[c]);
		return true;
	}
	if (r->portal == NULL)
		return false;			/* a part without runs */
	if (r->batch == NULL || r->next >= r->batch->numvals)
	{
		if (r->batch != NULL)
			SPI_freetuptable(r->batch);
		CHECK_FOR_INTERRUPTS();
		/* SPI leaves its procedure context current: the caller's stays current */
		old = CurrentMemoryContext;
		SPI_cursor_fetch(r->portal, true, FETCH_ROWS);
		MemoryContextSwitchTo(old);
		r->batch = SPI_tuptable;
		r->next = 0;
		if (SPI_processed == 0)
			return false;
	}
	heap_deform_tuple(r->batch->vals[r->next++], r->batch->tupdesc, d, isnull);
	QueryMessageRun(r, d[COL_RUN]);
	return true;
}

bool
MessagesReaderNext(MessagesReader *r, MessageRow *m)
{
	Datum		d[NCOLS];
	bool		isnull[NCOLS];
	ReaderRun  *run;
	text	   *target;

	MemoryContextReset(r->message_cxt);
	if (!NextMessageValues(r, d, isnull))
		return false;
	run = &r->runs[r->current];
	DecodeMessage(r, run, d, isnull, m);
	m->src_type = SourceType(r, run, d[COL_SOURCE]);
	target = AgentId(r, d[COL_TARGET]);
	m->tgt_type = AgentType(run, VARDATA_ANY(target), VARSIZE_ANY_EXHDR(target));
	return true;
}

void
MessagesReaderEnd(MessagesReader *r)
{
	if (r->scan != NULL)
		KeyScanEnd(r->scan);
	if (r->portal == NULL)
		return;
	if (r->batch != NULL)
		SPI_freetuptable(r->batch);
	SPI_cursor_close(r->portal);
	SPI_finish();
}

int
MessagesReaderTypeCount(const MessagesReader *r)
{
	return r->n_types;
}

Datum
MessagesReaderTypeName(const MessagesReader *r, int type)
{
	return r->type_datums[type];
}

Datum
MessagesReaderRunId(const MessagesReader *r, int run)
{
	return r->runs[run].run_id;
}

const char *
MessagesReaderRunName(const MessagesReader *r, int run)
{
	return r->runs[run].name;
}

bool
MessagesReaderRunHasType(const MessagesReader *r, int run, int type)
{
	return r->runs[run].has_type[type];
}

/*
 * Built in place (no Datum and null arrays, no element-by-element copy) into *buf, grown as
 * needed: type_prominence() makes four arrays per type and round, each copied into its
 * result row at once.
 */
Datum
Float8ArrayInto(const double *v, int n, ArrayType **buf, Size *cap)
{
	int			nnull = 0,
				j = 0;
	Size		offset,
				size;
	ArrayType  *arr;
	double	   *data;
	bits8	   *bitmap;

	if (n == 0)
		return PointerGetDatum(construct_empty_array(FLOAT8OID));
	for (int k = 0; k < n; k++)
		nnull += isnan(v[k]);
	offset = nnull > 0 ? ARR_OVERHEAD_WITHNULLS(1, n) : ARR_OVERHEAD_NONULLS(1);
	size = offset + sizeof(double) * (n - nnull);
	if (size > *cap || *buf == NULL)
	{
		if (*buf != NULL)
			pfree(*buf);
		*cap = Max(size, 2 * *cap);
		*buf = palloc(*cap);
	}
	arr = *buf;
	memset(arr, 0, offset);
	SET_VARSIZE(arr, size);
	arr->ndim = 1;
	arr->dataoffset = nnull > 0 ? offset : 0;
	arr->elemtype = FLOAT8OID;
	ARR_DIMS(arr)[0] = n;
	ARR_LBOUND(arr)[0] = 1;
	data = (double *) ARR_DATA_PTR(arr);
	if (nnull == 0)
	{
		memcpy(data, v, sizeof(double) * n);
		return PointerGetDatum(arr);
	}
	/* ARR_NULLBITMAP's place, written out: the macro is NULL for an array without nulls,
	 * which the static analyzer cannot rule out here. */
	bitmap = (bits8 *) ((char *) arr + sizeof(ArrayType) + 2 * sizeof(int));
	for (int k = 0; k < n; k++)
		if (!isnan(v[k]))
		{
			bitmap[k / 8] |= 1 << (k % 8);
			data[j++] = v[k];
		}
	return PointerGetDatum(arr);
}

Datum
Float8ArrayWithNulls(const double *v, int n)
{
	ArrayType  *buf = NULL;
	Size		cap = 0;

	return Float8ArrayInto(v, n, &buf, &cap);
}
