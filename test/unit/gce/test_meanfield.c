/*
 * Unit tests of the mean-field model (paper 001, App. A): the drift against App. A's
 * formulas written out here on their own, the fixed point, the contraction modulus, the two
 * trajectories (the ODE against its closed form where F is affine) and bad input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <gsl/gsl_rng.h>

#include "collcog/gce.h"

#define MAXD 5

/* A random model: mu in [0, mu_max], d in 1..MAXD; mu[a][b][k] kept as the test's own array. */
typedef struct rnd_model
{
	cc_mf_model m;
	double		flat[4 * MAXD];
	double		mu[2][2][MAXD];	/* [target R=0/B=1][source R=0/B=1][k] */
} rnd_model;

static void
random_model(gsl_rng *g, rnd_model *x, double mu_max)
{
	int			d = 1 + (int) gsl_rng_uniform_int(g, MAXD);

	x->m.p = gsl_rng_uniform(g);
	x->m.q = (1.0 - x->m.p) * gsl_rng_uniform(g);
	x->m.r = gsl_rng_uniform(g);
	x->m.delta = 0.1 + 3.0 * gsl_rng_uniform(g);
	x->m.xi = 0.1 + 3.0 * gsl_rng_uniform(g);
	x->m.dim = d;
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 2; b++)
			for (int k = 0; k < d; k++)
			{
				x->mu[a][b][k] = mu_max * gsl_rng_uniform(g);
				x->flat[(a * 2 + b) * d + k] = x->mu[a][b][k];
			}
	x->m.mu = x->flat;
}

/*
 * App. A, "Mean-field attachment probabilities and drift approximation", term by term:
 *   pibar_tgt,R(theta_in)  = (1' theta_in + nu r delta) / (d + nu delta)
 *   pibar_src,R(theta_out) = (1' theta_out + nu r xi) / (d + nu xi)
 *   F_in  = p pibar_tgt,R [r mu_RR + (1-r) mu_RB]
 *         + q r [pibar_src,R mu_RR + pibar_src,B mu_RB]
 *         + (1-p-q) pibar_tgt,R [pibar_src,R mu_RR + pibar_src,B mu_RB]
 *   F_out = p r [pibar_tgt,R mu_RR + pibar_tgt,B mu_BR]
 *         + q pibar_src,R [r mu_RR + (1-r) mu_BR]
 *         + (1-p-q) pibar_src,R [pibar_tgt,R mu_RR + pibar_tgt,B mu_BR]
 */
static void
paper_F(const rnd_model *x, const double *theta_in, const double *theta_out, double *F_in,
		double *F_out)
{
	double		p = x->m.p, q = x->m.q, r = x->m.r, delta = x->m.delta, xi = x->m.xi;
	int			d = x->m.dim;
	double		nu = p + q;
	double		one_theta_in = 0, one_theta_out = 0;

	for (int j = 0; j < d; j++)
	{
		one_theta_in += theta_in[j];
		one_theta_out += theta_out[j];
	}
	double		pibar_tgt_R = (one_theta_in + nu * r * delta) / (d + nu * delta);
	double		pibar_src_R = (one_theta_out + nu * r * xi) / (d + nu * xi);
	double		pibar_tgt_B = 1 - pibar_tgt_R;
	double		pibar_src_B = 1 - pibar_src_R;

	for (int l = 0; l < d; l++)
	{
		double		mu_RR = x->mu[0][0][l], mu_RB = x->mu[0][1][l], mu_BR = x->mu[1][0][l];

		F_in[l] = p * pibar_tgt_R * (r * mu_RR + (1 - r) * mu_RB)
			+ q * r * (pibar_src_R * mu_RR + pibar_src_B * mu_RB)
			+ (1 - p - q) * pibar_tgt_R * (pibar_src_R * mu_RR + pibar_src_B * mu_RB);
		F_out[l] = p * r * (pibar_tgt_R * mu_RR + pibar_tgt_B * mu_BR)
			+ q * pibar_src_R * (r * mu_RR + (1 - r) * mu_BR)
			+ (1 - p - q) * pibar_src_R * (pibar_tgt_R * mu_RR + pibar_tgt_B * mu_BR);
	}
}

