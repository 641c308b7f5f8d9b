/*
 * Stretched exponential (Weibull) tail: P(X >= x | X >= xmin) = e^(-lambda (x^beta -
 * xmin^beta)). Discrete: mass of the continuous law on [x - 1/2, x + 1/2], normalised from
 * xmin - 1/2. Optimised in (ln beta, ln(lambda xmin^beta)), which decorrelates the two.
 */
#include <math.h>

#include "tail_internal.h"

typedef struct se_ctx
{
	const tail_view *v;
} se_ctx;

/* x^beta - y^beta from ln y and ln(x / y), without cancellation when beta is small. */
static inline double
PowDiff(double ly, double lxy, double beta)
{
	return exp(beta * ly) * expm1(beta * lxy);
}

/* ln p(x) of a discrete SE: the mass of [x - 1/2, x + 1/2] relative to P(X >= xmin - 1/2),
 * l0 = ln(xmin - 1/2); each difference of logarithms is computed as such (tail_internal.h). */
static inline double
DiscreteLogpdf(double lam, double beta, double xmin, double l0, double x)
{
	return -lam * PowDiff(l0, tail_bin_lnratio(x, xmin), beta) +
		cc_log1mexp(lam * PowDiff(tail_bin_lnlow(x), tail_bin_lnwidth(x), beta));
}

static double
NllNatural(const double *th, void *p)
{
	const tail_view *v = ((se_ctx *) p)->v;
	double		lam = th[0],
				beta = th[1];
	long double acc = 0;
	size_t		i;

	if (!(lam > 0.0) || !(beta > 0.0) || !isfinite(lam) || !isfinite(beta))
		return INFINITY;
	if (v->kind == CC_TAIL_CONTINUOUS)
	{
		double		l0 = log(v->xmin);

		for (i = 0; i < v->d; i++)
			acc += (long double) v->c[i] * PowDiff(l0, tail_lnratio(v->x[i], v->xmin), beta);
		return -(v->n * (log(beta) + log(lam)) + (beta - 1.0) * v->s_lnx - lam * (double) acc);
	}
	else
	{
		double		l0 = tail_bin_lnlow(v->xmin);

		for (i = 0; i < v->d; i++)
			acc += (long double) v->c[i] * DiscreteLogpdf(lam, beta, v->xmin, l0, v->x[i]);
		return isfinite((double) acc) ? -(double) acc : INFINITY;
	}
}

/* e^(beta l) expm1(beta r) (= y^beta - e^(beta l), ln y = l + r) and its first two
 * derivatives in beta, without cancellation for small beta r. */
static void
PowDiffDerivs(double l, double r, double beta, double d[3])
{
	double		s = exp(beta * l),
				em = expm1(beta * r),
				e = em + 1.0;

	d[0] = s * em;
	d[1] = s * (l * em + r * e);
	d[2] = s * (l * l * em + (2.0 * l * r + r * r) * e);
}

/*
 * The Hessian in (lambda, beta) of the stretched exponential's negative log-likelihood, in
 * closed form. Continuous: -n ln beta - n ln lambda - (beta - 1) S_lnx + lambda sum D,
 * D = x^beta - xmin^beta. Discrete: -sum (-lambda D + L(lambda W)), D = (x - 1/2)^beta -
 * (xmin - 1/2)^beta, W = (x + 1/2)^beta - (x - 1/2)^beta, L(t) = ln(1 - e^-t), L' = 1/expm1(t),
 * L'' = -L' (1 + L'). D, W and their beta-derivatives come from PowDiffDerivs.
 */
