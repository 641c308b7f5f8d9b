/*
 * Power law: exact MLE. Continuous: closed form. Discrete: the score equation
 * E_alpha[ln X] = mean ln x, E under the Hurwitz-zeta law, solved by safeguarded Newton to
 * 1e-13 relative (E and Var[ln X] come from Euler-Maclaurin sums, src/core/stats/special.c).
 */
#include <math.h>

#include "tail_internal.h"

/* E[ln X] and Var[ln X] under the discrete PL(alpha) from q; also ln zeta. */
static int
Moments(double alpha, double q, double *E, double *V, double *lnz)
{
	double		lf0,
				o[3];

	if (cc_zsum(alpha, 0.0, q, 2, &lf0, o) != 0)
		return -1;
	*E = o[1] / o[0];
	*V = o[2] / o[0] - (*E) * (*E);
	*lnz = lf0 + log(o[0]);
	return 0;
}

int
tail_pl_discrete_alpha(double xmin, double n, double s_lnx, double *alpha, double *se,
					   double *lnz)
{
	double		t = s_lnx / n,
				lo = 1.0,
				hi = INFINITY,
				a,
				E,
				V,
				lz;
	int			it;

	if (!(t > log(xmin)) || !(n > 0))
		return -1;
	/* Start from the continuous approximation with xmin - 1/2. */
	a = 1.0 + 1.0 / (t - log(xmin - 0.5));
	if (!(a > 1.0) || !isfinite(a))
		a = 2.0;
	for (it = 0; it < 200; it++)
	{
		double		na;

		if (Moments(a, xmin, &E, &V, &lz) != 0)
			return -1;
		if (E > t)
			lo = a;
		else
			hi = a;
		na = (V > 0.0) ? a + (E - t) / V : NAN;
		if (!(na > lo && na < hi))
			na = isfinite(hi) ? 0.5 * (lo + hi) : 2.0 * a;
		if (fabs(na - a) <= 1e-13 * a || (isfinite(hi) && hi - lo <= 1e-14 * hi))
		{
			a = na;
			if (Moments(a, xmin, &E, &V, &lz) != 0)
				return -1;
			*alpha = a;
			*se = (V > 0.0) ? 1.0 / sqrt(n * V) : NAN;
			*lnz = lz;
			return 0;
		}
		a = na;
	}
	return -1;
}

cc_status
tail_pl_fit(const tail_view *v, cc_tail_fit *f, cc_error *err)
{
	double		alpha,
				se,
				lnorm;

	if (v->kind == CC_TAIL_DISCRETE)
	{
		if (tail_pl_discrete_alpha(v->xmin, v->n, v->s_lnx, &alpha, &se, &lnorm) != 0)
			return cc_fail(err, CC_ENOCONV, "discrete power-law fit at xmin %g did not converge",
						   v->xmin);
	}
	else
	{
		double		denom = v->s_lnx - v->n * log(v->xmin);

		if (!(denom > 0.0))
			return cc_fail(err, CC_ETOOFEW, "power-law fit at xmin %g: all tail values equal xmin",
						   v->xmin);
		alpha = 1.0 + v->n / denom;
		se = (alpha - 1.0) / sqrt(v->n);
		lnorm = tail_pl_lnorm_continuous(alpha, v->xmin);
	}
	f->par[0] = alpha;
	f->se[0] = se;
	f->lnorm = lnorm;
	f->loglik = -alpha * v->s_lnx - v->n * lnorm;
	return CC_OK;
}

double
tail_pl_logpdf(const cc_tail_fit *f, double x)
{
	/* (the discrete law has the same form, with the Hurwitz zeta in lnorm) */
	return tail_pl_logpdf_continuous(f->par[0], f->lnorm, x);
}

double
tail_pl_ccdf(const cc_tail_fit *f, double x)
{
	if (f->kind == CC_TAIL_CONTINUOUS)
		return exp((1.0 - f->par[0]) * tail_lnratio(x, f->xmin));
	return exp(cc_lnhzeta(f->par[0], ceil(x)) - f->lnorm);
}
