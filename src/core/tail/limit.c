/*
 * The power-law limit of the log-normal and stretched-exponential models. As sigma -> inf
 * with mu / sigma^2 fixed (LN), or beta -> 0 with lambda beta fixed (SE), both tend to the
 * continuous power law on [e, inf), e = xmin (continuous) or xmin - 1/2 (discrete, where
 * each integer x gets the mass of [x - 1/2, x + 1/2]). When the data push a fit to that
 * edge, the supremum of its likelihood is the limit law's, which is what a boundary fit
 * reports (and what its logpdf, ccdf and sampler use) so that comparisons stay exact.
 */
#include <math.h>

#include "tail_internal.h"

typedef struct lim_ctx
{
	const tail_view *v;
} lim_ctx;

double
tail_limit_logpdf(cc_tail_kind kind, double a, double xmin, double x)
{
	if (kind == CC_TAIL_CONTINUOUS)
		return log(a - 1.0) - log(xmin) - a * (log(x) - log(xmin));
	{
		double		la = log(x - 0.5),
					lb = log(x + 0.5);

		return (1.0 - a) * (la - log(xmin - 0.5)) + cc_log1mexp((a - 1.0) * (lb - la));
	}
}

double
tail_limit_ccdf(cc_tail_kind kind, double a, double xmin, double x)
{
	if (kind == CC_TAIL_DISCRETE)
	{
		x = ceil(x) - 0.5;
		xmin -= 0.5;
	}
	return exp((1.0 - a) * (log(x) - log(xmin)));
}

static double
Nll(const double *th, void *p)
{
	const tail_view *v = ((lim_ctx *) p)->v;
	long double acc = 0;
	size_t		i;

	if (!(th[0] > 1.0) || !isfinite(th[0]))
		return INFINITY;
	for (i = 0; i < v->d; i++)
		acc += (long double) v->c[i] * tail_limit_logpdf(v->kind, th[0], v->xmin, v->x[i]);
	return isfinite((double) acc) ? -(double) acc : INFINITY;
}

static int
tail_limit_fit(const tail_view *v, double *alpha, double *loglik)
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
		/* exactly the continuous PL fit */
		*alpha = th[0];
		*loglik = -Nll(th, &ctx);
		return isfinite(*loglik) ? 0 : -1;
	}
	if (cc_minimize(Nll, &ctx, 1, th, step, &fv) != 0)
		return -1;
	*alpha = th[0];
	*loglik = -fv;
	return 0;
}

void
tail_limit_apply(const tail_view *v, cc_tail_fit *f)
{
	double		a,
				ll;

	f->alpha_limit = NAN;
	if (tail_limit_fit(v, &a, &ll) != 0)
		return;
	/* the limit is the supremum when no interior point found beats it */
	if (ll >= f->loglik)
	{
		f->boundary = 1;
		f->alpha_limit = a;
		f->loglik = ll;
		f->se[0] = f->se[1] = NAN;
	}
}
