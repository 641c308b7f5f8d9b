/*
 * The network-formation simulator (paper 001, Sec. 2.2, App. B.2 and the bias coefficient
 * beta of Sec. 5.4). The model is documented in include/collcog/sim.h and in
 * docs/reference/simulate_network.md.
 *
 * Nodes are sampled in two steps (type by Eq. 3, then the node within the type), the second
 * through one Fenwick tree per type over |D_in(u)|_1 + delta (targets) and |D_out(u)|_1 + xi
 * (sources), so a macro step costs O(M_e (d + log N)).
 */
#include "sim_internal.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct trial
{
	int32_t		source;
	int32_t		target;
	double	   *w;				/* dim values */
} trial;

struct cc_sim_network
{
	cc_sim_network_params p;
	double	   *mu;				/* copy of p.mu, 4 * dim */
	cc_rng		rng;
	int64_t		run;
	int			in_run;
	int			done;
	int64_t		t;

	/* agents */
	int32_t		n;
	int64_t		cap[6];
	uint8_t    *type;
	double	   *din;			/* |D_in(u)|_1 */
	double	   *dout;
	int64_t    *tpos;			/* position of u in its type's trees (1-based) */
	int32_t    *members[2];		/* members[type][pos - 1] */
	int64_t		mcap[2];
	sim_fenwick tin[2];			/* |D_in(u)|_1 + delta by type */
	sim_fenwick tout[2];		/* |D_out(u)|_1 + xi by type */
	double	   *Din;			/* Din[type * dim + k] */
	double	   *Dout;
	double		Din1[2];		/* |D_in(type)|_1 */
	double		Dout1[2];

	/* messages of the current step, emitted one by one */
	trial	   *trials;
	double	   *trial_w;
	int32_t		ntrials;
	int32_t		emit;
	/* t = 0: the seed edges, emitted by (i, j) counters */
	int			seeding;
	int32_t		seed_i;
	int32_t		seed_j;
	double	   *seed_w;

	double	   *theta_in;
	double	   *theta_out;
	cc_sim_network_summary sum;
};

void
cc_sim_network_defaults(cc_sim_network_params *p)
{
	memset(p, 0, sizeof(*p));
	p->steps = 100;
	p->p = 0.25;
	p->q = 0.25;
	p->r = 0.5;
	p->trials[0] = p->trials[1] = p->trials[2] = 3;
	p->dim = 3;
	p->delta = 1.5;
	p->xi = 1.5;
	p->initial_r = 2;
	p->initial_b = 2;
	p->initial_weight = 0.05;
	p->noise = 0.5;
	p->beta = 0.0;
	p->runs = 1;
	p->seed = 1;
}

