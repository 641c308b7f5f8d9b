/*
 * The claim DAG: topological order (Kahn), cycle detection, root assignment by earliest
 * root, and claim depth. O(claims + parent references), plus a sort of the roots.
 */
#include "cascade_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct root_key
{
	int64_t		step;
	cc_str		id;
	int32_t		claim;
} root_key;

/* Roots in (step_id, claim_id) order; claim ids are unique so this is a total order. */
static int
cmp_root_key(const void *a, const void *b)
{
	const root_key *x = a;
	const root_key *y = b;

	if (x->step != y->step)
		return x->step < y->step ? -1 : 1;
	return cc_str_cmp(x->id, y->id);
}

/* The out-of-memory error of this pass. */
static cc_status
nomem(cc_work *w)
{
	return cc_fail(w->err, CC_ENOMEM, "out of memory reconstructing cascades");
}

/*
 * Claims left over by Kahn's algorithm all have a left-over parent, so walking up from one
 * of them must come back to a claim already seen: that claim is on a cycle.
 */
static cc_status
report_cycle(cc_work *w, const int32_t *indeg)
{
	int32_t		nc = w->n_claims;
	char	   *seen;
	int32_t		c;
	char		q[CC_QUOTE_BUF];

	for (c = 0; c < nc && indeg[c] == 0; c++)
		;
	seen = cc_calloc((size_t) nc, 1);
	if (seen == NULL)
		return nomem(w);
	while (!seen[c])
	{
		int32_t		k;

		seen[c] = 1;
		for (k = w->par_off[c]; k < w->par_off[c + 1]; k++)
			if (indeg[w->par[k]] > 0)
				break;
		c = w->par[k];
	}
	cc_free(seen);
	return cc_work_fail(w, CC_ELINEAGE, w->claim_event[c],
						"claim %s is on a lineage cycle",
						cc_quote(w->claim_ids.keys[c], q, sizeof(q)));
}

/*
 * Topological order of the claims (parents first); CC_ELINEAGE on a cycle. When every
 * parent precedes its child in the input (the glue sorts by step_id), the input order is
 * one: checked in one sequential pass, which also keeps the later passes cache-friendly.
 * Otherwise Kahn's algorithm.
 */
static cc_status
topo_sort(cc_work *w)
{
	int32_t		nc = w->n_claims;
	int32_t    *indeg = NULL;
	int32_t    *ch_off = NULL;
	int32_t    *ch = NULL;
	int32_t		head = 0,
				tail = 0;
	int32_t		c,
				k;
	cc_status	st = CC_OK;

	for (c = 0; c < nc; c++)
	{
		for (k = w->par_off[c]; k < w->par_off[c + 1]; k++)
			if (w->par[k] > c)
				break;
		if (k < w->par_off[c + 1])
			break;
	}
	if (c == nc)
		return CC_OK;			/* w->topo stays NULL: the identity order */

	w->topo = cc_malloc(((size_t) nc + 1) * sizeof(int32_t));

	indeg = cc_malloc((size_t) nc * sizeof(int32_t));
	ch_off = cc_calloc((size_t) nc + 1, sizeof(int32_t));
	ch = cc_malloc(((size_t) w->par_off[nc] + 1) * sizeof(int32_t));
	if (!w->topo || !indeg || !ch_off || !ch)
	{
		st = nomem(w);
		goto done;
	}
	/* children as CSR */
	for (k = 0; k < w->par_off[nc]; k++)
		ch_off[w->par[k] + 1]++;
	for (c = 0; c < nc; c++)
		ch_off[c + 1] += ch_off[c];
	for (c = 0; c < nc; c++)
	{
		indeg[c] = w->par_off[c + 1] - w->par_off[c];
		for (k = w->par_off[c]; k < w->par_off[c + 1]; k++)
			ch[ch_off[w->par[k]]++] = c;
	}
	for (c = nc; c > 0; c--)
		ch_off[c] = ch_off[c - 1];
	ch_off[0] = 0;

	for (c = 0; c < nc; c++)
		if (indeg[c] == 0)
			w->topo[tail++] = c;
	while (head < tail)
	{
		c = w->topo[head++];
		if (cc_poll(head, CC_POLL_CHEAP))
		{
			st = cc_fail(w->err, CC_ECANCEL, "canceled");
			goto done;
		}
		for (k = ch_off[c]; k < ch_off[c + 1]; k++)
			if (--indeg[ch[k]] == 0)
				w->topo[tail++] = ch[k];
	}
	if (tail < nc)
		st = report_cycle(w, indeg);
done:
	cc_free(indeg);
	cc_free(ch_off);
	cc_free(ch);
	return st;
}

