/*
 * The reinforced-routing simulator (paper 000, Sec. 4; DTI of App. C; task trees of App. H).
 * The model is documented in include/collcog/sim.h and docs/reference/simulate_routing.md.
 *
 * Claims are sampled with probability proportional to (1 + k)^gamma among the claims the
 * acting agent may see: one Fenwick tree of weights per owning agent, and one over the
 * owners' totals for agents that see everyone, so a draw costs O(visible agents + log
 * claims), a weight update O(log^2 claims) (nodes are recomputed, not patched), and a run
 * O(steps log^2 steps) whatever gamma is.
 */
#include "sim_internal.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WTAB_SIZE		4096	/* precomputed (1 + k)^gamma for k below this */
#define HEAD_SCAN		64		/* DTI: newest claims of a cascade scanned for heads */
#define FANIN_CONTINUE	0.35	/* merge: probability of one more parent */
#define INTEGRATION_SCALE 0.15	/* success: 1 - exp(-integration / scale) */
#define EVENT_BASE_USEC	500000	/* an event lasts 0.5 s plus 20 ms per token */
#define TOKEN_USEC		20000
#define MAX_DEPS		8		/* dependencies per subtask at most */

static const double kind_tokens[CC_SIM_NKINDS] = {1.0, 0.8, 0.6, 1.2, 0.4, 0.2};

struct cc_sim_routing
{
	cc_sim_routing_params p;
	sim_rng		rng;
	sim_topo	topo;
	int64_t		run;			/* the run in progress, or the next one */
	int			in_run;
	int			run_over;		/* the run in progress has emitted its last event */
	int			done;
	int64_t		step;
	int64_t		ts;
	double		wtab[WTAB_SIZE];

	/* sampling weights: one tree per owner, one over the owners' totals */
	sim_fenwick *own;
	int64_t   **own_claims;		/* own_claims[b][i]: the claim at position i of own[b] */
	int64_t    *own_cap;
	sim_fenwick owners;

	/* references received by each agent's claims; the acting agent's weights */
	int64_t    *rep;
	sim_fenwick agents;
	double		atab[WTAB_SIZE];
	/* reputation topology: agents ordered by references received */
	int32_t    *order;
	int32_t    *rank;
	int32_t		rep_k;
	int32_t    *vis;			/* scratch: visible agents */

	/* claims, 1-based */
	int64_t		nclaims;
	int64_t		ccap[9];
	int32_t    *c_owner;
	int64_t    *c_pos;
	int32_t    *c_act;
	int32_t    *c_depth;
	int64_t    *c_root;
	int64_t    *c_prev;			/* previous claim of the same cascade */
	uint8_t    *c_flags;		/* CF_LIVE, CF_CHILD */
	/* per cascade, indexed by the root claim */
	int64_t    *r_last;
	double	   *r_nm;			/* n, m of the DTI segment: r_nm[2 r], r_nm[2 r + 1] */

	/* task tree */
	int32_t		nsub;
	int32_t    *sub_parent;
	uint8_t    *sub_state;		/* SUB_CREATED, SUB_CLAIMED */
	int32_t		next_sub;
	int32_t    *dep_from;		/* dep_from[k] depends on dep_to[k] */
	int32_t    *dep_to;
	int64_t		ndeps;
	int64_t		dep_cap_from;
	int64_t		dep_cap_to;
	int32_t    *assigned;		/* current subtask of each agent */

	/* DTI */
	int			pending;
	int64_t		pending_root;
	double		pending_deficit;
	int32_t		pending_agent;

	int64_t		parents[CC_SIM_MAX_FANIN];
	cc_sim_run_summary sum;
};

#define CF_LIVE		1
#define CF_CHILD	2
#define SUB_CREATED	1
#define SUB_CLAIMED	2

void
cc_sim_routing_defaults(cc_sim_routing_params *p)
{
	static const double mix[CC_SIM_NKINDS] = {0.15, 0.30, 0.15, 0.10, 0.10, 0.20};

	memset(p, 0, sizeof(*p));
	p->n_agents = 8;
	p->steps = 200;
	p->gamma = 1.0;
	p->agent_gamma = 1.0;
	memcpy(p->mix, mix, sizeof(mix));
	p->topology = CC_TOPO_FULLY_CONNECTED;
	p->n_subtasks = -1;
	p->dependency_prob = 0.1;
	p->max_fanin = 4;
	p->mean_tokens = 200.0;
	p->runs = 1;
	p->seed = 1;
}

