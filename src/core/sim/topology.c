/*
 * Static topologies of the routing simulator: for each agent, the agents whose claims it
 * may see and build on (itself included). The reputation topology is dynamic and lives in
 * routing.c; fully connected agents (and the star's hub) see everyone and need no list.
 */
#include "sim_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Managers of the hierarchy: floor(sqrt(N - 1)), at least 1, at most N - 1. */
static int32_t
sim_hier_managers(int32_t n)
{
	int32_t		m;

	if (n <= 1)
		return 0;
	m = (int32_t) floor(sqrt((double) (n - 1)));
	if (m < 1)
		m = 1;
	if (m > n - 1)
		m = n - 1;
	return m;
}

const char *
cc_sim_agent_role(cc_sim_topology topology, int32_t n, int32_t i)
{
	int32_t		m;

	switch (topology)
	{
		case CC_TOPO_CHAIN:
			return "stage";
		case CC_TOPO_STAR:
			return i == 0 ? "hub" : "spoke";
		case CC_TOPO_TREE:
			if (i == 0)
				return "root";
			return (int64_t) 2 * i + 1 < n ? "inner" : "leaf";
		case CC_TOPO_HIERARCHICAL:
			if (i == 0)
				return "lead";
			m = sim_hier_managers(n);
			return i <= m ? "manager" : "worker";
		case CC_TOPO_FULLY_CONNECTED:
		case CC_TOPO_SPARSE_MESH:
		case CC_TOPO_REPUTATION:
		case CC_TOPO_N:
			break;
	}
	return "peer";
}


typedef struct edge_list
{
	int64_t		n;
	int64_t		cap_from;
	int64_t		cap_to;
	int32_t    *from;
	int32_t    *to;
} edge_list;

static cc_status
push(edge_list *e, int32_t from, int32_t to, cc_error *err)
{
	cc_status	st;

	st = sim_grow((void **) &e->from, &e->cap_from, e->n + 1, sizeof(int32_t), err);
	if (st != CC_OK)
		return st;
	st = sim_grow((void **) &e->to, &e->cap_to, e->n + 1, sizeof(int32_t), err);
	if (st != CC_OK)
		return st;
	e->from[e->n] = from;
	e->to[e->n] = to;
	e->n++;
	return CC_OK;
}

static int
cmp_int32(const void *a, const void *b)
{
	int32_t		x = *(const int32_t *) a;
	int32_t		y = *(const int32_t *) b;

	return (x > y) - (x < y);
}

void
sim_topo_free(sim_topo *t)
{
	cc_free(t->off);
	cc_free(t->adj);
	cc_free(t->sees_all);
	memset(t, 0, sizeof(*t));
}

cc_status
sim_topo_build(sim_topo *t, cc_sim_topology topology, int32_t n, cc_rng *rng, cc_error *err)
{
	edge_list	e;
	cc_status	st = CC_OK;
	int32_t		m;

	memset(&e, 0, sizeof(e));
	sim_topo_free(t);
	t->n = n;
	t->sees_all = cc_calloc((size_t) n, 1);
	t->off = cc_calloc((size_t) n + 1, sizeof(int64_t));
	if (t->sees_all == NULL || t->off == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for the topology of %d agents", n);

#define PUSH(a, b) do { if ((st = push(&e, (a), (b), err)) != CC_OK) goto done; } while (0)
	switch (topology)
	{
		case CC_TOPO_CHAIN:
			for (int32_t i = 0; i < n; i++)
			{
				if (i > 0)
					PUSH(i, i - 1);
				PUSH(i, i);
				if (i + 1 < n)
					PUSH(i, i + 1);
			}
			break;
		case CC_TOPO_STAR:
			t->sees_all[0] = 1;
			for (int32_t i = 1; i < n; i++)
			{
				PUSH(i, 0);
				PUSH(i, i);
			}
			break;
		case CC_TOPO_TREE:
			for (int32_t i = 0; i < n; i++)
			{
				if (i > 0)
					PUSH(i, (i - 1) / 2);
				PUSH(i, i);
				if ((int64_t) 2 * i + 1 < n)
					PUSH(i, 2 * i + 1);
				if ((int64_t) 2 * i + 2 < n)
					PUSH(i, 2 * i + 2);
			}
			break;
		case CC_TOPO_HIERARCHICAL:
			m = sim_hier_managers(n);
			PUSH(0, 0);
			for (int32_t j = 1; j <= m; j++)
			{
				PUSH(0, j);
				PUSH(j, 0);
				for (int32_t k = 1; k <= m; k++)
					PUSH(j, k);
			}
			for (int32_t w = m + 1; w < n; w++)
			{
				int32_t		mgr = 1 + (w - m - 1) % m;

				PUSH(mgr, w);
				PUSH(w, mgr);
				/* teammates: the workers of the same manager, w itself included */
				for (int32_t v = m + 1 + (mgr - 1); v < n; v += m)
					PUSH(w, v);
			}
			break;
		case CC_TOPO_SPARSE_MESH:
			for (int32_t i = 0; i < n; i++)
			{
				PUSH(i, i);
				if (n > 1)
				{
					PUSH(i, (i + 1) % n);
					PUSH(i, (i + n - 1) % n);
				}
			}
			/* one random chord per agent, both ways */
			if (n > 1)
			{
				for (int32_t i = 0; i < n; i++)
				{
					int32_t		j = (int32_t) cc_rng_int(rng, n - 1);

					if (j >= i)
						j++;
					PUSH(i, j);
					PUSH(j, i);
				}
			}
			break;
		case CC_TOPO_FULLY_CONNECTED:
		case CC_TOPO_REPUTATION:
		case CC_TOPO_N:
			memset(t->sees_all, 1, (size_t) n);
			break;
	}
#undef PUSH

	/* CSR by source, each list sorted and without duplicates */
	t->adj = cc_malloc((size_t) (e.n > 0 ? e.n : 1) * sizeof(int32_t));
	if (t->adj == NULL)
	{
		st = cc_fail(err, CC_ENOMEM, "out of memory for the topology of %d agents", n);
		goto done;
	}
	for (int64_t k = 0; k < e.n; k++)
		t->off[e.from[k] + 1]++;
	for (int32_t i = 0; i < n; i++)
		t->off[i + 1] += t->off[i];
	{
		int64_t    *fill = cc_malloc((size_t) n * sizeof(int64_t));
		int64_t		w = 0;

		if (fill == NULL)
		{
			st = cc_fail(err, CC_ENOMEM, "out of memory for the topology of %d agents", n);
			goto done;
		}
		memcpy(fill, t->off, (size_t) n * sizeof(int64_t));
		for (int64_t k = 0; k < e.n; k++)
			t->adj[fill[e.from[k]]++] = e.to[k];
		cc_free(fill);
		/* sort and compact in place */
		for (int32_t i = 0; i < n; i++)
		{
			int64_t		lo = t->off[i];
			int64_t		hi = t->off[i + 1];

			qsort(t->adj + lo, (size_t) (hi - lo), sizeof(int32_t), cmp_int32);
			t->off[i] = w;
			for (int64_t k = lo; k < hi; k++)
				if (k == lo || t->adj[k] != t->adj[k - 1])
					t->adj[w++] = t->adj[k];
		}
		t->off[n] = w;
	}
done:
	cc_free(e.from);
	cc_free(e.to);
	return st;
}
