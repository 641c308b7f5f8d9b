/*
 * Replay of a stored run through the DTI state machine (see collcog/dti.h). O(events log
 * events) for the step order, plus the heads listed at each trigger (O(1) per head).
 */
#include <stdlib.h>
#include <string.h>

#include "collcog/dti.h"

/* The replay's working state. */
typedef struct replay
{
	const cc_cascade_input *in;
	const cc_cascade_result *res;
	int32_t    *order;			/* events in step order */
	struct step_key *keys;
	int32_t    *event_claim;	/* claim created by each event, or -1 */
	int32_t    *head_older;		/* each cascade's heads form a list, newest first: the */
	int32_t    *head_newer;		/* next older and next newer head of a head, or -1 */
	int32_t    *cascade_newest;	/* the newest head of each cascade, or -1 */
	int32_t    *cascade_heads;	/* heads of each cascade so far */
	bool	   *has_child;
	cc_dti_segment *seg;
	int32_t		max_heads;		/* heads listed per trigger, < 0 for all */
	int64_t		heads_cap;
	int32_t		triggers_cap;
} replay;

/* An event's place in step order: its step, then its input index (qsort is not stable). */
struct step_key
{
	int64_t		step;
	int32_t		event;
};

static int
compare_steps(const void *a, const void *b)
{
	const struct step_key *x = a;
	const struct step_key *y = b;

	if (x->step != y->step)
		return x->step < y->step ? -1 : 1;
	return (x->event > y->event) - (x->event < y->event);
}

static void
replay_free_work(replay *w)
{
	cc_free(w->order);
	cc_free(w->keys);
	cc_free(w->event_claim);
	cc_free(w->head_older);
	cc_free(w->head_newer);
	cc_free(w->cascade_newest);
	cc_free(w->cascade_heads);
	cc_free(w->has_child);
	cc_free(w->seg);
}

static cc_status
replay_init(replay *w, const cc_cascade_input *in, const cc_cascade_result *res, cc_error *err)
{
	size_t		ne = in->n_events,
				nc = (size_t) res->n_claims,
				nk = (size_t) res->n_cascades;
	int32_t		i;

	memset(w, 0, sizeof(*w));
	w->in = in;
	w->res = res;
	w->order = cc_malloc((ne + 1) * sizeof(int32_t));
	w->keys = cc_malloc((ne + 1) * sizeof(struct step_key));
	w->event_claim = cc_malloc((ne + 1) * sizeof(int32_t));
	w->head_older = cc_malloc((nc + 1) * sizeof(int32_t));
	w->head_newer = cc_malloc((nc + 1) * sizeof(int32_t));
	w->cascade_newest = cc_malloc((nk + 1) * sizeof(int32_t));
	w->cascade_heads = cc_calloc(nk + 1, sizeof(int32_t));
	w->has_child = cc_calloc(nc + 1, sizeof(bool));
	w->seg = cc_malloc((nk + 1) * sizeof(cc_dti_segment));
	if (!w->order || !w->keys || !w->event_claim || !w->head_older || !w->head_newer ||
		!w->cascade_newest ||
		!w->cascade_heads || !w->has_child || !w->seg)
	{
		replay_free_work(w);
		return cc_fail(err, CC_ENOMEM, "out of memory replaying a run");
	}
	for (i = 0; i < (int32_t) ne; i++)
	{
		w->keys[i].step = in->events[i].step_id;
		w->keys[i].event = i;
		w->event_claim[i] = -1;
	}
	for (i = 0; i < res->n_claims; i++)
		w->event_claim[res->claims[i].event] = i;
	for (i = 0; i < res->n_cascades; i++)
	{
		w->cascade_newest[i] = -1;
		cc_dti_start(&w->seg[i]);
	}
	qsort(w->keys, ne, sizeof(struct step_key), compare_steps);
	for (i = 0; i < (int32_t) ne; i++)
		w->order[i] = w->keys[i].event;
	return CC_OK;
}

/* The cascade of claim c. */
static int32_t
cascade_of(const replay *w, int32_t c)
{
	return w->res->event_cascade[w->res->claims[c].event];
}

/* Claim c is created: it is the newest head of its cascade, and its parents are heads no
 * more (each head list is doubly linked, so both cost O(1) per claim and parent). */
static void
create_claim(replay *w, int32_t c)
{
	const cc_cascade_result *res = w->res;
	int32_t		r = cascade_of(w, c);
	int32_t		k;

	for (k = res->parent_off[c]; k < res->parent_off[c + 1]; k++)
	{
		int32_t		par = res->parents[k];
		int32_t		pr,
					older,
					newer;

		if (w->has_child[par])
			continue;
		w->has_child[par] = true;
		pr = cascade_of(w, par);
		older = w->head_older[par];
		newer = w->head_newer[par];
		if (older >= 0)
			w->head_newer[older] = newer;
		if (newer >= 0)
			w->head_older[newer] = older;
		else
			w->cascade_newest[pr] = older;
		w->cascade_heads[pr]--;
	}
	w->head_older[c] = w->cascade_newest[r];
	w->head_newer[c] = -1;
	if (w->cascade_newest[r] >= 0)
		w->head_newer[w->cascade_newest[r]] = c;
	w->cascade_newest[r] = c;
	w->cascade_heads[r]++;
}

