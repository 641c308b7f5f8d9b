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
 * The Hessian in (mu, sigma) of the continuous log-normal's negative log-likelihood,
 * S_lnx + n ln sigma + sum (ln x - mu)^2 / (2 sigma^2) + n ln Q(z0) + const,
 * z0 = (ln xmin - mu) / sigma, in closed form: with g(z) = ln Q(z), g' = -h, h = phi/Q the
 * normal hazard, g'' = -h (h - z), and z0's derivatives z_mu = -1/sigma,
 * z_sigma = -z0/sigma, z_mu_sigma = 1/sigma^2, z_sigma_sigma = 2 z0/sigma^2.
 */
int
tail_ln_hessian(const tail_view *v, double mu, double sg, double H[2][2])
{
	long double a = 0,			/* sum c (ln x - mu)^2, from the data: no cancellation */
				b = 0;			/* sum c (ln x - mu) */
	double		z = (log(v->xmin) - mu) / sg,
				h = exp(-0.5 * z * z - LN_SQRT_2PI - cc_lnQ(z)),
				g1 = -h,
				g2 = -h * (h - z),
				n = v->n,
				s2 = sg * sg;
	size_t		i;

	if (!(sg > 0.0) || !isfinite(mu) || !isfinite(h))
		return -1;
	for (i = 0; i < v->d; i++)
	{
		long double d = (long double) log(v->x[i]) - mu;

		a += (long double) v->c[i] * d * d;
		b += (long double) v->c[i] * d;
	}
	H[0][0] = n / s2 + n * g2 / s2;
	H[0][1] = H[1][0] = 2.0 * (double) b / (s2 * sg) + n * (g2 * z + g1) / s2;
	H[1][1] = -n / s2 + 3.0 * (double) a / (s2 * s2) + n * (g2 * z * z + 2.0 * g1 * z) / s2;
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
	if (v->kind == CC_TAIL_CONTINUOUS)
	{
		double		H[2][2];

		if (tail_ln_hessian(v, f->par[0], f->par[1], H) == 0)
			cc_se_from_hessian(2, H, f->se);
		else
			f->se[0] = f->se[1] = NAN;
	}
	else
		cc_hessian_se(NllNatural, &ctx, 2, f->par, f->se);
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
