/*
 * The derived tables' rows in primary-key order (cc_cascade_key_order). Claims and subtasks
 * are sorted by id once, and agents; cascades, event sizes and cascade agents then follow
 * from the ranks of their claims, subtasks and agents without comparing strings again.
 */
#include "cascade_internal.h"

#include <stdlib.h>
#include <string.h>

/* A row to sort: an integer key that orders most pairs, and the id that breaks ties. */
typedef struct keyed_row
{
	uint64_t	key;
	cc_str		id;
	int32_t		row;
} keyed_row;

static int
compare_keyed(const void *a, const void *b)
{
	const keyed_row *x = a;
	const keyed_row *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return cc_str_cmp(x->id, y->id);
}

/*
 * The 8 bytes of s from offset from, big-endian, zero-padded: a < b bytewise implies
 * key(a) <= key(b) when both share their first from bytes, so the key decides every pair
 * it tells apart.
 */
static uint64_t
prefix_key(cc_str s, size_t from)
{
	uint64_t	key = 0;
	size_t		j;

	for (j = from; j < from + 8; j++)
		key = (key << 8) | (j < s.len ? (unsigned char) s.ptr[j] : 0);
	return key;
}

/* Sort rows by id; the key starts after the prefix every id shares ("run42-c..."). */
static void
sort_by_id(keyed_row *k, int32_t n)
{
	size_t		common = n > 0 ? k[0].id.len : 0;
	int32_t		i;

	for (i = 1; i < n && common > 0; i++)
	{
		size_t		j = 0;

		while (j < common && j < k[i].id.len && k[i].id.ptr[j] == k[0].id.ptr[j])
			j++;
		common = j;
	}
	for (i = 0; i < n; i++)
		k[i].key = prefix_key(k[i].id, common);
	qsort(k, (size_t) n, sizeof(keyed_row), compare_keyed);
}

#define N_OBSERVABLES (CC_OBS_MERGE + 1)

/* rank[o]: the rank of observable o's name among the four, bytewise. */
static void
observable_ranks(uint64_t *rank)
{
	int			o,
				other;

	for (o = 0; o < N_OBSERVABLES; o++)
	{
		rank[o] = 0;
		for (other = 0; other < N_OBSERVABLES; other++)
			if (strcmp(cc_observable_name((cc_observable) other),
					   cc_observable_name((cc_observable) o)) < 0)
				rank[o]++;
	}
}

/* order[i] = rows[i].row when order is not NULL; rank[rows[i].row] = i when rank is not
 * NULL. */
static void
take_order(const keyed_row *k, int32_t n, int32_t *order, int32_t *rank)
{
	int32_t		i;

	for (i = 0; i < n; i++)
	{
		if (order != NULL)
			order[i] = k[i].row;
		if (rank != NULL)
			rank[k[i].row] = i;
	}
}

