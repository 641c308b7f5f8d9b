/*
 * The power-law limit of the log-normal and stretched-exponential models. As sigma -> inf
 * with mu / sigma^2 fixed (LN), or beta -> 0 with lambda beta fixed (SE), both tend to the
 * continuous power law on [e, inf), e = xmin (continuous) or xmin - 1/2 (discrete, where
 * each integer x gets the mass of [x - 1/2, x + 1/2]). When the data push a fit to that
 * edge, the supremum of its likelihood is the limit law's, which is what a boundary fit
 * reports (and what its logpdf, ccdf and sampler use) so that comparisons stay exact. For
 * continuous data the limit is the power law itself, evaluated by the power law's own
 * expression, so that the two compare as equal to the last bit.
 */
#include <math.h>

#include "tail_internal.h"

/* ln p(x) of the limit with exponent a, log normaliser lnorm (continuous only). */
static double
LimitLogpdf(cc_tail_kind kind, double a, double lnorm, double xmin, double x)
{
	if (kind == CC_TAIL_CONTINUOUS)
		return tail_pl_logpdf_continuous(a, lnorm, x);
	return (1.0 - a) * tail_bin_lnratio(x, xmin) + cc_log1mexp((a - 1.0) * tail_bin_lnwidth(x));
}

double
tail_limit_logpdf(const cc_tail_fit *f, double x)
{
	return LimitLogpdf(f->kind, f->alpha_limit, f->lnorm, f->xmin, x);
}

double
tail_limit_ccdf(const cc_tail_fit *f, double x)
{
	double		a = f->alpha_limit;

	if (f->kind == CC_TAIL_DISCRETE)
		return exp((1.0 - a) * tail_bin_lnratio(ceil(x), f->xmin));
	return exp((1.0 - a) * tail_lnratio(x, f->xmin));
}

typedef struct lim_ctx
{
	const tail_view *v;
} lim_ctx;

/* Negative log-likelihood of the discrete limit with exponent th[0]. */
static double
Nll(const double *th, void *p)
{
	const tail_view *v = ((lim_ctx *) p)->v;
	long double acc = 0;
	size_t		i;

	if (!(th[0] > 1.0) || !isfinite(th[0]))
		return INFINITY;
	for (i = 0; i < v->d; i++)
		acc += (long double) v->c[i] * LimitLogpdf(v->kind, th[0], 0.0, v->xmin, v->x[i]);
	return isfinite((double) acc) ? -(double) acc : INFINITY;
}

/* The limit's exponent, log normaliser and log-likelihood on the view; -1 if none. */
static int
tail_limit_fit(const tail_view *v, double *alpha, double *lnorm, double *loglik)
{
	lim_ctx		ctx = {v};
	double		e = v->kind == CC_TAIL_DISCRETE ? v->xmin - 0.5 : v->xmin,
				denom = v->s_lnx - v->n * log(e),
				th[1],
				step[1] = {0.05},
				fv;

	if (!(denom > 0.0))
		return -1;
	th[0] = 1.0 + v->n / denom;
	if (v->kind == CC_TAIL_CONTINUOUS)
	{
		/* exactly the continuous PL fit (tail_pl_fit) */
		*alpha = th[0];
		*lnorm = tail_pl_lnorm_continuous(th[0], v->xmin);
		*loglik = -th[0] * v->s_lnx - v->n * *lnorm;
		return isfinite(*loglik) ? 0 : -1;
	}
	if (cc_minimize(Nll, &ctx, 1, th, step, &fv) != 0)
		return -1;
	*alpha = th[0];
	*lnorm = 0.0;
	*loglik = -fv;
	return 0;
}

void
tail_limit_apply(const tail_view *v, cc_tail_fit *f)
{
	double		a,
				lnorm,
				ll;

	f->alpha_limit = NAN;
	if (tail_limit_fit(v, &a, &lnorm, &ll) != 0)
		return;
	/* the limit is the supremum when no interior point beats it by more than rounding */
	if (!tail_loglik_above(f->loglik, ll))
	{
		f->boundary = 1;
		f->alpha_limit = a;
		f->lnorm = lnorm;
		f->loglik = ll;
		f->se[0] = f->se[1] = NAN;
	}
}
