/*
 * Exponential tail: closed-form MLE. Continuous p(x) = lambda e^(-lambda (x - xmin));
 * discrete: the geometric law p(x) = (1 - e^-lambda) e^(-lambda (x - xmin)), exact.
 */
#include <math.h>

#include "tail_internal.h"

cc_status
tail_exp_fit(const tail_view *v, cc_tail_fit *f, cc_error *err)
{
	double		mu = v->s_x / v->n - v->xmin,
				lam;

	if (!(mu > 0.0))
		return cc_fail(err, CC_ETOOFEW, "exponential fit at xmin %g: all tail values equal xmin",
					   v->xmin);
	if (v->kind == CC_TAIL_CONTINUOUS)
	{
		lam = 1.0 / mu;
		f->se[0] = lam / sqrt(v->n);
		f->lnorm = -log(lam);
		f->loglik = v->n * log(lam) - v->n;
	}
	else
	{
		double		q = mu / (1.0 + mu);

		lam = log1p(1.0 / mu);
		f->se[0] = (1.0 - q) / sqrt(v->n * q);
		f->lnorm = -cc_log1mexp(lam);
		f->loglik = -v->n * f->lnorm - lam * v->n * mu;
	}
	f->par[0] = lam;
	return CC_OK;
}

double
tail_exp_logpdf(const cc_tail_fit *f, double x)
{
	return -f->lnorm - f->par[0] * (x - f->xmin);
}

double
tail_exp_ccdf(const cc_tail_fit *f, double x)
{
	return exp(-f->par[0] * (x - f->xmin));
}