int
tail_se_hessian(const tail_view *v, double lam, double beta, double H[2][2])
{
	int			discrete = v->kind == CC_TAIL_DISCRETE;
	double		l0 = discrete ? tail_bin_lnlow(v->xmin) : log(v->xmin);
	long double hll = 0,
				hlb = 0,
				hbb = 0;
	size_t		i;

	if (!(lam > 0.0) || !(beta > 0.0) || !isfinite(lam) || !isfinite(beta))
		return -1;
	for (i = 0; i < v->d; i++)
	{
		long double c = (long double) v->c[i];
		double		d[3];

		if (!discrete)
		{
			PowDiffDerivs(l0, tail_lnratio(v->x[i], v->xmin), beta, d);
			hlb += c * d[1];
			hbb += c * lam * d[2];
		}
		else
		{
			double		w[3],
						t,
						l1,
						l2;

			PowDiffDerivs(l0, tail_bin_lnratio(v->x[i], v->xmin), beta, d);
			PowDiffDerivs(tail_bin_lnlow(v->x[i]), tail_bin_lnwidth(v->x[i]), beta, w);
			t = lam * w[0];
			l1 = 1.0 / expm1(t);
			l2 = -l1 * (1.0 + l1);
			/* minus the second derivatives of -lambda D + L(lambda W) */
			hll -= c * l2 * w[0] * w[0];
			hlb -= c * (-d[1] + l2 * lam * w[0] * w[1] + l1 * w[1]);
			hbb -= c * (-lam * d[2] + l2 * lam * lam * w[1] * w[1] + l1 * lam * w[2]);
		}
	}
	if (!discrete)
	{
		hll = (long double) v->n / (lam * lam);
		hbb += (long double) v->n / (beta * beta);
	}
	H[0][0] = (double) hll;
	H[0][1] = H[1][0] = (double) hlb;
	H[1][1] = (double) hbb;
	return 0;
}

static double
NllOpt(const double *th, void *p)
{
	const tail_view *v = ((se_ctx *) p)->v;
	double		beta = exp(th[0]),
				nat[2];

	nat[0] = exp(th[1] - beta * log(v->xmin));
	nat[1] = beta;
	return NllNatural(nat, p);
}

cc_status
tail_se_fit(const tail_view *v, cc_tail_fit *f, cc_error *err)
{
	se_ctx		ctx = {v};
	double		lx0 = log(v->xmin),
				best[2] = {0, 0},
				bestf = INFINITY,
				betas[3] = {0.3, 0.6, 1.0};
	int			i;

	/* Pick the best of three starts (lambda from the continuous profile equation at each
	 * beta), then optimise once. */
	for (i = 0; i < 3; i++)
	{
		double		b = betas[i],
					s = 0.0,
					th[2],
					fv;
		size_t		j;

		for (j = 0; j < v->d; j++)
			s += (double) v->c[j] * PowDiff(lx0, tail_lnratio(v->x[j], v->xmin), b);
		if (!(s > 0.0))
			continue;
		th[0] = log(b);
		th[1] = log(v->n / s) + b * lx0;
		fv = NllOpt(th, &ctx);
		if (fv < bestf)
		{
			bestf = fv;
			best[0] = th[0];
			best[1] = th[1];
		}
	}
	if (isfinite(bestf))
	{
		double		step[2] = {0.2, 0.5};

		if (cc_minimize(NllOpt, &ctx, 2, best, step, &bestf) != 0)
			bestf = INFINITY;
	}
	if (!isfinite(bestf))
		return cc_fail(err, CC_ENOCONV, "stretched-exponential fit at xmin %g did not converge",
					   v->xmin);
	f->par[1] = exp(best[0]);
	f->par[0] = exp(best[1] - f->par[1] * lx0);
	f->lnorm = 0.0;
	f->loglik = -NllNatural(f->par, &ctx);
	{
		double		H[2][2];

		if (tail_se_hessian(v, f->par[0], f->par[1], H) == 0)
			cc_se_from_hessian(2, H, f->se);
		else
			f->se[0] = f->se[1] = NAN;
	}
	/* beta -> 0 with lambda beta fixed is the power-law limit */
	tail_limit_apply(v, f);
	return CC_OK;
}

double
tail_se_logpdf(const cc_tail_fit *f, double x)
{
	double		lam = f->par[0],
				beta = f->par[1];

	if (f->boundary)
		return tail_limit_logpdf(f, x);
	if (f->kind == CC_TAIL_CONTINUOUS)
		return log(beta) + log(lam) + (beta - 1.0) * log(x) -
			lam * PowDiff(log(f->xmin), tail_lnratio(x, f->xmin), beta);
	return DiscreteLogpdf(lam, beta, f->xmin, tail_bin_lnlow(f->xmin), x);
}

double
tail_se_ccdf(const cc_tail_fit *f, double x)
{
	if (f->boundary)
		return tail_limit_ccdf(f, x);
	if (f->kind == CC_TAIL_DISCRETE)
		return exp(-f->par[0] * PowDiff(tail_bin_lnlow(f->xmin),
										tail_bin_lnratio(ceil(x), f->xmin), f->par[1]));
	return exp(-f->par[0] * PowDiff(log(f->xmin), tail_lnratio(x, f->xmin), f->par[1]));
}
