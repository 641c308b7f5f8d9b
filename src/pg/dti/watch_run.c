/*
 * The live watcher's work on one run: its events, in step order, applied to the run's state
 * with the replay's rules (collcog/dti.h): a new claim joins the cascade of its
 * earliest-rooted parent; an event attaches to the cascade of the claim it creates, or of
 * the claim an endorse or delegate targets; after a trigger the segment stays triggered and
 * the run's next event settles it (cc_dti_settle), whether it arrives in the same statement
 * or in a later transaction.
 *
 * The run's row of dti_watch_runs is locked first (SELECT ... FOR UPDATE), so the watchers
 * of one run take turns until commit: under READ COMMITTED the next one then reads what the
 * previous one committed; under REPEATABLE READ a run changed since the snapshot is a
 * serialization failure (40001).
 *
 * The state a statement works on is in memory: each backend keeps the state of the runs it
 * watched (every claim's cascade, every cascade's segment and its branch heads as a list),
 * together with the version of the run's row it wrote last (its tid and xmin). The state is
 * used only while the locked row is still that version: another session's insert, a
 * rolled-back statement or transaction, a forgotten or truncated state all leave another
 * version (or none), and the state is then rebuilt by replaying the run's stored events up
 * to the row's last step, silently. The tables are written as the state changes (new
 * claims, new and changed cascades with their newest heads, the run's row), so that they
 * show the state and the next session can lock the run; they are never read back except
 * for the cascades' tids.
 *
 * The state is rebuilt, never trusted to survive: the tables are UNLOGGED (empty after a
 * crash), not dumped, and emptied for a run whose events are updated or deleted. A run
 * without a row whose earlier events are stored is caught up from them, silently, before
 * the new events are applied (its triggers were announced when those events arrived).
 */
#include "postgres.h"

#include "access/transam.h"
#include "catalog/pg_type.h"
#include "catalog/dependency.h"
#include "commands/async.h"
#include "commands/sequence.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "lib/stringinfo.h"
#include "storage/itemptr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/json.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/relcache.h"

#include "dti_pg.h"
#include "pg/common/spi_exec.h"

/* A run id as a hash key: trace_id is at most 256 bytes. */
#define ID_KEY 257

/* The states kept at most (bytes); beyond, the other runs' states are dropped. */
#define STATES_BYTES ((Size) 256 * 1024 * 1024)

typedef struct Claim Claim;

typedef struct Cascade
{
	const char *root;			/* key: the root claim's id */
	int64		root_step;
	cc_dti_segment seg;
	int32		n_heads;
	Claim	   *newest_head;	/* its heads, a list from the newest to the oldest */
	bool		changed;		/* since the state was last written */
	bool		stored;			/* it has a row of dti_watch_cascades, */
	bool		tid_known;		/* at tid, if known */
	ItemPointerData tid;
} Cascade;

struct Claim
{
	const char *id;				/* key */
	Cascade    *cascade;
	Claim	   *older;			/* its neighbours among its cascade's heads, */
	Claim	   *newer;			/* while it is one */
	bool		is_head;
};

/* A run's state, kept from statement to statement while the run's row is unchanged. */
typedef struct RunState
{
	char		run[ID_KEY];	/* key */
	MemoryContext cxt;			/* holds the claims and cascades */
	bool		valid;			/* the state of the row version below */
	ItemPointerData row_tid;
	TransactionId row_xmin;
	Oid			cascades_node;	/* dti_watch_cascades' relfilenode, for the tids */
	cc_dti_params params;
	int64		last_step;
	Cascade    *pending;		/* triggered, to be settled by the next event */
	HTAB	   *claims;
	HTAB	   *cascades;
} RunState;

/* One statement's work on a run. */
typedef struct Run
{
	RunState   *s;
	const char *run;
	const char *schema;
	Claim	  **created;		/* the claims created now, in step order */
	int			n_created;
	int			cap_created;
	Cascade   **changed;		/* the cascades changed now */
	int			n_changed;
	int			cap_changed;
	Datum	  **triggers;		/* the rows of dti_watch_triggers to write */
	int			n_triggers;
	int			cap_triggers;
	Oid			trigger_seq;	/* their trigger_id's sequence, once known */
} Run;