static void
drift_is_app_a(void **state)
{
	gsl_rng    *g = gsl_rng_alloc(gsl_rng_mt19937);
	cc_error	err;

	(void) state;
	gsl_rng_set(g, 15);
	for (int rep = 0; rep < 2000; rep++)
	{
		rnd_model	x;
		double		theta[2 * MAXD] = {0}, f[2 * MAXD], Fin[MAXD], Fout[MAXD];

		random_model(g, &x, 2.0);
		assert_int_equal(cc_mf_check(&x.m, &err), CC_OK);
		for (int i = 0; i < 2 * x.m.dim; i++)
			theta[i] = gsl_rng_uniform(g);
		assert_int_equal(cc_mf_check_theta(&x.m, theta, "theta", &err), CC_OK);
		cc_mf_drift(&x.m, theta, f);
		paper_F(&x, theta, theta + x.m.dim, Fin, Fout);
		for (int l = 0; l < x.m.dim; l++)
		{
			assert_true(fabs(f[l] - Fin[l]) <= 1e-14 * (1 + fabs(Fin[l])));
			assert_true(fabs(f[x.m.dim + l] - Fout[l]) <= 1e-14 * (1 + fabs(Fout[l])));
		}
	}
	gsl_rng_free(g);
}

/* rho of App. A, and the bound it claims: |F(x) - F(y)| <= rho |x - y| at random pairs. */
static void
rho_is_app_a_and_bounds_the_drift(void **state)
{
	gsl_rng    *g = gsl_rng_alloc(gsl_rng_mt19937);

	(void) state;
	gsl_rng_set(g, 7);
	for (int rep = 0; rep < 2000; rep++)
	{
		rnd_model	x;
		double		a[2 * MAXD], b[2 * MAXD], fa[2 * MAXD], fb[2 * MAXD];
		double		mubar = 0, nu, want, dx = 0, df = 0;
		int			d;

		random_model(g, &x, 1.0);
		d = x.m.dim;
		nu = x.m.p + x.m.q;
		for (int i = 0; i < 4 * d; i++)
			mubar = fmax(mubar, x.flat[i]);
		want = d * mubar * sqrt(2 * (1 / pow(d + nu * x.m.delta, 2) + 1 / pow(d + nu * x.m.xi, 2)));
		assert_true(fabs(cc_mf_rho(&x.m) - want) <= 1e-14 * want);
		for (int i = 0; i < 2 * d; i++)
		{
			a[i] = gsl_rng_uniform(g);
			b[i] = gsl_rng_uniform(g);
			dx += (a[i] - b[i]) * (a[i] - b[i]);
		}
		cc_mf_drift(&x.m, a, fa);
		cc_mf_drift(&x.m, b, fb);
		for (int i = 0; i < 2 * d; i++)
			df += (fa[i] - fb[i]) * (fa[i] - fb[i]);
		assert_true(sqrt(df) <= want * sqrt(dx) * (1 + 1e-12));
	}
	gsl_rng_free(g);
}

static void
fixed_point_is_fixed(void **state)
{
	gsl_rng    *g = gsl_rng_alloc(gsl_rng_mt19937);
	cc_error	err;
	int			contracting = 0;

	(void) state;
	gsl_rng_set(g, 3);
	for (int rep = 0; rep < 500; rep++)
	{
		rnd_model	x;
		cc_mf_fixed_point fp;
		double		theta[2 * MAXD], f[2 * MAXD], ref[2 * MAXD], next[2 * MAXD], dist = 0, res = 0;
		int			n;

		random_model(g, &x, 1.0);
		n = 2 * x.m.dim;
		assert_int_equal(cc_mf_fixed_point_solve(&x.m, NULL, 1e-12, 100000, theta, &fp, &err), CC_OK);
		cc_mf_drift(&x.m, theta, f);
		for (int i = 0; i < n; i++)
			res += (f[i] - theta[i]) * (f[i] - theta[i]);
		assert_true(sqrt(res) <= 1e-11);
		assert_true(fabs(sqrt(res) - fp.residual) <= 1e-15);
		assert_true(fp.iterations >= 1);
		assert_int_equal(fp.contraction, fp.rho < 1);
		/* a reference by many more plain iterations from another start */
		for (int i = 0; i < n; i++)
			ref[i] = 1.0 - x.m.r;
		for (int it = 0; it < 20000; it++)
		{
			cc_mf_drift(&x.m, ref, next);
			memcpy(ref, next, sizeof(double) * n);
		}
		for (int i = 0; i < n; i++)
			dist += (ref[i] - theta[i]) * (ref[i] - theta[i]);
		if (fp.contraction)
		{
			contracting++;
			assert_true(isfinite(fp.error_bound));
			assert_true(sqrt(dist) <= fp.error_bound + 1e-15);
		}
		else
			assert_true(isnan(fp.error_bound));
	}
	/* mu in [0, 1] at d up to 5 gives both cases */
	assert_true(contracting > 50 && contracting < 450);
	gsl_rng_free(g);
}

