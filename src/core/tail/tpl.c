/*
 * Truncated power law p(x) ~ x^-alpha e^(-lambda x), lambda >= 0. Normalisers: discrete
 * sum_{k>=xmin} k^-alpha e^(-lambda k) (Euler-Maclaurin, src/core/stats/special.c), continuous
 * lambda^(alpha-1) Gamma(1-alpha, lambda xmin), both in log space. The log-likelihood is
 * -alpha S_lnx - lambda S_x - n ln Z, so each evaluation is O(1) after the tail sums.
 * lambda -> 0 is the boundary: when no lambda > 0 beats the power law the fit reports
 * lambda = 0, the PL alpha, and boundary = 1.
 */
#include <math.h>

#include "tail_internal.h"

typedef struct tpl_ctx
{
	const tail_view *v;
} tpl_ctx;

double
tail_tpl_lnorm(cc_tail_kind kind, double alpha, double lambda, double xmin)
{
	if (lambda == 0.0)
	{
		if (!(alpha > 1.0))
			return NAN;
		if (kind == CC_TAIL_DISCRETE)
			return cc_lnhzeta(alpha, xmin);
		return tail_pl_lnorm_continuous(alpha, xmin);
	}
	if (!(lambda > 0.0) || !isfinite(alpha))
		return NAN;
	if (kind == CC_TAIL_DISCRETE)
		return cc_lnzsum(alpha, lambda, xmin);
	return (alpha - 1.0) * log(lambda) + cc_lgamma_inc(1.0 - alpha, lambda * xmin);
}

/* Negative log-likelihood in natural parameters (alpha, lambda). */
static double
NllNatural(const double *th, void *p)
{
	const tail_view *v = ((tpl_ctx *) p)->v;
	double		ln;

	if (!(th[1] >= 0.0))
		return INFINITY;
	ln = tail_tpl_lnorm(v->kind, th[0], th[1], v->xmin);
	if (!isfinite(ln))
		return INFINITY;
	return th[0] * v->s_lnx + th[1] * v->s_x + v->n * ln;
}

/* The same in (alpha, ln lambda) for the optimiser. */
static double
NllOpt(const double *th, void *p)
{
	double		nat[2] = {th[0], exp(th[1])};

	if (th[1] > 700.0)
		return INFINITY;
	return NllNatural(nat, p);
}

cc_status
tail_tpl_fit(const tail_view *v, cc_tail_fit *f, cc_error *err)
{
	cc_tail_fit pl = *f;
	cc_status	st;
	tpl_ctx		ctx = {v};
	double		mean = v->s_x / v->n,
				best[2] = {0, 0},
				bestf = INFINITY,
				nll_pl;
	double		starts[3][2];
	int			i;

	if ((st = tail_pl_fit(v, &pl, err)) != CC_OK)
		return st;
	nll_pl = -pl.loglik;
	/* Starts: the PL alpha with a weak cutoff, a lower alpha with a cutoff at the mean,
	 * and an exponential-like start. */
	starts[0][0] = pl.par[0];
	starts[0][1] = log(0.01 / mean);
	starts[1][0] = fmax(pl.par[0] - 0.5, 0.5);
	starts[1][1] = log(1.0 / mean);
	starts[2][0] = 0.5;
	starts[2][1] = log(1.0 / (mean - v->xmin + 1e-300));
	for (i = 0; i < 3; i++)
	{
		double		th[2] = {starts[i][0], starts[i][1]},
					step[2] = {0.1, 1.0},
					fv;

		/* concave in (alpha, lambda): one successful start suffices */
		if (i > 0 && isfinite(bestf))
			break;
		if (!isfinite(th[1]))
			continue;
		if (cc_minimize(NllOpt, &ctx, 2, th, step, &fv) == 0 && fv < bestf)
		{
			bestf = fv;
			best[0] = th[0];
			best[1] = th[1];
		}
	}
	if (!tail_loglik_above(-bestf, -nll_pl))
	{
		/* Boundary: lambda = 0, the power law (no lambda > 0 beats it beyond rounding). */
		f->par[0] = pl.par[0];
		f->par[1] = 0.0;
		f->se[0] = pl.se[0];
		f->se[1] = NAN;
		f->lnorm = pl.lnorm;
		f->loglik = pl.loglik;
		f->boundary = 1;
		return CC_OK;
	}
	f->par[0] = best[0];
	f->par[1] = exp(best[1]);
	f->lnorm = tail_tpl_lnorm(v->kind, f->par[0], f->par[1], v->xmin);
	f->loglik = -(f->par[0] * v->s_lnx + f->par[1] * v->s_x + v->n * f->lnorm);
	f->boundary = 0;
	cc_hessian_se(NllNatural, &ctx, 2, f->par, f->se);
	if (!isfinite(f->loglik))
		return cc_fail(err, CC_ENOCONV, "truncated power-law fit at xmin %g did not converge",
					   v->xmin);
	return CC_OK;
}

double
tail_tpl_logpdf(const cc_tail_fit *f, double x)
{
	return -f->par[0] * log(x) - f->par[1] * x - f->lnorm;
}

double
tail_tpl_ccdf(const cc_tail_fit *f, double x)
{
	if (f->kind == CC_TAIL_DISCRETE)
		x = ceil(x);
	return exp(tail_tpl_lnorm(f->kind, f->par[0], f->par[1], x) - f->lnorm);
}