/* The columns of dti_watch_triggers (in table order: trigger_id, run_id, root_claim_id,
 * step_id, n, m, pressure, deficit, tau, n_heads, heads). */
#define TRIGGER_COLUMNS 11

/* The row of dti_watch_runs, locked. */
typedef struct RunRow
{
	cc_dti_params params;
	int64		last_step;
	char	   *pending_root;
	ItemPointerData tid;
	TransactionId xmin;
} RunRow;

static MemoryContext states_cxt = NULL;
static HTAB *states = NULL;

/*
 * The statements, prepared once per backend and schema (the claims, cascades and triggers
 * are written without SQL: watch_write.c).
 */
enum
{
	Q_LOCK, Q_NEW_RUN, Q_EARLIER, Q_PUT_RUN, NQUERIES
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
		[Q_LOCK] = {"SELECT c, beta_c, tau, last_step, pending_root::text, ctid, xmin "
		"FROM %s.dti_watch_runs WHERE run_id = $1 FOR UPDATE", 1, {TEXTOID}},
		[Q_NEW_RUN] = {"INSERT INTO %s.dti_watch_runs (run_id, c, beta_c, tau, last_step) "
		"VALUES ($1, $2, $3, $4, -1) ON CONFLICT (run_id) DO NOTHING", 4,
		{TEXTOID, FLOAT8OID, FLOAT8OID, FLOAT8OID}},
		[Q_EARLIER] = {WATCH_EVENTS_QUERY("%s.events", " WHERE run_id = $1 AND step_id < $2"), 2,
		{TEXTOID, INT8OID}},
		[Q_PUT_RUN] = {"UPDATE %s.dti_watch_runs SET last_step = $2, pending_root = $3 "
		"WHERE run_id = $1 RETURNING ctid, xmin", 3, {TEXTOID, INT8OID, TEXTOID}},
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
		WatchForgetStates();
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
TextArray(const char **items, int n)
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

/* Claims and cascades are hashed by their id, kept as a pointer to the string. */
static uint32
IdHash(const void *key, Size keysize)
{
	const char *id = *(const char *const *) key;

	return hash_bytes((const unsigned char *) id, (int) strlen(id));
}

static int
IdMatch(const void *a, const void *b, Size keysize)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

static HTAB *
IdTable(const char *name, Size entrysize, MemoryContext cxt)
{
	HASHCTL		ctl;

	ctl.keysize = sizeof(char *);
	ctl.entrysize = entrysize;
	ctl.hash = IdHash;
	ctl.match = IdMatch;
	ctl.hcxt = cxt;
	return hash_create(name, 1024, &ctl, HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
}

static void *
FindId(HTAB *table, const char *id)
{
	return hash_search(table, &id, HASH_FIND, NULL);
}

void
WatchForgetStates(void)
{
	if (states_cxt != NULL)
		MemoryContextDelete(states_cxt);
	states_cxt = NULL;
	states = NULL;
}

/* The state of run w->run, found or made (not valid). */
static RunState *
StateOf(const char *run)
{
	bool		found;
	RunState   *s;

	if (strlen(run) >= ID_KEY)
		elog(ERROR, "collcog: run id longer than a trace_id");
	if (states == NULL)
	{
		HASHCTL		ctl;

		states_cxt = AllocSetContextCreate(TopMemoryContext, "collcog dti watch states",
										   ALLOCSET_DEFAULT_SIZES);
		ctl.keysize = ID_KEY;
		ctl.entrysize = sizeof(RunState);
		ctl.hcxt = states_cxt;
		states = hash_create("collcog dti watch runs", 64, &ctl,
							 HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	}
	s = hash_search(states, run, HASH_ENTER, &found);
	if (!found)
	{
		s->cxt = NULL;
		s->valid = false;
	}
	return s;
}

/* Empty the state: no claims, no cascades, nothing applied, with the run's parameters. */
static void
ResetState(RunState *s, const cc_dti_params *params)
{
	if (s->cxt == NULL)
		s->cxt = AllocSetContextCreate(states_cxt, "collcog dti watch run state",
									   ALLOCSET_DEFAULT_SIZES);
	else
		MemoryContextReset(s->cxt);
	s->valid = false;
	s->params = *params;
	s->last_step = -1;
	s->pending = NULL;
	s->claims = IdTable("collcog dti watch claims", sizeof(Claim), s->cxt);
	s->cascades = IdTable("collcog dti watch cascades", sizeof(Cascade), s->cxt);
}

/* Past STATES_BYTES, drop every state but the current run's. */
static void
LimitStates(RunState *keep)
{
	HASH_SEQ_STATUS seq;
	RunState   *s;
	Size		bytes = 0;

	hash_seq_init(&seq, states);
	while ((s = hash_seq_search(&seq)) != NULL)
		if (s->cxt != NULL)
			bytes += MemoryContextMemAllocated(s->cxt, true);
	if (bytes <= STATES_BYTES)
		return;
	hash_seq_init(&seq, states);
	while ((s = hash_seq_search(&seq)) != NULL)
		if (s != keep)
		{
			if (s->cxt != NULL)
				MemoryContextDelete(s->cxt);
			(void) hash_search(states, s->run, HASH_REMOVE, NULL);
		}
}

/* dti_watch_cascades' relfilenode: rewritten (VACUUM FULL, TRUNCATE), its tids are others. */
static Oid
CascadesNode(const char *schema)
{
	Oid			relid = DatumGetObjectId(DirectFunctionCall1(regclassin,
															 CStringGetDatum(psprintf("%s.dti_watch_cascades", schema))));
	Relation	rel = RelationIdGetRelation(relid);
	Oid			node;

	if (!RelationIsValid(rel))
		elog(ERROR, "collcog: cannot open %s.dti_watch_cascades", schema);
	node = rel->rd_node.relNode;
	RelationClose(rel);
	return node;
}

/* Lock the run's row and read it; false when there is none. */
static bool
LockRow(Run *w, RunRow *row)
{
	Datum		run = CStringGetTextDatum(w->run);
	bool		isnull;

	Exec(w, Q_LOCK, &run, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return false;
	row->params.c = DatumGetFloat8(Value(0, 1, &isnull));
	row->params.beta = DatumGetFloat8(Value(0, 2, &isnull));
	row->params.tau = DatumGetFloat8(Value(0, 3, &isnull));
	row->last_step = DatumGetInt64(Value(0, 4, &isnull));
	row->pending_root = Text(0, 5);
	row->tid = *(ItemPointer) DatumGetPointer(Value(0, 6, &isnull));
	row->xmin = DatumGetTransactionId(Value(0, 7, &isnull));
	SPI_freetuptable(SPI_tuptable);
	return true;
}

/*
 * A run seen for the first time: its class's parameters from params (the errors of
 * dti_replay's table form) and a row; true if this session made the row.
 */
static bool
NewRun(Run *w, const char *params)
{
	Datum		run = CStringGetTextDatum(w->run);
	Oid			argtypes[] = {TEXTOID};
	Datum		args[4] = {run};
	Oid			table = DatumGetObjectId(DirectFunctionCall1(regclassin, CStringGetDatum(params)));
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
	return SPI_processed == 1;
}

/* The run's stored events before step (in step order), copied. */
static WatchEvent *
EarlierEvents(Run *w, int64 step, uint64 *n)
{
	Datum		args[2] = {CStringGetTextDatum(w->run), Int64GetDatum(step)};
	WatchEvent *ev;

	Exec(w, Q_EARLIER, args, SPI_OK_SELECT);
	ev = WatchReadEvents(n);
	SPI_freetuptable(SPI_tuptable);
	return ev;
}

static void Apply(Run *w, const WatchEvent *e, bool report);

/*
 * The state of the row's version, rebuilt from the run's stored events up to its last
 * step: all of it is stored already.
 */
static void
Rebuild(Run *w, const RunRow *row)
{
	RunState   *s = w->s;
	uint64		n;
	WatchEvent *ev = EarlierEvents(w, row->last_step + 1, &n);

	ResetState(s, &row->params);
	for (uint64 i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		Apply(w, &ev[i], false);
	}
	if (s->last_step != row->last_step ||
		(s->pending == NULL) != (row->pending_root == NULL) ||
		(s->pending != NULL && strcmp(s->pending->root, row->pending_root) != 0))
		elog(ERROR, "collcog: the DTI watcher's state of run \"%s\" does not match its events",
			 w->run);
	for (int i = 0; i < w->n_changed; i++)
	{
		w->changed[i]->changed = false;
		w->changed[i]->stored = true;
		w->changed[i]->tid_known = false;
	}
	w->n_changed = 0;
	w->n_created = 0;
}

static void
MarkChanged(Run *w, Cascade *k)
{
	if (k->changed)
		return;
	k->changed = true;
	if (w->n_changed == w->cap_changed)
	{
		w->cap_changed = Max(2 * w->cap_changed, 64);
		w->changed = w->changed == NULL ? palloc_array(Cascade *, w->cap_changed) :
			repalloc_array(w->changed, Cascade *, w->cap_changed);
	}
	w->changed[w->n_changed++] = k;
}

/* A claim the event names, which an earlier event of the run must have created. */
static Claim *
Named(Run *w, const WatchEvent *e, const char *id, const char *as)
{
	Claim	   *c = FindId(w->s->claims, id);

	if (c == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION),
				 errmsg("the DTI watcher does not know claim \"%s\", the %s of the event at step " INT64_FORMAT " of run \"%s\"",
						id, as, e->step, w->run),
				 errdetail("While dti_watch() is installed, the claims an event names must be created by earlier events of its run.")));
	return c;
}

/* Cascade k's newest heads (at most WATCH_LISTED_HEADS), newest first. */
static int
NewestHeads(const Cascade *k, const char **heads)
{
	int			n = 0;

	for (Claim *c = k->newest_head; c != NULL && n < WATCH_LISTED_HEADS; c = c->older)
		heads[n++] = c->id;
	return n;
}

static void
JsonNumber(StringInfo buf, const char *key, Datum num, bool is_float)
{
	appendStringInfo(buf, ", \"%s\": %s", key,
					 is_float ? DatumGetCString(DirectFunctionCall1(float8out, num)) :
					 DatumGetCString(DirectFunctionCall1(int8out, num)));
}

/* dti_watch_triggers' sequence (of its trigger_id). */
static Oid
TriggerSequence(Run *w)
{
	if (!OidIsValid(w->trigger_seq))
	{
		Oid			relid = DatumGetObjectId(DirectFunctionCall1(regclassin,
																 CStringGetDatum(psprintf("%s.dti_watch_triggers", w->schema))));
		List	   *seqs = getOwnedSequences(relid);

		if (list_length(seqs) != 1)
			elog(ERROR, "collcog: %s.dti_watch_triggers has no trigger_id sequence", w->schema);
		w->trigger_seq = linitial_oid(seqs);
	}
	return w->trigger_seq;
}

/*
 * Record a trigger of cascade k at event e (its row of dti_watch_triggers, written with
 * the state) and notify it.
 */
static void
Report(Run *w, const WatchEvent *e, Cascade *k, double deficit)
{
	const char *heads[WATCH_LISTED_HEADS];
	int			n_listed = NewestHeads(k, heads);
	Datum	   *row;
	StringInfoData buf;

	if (w->n_triggers == w->cap_triggers)
	{
		w->cap_triggers = Max(2 * w->cap_triggers, 16);
		w->triggers = w->triggers == NULL ? palloc_array(Datum *, w->cap_triggers) :
			repalloc_array(w->triggers, Datum *, w->cap_triggers);
	}
	row = w->triggers[w->n_triggers++] = palloc_array(Datum, TRIGGER_COLUMNS);
	row[0] = Int64GetDatum(nextval_internal(TriggerSequence(w), true));
	row[1] = CStringGetTextDatum(w->run);
	row[2] = CStringGetTextDatum(k->root);
	row[3] = Int64GetDatum(e->step);
	row[4] = Int64GetDatum((int64) k->seg.n);
	row[5] = Int64GetDatum((int64) k->seg.m);
	row[6] = Float8GetDatum(deficit + k->seg.m);
	row[7] = Float8GetDatum(deficit);
	row[8] = Float8GetDatum(w->s->params.tau);
	row[9] = Int32GetDatum(k->n_heads);
	row[10] = TextArray(heads, n_listed);
	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"trigger_id\": " INT64_FORMAT, DatumGetInt64(row[0]));
	appendStringInfoString(&buf, ", \"run_id\": ");
	escape_json(&buf, w->run);
	appendStringInfoString(&buf, ", \"root_claim_id\": ");
	escape_json(&buf, k->root);
	JsonNumber(&buf, "step_id", row[3], false);
	JsonNumber(&buf, "n", row[4], false);
	JsonNumber(&buf, "m", row[5], false);
	JsonNumber(&buf, "pressure", row[6], true);
	JsonNumber(&buf, "deficit", row[7], true);
	JsonNumber(&buf, "tau", row[8], true);
	appendStringInfo(&buf, ", \"n_heads\": %d, \"heads\": [", k->n_heads);
	for (int i = 0; i < n_listed; i++)
	{
		if (i > 0)
			appendStringInfoString(&buf, ", ");
		escape_json(&buf, heads[i]);
	}
	appendStringInfoString(&buf, "]}");
	Async_Notify("collcog_dti", buf.data);
}

/* Event e creates its claim: its parents are heads no more, it is the newest of cascade k. */
static void
CreateClaim(Run *w, const WatchEvent *e, Claim **parents, Cascade *k)
{
	RunState   *s = w->s;
	char	   *id;
	bool		found;
	Claim	   *c;

	for (int j = 0; j < e->n_parents; j++)
	{
		Claim	   *p = parents[j];
		Cascade    *pk = p->cascade;

		if (!p->is_head)
			continue;
		p->is_head = false;
		if (p->older != NULL)
			p->older->newer = p->newer;
		if (p->newer != NULL)
			p->newer->older = p->older;
		else
			pk->newest_head = p->older;
		pk->n_heads--;
		MarkChanged(w, pk);
	}
	/* events' own key refuses a claim created twice in a run */
	if (FindId(s->claims, e->claim) != NULL)
		elog(ERROR, "collcog: claim \"%s\" of run \"%s\" is created again", e->claim, w->run);
	id = MemoryContextStrdup(s->cxt, e->claim);
	c = hash_search(s->claims, &id, HASH_ENTER, &found);
	c->cascade = k;
	c->is_head = true;
	c->older = k->newest_head;
	c->newer = NULL;
	if (k->newest_head != NULL)
		k->newest_head->newer = c;
	k->newest_head = c;
	k->n_heads++;
	if (w->n_created == w->cap_created)
	{
		w->cap_created = Max(2 * w->cap_created, 64);
		w->created = w->created == NULL ? palloc_array(Claim *, w->cap_created) :
			repalloc_array(w->created, Claim *, w->cap_created);
	}
	w->created[w->n_created++] = c;
	MarkChanged(w, k);
}

/* The cascade rooted at the claim event e creates (at step e->step), new. */
static Cascade *
NewCascade(Run *w, const WatchEvent *e)
{
	RunState   *s = w->s;
	char	   *root = MemoryContextStrdup(s->cxt, e->claim);
	bool		found;
	Cascade    *k = hash_search(s->cascades, &root, HASH_ENTER, &found);

	cc_dti_start(&k->seg);
	k->root_step = e->step;
	k->n_heads = 0;
	k->newest_head = NULL;
	k->changed = false;
	k->stored = false;
	k->tid_known = false;
	return k;
}

/* Apply one event (the replay's loop body, cc_dti_replay_run). */
static void
Apply(Run *w, const WatchEvent *e, bool report)
{
	RunState   *s = w->s;
	Cascade    *k = NULL;
	Claim	  **parents = NULL;
	bool		skip = false;
	double		deficit;

	if (e->step <= s->last_step)
		ereport(ERROR,
				(errcode(ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION),
				 errmsg("the event at step " INT64_FORMAT " of run \"%s\" arrives after step " INT64_FORMAT,
						e->step, w->run, s->last_step),
				 errdetail("While dti_watch() is installed, the events of a run must arrive in step order: a trigger already announced cannot be taken back."),
				 errhint("Insert a run's events in step order, or remove the watcher with dti_unwatch().")));
	s->last_step = e->step;
	if (e->claim != NULL)
	{
		if (strlen(e->claim) >= ID_KEY)
			elog(ERROR, "collcog: claim id longer than a trace_id");
		parents = palloc_array(Claim *, Max(e->n_parents, 1));
		for (int j = 0; j < e->n_parents; j++)
		{
			Cascade    *pk = (parents[j] = Named(w, e, e->parents[j], "parent"))->cascade;
			int64		root_step = pk->root_step;

			if (k == NULL || root_step < k->root_step ||
				(root_step == k->root_step && strcmp(pk->root, k->root) < 0))
				k = pk;
		}
		/* a claim without parents roots a cascade (a parent's root is older than e) */
		if (k == NULL)
			k = NewCascade(w, e);
	}
	else if ((e->type == CC_EV_ENDORSE || e->type == CC_EV_DELEGATE) && e->target != NULL)
		k = Named(w, e, e->target, "target")->cascade;
	if (s->pending != NULL)
	{
		Cascade    *p = s->pending;

		skip = cc_dti_settle(&p->seg, e->dti && e->type == CC_EV_MERGE && k == p, p->n_heads);
		MarkChanged(w, p);
		s->pending = NULL;
	}
	if (e->claim != NULL)
		CreateClaim(w, e, parents, k);
	if (k == NULL || skip)
		return;
	MarkChanged(w, k);
	if (cc_dti_attach(&s->params, &k->seg, e->type == CC_EV_MERGE, &deficit))
	{
		if (report)
			Report(w, e, k, deficit);
		s->pending = k;
	}
}

/* A row of dti_watch_cascades read by key (columns in table order): its tid. */
static void
CascadeRow(void *arg, TupleTableSlot *slot)
{
	Cascade    *k = FindId(arg, TextDatumGetCString(slot->tts_values[1]));

	if (k != NULL)
	{
		k->tid = slot->tts_tid;
		k->tid_known = true;
	}
}

/* Cascade k's newest heads, oldest first, as a text[]. */
static Datum
HeadsArray(const Cascade *k)
{
	const char *heads[WATCH_LISTED_HEADS];
	Datum		d[WATCH_LISTED_HEADS];
	int			n = NewestHeads(k, heads);

	for (int i = 0; i < n; i++)
		d[i] = CStringGetTextDatum(heads[n - 1 - i]);
	return PointerGetDatum(construct_array(d, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* The cascades a write takes, in order. */
typedef struct CascadeRows
{
	Run		   *w;
	Cascade   **k;
} CascadeRows;

/* Row i of dti_watch_claims to insert: run_id, claim_id, root_claim_id. */
static void
ClaimFill(void *arg, int i, Datum *values, bool *isnull)
{
	Run		   *w = arg;

	values[0] = CStringGetTextDatum(w->run);
	values[1] = CStringGetTextDatum(w->created[i]->id);
	values[2] = CStringGetTextDatum(w->created[i]->cascade->root);
}

/* Row i of dti_watch_triggers to insert, as Report made it. */
static void
TriggerFill(void *arg, int i, Datum *values, bool *isnull)
{
	Run		   *w = arg;

	memcpy(values, w->triggers[i], sizeof(Datum) * TRIGGER_COLUMNS);
}

/*
 * Row i of dti_watch_cascades to write: run_id, root_claim_id, root_step, n, m, triggered,
 * heads, n_heads; an update's row must be the cascade's.
 */
static void
CascadeFill(void *arg, int i, Datum *values, bool *isnull)
{
	CascadeRows *rows = arg;
	Cascade    *k = rows->k[i];

	if (k->stored)
	{
		char	   *run = TextDatumGetCString(values[0]);
		char	   *root = TextDatumGetCString(values[1]);

		if (strcmp(run, rows->w->run) != 0 || strcmp(root, k->root) != 0)
			elog(ERROR, "collcog: cascades of run \"%s\" changed under the DTI watcher",
				 rows->w->run);
	}
	values[0] = CStringGetTextDatum(rows->w->run);
	values[1] = CStringGetTextDatum(k->root);
	values[2] = Int64GetDatum(k->root_step);
	values[3] = Int64GetDatum((int64) k->seg.n);
	values[4] = Int64GetDatum((int64) k->seg.m);
	values[5] = BoolGetDatum(k->seg.phase == CC_DTI_TRIGGERED);
	values[6] = HeadsArray(k);
	values[7] = Int32GetDatum(k->n_heads);
}

/* Write the changed cascades that are stored already (updated at their tid) or new. */
static void
PutCascades(Run *w, bool stored)
{
	CascadeRows rows = {w, palloc_array(Cascade *, Max(w->n_changed, 1))};
	ItemPointerData *tids = palloc_array(ItemPointerData, Max(w->n_changed, 1));
	char	  **missing = palloc_array(char *, Max(w->n_changed, 1));
	int			n_missing = 0;
	int			n = 0;

	for (int i = 0; i < w->n_changed; i++)
		if (stored && w->changed[i]->stored && !w->changed[i]->tid_known)
			missing[n_missing++] = (char *) w->changed[i]->root;
	WatchProbe(w->schema, "dti_watch_cascades", w->run, missing, n_missing, CascadeRow,
			   w->s->cascades);
	for (int i = 0; i < w->n_changed; i++)
	{
		Cascade    *k = w->changed[i];

		if (k->stored != stored)
			continue;
		if (stored && !k->tid_known)
			elog(ERROR, "collcog: cascade \"%s\" of run \"%s\" is not in dti_watch_cascades",
				 k->root, w->run);
		tids[n] = k->tid;
		rows.k[n++] = k;
	}
	if (stored)
		WatchUpdateRows(w->schema, "dti_watch_cascades", n, tids, CascadeFill, &rows);
	else
		WatchInsertRows(w->schema, "dti_watch_cascades", n, CascadeFill, &rows, tids);
	for (int i = 0; i < n; i++)
	{
		rows.k[i]->tid = tids[i];
		rows.k[i]->tid_known = true;
		rows.k[i]->stored = true;
	}
}

/* Write the changed state back; the state is then that of the run's row as written. */
static void
Store(Run *w)
{
	RunState   *s = w->s;
	bool		isnull;

	WatchInsertRows(w->schema, "dti_watch_claims", w->n_created, ClaimFill, w, NULL);
	WatchInsertRows(w->schema, "dti_watch_triggers", w->n_triggers, TriggerFill, w, NULL);
	PutCascades(w, true);
	PutCascades(w, false);
	for (int i = 0; i < w->n_changed; i++)
		w->changed[i]->changed = false;
	{
		Datum		run_args[3] = {CStringGetTextDatum(w->run), Int64GetDatum(s->last_step),
		s->pending ? CStringGetTextDatum(s->pending->root) : (Datum) 0};
		char		nulls[3] = {' ', ' ', s->pending ? ' ' : 'n'};

		SpiExecute(StatementPlan(w->schema, Q_PUT_RUN), run_args, nulls, SPI_OK_UPDATE_RETURNING);
	}
	if (SPI_processed != 1)
		elog(ERROR, "collcog: the watch row of run \"%s\" vanished", w->run);
	s->row_tid = *(ItemPointer) DatumGetPointer(Value(0, 1, &isnull));
	s->row_xmin = DatumGetTransactionId(Value(0, 2, &isnull));
	SPI_freetuptable(SPI_tuptable);
	s->cascades_node = CascadesNode(w->schema);
	s->valid = true;
}

void
WatchRun(const char *schema, const char *params, WatchEvent *ev, int n, bool report)
{
	Run			w;
	RunRow		row;
	bool		fresh = false;

	memset(&w, 0, sizeof(w));
	w.run = ev[0].run;
	w.schema = schema;
	(void) StatementPlan(schema, Q_LOCK);	/* a schema of its own forgets the states */
	w.s = StateOf(w.run);
	if (!LockRow(&w, &row))
	{
		fresh = NewRun(&w, params);
		if (!LockRow(&w, &row))
			elog(ERROR, "collcog: the watch row of run \"%s\" vanished", w.run);
	}
	if (fresh)
	{
		/* new: caught up from the run's earlier events, if any, which are written too */
		ResetState(w.s, &row.params);
		if (report)
		{
			uint64		n_earlier;
			WatchEvent *earlier = EarlierEvents(&w, ev[0].step, &n_earlier);

			for (uint64 i = 0; i < n_earlier; i++)
			{
				CHECK_FOR_INTERRUPTS();
				Apply(&w, &earlier[i], false);
			}
		}
	}
	else if (!w.s->valid || !ItemPointerEquals(&w.s->row_tid, &row.tid) ||
			 !TransactionIdEquals(w.s->row_xmin, row.xmin) ||
			 w.s->cascades_node != CascadesNode(schema))
		Rebuild(&w, &row);
	w.s->valid = false;			/* until written back */
	for (int i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		Apply(&w, &ev[i], report);
	}
	Store(&w);
	LimitStates(w.s);
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
