/*
 * The attachment exponent of a group of runs (include/collcog/attach.h): R(k) summed over
 * the runs, the weighted least-squares slope of ln R(k) on ln k, its percentile bootstrap
 * over runs, and the maximum-likelihood exponent (mle.c).
 */
#include "attach_internal.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* The largest n_levels of the runs. */
static int32_t
MaxLevels(const cc_att_run *runs, int32_t n_runs)
{
	int32_t		n = 0;

	for (int32_t i = 0; i < n_runs; i++)
		if (runs[i].n_levels > n)
			n = runs[i].n_levels;
	return n;
}

/* Add slot s of run to the sums. */
static void
AddRun(const cc_att_run *run, int slot, int64_t *sel, double *exp_)
{
	size_t		base = (size_t) slot * (size_t) run->n_levels;

	for (int32_t k = 0; k < run->n_levels; k++)
	{
		sel[k] += run->selections[base + k];
		exp_[k] += run->expected[base + k];
	}
}

cc_status
cc_att_run_add(cc_att_run *sum, const cc_att_run *run, cc_error *err)
{
	if (run->n_levels > sum->n_levels)
	{
		/* slot-major: widening moves every slot's levels, so lay them out anew */
		size_t		cells = (size_t) CC_ATT_SLOTS * (size_t) run->n_levels;
		int64_t    *sel = cc_calloc(cells, sizeof(int64_t));
		double	   *exp_ = cc_calloc(cells, sizeof(double));

		if (sel == NULL || exp_ == NULL)
		{
			cc_free(sel);
			cc_free(exp_);
			return cc_fail(err, CC_ENOMEM, "out of memory for the routing ratio");
		}
		for (int s = 0; s < CC_ATT_SLOTS && sum->n_levels > 0; s++)
		{
			size_t		to = (size_t) s * (size_t) run->n_levels,
						from = (size_t) s * (size_t) sum->n_levels;

			memcpy(sel + to, sum->selections + from, (size_t) sum->n_levels * sizeof(int64_t));
			memcpy(exp_ + to, sum->expected + from, (size_t) sum->n_levels * sizeof(double));
		}
		cc_free(sum->selections);
		cc_free(sum->expected);
		sum->selections = sel;
		sum->expected = exp_;
		sum->n_levels = run->n_levels;
	}
	for (int s = 0; s < CC_ATT_SLOTS; s++)
	{
		int64_t    *sel = sum->selections + (size_t) s * sum->n_levels;
		double	   *exp_ = sum->expected + (size_t) s * sum->n_levels;

		AddRun(run, s, sel, exp_);
	}
	return CC_OK;
}

cc_status
cc_att_group_levels(const cc_att_run *runs, int32_t n_runs, int slot, int64_t **selections,
					double **expected, int32_t *n_levels, cc_error *err)
{
	int32_t		n = MaxLevels(runs, n_runs);
	size_t		cells = n > 0 ? (size_t) n : 1;

	*selections = cc_calloc(cells, sizeof(int64_t));
	*expected = cc_calloc(cells, sizeof(double));
	if (*selections == NULL || *expected == NULL)
	{
		cc_free(*selections);
		cc_free(*expected);
		*selections = NULL;
		*expected = NULL;
		return cc_fail(err, CC_ENOMEM, "out of memory for the routing ratio");
	}
	for (int32_t i = 0; i < n_runs; i++)
		AddRun(&runs[i], slot, *selections, *expected);
	*n_levels = n;
	return CC_OK;
}

double
cc_att_wls_slope(const int64_t *selections, const double *expected, int32_t n_levels,
				 int64_t min_selections, int32_t *levels)
{
	double		sw = 0.0,
				sx = 0.0,
				sy = 0.0,
				sxx = 0.0,
				sxy = 0.0;
	int32_t		used = 0;

	/* two passes: the weighted means, then the centred moments */
	for (int32_t k = 1; k < n_levels; k++)
		if (selections[k] >= min_selections && selections[k] > 0 && expected[k] > 0.0)
		{
			double		w = (double) selections[k];

			sw += w;
			sx += w * log((double) k);
			sy += w * log((double) selections[k] / expected[k]);
			used++;
		}
	*levels = used;
	if (used < 2)
		return NAN;
	sx /= sw;
	sy /= sw;
	for (int32_t k = 1; k < n_levels; k++)
		if (selections[k] >= min_selections && selections[k] > 0 && expected[k] > 0.0)
		{
			double		w = (double) selections[k];
			double		dx = log((double) k) - sx;

			sxx += w * dx * dx;
			sxy += w * dx * (log((double) selections[k] / expected[k]) - sy);
		}
	return sxy / sxx;
}

