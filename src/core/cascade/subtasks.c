/*
 * The subtask forest built from delegate events (App. E.4): parents, depth, subtree sizes
 * (the delegation cascades) and the assigned agent. O(events + subtasks).
 */
#include "cascade_internal.h"

#include <inttypes.h>
#include <string.h>

/* The out-of-memory error of this pass. */
static cc_status
nomem(cc_work *w)
{
	return cc_fail(w->err, CC_ENOMEM, "out of memory reconstructing cascades");
}

/* Creators and parents of delegated subtasks; a subtask delegated twice is an error. */
static cc_status
link_subtasks(cc_work *w, int32_t *creator, int32_t *parent)
{
	const cc_event *ev = w->in->events;
	int32_t		i;
	char		q[CC_QUOTE_BUF];

	for (i = 0; i < w->n_events; i++)
	{
		int32_t		s;

		if (w->event_type[i] != CC_EV_DELEGATE)
			continue;
		s = w->event_subtask[i];
		if (creator[s] >= 0)
			return cc_work_fail(w, CC_ELINEAGE, i,
								"subtask %s is delegated twice (first at step %" PRId64 ")",
								cc_quote(ev[i].subtask_id, q, sizeof(q)),
								ev[creator[s]].step_id);
		creator[s] = i;
		parent[s] = cc_intern_find(&w->subtask_ids, ev[i].parent_subtask_id);
	}
	return CC_OK;
}

/*
 * first[s] = the earliest event (smallest step, then input order) of subtask s other than
 * the delegate that creates it, or -1: the subtask's assigned agent, and for a subtask no
 * delegate creates, whether any event belongs to it.
 */
static void
first_events(const cc_work *w, const int32_t *creator, int32_t *first)
{
	int32_t		i;

	for (i = 0; i < w->n_events; i++)
	{
		int32_t		s = w->event_subtask[i];

		if (s >= 0 && i != creator[s] &&
			(first[s] < 0 || w->event_step[i] < w->event_step[first[s]]))
			first[s] = i;
	}
}

/*
 * The parent of a delegated subtask must exist in the run: a delegate creates it at the same
 * step or earlier, or events belong to it (it is a root of the forest), or it is the run's
 * task named only as a parent. A run names at most one such task, the parent of its earliest
 * delegate among those whose parent nothing else names, and only when no event belongs to a
 * root (where events belong to a root, the task is named and any other name is unknown).
 */
static cc_status
check_delegate_parents(cc_work *w, const int32_t *creator, const int32_t *parent,
					   const int32_t *first)
{
	const cc_event *ev = w->in->events;
	int32_t		ns = w->subtask_ids.n;
	int32_t		task_event = -1;
	bool		roots_with_events = false;
	int32_t		s,
				i;
	char		q1[CC_QUOTE_BUF],
				q2[CC_QUOTE_BUF],
				q3[CC_QUOTE_BUF];

	for (s = 0; s < ns; s++)
		roots_with_events |= creator[s] < 0 && first[s] >= 0;
	for (i = 0; i < w->n_events; i++)
	{
		int32_t		p;

		if (w->event_type[i] != CC_EV_DELEGATE)
			continue;
		p = parent[w->event_subtask[i]];
		if (creator[p] < 0 && first[p] < 0 &&
			(task_event < 0 || w->event_step[i] < w->event_step[task_event]))
			task_event = i;
	}
	for (i = 0; i < w->n_events; i++)
	{
		int32_t		p;

		if (w->event_type[i] != CC_EV_DELEGATE)
			continue;
		p = parent[w->event_subtask[i]];
		if (creator[p] >= 0 && w->event_step[creator[p]] > w->event_step[i])
			return cc_work_fail(w, CC_ELINEAGE, i,
								"parent subtask %s of subtask %s is created at a later step (%" PRId64 ")",
								cc_quote(ev[i].parent_subtask_id, q1, sizeof(q1)),
								cc_quote(ev[i].subtask_id, q2, sizeof(q2)),
								ev[creator[p]].step_id);
		if (creator[p] >= 0 || first[p] >= 0)
			continue;
		if (roots_with_events)
			return cc_work_fail(w, CC_ELINEAGE, i,
								"parent subtask %s of subtask %s does not exist in the run "
								"(no delegate creates it and no event belongs to it)",
								cc_quote(ev[i].parent_subtask_id, q1, sizeof(q1)),
								cc_quote(ev[i].subtask_id, q2, sizeof(q2)));
		if (p != parent[w->event_subtask[task_event]])
			return cc_work_fail(w, CC_ELINEAGE, i,
								"parent subtask %s of subtask %s does not exist in the run "
								"(the run's task is %s, named at step %" PRId64 ")",
								cc_quote(ev[i].parent_subtask_id, q1, sizeof(q1)),
								cc_quote(ev[i].subtask_id, q2, sizeof(q2)),
								cc_quote(ev[task_event].parent_subtask_id, q3, sizeof(q3)),
								ev[task_event].step_id);
	}
	return CC_OK;
}

/*
 * An event other than a delegate may repeat the parent of the subtask it belongs to; the
 * parent must then be the one the subtask's delegate names. For a subtask no delegate
 * creates (a root of the forest) the parent its events name is kept in events but not used:
 * the forest is built from delegations (App. E.4), and paper 000's own logs name such
 * parents for subtasks whose delegation they do not record.
 */
