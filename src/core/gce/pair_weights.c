/*
 * Mean type-pair weights mu_ab from messages grouped by macro step (paper 001, Sec. 2.2
 * step 3 and Sec. 4.2): the mean step-normalised weight, and the utilities up to a factor
 * from contrasts within steps. See collcog/gce.h for what each estimate means.
 *
 * The contrasts: in dimension k, ln w_i = alpha_pair(i) + s_step(i) + e_i. Eliminating the
 * step effects leaves the normal equations L alpha = b, where each step with counts c_p
 * (its messages of pair p with w_k > 0, n in all) and log sums y_p adds
 * diag(c) - c c' / n to L and y - c (sum y) / n to b. L is the Laplacian of a graph on the
 * pairs (an edge where two pairs share a step); alpha is defined up to a constant exactly
 * when the pairs seen form one connected component, and then fixing one pair at 0 leaves a
 * positive definite system, solved by Cholesky.
 */
#include "collcog/gce.h"

#include <math.h>
#include <string.h>

struct cc_gce_pairs
{
	int			ntypes;
	int			dim;
	int32_t		npairs;
	int64_t    *n_messages;		/* [npairs] */
	int64_t    *n_steps;
	double	   *sum_norm;		/* [npairs * dim]: sum of step-normalised weights */
	double	   *sum_step;		/* the same times the step's number of messages */
	double	   *mean;			/* [npairs * dim], after finish */
	double	   *mean_step;
	double	   *mu;
	double	   *lap;			/* [dim * npairs * npairs] */
	double	   *rhs;			/* [dim * npairs] */
	int64_t    *n_pos;			/* [dim * npairs]: messages with w_k > 0 */
	/* scratch of one step */
	int32_t    *touched;		/* distinct pairs of the step */
	int32_t    *slot;			/* [npairs]: index in touched, or -1 */
	double	   *c;				/* [npairs] per touched slot */
	double	   *y;
	int32_t		cap;			/* room of touched */
};

void
cc_gce_pairs_free(cc_gce_pairs *s)
{
	if (s == NULL)
		return;
	cc_free(s->n_messages);
	cc_free(s->n_steps);
	cc_free(s->sum_norm);
	cc_free(s->sum_step);
	cc_free(s->mean);
	cc_free(s->mean_step);
	cc_free(s->mu);
	cc_free(s->lap);
	cc_free(s->rhs);
	cc_free(s->n_pos);
	cc_free(s->touched);
	cc_free(s->slot);
	cc_free(s->c);
	cc_free(s->y);
	cc_free(s);
}

