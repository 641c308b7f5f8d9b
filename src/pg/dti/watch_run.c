/*
 * The live watcher's work on one run: its events, in step order, applied to the state stored
 * in dti_watch_runs, dti_watch_claims and dti_watch_cascades, with the replay's rules
 * (collcog/dti.h): a new claim joins the cascade of its earliest-rooted parent; an event
 * attaches to the cascade of the claim it creates, or of the claim an endorse or delegate
 * targets; after a trigger the segment stays triggered and the run's next event settles it
 * (cc_dti_settle), whether it arrives in the same statement or in a later transaction.
 *
 * The run's row is locked first (SELECT ... FOR UPDATE), so the watchers of one run take
 * turns until commit: under READ COMMITTED the next one then reads what the previous one
 * committed; under REPEATABLE READ a run changed since the snapshot is a serialization
 * failure (40001). The claims and cascades the events name are read by key
 * (watch_probe.c), the events applied in memory, and the new claims (claim -> root, never
 * updated), the new cascades and the changed ones (segment and branch heads, updated by
 * tid) written back in one statement each.
 *
 * The state is rebuilt, never trusted to survive: the tables are UNLOGGED (empty after a
 * crash), not dumped, and emptied for a run whose events are updated or deleted. A run
 * without a row whose earlier events are stored is caught up from them, silently, before
 * the new events are applied (its triggers were announced when those events arrived).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/async.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/json.h"
#include "utils/memutils.h"

#include "dti_pg.h"
#include "pg/common/spi_exec.h"

/* An identifier as a hash key: trace_id is at most 256 bytes. */
#define ID_KEY 257

typedef struct Cascade
{
	char		root[ID_KEY];
	int64		root_step;
	cc_dti_segment seg;
	int32		n_heads;
	char	  **old_heads;		/* its heads as stored, oldest first */
	int			n_old_heads;
	char	  **new_heads;		/* its claims created now that are heads, oldest first */
	int			n_new_heads;
	bool		changed;
	bool		stored;			/* a row of dti_watch_cascades already, at tid */
	ItemPointerData tid;
} Cascade;

typedef struct Claim
{
	char		id[ID_KEY];
	Cascade    *cascade;
	bool		has_child;
} Claim;

/* The run being watched. */
typedef struct Run
{
	const char *run;
	const char *schema;
	cc_dti_params params;
	int64		last_step;
	Cascade    *pending;		/* triggered, to be settled by the next event */
	char	   *pending_root;	/* its root as stored, until the cascades are read */
	HTAB	   *claims;
	HTAB	   *cascades;
	Claim	  **created;		/* the claims created now, in step order */
	int			n_created;
	Claim	  **loaded;			/* the claims read from dti_watch_claims, */
	char	  **loaded_roots;	/* their roots, */
	int			n_loaded;		/* and how many */
} Run;

/*
 * The statements, prepared once per backend and schema. The rows read by key
 * (watch_probe.c) are written back by their tid, the plan of which is a TID scan whatever
 * the statistics.
 */
enum
{
	Q_LOCK, Q_NEW_RUN, Q_EARLIER, Q_PUT_CLAIMS, Q_NEW_CASCADES, Q_PUT_CASCADES, Q_PUT_RUN, Q_TRIGGER, NQUERIES
};
static char *plans_schema = NULL;
static SPIPlanPtr plans[NQUERIES];