cc_status
cc_sim_routing_check(const cc_sim_routing_params *p, cc_error *err)
{
	sim_numstr	ns;
	double		total = 0.0;

	if (p->n_agents < 1)
		return cc_fail(err, CC_EINVAL, "n_agents must be positive, not %d", p->n_agents);
	if (p->n_agents > CC_SIM_MAX_AGENTS)
		return cc_fail(err, CC_ELIMIT, "n_agents = %d exceeds the limit of %d",
					   p->n_agents, CC_SIM_MAX_AGENTS);
	if (p->steps < 0)
		return cc_fail(err, CC_EINVAL, "steps must not be negative, not %lld",
					   (long long) p->steps);
	if (!isfinite(p->gamma) || fabs(p->gamma) > 10.0)
	{
		cc_fail(err, CC_EINVAL, "gamma = %s is out of range", SIM_NUM(p->gamma));
		cc_fail_detail(err, "The routing strength gamma must be a finite number between -10 and 10.");
		return CC_EINVAL;
	}
	if (!isfinite(p->agent_gamma) || fabs(p->agent_gamma) > 10.0)
	{
		cc_fail(err, CC_EINVAL, "agent_gamma = %s is out of range", SIM_NUM(p->agent_gamma));
		cc_fail_detail(err, "The agent reinforcement agent_gamma must be a finite number between -10 and 10.");
		return CC_EINVAL;
	}
	for (int k = 0; k < CC_SIM_NKINDS; k++)
	{
		if (!isfinite(p->mix[k]) || p->mix[k] < 0.0)
		{
			cc_fail(err, CC_EINVAL, "mix weight of %s = %s is invalid", cc_sim_kind_names[k], SIM_NUM(p->mix[k]));
			cc_fail_detail(err, "Event-type weights must be finite and nonnegative.");
			return CC_EINVAL;
		}
		total += p->mix[k];
	}
	if (!(total > 0.0) || !isfinite(total))
		return cc_fail(err, CC_EINVAL, "mix weights must have a positive finite sum");
	if ((int) p->topology < 0 || p->topology >= CC_TOPO_N)
		return cc_fail(err, CC_EINVAL, "unknown topology %d", (int) p->topology);
	if (p->context_window < 0)
		return cc_fail(err, CC_EINVAL, "context_window must be positive, not %lld",
					   (long long) p->context_window);
	if (p->depth_limit < 0)
		return cc_fail(err, CC_EINVAL, "depth_limit must be positive, not %d", p->depth_limit);
	if (p->token_budget < 0)
		return cc_fail(err, CC_EINVAL, "token_budget must be positive, not %lld",
					   (long long) p->token_budget);
	if (p->n_subtasks < -1)
		return cc_fail(err, CC_EINVAL, "subtasks must not be negative, not %d", p->n_subtasks);
	if (p->n_subtasks > CC_SIM_MAX_SUBTASKS)
		return cc_fail(err, CC_ELIMIT, "subtasks = %d exceeds the limit of %d",
					   p->n_subtasks, CC_SIM_MAX_SUBTASKS);
	if (!(p->dependency_prob >= 0.0 && p->dependency_prob <= 1.0))
		return cc_fail(err, CC_EINVAL, "dependency_prob = %s is not in [0, 1]", SIM_NUM(p->dependency_prob));
	if (p->max_fanin < 2 || p->max_fanin > CC_SIM_MAX_FANIN)
		return cc_fail(err, CC_EINVAL, "max_fanin = %d is not between 2 and %d",
					   p->max_fanin, CC_SIM_MAX_FANIN);
	if (!(p->mean_tokens > 0.0 && p->mean_tokens <= 1e6))
		return cc_fail(err, CC_EINVAL, "mean_tokens = %s is not in (0, 1e6]", SIM_NUM(p->mean_tokens));
	if (p->runs < 1)
		return cc_fail(err, CC_EINVAL, "runs must be positive, not %lld", (long long) p->runs);
	if (p->runs > CC_SIM_MAX_RUNS)
		return cc_fail(err, CC_ELIMIT, "runs = %lld exceeds the limit of %d",
					   (long long) p->runs, CC_SIM_MAX_RUNS);
	if (p->dti)
	{
		if (!(isfinite(p->dti_c) && p->dti_c > 0.0))
			return cc_fail(err, CC_EINVAL, "dti_c = %s must be positive and finite", SIM_NUM(p->dti_c));
		if (!(isfinite(p->dti_beta) && p->dti_beta >= 0.0 && p->dti_beta <= 10.0))
			return cc_fail(err, CC_EINVAL, "dti_beta = %s is not in [0, 10]", SIM_NUM(p->dti_beta));
		if (!isfinite(p->dti_tau))
			return cc_fail(err, CC_EINVAL, "dti_tau = %s must be finite", SIM_NUM(p->dti_tau));
	}
	return CC_OK;
}

