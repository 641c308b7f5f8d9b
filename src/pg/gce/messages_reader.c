/*
 * The reader of messages for the type-level functions (see gce_pg.h): the agents of the
 * runs asked for and their types, then the messages through a cursor in (run_id, t) order,
 * which the primary key (run_id, t, source, target) serves, so each run's rounds come in
 * order and a caller keeps only the state of the round in progress.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "pg/common/spi_exec.h"

#include "gce_pg.h"

#define FETCH_ROWS 10000

typedef struct ReaderAgent
{
	const char *id;
	int			len;
	int			type;
} ReaderAgent;

typedef struct ReaderRun
{
	char	   *name;
	int			len;
	Datum		run_id;			/* text */
	ReaderAgent *agents;		/* sorted by id, bytewise */
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
	char	  **type_names;		/* sorted */
	Datum	   *type_datums;
	int			n_types;
	Portal		portal;
	SPITupleTable *batch;
	MemoryContext batch_cxt;	/* weights decoded from the batch, reset with it */
	uint64		next;
	int			current;		/* run of the last message */
	double	   *w;
	int			wcap;
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
FindType(const MessagesReader *r, const char *name)
{
	int			lo = 0,
				hi = r->n_types - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = strcmp(name, r->type_names[mid]);

		if (c == 0)
			return mid;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	elog(ERROR, "collcog: agent type \"%s\" not in the type list", name);
}

static int
FindRun(const MessagesReader *r, const char *name, int len)
{
	int			lo = 0,
				hi = r->n_runs - 1;

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

static int
FindAgent(const ReaderRun *run, const char *id, int len)
{
	int			lo = 0,
				hi = run->n_agents - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = CompareBytes(id, len, run->agents[mid].id, run->agents[mid].len);

		if (c == 0)
			return run->agents[mid].type;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Raise unless every run named in ids exists. */
static void
CheckRunIds(const char *schema, Datum ids)
{
	Oid			argtypes[1] = {TEXTARRAYOID};
	Datum		values[1] = {ids};
	int			rc;

	if (array_contains_nulls(DatumGetArrayTypeP(ids)))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("run_ids must not contain NULL")));
	rc = SPI_execute_with_args(psprintf("SELECT n FROM unnest($1) n WHERE NOT EXISTS "
										"(SELECT 1 FROM %s.runs r WHERE r.run_id = n) LIMIT 1",
										schema), 1, argtypes, values, NULL, true, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute_with_args returned %s", SPI_result_code_string(rc));
	if (SPI_processed > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("run \"%s\" does not exist",
						SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1))));
}

/* The agents of the runs read, with their types; raises on an agent without a type. */
static void
LoadAgents(MessagesReader *r, const char *schema, const char *where, Datum *values)
{
	Oid			argtypes[1] = {TEXTARRAYOID};
	SPITupleTable *tt;
	uint64		n;
	int			rc;
	MemoryContext old;

	rc = SPI_execute_with_args(psprintf("SELECT run_id, agent_id, agent_type FROM %s.agents%s "
										"ORDER BY run_id, agent_id", schema, where),
							   where[0] ? 1 : 0, argtypes, values, NULL, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute_with_args returned %s", SPI_result_code_string(rc));
	tt = SPI_tuptable;
	n = SPI_processed;
	old = MemoryContextSwitchTo(r->cxt);
	/* the types, sorted and distinct */
	r->type_names = palloc_array(char *, Max(n, 1));
	for (uint64 i = 0; i < n; i++)
	{
		char	   *type = SPI_getvalue(tt->vals[i], tt->tupdesc, 3);

		if (type == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("agent \"%s\" of run \"%s\" has no agent_type",
							SPI_getvalue(tt->vals[i], tt->tupdesc, 2),
							SPI_getvalue(tt->vals[i], tt->tupdesc, 1)),
					 errdetail("Type-level measures need the type of every agent of the runs they read.")));
		r->type_names[i] = type;
	}
	qsort(r->type_names, n, sizeof(char *), CompareNames);
	for (uint64 i = 0; i < n; i++)
		if (r->n_types == 0 || strcmp(r->type_names[i], r->type_names[r->n_types - 1]) != 0)
			r->type_names[r->n_types++] = r->type_names[i];
	r->type_datums = palloc_array(Datum, Max(r->n_types, 1));
	for (int k = 0; k < r->n_types; k++)
		r->type_datums[k] = CStringGetTextDatum(r->type_names[k]);
	/* the runs, in the query's order (run_id is bytewise) */
	r->runs = palloc0_array(ReaderRun, Max(n, 1));
	for (uint64 i = 0; i < n; i++)
	{
		char	   *run = SPI_getvalue(tt->vals[i], tt->tupdesc, 1);
		ReaderRun  *cur = r->n_runs > 0 ? &r->runs[r->n_runs - 1] : NULL;
		char	   *id = SPI_getvalue(tt->vals[i], tt->tupdesc, 2);
		int			type = FindType(r, SPI_getvalue(tt->vals[i], tt->tupdesc, 3));

		if (cur == NULL || strcmp(cur->name, run) != 0)
		{
			cur = &r->runs[r->n_runs++];
			cur->name = run;
			cur->len = strlen(run);
			cur->run_id = CStringGetTextDatum(run);
			cur->agents = palloc_array(ReaderAgent, n - i);
			cur->has_type = palloc0_array(bool, Max(r->n_types, 1));
		}
		cur->agents[cur->n_agents].id = id;
		cur->agents[cur->n_agents].len = strlen(id);
		cur->agents[cur->n_agents].type = type;
		cur->n_agents++;
		cur->has_type[type] = true;
	}
	MemoryContextSwitchTo(old);
	SPI_freetuptable(tt);
}

