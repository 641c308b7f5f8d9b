/*
 * collcog core: glass ceilings between agent types (paper 001; DESIGN section 7).
 *
 * Each part of the topic has its own section below, headed by a comment.
 */
#ifndef COLLCOG_GCE_H
#define COLLCOG_GCE_H

#include <stdint.h>

#include "collcog/common.h"

/* ---------------------------------------------------------------------------------------
 * Type-level communication (paper 001, Sec. 3.1 and 4.2): prominence.c, pair_weights.c.
 *
 * Types are dense indices 0 .. ntypes - 1 (the glue maps names); weights are vectors of
 * dimension dim, nonnegative and finite (the messages table's check).
 * ------------------------------------------------------------------------------------- */

/*
 * Cumulative communication of every type of one run (Eq. 1): D_in(a), D_out(a), each a
 * vector of dim. Messages are added in round order; the measures of Eq. 4, 5, 9 and 10 are
 * read at any time.
 */
typedef struct cc_gce_types
{
	int			ntypes;
	int			dim;
	double	   *din;			/* din[a * dim + k] */
	double	   *dout;
} cc_gce_types;

cc_status	cc_gce_types_init(cc_gce_types *s, int ntypes, int dim, cc_error *err);
void		cc_gce_types_free(cc_gce_types *s);
/* All masses back to zero (a new run of the same shape). */
void		cc_gce_types_reset(cc_gce_types *s);
/* Add the weight w (dim values) of a message from a source of type src to a target of tgt. */
void		cc_gce_types_add(cc_gce_types *s, int src, int tgt, const double *w);

/*
 * The measures of type a: theta_in, theta_out (Eq. 4, dim values each: a's share of all
 * incoming and outgoing mass per dimension, NaN where no type has mass), the influence ratio
 * I(a) = |D_out(a)|_1 / |D_in(a)|_1 (Eq. 10) and the same of all other types pooled,
 * I(rest) (with two types, the other type: I(R) / I(B) is Eq. 9). A ratio is +Inf when
 * only its numerator is positive and NaN when both are 0.
 */
typedef struct cc_gce_type_measures
{
	double		influence;
	double		influence_rest;
} cc_gce_type_measures;

void		cc_gce_types_measures(const cc_gce_types *s, int a, double *theta_in,
								  double *theta_out, cc_gce_type_measures *m);

/* num / den as the influence ratios define it: +Inf for num > 0 = den, NaN for 0 / 0. */
double		cc_gce_ratio(double num, double den);

/*
 * Mean type-pair weights mu_ab (a = target type, b = source type) from messages grouped by
 * macro step (a run's round t). Three estimates per pair and dimension:
 *
 *  mean_weight  the mean over the pair's messages of the weight normalised within its step
 *               (divided by the step's total in that dimension, Sec. 2.2 step 3): the
 *               expected normalised contribution of one message;
 *  mu           the type-pair utility up to a factor per dimension, from contrasts within
 *               steps: ln w = ln mu_ab + (a term common to the step) + noise, fitted by
 *               least squares with one effect per step (a step's normalisation, whatever
 *               it is, is such a common term, so it cancels); scaled so that the messages'
 *               mean mu is 1 in every dimension. Only messages with w_k > 0 enter
 *               dimension k. Undefined (NaN) for every pair of a dimension in which the
 *               pairs seen are not all linked through steps holding messages of two pairs.
 *  mu_step      mu_ab in the scale of the mean-field drift (App. A counts each connection
 *               of a macro step as carrying mu_ab, the step's unit mass with every mu = 1):
 *               the mean over the pair's messages of the step-normalised weight times the
 *               number of messages of its step. Over all messages it averages exactly 1 in
 *               each dimension with a positive step total; a pair's value is its share
 *               relative to the others, as the steps realised it.
 *
 * The simulator draws raw weights mu_ab * noise and divides them by the step's total, so
 * mu recovers its utilities up to a factor, and mean_weight does not (it mixes in the other
 * pairs of each step; a step of one pair says nothing of mu).
 */
typedef struct cc_gce_pairs cc_gce_pairs;

