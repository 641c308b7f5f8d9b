/*
 * Uncertainty by resampling, seeded (cc_rng) and cancellable:
 * - nonparametric bootstrap intervals (multinomial resampling over the distinct values,
 *   O(distinct) per replicate, xmin re-selected unless fixed), from the replicates whose fit
 *   is interior: one at the model's boundary is counted apart;
 * - Clauset, Shalizi & Newman's semi-parametric goodness-of-fit p-value for the power law
 *   (below xmin resampled from the data, above drawn from the fit, xmin re-selected).
 */
#include <limits.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "tail_internal.h"

#define DRAW_BLOCK 65536

/* Scratch for replicate samples: arrays sized for the original's distinct values. */
typedef struct boot_ws
{
	cc_rng		rng;
	double	   *p;				/* resampling probabilities */
	unsigned int *k;			/* multinomial counts */
	cc_tail_sample rep;
} boot_ws;

static void
WsFree(boot_ws *w)
{
	cc_rng_free(&w->rng);
	cc_free(w->p);
	cc_free(w->k);
	cc_tail_sample_free(&w->rep);
}

static cc_status
WsInit(boot_ws *w, const cc_tail_sample *s, size_t nprob, uint64_t seed, cc_error *err)
{
	memset(w, 0, sizeof(*w));
	cc_tail_sample_init(&w->rep, s->kind, err);
	w->p = cc_malloc((nprob > 0 ? nprob : 1) * sizeof(double));
	w->k = cc_malloc((nprob > 0 ? nprob : 1) * sizeof(unsigned int));
	if (cc_rng_init(&w->rng, err) != CC_OK || !w->p || !w->k)
	{
		WsFree(w);
		return cc_fail(err, CC_ENOMEM, "out of memory for the bootstrap");
	}
	cc_rng_seed(&w->rng, seed);
	return CC_OK;
}

/* rep := a multinomial resample of total draws over the first nd distinct values of s. */
static cc_status
Resample(boot_ws *w, const cc_tail_sample *s, size_t nd, unsigned int total, cc_error *err)
{
	size_t		i;
	cc_status	st;

	for (i = 0; i < nd; i++)
		w->p[i] = (double) s->count[i];
	if (nd > 0 && total > 0)
		gsl_ran_multinomial(&w->rng.r, nd, total, w->p, w->k);
	else
		for (i = 0; i < nd; i++)
			w->k[i] = 0;
	w->rep.n = w->rep.nsorted = 0;
	w->rep.total = 0;
	for (i = 0; i < nd; i++)
		if (w->k[i] > 0 && (st = cc_tail_sample_add(&w->rep, s->x[i], w->k[i], err)) != CC_OK)
			return st;
	return CC_OK;
}

/* Percentile of sorted data (linear interpolation, as R's type 7). */
static double
Quantile(const double *sorted, size_t n, double q)
{
	return gsl_stats_quantile_from_sorted_data(sorted, 1, n, q);
}

/* Percentile that is one of the data (the inverse empirical CDF, R's type 1): xmin's interval
 * ends at values xmin takes, integers on discrete data, not between two candidates. */
static double
ObservedQuantile(const double *sorted, size_t n, double q)
{
	size_t		k = (size_t) ceil(q * (double) n - 1e-9);

	return sorted[k == 0 ? 0 : (k > n ? n : k) - 1];
}

