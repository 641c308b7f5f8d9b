/*
 * Cascade anatomy (paper 000 App. D.3, Fig. 11): composition of cascades summarised by rank
 * bands of their size. Definitions in include/collcog/cascade.h.
 */
#include "cascade_internal.h"

#include <math.h>
#include <stdlib.h>

const cc_anatomy_band CC_ANATOMY_DEFAULT_BANDS[CC_ANATOMY_N_DEFAULT_BANDS] = {
	{0.40, 0.60},				/* median */
	{0.85, 0.95},				/* 90th */
	{0.98, 0.99},				/* 99th */
	{0.99, 1.00}				/* top 1% */
};

/* A cascade in the ranking: its sort keys inline (the sort touches nothing else until two
 * cascades tie on them), a pointer to it and its index in the input. */
typedef struct ranked
{
	double		size;
	uint64_t	tie[2];
	const cc_anatomy_cascade *c;
	size_t		index;
} ranked;

static int
cmp_int64(int64_t x, int64_t y)
{
	return (x > y) - (x < y);
}

static int
cmp_uint64(uint64_t x, uint64_t y)
{
	return (x > y) - (x < y);
}

/* The ranking of cascade.h: size, tie key, counts, input position. */
static int
cmp_ranked(const void *a, const void *b)
{
	const ranked *p = a;
	const ranked *q = b;
	const cc_anatomy_cascade *x = p->c;
	const cc_anatomy_cascade *y = q->c;
	int			d;

	if (p->size != q->size)
		return p->size < q->size ? -1 : 1;
	if ((d = cmp_uint64(p->tie[0], q->tie[0])) != 0 ||
		(d = cmp_uint64(p->tie[1], q->tie[1])) != 0 ||
		(d = cmp_int64(x->tce, y->tce)) != 0 ||
		(d = cmp_int64(x->n_delegate, y->n_delegate)) != 0 ||
		(d = cmp_int64(x->n_contradict, y->n_contradict)) != 0 ||
		(d = cmp_int64(x->n_merge, y->n_merge)) != 0 ||
		(d = cmp_int64(x->n_revise, y->n_revise)) != 0)
		return d;
	return (p->index > q->index) - (p->index < q->index);
}

/*
 * The number of ranks at or below quantile p: the ranks k with (k - 1/2) / n <= p, i.e.
 * floor(p n + 1/2), with a 1e-9 guard so that 0.85 * 10 + 0.5 counts as 9.
 */
static int64_t
ranks_through(double p, size_t n)
{
	double		r = floor(p * (double) n + 0.5 + 1e-9);

	if (r < 0)
		return 0;
	return r > (double) n ? (int64_t) n : (int64_t) r;
}

/* Composition of cascades by rank band; see cascade.h. */
cc_status
cc_cascade_anatomy(const cc_anatomy_cascade *cascades, size_t n,
				   const cc_anatomy_band *bands, size_t n_bands,
				   cc_anatomy_row *rows, cc_error *err)
{
	ranked	   *order;
	size_t		i,
				b;

	if ((n > 0 && cascades == NULL) || (n_bands > 0 && (bands == NULL || rows == NULL)))
		return cc_fail(err, CC_EINVAL, "cascade anatomy needs its arrays");
	for (b = 0; b < n_bands; b++)
		if (!(bands[b].lo >= 0 && bands[b].lo < bands[b].hi && bands[b].hi <= 1))
			return cc_fail(err, CC_EINVAL, "invalid size band (%g, %g]", bands[b].lo, bands[b].hi);
	for (i = 0; i < n; i++)
	{
		const cc_anatomy_cascade *c = &cascades[i];

		if (isnan(c->size))
			return cc_fail(err, CC_EINVAL, "cascade size is NaN");
		if (c->tce < 0 || c->n_delegate < 0 || c->n_contradict < 0 || c->n_merge < 0 ||
			c->n_revise < 0)
			return cc_fail(err, CC_EINVAL, "negative event count in a cascade");
	}
	order = cc_malloc((n + 1) * sizeof(ranked));
	if (order == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory in cascade anatomy");
	for (i = 0; i < n; i++)
	{
		order[i].size = cascades[i].size;
		order[i].tie[0] = cascades[i].tie[0];
		order[i].tie[1] = cascades[i].tie[1];
		order[i].c = &cascades[i];
		order[i].index = i;
	}
	qsort(order, n, sizeof(ranked), cmp_ranked);

	for (b = 0; b < n_bands; b++)
	{
		cc_anatomy_row *r = &rows[b];
		double		sd = 0,
					sc = 0,
					sm = 0,
					conv = 0;
		int64_t		merges = 0,
					expansions = 0,
					k;

		r->rank_from = ranks_through(bands[b].lo, n) + 1;
		r->rank_to = ranks_through(bands[b].hi, n);
		r->n_cascades = r->rank_to >= r->rank_from ? r->rank_to - r->rank_from + 1 : 0;
		r->n_with_conversion = 0;
		r->size_min = r->n_cascades ? order[r->rank_from - 1].size : NAN;
		r->size_max = r->n_cascades ? order[r->rank_to - 1].size : NAN;
		for (k = r->rank_from; k <= r->rank_to; k++)
		{
			const cc_anatomy_cascade *c = order[k - 1].c;
			int64_t		ex;

			if (c->tce > 0)
			{
				sd += (double) c->n_delegate / (double) c->tce;
				sc += (double) c->n_contradict / (double) c->tce;
				sm += (double) c->n_merge / (double) c->tce;
			}
			ex = c->n_delegate + c->n_contradict + c->n_revise;
			if (ex > 0)
			{
				conv += (double) c->n_merge / (double) ex;
				r->n_with_conversion++;
			}
			merges += c->n_merge;
			expansions += ex;
		}
		r->share_delegation = r->n_cascades ? sd / (double) r->n_cascades : NAN;
		r->share_contradiction = r->n_cascades ? sc / (double) r->n_cascades : NAN;
		r->share_merge = r->n_cascades ? sm / (double) r->n_cascades : NAN;
		r->merge_conversion = r->n_with_conversion ? conv / (double) r->n_with_conversion : NAN;
		r->pooled_merge_conversion = expansions > 0 ? (double) merges / (double) expansions : NAN;
	}
	cc_free(order);
	return CC_OK;
}