/*
 * Pass 3: order, roots, depth, and the claim rows. A claim's cascade is the smallest rank
 * among its parents' cascades (min over parents propagates the earliest root); its depth is
 * 1 + the largest depth among the parents in the same cascade, since only those lie on a
 * path from its root.
 */
cc_status
cc_cascade_lineage(cc_work *w, cc_cascade_result *out)
{
	int32_t		nc = w->n_claims;
	root_key   *keys = NULL;
	int32_t		nroots = 0;
	int32_t		i,
				c,
				k;

	if (topo_sort(w) != CC_OK)
		return w->err->code;

	w->depth = cc_malloc(((size_t) nc + 1) * sizeof(int32_t));
	w->cascade_of = cc_malloc(((size_t) nc + 1) * sizeof(int32_t));
	keys = cc_malloc(((size_t) nc + 1) * sizeof(root_key));
	if (!w->depth || !w->cascade_of || !keys)
	{
		cc_free(keys);
		return nomem(w);
	}
	for (c = 0; c < nc; c++)
	{
		if (w->par_off[c] == w->par_off[c + 1])
		{
			keys[nroots].step = w->event_step[w->claim_event[c]];
			keys[nroots].id = w->claim_ids.keys[c];
			keys[nroots].claim = c;
			nroots++;
		}
	}
	qsort(keys, (size_t) nroots, sizeof(root_key), cmp_root_key);
	w->n_cascades = nroots;
	w->cascade_root = cc_malloc(((size_t) nroots + 1) * sizeof(int32_t));
	if (w->cascade_root == NULL)
	{
		cc_free(keys);
		return nomem(w);
	}
	for (k = 0; k < nroots; k++)
	{
		w->cascade_root[k] = keys[k].claim;
		w->cascade_of[keys[k].claim] = k;
	}
	cc_free(keys);

	for (i = 0; i < nc; i++)
	{
		int32_t		best = INT32_MAX,
					d = 0;

		if (cc_poll(i, CC_POLL_CHEAP))
			return cc_fail(w->err, CC_ECANCEL, "canceled");
		c = w->topo ? w->topo[i] : i;
		if (w->par_off[c] == w->par_off[c + 1])
		{
			w->depth[c] = 0;
			continue;
		}
		for (k = w->par_off[c]; k < w->par_off[c + 1]; k++)
			if (w->cascade_of[w->par[k]] < best)
				best = w->cascade_of[w->par[k]];
		for (k = w->par_off[c]; k < w->par_off[c + 1]; k++)
			if (w->cascade_of[w->par[k]] == best && w->depth[w->par[k]] + 1 > d)
				d = w->depth[w->par[k]] + 1;
		w->cascade_of[c] = best;
		w->depth[c] = d;
	}

	out->claims = cc_malloc(((size_t) nc + 1) * sizeof(cc_claim_row));
	if (out->claims == NULL)
		return nomem(w);
	out->n_claims = nc;
	for (c = 0; c < nc; c++)
	{
		cc_claim_row *r = &out->claims[c];
		int32_t		e = w->claim_event[c];

		r->claim_id = w->claim_ids.keys[c];
		r->event = e;
		r->step_id = w->event_step[e];
		r->root = w->cascade_root[w->cascade_of[c]];
		r->depth = w->depth[c];
		r->status = (cc_claim_status) w->event_type[e];	/* the creating types map in order */
		r->revision_chain = -1;
		r->contradiction_group = -1;
		r->merge = w->event_type[e] == CC_EV_MERGE ? c : -1;
		r->n_parents = w->par_off[c + 1] - w->par_off[c];
	}
	return CC_OK;
}