cc_status
cc_tail_bootstrap(const cc_tail_sample *s, cc_tail_model m, const cc_tail_xmin_opts *o,
				  double fixed_xmin, int n_rep, double level, uint64_t seed,
				  cc_tail_boot *out, cc_error *err)
{
	boot_ws		w;
	cc_tail_xmin_opts def;
	double	   *par[2] = {NULL, NULL},
			   *xm = NULL;
	int			r,
				j,
				npar = cc_tail_model_npar(m);
	size_t		got = 0,		/* fits, whose xmin are xm[0..got-1] */
				interior = 0;	/* interior fits, whose parameters are par[][0..interior-1] */
	cc_status	st;

	memset(out, 0, sizeof(*out));
	if (o == NULL)
	{
		cc_tail_xmin_opts_default(&def);
		o = &def;
	}
	if (m < 0 || m >= CC_TAIL_NMODELS)
		return cc_fail(err, CC_EINVAL, "invalid tail model %d", (int) m);
	if (n_rep < 1 || n_rep > CC_TAIL_MAX_REPLICATES)
		return cc_fail(err, CC_EINVAL, "number of bootstrap replicates %d is out of range", n_rep);
	if (!(level > 0.0 && level < 1.0))
		return cc_fail(err, CC_EINVAL, "confidence level %g is not between 0 and 1", level);
	if (s->n != s->nsorted)
		return cc_fail(err, CC_EINVAL, "tail sample is not compacted");
	if (s->total == 0)
		return cc_fail(err, CC_ETOOFEW, "tail sample is empty");
	if (s->total > UINT_MAX)
		return cc_fail(err, CC_ELIMIT, "bootstrap of %llu observations exceeds the resampler's limit",
					   (unsigned long long) s->total);
	if ((st = WsInit(&w, s, s->n, seed, err)) != CC_OK)
		return st;
	par[0] = cc_malloc(n_rep * sizeof(double));
	par[1] = cc_malloc(n_rep * sizeof(double));
	xm = cc_malloc(n_rep * sizeof(double));
	if (!par[0] || !par[1] || !xm)
	{
		st = cc_fail(err, CC_ENOMEM, "out of memory for the bootstrap");
		goto done;
	}
	for (r = 0; r < n_rep; r++)
	{
		cc_tail_fit f;
		cc_error	ferr;
		cc_status	fs;

		if (cc_poll(r, 1))
		{
			st = cc_fail(err, CC_ECANCEL, "bootstrap canceled");
			goto done;
		}
		if ((st = Resample(&w, s, s->n, (unsigned int) s->total, err)) != CC_OK)
			goto done;
		if (fixed_xmin > 0.0)
			fs = cc_tail_fit_at(&w.rep, m, fixed_xmin, &f, &ferr);
		else
			fs = cc_tail_fit_auto(&w.rep, m, o, &f, &ferr);
		if (fs == CC_ENOMEM || fs == CC_ECANCEL)
		{
			*err = ferr;
			st = fs;
			goto done;
		}
		if (fs != CC_OK)
		{
			out->n_failed++;
			continue;
		}
		xm[got++] = f.xmin;
		if (f.boundary)
		{
			out->n_boundary++;
			continue;
		}
		par[0][interior] = f.par[0];
		par[1][interior] = f.par[1];
		interior++;
	}
	if (got < 2)
	{
		st = cc_fail(err, CC_ETOOFEW, "only %zu of %d bootstrap replicates gave a fit", got, n_rep);
		goto done;
	}
	out->n_rep = (int) got;
	out->level = level;
	for (j = 0; j < 2; j++)
	{
		if (j >= npar || interior < 2)
		{
			out->lo[j] = out->hi[j] = out->sd[j] = NAN;
			continue;
		}
		out->sd[j] = gsl_stats_sd(par[j], 1, interior);
		gsl_sort(par[j], 1, interior);
		out->lo[j] = Quantile(par[j], interior, 0.5 * (1.0 - level));
		out->hi[j] = Quantile(par[j], interior, 0.5 * (1.0 + level));
	}
	gsl_sort(xm, 1, got);
	out->xmin_lo = ObservedQuantile(xm, got, 0.5 * (1.0 - level));
	out->xmin_hi = ObservedQuantile(xm, got, 0.5 * (1.0 + level));
	st = CC_OK;
done:
	cc_free(par[0]);
	cc_free(par[1]);
	cc_free(xm);
	WsFree(&w);
	return st;
}