static SPIPlanPtr
StatementPlan(const char *schema, int q)
{
	static const struct
	{
		const char *sql;
		int			nargs;
		Oid			types[10];
	}			queries[NQUERIES] = {
		[Q_LOCK] = {"SELECT c, beta_c, tau, last_step, pending_root::text FROM %s.dti_watch_runs "
		"WHERE run_id = $1 FOR UPDATE", 1, {TEXTOID}},
		[Q_NEW_RUN] = {"INSERT INTO %s.dti_watch_runs (run_id, c, beta_c, tau, last_step) "
		"VALUES ($1, $2, $3, $4, -1) ON CONFLICT (run_id) DO NOTHING", 4,
		{TEXTOID, FLOAT8OID, FLOAT8OID, FLOAT8OID}},
		[Q_EARLIER] = {WATCH_EVENTS_QUERY("%s.events", " WHERE run_id = $1 AND step_id < $2"), 2,
		{TEXTOID, INT8OID}},
		[Q_PUT_CLAIMS] = {"INSERT INTO %s.dti_watch_claims (run_id, claim_id, root_claim_id) "
		"SELECT $1, * FROM unnest($2::text[], $3::text[])", 3,
		{TEXTOID, TEXTARRAYOID, TEXTARRAYOID}},
		[Q_NEW_CASCADES] = {"INSERT INTO %s.dti_watch_cascades (run_id, root_claim_id, root_step, "
		"n, m, triggered, heads) SELECT $1, r, s, n, m, t, h::text[] FROM "
		"unnest($2::text[], $3::int8[], $4::int8[], $5::int8[], $6::bool[], $7::text[]) "
		"u (r, s, n, m, t, h)", 7,
		{TEXTOID, TEXTARRAYOID, INT8ARRAYOID, INT8ARRAYOID, INT8ARRAYOID, BOOLARRAYOID,
		TEXTARRAYOID}},
		[Q_PUT_CASCADES] = {"UPDATE %s.dti_watch_cascades k SET n = u.n, m = u.m, "
		"triggered = u.t, heads = u.h::text[] FROM "
		"unnest($1::tid[], $2::int8[], $3::int8[], $4::bool[], $5::text[]) u (tid, n, m, t, h) "
		"WHERE k.ctid = u.tid", 5,
		{TIDARRAYOID, INT8ARRAYOID, INT8ARRAYOID, BOOLARRAYOID, TEXTARRAYOID}},
		[Q_PUT_RUN] = {"UPDATE %s.dti_watch_runs SET last_step = $2, pending_root = $3 "
		"WHERE run_id = $1", 3, {TEXTOID, INT8OID, TEXTOID}},
		[Q_TRIGGER] = {"INSERT INTO %s.dti_watch_triggers (run_id, root_claim_id, step_id, n, m, "
		"pressure, deficit, tau, n_heads, heads) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
		"RETURNING trigger_id", 10,
		{TEXTOID, TEXTOID, INT8OID, INT8OID, INT8OID, FLOAT8OID, FLOAT8OID, FLOAT8OID, INT4OID,
		TEXTARRAYOID}},
	};

	if (plans_schema == NULL || strcmp(plans_schema, schema) != 0)
	{
		for (int k = 0; k < NQUERIES; k++)
			if (plans[k] != NULL)
			{
				SPI_freeplan(plans[k]);
				plans[k] = NULL;
			}
		if (plans_schema != NULL)
			pfree(plans_schema);
		plans_schema = MemoryContextStrdup(TopMemoryContext, schema);
	}
	if (plans[q] == NULL)
	{
		SPIPlanPtr	plan = SpiPrepare(psprintf(queries[q].sql, schema), queries[q].nargs,
									  (Oid *) queries[q].types);

		SPI_keepplan(plan);
		plans[q] = plan;
	}
	return plans[q];
}

static void
Exec(Run *w, int q, Datum *values, int expected)
{
	SpiExecute(StatementPlan(w->schema, q), values, NULL, expected);
}

static Datum
TextArray(char **items, int n)
{
	Datum	   *d = palloc_array(Datum, Max(n, 1));

	for (int i = 0; i < n; i++)
		d[i] = CStringGetTextDatum(items[i]);
	return PointerGetDatum(construct_array(d, n, TEXTOID, -1, false, TYPALIGN_INT));
}

static char *
Text(int row, int col)
{
	return SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col);
}