MessagesReader *
MessagesReaderBegin(FunctionCallInfo fcinfo, int run_ids_arg)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "collcog messages reader",
											  ALLOCSET_DEFAULT_SIZES);
	MessagesReader *r = MemoryContextAllocZero(cxt, sizeof(MessagesReader));
	const char *schema = quote_identifier(get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid)));
	bool		given = PG_NARGS() > run_ids_arg && !PG_ARGISNULL(run_ids_arg);
	Datum		values[1] = {given ? PG_GETARG_DATUM(run_ids_arg) : (Datum) 0};
	const char *where = given ? " WHERE run_id = ANY ($1)" : "";
	Oid			argtypes[1] = {TEXTARRAYOID};
	SPIPlanPtr	plan;

	r->cxt = cxt;
	r->batch_cxt = AllocSetContextCreate(cxt, "collcog messages batch", ALLOCSET_DEFAULT_SIZES);
	r->current = -1;
	SPI_connect();
	if (given)
		CheckRunIds(schema, values[0]);
	LoadAgents(r, schema, where, values);
	plan = SpiPrepare(psprintf("SELECT run_id, t, source, target, weight FROM %s.messages%s "
							   "ORDER BY run_id, t", schema, where), given ? 1 : 0, argtypes);
	r->portal = SPI_cursor_open(NULL, plan, values, NULL, true);
	return r;
}

/* The run of a message, checked when it is first met. */
static ReaderRun *
MessageRun(MessagesReader *r, HeapTuple tup, TupleDesc desc)
{
	bool		isnull;
	text	   *name = DatumGetTextPP(SPI_getbinval(tup, desc, 1, &isnull));
	ReaderRun  *run = r->current >= 0 ? &r->runs[r->current] : NULL;

	if (run != NULL &&
		CompareBytes(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), run->name, run->len) == 0)
		return run;
	r->current = FindRun(r, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
	if (r->current < 0)
		elog(ERROR, "collcog: a message of run \"%s\" without agents", text_to_cstring(name));
	run = &r->runs[r->current];
	if (!run->checked)
	{
		int			first = -1,
					n = 0;

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
	return run;
}

static int
AgentType(const ReaderRun *run, Datum d)
{
	text	   *id = DatumGetTextPP(d);
	int			type = FindAgent(run, VARDATA_ANY(id), VARSIZE_ANY_EXHDR(id));

	if (type < 0)
		elog(ERROR, "collcog: agent \"%s\" of a message of run \"%s\" is not among its agents",
			 text_to_cstring(id), run->name);
	return type;
}

bool
MessagesReaderNext(MessagesReader *r, MessageRow *m)
{
	HeapTuple	tup;
	TupleDesc	desc;
	ReaderRun  *run;
	ArrayType  *arr;
	bool		isnull;
	int			dim;
	MemoryContext old;

	if (r->batch == NULL || r->next >= r->batch->numvals)
	{
		if (r->batch != NULL)
			SPI_freetuptable(r->batch);
		MemoryContextReset(r->batch_cxt);
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
	tup = r->batch->vals[r->next++];
	desc = r->batch->tupdesc;
	run = MessageRun(r, tup, desc);
	m->run = r->current;
	m->t = DatumGetInt32(SPI_getbinval(tup, desc, 2, &isnull));
	m->src_type = AgentType(run, SPI_getbinval(tup, desc, 3, &isnull));
	m->tgt_type = AgentType(run, SPI_getbinval(tup, desc, 4, &isnull));
	/* a short-header array is copied to be aligned: into the batch's context */
	old = MemoryContextSwitchTo(r->batch_cxt);
	arr = DatumGetArrayTypeP(SPI_getbinval(tup, desc, 5, &isnull));
	MemoryContextSwitchTo(old);
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
						   m->t, TextDatumGetCString(SPI_getbinval(tup, desc, 3, &isnull)),
						   TextDatumGetCString(SPI_getbinval(tup, desc, 4, &isnull)), dim)));
	m->dim = dim;
	m->w = (const double *) ARR_DATA_PTR(arr);
	return true;
}

void
MessagesReaderEnd(MessagesReader *r)
{
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

Datum
Float8ArrayWithNulls(const double *v, int n)
{
	Datum	   *values = palloc_array(Datum, n);
	bool	   *nulls = palloc_array(bool, n);
	int			dims[1] = {n};
	int			lbs[1] = {1};

	for (int k = 0; k < n; k++)
	{
		nulls[k] = isnan(v[k]);
		values[k] = Float8GetDatum(nulls[k] ? 0.0 : v[k]);
	}
	return PointerGetDatum(construct_md_array(values, nulls, 1, dims, lbs, FLOAT8OID,
											  sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