cc_status	cc_gce_pairs_create(int ntypes, int dim, cc_gce_pairs **out, cc_error *err);
void		cc_gce_pairs_free(cc_gce_pairs *s);
/* One step: n messages, pair[i] = tgt * ntypes + src, weights w[i * dim + k]. */
cc_status	cc_gce_pairs_add_step(cc_gce_pairs *s, int32_t n, const int32_t *pair,
								  const double *w, cc_error *err);
/* Solve for mu (after the last step). */
cc_status	cc_gce_pairs_finish(cc_gce_pairs *s, cc_error *err);

typedef struct cc_gce_pair_result
{
	int64_t		n_messages;
	int64_t		n_steps;		/* steps holding a message of the pair */
	const double *mean_weight;	/* dim values, or NULL without messages */
	const double *mu_step;		/* dim values, or NULL likewise */
	const double *mu;			/* dim values (NaN where undefined), or NULL likewise */
} cc_gce_pair_result;

void		cc_gce_pairs_result(const cc_gce_pairs *s, int32_t pair, cc_gce_pair_result *out);

/* ---------------------------------------------------------------------------------------
 * The mean-field model and the trajectory diagnostics (paper 001, Sec. 3.2, App. A, App. B.4;
 * src/core/gce/meanfield.c, trajectory.c, portmanteau.c).
 *
 * Two agent types, R (index 0) and B (index 1). The state is the prominence vector of type R,
 * Theta = (theta_in, theta_out) in [0, 1]^(2d) (Eq. 5): theta[0 .. d-1] incoming,
 * theta[d .. 2d-1] outgoing. mu[(a * 2 + b) * d + k] is the mean weight in dimension k from
 * a source of type b to a target of type a (the order (R,R), (R,B), (B,R), (B,B) of
 * simulate_network), finite and >= 0 (App. A's bound 0 <= mu <= mu_bar).
 *
 * The drift is App. A's F = (F_in, F_out) with the mean-field attachment probabilities
 *   pi_tgt,R = (1'theta_in + nu r delta) / (d + nu delta),
 *   pi_src,R = (1'theta_out + nu r xi) / (d + nu xi),   nu = p + q,
 * pi_.,B = 1 - pi_.,R, and
 *   F_in  = p pi_tgt,R [r mu_RR + (1-r) mu_RB] + q r [pi_src,R mu_RR + pi_src,B mu_RB]
 *           + (1-p-q) pi_tgt,R [pi_src,R mu_RR + pi_src,B mu_RB],
 *   F_out = p r [pi_tgt,R mu_RR + pi_tgt,B mu_BR] + q pi_src,R [r mu_RR + (1-r) mu_BR]
 *           + (1-p-q) pi_src,R [pi_tgt,R mu_RR + pi_tgt,B mu_BR].
 * App. A's a-priori contraction modulus (Euclidean norm, over [0, 1]^(2d)) is
 *   rho = d mu_bar sqrt(2 [(d + nu delta)^-2 + (d + nu xi)^-2]),  mu_bar = max mu.
 * ------------------------------------------------------------------------------------- */
typedef struct cc_mf_model
{
	double		p, q, r;		/* [0, 1], p + q <= 1 */
	double		delta, xi;		/* > 0, finite */
	int32_t		dim;			/* d, 1 .. CC_GCE_MAX_DIM */
	const double *mu;			/* 4 d values, see above */
} cc_mf_model;

/* Check the model; CC_EINVAL naming the parameter and its value (CC_ELIMIT for d). */
cc_status	cc_mf_check(const cc_mf_model *m, cc_error *err);

/* Check a state of 2d values in [0, 1] (name: the argument, in messages). */
cc_status	cc_mf_check_theta(const cc_mf_model *m, const double *theta, const char *name,
							  cc_error *err);

/* f = F(theta), 2d values (the model and theta checked). */
void		cc_mf_drift(const cc_mf_model *m, const double *theta, double *f);

/* App. A's rho. */
double		cc_mf_rho(const cc_mf_model *m);

/* The limits of the influence ratios (Eq. 10) at theta: I(R) = |theta_out|_1 / |theta_in|_1,
 * I(B) = |1 - theta_out|_1 / |1 - theta_in|_1 (NaN where the denominator is 0). */
void		cc_mf_influence(int32_t dim, const double *theta, double *i_r, double *i_b);