static Datum
Value(int row, int col, bool *isnull)
{
	return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, isnull);
}

/*
 * Lock the run's row and read it; a run seen for the first time gets its class's parameters
 * from params (the errors of dti_replay's table form) and a row. With catch_up, the events
 * of such a run stored before first_step (a state lost in a crash, not dumped, or emptied
 * by an update) are applied first, without reports.
 */
static void
LockRun(Run *w, const char *params, int64 first_step, bool catch_up)
{
	Datum		run = CStringGetTextDatum(w->run);
	bool		isnull;

	Exec(w, Q_LOCK, &run, SPI_OK_SELECT);
	if (SPI_processed == 0)
	{
		Oid			argtypes[] = {TEXTOID};
		Datum		args[4] = {run};
		Oid			table = DatumGetObjectId(DirectFunctionCall1(regclassin,
																  CStringGetDatum(params)));
		cc_dti_params p;

		if (SPI_execute_with_args(psprintf(
			"SELECT r.run_id::text, r.topology, r.task_family" DTI_PARAMS_COLUMNS
			" FROM %s.runs r%s WHERE r.run_id = $1 ORDER BY 1", w->schema,
			DtiParamsJoin(table)),
								  1, argtypes, &run, NULL, true, 0) != SPI_OK_SELECT ||
			SPI_processed == 0)
			elog(ERROR, "collcog: run \"%s\" of an inserted event is not in runs", w->run);
		p = DtiClassParams(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, table, NULL);
		if (SPI_processed > 1)
			(void) DtiClassParams(SPI_tuptable->vals[1], SPI_tuptable->tupdesc, table, w->run);
		args[1] = Float8GetDatum(p.c);
		args[2] = Float8GetDatum(p.beta);
		args[3] = Float8GetDatum(p.tau);
		Exec(w, Q_NEW_RUN, args, SPI_OK_INSERT);
		if (catch_up && SPI_processed == 1)
		{
			Datum		earlier[2] = {run, Int64GetDatum(first_step)};
			uint64		n;
			WatchEvent *ev;

			Exec(w, Q_EARLIER, earlier, SPI_OK_SELECT);
			ev = WatchReadEvents(&n);
			SPI_freetuptable(SPI_tuptable);
			if (n > 0)
				WatchRun(w->schema, params, ev, (int) n, false);
		}
		Exec(w, Q_LOCK, &run, SPI_OK_SELECT);
		if (SPI_processed != 1)
			elog(ERROR, "collcog: the watch row of run \"%s\" vanished", w->run);
	}
	w->params.c = DatumGetFloat8(Value(0, 1, &isnull));
	w->params.beta = DatumGetFloat8(Value(0, 2, &isnull));
	w->params.tau = DatumGetFloat8(Value(0, 3, &isnull));
	w->last_step = DatumGetInt64(Value(0, 4, &isnull));
	w->pending_root = Text(0, 5);
	SPI_freetuptable(SPI_tuptable);
}

static Cascade *
FindCascade(Run *w, const char *root, bool *found)
{
	return hash_search(w->cascades, root, HASH_ENTER, found);
}

/* A row of dti_watch_claims read by key (columns in table order). */
static void
ClaimRow(void *arg, TupleTableSlot *slot)
{
	Run		   *w = arg;
	bool		found;
	Claim	   *c = hash_search(w->claims, TextDatumGetCString(slot->tts_values[1]), HASH_ENTER,
								&found);

	c->has_child = true;		/* until it is found among its cascade's heads */
	w->loaded[w->n_loaded] = c;
	w->loaded_roots[w->n_loaded++] = TextDatumGetCString(slot->tts_values[2]);
}

