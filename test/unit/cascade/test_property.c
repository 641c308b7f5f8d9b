/*
 * Property tests of cascade reconstruction: seeded random runs (merges across cascades,
 * long revision chains, wide contradiction bursts, deep delegation trees, huge fan-ins,
 * shared steps, shuffled input order, all three burst windows) compared with a deliberately
 * simple reference written here from the definitions in include/collcog/cascade.h: ids are
 * compared as strings, ancestors are explicit sets, longest paths are plain recursion, waves
 * are enumerated path by path. Quadratic or worse, and independent of the core's algorithms.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>

#include "cascade_util.h"

/* ---------- seeded generator ---------- */

static uint64_t rng;

static uint64_t
rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * UINT64_C(2685821657736338717);
}

static int
rint_(int n)
{
	return (int) (rnd() % (uint64_t) n);
}

typedef struct gen_run
{
	tb			b;
	cc_cascade_options opt;
} gen_run;

/* a claim index among the first n: recent ones (long chains) or any */
static int
pick(int n)
{
	if (rint_(2))
		return n - 1 - rint_(n < 5 ? n : 5);
	return rint_(n);
}

static void
generate(gen_run *g, uint64_t seed)
{
	tb		   *b = &g->b;
	const char **claims;
	const char **subtasks;
	int			nclaims = 0,
				nsub = 0;
	int			n = (seed % 10 == 0) ? 1 + (int) (seed % 700) : 1 + (int) (seed % 200);
	int			nagents = 1 + (int) (seed % 6);
	int64_t		step = (int64_t) (seed % 5) - 2;
	/* runs where endorsements and delegations may make claims (E.3 logs); the others draw
	 * what they drew before those existed */
	bool		claimful = seed % 7 == 3;
	int			i;
	char	   *used;

	rng = seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
	tb_init(b);
	claims = calloc((size_t) n, sizeof(char *));
	subtasks = calloc((size_t) n + 2, sizeof(char *));
	used = calloc((size_t) n, 1);
	subtasks[nsub++] = "T0";
	if (seed % 4 == 0)
		subtasks[nsub++] = "T0b";
	switch (seed % 3)
	{
		case 0:
			g->opt.burst_window = CC_WINDOW_RUN;
			g->opt.burst_width = 0;
			break;
		case 1:
			g->opt.burst_window = CC_WINDOW_STEPS;
			g->opt.burst_width = 1 + rint_(8);
			break;
		default:
			g->opt.burst_window = CC_WINDOW_TIME;
			g->opt.burst_width = 500 + rint_(5000);
			break;
	}

	for (i = 0; i < n; i++)
	{
		int			roll = rint_(100);
		cc_event_type t;
		const char *agent = tb_strf(b, "a%d", rint_(nagents));
		const char *claim = NULL,
				   *parents = NULL,
				   *target = NULL,
				   *sub = NULL,
				   *psub = NULL;
		cc_event   *e;

		step += rint_(3) == 0 ? 0 : 1 + rint_(3);
		t = roll < 15 ? CC_EV_PROPOSE : roll < 40 ? CC_EV_REVISE : roll < 58 ? CC_EV_CONTRADICT :
			roll < 68 ? CC_EV_MERGE : roll < 82 ? CC_EV_DELEGATE : CC_EV_ENDORSE;
		if ((t != CC_EV_DELEGATE && nclaims == 0) || (t == CC_EV_MERGE && nclaims < 2))
			t = CC_EV_PROPOSE;
		if (t <= CC_EV_MERGE)
			claim = tb_strf(b, "%c%d_%d", 'a' + rint_(3), rint_(50), i);
		if (t == CC_EV_REVISE)
		{
			parents = claims[pick(nclaims)];
			if (rint_(3) == 0)
				target = parents;
		}
		else if (t == CC_EV_CONTRADICT)
		{
			parents = rint_(2) ? claims[rint_(nclaims < 3 ? nclaims : 3)] : claims[pick(nclaims)];
			if (rint_(3) == 0)
				target = parents;
		}
		else if (t == CC_EV_MERGE || (t == CC_EV_PROPOSE && nclaims > 0 && rint_(6) == 0))
		{
			/* merges, and now and then a propose that builds on earlier claims */
			int			k = t == CC_EV_PROPOSE ? 1 + rint_(nclaims < 2 ? 1 : 2) :
				2 + rint_(nclaims - 1 < 4 ? nclaims - 1 : 4),
						j;
			size_t		len = 0;
			char	   *buf;

			if (t == CC_EV_MERGE && rint_(20) == 0)
				k = nclaims;
			buf = malloc((size_t) k * 32);
			memset(used, 0, (size_t) nclaims);
			for (j = 0; j < k; j++)
			{
				int			c;

				do
					c = k == nclaims ? rint_(nclaims) : pick(nclaims);
				while (used[c]);
				used[c] = 1;
				len += (size_t) sprintf(buf + len, "%s ", claims[c]);
				if (j == 0 && rint_(4) == 0)
					target = claims[c];
			}
			parents = tb_own(b, buf);
		}
		else if (t == CC_EV_ENDORSE)
		{
			target = claims[pick(nclaims)];
			if (claimful && rint_(2))
			{
				/* a claim under the one it endorses, or a root */
				claim = tb_strf(b, "e%d_%d", rint_(50), i);
				if (rint_(3) == 0)
					target = NULL;
				parents = target;
			}
		}
		else if (t == CC_EV_DELEGATE)
		{
			if (nclaims > 0 && rint_(2))
				target = claims[pick(nclaims)];
			if (claimful && rint_(2))
			{
				claim = tb_strf(b, "d%d_%d", rint_(50), i);
				parents = target != NULL ? target : nclaims > 0 && rint_(2) ? claims[pick(nclaims)] : NULL;
			}
			sub = tb_strf(b, "S%d", i);
			psub = rint_(2) ? subtasks[nsub - 1] : subtasks[rint_(nsub)];
			subtasks[nsub++] = sub;
		}
		if (t != CC_EV_DELEGATE && rint_(8) != 0)
			sub = rint_(2) ? subtasks[nsub - 1 - rint_(nsub < 3 ? nsub : 3)] : subtasks[rint_(nsub)];

		e = tb_add(b, step, agent, t, claim, parents, target, sub, psub);
		e->has_ts = true;
		e->ts = step * 1000 + rint_(1500);
		if (claim)
			claims[nclaims++] = claim;
	}
	/* shuffle the input order half of the time: nothing may depend on it but ties */
	if (seed % 2)
	{
		for (i = n - 1; i > 0; i--)
		{
			int			j = rint_(i + 1);
			cc_event	te = b->ev[i];
			size_t		ts = b->par_start[i];

			b->ev[i] = b->ev[j];
			b->par_start[i] = b->par_start[j];
			b->ev[j] = te;
			b->par_start[j] = ts;
		}
	}
	tb_finish(b);
	free(claims);
	free(subtasks);
	free(used);
}