static inline double
weight_of(const cc_sim_routing *s, int32_t k)
{
	return k < WTAB_SIZE ? s->wtab[k] : pow(1.0 + (double) k, s->p.gamma);
}

/* Set the sampling weight of claim c and refresh its owner's total. */
static void
set_weight(cc_sim_routing *s, int64_t c, double w)
{
	int32_t		b = s->c_owner[c];

	sim_fw_set(&s->own[b], s->c_pos[c], w);
	sim_fw_set(&s->owners, b + 1, sim_fw_total(&s->own[b]));
}

static inline double
owner_total(const cc_sim_routing *s, int32_t b)
{
	return s->owners.a[b + 1];
}

/* The agents whose claims agent a may see, in s->vis; returns the count or -1 for all. */
static int32_t
visible(cc_sim_routing *s, int32_t a)
{
	int32_t		nv = 0;
	int			self = 0;

	if (s->p.topology == CC_TOPO_REPUTATION)
	{
		if (s->rep_k >= s->p.n_agents)
			return -1;
		for (int32_t i = 0; i < s->rep_k; i++)
		{
			s->vis[nv++] = s->order[i];
			if (s->order[i] == a)
				self = 1;
		}
		if (!self)
			s->vis[nv++] = a;
		return nv;
	}
	if (s->topo.sees_all[a])
		return -1;
	for (int64_t k = s->topo.off[a]; k < s->topo.off[a + 1]; k++)
		s->vis[nv++] = s->topo.adj[k];
	return nv;
}

/* Draw a claim agent a may see, with probability proportional to its weight; 0 if none. */
static int64_t
draw_claim(cc_sim_routing *s, int32_t a)
{
	int32_t		nv = visible(s, a);
	int32_t		b = -1;
	int64_t		i;

	if (nv < 0)
	{
		int64_t		o = sim_fw_draw(&s->owners, &s->rng);

		if (o == 0)
			return 0;
		b = (int32_t) (o - 1);
	}
	else
	{
		double		total = 0.0;
		double		u;

		for (int32_t k = 0; k < nv; k++)
			total += owner_total(s, s->vis[k]);
		if (!(total > 0.0))
			return 0;
		u = sim_uniform(&s->rng) * total;
		for (int32_t k = 0; k < nv; k++)
		{
			double		w = owner_total(s, s->vis[k]);

			if (w > 0.0)
			{
				b = s->vis[k];
				if (u < w)
					break;
				u -= w;
			}
		}
	}
	i = sim_fw_draw(&s->own[b], &s->rng);
	if (i == 0)
		return 0;
	/* own[b] position i holds the i-th claim of b; find it through c_pos */
	return s->own_claims[b][i];
}

/*
 * One of b's claims was referenced: b's acting weight grows, and under the reputation
 * topology b moves up the order.
 */
static void
reputation_bump(cc_sim_routing *s, int32_t b)
{
	int32_t		r;

	s->rep[b]++;
	if (s->p.agent_gamma != 0.0)
		sim_fw_set(&s->agents, b + 1, s->rep[b] < WTAB_SIZE ? s->atab[s->rep[b]]
				   : pow(1.0 + (double) s->rep[b], s->p.agent_gamma));
	if (s->p.topology != CC_TOPO_REPUTATION)
		return;
	r = s->rank[b];
	while (r > 0 && s->rep[s->order[r - 1]] < s->rep[b])
	{
		int32_t		other = s->order[r - 1];

		s->order[r] = other;
		s->rank[other] = r;
		r--;
	}
	s->order[r] = b;
	s->rank[b] = r;
}