/* A row of dti_watch_cascades read by key (columns in table order). */
static void
CascadeRow(void *arg, TupleTableSlot *slot)
{
	bool		found;
	Cascade    *k = FindCascade(arg, TextDatumGetCString(slot->tts_values[1]), &found);
	Datum	   *heads;

	k->root_step = DatumGetInt64(slot->tts_values[2]);
	k->seg.n = (double) DatumGetInt64(slot->tts_values[3]);
	k->seg.m = (double) DatumGetInt64(slot->tts_values[4]);
	k->seg.phase = DatumGetBool(slot->tts_values[5]) ? CC_DTI_TRIGGERED : CC_DTI_COUNTING;
	deconstruct_array(DatumGetArrayTypeP(slot->tts_values[6]), TEXTOID, -1, false, TYPALIGN_INT,
					  &heads, NULL, &k->n_old_heads);
	k->old_heads = palloc_array(char *, Max(k->n_old_heads, 1));
	for (int i = 0; i < k->n_old_heads; i++)
		k->old_heads[i] = TextDatumGetCString(heads[i]);
	k->n_heads = k->n_old_heads;
	k->new_heads = NULL;
	k->n_new_heads = 0;
	k->changed = false;
	k->stored = true;
	k->tid = slot->tts_tid;
}

static int
CompareIds(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The claims the events name but do not create, and their cascades (and the pending one). */
static void
LoadState(Run *w, WatchEvent *ev, int n)
{
	char	  **named = palloc_array(char *, 1);
	char	  **roots;
	int			n_named = 0,
				cap = 1,
				n_roots,
				n_unique = 0;
	bool		found;

	/* the ids created now are interned first, so that only older ones are looked up */
	for (int i = 0; i < n; i++)
		if (ev[i].claim != NULL)
			(void) hash_search(w->claims, ev[i].claim, HASH_ENTER, &found);
	for (int i = 0; i < n; i++)
	{
		int			k = ev[i].claim != NULL ? ev[i].n_parents : (ev[i].target != NULL ? 1 : 0);

		for (int j = 0; j < k; j++)
		{
			char	   *id = ev[i].claim != NULL ? ev[i].parents[j] : ev[i].target;

			if (strlen(id) >= ID_KEY || hash_search(w->claims, id, HASH_FIND, NULL) != NULL)
				continue;
			(void) hash_search(w->claims, id, HASH_ENTER, &found);
			if (n_named == cap)
				named = repalloc_array(named, char *, cap *= 2);
			named[n_named++] = id;
		}
	}
	/* forget the interned ids: each is entered again as it is created or read */
	{
		HASH_SEQ_STATUS seq;
		Claim	   *c;

		hash_seq_init(&seq, w->claims);
		while ((c = hash_seq_search(&seq)) != NULL)
			(void) hash_search(w->claims, c->id, HASH_REMOVE, NULL);
	}
	w->loaded = palloc_array(Claim *, n_named + 1);
	w->loaded_roots = palloc_array(char *, n_named + 1);
	WatchProbe(w->schema, "dti_watch_claims", w->run, named, n_named, ClaimRow, w);
	/* the cascades of the claims read and the pending one, each once */
	roots = palloc_array(char *, w->n_loaded + 1);
	memcpy(roots, w->loaded_roots, sizeof(char *) * w->n_loaded);
	n_roots = w->n_loaded;
	if (w->pending_root != NULL)
		roots[n_roots++] = w->pending_root;
	qsort(roots, n_roots, sizeof(char *), CompareIds);
	for (int i = 0; i < n_roots; i++)
		if (n_unique == 0 || strcmp(roots[n_unique - 1], roots[i]) != 0)
			roots[n_unique++] = roots[i];
	WatchProbe(w->schema, "dti_watch_cascades", w->run, roots, n_unique, CascadeRow, w);
	for (int i = 0; i < w->n_loaded; i++)
		if ((w->loaded[i]->cascade = hash_search(w->cascades, w->loaded_roots[i], HASH_FIND,
												 NULL)) == NULL)
			elog(ERROR, "collcog: the cascade of claim \"%s\" of run \"%s\" is not in dti_watch_cascades",
				 w->loaded[i]->id, w->run);
	/* a claim read is a head if its cascade lists it */
	{
		HASH_SEQ_STATUS seq;
		Cascade    *k;

		hash_seq_init(&seq, w->cascades);
		while ((k = hash_seq_search(&seq)) != NULL)
			for (int i = 0; i < k->n_old_heads; i++)
			{
				Claim	   *c = hash_search(w->claims, k->old_heads[i], HASH_FIND, NULL);

				if (c != NULL)
					c->has_child = false;
			}
	}
	if (w->pending_root != NULL &&
		(w->pending = hash_search(w->cascades, w->pending_root, HASH_FIND, NULL)) == NULL)
		elog(ERROR, "collcog: the pending cascade \"%s\" of run \"%s\" is not in dti_watch_cascades",
			 w->pending_root, w->run);
}

/* A claim the event names, which an earlier event of the run must have created. */
static Claim *
Named(Run *w, const WatchEvent *e, const char *id, const char *as)
{
	Claim	   *c = strlen(id) < ID_KEY ? hash_search(w->claims, id, HASH_FIND, NULL) : NULL;

	if (c == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION),
				 errmsg("the DTI watcher does not know claim \"%s\", the %s of the event at step " INT64_FORMAT " of run \"%s\"",
						id, as, e->step, w->run),
				 errdetail("While dti_watch() is installed, the claims an event names must be created by earlier events of its run.")));
	return c;
}