cc_status
cc_gce_pairs_create(int ntypes, int dim, cc_gce_pairs **out, cc_error *err)
{
	cc_gce_pairs *s;
	size_t		p;

	*out = NULL;
	if (ntypes < 1 || ntypes > CC_GCE_MAX_PAIR_TYPES)
	{
		cc_fail(err, CC_ELIMIT, "%d agent types exceed the limit of %d", ntypes,
				CC_GCE_MAX_PAIR_TYPES);
		cc_fail_detail(err, "type_pair_weights estimates one weight per ordered pair of types.");
		return CC_ELIMIT;
	}
	if (dim < 1 || dim > CC_GCE_MAX_PAIR_DIM)
		return cc_fail(err, CC_ELIMIT, "weights of dimension %d exceed the limit of %d", dim,
					   CC_GCE_MAX_PAIR_DIM);
	p = (size_t) ntypes * ntypes;
	s = cc_calloc(1, sizeof(*s));
	if (s == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for the pair weights");
	s->ntypes = ntypes;
	s->dim = dim;
	s->npairs = (int32_t) p;
	s->n_messages = cc_calloc(p, sizeof(int64_t));
	s->n_steps = cc_calloc(p, sizeof(int64_t));
	s->sum_norm = cc_calloc(p * dim, sizeof(double));
	s->sum_step = cc_calloc(p * dim, sizeof(double));
	s->mean = cc_calloc(p * dim, sizeof(double));
	s->mean_step = cc_calloc(p * dim, sizeof(double));
	s->mu = cc_calloc(p * dim, sizeof(double));
	s->lap = cc_calloc(p * p * dim, sizeof(double));
	s->rhs = cc_calloc(p * dim, sizeof(double));
	s->n_pos = cc_calloc(p * dim, sizeof(int64_t));
	s->touched = cc_calloc(p, sizeof(int32_t));
	s->slot = cc_malloc(p * sizeof(int32_t));
	s->c = cc_calloc(p, sizeof(double));
	s->y = cc_calloc(p, sizeof(double));
	if (!s->n_messages || !s->n_steps || !s->sum_norm || !s->sum_step || !s->mean ||
		!s->mean_step || !s->mu || !s->lap ||
		!s->rhs || !s->n_pos || !s->touched || !s->slot || !s->c || !s->y)
	{
		cc_gce_pairs_free(s);
		return cc_fail(err, CC_ENOMEM, "out of memory for the pair weights");
	}
	for (size_t i = 0; i < p; i++)
		s->slot[i] = -1;
	*out = s;
	return CC_OK;
}

cc_status
cc_gce_pairs_add_step(cc_gce_pairs *s, int32_t n, const int32_t *pair, const double *w,
					  cc_error *err)
{
	int			d = s->dim;
	int32_t		P = s->npairs;
	int32_t		u = 0;

	for (int32_t i = 0; i < n; i++)
	{
		if (pair[i] < 0 || pair[i] >= P)
			return cc_fail(err, CC_EINVAL, "type pair %d is out of range", pair[i]);
		if (s->slot[pair[i]] < 0)
		{
			s->slot[pair[i]] = u;
			s->touched[u++] = pair[i];
			s->n_steps[pair[i]]++;
		}
		s->n_messages[pair[i]]++;
	}
	for (int k = 0; k < d; k++)
	{
		double		total = 0.0,
					ytot = 0.0,
					ntot = 0.0;
		double	   *lap = s->lap + (size_t) k * P * P;
		double	   *rhs = s->rhs + (size_t) k * P;

		for (int32_t i = 0; i < n; i++)
			total += w[(size_t) i * d + k];
		for (int32_t j = 0; j < u; j++)
			s->c[j] = s->y[j] = 0.0;
		for (int32_t i = 0; i < n; i++)
		{
			double		x = w[(size_t) i * d + k];
			int32_t		j = s->slot[pair[i]];

			if (total > 0.0)
			{
				s->sum_norm[(size_t) pair[i] * d + k] += x / total;
				s->sum_step[(size_t) pair[i] * d + k] += n * (x / total);
			}
			if (x > 0.0)
			{
				s->c[j] += 1.0;
				s->y[j] += log(x);
				ntot += 1.0;
				ytot += log(x);
				s->n_pos[(size_t) k * P + pair[i]]++;
			}
		}
		if (ntot < 2.0)
			continue;
		for (int32_t j = 0; j < u; j++)
		{
			int32_t		p = s->touched[j];

			rhs[p] += s->y[j] - s->c[j] * ytot / ntot;
			lap[(size_t) p * P + p] += s->c[j];
			for (int32_t l = 0; l < u; l++)
				lap[(size_t) p * P + s->touched[l]] -= s->c[j] * s->c[l] / ntot;
		}
	}
	for (int32_t j = 0; j < u; j++)
		s->slot[s->touched[j]] = -1;
	return CC_OK;
}

/* Root of x in the union-find parent array. */
static int32_t
find_root(int32_t *parent, int32_t x)
{
	while (parent[x] != x)
		x = parent[x] = parent[parent[x]];
	return x;
}

/*
 * In-place Cholesky solve of the m x m positive definite system a x = b (b becomes x).
 * Returns 0 when a pivot is not positive (the pairs are not linked after all).
 */
static int
cholesky_solve(double *a, double *b, int32_t m)
{
	for (int32_t j = 0; j < m; j++)
	{
		double		dsum = a[(size_t) j * m + j];

		for (int32_t l = 0; l < j; l++)
			dsum -= a[(size_t) j * m + l] * a[(size_t) j * m + l];
		if (!(dsum > 0.0))
			return 0;
		a[(size_t) j * m + j] = sqrt(dsum);
		for (int32_t i = j + 1; i < m; i++)
		{
			double		v = a[(size_t) i * m + j];

			for (int32_t l = 0; l < j; l++)
				v -= a[(size_t) i * m + l] * a[(size_t) j * m + l];
			a[(size_t) i * m + j] = v / a[(size_t) j * m + j];
		}
	}
	for (int32_t i = 0; i < m; i++)
	{
		for (int32_t l = 0; l < i; l++)
			b[i] -= a[(size_t) i * m + l] * b[l];
		b[i] /= a[(size_t) i * m + i];
	}
	for (int32_t i = m - 1; i >= 0; i--)
	{
		for (int32_t l = i + 1; l < m; l++)
			b[i] -= a[(size_t) l * m + i] * b[l];
		b[i] /= a[(size_t) i * m + i];
	}
	return 1;
}

/* mu of dimension k; every entry NaN when the pairs seen are not linked. */
static cc_status
solve_dimension(cc_gce_pairs *s, int k, int32_t *parent, int32_t *idx, double *a,
				double *alpha, cc_error *err)
{
	int32_t		P = s->npairs;
	int			d = s->dim;
	const double *lap = s->lap + (size_t) k * P * P;
	const int64_t *npos = s->n_pos + (size_t) k * P;
	int32_t		m = 0,
				first = -1;
	double		amax = 0.0,		/* alpha of first, fixed at 0 */
				z = 0.0,
				nall = 0.0;

	for (int32_t p = 0; p < P; p++)
	{
		s->mu[(size_t) p * d + k] = NAN;
		parent[p] = p;
	}
	for (int32_t p = 0; p < P; p++)
		for (int32_t q = p + 1; q < P; q++)
			if (npos[p] > 0 && npos[q] > 0 && lap[(size_t) p * P + q] != 0.0)
				parent[find_root(parent, p)] = find_root(parent, q);
	for (int32_t p = 0; p < P; p++)
	{
		if (npos[p] == 0)
			continue;
		if (first < 0)
			first = p;
		else if (find_root(parent, p) != find_root(parent, first))
			return CC_OK;		/* not linked: undefined */
		else
			idx[m++] = p;
	}
	if (first < 0)
		return CC_OK;
	for (int32_t i = 0; i < m; i++)
	{
		alpha[i] = s->rhs[(size_t) k * P + idx[i]];
		for (int32_t j = 0; j < m; j++)
			a[(size_t) i * m + j] = lap[(size_t) idx[i] * P + idx[j]];
	}
	if (m > 0 && !cholesky_solve(a, alpha, m))
		return cc_fail(err, CC_ENOCONV, "the within-step contrasts of dimension %d are singular", k + 1);
	/* scale so that the messages' mean mu is 1 */
	for (int32_t i = 0; i < m; i++)
		if (alpha[i] > amax)
			amax = alpha[i];
	z = (double) npos[first] * exp(-amax);
	nall = (double) npos[first];
	for (int32_t i = 0; i < m; i++)
	{
		z += (double) npos[idx[i]] * exp(alpha[i] - amax);
		nall += (double) npos[idx[i]];
	}
	s->mu[(size_t) first * d + k] = exp(-amax) * nall / z;
	for (int32_t i = 0; i < m; i++)
		s->mu[(size_t) idx[i] * d + k] = exp(alpha[i] - amax) * nall / z;
	return CC_OK;
}

cc_status
cc_gce_pairs_finish(cc_gce_pairs *s, cc_error *err)
{
	int32_t		P = s->npairs;
	int			d = s->dim;
	int32_t    *parent = cc_malloc(sizeof(int32_t) * P);
	int32_t    *idx = cc_malloc(sizeof(int32_t) * P);
	double	   *a = cc_malloc(sizeof(double) * P * P);
	double	   *alpha = cc_malloc(sizeof(double) * P);
	cc_status	st = CC_OK;

	if (!parent || !idx || !a || !alpha)
		st = cc_fail(err, CC_ENOMEM, "out of memory for the pair weights");
	for (int32_t p = 0; st == CC_OK && p < P; p++)
		for (int k = 0; k < d; k++)
		{
			s->mean[(size_t) p * d + k] = s->n_messages[p] > 0 ?
				s->sum_norm[(size_t) p * d + k] / (double) s->n_messages[p] : NAN;
			s->mean_step[(size_t) p * d + k] = s->n_messages[p] > 0 ?
				s->sum_step[(size_t) p * d + k] / (double) s->n_messages[p] : NAN;
		}
	for (int k = 0; st == CC_OK && k < d; k++)
		st = solve_dimension(s, k, parent, idx, a, alpha, err);
	cc_free(parent);
	cc_free(idx);
	cc_free(a);
	cc_free(alpha);
	return st;
}

void
cc_gce_pairs_result(const cc_gce_pairs *s, int32_t pair, cc_gce_pair_result *out)
{
	out->n_messages = s->n_messages[pair];
	out->n_steps = s->n_steps[pair];
	out->mean_weight = out->n_messages > 0 ? s->mean + (size_t) pair * s->dim : NULL;
	out->mu_step = out->n_messages > 0 ? s->mean_step + (size_t) pair * s->dim : NULL;
	out->mu = out->n_messages > 0 ? s->mu + (size_t) pair * s->dim : NULL;
}