static cc_status
check_other_parents(cc_work *w, const int32_t *creator)
{
	const cc_event *ev = w->in->events;
	int32_t		i;
	char		q1[CC_QUOTE_BUF],
				q2[CC_QUOTE_BUF],
				q3[CC_QUOTE_BUF];

	for (i = 0; i < w->n_events; i++)
	{
		const cc_event *e = &ev[i];
		const char *tn = cc_event_type_name(e->type);
		int32_t		s = w->event_subtask[i];

		if (e->type == CC_EV_DELEGATE || e->parent_subtask_id.ptr == NULL)
			continue;
		if (s < 0)
			return cc_work_fail(w, CC_ELINEAGE, i,
								"%s event names parent subtask %s but belongs to no subtask",
								tn, cc_quote(e->parent_subtask_id, q1, sizeof(q1)));
		if (creator[s] < 0)
			continue;
		if (!cc_str_eq(e->parent_subtask_id, ev[creator[s]].parent_subtask_id))
			return cc_work_fail(w, CC_ELINEAGE, i,
								"%s event names parent subtask %s of subtask %s, which is delegated under %s (step %" PRId64 ")",
								tn, cc_quote(e->parent_subtask_id, q1, sizeof(q1)),
								cc_quote(e->subtask_id, q2, sizeof(q2)),
								cc_quote(ev[creator[s]].parent_subtask_id, q3, sizeof(q3)),
								ev[creator[s]].step_id);
	}
	return CC_OK;
}

/* Depth by walking up to a subtask of known depth; meeting a subtask in progress is a cycle. */
static cc_status
subtask_depths(cc_work *w, const int32_t *creator, const int32_t *parent, int32_t *depth,
			   int32_t *stack)
{
	int32_t		ns = w->subtask_ids.n;
	int32_t		s;
	char		q[CC_QUOTE_BUF];

	for (s = 0; s < ns; s++)
		depth[s] = -1;			/* -1 unknown, -2 on the current walk */
	for (s = 0; s < ns; s++)
	{
		int32_t		top = 0,
					x = s,
					d;

		while (x >= 0 && depth[x] == -1)
		{
			depth[x] = -2;
			stack[top++] = x;
			x = parent[x];
		}
		if (x >= 0 && depth[x] == -2)
			return cc_work_fail(w, CC_ELINEAGE, creator[x], "subtask %s is on a subtask cycle",
								cc_quote(w->subtask_ids.keys[x], q, sizeof(q)));
		d = x >= 0 ? depth[x] : -1;
		while (top > 0)
			depth[stack[--top]] = ++d;
	}
	return CC_OK;
}

/* Pass 4: the subtasks table. */
cc_status
cc_cascade_subtasks(cc_work *w, cc_cascade_result *out)
{
	int32_t		ns = w->subtask_ids.n;
	size_t		sz = ((size_t) ns + 1) * sizeof(int32_t);
	int32_t    *creator = cc_malloc(sz);
	int32_t    *parent = cc_malloc(sz);
	int32_t    *depth = cc_malloc(sz);
	int32_t    *order = cc_malloc(sz);
	int32_t    *first = cc_malloc(sz);
	int32_t    *cnt = NULL;
	int32_t		s,
				i,
				maxd = 0;
	cc_status	st = CC_OK;

	if (!creator || !parent || !depth || !order || !first)
	{
		st = nomem(w);
		goto done;
	}
	for (s = 0; s < ns; s++)
		creator[s] = parent[s] = first[s] = -1;
	if ((st = link_subtasks(w, creator, parent)) != CC_OK)
		goto done;
	first_events(w, creator, first);
	if ((st = check_delegate_parents(w, creator, parent, first)) != CC_OK ||
		(st = check_other_parents(w, creator)) != CC_OK)
		goto done;
	if ((st = subtask_depths(w, creator, parent, depth, order)) != CC_OK)
		goto done;

	out->subtasks = cc_calloc((size_t) ns + 1, sizeof(cc_subtask_row));
	if (out->subtasks == NULL)
	{
		st = nomem(w);
		goto done;
	}
	out->n_subtasks = ns;
	for (s = 0; s < ns; s++)
	{
		out->subtasks[s].subtask_id = w->subtask_ids.keys[s];
		out->subtasks[s].parent = parent[s];
		out->subtasks[s].delegate_event = creator[s];
		out->subtasks[s].depth = depth[s];
		out->subtasks[s].n_subtasks_in_subtree = 1;
		if (depth[s] > maxd)
			maxd = depth[s];
	}
	for (i = 0; i < w->n_events; i++)
		if (w->event_subtask[i] >= 0)
			out->subtasks[w->event_subtask[i]].n_events_in_subtree++;
	for (s = 0; s < ns; s++)
		out->subtasks[s].assigned_agent = first[s] >= 0 ? w->event_agent[first[s]] : -1;

	/* subtree sums: children before parents, by counting sort on depth (deepest first) */
	cnt = cc_calloc((size_t) maxd + 2, sizeof(int32_t));
	if (cnt == NULL)
	{
		st = nomem(w);
		goto done;
	}
	for (s = 0; s < ns; s++)
		cnt[maxd - depth[s] + 1]++;
	for (i = 1; i <= maxd + 1; i++)
		cnt[i] += cnt[i - 1];
	for (s = 0; s < ns; s++)
		order[cnt[maxd - depth[s]]++] = s;
	for (i = 0; i < ns; i++)
	{
		cc_subtask_row *r = &out->subtasks[order[i]];

		if (r->parent >= 0)
		{
			out->subtasks[r->parent].n_subtasks_in_subtree += r->n_subtasks_in_subtree;
			out->subtasks[r->parent].n_events_in_subtree += r->n_events_in_subtree;
		}
	}
done:
	cc_free(creator);
	cc_free(parent);
	cc_free(depth);
	cc_free(order);
	cc_free(first);
	cc_free(cnt);
	return st;
}
