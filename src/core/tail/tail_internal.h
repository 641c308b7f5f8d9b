/*
 * collcog tail: internals shared by the src/core/tail_*.c files (not a public API).
 */
#ifndef COLLCOG_TAIL_IMPL_H
#define COLLCOG_TAIL_IMPL_H

#include <gsl/gsl_math.h>

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

/* --- special functions (tail_special.c) --- */

/*
 * Sums over k >= 0 of g(q + k) f(q + k), f(x) = x^-s e^(-lam x), g in {1, ln x, ln^2 x},
 * each divided by f(q); *lnf0 = ln f(q). nder = 0 gives only out[0]; nder = 2 (lam = 0
 * only) gives all three. Euler-Maclaurin after a direct head. Returns 0, or -1 when the
 * sum diverges or does not converge.
 */
int			tail_zsum(double s, double lam, double q, int nder, double *lnf0, double out[3]);
/* ln of the Hurwitz zeta sum_{k>=0} (q+k)^-s, s > 1, q > 0 (NaN on failure). */
double		tail_lnhzeta(double s, double q);
/* ln of sum_{k>=0} (q+k)^-s e^(-lam (q+k)) (NaN on failure). */
double		tail_lnzsum(double s, double lam, double q);
/* ln Gamma(a, y), upper incomplete gamma, any real a, y > 0 (NaN on failure). */
double		tail_lgamma_inc(double a, double y);
/* ln Q(z), Q the standard normal upper tail. */
double		tail_lnQ(double z);
/* ln(Phi(b) - Phi(a)) for a < b, accurate in the tails and for b - a small. */
double		tail_lnPhidiff(double a, double b);
/* ln(1 - e^-d) for d > 0. */
double		tail_log1mexp(double d);

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

cc_status	tail_ln_fit(const tail_view *v, cc_tail_fit *f, cc_error *err);
double		tail_ln_logpdf(const cc_tail_fit *f, double x);
double		tail_ln_ccdf(const cc_tail_fit *f, double x);

cc_status	tail_exp_fit(const tail_view *v, cc_tail_fit *f, cc_error *err);
double		tail_exp_logpdf(const cc_tail_fit *f, double x);
double		tail_exp_ccdf(const cc_tail_fit *f, double x);

cc_status	tail_se_fit(const tail_view *v, cc_tail_fit *f, cc_error *err);
double		tail_se_logpdf(const cc_tail_fit *f, double x);
double		tail_se_ccdf(const cc_tail_fit *f, double x);

/* The power-law limit of LN and SE (tail_limit.c): on [xmin, inf) continuous, or the
 * masses of [x - 1/2, x + 1/2] normalised from xmin - 1/2 for discrete data. */
int			tail_limit_fit(const tail_view *v, double *alpha, double *loglik);
double		tail_limit_logpdf(cc_tail_kind kind, double a, double xmin, double x);
double		tail_limit_ccdf(cc_tail_kind kind, double a, double xmin, double x);
/* Replace an LN or SE fit by its power-law limit when the limit is more likely. */
void		tail_limit_apply(const tail_view *v, cc_tail_fit *f);

/* Log-likelihood of a fit over a view (sum c logpdf). */
double		tail_loglik(const cc_tail_fit *f, const tail_view *v);
/* KS distance between the view's empirical CDF and the fit (exact at integers if discrete). */
double		tail_ks(const cc_tail_fit *f, const tail_view *v);

/* --- numerical optimisation (tail_opt.c) --- */

/* Objective: negative log-likelihood at theta (unconstrained), +INFINITY if invalid. */
typedef double (*tail_obj_fn) (const double *theta, void *ctx);

/*
 * Minimise f over R^dim (dim 1 or 2) from theta (updated in place), initial step sizes
 * step[]. Nelder-Mead with restarts, then Newton polish on finite differences.
 * Returns 0 on convergence, -1 otherwise; *fmin gets f at the optimum.
 */
int			tail_minimize(tail_obj_fn f, void *ctx, int dim, double *theta, const double *step,
						  double *fmin);

/*
 * Standard errors from the observed information: the numerical Hessian of f (a negative
 * log-likelihood in the natural parameters) at theta, inverted. se[i] = NaN when not
 * positive definite.
 */
void		tail_hessian_se(tail_obj_fn f, void *ctx, int dim, const double *theta, double *se);

#endif							/* COLLCOG_TAIL_IMPL_H */