cc_status
cc_sim_network_check(const cc_sim_network_params *p, cc_error *err)
{

	if (p->steps < 0)
		return cc_fail(err, CC_EINVAL, "steps must not be negative, not %lld", (long long) p->steps);
	if (p->steps > INT32_MAX - 1)
		return cc_fail(err, CC_ELIMIT, "steps = %lld exceeds the limit of %d",
					   (long long) p->steps, INT32_MAX - 1);
	if (!(p->p >= 0.0 && p->p <= 1.0))
		return cc_fail(err, CC_EINVAL, "p = %s is not a probability in [0, 1]", cc_num(p->p).s);
	if (!(p->q >= 0.0 && p->q <= 1.0))
		return cc_fail(err, CC_EINVAL, "q = %s is not a probability in [0, 1]", cc_num(p->q).s);
	if (!(p->r >= 0.0 && p->r <= 1.0))
		return cc_fail(err, CC_EINVAL, "r = %s is not a probability in [0, 1]", cc_num(p->r).s);
	if (p->p + p->q > 1.0 + 1e-12)
	{
		cc_fail(err, CC_EINVAL, "p + q = %s exceeds 1", cc_num(p->p + p->q).s);
		cc_fail_detail(err, "Event 3 has probability 1 - p - q, which must not be negative.");
		return CC_EINVAL;
	}
	for (int e = 0; e < 3; e++)
		if (p->trials[e] < 1 || p->trials[e] > CC_SIM_MAX_TRIALS)
			return cc_fail(err, CC_EINVAL, "m%d = %d is not between 1 and %d",
						   e + 1, p->trials[e], CC_SIM_MAX_TRIALS);
	if (p->dim < 1 || p->dim > CC_SIM_MAX_DIM)
		return cc_fail(err, CC_EINVAL, "d = %d is not between 1 and %d", p->dim, CC_SIM_MAX_DIM);
	if (!(isfinite(p->delta) && p->delta > 0.0))
		return cc_fail(err, CC_EINVAL, "delta = %s must be positive and finite", cc_num(p->delta).s);
	if (!(isfinite(p->xi) && p->xi > 0.0))
		return cc_fail(err, CC_EINVAL, "xi = %s must be positive and finite", cc_num(p->xi).s);
	if (p->initial_r < 0 || p->initial_b < 0 || p->initial_r > CC_SIM_MAX_AGENTS ||
		p->initial_b > CC_SIM_MAX_AGENTS || p->initial_r + p->initial_b < 2)
	{
		cc_fail(err, CC_EINVAL, "initial network of %d R and %d B agents is invalid",
				p->initial_r, p->initial_b);
		cc_fail_detail(err, "The initial network needs at least two agents, at most %d of each type.",
					   CC_SIM_MAX_AGENTS);
		return CC_EINVAL;
	}
	if (!(isfinite(p->initial_weight) && p->initial_weight >= 0.0))
		return cc_fail(err, CC_EINVAL, "initial_weight = %s must be nonnegative and finite", cc_num(p->initial_weight).s);
	if (p->mu == NULL)
		return cc_fail(err, CC_EINVAL, "mu is missing");
	for (int i = 0; i < 4 * p->dim; i++)
		if (!(isfinite(p->mu[i]) && p->mu[i] >= 0.0 && p->mu[i] <= 1e12))
		{
			cc_fail(err, CC_EINVAL, "mu value %s is invalid", cc_num(p->mu[i]).s);
			cc_fail_detail(err, "Type-pair mean weights must be finite, nonnegative and at most 1e12.");
			return CC_EINVAL;
		}
	if (!(isfinite(p->noise) && p->noise >= 0.0 && p->noise <= 10.0))
		return cc_fail(err, CC_EINVAL, "noise = %s is not in [0, 10]", cc_num(p->noise).s);
	if (!(isfinite(p->beta) && p->beta >= 0.0 && p->beta <= 1e12))
		return cc_fail(err, CC_EINVAL, "beta = %s must be nonnegative and finite", cc_num(p->beta).s);
	if (p->runs < 1)
		return cc_fail(err, CC_EINVAL, "runs must be positive, not %lld", (long long) p->runs);
	if (p->runs > CC_SIM_MAX_RUNS)
		return cc_fail(err, CC_ELIMIT, "runs = %lld exceeds the limit of %d",
					   (long long) p->runs, CC_SIM_MAX_RUNS);
	return CC_OK;
}

void
cc_sim_network_free(cc_sim_network *s)
{
	if (s == NULL)
		return;
	cc_rng_free(&s->rng);
	cc_free(s->mu);
	cc_free(s->type);
	cc_free(s->din);
	cc_free(s->dout);
	cc_free(s->tpos);
	for (int k = 0; k < 2; k++)
	{
		cc_free(s->members[k]);
		sim_fw_free(&s->tin[k]);
		sim_fw_free(&s->tout[k]);
	}
	cc_free(s->Din);
	cc_free(s->Dout);
	cc_free(s->trials);
	cc_free(s->trial_w);
	cc_free(s->seed_w);
	cc_free(s->theta_in);
	cc_free(s->theta_out);
	cc_free(s);
}

