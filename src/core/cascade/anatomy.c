/*
 * Cascade anatomy (paper 000 App. D.3, Fig. 11): composition of cascades summarised by size
 * percentile bands. Definitions in include/collcog/cascade.h.
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

/* Ascending order of doubles (no NaN here: rejected before sorting). */
static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

/* Nearest-rank quantile of sorted[0..n): the ceil(p n)-th smallest; -inf for p = 0. */
static double
nearest_rank(const double *sorted, size_t n, double p)
{
	double		r = ceil(p * (double) n - 1e-9);	/* guard 0.9 * 100 = 90.000000001 */
	size_t		k;

	if (r < 1)
		return p <= 0 ? -INFINITY : sorted[0];
	k = (size_t) r;
	if (k > n)
		k = n;
	return sorted[k - 1];
}

/* Composition of cascades by size band; see cascade.h. */
cc_status
cc_cascade_anatomy(const cc_anatomy_cascade *cascades, size_t n,
				   const cc_anatomy_band *bands, size_t n_bands,
				   cc_anatomy_row *rows, cc_error *err)
{
	double	   *sorted;
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
	sorted = cc_malloc((n + 1) * sizeof(double));
	if (sorted == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory in cascade anatomy");
	for (i = 0; i < n; i++)
		sorted[i] = cascades[i].size;
	qsort(sorted, n, sizeof(double), cmp_double);

	for (b = 0; b < n_bands; b++)
	{
		cc_anatomy_row *r = &rows[b];
		double		sd = 0,
					sc = 0,
					sm = 0,
					conv = 0;
		int64_t		merges = 0,
					expansions = 0;

		r->n_cascades = 0;
		r->n_with_conversion = 0;
		r->size_lo = n > 0 ? nearest_rank(sorted, n, bands[b].lo) : NAN;
		r->size_hi = n > 0 ? nearest_rank(sorted, n, bands[b].hi) : NAN;
		for (i = 0; i < n; i++)
		{
			const cc_anatomy_cascade *c = &cascades[i];
			int64_t		ex;

			/* A band whose two quantiles tie holds the cascades of that very size. */
			if (r->size_lo == r->size_hi ? c->size != r->size_hi
				: !(c->size > r->size_lo && c->size <= r->size_hi))
				continue;
			r->n_cascades++;
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
	cc_free(sorted);
	return CC_OK;
}