/* The heads of cascade k now, newest first: claims created now, then stored ones. */
static Datum
Heads(Run *w, Cascade *k, int *n_listed)
{
	char	  **heads = palloc_array(char *, WATCH_LISTED_HEADS);
	int			n = 0;

	for (int i = w->n_created - 1; i >= 0 && n < WATCH_LISTED_HEADS; i--)
		if (w->created[i]->cascade == k && !w->created[i]->has_child)
			heads[n++] = w->created[i]->id;
	for (int i = k->n_old_heads - 1; i >= 0 && n < WATCH_LISTED_HEADS; i--)
	{
		Claim	   *c = hash_search(w->claims, k->old_heads[i], HASH_FIND, NULL);

		if (c == NULL || !c->has_child)
			heads[n++] = k->old_heads[i];
	}
	*n_listed = n;
	return TextArray(heads, n);
}

static void
JsonNumber(StringInfo buf, const char *key, Datum num, bool is_float)
{
	appendStringInfo(buf, ", \"%s\": %s", key,
					 is_float ? DatumGetCString(DirectFunctionCall1(float8out, num)) :
					 DatumGetCString(DirectFunctionCall1(int8out, num)));
}

/* Record a trigger of cascade k at event e and notify it. */
static void
Report(Run *w, const WatchEvent *e, Cascade *k, double deficit)
{
	int			n_listed;
	Datum		heads = Heads(w, k, &n_listed);
	Datum		row[10] = {CStringGetTextDatum(w->run), CStringGetTextDatum(k->root),
		Int64GetDatum(e->step), Int64GetDatum((int64) k->seg.n), Int64GetDatum((int64) k->seg.m),
		Float8GetDatum(deficit + k->seg.m), Float8GetDatum(deficit),
	Float8GetDatum(w->params.tau), Int32GetDatum(k->n_heads), heads};
	StringInfoData buf;
	ArrayType  *arr = DatumGetArrayTypeP(heads);
	Datum	   *items;
	int			n_items;

	Exec(w, Q_TRIGGER, row, SPI_OK_INSERT_RETURNING);
	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"trigger_id\": %s", Text(0, 1));
	SPI_freetuptable(SPI_tuptable);
	appendStringInfoString(&buf, ", \"run_id\": ");
	escape_json(&buf, w->run);
	appendStringInfoString(&buf, ", \"root_claim_id\": ");
	escape_json(&buf, k->root);
	JsonNumber(&buf, "step_id", row[2], false);
	JsonNumber(&buf, "n", row[3], false);
	JsonNumber(&buf, "m", row[4], false);
	JsonNumber(&buf, "pressure", row[5], true);
	JsonNumber(&buf, "deficit", row[6], true);
	JsonNumber(&buf, "tau", row[7], true);
	appendStringInfo(&buf, ", \"n_heads\": %d, \"heads\": [", k->n_heads);
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &items, NULL, &n_items);
	for (int i = 0; i < n_items; i++)
	{
		if (i > 0)
			appendStringInfoString(&buf, ", ");
		escape_json(&buf, TextDatumGetCString(items[i]));
	}
	appendStringInfoString(&buf, "]}");
	Async_Notify("collcog_dti", buf.data);
}