/* ---------- reference ---------- */

/* Subtask names made by the generator are NUL-terminated strings. */
static const char *
tb_strf_tmp(cc_str x)
{
	assert_true(x.ptr[x.len] == '\0');
	return x.ptr;
}

static int
seq(cc_str a, cc_str b)
{
	return a.ptr && b.ptr && a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

/* Whether the event creates a claim: the four claim types, and delegate or endorse with one. */
static int
creates(const cc_event *e)
{
	return e->type == CC_EV_PROPOSE || e->type == CC_EV_REVISE || e->type == CC_EV_CONTRADICT ||
		e->type == CC_EV_MERGE ||
		((e->type == CC_EV_DELEGATE || e->type == CC_EV_ENDORSE) && e->claim_id.ptr != NULL);
}

/* bytewise, a prefix first */
static int
scmp(cc_str a, cc_str b)
{
	size_t		n = a.len < b.len ? a.len : b.len;
	int			c = memcmp(a.ptr, b.ptr, n);

	if (c)
		return c;
	return (a.len > b.len) - (a.len < b.len);
}

typedef struct ref
{
	const cc_event *ev;
	int			n;
	int			nc;
	int		   *cev;			/* claim -> event */
	int		  **par;			/* claim -> parent claims */
	char	   *anc;			/* anc[c * nc + x]: x is c or an ancestor of c */
	char	   *anc_done;
	int		   *root;
	int		   *depth;
	int		   *ev_root;		/* event -> root of the claim it creates or targets, or -1 */
} ref;

static int
ref_claim(const ref *r, cc_str id)
{
	int			c;

	for (c = 0; c < r->nc; c++)
		if (seq(r->ev[r->cev[c]].claim_id, id))
			return c;
	fail_msg("claim \"%.*s\" is not in the reference model", (int) id.len, id.ptr);
	return -1;
}

static void
ref_anc(ref *r, int c)
{
	int			k,
				x;

	if (r->anc_done[c])
		return;
	r->anc[(size_t) c * r->nc + c] = 1;
	for (k = 0; k < r->ev[r->cev[c]].n_parents; k++)
	{
		int			p = r->par[c][k];

		ref_anc(r, p);
		for (x = 0; x < r->nc; x++)
			if (r->anc[(size_t) p * r->nc + x])
				r->anc[(size_t) c * r->nc + x] = 1;
	}
	r->anc_done[c] = 1;
}

/* longest path from rt to x, through claims that descend from rt */
static int
ref_lp(ref *r, int rt, int x, int *memo)
{
	int			k,
				best = -1;

	if (x == rt)
		return 0;
	if (memo[x] != -2)
		return memo[x];
	for (k = 0; k < r->ev[r->cev[x]].n_parents; k++)
	{
		int			p = r->par[x][k];

		if (r->anc[(size_t) p * r->nc + rt])
		{
			int			d = ref_lp(r, rt, p, memo);

			if (d + 1 > best)
				best = d + 1;
		}
	}
	memo[x] = best;
	return best;
}

static int
root_before(const ref *r, int a, int b)
{
	const cc_event *ea = &r->ev[r->cev[a]],
			   *eb = &r->ev[r->cev[b]];

	if (ea->step_id != eb->step_id)
		return ea->step_id < eb->step_id;
	return scmp(ea->claim_id, eb->claim_id) < 0;
}

static void
ref_build(ref *r, const tb *b)
{
	int			i,
				c,
				x,
				k;
	int		   *memo;

	memset(r, 0, sizeof(*r));
	r->ev = b->ev;
	r->n = (int) b->n;
	r->cev = malloc(sizeof(int) * (size_t) (r->n + 1));
	for (i = 0; i < r->n; i++)
		if (creates(&r->ev[i]))
			r->cev[r->nc++] = i;
	r->par = calloc((size_t) r->nc + 1, sizeof(int *));
	for (c = 0; c < r->nc; c++)
	{
		const cc_event *e = &r->ev[r->cev[c]];

		r->par[c] = malloc(sizeof(int) * (size_t) (e->n_parents + 1));
		for (k = 0; k < e->n_parents; k++)
			r->par[c][k] = ref_claim(r, e->parents[k]);
	}
	r->anc = calloc((size_t) r->nc * (size_t) r->nc + 1, 1);
	r->anc_done = calloc((size_t) r->nc + 1, 1);
	for (c = 0; c < r->nc; c++)
		ref_anc(r, c);
	r->root = malloc(sizeof(int) * (size_t) (r->nc + 1));
	r->depth = malloc(sizeof(int) * (size_t) (r->nc + 1));
	memo = malloc(sizeof(int) * (size_t) (r->nc + 1));
	for (c = 0; c < r->nc; c++)
	{
		int			best = -1;

		for (x = 0; x < r->nc; x++)
			if (r->anc[(size_t) c * r->nc + x] && r->ev[r->cev[x]].n_parents == 0 &&
				(best < 0 || root_before(r, x, best)))
				best = x;
		r->root[c] = best;
		for (x = 0; x < r->nc; x++)
			memo[x] = -2;
		r->depth[c] = ref_lp(r, best, c, memo);
	}
	free(memo);
	r->ev_root = malloc(sizeof(int) * (size_t) (r->n + 1));
	for (i = 0; i < r->n; i++)
	{
		const cc_event *e = &r->ev[i];

		r->ev_root[i] = -1;
		if (creates(e))
			r->ev_root[i] = r->root[ref_claim(r, e->claim_id)];
		else if (e->target_claim_id.ptr)
			r->ev_root[i] = r->root[ref_claim(r, e->target_claim_id)];
	}
}

static void
ref_free(ref *r)
{
	int			c;

	for (c = 0; c < r->nc; c++)
		free(r->par[c]);
	free(r->par);
	free(r->cev);
	free(r->anc);
	free(r->anc_done);
	free(r->root);
	free(r->depth);
	free(r->ev_root);
}

/* ---------- comparisons ---------- */

static void
check_claims_and_cascades(const ref *r, const cc_cascade_result *res)
{
	int			c,
				i,
				k,
				n_agent_rows = 0;

	assert_int_equal(res->n_claims, r->nc);
	for (c = 0; c < r->nc; c++)
	{
		assert_true(seq(res->claims[c].claim_id, r->ev[r->cev[c]].claim_id));
		assert_int_equal(res->claims[c].event, r->cev[c]);
		assert_int_equal(res->claims[c].root, r->root[c]);
		assert_int_equal(res->claims[c].depth, r->depth[c]);
		assert_int_equal((int) res->claims[c].status, (int) r->ev[r->cev[c]].type);
		assert_int_equal(res->claims[c].merge, r->ev[r->cev[c]].type == CC_EV_MERGE ? c : -1);
	}
	/* cascades: one per root, sorted by (step, id) */
	{
		int			nroots = 0;

		for (c = 0; c < r->nc; c++)
			nroots += r->root[c] == c;
		assert_int_equal(res->n_cascades, nroots);
	}
	for (k = 0; k < res->n_cascades; k++)
	{
		const cc_cascade_row *row = &res->cascades[k];
		int			rt = row->root;
		int64_t		cnt[CC_EV_NTYPES] = {0};
		int64_t		size = 0,
					tce = 0,
					nag = 0,
					exp_;
		int			depth = 0;
		int		   *evs = malloc(sizeof(int) * (size_t) (r->n + 1));
		int			nev = 0,
					j;

		assert_int_equal(r->root[rt], rt);
		if (k > 0)
			assert_true(root_before(r, res->cascades[k - 1].root, rt));
		for (c = 0; c < r->nc; c++)
			if (r->root[c] == rt)
			{
				size++;
				if (r->depth[c] > depth)
					depth = r->depth[c];
			}
		for (i = 0; i < r->n; i++)
		{
			const cc_event *e = &r->ev[i];

			if (r->ev_root[i] == rt)
			{
				cnt[e->type]++;
				tce++;
				evs[nev++] = i;
			}
		}
		/* Each distinct agent of the cascade's events has one agent row with its counts;
		 * the active agents are those with a claim. */
		for (i = 0; i < nev; i++)
		{
			int64_t		acnt[CC_EV_NTYPES] = {0},
						aev = 0,
						acl = 0;
			int			a;

			for (j = 0; j < i; j++)
				if (seq(r->ev[evs[i]].agent_id, r->ev[evs[j]].agent_id))
					break;
			if (j < i)
				continue;
			for (j = i; j < nev; j++)
				if (seq(r->ev[evs[i]].agent_id, r->ev[evs[j]].agent_id))
				{
					acnt[r->ev[evs[j]].type]++;
					aev++;
					acl += creates(&r->ev[evs[j]]);
				}
			nag += acl > 0;
			n_agent_rows++;
			for (a = 0; a < res->n_cascade_agents; a++)
				if (res->cascade_agents[a].cascade == k &&
					seq(res->agents[res->cascade_agents[a].agent], r->ev[evs[i]].agent_id))
					break;
			assert_true(a < res->n_cascade_agents);
			assert_int_equal(res->cascade_agents[a].claims, acl);
			assert_int_equal(res->cascade_agents[a].events, aev);
			for (j = 0; j < CC_EV_NTYPES; j++)
				assert_int_equal(res->cascade_agents[a].n_by_type[j], acnt[j]);
		}
		free(evs);
		assert_int_equal(row->size, size);
		assert_int_equal(row->tce, tce);
		for (i = 0; i < CC_EV_NTYPES; i++)
			assert_int_equal(row->n_by_type[i], cnt[i]);
		assert_int_equal(row->n_agents_active, nag);
		assert_int_equal(row->depth, depth);
		exp_ = cnt[CC_EV_DELEGATE] + cnt[CC_EV_CONTRADICT] + cnt[CC_EV_REVISE];
		assert_int_equal(row->has_merge_conversion, exp_ > 0);
		if (exp_ > 0)
			assert_true(row->merge_conversion == (double) cnt[CC_EV_MERGE] / (double) exp_);
		else
			assert_true(isnan(row->merge_conversion));
	}
	assert_int_equal(res->n_cascade_agents, n_agent_rows);
}

typedef struct wave
{
	int			first,
				last,
				len;
} wave;

static int
is_revision_of(const ref *r, int y, int x)
{
	return r->ev[r->cev[y]].type == CC_EV_REVISE && r->par[y][0] == x;
}

/* enumerate every path down the revise edges from c0; record the maximal ones */
static void
ref_paths(const ref *r, int c0, int x, int len, wave *out, int *nout)
{
	int			y,
				kids = 0;

	for (y = 0; y < r->nc; y++)
		if (is_revision_of(r, y, x))
		{
			kids++;
			ref_paths(r, c0, y, len + 1, out, nout);
		}
	if (kids == 0 && len >= 2)
	{
		out[*nout].first = c0;
		out[*nout].last = x;
		out[*nout].len = len;
		(*nout)++;
	}
}

static int
cmp_wave(const void *a, const void *b)
{
	return ((const wave *) a)->last - ((const wave *) b)->last;
}

static void
check_waves(const ref *r, const cc_cascade_result *res)
{
	wave	   *w = malloc(sizeof(wave) * (size_t) (r->nc + 1));
	int			nw = 0,
				c,
				i;

	for (c = 0; c < r->nc; c++)
		if (r->ev[r->cev[c]].type != CC_EV_REVISE)
			ref_paths(r, c, c, 1, w, &nw);
	qsort(w, (size_t) nw, sizeof(wave), cmp_wave);
	assert_int_equal(res->n_waves, nw);
	for (i = 0; i < nw; i++)
	{
		assert_int_equal(res->waves[i].first_claim, w[i].first);
		assert_int_equal(res->waves[i].last_claim, w[i].last);
		assert_int_equal(res->waves[i].length, w[i].len);
	}
	for (c = 0; c < r->nc; c++)
	{
		int			expect = -1,
					y,
					x;

		if (r->ev[r->cev[c]].type == CC_EV_REVISE)
		{
			for (x = c; r->ev[r->cev[x]].type == CC_EV_REVISE; x = r->par[x][0])
				;
			expect = x;
		}
		else
			for (y = 0; y < r->nc; y++)
				if (is_revision_of(r, y, c))
					expect = c;
		assert_int_equal(res->claims[c].revision_chain, expect);
	}
	free(w);
}

static int64_t
ref_key(const ref *r, int c, const cc_cascade_options *o)
{
	const cc_event *e = &r->ev[r->cev[c]];

	return o->burst_window == CC_WINDOW_TIME ? e->ts : e->step_id;
}

static void
check_groups(const ref *r, const cc_cascade_result *res, const cc_cascade_options *o)
{
	int			p,
				c,
				g = 0;
	int		   *mem = malloc(sizeof(int) * (size_t) (r->nc + 1));
	int64_t    *win = malloc(sizeof(int64_t) * (size_t) (r->nc + 1));
	int		   *group_of = malloc(sizeof(int) * (size_t) (r->nc + 1));

	for (c = 0; c < r->nc; c++)
		group_of[c] = -1;
	for (p = 0; p < r->nc; p++)
	{
		int			m = 0,
					i,
					j;
		int64_t		s0 = 0,
					w,
					maxw = 0;

		for (c = 0; c < r->nc; c++)
			if (r->ev[r->cev[c]].type == CC_EV_CONTRADICT && r->par[c][0] == p)
				mem[m++] = c;
		if (m == 0)
			continue;
		for (i = 0; i < m; i++)
			if (i == 0 || ref_key(r, mem[i], o) < s0)
				s0 = ref_key(r, mem[i], o);
		for (i = 0; i < m; i++)
		{
			win[i] = o->burst_window == CC_WINDOW_RUN ? 0 :
				(ref_key(r, mem[i], o) - s0) / o->burst_width;
			if (win[i] > maxw)
				maxw = win[i];
		}
		for (w = 0; w <= maxw; w++)
		{
			int			first = -1,
						n_claims = 0,
						n_agents = 0;

			for (i = 0; i < m; i++)
			{
				if (win[i] != w)
					continue;
				n_claims++;
				if (first < 0 || r->ev[r->cev[mem[i]]].step_id < r->ev[r->cev[first]].step_id)
					first = mem[i];
				for (j = 0; j < i; j++)
					if (win[j] == w && seq(r->ev[r->cev[mem[i]]].agent_id,
										   r->ev[r->cev[mem[j]]].agent_id))
						break;
				n_agents += j == i;
			}
			if (n_claims == 0)
				continue;
			assert_true(g < res->n_groups);
			assert_int_equal(res->groups[g].parent_claim, p);
			assert_int_equal(res->groups[g].window, w);
			assert_int_equal(res->groups[g].first_claim, first);
			assert_int_equal(res->groups[g].n_claims, n_claims);
			assert_int_equal(res->groups[g].n_agents, n_agents);
			for (i = 0; i < m; i++)
				if (win[i] == w)
					group_of[mem[i]] = first;
			g++;
		}
	}
	assert_int_equal(res->n_groups, g);
	for (c = 0; c < r->nc; c++)
		assert_int_equal(res->claims[c].contradiction_group, group_of[c]);
	free(mem);
	free(win);
	free(group_of);
}

/*
 * Subtasks by name: the distinct names mentioned, each one's parent found by scanning the
 * delegates, depth and subtrees by walking up the parents.
 */
typedef struct ref_sub
{
	int			n;
	cc_str	   *name;
	int		   *parent;			/* index, or -1 */
	int		   *creator;		/* delegate event, or -1 */
	int		   *ev_sub;			/* event -> index of its subtask, or -1 */
} ref_sub;

static int
ref_sub_find(const ref_sub *t, cc_str x)
{
	int			s;

	for (s = 0; s < t->n; s++)
		if (seq(t->name[s], x))
			return s;
	return -1;
}

static void
ref_sub_build(ref_sub *t, const ref *r)
{
	int			i,
				s;

	t->n = 0;
	t->name = malloc(sizeof(cc_str) * (size_t) (2 * r->n + 1));
	t->parent = malloc(sizeof(int) * (size_t) (2 * r->n + 1));
	t->creator = malloc(sizeof(int) * (size_t) (2 * r->n + 1));
	t->ev_sub = malloc(sizeof(int) * (size_t) (r->n + 1));
	for (i = 0; i < r->n; i++)
	{
		cc_str		a = r->ev[i].subtask_id,
					b = r->ev[i].type == CC_EV_DELEGATE ? r->ev[i].parent_subtask_id : (cc_str) {NULL, 0};

		if (a.ptr && ref_sub_find(t, a) < 0)
			t->name[t->n++] = a;
		if (b.ptr && ref_sub_find(t, b) < 0)
			t->name[t->n++] = b;
	}
	for (s = 0; s < t->n; s++)
	{
		t->parent[s] = -1;
		t->creator[s] = -1;
		for (i = 0; i < r->n; i++)
			if (r->ev[i].type == CC_EV_DELEGATE && seq(r->ev[i].subtask_id, t->name[s]))
			{
				t->creator[s] = i;
				t->parent[s] = ref_sub_find(t, r->ev[i].parent_subtask_id);
				break;
			}
	}
	for (i = 0; i < r->n; i++)
		t->ev_sub[i] = r->ev[i].subtask_id.ptr ? ref_sub_find(t, r->ev[i].subtask_id) : -1;
}

static void
ref_sub_free(ref_sub *t)
{
	free(t->name);
	free(t->parent);
	free(t->creator);
	free(t->ev_sub);
}

static int
ref_sub_in_subtree(const ref_sub *t, int x, int s)
{
	for (; x >= 0; x = t->parent[x])
		if (x == s)
			return 1;
	return 0;
}

static void
check_subtasks(const ref *r, const cc_cascade_result *res)
{
	ref_sub		t;
	int			s,
				i;

	ref_sub_build(&t, r);
	assert_int_equal(res->n_subtasks, t.n);
	for (s = 0; s < t.n; s++)
	{
		int			cs = subtask_ix(res, tb_strf_tmp(t.name[s]));
		int			depth = 0,
					x,
					first = -1;
		int64_t		nsub = 0,
					nev = 0;

		assert_true(cs >= 0);
		assert_int_equal(res->subtasks[cs].delegate_event, t.creator[s]);
		if (t.parent[s] >= 0)
			assert_true(seq(res->subtasks[res->subtasks[cs].parent].subtask_id, t.name[t.parent[s]]));
		else
			assert_int_equal(res->subtasks[cs].parent, -1);
		for (x = t.parent[s]; x >= 0; x = t.parent[x])
			depth++;
		assert_int_equal(res->subtasks[cs].depth, depth);
		for (x = 0; x < t.n; x++)
			nsub += ref_sub_in_subtree(&t, x, s);
		for (i = 0; i < r->n; i++)
		{
			if (t.ev_sub[i] >= 0 && ref_sub_in_subtree(&t, t.ev_sub[i], s))
				nev++;
			if (t.ev_sub[i] == s && i != t.creator[s] &&
				(first < 0 || r->ev[i].step_id < r->ev[first].step_id))
				first = i;
		}
		assert_int_equal(res->subtasks[cs].n_subtasks_in_subtree, nsub);
		assert_int_equal(res->subtasks[cs].n_events_in_subtree, nev);
		if (first < 0)
			assert_int_equal(res->subtasks[cs].assigned_agent, -1);
		else
			assert_true(seq(res->agents[res->subtasks[cs].assigned_agent], r->ev[first].agent_id));
	}
	ref_sub_free(&t);
}

/* event_sizes: the reference builds its own rows in the documented order */
static void
check_event_sizes(const ref *r, const cc_cascade_result *res)
{
	int			i,
				k = 0,
				c;

	for (i = 0; i < r->n; i++)
	{
		if (r->ev[i].type != CC_EV_DELEGATE)
			continue;
		assert_int_equal(res->event_sizes[k].observable, CC_OBS_DELEGATION);
		assert_true(seq(res->subtasks[res->event_sizes[k].anchor].subtask_id, r->ev[i].subtask_id));
		assert_int_equal(res->event_sizes[k].size,
						 res->subtasks[res->event_sizes[k].anchor].n_subtasks_in_subtree);
		k++;
	}
	for (i = 0; i < res->n_waves; i++, k++)
	{
		assert_int_equal(res->event_sizes[k].observable, CC_OBS_REVISION);
		assert_int_equal(res->event_sizes[k].anchor, res->waves[i].last_claim);
		assert_int_equal(res->event_sizes[k].size, res->waves[i].length);
	}
	for (i = 0; i < res->n_groups; i++, k++)
	{
		assert_int_equal(res->event_sizes[k].observable, CC_OBS_CONTRADICTION);
		assert_int_equal(res->event_sizes[k].anchor, res->groups[i].first_claim);
		assert_int_equal(res->event_sizes[k].size, res->groups[i].n_agents);
	}
	for (c = 0; c < r->nc; c++)
	{
		if (r->ev[r->cev[c]].type != CC_EV_MERGE)
			continue;
		assert_int_equal(res->event_sizes[k].observable, CC_OBS_MERGE);
		assert_int_equal(res->event_sizes[k].anchor, c);
		assert_int_equal(res->event_sizes[k].size, r->ev[r->cev[c]].n_parents);
		k++;
	}
	assert_int_equal(res->n_event_sizes, k);
}

/* ---------- primary-key order of the rows ---------- */

/* Bytewise order, one unsigned byte at a time; a proper prefix sorts first. */
static int
naive_cmp(cc_str a, cc_str b)
{
	size_t		i;

	for (i = 0; i < a.len && i < b.len; i++)
		if ((unsigned char) a.ptr[i] != (unsigned char) b.ptr[i])
			return (unsigned char) a.ptr[i] < (unsigned char) b.ptr[i] ? -1 : 1;
	return a.len < b.len ? -1 : (a.len > b.len ? 1 : 0);
}

static void
check_permutation(const int32_t *order, int32_t n)
{
	char	   *seen = calloc((size_t) n + 1, 1);
	int32_t		i;

	for (i = 0; i < n; i++)
	{
		assert_true(order[i] >= 0 && order[i] < n);
		assert_false(seen[order[i]]);
		seen[order[i]] = 1;
	}
	free(seen);
}

static cc_str
anchor_id(const cc_cascade_result *res, const cc_event_size *e)
{
	return e->observable == CC_OBS_DELEGATION ? res->subtasks[e->anchor].subtask_id
		: res->claims[e->anchor].claim_id;
}

/* cc_cascade_key_order gives permutations under which each table's keys strictly rise. */
static void
check_key_order(const cc_cascade_result *res)
{
	cc_cascade_order o;
	cc_error	err;
	int32_t		i;

	assert_int_equal(cc_cascade_key_order(res, &o, &err), CC_OK);
	check_permutation(o.rows[CC_TABLE_CLAIMS], res->n_claims);
	check_permutation(o.rows[CC_TABLE_SUBTASKS], res->n_subtasks);
	check_permutation(o.rows[CC_TABLE_CASCADES], res->n_cascades);
	check_permutation(o.rows[CC_TABLE_EVENT_SIZES], res->n_event_sizes);
	check_permutation(o.rows[CC_TABLE_CASCADE_AGENTS], res->n_cascade_agents);
	for (i = 1; i < res->n_claims; i++)
		assert_true(naive_cmp(res->claims[o.rows[CC_TABLE_CLAIMS][i - 1]].claim_id,
							  res->claims[o.rows[CC_TABLE_CLAIMS][i]].claim_id) < 0);
	for (i = 1; i < res->n_subtasks; i++)
		assert_true(naive_cmp(res->subtasks[o.rows[CC_TABLE_SUBTASKS][i - 1]].subtask_id,
							  res->subtasks[o.rows[CC_TABLE_SUBTASKS][i]].subtask_id) < 0);
	for (i = 1; i < res->n_cascades; i++)
		assert_true(naive_cmp(res->claims[res->cascades[o.rows[CC_TABLE_CASCADES][i - 1]].root].claim_id,
							  res->claims[res->cascades[o.rows[CC_TABLE_CASCADES][i]].root].claim_id) < 0);
	for (i = 1; i < res->n_event_sizes; i++)
	{
		const cc_event_size *a = &res->event_sizes[o.rows[CC_TABLE_EVENT_SIZES][i - 1]];
		const cc_event_size *b = &res->event_sizes[o.rows[CC_TABLE_EVENT_SIZES][i]];
		int			c = strcmp(cc_observable_name(a->observable), cc_observable_name(b->observable));

		assert_true(c < 0 || (c == 0 && naive_cmp(anchor_id(res, a), anchor_id(res, b)) < 0));
	}
	for (i = 1; i < res->n_cascade_agents; i++)
	{
		const cc_cascade_agent_row *a = &res->cascade_agents[o.rows[CC_TABLE_CASCADE_AGENTS][i - 1]];
		const cc_cascade_agent_row *b = &res->cascade_agents[o.rows[CC_TABLE_CASCADE_AGENTS][i]];
		int			c = naive_cmp(res->claims[res->cascades[a->cascade].root].claim_id,
								  res->claims[res->cascades[b->cascade].root].claim_id);

		assert_true(c < 0 || (c == 0 && naive_cmp(res->agents[a->agent], res->agents[b->agent]) < 0));
	}
	cc_cascade_order_free(&o);
}

/* Ids that share long prefixes, are prefixes of one another, or hold bytes above 0x7f. */
static void
key_order_of_awkward_ids(void **state)
{
	static const char *const ids[] = {
		"run-000000000001-c10", "run-000000000001-c9", "run-000000000001-c",
		"run-000000000001-c1", "run-000000000001-c\xc3\xa9", "run-000000000001-c\x01",
		"run-000000000001-c\x7f", "run-000000000001-c99999999999", "run-000000000001-c99999999998",
		"run-000000000001-c1\xc3", "run-000000000001-c1A"
	};
	int			n = (int) (sizeof(ids) / sizeof(ids[0]));
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	int			i;

	int			variant;

	(void) state;
	/* variant 0: every id shares "run-000000000001-c", one is exactly that; variant 1: each
	 * id again without its first byte, so nothing is shared */
	for (variant = 0; variant < 2; variant++)
	{
		tb_init(&b);
		for (i = 0; i < n; i++)
			tb_add(&b, i, "a", CC_EV_PROPOSE, ids[i], NULL, NULL, NULL, NULL);
		for (i = 0; i < n && variant == 1; i++)
			tb_add(&b, n + i, "a", CC_EV_PROPOSE, ids[i] + 1, NULL, NULL, NULL, NULL);
		assert_int_equal(tb_run(&b, &res, &err), CC_OK);
		assert_int_equal(res.n_claims, (variant + 1) * n);
		check_key_order(&res);
		cc_cascade_result_free(&res);
		tb_free(&b);
	}
}

static void
random_runs_match_reference(void **state)
{
	uint64_t	seed;
	int64_t		total_events = 0,
				total_waves = 0,
				total_groups = 0,
				total_cross = 0;

	(void) state;
	for (seed = 1; seed <= 400; seed++)
	{
		gen_run		g;
		ref			r;
		cc_cascade_result res;
		cc_error	err;
		cc_status	st;
		int			c;

		memset(&g, 0, sizeof(g));
		generate(&g, seed);
		st = tb_run_opt(&g.b, g.opt, &res, &err);
		if (st != CC_OK)
			print_error("seed %lu: %s\n", (unsigned long) seed, err.message);
		assert_int_equal(st, CC_OK);
		ref_build(&r, &g.b);
		check_claims_and_cascades(&r, &res);
		check_waves(&r, &res);
		check_groups(&r, &res, &g.opt);
		check_subtasks(&r, &res);
		check_event_sizes(&r, &res);
		check_key_order(&res);
		total_events += (int64_t) g.b.n;
		total_waves += res.n_waves;
		total_groups += res.n_groups;
		/* merges whose parents lie in several cascades: the cases that test root choice */
		for (c = 0; c < r.nc; c++)
		{
			int			k;

			for (k = 0; k < r.ev[r.cev[c]].n_parents; k++)
				if (r.root[r.par[c][k]] != r.root[c])
				{
					total_cross++;
					break;
				}
		}
		ref_free(&r);
		cc_cascade_result_free(&res);
		tb_free(&g.b);
	}
	/* the generator must actually exercise what it claims to */
	assert_true(total_events > 30000);
	assert_true(total_waves > 1000);
	assert_true(total_groups > 1000);
	assert_true(total_cross > 100);
}

/*
 * Order independence: shuffling the input changes claim numbering but not what each claim
 * gets (root and depth by id), nor the multiset of cascade sizes, under the whole-run window.
 */
static void
shuffle_invariance(void **state)
{
	uint64_t	seed;

	(void) state;
	for (seed = 3; seed <= 120; seed += 3)	/* seed % 3 == 0: whole-run window; even and odd */
	{
		gen_run		g1,
					g2;
		cc_cascade_result r1,
					r2;
		cc_error	err;
		int			c;

		memset(&g1, 0, sizeof(g1));
		memset(&g2, 0, sizeof(g2));
		generate(&g1, seed);
		generate(&g2, seed);
		/* g2: reverse the order */
		for (c = 0; c < (int) g2.b.n / 2; c++)
		{
			cc_event	t = g2.b.ev[c];

			g2.b.ev[c] = g2.b.ev[g2.b.n - 1 - c];
			g2.b.ev[g2.b.n - 1 - c] = t;
		}
		assert_int_equal(tb_run_opt(&g1.b, g1.opt, &r1, &err), CC_OK);
		/* tb_run_opt would re-fix parents from par_start; the events already point right */
		{
			cc_cascade_input in = {{"r", 1}, g2.b.ev, g2.b.n, g2.opt};

			assert_int_equal(cc_cascade_reconstruct(&in, &r2, &err), CC_OK);
		}
		assert_int_equal(r1.n_claims, r2.n_claims);
		assert_int_equal(r1.n_cascades, r2.n_cascades);
		assert_int_equal(r1.n_waves, r2.n_waves);
		assert_int_equal(r1.n_groups, r2.n_groups);
		for (c = 0; c < r1.n_claims; c++)
		{
			int			d = r2.n_claims - 1 - c;	/* reversed numbering */

			assert_true(seq(r1.claims[c].claim_id, r2.claims[d].claim_id));
			assert_true(seq(r1.claims[r1.claims[c].root].claim_id,
							r2.claims[r2.claims[d].root].claim_id));
			assert_int_equal(r1.claims[c].depth, r2.claims[d].depth);
		}
		for (c = 0; c < r1.n_cascades; c++)
		{
			assert_true(seq(r1.claims[r1.cascades[c].root].claim_id,
							r2.claims[r2.cascades[c].root].claim_id));
			assert_int_equal(r1.cascades[c].tce, r2.cascades[c].tce);
			assert_int_equal(r1.cascades[c].n_agents_active, r2.cascades[c].n_agents_active);
		}
		cc_cascade_result_free(&r1);
		cc_cascade_result_free(&r2);
		tb_free(&g1.b);
		tb_free(&g2.b);
	}
}

/* ---------- mutated runs: valid exactly when a simple validator says so ---------- */

/* the creating event of claim id, or -1; -2 if created twice */
static int
ref_creator(const tb *b, cc_str id)
{
	int			i,
				found = -1;

	for (i = 0; i < (int) b->n; i++)
		if (creates(&b->ev[i]) && seq(b->ev[i].claim_id, id))
		{
			if (found >= 0)
				return -2;
			found = i;
		}
	return found;
}

/* 0 unvisited, 1 on the DFS path, 2 done; returns 1 on a cycle */
static int
ref_claim_cycle(const tb *b, int i, char *color)
{
	int			k;

	if (color[i] == 2)
		return 0;
	if (color[i] == 1)
		return 1;
	color[i] = 1;
	for (k = 0; k < b->ev[i].n_parents; k++)
		if (ref_claim_cycle(b, ref_creator(b, b->ev[i].parents[k]), color))
			return 1;
	color[i] = 2;
	return 0;
}

/* The delegate that creates subtask x, or -1. */
static int
ref_delegate_of(const tb *b, cc_str x)
{
	int			j;

	for (j = 0; j < (int) b->n; j++)
		if (b->ev[j].type == CC_EV_DELEGATE && seq(b->ev[j].subtask_id, x))
			return j;
	return -1;
}

/* Whether an event other than a delegate belongs to subtask x. */
static int
ref_has_events(const tb *b, cc_str x)
{
	int			j;

	for (j = 0; j < (int) b->n; j++)
		if (b->ev[j].type != CC_EV_DELEGATE && seq(b->ev[j].subtask_id, x))
			return 1;
	return 0;
}

/*
 * Subtask parents: each delegate's parent is delegated, holds events, or is the run's task
 * (the parent of the earliest delegate whose parent is neither), which is allowed only when
 * no event belongs to an undelegated subtask; another event's parent subtask is that of its
 * delegated subtask. (Steps of delegated parents are checked by the caller.)
 */
static int
ref_subtask_parents_valid(const tb *b)
{
	int			n = (int) b->n,
				i,
				task = -1,
				roots_with_events = 0;

	for (i = 0; i < n; i++)
		if (b->ev[i].type != CC_EV_DELEGATE && b->ev[i].subtask_id.ptr &&
			ref_delegate_of(b, b->ev[i].subtask_id) < 0)
			roots_with_events = 1;
	for (i = 0; i < n; i++)
	{
		const cc_event *e = &b->ev[i];

		if (e->type == CC_EV_DELEGATE && ref_delegate_of(b, e->parent_subtask_id) < 0 &&
			!ref_has_events(b, e->parent_subtask_id) &&
			(task < 0 || e->step_id < b->ev[task].step_id))
			task = i;
	}
	for (i = 0; i < n; i++)
	{
		const cc_event *e = &b->ev[i];
		int			d;

		if (e->type == CC_EV_DELEGATE)
		{
			if (ref_delegate_of(b, e->parent_subtask_id) >= 0 ||
				ref_has_events(b, e->parent_subtask_id))
				continue;
			if (roots_with_events || !seq(e->parent_subtask_id, b->ev[task].parent_subtask_id))
				return 0;
		}
		else if (e->parent_subtask_id.ptr)
		{
			/* checked against the subtask's delegate, unused without one */
			if (!e->subtask_id.ptr)
				return 0;
			if ((d = ref_delegate_of(b, e->subtask_id)) >= 0 &&
				!seq(e->parent_subtask_id, b->ev[d].parent_subtask_id))
				return 0;
		}
	}
	return 1;
}

/* The rules of include/collcog/cascade.h, checked one by one, quadratically. */
static int
ref_valid(const tb *b)
{
	int			n = (int) b->n,
				i,
				j,
				k;
	char	   *color;

	for (i = 0; i < n; i++)
	{
		const cc_event *e = &b->ev[i];

		if ((int) e->type < 0 || (int) e->type >= CC_EV_NTYPES || !e->agent_id.ptr)
			return 0;
		if (e->type <= CC_EV_MERGE && !e->claim_id.ptr)
			return 0;
		if (creates(e))
		{
			if (ref_creator(b, e->claim_id) == -2)
				return 0;
			if ((e->type == CC_EV_REVISE || e->type == CC_EV_CONTRADICT) && e->n_parents != 1)
				return 0;
			if (e->type == CC_EV_MERGE && e->n_parents < 2)
				return 0;
			for (k = 0; k < e->n_parents; k++)
			{
				int			p = ref_creator(b, e->parents[k]);

				if (p < 0 || p == i || b->ev[p].step_id > e->step_id)
					return 0;
				for (j = 0; j < k; j++)
					if (seq(e->parents[j], e->parents[k]))
						return 0;
			}
			if (e->target_claim_id.ptr)
			{
				for (k = 0; k < e->n_parents; k++)
					if (seq(e->parents[k], e->target_claim_id))
						break;
				if (k == e->n_parents)
					return 0;
			}
		}
		else
		{
			if (e->n_parents > 0)
				return 0;
			if (e->type == CC_EV_ENDORSE && !e->target_claim_id.ptr)
				return 0;
			if (e->target_claim_id.ptr)
			{
				int			t = ref_creator(b, e->target_claim_id);

				if (t < 0 || b->ev[t].step_id > e->step_id)
					return 0;
			}
		}
		if (e->type == CC_EV_DELEGATE)
		{
			if (!e->subtask_id.ptr || !e->parent_subtask_id.ptr ||
				seq(e->subtask_id, e->parent_subtask_id))
				return 0;
			for (j = 0; j < n; j++)
			{
				const cc_event *f = &b->ev[j];

				if (j != i && f->type == CC_EV_DELEGATE && seq(f->subtask_id, e->subtask_id))
					return 0;	/* delegated twice */
				if (f->type == CC_EV_DELEGATE && seq(f->subtask_id, e->parent_subtask_id) &&
					f->step_id > e->step_id)
					return 0;	/* parent created later */
			}
		}
	}
	if (!ref_subtask_parents_valid(b))
		return 0;
	/* claim cycles */
	color = calloc((size_t) n + 1, 1);
	for (i = 0; i < n; i++)
		if (creates(&b->ev[i]) && ref_claim_cycle(b, i, color))
		{
			free(color);
			return 0;
		}
	free(color);
	/* subtask cycles: walking up more than n delegates means a loop */
	for (i = 0; i < n; i++)
	{
		cc_str		x = b->ev[i].subtask_id;
		int			steps = 0;

		while (x.ptr && steps <= n)
		{
			for (j = 0; j < n; j++)
				if (b->ev[j].type == CC_EV_DELEGATE && seq(b->ev[j].subtask_id, x))
					break;
			x = j < n ? b->ev[j].parent_subtask_id : (cc_str) {NULL, 0};
			steps++;
		}
		if (steps > n)
			return 0;
	}
	return 1;
}

static cc_str
random_claim_id(const tb *b)
{
	int			tries;

	for (tries = 0; tries < 20; tries++)
	{
		const cc_event *e = &b->ev[rint_((int) b->n)];

		if (e->claim_id.ptr)
			return e->claim_id;
	}
	return S("ghost");
}

static void
mutate(tb *b)
{
	cc_event   *e = &b->ev[rint_((int) b->n)];
	cc_event   *f = &b->ev[rint_((int) b->n)];

	switch (rint_(12))
	{
		case 0:
			if (e->n_parents > 0)
				e->n_parents--;
			break;
		case 1:
			if (e->n_parents > 0)
				((cc_str *) e->parents)[rint_(e->n_parents)] = S("ghost");
			break;
		case 2:
			e->step_id = f->step_id + rint_(3) - 1;
			break;
		case 3:
			if (e->claim_id.ptr && f->claim_id.ptr)
				e->claim_id = f->claim_id;
			break;
		case 4:
			e->type = (cc_event_type) rint_(CC_EV_NTYPES);
			break;
		case 5:
			e->target_claim_id = rint_(2) ? S(NULL) : random_claim_id(b);
			break;
		case 6:
			if (rint_(2))
				e->subtask_id = S(NULL);
			else
				e->parent_subtask_id = S(NULL);
			break;
		case 7:
			e->parent_subtask_id = f->subtask_id;
			break;
		case 8:
			if (e->n_parents > 0 && e->claim_id.ptr)
				((cc_str *) e->parents)[0] = e->claim_id;
			break;
		case 9:
			if (e->n_parents > 1)
				((cc_str *) e->parents)[1] = e->parents[0];
			break;
		case 10:
			/* a cycle within one step: e's parent p becomes e's child, at e's step */
			if (e->n_parents == 1 && e->claim_id.ptr)
			{
				int			p = ref_creator(b, e->parents[0]);

				if (p >= 0 && b->ev[p].n_parents == 1)
				{
					((cc_str *) b->ev[p].parents)[0] = e->claim_id;
					b->ev[p].step_id = e->step_id;
				}
			}
			break;
		default:
			if (e->type == CC_EV_DELEGATE && f->type == CC_EV_DELEGATE)
				e->subtask_id = f->subtask_id;
			break;
	}
}

static void
mutated_runs_agree_with_validator(void **state)
{
	uint64_t	seed;
	int			n_valid = 0,
				n_invalid = 0;

	(void) state;
	for (seed = 1001; seed <= 1600; seed++)
	{
		gen_run		g;
		cc_cascade_result res;
		cc_error	err;
		cc_status	st;
		cc_cascade_input in;
		int			m,
					valid;

		memset(&g, 0, sizeof(g));
		generate(&g, seed);
		for (m = 0; m <= (int) (seed % 3); m++)
			mutate(&g.b);
		valid = ref_valid(&g.b);
		memset(&in, 0, sizeof(in));
		in.run_id = S("r7");
		in.events = g.b.ev;
		in.n_events = g.b.n;
		in.options = g.opt;
		st = cc_cascade_reconstruct(&in, &res, &err);
		if ((st == CC_OK) != valid)
			print_error("seed %lu: status %d (%s), validator says %s\n", (unsigned long) seed,
						(int) st, st ? err.message : "", valid ? "valid" : "invalid");
		assert_int_equal(st == CC_OK, valid);
		if (valid)
		{
			ref			r;

			n_valid++;
			ref_build(&r, &g.b);
			check_claims_and_cascades(&r, &res);
			check_waves(&r, &res);
			check_groups(&r, &res, &g.opt);
			check_subtasks(&r, &res);
			check_event_sizes(&r, &res);
			ref_free(&r);
			cc_cascade_result_free(&res);
		}
		else
		{
			n_invalid++;
			assert_true(st == CC_ELINEAGE || st == CC_EINVAL);
			assert_true(strncmp(err.message, "run \"r7\" step ", 14) == 0);
			assert_null(res.claims);
		}
		tb_free(&g.b);
	}
	assert_true(n_valid > 50 && n_invalid > 200);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_runs_match_reference),
		cmocka_unit_test(key_order_of_awkward_ids),
		cmocka_unit_test(shuffle_invariance),
		cmocka_unit_test(mutated_runs_agree_with_validator),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