/* Make room for claim number c (1-based) in every per-claim array. */
static cc_status
grow_claims(cc_sim_routing *s, int64_t c, cc_error *err)
{
	cc_status	st;
	int64_t		need = c + 1;

	if (need <= s->ccap[0])
		return CC_OK;
#define G(i, arr) \
	if ((st = sim_grow((void **) &s->arr, &s->ccap[i], need, sizeof(*s->arr), err)) != CC_OK) \
		return st
	G(0, c_owner);
	G(1, c_pos);
	G(2, c_act);
	G(3, c_depth);
	G(4, c_root);
	G(5, c_prev);
	G(6, c_flags);
	G(7, r_last);
	{
		int64_t		cap2 = s->ccap[8] / 2;

		if ((st = sim_grow((void **) &s->r_nm, &cap2, need, 2 * sizeof(double), err)) != CC_OK)
			return st;
		s->ccap[8] = cap2 * 2;
	}
#undef G
	/* all arrays share the smallest capacity as the bound */
	for (int i = 1; i < 8; i++)
		if (s->ccap[i] < s->ccap[0])
			s->ccap[0] = s->ccap[i];
	return CC_OK;
}

static cc_status
sub_add_dep(cc_sim_routing *s, int32_t from, int32_t to, cc_error *err)
{
	cc_status	st;

	st = sim_grow((void **) &s->dep_from, &s->dep_cap_from, s->ndeps + 1, sizeof(int32_t), err);
	if (st == CC_OK)
		st = sim_grow((void **) &s->dep_to, &s->dep_cap_to, s->ndeps + 1, sizeof(int32_t), err);
	if (st != CC_OK)
		return st;
	s->dep_from[s->ndeps] = from;
	s->dep_to[s->ndeps] = to;
	s->ndeps++;
	return CC_OK;
}

/* Start run s->run: seed, topology, task tree, empty claim state. */
static cc_status
start_run(cc_sim_routing *s, cc_error *err)
{
	const cc_sim_routing_params *p = &s->p;
	int32_t		n = p->n_agents;
	cc_status	st;

	memset(&s->sum, 0, sizeof(s->sum));
	s->sum.run = s->run;
	s->sum.run_seed = cc_sim_run_seed(p->seed, s->run);
	sim_rng_seed(&s->rng, s->sum.run_seed);

	st = sim_topo_build(&s->topo, p->topology, n, &s->rng, err);
	if (st != CC_OK)
		return st;
	for (int32_t b = 0; b < n; b++)
	{
		sim_fw_clear(&s->own[b]);
		s->rep[b] = 0;
		s->order[b] = b;
		s->rank[b] = b;
		s->assigned[b] = 0;
	}
	sim_fw_clear(&s->owners);
	sim_fw_clear(&s->agents);
	for (int32_t b = 0; b < n; b++)
		if ((st = sim_fw_append(&s->owners, 0.0, err)) != CC_OK ||
			(st = sim_fw_append(&s->agents, s->atab[0], err)) != CC_OK)
			return st;
	s->nclaims = 0;
	s->step = 0;
	s->ts = 0;
	s->pending = 0;

	/* task tree (App. H): random recursive tree, sparse dependencies on earlier subtasks */
	s->next_sub = 1;
	s->ndeps = 0;
	s->sub_state[0] = SUB_CREATED;
	for (int32_t j = 1; j <= s->nsub; j++)
	{
		s->sub_parent[j] = (int32_t) sim_uniform_int(&s->rng, j);
		s->sub_state[j] = 0;
	}
	s->sub_parent[0] = -1;
	if (p->dependency_prob > 0.0)
	{
		for (int32_t j = 2; j <= s->nsub; j++)
		{
			unsigned int k = gsl_ran_binomial(&s->rng.r, p->dependency_prob, (unsigned int) (j - 1));
			int32_t		chosen[MAX_DEPS];
			int32_t		nc = 0;

			if (k > MAX_DEPS)
				k = MAX_DEPS;
			while (nc < (int32_t) k)
			{
				int32_t		i = 1 + (int32_t) sim_uniform_int(&s->rng, j - 1);
				int			dup = 0;

				for (int32_t q = 0; q < nc; q++)
					dup |= chosen[q] == i;
				if (!dup)
					chosen[nc++] = i;
			}
			for (int32_t q = 0; q < nc; q++)
				if ((st = sub_add_dep(s, j, chosen[q], err)) != CC_OK)
					return st;
		}
	}
	s->sum.subtasks = s->nsub;
	s->sum.dependencies = s->ndeps;
	s->in_run = 1;
	s->run_over = 0;
	return CC_OK;
}

