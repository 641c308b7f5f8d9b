/*
 * Truncated power law p(x) ~ x^-alpha e^(-lambda x), lambda >= 0. Normalisers: discrete
 * sum_{k>=xmin} k^-alpha e^(-lambda k) (Euler-Maclaurin, src/core/stats/special.c), continuous
 * lambda^(alpha-1) Gamma(1-alpha, lambda xmin), both in log space. The log-likelihood is
 * -alpha S_lnx - lambda S_x - n ln Z, so each evaluation is O(1) after the tail sums.
 * lambda -> 0 is the boundary: when no lambda > 0 beats the power law the fit reports
 * lambda = 0, the PL alpha, and boundary = 1.
 */
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>

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

/*
 * The observed information of the TPL. The law is an exponential family in (alpha, lambda)
 * with sufficient statistics (ln x, x), so the Hessian of the negative log-likelihood is n
 * times the covariance matrix of (ln X, X) under the fitted law, whatever the data. Its
 * moments: continuous, integrals over [xmin, inf) taken in u = ln x by adaptive quadrature
 * (GSL's QAGIU) to 1e-13; discrete, the direct sum up to N = xmin + 1000 + 200(|alpha| + 2),
 * then the rest by the midpoint Euler-Maclaurin formula, the integral from a = N - 1/2 plus
 * F'(a)/24 - 7 F'''(a)/5760 (F''' by differences at unit steps; the next term is of order
 * (alpha/N + lambda)^5 of the rest). Two passes: the means of ln X and X, then the central
 * second moments (no cancellation).
 */
enum
{
	W_ONE, W_U, W_X,			/* first pass: 1, ln x, x */
	W_UU, W_XX, W_UX,			/* second: (ln x - m_u)^2, (x - m_x)^2, their product */
	W_N
};

typedef struct tpl_mom
{
	double		a,				/* alpha */
				lam,
				ls,				/* ln of the scale every term is divided by */
				mu,				/* E[ln X], E[X] (second pass) */
				mx;
	int			w;
} tpl_mom;

/* Weight w at x (u = ln x) and its derivative in x. */
static double
Weight(const tpl_mom *m, int w, double x, double u, double *dw)
{
	switch (w)
	{
		case W_ONE:
			*dw = 0.0;
			return 1.0;
		case W_U:
			*dw = 1.0 / x;
			return u;
		case W_X:
			*dw = 1.0;
			return x;
		case W_UU:
			*dw = 2.0 * (u - m->mu) / x;
			return (u - m->mu) * (u - m->mu);
		case W_XX:
			*dw = 2.0 * (x - m->mx);
			return (x - m->mx) * (x - m->mx);
		default:
			*dw = (x - m->mx) / x + (u - m->mu);
			return (u - m->mu) * (x - m->mx);
	}
}

/* x^-alpha e^(-lambda x) / e^ls. */
static double
Density(const tpl_mom *m, double x, double u)
{
	return exp(-m->a * u - m->lam * x - m->ls);
}

/* The weighted density at x. */
static double
Term(const tpl_mom *m, int w, double x)
{
	double		u = log(x),
				dw;

	return Density(m, x, u) * Weight(m, w, x, u, &dw);
}

/* The integrand in u: the weighted density times dx/du = x. */
static double
Integrand(double u, void *p)
{
	const tpl_mom *m = p;
	double		x = exp(u),
				lg = u - m->a * u - m->lam * x - m->ls,
				dw;

	/* far out (QAGIU maps [u0, inf) onto (0, 1]) the term is 0, not inf times 0 */
	if (!(lg > -745.0))
		return 0.0;
	return exp(lg) * Weight(m, m->w, x, u, &dw);
}

/* The integral of weight w times the density from x0 to infinity; NaN if it fails. */
static double
Integral(tpl_mom *m, int w, double x0, gsl_integration_workspace *ws)
{
	gsl_function F = {Integrand, m};
	double		r,
				abserr;
	int			st;

	m->w = w;
	st = gsl_integration_qagiu(&F, log(x0), 0.0, 1e-13, 1000, ws, &r, &abserr);
	if (st != GSL_SUCCESS && !(st == GSL_EROUND && abserr <= 1e-10 * fabs(r)))
		return NAN;
	return r;
}

