/*
 * Claim-level observables (App. E.6): revision waves and revision_chain_id, contradiction
 * groups and bursts, merge ids. O(claims) plus a sort of each parent's contradictions.
 */
#include "cascade_internal.h"

#include <stdlib.h>
#include <string.h>

/* The out-of-memory error of this pass. */
static cc_status
nomem(cc_work *w)
{
	return cc_fail(w->err, CC_ENOMEM, "out of memory reconstructing cascades");
}

/*
 * Revise edges form a forest. In topological order: chain[c] = c0 of c's revision tree and
 * rdepth[c] = the number of revise edges from c0; a wave ends at every revised claim that
 * nobody revises.
 */
static cc_status
revision_waves(cc_work *w, cc_cascade_result *out)
{
	int32_t		nc = w->n_claims;
	int32_t    *chain = cc_malloc(((size_t) nc + 1) * sizeof(int32_t));
	int32_t    *rdepth = cc_malloc(((size_t) nc + 1) * sizeof(int32_t));
	char	   *revised = cc_calloc((size_t) nc + 1, 1);
	int32_t		i,
				c,
				nw = 0;
	cc_status	st = CC_OK;

	if (!chain || !rdepth || !revised)
	{
		st = nomem(w);
		goto done;
	}
	for (i = 0; i < nc; i++)
	{
		c = w->topo ? w->topo[i] : i;
		if (w->event_type[w->claim_event[c]] == CC_EV_REVISE)
		{
			int32_t		p = w->par[w->par_off[c]];

			chain[c] = chain[p];
			rdepth[c] = rdepth[p] + 1;
			revised[p] = 1;
		}
		else
		{
			chain[c] = c;
			rdepth[c] = 0;
		}
	}
	for (c = 0; c < nc; c++)
		if (rdepth[c] > 0 && !revised[c])
			nw++;
	out->waves = cc_malloc(((size_t) nw + 1) * sizeof(cc_revision_wave));
	if (out->waves == NULL)
	{
		st = nomem(w);
		goto done;
	}
	out->n_waves = nw;
	nw = 0;
	for (c = 0; c < nc; c++)
	{
		if (rdepth[c] > 0 || revised[c])
			out->claims[c].revision_chain = chain[c];
		if (rdepth[c] > 0 && !revised[c])
		{
			out->waves[nw].first_claim = chain[c];
			out->waves[nw].last_claim = c;
			out->waves[nw].length = rdepth[c] + 1;
			nw++;
		}
	}
done:
	cc_free(chain);
	cc_free(rdepth);
	cc_free(revised);
	return st;
}

typedef struct contra_item
{
	int64_t		window;
	int64_t		step;
	int32_t		claim;
} contra_item;

/* Within one parent's contradictions: by window, then step, then input order. */
static int
cmp_contra(const void *a, const void *b)
{
	const contra_item *x = a;
	const contra_item *y = b;

	if (x->window != y->window)
		return x->window < y->window ? -1 : 1;
	if (x->step != y->step)
		return x->step < y->step ? -1 : 1;
	return (x->claim > y->claim) - (x->claim < y->claim);
}

/* The time or step a contradiction is windowed on. */
static cc_status
window_key(cc_work *w, int32_t c, int64_t *key)
{
	char		q[CC_QUOTE_BUF];

	if (w->in->options.burst_window == CC_WINDOW_TIME)
	{
		const cc_event *e = &w->in->events[w->claim_event[c]];

		if (!e->has_ts)
			return cc_work_fail(w, CC_EINVAL, w->claim_event[c],
								"contradict event of claim %s has no ts, which the time window needs",
								cc_quote(e->claim_id, q, sizeof(q)));
		*key = e->ts;
	}
	else
		*key = w->event_step[w->claim_event[c]];
	return CC_OK;
}

/*
 * Contradiction groups: contradicting claims bucketed by parent (counting sort, stable),
 * then each parent's list split into windows anchored at its first contradiction.
 */