cc_status
cc_tail_gof(const cc_tail_sample *s, const cc_tail_xmin_opts *o, const cc_tail_fit *fit,
			int n_rep, uint64_t seed, double *p, int *n_used, cc_error *err)
{
	boot_ws		w;
	cc_tail_xmin_opts def;
	double	   *draws = NULL;
	size_t		nbelow_d,
				i;
	int			r,
				used = 0,
				hits = 0;
	cc_status	st;

	*p = NAN;
	if (n_used)
		*n_used = 0;
	if (o == NULL)
	{
		cc_tail_xmin_opts_default(&def);
		o = &def;
	}
	if (fit->model != CC_TAIL_PL || o->model != CC_TAIL_PL || fit->n_par != 1)
		return cc_fail(err, CC_EINVAL, "the goodness-of-fit test needs a power-law fit with xmin selected under the power law");
	if (fit->kind != s->kind || fit->n_total != s->total)
		return cc_fail(err, CC_EINVAL, "fit does not belong to this sample");
	if (n_rep < 1 || n_rep > CC_TAIL_MAX_REPLICATES)
		return cc_fail(err, CC_EINVAL, "number of goodness-of-fit replicates %d is out of range", n_rep);
	if (s->n != s->nsorted)
		return cc_fail(err, CC_EINVAL, "tail sample is not compacted");
	if (s->total > UINT_MAX)
		return cc_fail(err, CC_ELIMIT, "goodness-of-fit test of %llu observations exceeds the resampler's limit",
					   (unsigned long long) s->total);
	nbelow_d = tail_lower_bound(s, fit->xmin);
	if ((st = WsInit(&w, s, nbelow_d, seed, err)) != CC_OK)
		return st;
	draws = cc_malloc(DRAW_BLOCK * sizeof(double));
	if (draws == NULL)
	{
		st = cc_fail(err, CC_ENOMEM, "out of memory for the goodness-of-fit test");
		goto done;
	}
	for (r = 0; r < n_rep; r++)
	{
		unsigned int nt = gsl_ran_binomial(&w.rng.r, (double) fit->n_tail / (double) s->total,
										   (unsigned int) s->total);
		cc_tail_fit f;
		cc_error	ferr;
		cc_status	fs;
		size_t		done_n,
					blk;

		if (cc_poll(r, 1))
		{
			st = cc_fail(err, CC_ECANCEL, "goodness-of-fit test canceled");
			goto done;
		}
		if ((st = Resample(&w, s, nbelow_d, (unsigned int) (s->total - nt), err)) != CC_OK)
			goto done;
		for (done_n = 0; done_n < nt; done_n += blk)
		{
			blk = nt - done_n < DRAW_BLOCK ? nt - done_n : DRAW_BLOCK;
			if ((st = cc_tail_draw(fit, &w.rng, draws, blk, err)) != CC_OK)
				goto done;
			for (i = 0; i < blk; i++)
				if ((st = cc_tail_sample_add(&w.rep, draws[i], 1, err)) != CC_OK)
					goto done;
		}
		if ((st = cc_tail_sample_compact(&w.rep, err)) != CC_OK)
			goto done;
		fs = cc_tail_fit_xmin(&w.rep, o, &f, &ferr);
		if (fs == CC_ENOMEM || fs == CC_ECANCEL)
		{
			*err = ferr;
			st = fs;
			goto done;
		}
		if (fs != CC_OK)
			continue;
		used++;
		if (f.ks >= fit->ks)
			hits++;
	}
	if (used == 0)
	{
		st = cc_fail(err, CC_ETOOFEW, "no goodness-of-fit replicate gave a fit");
		goto done;
	}
	*p = (double) hits / used;
	if (n_used)
		*n_used = used;
	st = CC_OK;
done:
	cc_free(draws);
	WsFree(&w);
	return st;
}