/* Event e creates its claim: its parents are heads no more, it is a head of cascade k. */
static void
CreateClaim(Run *w, const WatchEvent *e, Claim **parents, Cascade *k)
{
	bool		found;
	Claim	   *c;

	for (int j = 0; j < e->n_parents; j++)
		if (!parents[j]->has_child)
		{
			parents[j]->has_child = true;
			parents[j]->cascade->n_heads--;
			parents[j]->cascade->changed = true;
		}
	if (strlen(e->claim) >= ID_KEY)
		elog(ERROR, "collcog: claim id longer than a trace_id");
	c = hash_search(w->claims, e->claim, HASH_ENTER, &found);
	c->cascade = k;
	c->has_child = false;
	w->created[w->n_created++] = c;
	k->n_heads++;
	k->changed = true;
}

/* Apply one event (the replay's loop body, cc_dti_replay_run). */
static void
Apply(Run *w, const WatchEvent *e, bool report)
{
	Cascade    *k = NULL;
	Claim	  **parents = NULL;
	int64		root_step = e->step;
	bool		skip = false;
	double		deficit;

	if (e->step <= w->last_step)
		ereport(ERROR,
				(errcode(ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION),
				 errmsg("the event at step " INT64_FORMAT " of run \"%s\" arrives after step " INT64_FORMAT,
						e->step, w->run, w->last_step),
				 errdetail("While dti_watch() is installed, the events of a run must arrive in step order: a trigger already announced cannot be taken back."),
				 errhint("Insert a run's events in step order, or remove the watcher with dti_unwatch().")));
	w->last_step = e->step;
	if (e->claim != NULL)
	{
		const char *root = e->claim;
		bool		found;

		parents = palloc_array(Claim *, Max(e->n_parents, 1));
		for (int j = 0; j < e->n_parents; j++)
		{
			Claim	   *p = parents[j] = Named(w, e, e->parents[j], "parent");

			if (p->cascade->root_step < root_step ||
				(p->cascade->root_step == root_step && strcmp(p->cascade->root, root) < 0))
			{
				root_step = p->cascade->root_step;
				root = p->cascade->root;
			}
		}
		if (strlen(root) >= ID_KEY)
			elog(ERROR, "collcog: claim id longer than a trace_id");
		k = FindCascade(w, root, &found);
		if (!found)
		{
			cc_dti_start(&k->seg);
			k->root_step = e->step;
			k->n_heads = 0;
			k->old_heads = NULL;
			k->n_old_heads = 0;
			k->new_heads = NULL;
			k->n_new_heads = 0;
			k->changed = true;
			k->stored = false;
		}
	}
	else if ((e->type == CC_EV_ENDORSE || e->type == CC_EV_DELEGATE) && e->target != NULL)
		k = Named(w, e, e->target, "target")->cascade;
	if (w->pending != NULL)
	{
		Cascade    *p = w->pending;

		skip = cc_dti_settle(&p->seg, e->dti && e->type == CC_EV_MERGE && k == p, p->n_heads);
		p->changed = true;
		w->pending = NULL;
	}
	if (e->claim != NULL)
		CreateClaim(w, e, parents, k);
	if (k == NULL || skip)
		return;
	k->changed = true;
	if (cc_dti_attach(&w->params, &k->seg, e->type == CC_EV_MERGE, &deficit))
	{
		if (report)
			Report(w, e, k, deficit);
		w->pending = k;
	}
}

