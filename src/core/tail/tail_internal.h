/*
 * Internals shared by the files of src/core/tail/ (not a public API).
 */
#ifndef COLLCOG_TAIL_IMPL_H
#define COLLCOG_TAIL_IMPL_H

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

cc_status	tail_ln_fit(const tail_view *v, cc_tail_fit *f, cc_error *err);
double		tail_ln_logpdf(const cc_tail_fit *f, double x);
double		tail_ln_ccdf(const cc_tail_fit *f, double x);

cc_status	tail_exp_fit(const tail_view *v, cc_tail_fit *f, cc_error *err);
double		tail_exp_logpdf(const cc_tail_fit *f, double x);
double		tail_exp_ccdf(const cc_tail_fit *f, double x);

cc_status	tail_se_fit(const tail_view *v, cc_tail_fit *f, cc_error *err);
double		tail_se_logpdf(const cc_tail_fit *f, double x);
double		tail_se_ccdf(const cc_tail_fit *f, double x);

/* The power-law limit of LN and SE (limit.c): on [xmin, inf) continuous, or the
 * masses of [x - 1/2, x + 1/2] normalised from xmin - 1/2 for discrete data. */
double		tail_limit_logpdf(cc_tail_kind kind, double a, double xmin, double x);
double		tail_limit_ccdf(cc_tail_kind kind, double a, double xmin, double x);
/* Replace an LN or SE fit by its power-law limit when the limit is more likely. */
void		tail_limit_apply(const tail_view *v, cc_tail_fit *f);


#endif							/* COLLCOG_TAIL_IMPL_H */