cc_status
cc_cascade_key_order(const cc_cascade_result *res, cc_cascade_order *out, cc_error *err)
{
	int32_t		n_keyed = res->n_claims;
	uint64_t	obs_rank[N_OBSERVABLES];
	keyed_row  *k;
	int32_t    *claim_rank,
			   *subtask_rank,
			   *agent_rank,
			   *cascade_of_root;
	int32_t		i,
				n;
	int			t;

	memset(out, 0, sizeof(*out));
	if (res->n_subtasks > n_keyed)
		n_keyed = res->n_subtasks;
	if (res->n_event_sizes > n_keyed)
		n_keyed = res->n_event_sizes;
	if (res->n_agents > n_keyed)
		n_keyed = res->n_agents;
	if (res->n_cascade_agents > n_keyed)
		n_keyed = res->n_cascade_agents;
	k = cc_malloc(sizeof(keyed_row) * (size_t) (n_keyed + 1));
	claim_rank = cc_malloc(sizeof(int32_t) * (size_t) (res->n_claims + 1));
	subtask_rank = cc_malloc(sizeof(int32_t) * (size_t) (res->n_subtasks + 1));
	agent_rank = cc_malloc(sizeof(int32_t) * (size_t) (res->n_agents + 1));
	cascade_of_root = cc_malloc(sizeof(int32_t) * (size_t) (res->n_claims + 1));
	out->rows[CC_TABLE_CLAIMS] = cc_malloc(sizeof(int32_t) * (size_t) (res->n_claims + 1));
	out->rows[CC_TABLE_SUBTASKS] = cc_malloc(sizeof(int32_t) * (size_t) (res->n_subtasks + 1));
	out->rows[CC_TABLE_CASCADES] = cc_malloc(sizeof(int32_t) * (size_t) (res->n_cascades + 1));
	out->rows[CC_TABLE_EVENT_SIZES] = cc_malloc(sizeof(int32_t) * (size_t) (res->n_event_sizes + 1));
	out->rows[CC_TABLE_CASCADE_AGENTS] =
		cc_malloc(sizeof(int32_t) * (size_t) (res->n_cascade_agents + 1));
	for (t = 0; t < CC_NTABLES; t++)
		if (out->rows[t] == NULL)
			break;
	if (k == NULL || claim_rank == NULL || subtask_rank == NULL || agent_rank == NULL ||
		cascade_of_root == NULL || t < CC_NTABLES)
	{
		cc_free(k);
		cc_free(claim_rank);
		cc_free(subtask_rank);
		cc_free(agent_rank);
		cc_free(cascade_of_root);
		cc_cascade_order_free(out);
		return cc_fail(err, CC_ENOMEM, "out of memory ordering the rows of a run");
	}

	for (i = 0; i < res->n_claims; i++)
	{
		k[i].id = res->claims[i].claim_id;
		k[i].row = i;
	}
	sort_by_id(k, res->n_claims);
	take_order(k, res->n_claims, out->rows[CC_TABLE_CLAIMS], claim_rank);

	for (i = 0; i < res->n_subtasks; i++)
	{
		k[i].id = res->subtasks[i].subtask_id;
		k[i].row = i;
	}
	sort_by_id(k, res->n_subtasks);
	take_order(k, res->n_subtasks, out->rows[CC_TABLE_SUBTASKS], subtask_rank);

	/* Cascades in the order of their roots among the claims. */
	for (i = 0; i < res->n_claims; i++)
		cascade_of_root[i] = -1;
	for (i = 0; i < res->n_cascades; i++)
		cascade_of_root[res->cascades[i].root] = i;
	n = 0;
	for (i = 0; i < res->n_claims; i++)
	{
		int32_t		c = cascade_of_root[out->rows[CC_TABLE_CLAIMS][i]];

		if (c >= 0)
			out->rows[CC_TABLE_CASCADES][n++] = c;
	}

	/* Event sizes by (observable name, anchor rank): integers only. */
	observable_ranks(obs_rank);
	for (i = 0; i < res->n_event_sizes; i++)
	{
		const cc_event_size *e = &res->event_sizes[i];
		int32_t		anchor_rank = e->observable == CC_OBS_DELEGATION ?
			subtask_rank[e->anchor] : claim_rank[e->anchor];

		k[i].key = (obs_rank[e->observable] << 32) | (uint32_t) anchor_rank;
		k[i].id.ptr = NULL;
		k[i].id.len = 0;
		k[i].row = i;
	}
	qsort(k, (size_t) res->n_event_sizes, sizeof(keyed_row), compare_keyed);
	take_order(k, res->n_event_sizes, out->rows[CC_TABLE_EVENT_SIZES], NULL);

	/* Cascade agents by (root claim rank, agent rank): integers only. */
	for (i = 0; i < res->n_agents; i++)
	{
		k[i].id = res->agents[i];
		k[i].row = i;
	}
	sort_by_id(k, res->n_agents);
	take_order(k, res->n_agents, NULL, agent_rank);
	for (i = 0; i < res->n_cascade_agents; i++)
	{
		const cc_cascade_agent_row *a = &res->cascade_agents[i];

		k[i].key = ((uint64_t) claim_rank[res->cascades[a->cascade].root] << 32) |
			(uint32_t) agent_rank[a->agent];
		k[i].id.ptr = NULL;
		k[i].id.len = 0;
		k[i].row = i;
	}
	qsort(k, (size_t) res->n_cascade_agents, sizeof(keyed_row), compare_keyed);
	take_order(k, res->n_cascade_agents, out->rows[CC_TABLE_CASCADE_AGENTS], NULL);

	cc_free(k);
	cc_free(claim_rank);
	cc_free(subtask_rank);
	cc_free(agent_rank);
	cc_free(cascade_of_root);
	return CC_OK;
}

void
cc_cascade_order_free(cc_cascade_order *order)
{
	int			t;

	for (t = 0; t < CC_NTABLES; t++)
	{
		cc_free(order->rows[t]);
		order->rows[t] = NULL;
	}
}