/* Record a trigger of cascade r at event e, with r's heads newest first. */
static cc_status
record_trigger(replay *w, int32_t e, int32_t r, double deficit, bool integrated,
			   cc_dti_replay *out, cc_error *err)
{
	cc_dti_trigger *t;
	int32_t		c;
	int32_t		listed = w->max_heads >= 0 && w->max_heads < w->cascade_heads[r] ?
		w->max_heads : w->cascade_heads[r];

	if (out->n_triggers == w->triggers_cap)
	{
		int32_t		cap = w->triggers_cap > 0 ? 2 * w->triggers_cap : 16;
		cc_dti_trigger *grown = cc_realloc(out->triggers, (size_t) cap * sizeof(cc_dti_trigger));

		if (grown == NULL)
			return cc_fail(err, CC_ENOMEM, "out of memory replaying a run");
		out->triggers = grown;
		w->triggers_cap = cap;
	}
	if (out->n_heads + listed > w->heads_cap)
	{
		int64_t		cap = 2 * (out->n_heads + listed) + 16;
		int32_t    *grown = cc_realloc(out->heads, (size_t) cap * sizeof(int32_t));

		if (grown == NULL)
			return cc_fail(err, CC_ENOMEM, "out of memory replaying a run");
		out->heads = grown;
		w->heads_cap = cap;
	}
	t = &out->triggers[out->n_triggers++];
	t->event = e;
	t->cascade = r;
	t->n = w->seg[r].n;
	t->m = w->seg[r].m;
	t->deficit = deficit;
	t->pressure = deficit + t->m;
	t->integrated = integrated;
	t->heads_off = out->n_heads;
	t->n_heads = w->cascade_heads[r];
	t->n_listed = 0;
	for (c = w->cascade_newest[r]; c >= 0 && t->n_listed < listed; c = w->head_older[c])
		out->heads[out->n_heads + t->n_listed++] = c;
	out->n_heads += t->n_listed;
	return CC_OK;
}

static void
record_point(const replay *w, int32_t e, int32_t r, double deficit, bool triggered,
			 cc_dti_replay *out)
{
	cc_dti_point *pt = &out->points[out->n_points++];

	pt->event = e;
	pt->cascade = r;
	pt->n = w->seg[r].n;
	pt->m = w->seg[r].m;
	pt->deficit = deficit;
	pt->triggered = triggered;
}

cc_status
cc_dti_replay_run(const cc_dti_params *p, const cc_cascade_input *in,
				  const cc_cascade_result *res, const bool *dti_merge, int32_t max_heads,
				  bool want_points, cc_dti_replay *out, cc_error *err)
{
	static const char *const names[3] = {"c", "beta_c", "tau"};
	replay		w;
	int32_t		skip = -1;		/* the DTI merge that realised the last trigger */
	int32_t		k,
				ne = (int32_t) in->n_events;
	cc_status	st;

	memset(out, 0, sizeof(*out));
	if ((st = cc_dti_check(p, names, err)) != CC_OK)
		return st;
	if ((st = replay_init(&w, in, res, err)) != CC_OK)
		return st;
	w.max_heads = max_heads;
	if (want_points &&
		(out->points = cc_malloc(((size_t) ne + 1) * sizeof(cc_dti_point))) == NULL)
	{
		replay_free_work(&w);
		return cc_fail(err, CC_ENOMEM, "out of memory replaying a run");
	}
	for (k = 0; k < ne && st == CC_OK; k++)
	{
		int32_t		e = w.order[k];
		int32_t		r = res->event_cascade[e];
		double		deficit;
		int			fired;

		if (cc_poll((uint64_t) k, CC_POLL_CHEAP))
		{
			st = cc_fail(err, CC_ECANCEL, "replay canceled");
			break;
		}
		if (w.event_claim[e] >= 0)
			create_claim(&w, w.event_claim[e]);
		if (r < 0)
			continue;
		if (e == skip)
			continue;			/* the integration merge: the segment has restarted */
		fired = cc_dti_attach(p, &w.seg[r], in->events[e].type == CC_EV_MERGE, &deficit);
		if (want_points)
			record_point(&w, e, r, deficit, fired, out);
		if (fired)
		{
			int32_t		next = k + 1 < ne ? w.order[k + 1] : -1;
			bool		integrated = next >= 0 && dti_merge != NULL && dti_merge[next] &&
				in->events[next].type == CC_EV_MERGE && res->event_cascade[next] == r;

			st = record_trigger(&w, e, r, deficit, integrated, out, err);
			if (cc_dti_settle(&w.seg[r], integrated, w.cascade_heads[r]))
				skip = next;
		}
	}
	replay_free_work(&w);
	if (st != CC_OK)
		cc_dti_replay_free(out);
	return st;
}

void
cc_dti_replay_free(cc_dti_replay *r)
{
	cc_free(r->triggers);
	cc_free(r->heads);
	cc_free(r->points);
	memset(r, 0, sizeof(*r));
}
