/*
 * collcog stats: numerical building blocks that more than one topic may need, on top of GSL
 * (whose special functions, distributions and minimisers are used wherever they suffice).
 *
 * Special functions in log space (stats/special.c): Hurwitz-zeta-like sums with their
 * derivatives in s (Euler-Maclaurin after a direct head), the upper incomplete gamma for any
 * real a, and normal probabilities of intervals accurate in the tails. Minimisation of smooth
 * objectives in one or two unconstrained parameters, and standard errors from an observed
 * information matrix (stats/minimize.c).
 */
#ifndef COLLCOG_STATS_H
#define COLLCOG_STATS_H

/*
 * Sums over k >= 0 of g(q + k) f(q + k), f(x) = x^-s e^(-lam x), g in {1, ln x, ln^2 x},
 * each divided by f(q); *lnf0 = ln f(q). nder = 0 gives only out[0]; nder = 2 (lam = 0
 * only) gives all three. Returns 0, or -1 when the sum diverges or does not converge.
 */
int			cc_zsum(double s, double lam, double q, int nder, double *lnf0, double out[3]);
/* ln of the Hurwitz zeta sum_{k>=0} (q+k)^-s, s > 1, q > 0 (NaN on failure). */
double		cc_lnhzeta(double s, double q);
/* ln of sum_{k>=0} (q+k)^-s e^(-lam (q+k)) (NaN on failure). */
double		cc_lnzsum(double s, double lam, double q);
/* ln Gamma(a, y), upper incomplete gamma, any real a, y > 0 (NaN on failure). */
double		cc_lgamma_inc(double a, double y);
/* ln Q(z), Q the standard normal upper tail. */
double		cc_lnQ(double z);
/* ln(Phi(a + h) - Phi(a)) for h > 0, accurate in the tails and for h small (given as such,
 * not as a difference of two ends). */
double		cc_lnPhispan(double a, double h);
/* ln(1 - e^-d) for d > 0. */
double		cc_log1mexp(double d);

/* An objective to minimise (a negative log-likelihood): +INFINITY where theta is invalid. */
typedef double (*cc_objective_fn) (const double *theta, void *ctx);

/*
 * Minimise f over R^dim (dim 1 or 2) from theta (updated in place), initial step sizes
 * step[]: damped Newton on finite differences, then Nelder-Mead with restarts and a Newton
 * polish. Returns 0 on convergence, -1 otherwise; *fmin gets f at the optimum.
 */
int			cc_minimize(cc_objective_fn f, void *ctx, int dim, double *theta, const double *step,
						double *fmin);

/*
 * Standard errors from the observed information H (the Hessian of a negative log-likelihood
 * in the natural parameters, dim 1 or 2): the square roots of the diagonal of H^-1, NaN
 * where H is not positive definite.
 */
void		cc_se_from_hessian(int dim, const double H[2][2], double *se);

#endif							/* COLLCOG_STATS_H */