/* Table 4's defaults with mu = 1: rho = 1.6 >= 1, the iteration settles, no contraction is
 * claimed; with mu = 50 it does not settle and fails. */
static void
no_contraction_claimed_from_observation(void **state)
{
	double		ones[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, big[12];
	cc_mf_model m = {0.25, 0.25, 0.5, 1.5, 1.5, 3, ones};
	cc_mf_fixed_point fp;
	double		theta[6], start[6] = {0.9, 0.9, 0.9, 0.1, 0.1, 0.1};
	cc_error	err;

	(void) state;
	assert_int_equal(cc_mf_fixed_point_solve(&m, start, 1e-12, 10000, theta, &fp, &err), CC_OK);
	assert_true(fp.rho > 1.59 && fp.rho < 1.61);
	assert_int_equal(fp.contraction, 0);
	assert_true(isnan(fp.error_bound));
	assert_true(fp.step_ratio < 1);
	/* with every mu = 1 the equilibrium is r in every coordinate */
	for (int i = 0; i < 6; i++)
		assert_true(fabs(theta[i] - 0.5) < 1e-10);

	for (int i = 0; i < 12; i++)
		big[i] = 50.0;
	m.mu = big;
	m.r = 0.3;
	assert_int_equal(cc_mf_fixed_point_solve(&m, NULL, 1e-12, 200, theta, &fp, &err), CC_ENOCONV);
	assert_non_null(strstr(err.message, "did not settle"));
	assert_non_null(strstr(err.detail, "not known to be a contraction"));

	/* rho < 1 but too few iterations allowed: also an error, saying to raise the limit */
	for (int i = 0; i < 12; i++)
		big[i] = 0.5;
	assert_int_equal(cc_mf_fixed_point_solve(&m, NULL, 1e-15, 2, theta, &fp, &err), CC_ENOCONV);
	assert_non_null(strstr(err.detail, "raise max_iterations"));
}

/*
 * Trajectories. With every mu = 1 and d = 1, F is affine: F_in = (1-q) pi_tgt + q r and
 * F_out = p r + (1-p) pi_src, so the ODE has the closed form
 * theta(tau) = r + (theta0 - r) exp(-lambda tau), lambda_in = 1 - (1-q)/(1 + nu delta),
 * lambda_out = 1 - (1-p)/(1 + nu xi); the recursion is checked step by step.
 */
static void
trajectories(void **state)
{
	double		ones[4] = {1, 1, 1, 1};
	cc_mf_model m = {0.3, 0.2, 0.35, 1.5, 0.7, 1, ones};
	double		theta0[2] = {0.9, 0.05};
	double		tau[201], sa[402], ode[402];
	double		nu = 0.5, lin = 1 - 0.8 / (1 + nu * 1.5), lout = 1 - 0.7 / (1 + nu * 0.7);
	double		cur[2], f[2], h = 0;
	cc_error	err;

	(void) state;
	assert_int_equal(cc_mf_trajectory(&m, theta0, 200, tau, sa, ode, &err), CC_OK);
	memcpy(cur, theta0, sizeof(cur));
	for (int t = 0; t <= 200; t++)
	{
		double		want_in = 0.35 + (0.9 - 0.35) * exp(-lin * h),
					want_out = 0.35 + (0.05 - 0.35) * exp(-lout * h);

		assert_true(fabs(tau[t] - h) < 1e-12);
		assert_true(fabs(ode[2 * t] - want_in) < 1e-8);
		assert_true(fabs(ode[2 * t + 1] - want_out) < 1e-8);
		assert_true(fabs(sa[2 * t] - cur[0]) < 1e-15 && fabs(sa[2 * t + 1] - cur[1]) < 1e-15);
		cc_mf_drift(&m, cur, f);
		for (int i = 0; i < 2; i++)
			cur[i] += (f[i] - cur[i]) / (t + 1);
		h += 1.0 / (t + 1);
	}
	/* the two are different things: they differ early, both near r late (tau_200 = 5.9) */
	assert_true(fabs(sa[2] - ode[2]) > 1e-3);
	assert_true(fabs(sa[400] - 0.35) < 0.05 && fabs(ode[400] - 0.35) < 0.05);
	assert_int_equal(cc_mf_trajectory(&m, theta0, CC_GCE_MAX_STEPS + 1, tau, NULL, NULL, &err), CC_ELIMIT);
	assert_int_equal(cc_mf_trajectory(&m, theta0, -1, tau, NULL, NULL, &err), CC_EINVAL);
}

static void
bad_input(void **state)
{
	double		mu[8] = {1, 1, 1, 1, 1, 1, 1, 1};
	cc_mf_model good = {0.25, 0.25, 0.5, 1.5, 1.5, 2, mu}, m;
	double		theta[4] = {0.5, 0.5, 0.5, 0.5};
	cc_error	err;

	(void) state;
	assert_int_equal(cc_mf_check(&good, &err), CC_OK);
	m = good; m.p = -0.1;
	assert_int_equal(cc_mf_check(&m, &err), CC_EINVAL);
	assert_non_null(strstr(err.message, "p = -0.1"));
	m = good; m.q = NAN;
	assert_int_equal(cc_mf_check(&m, &err), CC_EINVAL);
	assert_non_null(strstr(err.message, "q = NaN"));
	m = good; m.r = 1.5;
	assert_int_equal(cc_mf_check(&m, &err), CC_EINVAL);
	m = good; m.p = 0.7; m.q = 0.4;
	assert_int_equal(cc_mf_check(&m, &err), CC_EINVAL);
	assert_non_null(strstr(err.message, "p + q = 1.1"));
	m = good; m.delta = 0;
	assert_int_equal(cc_mf_check(&m, &err), CC_EINVAL);
	assert_non_null(strstr(err.message, "delta = 0"));
	m = good; m.xi = -1;
	assert_int_equal(cc_mf_check(&m, &err), CC_EINVAL);
	m = good; m.dim = CC_GCE_MAX_DIM + 1;
	assert_int_equal(cc_mf_check(&m, &err), CC_EINVAL);
	mu[5] = -2;
	assert_int_equal(cc_mf_check(&good, &err), CC_EINVAL);
	assert_non_null(strstr(err.message, "mu_BR[2] = -2"));
	mu[5] = INFINITY;
	assert_int_equal(cc_mf_check(&good, &err), CC_EINVAL);
	mu[5] = 1;
	theta[3] = NAN;
	assert_int_equal(cc_mf_check_theta(&good, theta, "theta", &err), CC_EINVAL);
	assert_non_null(strstr(err.message, "theta[4] = NaN"));
	theta[3] = 1.01;
	assert_int_equal(cc_mf_check_theta(&good, theta, "theta", &err), CC_EINVAL);
	theta[3] = 0.5;
	assert_int_equal(cc_mf_fixed_point_solve(&good, NULL, 0, 10, theta, &(cc_mf_fixed_point) {0}, &err), CC_EINVAL);
	assert_int_equal(cc_mf_fixed_point_solve(&good, NULL, 1e-12, 0, theta, &(cc_mf_fixed_point) {0}, &err), CC_EINVAL);
}

static void
influence_limits(void **state)
{
	double		theta[4] = {0.6, 0.2, 0.3, 0.3}, ir, ib;

	(void) state;
	cc_mf_influence(2, theta, &ir, &ib);
	assert_true(fabs(ir - 0.6 / 0.8) < 1e-15);
	assert_true(fabs(ib - 1.4 / 1.2) < 1e-15);
	theta[0] = theta[1] = 0;
	cc_mf_influence(2, theta, &ir, &ib);
	assert_true(isnan(ir));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(drift_is_app_a),
		cmocka_unit_test(rho_is_app_a_and_bounds_the_drift),
		cmocka_unit_test(fixed_point_is_fixed),
		cmocka_unit_test(no_contraction_claimed_from_observation),
		cmocka_unit_test(trajectories),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(influence_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