/* End of run: coverage, integration and the success draw. */
static void
finish_run(cc_sim_routing *s)
{
	cc_sim_run_summary *r = &s->sum;
	int32_t		resolved = 0;
	int64_t		expansions;
	uint8_t    *ok = s->sub_state;	/* reuse bit 4 as "resolved" */

	/* dependencies point to earlier subtasks, so one pass in index order suffices */
	for (int32_t j = 0; j <= s->nsub; j++)
		if ((ok[j] & SUB_CREATED) && (ok[j] & SUB_CLAIMED))
			ok[j] |= 4;
	/* dependency edges are grouped by dependent j, in increasing order of j */
	{
		int64_t		k = 0;

		for (int32_t j = 0; j <= s->nsub; j++)
		{
			for (; k < s->ndeps && s->dep_from[k] == j; k++)
				if (!(ok[s->dep_to[k]] & 4))
					ok[j] &= (uint8_t) ~4;
			if (ok[j] & 4)
				resolved++;
		}
	}
	r->subtasks_resolved = resolved;
	r->coverage = (double) resolved / (double) (s->nsub + 1);
	expansions = r->count[CC_SIM_REVISE] + r->count[CC_SIM_CONTRADICT] + r->count[CC_SIM_DELEGATE];
	r->integration = expansions > 0 ? (double) r->count[CC_SIM_MERGE] / (double) expansions : 0.0;
	r->p_success = r->coverage * (1.0 - exp(-r->integration / INTEGRATION_SCALE));
	r->success = sim_uniform(&s->rng) < r->p_success;
	r->claims = s->nclaims;
	r->duration_usec = s->ts;
}

void
cc_sim_routing_free(cc_sim_routing *s)
{
	if (s == NULL)
		return;
	sim_rng_free(&s->rng);
	sim_topo_free(&s->topo);
	if (s->own)
		for (int32_t b = 0; b < s->p.n_agents; b++)
		{
			sim_fw_free(&s->own[b]);
			cc_free(s->own_claims[b]);
		}
	cc_free(s->own);
	cc_free(s->own_claims);
	cc_free(s->own_cap);
	sim_fw_free(&s->owners);
	sim_fw_free(&s->agents);
	cc_free(s->rep);
	cc_free(s->order);
	cc_free(s->rank);
	cc_free(s->vis);
	cc_free(s->c_owner);
	cc_free(s->c_pos);
	cc_free(s->c_act);
	cc_free(s->c_depth);
	cc_free(s->c_root);
	cc_free(s->c_prev);
	cc_free(s->c_flags);
	cc_free(s->r_last);
	cc_free(s->r_nm);
	cc_free(s->sub_parent);
	cc_free(s->sub_state);
	cc_free(s->dep_from);
	cc_free(s->dep_to);
	cc_free(s->assigned);
	cc_free(s);
}