/* Cascade k's heads now, oldest first, as an array literal. */
static Datum
HeadsLiteral(Run *w, Cascade *k)
{
	char	  **heads = palloc_array(char *, Max(k->n_heads, 1));
	int			n = 0;

	for (int i = 0; i < k->n_old_heads; i++)
	{
		Claim	   *c = hash_search(w->claims, k->old_heads[i], HASH_FIND, NULL);

		if (c == NULL || !c->has_child)
			heads[n++] = k->old_heads[i];
	}
	for (int i = 0; i < k->n_new_heads; i++)
		heads[n++] = k->new_heads[i];
	if (n != k->n_heads)
		elog(ERROR, "collcog: cascade \"%s\" of run \"%s\" counts %d heads but lists %d",
			 k->root, w->run, k->n_heads, n);
	return CStringGetTextDatum(OidOutputFunctionCall(F_ARRAY_OUT, TextArray(heads, n)));
}

/* Write the changed cascades that are stored already (UPDATE by tid) or new (INSERT). */
static void
PutCascades(Run *w, bool stored)
{
	long		nk = hash_get_num_entries(w->cascades);
	char	  **roots = palloc_array(char *, Max(nk, 1));
	Datum	   *tids = palloc_array(Datum, Max(nk, 1));
	Datum	   *cols[5];
	Datum		args[7];
	HASH_SEQ_STATUS seq;
	Cascade    *k;
	int			n = 0;

	for (int j = 0; j < 5; j++)
		cols[j] = palloc_array(Datum, Max(nk, 1));
	hash_seq_init(&seq, w->cascades);
	while ((k = hash_seq_search(&seq)) != NULL)
		if (k->changed && k->stored == stored)
		{
			roots[n] = k->root;
			tids[n] = PointerGetDatum(&k->tid);
			cols[0][n] = Int64GetDatum(k->root_step);
			cols[1][n] = Int64GetDatum((int64) k->seg.n);
			cols[2][n] = Int64GetDatum((int64) k->seg.m);
			cols[3][n] = BoolGetDatum(k->seg.phase == CC_DTI_TRIGGERED);
			cols[4][n] = HeadsLiteral(w, k);
			n++;
		}
	if (n == 0)
		return;
	args[3] = PointerGetDatum(construct_array(cols[1], n, INT8OID, 8, true, TYPALIGN_DOUBLE));
	args[4] = PointerGetDatum(construct_array(cols[2], n, INT8OID, 8, true, TYPALIGN_DOUBLE));
	args[5] = PointerGetDatum(construct_array(cols[3], n, BOOLOID, 1, true, TYPALIGN_CHAR));
	args[6] = PointerGetDatum(construct_array(cols[4], n, TEXTOID, -1, false, TYPALIGN_INT));
	if (stored)
	{
		args[2] = PointerGetDatum(construct_array(tids, n, TIDOID, sizeof(ItemPointerData), false,
												  TYPALIGN_SHORT));
		Exec(w, Q_PUT_CASCADES, args + 2, SPI_OK_UPDATE);
		if (SPI_processed != (uint64) n)
			elog(ERROR, "collcog: cascades of run \"%s\" changed under the DTI watcher", w->run);
	}
	else
	{
		args[0] = CStringGetTextDatum(w->run);
		args[1] = TextArray(roots, n);
		args[2] = PointerGetDatum(construct_array(cols[0], n, INT8OID, 8, true, TYPALIGN_DOUBLE));
		Exec(w, Q_NEW_CASCADES, args, SPI_OK_INSERT);
	}
}

