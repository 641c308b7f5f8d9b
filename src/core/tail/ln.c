/*
 * Log-normal tail: ln x ~ N(mu, sigma^2) truncated to x >= xmin. Discrete: each integer x
 * has the mass of the continuous law on [x - 1/2, x + 1/2], normalised from xmin - 1/2.
 * The continuous log-likelihood is O(1) per evaluation from the tail sums; the discrete
 * one is O(distinct values) and starts from the continuous optimum; a bin is its lower end
 * and its width on the log scale, each without cancellation (tail_internal.h).
 */
#include <math.h>

#include "tail_internal.h"

#define LN_SQRT_2PI 0.91893853320467274178

typedef struct ln_ctx
{
	const tail_view *v;
	int			discrete;
	const double *la;			/* ln(x - 1/2) and the bin's log width per distinct value */
	const double *lw;
} ln_ctx;

/* ln of the lower edge of the tail in the continuous scale. */
static double
LnEdge(cc_tail_kind kind, double xmin)
{
	return kind == CC_TAIL_DISCRETE ? tail_bin_lnlow(xmin) : log(xmin);
}

static double
NllNatural(const double *th, void *p)
{
	const ln_ctx *c = p;
	const tail_view *v = c->v;
	double		mu = th[0],
				sg = th[1],
				lq,
				nll;

	if (!(sg > 0.0) || !isfinite(mu))
		return INFINITY;
	lq = cc_lnQ((LnEdge(c->discrete ? CC_TAIL_DISCRETE : CC_TAIL_CONTINUOUS, v->xmin) - mu) / sg);
	if (!c->discrete)
	{
		double		ss = v->s_ln2x - 2.0 * mu * v->s_lnx + v->n * mu * mu;

		nll = v->s_lnx + v->n * (log(sg) + LN_SQRT_2PI) + ss / (2.0 * sg * sg) + v->n * lq;
	}
	else
	{
		long double acc = 0;
		size_t		i;

		for (i = 0; i < v->d; i++)
			acc += (long double) v->c[i] * cc_lnPhispan((c->la[i] - mu) / sg, c->lw[i] / sg);
		nll = -(double) acc + v->n * lq;
	}
	return isfinite(nll) ? nll : INFINITY;
}

/*
 * The Hessian in (mu, sigma) of the log-normal's negative log-likelihood, in closed form.
 * The truncation term n ln Q(z0), z0 = (ln e - mu) / sigma (e the tail's lower edge): with
 * g = ln Q, g' = -h, h = phi/Q the normal hazard, g'' = -h (h - z), and z's derivatives
 * z_mu = -1/sigma, z_sigma = -z/sigma, z_mu_sigma = 1/sigma^2, z_sigma_sigma = 2z/sigma^2.
 * Continuous data add n ln sigma + sum (ln x - mu)^2 / (2 sigma^2). Discrete data add
 * -sum ln P, P = Phi(b) - Phi(a) the mass of a bin, a = (ln(x - 1/2) - mu)/sigma,
 * b = a + t, t its log width over sigma: with q(z) = phi(z) / P, the derivatives of P are
 * differences such as phi(b) - phi(a) = phi(a) expm1(-t m), m = (a + b)/2, each written
 * with expm1 so that a bin 1e-9 wide loses nothing.
 */
int
tail_ln_hessian(const tail_view *v, double mu, double sg, double H[2][2])
{
	double		z = ((v->kind == CC_TAIL_DISCRETE ? tail_bin_lnlow(v->xmin) : log(v->xmin)) - mu) / sg,
				h = exp(-0.5 * z * z - LN_SQRT_2PI - cc_lnQ(z)),
				g1 = -h,
				g2 = -h * (h - z),
				n = v->n,
				s2 = sg * sg;
	long double hmm = 0,
				hms = 0,
				hss = 0;
	size_t		i;

	if (!(sg > 0.0) || !isfinite(mu) || !isfinite(h))
		return -1;
	for (i = 0; i < v->d; i++)
	{
		long double c = (long double) v->c[i];

		if (v->kind == CC_TAIL_CONTINUOUS)
		{
			long double d = (long double) log(v->x[i]) - mu;

			/* (ln x - mu)^2 / (2 sigma^2): mu mu 1/s2, mu sigma 2d/s3, sigma sigma 3d^2/s4 */
			hmm += c / s2;
			hms += c * 2.0L * d / (s2 * sg);
			hss += c * 3.0L * d * d / (s2 * s2);
		}
		else
		{
			double		a = (tail_bin_lnlow(v->x[i]) - mu) / sg,
						t = tail_bin_lnwidth(v->x[i]) / sg,
						b = a + t,
						m = a + 0.5 * t,
						em = expm1(-t * m),		/* phi(b)/phi(a) - 1 */
						e = em + 1.0,
						qa = exp(-0.5 * a * a - LN_SQRT_2PI - cc_lnPhispan(a, t)),	/* phi(a)/P */
						/* sigma P_mu / P, sigma P_sigma / P */
						pm = -qa * em,
						ps = -qa * (a * em + t * e),
						/* sigma^2 P_mumu / P etc. */
						pmm = ps,
						pms = qa * ((1.0 - a * a) * em - 2.0 * t * m * e),
						pss = qa * (a * (2.0 - a * a) * em + (2.0 * t - t * (b * b + a * b + a * a)) * e);

			/* minus the second derivatives of ln P = P''/P - (P'/P)^2, times sigma^2 */
			hmm -= c * (pmm - pm * pm) / s2;
			hms -= c * (pms - pm * ps) / s2;
			hss -= c * (pss - ps * ps) / s2;
		}
	}
	if (v->kind == CC_TAIL_CONTINUOUS)
		hss -= (long double) n / s2;	/* n ln sigma */
	H[0][0] = (double) hmm + n * g2 / s2;
	H[0][1] = H[1][0] = (double) hms + n * (g2 * z + g1) / s2;
	H[1][1] = (double) hss + n * (g2 * z * z + 2.0 * g1 * z) / s2;
	return 0;
}