cc_status
cc_sim_routing_create(const cc_sim_routing_params *p, cc_sim_routing **out, cc_error *err)
{
	cc_sim_routing *s;
	cc_status	st;
	int32_t		n;

	*out = NULL;
	if ((st = cc_sim_routing_check(p, err)) != CC_OK)
		return st;
	n = p->n_agents;
	s = cc_calloc(1, sizeof(*s));
	if (s == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for the simulator");
	s->p = *p;
	s->nsub = p->n_subtasks >= 0 ? p->n_subtasks : (n + 3) / 4;
	if ((st = sim_rng_init(&s->rng, err)) != CC_OK)
		goto fail;
	s->own = cc_calloc((size_t) n, sizeof(sim_fenwick));
	s->own_claims = cc_calloc((size_t) n, sizeof(int64_t *));
	s->own_cap = cc_calloc((size_t) n, sizeof(int64_t));
	s->rep = cc_calloc((size_t) n, sizeof(int64_t));
	s->order = cc_calloc((size_t) n, sizeof(int32_t));
	s->rank = cc_calloc((size_t) n, sizeof(int32_t));
	s->vis = cc_calloc((size_t) n + 1, sizeof(int32_t));
	s->assigned = cc_calloc((size_t) n, sizeof(int32_t));
	s->sub_parent = cc_calloc((size_t) s->nsub + 1, sizeof(int32_t));
	s->sub_state = cc_calloc((size_t) s->nsub + 1, 1);
	if (!s->own || !s->own_claims || !s->own_cap || !s->rep || !s->order || !s->rank ||
		!s->vis || !s->assigned || !s->sub_parent || !s->sub_state)
	{
		st = cc_fail(err, CC_ENOMEM, "out of memory for the simulator");
		goto fail;
	}
	for (int32_t k = 0; k < WTAB_SIZE; k++)
	{
		s->wtab[k] = pow(1.0 + (double) k, p->gamma);
		s->atab[k] = pow(1.0 + (double) k, p->agent_gamma);
	}
	s->rep_k = (int32_t) ceil(sqrt((double) n));
	*out = s;
	return CC_OK;
fail:
	cc_free(s->own);
	s->own = NULL;
	cc_sim_routing_free(s);
	return st;
}

const cc_sim_run_summary *
cc_sim_routing_summary(const cc_sim_routing *s)
{
	return &s->sum;
}

int64_t
cc_sim_routing_dependencies(const cc_sim_routing *s, const int32_t **from, const int32_t **to)
{
	*from = s->dep_from;
	*to = s->dep_to;
	return s->ndeps;
}

/* Draw an event kind from mix; without delegate when no subtask is left to create. */
static cc_sim_kind
draw_kind(cc_sim_routing *s)
{
	double		w[CC_SIM_NKINDS];
	double		total = 0.0;
	double		u;

	memcpy(w, s->p.mix, sizeof(w));
	if (s->next_sub > s->nsub)
		w[CC_SIM_DELEGATE] = 0.0;
	for (int k = 0; k < CC_SIM_NKINDS; k++)
		total += w[k];
	if (!(total > 0.0))
		return CC_SIM_PROPOSE;
	u = sim_uniform(&s->rng) * total;
	for (int k = 0; k < CC_SIM_NKINDS; k++)
	{
		if (w[k] > 0.0)
		{
			if (u < w[k])
				return (cc_sim_kind) k;
			u -= w[k];
		}
	}
	for (int k = CC_SIM_NKINDS - 1; k >= 0; k--)
		if (w[k] > 0.0)
			return (cc_sim_kind) k;
	return CC_SIM_PROPOSE;
}

/* The DTI heads of cascade r: newest live claims no claim builds on, oldest first. */
static int32_t
dti_heads(cc_sim_routing *s, int64_t r)
{
	int32_t		nh = 0;
	int32_t		scanned = 0;

	for (int64_t c = s->r_last[r]; c != 0 && scanned < HEAD_SCAN && nh < s->p.max_fanin;
		 c = s->c_prev[c], scanned++)
	{
		if ((s->c_flags[c] & CF_LIVE) && !(s->c_flags[c] & CF_CHILD))
			s->parents[nh++] = c;
	}
	for (int32_t i = 0; i < nh / 2; i++)
	{
		int64_t		t = s->parents[i];

		s->parents[i] = s->parents[nh - 1 - i];
		s->parents[nh - 1 - i] = t;
	}
	return nh;
}

/* Count an event attached to cascade r for DTI; arm an integration when D > tau. */
static void
dti_attach(cc_sim_routing *s, int64_t r, int is_merge, int32_t agent)
{
	double	   *nm = &s->r_nm[2 * r];
	double		d;

	if (!s->p.dti)
		return;
	nm[0] += 1.0;
	if (is_merge)
		nm[1] += 1.0;
	d = s->p.dti_c * pow(nm[0], s->p.dti_beta) - nm[1];
	if (d > s->p.dti_tau && !s->pending)
	{
		s->pending = 1;
		s->pending_root = r;
		s->pending_deficit = d;
		s->pending_agent = agent;
	}
}

/* Generate the next event of the run, or mark the run over. */
static cc_status
step_event(cc_sim_routing *s, cc_sim_event *ev, cc_error *err)
{
	const cc_sim_routing_params *p = &s->p;
	int32_t		a;
	cc_sim_kind kind;
	int32_t		np = 0;
	int64_t		target = 0;
	int			is_dti = 0;
	double		deficit = 0.0;
	int32_t		len;
	int32_t		subtask;
	int32_t		parent_subtask = -1;
	int64_t		claim = 0;
	cc_status	st;

	if (s->step >= p->steps)
	{
		s->run_over = 1;
		return CC_OK;
	}

	if (s->pending)
	{
		int64_t		r = s->pending_root;

		s->pending = 0;
		np = dti_heads(s, r);
		if (np >= 2)
		{
			is_dti = 1;
			deficit = s->pending_deficit;
			a = s->pending_agent;
			kind = CC_SIM_MERGE;
		}
		else
		{
			/* nothing to integrate: restart the segment */
			s->r_nm[2 * r] = 0.0;
			s->r_nm[2 * r + 1] = 0.0;
			np = 0;
		}
	}

	if (!is_dti)
	{
		if (p->agent_gamma == 0.0)
			a = (int32_t) sim_uniform_int(&s->rng, p->n_agents);
		else
			a = (int32_t) sim_fw_draw(&s->agents, &s->rng) - 1;
		kind = draw_kind(s);
		switch (kind)
		{
			case CC_SIM_REVISE:
			case CC_SIM_CONTRADICT:
			case CC_SIM_ENDORSE:
				if ((target = draw_claim(s, a)) == 0)
					kind = CC_SIM_PROPOSE;
				else if (kind != CC_SIM_ENDORSE)
				{
					s->parents[np++] = target;
					if (kind == CC_SIM_REVISE)
						target = 0;
				}
				break;
			case CC_SIM_MERGE:
				{
					int32_t		f = 2;

					while (f < p->max_fanin && sim_uniform(&s->rng) < FANIN_CONTINUE)
						f++;
					while (np < f)
					{
						int64_t		c = draw_claim(s, a);

						if (c == 0)
							break;
						s->parents[np++] = c;
						set_weight(s, c, 0.0);	/* without replacement */
					}
					if (np == 0)
						kind = CC_SIM_PROPOSE;
					else if (np == 1)
						kind = CC_SIM_REVISE;
				}
				break;
			case CC_SIM_DELEGATE:
				target = draw_claim(s, a);
				break;
			case CC_SIM_PROPOSE:
				break;
			case CC_SIM_NKINDS:
				abort();		/* not a kind: draw_kind never returns it */
		}
	}

	/* message length and the token budget */
	{
		double		mean = p->mean_tokens * kind_tokens[kind];
		double		x = gsl_ran_lognormal(&s->rng.r, log(mean) - 0.125, 0.5);

		x = floor(x + 0.5);
		len = x < 1.0 ? 1 : (x > 1e9 ? 1000000000 : (int32_t) x);
	}
	if (p->token_budget > 0 && s->sum.tokens + len > p->token_budget)
	{
		/* restore weights zeroed by an unfinished merge draw */
		for (int32_t i = 0; i < np; i++)
			set_weight(s, s->parents[i], (s->c_flags[s->parents[i]] & CF_LIVE)
					   ? weight_of(s, s->c_act[s->parents[i]]) : 0.0);
		s->sum.truncated_by_budget = 1;
		s->run_over = 1;
		return CC_OK;
	}

	subtask = s->assigned[a];
	if (kind == CC_SIM_DELEGATE)
	{
		int32_t		j = s->next_sub++;
		int32_t		assignee;
		int32_t		nv = visible(s, a);

		/* the subtask goes to an agent a sees (not a itself when it sees another) */
		if (nv < 0)
		{
			assignee = p->n_agents > 1 ? (int32_t) sim_uniform_int(&s->rng, p->n_agents - 1) : 0;
			if (p->n_agents > 1 && assignee >= a)
				assignee++;
		}
		else
		{
			int32_t		others = 0;

			for (int32_t k = 0; k < nv; k++)
				if (s->vis[k] != a)
					s->vis[others++] = s->vis[k];
			assignee = others > 0 ? s->vis[sim_uniform_int(&s->rng, others)] : a;
		}
		s->assigned[assignee] = j;
		s->sub_state[j] |= SUB_CREATED;
		subtask = j;
		parent_subtask = s->sub_parent[j];
		s->sum.subtasks_created++;
	}

	/* references: activity, weights, reputation */
	for (int32_t i = 0; i < np; i++)
	{
		int64_t		c = s->parents[i];

		s->c_act[c]++;
		set_weight(s, c, (s->c_flags[c] & CF_LIVE) ? weight_of(s, s->c_act[c]) : 0.0);
		s->c_flags[c] |= CF_CHILD;
		reputation_bump(s, s->c_owner[c]);
	}
	if (target != 0 && (kind == CC_SIM_ENDORSE || kind == CC_SIM_DELEGATE))
	{
		s->c_act[target]++;
		set_weight(s, target, (s->c_flags[target] & CF_LIVE)
				   ? weight_of(s, s->c_act[target]) : 0.0);
		reputation_bump(s, s->c_owner[target]);
	}

	/* the new claim */
	if (kind != CC_SIM_DELEGATE && kind != CC_SIM_ENDORSE)
	{
		int64_t		root;
		int32_t		depth = 0;
		int32_t		b = a;

		claim = s->nclaims + 1;
		if ((st = grow_claims(s, claim, err)) != CC_OK)
			return st;
		if (s->own[b].n + 2 > s->own_cap[b])
		{
			if ((st = sim_grow((void **) &s->own_claims[b], &s->own_cap[b], s->own[b].n + 2,
							   sizeof(int64_t), err)) != CC_OK)
				return st;
		}
		root = claim;
		for (int32_t i = 0; i < np; i++)
			if (s->c_root[s->parents[i]] < root)
				root = s->c_root[s->parents[i]];
		for (int32_t i = 0; i < np; i++)
			if (s->c_root[s->parents[i]] == root && s->c_depth[s->parents[i]] + 1 > depth)
				depth = s->c_depth[s->parents[i]] + 1;
		s->nclaims = claim;
		s->c_owner[claim] = b;
		s->c_act[claim] = 0;
		s->c_depth[claim] = depth;
		s->c_root[claim] = root;
		s->c_flags[claim] = (p->depth_limit == 0 || depth < p->depth_limit) ? CF_LIVE : 0;
		if (root == claim)
		{
			s->c_prev[claim] = 0;
			s->r_nm[2 * claim] = 0.0;
			s->r_nm[2 * claim + 1] = 0.0;
		}
		else
			s->c_prev[claim] = s->r_last[root];
		s->r_last[root] = claim;
		if ((st = sim_fw_append(&s->own[b], (s->c_flags[claim] & CF_LIVE) ? s->wtab[0] : 0.0,
								err)) != CC_OK)
			return st;
		s->c_pos[claim] = s->own[b].n;
		s->own_claims[b][s->own[b].n] = claim;
		sim_fw_set(&s->owners, b + 1, sim_fw_total(&s->own[b]));
		s->sub_state[subtask] |= SUB_CLAIMED;

		/* the context window: the claim that falls out of it can no longer be drawn */
		if (p->context_window > 0 && claim > p->context_window)
		{
			int64_t		old = claim - p->context_window;

			if (s->c_flags[old] & CF_LIVE)
			{
				s->c_flags[old] &= (uint8_t) ~CF_LIVE;
				set_weight(s, old, 0.0);
			}
		}
		if (is_dti)
		{
			s->r_nm[2 * root] = 0.0;
			s->r_nm[2 * root + 1] = 1.0;
			s->sum.dti_triggers++;
		}
		else
			dti_attach(s, root, kind == CC_SIM_MERGE, a);
	}
	else if (target != 0)
		dti_attach(s, s->c_root[target], 0, a);

	ev->run = s->run;
	ev->step = s->step;
	ev->ts_usec = s->ts;
	ev->agent = a;
	ev->kind = kind;
	ev->claim = claim;
	ev->n_parents = np;
	ev->parents = s->parents;
	ev->target = target;
	ev->subtask = subtask;
	ev->parent_subtask = parent_subtask;
	ev->message_length = len;
	ev->dti = is_dti;
	ev->deficit = deficit;

	s->step++;
	s->ts += EVENT_BASE_USEC + (int64_t) TOKEN_USEC * len;
	s->sum.events++;
	s->sum.tokens += len;
	s->sum.count[kind]++;
	return CC_OK;
}

cc_status
cc_sim_routing_next(cc_sim_routing *s, cc_sim_event *ev, cc_sim_what *what, cc_error *err)
{
	cc_status	st;

	if (s->done)
	{
		*what = CC_SIM_DONE;
		return CC_OK;
	}
	if (!s->in_run)
	{
		if ((st = start_run(s, err)) != CC_OK)
			return st;
	}
	if ((s->step & 4095) == 4095 && cc_interrupted())
		return cc_fail(err, CC_ECANCEL, "simulation canceled");
	if (!s->run_over)
	{
		if ((st = step_event(s, ev, err)) != CC_OK)
			return st;
		if (!s->run_over)
		{
			*what = CC_SIM_EVENT;
			return CC_OK;
		}
	}
	finish_run(s);
	s->in_run = 0;
	s->run++;
	if (s->run >= s->p.runs)
		s->done = 1;
	*what = CC_SIM_RUN_END;
	return CC_OK;
}