static cc_status
contradiction_groups(cc_work *w, cc_cascade_result *out)
{
	const cc_cascade_options *opt = &w->in->options;
	int32_t		nc = w->n_claims;
	int32_t    *off = cc_calloc((size_t) nc + 2, sizeof(int32_t));
	contra_item *items = NULL;
	int32_t    *agent_stamp = cc_malloc(((size_t) w->agent_ids.n + 1) * sizeof(int32_t));
	int32_t		ncon = 0,
				ng = 0,
				c,
				p,
				k;
	cc_status	st = CC_OK;

	if (!off || !agent_stamp)
	{
		st = nomem(w);
		goto done;
	}
	for (k = 0; k < w->agent_ids.n; k++)
		agent_stamp[k] = -1;
	for (c = 0; c < nc; c++)
		if (w->event_type[w->claim_event[c]] == CC_EV_CONTRADICT)
		{
			off[w->par[w->par_off[c]] + 2]++;
			ncon++;
		}
	for (p = 0; p < nc; p++)
		off[p + 2] += off[p + 1];
	items = cc_malloc(((size_t) ncon + 1) * sizeof(contra_item));
	out->groups = cc_malloc(((size_t) ncon + 1) * sizeof(cc_contradiction_group));
	if (!items || !out->groups)
	{
		st = nomem(w);
		goto done;
	}
	for (c = 0; c < nc; c++)
		if (w->event_type[w->claim_event[c]] == CC_EV_CONTRADICT)
		{
			contra_item *it = &items[off[w->par[w->par_off[c]] + 1]++];

			it->claim = c;
			it->step = w->event_step[w->claim_event[c]];
			if ((st = window_key(w, c, &it->window)) != CC_OK)
				goto done;
		}
	/* now parent p's items are items[off[p] .. off[p+1]) */
	for (p = 0; p < nc; p++)
	{
		int32_t		lo = off[p],
					hi = off[p + 1];
		int64_t		s0;

		if (lo == hi)
			continue;
		if (cc_poll(p, CC_POLL_CHEAP))
		{
			st = cc_fail(w->err, CC_ECANCEL, "canceled");
			goto done;
		}
		s0 = items[lo].window;
		for (k = lo + 1; k < hi; k++)
			if (items[k].window < s0)
				s0 = items[k].window;
		for (k = lo; k < hi; k++)
		{
			uint64_t	span = (uint64_t) items[k].window - (uint64_t) s0;

			if (opt->burst_window == CC_WINDOW_RUN)
				items[k].window = 0;
			else
			{
				span /= (uint64_t) opt->burst_width;
				if (span > (uint64_t) INT64_MAX)
				{
					st = cc_work_fail(w, CC_ELIMIT, w->claim_event[items[k].claim],
									  "window number out of range");
					goto done;
				}
				items[k].window = (int64_t) span;
			}
		}
		qsort(items + lo, (size_t) (hi - lo), sizeof(contra_item), cmp_contra);
		for (k = lo; k < hi; k++)
		{
			int32_t		a = w->event_agent[w->claim_event[items[k].claim]];
			cc_contradiction_group *g;

			if (k == lo || items[k].window != items[k - 1].window)
			{
				g = &out->groups[ng++];
				g->parent_claim = p;
				g->window = items[k].window;
				g->first_claim = items[k].claim;
				g->n_claims = 0;
				g->n_agents = 0;
			}
			g = &out->groups[ng - 1];
			g->n_claims++;
			if (agent_stamp[a] != ng - 1)
			{
				agent_stamp[a] = ng - 1;
				g->n_agents++;
			}
			out->claims[items[k].claim].contradiction_group = g->first_claim;
		}
	}
	out->n_groups = ng;
done:
	cc_free(off);
	cc_free(items);
	cc_free(agent_stamp);
	return st;
}

/* Pass 5: revision waves and contradiction groups (merge ids are set with the claim rows). */
cc_status
cc_cascade_observables(cc_work *w, cc_cascade_result *out)
{
	cc_status	st = revision_waves(w, out);

	if (st == CC_OK)
		st = contradiction_groups(w, out);
	return st;
}
