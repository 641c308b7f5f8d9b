/*
 * Internals shared by the files of src/core/tail/ (not a public API).
 */
#ifndef COLLCOG_TAIL_IMPL_H
#define COLLCOG_TAIL_IMPL_H

#include <math.h>

#include <gsl/gsl_math.h>

#include "collcog/stats.h"
#include "collcog/tail.h"

/* The tail x >= xmin of a compacted sample, with the sums most likelihoods need. */
typedef struct tail_view
{
	cc_tail_kind kind;
	double		xmin;
	const double *x;			/* distinct tail values, ascending (x[0] >= xmin) */
	const uint64_t *c;			/* their counts */
	size_t		d;				/* number of distinct tail values */
	double		n;				/* observations in the tail */
	double		s_lnx;			/* sum c ln x */
	double		s_ln2x;			/* sum c (ln x)^2 */
	double		s_x;			/* sum c x */
} tail_view;

/* Index of the first distinct value >= xmin (n if none). */
size_t		tail_lower_bound(const cc_tail_sample *s, double xmin);
/* Fill v with the tail of s from xmin; checks the sample and xmin. */
cc_status	tail_view_init(tail_view *v, const cc_tail_sample *s, double xmin, cc_error *err);
/* Number of tail observations as uint64. */
uint64_t	tail_view_count(const tail_view *v);

/* --- per-model internals: fit on a view, log pdf, ccdf P(X >= x | X >= xmin) --- */
cc_status	tail_pl_fit(const tail_view *v, cc_tail_fit *f, cc_error *err);
double		tail_pl_logpdf(const cc_tail_fit *f, double x);
double		tail_pl_ccdf(const cc_tail_fit *f, double x);
/* Discrete PL alpha at xmin from n and sum c ln x; fills alpha, its SE, ln zeta(alpha, xmin). */
int			tail_pl_discrete_alpha(double xmin, double n, double s_lnx, double *alpha,
								   double *se, double *lnz);

cc_status	tail_tpl_fit(const tail_view *v, cc_tail_fit *f, cc_error *err);
double		tail_tpl_logpdf(const cc_tail_fit *f, double x);
double		tail_tpl_ccdf(const cc_tail_fit *f, double x);
double		tail_tpl_lnorm(cc_tail_kind kind, double alpha, double lambda, double xmin);
/* The Hessian of the TPL's negative log-likelihood over n tail observations, n Cov(ln X, X)
 * under the law (alpha, lambda > 0) from xmin; -1 if it cannot be computed. */
int			tail_tpl_hessian(cc_tail_kind kind, double alpha, double lambda, double xmin,
							 double n, double H[2][2]);

cc_status	tail_ln_fit(const tail_view *v, cc_tail_fit *f, cc_error *err);
double		tail_ln_logpdf(const cc_tail_fit *f, double x);
double		tail_ln_ccdf(const cc_tail_fit *f, double x);
/* The closed-form Hessian of the continuous LN's negative log-likelihood at (mu, sigma). */
int			tail_ln_hessian(const tail_view *v, double mu, double sigma, double H[2][2]);

cc_status	tail_exp_fit(const tail_view *v, cc_tail_fit *f, cc_error *err);
double		tail_exp_logpdf(const cc_tail_fit *f, double x);
double		tail_exp_ccdf(const cc_tail_fit *f, double x);

cc_status	tail_se_fit(const tail_view *v, cc_tail_fit *f, cc_error *err);
double		tail_se_logpdf(const cc_tail_fit *f, double x);
double		tail_se_ccdf(const cc_tail_fit *f, double x);
/* The closed-form Hessian of the continuous SE's negative log-likelihood at (lambda, beta). */
int			tail_se_hessian(const tail_view *v, double lambda, double beta, double H[2][2]);

/*
 * Logarithms of ratios without cancellation. Discrete LN and SE give x the mass of the bin
 * [x - 1/2, x + 1/2]; for x of 1e9 its two ends agree in 9 of the 16 digits of their
 * logarithms, so ln(x + 1/2) - ln(x - 1/2) kept 7 (and none at 1e16).
 */
/* ln((x + 1/2) / (x - 1/2)), the bin's width on the log scale (x >= 1). */
static inline double
tail_bin_lnwidth(double x)
{
	return 2.0 * atanh(0.5 / x);
}

/* ln(x - 1/2), the bin's lower end (x >= 1). */
static inline double
tail_bin_lnlow(double x)
{
	return log(x) + log1p(-0.5 / x);
}

/* ln(x / y) for x >= y > 0 (x - y is exact for integers and for x <= 2y). */
static inline double
tail_lnratio(double x, double y)
{
	return log1p((x - y) / y);
}

/* ln((x - 1/2) / (xmin - 1/2)), from the discrete tail's lower edge to bin x's lower end. */
static inline double
tail_bin_lnratio(double x, double xmin)
{
	return log1p((x - xmin) / (xmin - 0.5));
}

/*
 * Two log-likelihoods closer than TAIL_LOGLIK_RTOL max(1, |l|) are the same: a fit whose
 * interior optimum does not beat its power-law limit (LN, SE) or the power law (TPL) by more
 * sits at that boundary. Rounding differs between builds (x87 long double, 64-bit under
 * valgrind) in the 13th digit of a sum of a million terms; a gain of 1e-9 of the
 * log-likelihood means nothing statistically. So the boundary flags do not depend on the
 * build.
 */
#define TAIL_LOGLIK_RTOL 1e-9

/* Whether l1 is above l2 by more than the tolerance. */
static inline int
tail_loglik_above(double l1, double l2)
{
	return l1 - l2 > TAIL_LOGLIK_RTOL * fmax(1.0, fmax(fabs(l1), fabs(l2)));
}

/* ln p(x) of the continuous power law with exponent a and log normaliser lnorm (that of
 * tail_pl_lnorm_continuous): the one expression of the PL, the TPL at lambda = 0 and the
 * LN/SE limit, so that a comparison of two of them sees no rounding. */
static inline double
tail_pl_logpdf_continuous(double a, double lnorm, double x)
{
	return -a * log(x) - lnorm;
}

/* ln of the integral of x^-a from xmin, a > 1. */
static inline double
tail_pl_lnorm_continuous(double a, double xmin)
{
	return (1.0 - a) * log(xmin) - log(a - 1.0);
}

/* The power-law limit of LN and SE (limit.c): on [xmin, inf) continuous, or the
 * masses of [x - 1/2, x + 1/2] normalised from xmin - 1/2 for discrete data. Both read
 * f->alpha_limit and f->lnorm (the limit's, set by tail_limit_apply). */
double		tail_limit_logpdf(const cc_tail_fit *f, double x);
double		tail_limit_ccdf(const cc_tail_fit *f, double x);
/* Replace an LN or SE fit by its power-law limit when the limit is at least as likely
 * (TAIL_LOGLIK_RTOL). */
void		tail_limit_apply(const tail_view *v, cc_tail_fit *f);


#endif							/* COLLCOG_TAIL_IMPL_H */