cc_status
cc_sim_network_create(const cc_sim_network_params *p, cc_sim_network **out, cc_error *err)
{
	cc_sim_network *s;
	cc_status	st;
	int32_t		maxm = 0;
	int			d = p->dim;

	*out = NULL;
	if ((st = cc_sim_network_check(p, err)) != CC_OK)
		return st;
	s = cc_calloc(1, sizeof(*s));
	if (s == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for the simulator");
	s->p = *p;
	for (int e = 0; e < 3; e++)
		if (p->trials[e] > maxm)
			maxm = p->trials[e];
	s->mu = cc_malloc(sizeof(double) * 4 * d);
	s->Din = cc_calloc(2 * d, sizeof(double));
	s->Dout = cc_calloc(2 * d, sizeof(double));
	s->trials = cc_calloc((size_t) maxm, sizeof(trial));
	s->trial_w = cc_calloc((size_t) maxm * d, sizeof(double));
	s->seed_w = cc_calloc(d, sizeof(double));
	s->theta_in = cc_calloc(d, sizeof(double));
	s->theta_out = cc_calloc(d, sizeof(double));
	if (!s->mu || !s->Din || !s->Dout || !s->trials || !s->trial_w || !s->seed_w ||
		!s->theta_in || !s->theta_out)
	{
		cc_sim_network_free(s);
		return cc_fail(err, CC_ENOMEM, "out of memory for the simulator");
	}
	memcpy(s->mu, p->mu, sizeof(double) * 4 * d);
	s->p.mu = s->mu;
	for (int32_t m = 0; m < maxm; m++)
		s->trials[m].w = s->trial_w + (size_t) m * d;
	for (int k = 0; k < d; k++)
		s->seed_w[k] = p->initial_weight;
	if ((st = cc_rng_init(&s->rng, err)) != CC_OK)
	{
		cc_sim_network_free(s);
		return st;
	}
	*out = s;
	return CC_OK;
}

/* Add a node of type ty with no communication yet. */
static cc_status
add_node(cc_sim_network *s, int ty, cc_error *err)
{
	cc_status	st;
	int32_t		u = s->n;
	int64_t		need = (int64_t) u + 1;
	int64_t		pos;

	if ((st = sim_grow((void **) &s->type, &s->cap[0], need, sizeof(uint8_t), err)) != CC_OK ||
		(st = sim_grow((void **) &s->din, &s->cap[1], need, sizeof(double), err)) != CC_OK ||
		(st = sim_grow((void **) &s->dout, &s->cap[2], need, sizeof(double), err)) != CC_OK ||
		(st = sim_grow((void **) &s->tpos, &s->cap[3], need, sizeof(int64_t), err)) != CC_OK)
		return st;
	pos = s->tin[ty].n + 1;
	if ((st = sim_grow((void **) &s->members[ty], &s->mcap[ty], pos, sizeof(int32_t), err)) != CC_OK)
		return st;
	if ((st = sim_fw_append(&s->tin[ty], s->p.delta, err)) != CC_OK ||
		(st = sim_fw_append(&s->tout[ty], s->p.xi, err)) != CC_OK)
		return st;
	s->type[u] = (uint8_t) ty;
	s->din[u] = 0.0;
	s->dout[u] = 0.0;
	s->tpos[u] = pos;
	s->members[ty][pos - 1] = u;
	s->n++;
	return CC_OK;
}

/* Add weight vector w on the edge u -> v to the masses. */
static void
add_mass(cc_sim_network *s, int32_t u, int32_t v, const double *w)
{
	int			d = s->p.dim;
	double		l1 = 0.0;
	int			tu = s->type[u];
	int			tv = s->type[v];

	for (int k = 0; k < d; k++)
	{
		l1 += w[k];
		s->Dout[tu * d + k] += w[k];
		s->Din[tv * d + k] += w[k];
	}
	s->dout[u] += l1;
	s->din[v] += l1;
	s->Dout1[tu] += l1;
	s->Din1[tv] += l1;
	sim_fw_set(&s->tout[tu], s->tpos[u], s->dout[u] + s->p.xi);
	sim_fw_set(&s->tin[tv], s->tpos[v], s->din[v] + s->p.delta);
}

static cc_status
start_run(cc_sim_network *s, cc_error *err)
{
	cc_status	st;

	memset(&s->sum, 0, sizeof(s->sum));
	s->sum.run = s->run;
	s->sum.run_seed = cc_rng_stream_seed(s->p.seed, s->run);
	cc_rng_seed(&s->rng, s->sum.run_seed);
	s->n = 0;
	for (int k = 0; k < 2; k++)
	{
		sim_fw_clear(&s->tin[k]);
		sim_fw_clear(&s->tout[k]);
		s->Din1[k] = s->Dout1[k] = 0.0;
	}
	memset(s->Din, 0, sizeof(double) * 2 * s->p.dim);
	memset(s->Dout, 0, sizeof(double) * 2 * s->p.dim);
	for (int32_t i = 0; i < s->p.initial_r; i++)
		if ((st = add_node(s, 0, err)) != CC_OK)
			return st;
	for (int32_t i = 0; i < s->p.initial_b; i++)
		if ((st = add_node(s, 1, err)) != CC_OK)
			return st;
	s->t = 0;
	s->ntrials = 0;
	s->emit = 0;
	s->seeding = s->p.initial_weight > 0.0;
	s->seed_i = 0;
	s->seed_j = 1;
	s->in_run = 1;
	return CC_OK;
}

/* Type of the next target (tgt) or source: R with probability pi_R of Eq. 3. */
static int
draw_type(cc_sim_network *s, int tgt)
{
	double		c = tgt ? s->p.delta : s->p.xi;
	const double *D1 = tgt ? s->Din1 : s->Dout1;
	int32_t		nr = (int32_t) s->tin[0].n;
	double		pr = (D1[0] + nr * c) / (D1[0] + D1[1] + s->n * c);

	return cc_rng_uniform(&s->rng) < pr ? 0 : 1;
}

/* A node of type ty (nonempty), other than exclude (-1: none), for a target or a source. */
static int32_t
draw_node(cc_sim_network *s, int ty, int tgt, int32_t exclude)
{
	sim_fenwick *f = tgt ? &s->tin[ty] : &s->tout[ty];
	int64_t		size = f->n;
	int64_t		xpos = (exclude >= 0 && s->type[exclude] == ty) ? s->tpos[exclude] : 0;
	int64_t		pos;

	if (s->p.uniform_within_type)
	{
		pos = 1 + cc_rng_int(&s->rng, xpos ? size - 1 : size);
		if (xpos && pos >= xpos)
			pos++;
	}
	else
	{
		double		saved = 0.0;

		if (xpos)
		{
			saved = f->a[xpos];
			sim_fw_set(f, xpos, 0.0);
		}
		pos = sim_fw_draw(f, &s->rng);
		if (xpos)
			sim_fw_set(f, xpos, saved);
	}
	return s->members[ty][pos - 1];
}

static int
cmp_trial(const void *a, const void *b)
{
	const trial *x = a;
	const trial *y = b;

	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	return (x->target > y->target) - (x->target < y->target);
}

/* One macro step: draw the event, run its trials, normalise, add beta, merge pairs. */
static cc_status
macro_step(cc_sim_network *s, cc_error *err)
{
	const cc_sim_network_params *p = &s->p;
	int			d = p->dim;
	double		u = cc_rng_uniform(&s->rng);
	int			e = u < p->p ? 0 : (u < p->p + p->q ? 1 : 2);
	int32_t		m = p->trials[e];
	int32_t		v = -1;
	int			vty = 0;
	double		tot[CC_SIM_MAX_DIM];
	cc_status	st;
	int32_t		w;

	s->t++;
	s->sum.event_count[e]++;
	if (e < 2)
	{
		vty = cc_rng_uniform(&s->rng) < p->r ? 0 : 1;
		v = s->n;				/* born after the trials, which use G^(t-1) */
	}
	for (int k = 0; k < d; k++)
		tot[k] = 0.0;
	for (int32_t i = 0; i < m; i++)
	{
		trial	   *tr = &s->trials[i];
		int			sty;
		int			tty;

		if (e == 0)
		{
			tr->source = v;
			sty = vty;
			tty = draw_type(s, 1);
			tr->target = draw_node(s, tty, 1, -1);
		}
		else if (e == 1)
		{
			sty = draw_type(s, 0);
			tr->source = draw_node(s, sty, 0, -1);
			tr->target = v;
			tty = vty;
		}
		else
		{
			sty = draw_type(s, 0);
			tr->source = draw_node(s, sty, 0, -1);
			tty = draw_type(s, 1);
			/* a type whose only member is the source: take the other type */
			if (s->tin[tty].n - (s->type[tr->source] == tty ? 1 : 0) < 1)
				tty = 1 - tty;
			tr->target = draw_node(s, tty, 1, tr->source);
		}
		for (int k = 0; k < d; k++)
		{
			double		x = p->mu[(tty * 2 + sty) * d + k];

			if (p->noise > 0.0)
				x *= exp(p->noise * gsl_ran_gaussian(&s->rng.r, 1.0) - 0.5 * p->noise * p->noise);
			tr->w[k] = x;
			tot[k] += x;
		}
	}
	/* Sec. 2.2 step 3: unit total mass per dimension; Sec. 5.4: + beta on B -> R edges */
	for (int32_t i = 0; i < m; i++)
	{
		trial	   *tr = &s->trials[i];
		int			sty = tr->source == v ? vty : s->type[tr->source];
		int			tty = tr->target == v ? vty : s->type[tr->target];

		for (int k = 0; k < d; k++)
		{
			tr->w[k] = tot[k] > 0.0 ? tr->w[k] / tot[k] : 0.0;
			if (sty == 1 && tty == 0)
				tr->w[k] += p->beta;
		}
	}
	if (e < 2 && (st = add_node(s, vty, err)) != CC_OK)
		return st;
	/* sum trials on the same ordered pair; order by (source, target) */
	qsort(s->trials, (size_t) m, sizeof(trial), cmp_trial);
	w = 0;
	for (int32_t i = 0; i < m; i++)
	{
		if (w > 0 && s->trials[w - 1].source == s->trials[i].source &&
			s->trials[w - 1].target == s->trials[i].target)
		{
			for (int k = 0; k < d; k++)
				s->trials[w - 1].w[k] += s->trials[i].w[k];
		}
		else
		{
			if (w != i)
			{
				/* swap the weight buffers so each trial keeps its own */
				double	   *tmp = s->trials[w].w;

				s->trials[w] = s->trials[i];
				s->trials[i].w = tmp;
			}
			w++;
		}
	}
	for (int32_t i = 0; i < w; i++)
		add_mass(s, s->trials[i].source, s->trials[i].target, s->trials[i].w);
	s->ntrials = w;
	s->emit = 0;
	return CC_OK;
}

static void
finish_run(cc_sim_network *s)
{
	int			d = s->p.dim;

	for (int k = 0; k < d; k++)
	{
		double		in = s->Din[k] + s->Din[d + k];
		double		out = s->Dout[k] + s->Dout[d + k];

		s->theta_in[k] = in > 0.0 ? s->Din[k] / in : NAN;
		s->theta_out[k] = out > 0.0 ? s->Dout[k] / out : NAN;
	}
	s->sum.n_agents = s->n;
	s->sum.n_r = (int32_t) s->tin[0].n;
	s->sum.theta_in = s->theta_in;
	s->sum.theta_out = s->theta_out;
}

cc_status
cc_sim_network_next(cc_sim_network *s, cc_sim_message *msg, cc_sim_what *what, cc_error *err)
{
	cc_status	st;

	if (s->done)
	{
		*what = CC_SIM_DONE;
		return CC_OK;
	}
	if (!s->in_run && (st = start_run(s, err)) != CC_OK)
		return st;
	/* t = 0: every ordered pair of the initial agents */
	while (s->seeding)
	{
		int32_t		n0 = s->p.initial_r + s->p.initial_b;
		int32_t		i = s->seed_i;
		int32_t		j = s->seed_j;

		if (i >= n0)
		{
			s->seeding = 0;
			break;
		}
		/* advance the counters past (i, j), skipping i == j */
		s->seed_j++;
		if (s->seed_j == s->seed_i)
			s->seed_j++;
		if (s->seed_j >= n0)
		{
			s->seed_i++;
			s->seed_j = s->seed_i == 0 ? 1 : 0;
		}
		add_mass(s, i, j, s->seed_w);
		msg->run = s->run;
		msg->t = 0;
		msg->source = i;
		msg->target = j;
		msg->weight = s->seed_w;
		s->sum.messages++;
		*what = CC_SIM_EVENT;
		return CC_OK;
	}
	while (s->emit >= s->ntrials)
	{
		if (s->t >= s->p.steps)
		{
			finish_run(s);
			s->in_run = 0;
			s->run++;
			if (s->run >= s->p.runs)
				s->done = 1;
			*what = CC_SIM_RUN_END;
			return CC_OK;
		}
		if (cc_poll((uint64_t) s->t, 1024))
			return cc_fail(err, CC_ECANCEL, "simulation canceled");
		if ((st = macro_step(s, err)) != CC_OK)
			return st;
	}
	{
		trial	   *tr = &s->trials[s->emit++];

		msg->run = s->run;
		msg->t = s->t;
		msg->source = tr->source;
		msg->target = tr->target;
		msg->weight = tr->w;
		s->sum.messages++;
		*what = CC_SIM_EVENT;
		return CC_OK;
	}
}

const cc_sim_network_summary *
cc_sim_network_summary_get(const cc_sim_network *s)
{
	return &s->sum;
}

int
cc_sim_network_agent_type(const cc_sim_network *s, int32_t agent)
{
	if (agent < 0 || agent >= s->n)
		return -1;
	return s->type[agent];
}