/* The percentile interval of the defined slopes of opts->replicates resamples of the runs. */
static cc_status
Bootstrap(const cc_att_run *runs, int32_t n_runs, int slot, const cc_att_fit_opts *opts,
		  cc_att_fit *out, cc_error *err)
{
	int32_t		n = MaxLevels(runs, n_runs);
	size_t		cells = n > 0 ? (size_t) n : 1;
	int64_t    *sel = cc_malloc(cells * sizeof(int64_t));
	double	   *exp_ = cc_malloc(cells * sizeof(double));
	double	   *slopes = cc_malloc((opts->replicates > 0 ? (size_t) opts->replicates : 1) *
								   sizeof(double));
	cc_rng		rng;
	cc_status	st = CC_OK;
	size_t		defined = 0;

	memset(&rng, 0, sizeof(rng));
	if (sel == NULL || exp_ == NULL || slopes == NULL || cc_rng_init(&rng, err) != CC_OK)
	{
		st = cc_fail(err, CC_ENOMEM, "out of memory for the bootstrap");
		goto done;
	}
	cc_rng_seed(&rng, cc_rng_stream_seed(opts->seed, slot));
	for (int32_t b = 0; b < opts->replicates; b++)
	{
		int32_t		levels;
		double		slope;

		if (cc_poll((uint64_t) b, 1))
		{
			st = cc_fail(err, CC_ECANCEL, "bootstrap canceled");
			goto done;
		}
		memset(sel, 0, cells * sizeof(int64_t));
		memset(exp_, 0, cells * sizeof(double));
		for (int32_t i = 0; i < n_runs; i++)
			AddRun(&runs[cc_rng_int(&rng, n_runs)], slot, sel, exp_);
		slope = cc_att_wls_slope(sel, exp_, n, opts->min_selections, &levels);
		if (isfinite(slope))
			slopes[defined++] = slope;
	}
	out->replicates = (int32_t) defined;
	out->beta_lo = out->beta_hi = NAN;
	if (defined > 0)
	{
		/* R's type-7 quantiles, as tail_bootstrap's intervals */
		gsl_sort(slopes, 1, defined);
		out->beta_lo = gsl_stats_quantile_from_sorted_data(slopes, 1, defined,
														   (1.0 - opts->level) / 2.0);
		out->beta_hi = gsl_stats_quantile_from_sorted_data(slopes, 1, defined,
														   (1.0 + opts->level) / 2.0);
	}
done:
	cc_rng_free(&rng);
	cc_free(sel);
	cc_free(exp_);
	cc_free(slopes);
	return st;
}

cc_status
cc_att_fit_slot(const cc_att_run *runs, int32_t n_runs, int slot, const cc_att_fit_opts *opts,
				cc_att_fit *out, cc_error *err)
{
	int64_t    *sel = NULL;
	double	   *exp_ = NULL;
	int32_t		n = 0;
	cc_status	st;

	memset(out, 0, sizeof(*out));
	out->beta = out->beta_lo = out->beta_hi = out->beta_mle = out->beta_mle_se = NAN;
	if ((st = cc_att_group_levels(runs, n_runs, slot, &sel, &exp_, &n, err)) != CC_OK)
		return st;
	for (int32_t k = 0; k < n; k++)
		out->selections += sel[k];
	out->beta = cc_att_wls_slope(sel, exp_, n, opts->min_selections, &out->levels);
	cc_free(sel);
	cc_free(exp_);
	if (isfinite(out->beta) && (st = Bootstrap(runs, n_runs, slot, opts, out, err)) != CC_OK)
		return st;
	if (out->selections > 0 && opts->choices != NULL)
		return cc_att_mle(runs, n_runs, slot, opts->choices, &out->beta_mle, &out->beta_mle_se,
						  err);
	return CC_OK;
}