typedef struct cc_mf_fixed_point
{
	double		rho;			/* App. A's a-priori modulus */
	int			contraction;	/* rho < 1: F is proved a contraction */
	int64_t		iterations;		/* applications of F */
	double		step;			/* |Theta_n - Theta_(n-1)|_2 at the end */
	double		step_ratio;		/* observed: geometric mean of successive step ratios, NaN
								 * with fewer than two nonzero steps */
	double		error_bound;	/* rho / (1 - rho) * step when rho < 1, else NaN */
	double		residual;		/* |F(Theta) - Theta|_2 at the returned Theta */
} cc_mf_fixed_point;

/*
 * Iterate Theta_(n+1) = F(Theta_n) from theta0 (NULL: r in every coordinate) until a step is
 * at most tol, at most max_iter times; theta gets the last iterate (2d values). Fails with
 * CC_ENOCONV when it does not settle (the detail gives rho and the last step) and CC_EINVAL
 * on bad arguments.
 */
cc_status	cc_mf_fixed_point_solve(const cc_mf_model *m, const double *theta0, double tol,
									int64_t max_iter, double *theta, cc_mf_fixed_point *fp,
									cc_error *err);

/*
 * Two predicted trajectories from theta0, steps + 1 rows of 2d values each (row t at
 * [t * 2d]):
 *   sa:  the stochastic-approximation recursion with the noise left out,
 *        Theta^(t+1) = Theta^t + (F(Theta^t) - Theta^t) / (t + 1);
 *   ode: the mean-field ODE dTheta/dtau = F(Theta) - Theta from Theta(0) = theta0 (GSL
 *        odeiv2, Runge-Kutta Prince-Dormand 8(9), tolerance 1e-10), sampled at
 *        tau_t = sum_(s<t) 1 / (s + 1), the ODE time the recursion's steps add up to;
 * tau gets the steps + 1 values tau_t. Either of sa, ode may be NULL. CC_ELIMIT past
 * CC_GCE_MAX_STEPS; CC_ENOCONV if the integrator fails.
 */
cc_status	cc_mf_trajectory(const cc_mf_model *m, const double *theta0, int64_t steps,
							 double *tau, double *sa, double *ode, cc_error *err);

/*
 * Trajectory diagnostics of App. B.4 on residuals e_t = predicted_t - empirical_t, t = 1..T,
 * K series each (row-major, T rows of K values), lags m:
 *   mse = sum_t |e_t|^2 / (K T);  bias = |mean_t e_t|_2;
 *   max_acf = max over h = 1..m of the spectral norm of
 *             R(h) = G(0)^-1/2 G(h) G(0)^-1/2,  G(h) = (1/(T-h)) sum_(t>h) (e_t - e)(e_(t-h) - e)'
 *             (G(0)^-1/2 the symmetric inverse square root), at lag max_acf_lag;
 *   q = Hosking's multivariate portmanteau statistic
 *       Q = T^2 sum_(l=1..m) (T-l)^-1 tr(C_l' C_0^-1 C_l C_0^-1),
 *       C_l = (1/T) sum_(t>l) (e_t - e)(e_(t-l) - e)', e the global mean;
 *   p_chisq = P(chi^2 with K^2 m degrees of freedom > Q);
 *   p_mc (replicates > 0): the Monte Carlo permutation p-value (1 + #{Q_b >= Q}) / (B + 1)
 *       over B random orderings of the residual rows (seeded cc_rng), exact for exchangeable
 *       residuals whatever T and K; NaN when replicates = 0.
 * Needs T > m, T > K and a positive definite C_0 (CC_ETOOFEW otherwise).
 */
typedef struct cc_gce_fit
{
	double		mse;
	double		bias;
	double		max_acf;
	int32_t		max_acf_lag;
	double		q;
	int64_t		df;
	double		p_chisq;
	double		p_mc;
} cc_gce_fit;

cc_status	cc_gce_trajectory_fit(const double *empirical, const double *predicted,
								  int64_t T, int32_t K, int32_t lags, int64_t replicates,
								  uint64_t seed, cc_gce_fit *out, cc_error *err);

/* Hosking's Q of a series x (T rows of K values) with lags m, as above. */
cc_status	cc_gce_hosking_q(const double *x, int64_t T, int32_t K, int32_t lags, double *q,
							 cc_error *err);

#endif							/* COLLCOG_GCE_H */