/* Write the changed state back. */
static void
Store(Run *w)
{
	if (w->n_created > 0)
	{
		char	  **ids = palloc_array(char *, w->n_created);
		char	  **roots = palloc_array(char *, w->n_created);
		Datum		args[3];

		for (int i = 0; i < w->n_created; i++)
		{
			Claim	   *c = w->created[i];
			Cascade    *k = c->cascade;

			ids[i] = c->id;
			roots[i] = k->root;
			if (!c->has_child)
			{
				if (k->new_heads == NULL)
					k->new_heads = palloc_array(char *, k->n_heads);
				k->new_heads[k->n_new_heads++] = c->id;
			}
		}
		args[0] = CStringGetTextDatum(w->run);
		args[1] = TextArray(ids, w->n_created);
		args[2] = TextArray(roots, w->n_created);
		Exec(w, Q_PUT_CLAIMS, args, SPI_OK_INSERT);
	}
	PutCascades(w, false);
	PutCascades(w, true);
	{
		Datum		run_args[3] = {CStringGetTextDatum(w->run), Int64GetDatum(w->last_step),
		w->pending ? CStringGetTextDatum(w->pending->root) : (Datum) 0};
		char		nulls[3] = {' ', ' ', w->pending ? ' ' : 'n'};

		SpiExecute(StatementPlan(w->schema, Q_PUT_RUN), run_args, nulls, SPI_OK_UPDATE);
	}
}

void
WatchRun(const char *schema, const char *params, WatchEvent *ev, int n, bool report)
{
	Run			w;
	HASHCTL		ctl;

	memset(&w, 0, sizeof(w));
	w.run = ev[0].run;
	w.schema = schema;
	LockRun(&w, params, ev[0].step, report);
	ctl.keysize = ID_KEY;
	ctl.entrysize = sizeof(Claim);
	ctl.hcxt = CurrentMemoryContext;
	w.claims = hash_create("collcog dti watch claims", Max(2 * n, 64), &ctl,
						   HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	ctl.entrysize = sizeof(Cascade);
	w.cascades = hash_create("collcog dti watch cascades", 64, &ctl,
							 HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	w.created = palloc_array(Claim *, Max(n, 1));
	LoadState(&w, ev, n);
	for (int i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		Apply(&w, &ev[i], report);
	}
	Store(&w);
}

WatchEvent *
WatchReadEvents(uint64 *n)
{
	WatchEvent *ev = palloc0_array(WatchEvent, Max(SPI_processed, 1));
	char	   *run = NULL;

	for (uint64 r = 0; r < SPI_processed; r++)
	{
		WatchEvent *e = &ev[r];
		char	   *type = Text(r, 3);
		bool		isnull;
		Datum		parents = Value(r, 5, &isnull);

		/* consecutive events of one run share its name */
		e->run = Text(r, 1);
		if (run != NULL && strcmp(run, e->run) == 0)
			e->run = run;
		run = e->run;
		e->step = DatumGetInt64(Value(r, 2, &isnull));
		for (int t = 0; t < CC_EV_NTYPES; t++)
			if (strcmp(type, cc_event_type_names[t]) == 0)
				e->type = (cc_event_type) t;
		e->claim = Text(r, 4);
		if (!isnull)
		{
			Datum	   *items;
			bool	   *nulls;

			deconstruct_array(DatumGetArrayTypeP(parents), TEXTOID, -1, false, TYPALIGN_INT,
							  &items, &nulls, &e->n_parents);
			e->parents = palloc_array(char *, Max(e->n_parents, 1));
			for (int j = 0; j < e->n_parents; j++)
				e->parents[j] = TextDatumGetCString(items[j]);
		}
		e->target = Text(r, 6);
		e->dti = DatumGetBool(Value(r, 7, &isnull)) && !isnull;
	}
	*n = SPI_processed;
	return ev;
}
