/*
 * Simulator internals: names, array growth and the Fenwick tree.
 */
#include "sim_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const cc_sim_topology_names[CC_TOPO_N] = {
	"chain", "star", "tree", "hierarchical", "fully_connected", "sparse_mesh", "reputation"
};

cc_status
cc_sim_topology_parse(const char *name, cc_sim_topology *out, cc_error *err)
{
	for (int i = 0; i < CC_TOPO_N; i++)
	{
		if (strcmp(name, cc_sim_topology_names[i]) == 0)
		{
			*out = (cc_sim_topology) i;
			return CC_OK;
		}
	}
	cc_fail(err, CC_EINVAL, "unknown topology \"%.100s\"", name);
	cc_fail_detail(err, "The topology must be one of chain, star, tree, hierarchical, "
				   "fully_connected, sparse_mesh or reputation.");
	return CC_EINVAL;
}

cc_status
sim_grow(void **arr, int64_t *cap, int64_t need, size_t elem, cc_error *err)
{
	int64_t		ncap;
	void	   *p;

	if (need <= *cap)
		return CC_OK;
	ncap = *cap < 16 ? 16 : *cap;
	while (ncap < need)
		ncap *= 2;
	if ((uint64_t) ncap > SIZE_MAX / elem)
		return cc_fail(err, CC_ELIMIT, "simulation state too large");
	p = cc_realloc(*arr, (size_t) ncap * elem);
	if (p == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for %lld simulator entries",
					   (long long) need);
	*arr = p;
	*cap = ncap;
	return CC_OK;
}

void
sim_fw_init(sim_fenwick *f)
{
	memset(f, 0, sizeof(*f));
}

void
sim_fw_free(sim_fenwick *f)
{
	cc_free(f->a);
	cc_free(f->t);
	memset(f, 0, sizeof(*f));
}

void
sim_fw_clear(sim_fenwick *f)
{
	f->n = 0;
}

/* Node i covers (i - lowbit(i), i]: a[i] plus the nodes of its children. */
static inline double
fw_node(const sim_fenwick *f, int64_t i)
{
	double		s = f->a[i];
	int64_t		lo = i - (i & -i);

	for (int64_t j = i - 1; j > lo; j -= j & -j)
		s += f->t[j];
	return s;
}

cc_status
sim_fw_append(sim_fenwick *f, double w, cc_error *err)
{
	if (f->n + 2 > f->cap)
	{
		int64_t		cap = f->cap;
		cc_status	st;

		st = sim_grow((void **) &f->a, &cap, f->n + 2, sizeof(double), err);
		if (st != CC_OK)
			return st;
		cap = f->cap;
		st = sim_grow((void **) &f->t, &cap, f->n + 2, sizeof(double), err);
		if (st != CC_OK)
			return st;
		f->cap = cap;
	}
	f->n++;
	f->a[f->n] = w;
	f->t[f->n] = fw_node(f, f->n);
	return CC_OK;
}

void
sim_fw_set(sim_fenwick *f, int64_t i, double w)
{
	f->a[i] = w;
	for (int64_t j = i; j <= f->n; j += j & -j)
		f->t[j] = fw_node(f, j);
}

double
sim_fw_total(const sim_fenwick *f)
{
	double		s = 0.0;

	for (int64_t j = f->n; j > 0; j -= j & -j)
		s += f->t[j];
	return s;
}

int64_t
sim_fw_find(const sim_fenwick *f, double u)
{
	int64_t		pos = 0;
	int64_t		step = 1;
	int64_t		i;

	if (f->n == 0)
		return 0;
	while (step * 2 <= f->n)
		step *= 2;
	for (; step > 0; step >>= 1)
	{
		if (pos + step <= f->n && f->t[pos + step] <= u)
		{
			pos += step;
			u -= f->t[pos];
		}
	}
	i = pos + 1;
	/* Rounding can land past the end or on a zero weight: take the nearest positive one. */
	if (i > f->n)
		i = f->n;
	if (f->a[i] > 0.0)
		return i;
	for (int64_t j = i - 1; j >= 1; j--)
		if (f->a[j] > 0.0)
			return j;
	for (int64_t j = i + 1; j <= f->n; j++)
		if (f->a[j] > 0.0)
			return j;
	return 0;
}

int64_t
sim_fw_draw(const sim_fenwick *f, cc_rng *rng)
{
	double		total = sim_fw_total(f);

	if (!(total > 0.0))
		return 0;
	return sim_fw_find(f, cc_rng_uniform(rng) * total);
}