static double
NllOpt(const double *th, void *p)
{
	double		nat[2] = {th[0], exp(th[1])};

	return NllNatural(nat, p);
}

cc_status
tail_ln_fit(const tail_view *v, cc_tail_fit *f, cc_error *err)
{
	ln_ctx		ctx = {v, 0, NULL, NULL};
	double		m = v->s_lnx / v->n,
				var = v->s_ln2x / v->n - m * m,
				th[2],
				step[2],
				fv;
	double	   *bins = NULL;

	if (!(var > 0.0))
		var = 1.0;
	th[0] = m;
	th[1] = 0.5 * log(var);
	step[0] = 0.5 * sqrt(var);
	step[1] = 0.3;
	/* Continuous optimum first: it is also the start of the discrete fit. */
	if (cc_minimize(NllOpt, &ctx, 2, th, step, &fv) != 0)
		return cc_fail(err, CC_ENOCONV, "log-normal fit at xmin %g did not converge", v->xmin);
	if (v->kind == CC_TAIL_DISCRETE)
	{
		/* Two starts: the continuous optimum, and the moments of ln x (the continuous
		 * stage can drift to the power-law limit where the discrete optimum is interior). */
		double		th2[2] = {m, 0.5 * log(var)},
					fv2 = INFINITY;
		int			ok1,
					ok2;
		size_t		i;

		bins = cc_malloc(2 * v->d * sizeof(double));
		if (bins == NULL)
			return cc_fail(err, CC_ENOMEM, "out of memory in a log-normal fit");
		for (i = 0; i < v->d; i++)
		{
			bins[i] = tail_bin_lnlow(v->x[i]);
			bins[v->d + i] = tail_bin_lnwidth(v->x[i]);
		}
		ctx.la = bins;
		ctx.lw = bins + v->d;
		ctx.discrete = 1;
		step[0] = 0.05 * exp(th[1]) + 0.01;
		step[1] = 0.05;
		ok1 = cc_minimize(NllOpt, &ctx, 2, th, step, &fv) == 0;
		step[0] = 0.5 * sqrt(var);
		step[1] = 0.3;
		ok2 = cc_minimize(NllOpt, &ctx, 2, th2, step, &fv2) == 0;
		if (!ok1 && !ok2)
		{
			cc_free(bins);
			return cc_fail(err, CC_ENOCONV, "discrete log-normal fit at xmin %g did not converge",
						   v->xmin);
		}
		if (ok2 && (!ok1 || fv2 < fv))
		{
			th[0] = th2[0];
			th[1] = th2[1];
		}
	}
	f->par[0] = th[0];
	f->par[1] = exp(th[1]);
	f->lnorm = cc_lnQ((LnEdge(v->kind, v->xmin) - f->par[0]) / f->par[1]);
	f->loglik = -NllNatural(f->par, &ctx);
	{
		double		H[2][2];

		if (tail_ln_hessian(v, f->par[0], f->par[1], H) == 0)
			cc_se_from_hessian(2, H, f->se);
		else
			f->se[0] = f->se[1] = NAN;
	}
	cc_free(bins);
	/* sigma -> infinity with mu / sigma^2 fixed is the power-law limit */
	tail_limit_apply(v, f);
	return CC_OK;
}

double
tail_ln_logpdf(const cc_tail_fit *f, double x)
{
	double		mu = f->par[0],
				sg = f->par[1];

	if (f->boundary)
		return tail_limit_logpdf(f, x);
	if (f->kind == CC_TAIL_CONTINUOUS)
	{
		double		z = (log(x) - mu) / sg;

		return -log(x) - log(sg) - LN_SQRT_2PI - 0.5 * z * z - f->lnorm;
	}
	return cc_lnPhispan((tail_bin_lnlow(x) - mu) / sg, tail_bin_lnwidth(x) / sg) - f->lnorm;
}

double
tail_ln_ccdf(const cc_tail_fit *f, double x)
{
	if (f->boundary)
		return tail_limit_ccdf(f, x);
	if (f->kind == CC_TAIL_DISCRETE)
		return exp(cc_lnQ((tail_bin_lnlow(ceil(x)) - f->par[0]) / f->par[1]) - f->lnorm);
	return exp(cc_lnQ((log(x) - f->par[0]) / f->par[1]) - f->lnorm);
}