/* The moments of the weights in [from, to) of the pass, each relative to e^ls. */
static int
Moments(cc_tail_kind kind, tpl_mom *m, double xmin, int from, int to, double *out,
		gsl_integration_workspace *ws)
{
	int			w;

	for (w = from; w < to; w++)
		out[w] = 0.0;
	if (kind == CC_TAIL_DISCRETE)
	{
		double		n_direct = 1000.0 + 200.0 * (fabs(m->a) + 2.0),
					k,
					mid;

		for (k = xmin; k < xmin + n_direct; k += 1.0)
		{
			double		u = log(k),
						f = Density(m, k, u),
						dw;

			for (w = from; w < to; w++)
				out[w] += f * Weight(m, w, k, u, &dw);
		}
		mid = k - 0.5;
		for (w = from; w < to; w++)
		{
			double		u = log(mid),
						dw,
						wt = Weight(m, w, mid, u, &dw),
						f = Density(m, mid, u),
						d1 = f * (dw + wt * (-m->a / mid - m->lam)),	/* (w f)' */
						d3 = Term(m, w, mid + 1.5) - 3.0 * Term(m, w, mid + 0.5) +
						3.0 * Term(m, w, mid - 0.5) - Term(m, w, mid - 1.5);	/* (w f)''' */

			out[w] += Integral(m, w, mid, ws) + d1 / 24.0 - 7.0 * d3 / 5760.0;
		}
	}
	else
		for (w = from; w < to; w++)
			out[w] = Integral(m, w, xmin, ws);
	for (w = from; w < to; w++)
		if (!isfinite(out[w]))
			return -1;
	return 0;
}

int
tail_tpl_hessian(cc_tail_kind kind, double alpha, double lambda, double xmin, double n,
		   double H[2][2])
{
	tpl_mom		m = {alpha, lambda, 0.0, 0.0, 0.0, 0};
	double		mom[W_N],
				xpeak = (alpha < 0.0) ? fmax(xmin, -alpha / lambda) : xmin,
				upeak = (alpha < 1.0) ? fmax(log(xmin), log((1.0 - alpha) / lambda)) : log(xmin);
	gsl_integration_workspace *ws;
	gsl_error_handler_t *old;
	int			rc = -1;

	if (!(lambda > 0.0) || !isfinite(alpha))
		return -1;
	/* scale: the largest term of the sum and of the integrand in u */
	m.ls = fmax(-alpha * log(xpeak) - lambda * xpeak, (1.0 - alpha) * upeak - lambda * exp(upeak));
	ws = gsl_integration_workspace_alloc(1000);
	if (ws == NULL)
		return -1;
	old = gsl_set_error_handler_off();
	if (Moments(kind, &m, xmin, W_ONE, W_UU, mom, ws) == 0 && mom[W_ONE] > 0.0)
	{
		m.mu = mom[W_U] / mom[W_ONE];
		m.mx = mom[W_X] / mom[W_ONE];
		if (Moments(kind, &m, xmin, W_UU, W_N, mom, ws) == 0)
		{
			H[0][0] = n * mom[W_UU] / mom[W_ONE];
			H[1][1] = n * mom[W_XX] / mom[W_ONE];
			H[0][1] = H[1][0] = n * mom[W_UX] / mom[W_ONE];
			rc = 0;
		}
	}
	gsl_set_error_handler(old);
	gsl_integration_workspace_free(ws);
	return rc;
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
	{
		double		H[2][2];

		if (tail_tpl_hessian(v->kind, f->par[0], f->par[1], v->xmin, v->n, H) == 0)
			cc_se_from_hessian(2, H, f->se);
		else
			f->se[0] = f->se[1] = NAN;
	}
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
