/*
 * Unit tests of the trajectory diagnostics (paper 001, App. B.4): Hosking's Q against a
 * plain computation written here (loops and Gauss-Jordan inversion, no GSL), MaxACF against
 * the closed-form 2 x 2 matrix square root, the p-values uniform on white noise (KS test
 * over seeds) and small on AR(1) series, and bad input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "collcog/gce.h"

#define MAXK 6

/* Inverse of an n x n matrix by Gauss-Jordan with partial pivoting. */
static void
naive_inverse(int n, const double *a, double *inv)
{
	double		m[MAXK][2 * MAXK] = {{0}};

	for (int i = 0; i < n; i++)
		for (int j = 0; j < 2 * n; j++)
			m[i][j] = j < n ? a[i * n + j] : (j - n == i);
	for (int c = 0; c < n; c++)
	{
		int			piv = c;

		for (int i = c + 1; i < n; i++)
			if (fabs(m[i][c]) > fabs(m[piv][c]))
				piv = i;
		for (int j = 0; j < 2 * n; j++)
		{
			double		t = m[c][j];

			m[c][j] = m[piv][j];
			m[piv][j] = t;
		}
		for (int j = 2 * n - 1; j >= c; j--)
			m[c][j] /= m[c][c];
		for (int i = 0; i < n; i++)
			if (i != c)
				for (int j = 2 * n - 1; j >= c; j--)
					m[i][j] -= m[i][c] * m[c][j];
	}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			inv[i * n + j] = m[i][n + j];
}

/* C_l[i][j] = (1/T) sum_(t=l..T-1) (x_t,i - xbar_i)(x_(t-l),j - xbar_j) */
static void
naive_cov(const double *x, int T, int K, int l, double *c)
{
	double		xbar[MAXK] = {0};

	for (int t = 0; t < T; t++)
		for (int i = 0; i < K; i++)
			xbar[i] += x[t * K + i] / T;
	for (int i = 0; i < K; i++)
		for (int j = 0; j < K; j++)
		{
			double		s = 0;

			for (int t = l; t < T; t++)
				s += (x[t * K + i] - xbar[i]) * (x[(t - l) * K + j] - xbar[j]);
			c[i * K + j] = s / T;
		}
}

/* Q = T^2 sum_(l=1..m) (T-l)^-1 tr(C_l' C_0^-1 C_l C_0^-1), every product by loops. */
static double
naive_hosking(const double *x, int T, int K, int m)
{
	double		c0[MAXK * MAXK], c0i[MAXK * MAXK], cl[MAXK * MAXK], q = 0;

	naive_cov(x, T, K, 0, c0);
	naive_inverse(K, c0, c0i);
	for (int l = 1; l <= m; l++)
	{
		double		a[MAXK * MAXK] = {0}, b[MAXK * MAXK] = {0}, tr = 0;

		naive_cov(x, T, K, l, cl);
		for (int i = 0; i < K; i++)		/* a = C_l' C_0^-1, b = C_l C_0^-1 */
			for (int j = 0; j < K; j++)
				for (int k = 0; k < K; k++)
				{
					a[i * K + j] += cl[k * K + i] * c0i[k * K + j];
					b[i * K + j] += cl[i * K + k] * c0i[k * K + j];
				}
		for (int i = 0; i < K; i++)
			for (int k = 0; k < K; k++)
				tr += a[i * K + k] * b[k * K + i];
		q += tr / (T - l);
	}
	return (double) T * T * q;
}

static void
hosking_matches_plain_computation(void **state)
{
	gsl_rng    *g = gsl_rng_alloc(gsl_rng_mt19937);
	cc_error	err;

	(void) state;
	gsl_rng_set(g, 11);
	for (int rep = 0; rep < 200; rep++)
	{
		int			K = 1 + (int) gsl_rng_uniform_int(g, MAXK),
					m = 1 + (int) gsl_rng_uniform_int(g, 10),
					T = K + m + 2 + (int) gsl_rng_uniform_int(g, 60);
		double	   *x = malloc(sizeof(double) * T * K), q, want;

		/* correlated columns and some serial dependence */
		for (int t = 0; t < T; t++)
			for (int i = 0; i < K; i++)
				x[t * K + i] = gsl_ran_gaussian(g, 1.0) + (i ? 0.5 * x[t * K + i - 1] : 0)
					+ (t ? 0.3 * x[(t - 1) * K + i] : 0) + 5.0;
		assert_int_equal(cc_gce_hosking_q(x, T, K, m, &q, &err), CC_OK);
		want = naive_hosking(x, T, K, m);
		assert_true(fabs(q - want) <= 1e-9 * (1 + fabs(want)));
		free(x);
	}
	gsl_rng_free(g);
}

/* Largest singular value of a 2 x 2 matrix: sqrt of the larger eigenvalue of M'M. */
static double
spectral_norm2(const double *m)
{
	double		a = m[0] * m[0] + m[2] * m[2], b = m[0] * m[1] + m[2] * m[3],
				d = m[1] * m[1] + m[3] * m[3];

	return sqrt((a + d) / 2 + sqrt((a - d) * (a - d) / 4 + b * b));
}

/* MSE, bias and MaxACF (App. B.4) for K = 2: G(0)^-1/2 by the closed-form square root of a
 * 2 x 2 SPD matrix, sqrt(A) = (A + sqrt(det A) I) / sqrt(tr A + 2 sqrt(det A)). */
static void
fit_statistics_match_app_b4(void **state)
{
	gsl_rng    *g = gsl_rng_alloc(gsl_rng_mt19937);
	int			T = 80, K = 2;
	double		emp[160], pred[160], e[160], ebar[2] = {0}, mse = 0, best = 0;
	cc_gce_fit	fit;
	cc_error	err;

	(void) state;
	gsl_rng_set(g, 5);
	for (int t = 0; t < T; t++)
		for (int i = 0; i < K; i++)
		{
			emp[t * K + i] = gsl_rng_uniform(g);
			pred[t * K + i] = 0.4 + 0.2 * sin(t / 7.0 + i) + (i ? 0.3 * pred[t * K] : 0);
			e[t * K + i] = pred[t * K + i] - emp[t * K + i];
			mse += e[t * K + i] * e[t * K + i] / (K * T);
			ebar[i] += e[t * K + i] / T;
		}
	assert_int_equal(cc_gce_trajectory_fit(emp, pred, T, K, 10, 0, 1, &fit, &err), CC_OK);
	assert_true(fabs(fit.mse - mse) < 1e-14);
	assert_true(fabs(fit.bias - hypot(ebar[0], ebar[1])) < 1e-14);
	{
		double		G0[4] = {0}, S[4], W[4], sd, st, det;

		for (int t = 0; t < T; t++)
			for (int i = 0; i < 2; i++)
				for (int j = 0; j < 2; j++)
					G0[i * 2 + j] += (e[t * 2 + i] - ebar[i]) * (e[t * 2 + j] - ebar[j]) / T;
		sd = sqrt(G0[0] * G0[3] - G0[1] * G0[2]);
		st = sqrt(G0[0] + G0[3] + 2 * sd);
		S[0] = (G0[0] + sd) / st; S[1] = G0[1] / st; S[2] = G0[2] / st; S[3] = (G0[3] + sd) / st;
		det = S[0] * S[3] - S[1] * S[2];
		W[0] = S[3] / det; W[1] = -S[1] / det; W[2] = -S[2] / det; W[3] = S[0] / det;
		for (int h = 1; h <= 10; h++)
		{
			double		Gh[4] = {0}, A[4], R[4];

			for (int t = h; t < T; t++)
				for (int i = 0; i < 2; i++)
					for (int j = 0; j < 2; j++)
						Gh[i * 2 + j] += (e[t * 2 + i] - ebar[i]) * (e[(t - h) * 2 + j] - ebar[j]) / (T - h);
			for (int i = 0; i < 2; i++)
				for (int j = 0; j < 2; j++)
					A[i * 2 + j] = W[i * 2] * Gh[j] + W[i * 2 + 1] * Gh[2 + j];
			for (int i = 0; i < 2; i++)
				for (int j = 0; j < 2; j++)
					R[i * 2 + j] = A[i * 2] * W[j] + A[i * 2 + 1] * W[2 + j];
			best = fmax(best, spectral_norm2(R));
		}
	}
	assert_true(fabs(fit.max_acf - best) < 1e-12);
	assert_true(fit.max_acf_lag >= 1 && fit.max_acf_lag <= 10);
	assert_int_equal(fit.df, 40);
	assert_true(isnan(fit.p_mc));
	gsl_rng_free(g);
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a, y = *(const double *) b;

	return (x > y) - (x < y);
}

/* Kolmogorov-Smirnov distance of p-values from the uniform law. */
static double
ks_uniform(double *p, int n)
{
	double		d = 0;

	qsort(p, n, sizeof(double), cmp_double);
	for (int i = 0; i < n; i++)
		d = fmax(d, fmax((i + 1.0) / n - p[i], p[i] - (double) i / n));
	return d;
}

/* White noise: the chi-squared p-value is close to uniform where its approximation holds
 * (K = 2, T = 300), the permutation p-value also at K = 6, T = 100. 1.63 / sqrt(n) is the
 * KS critical value at the 1% level; the permutation p-value lives on a grid of 1/(B+1). */
static void
white_noise_p_values_are_uniform(void **state)
{
	enum {NSEEDS = 200, B = 99};
	gsl_rng    *g = gsl_rng_alloc(gsl_rng_mt19937);
	double		pc[NSEEDS], pm[NSEEDS], zero[600] = {0}, x[600];
	cc_gce_fit	fit;
	cc_error	err;

	(void) state;
	gsl_rng_set(g, 2026);
	for (int s = 0; s < NSEEDS; s++)
	{
		for (int i = 0; i < 600; i++)
			x[i] = gsl_ran_gaussian(g, 1.0);
		assert_int_equal(cc_gce_trajectory_fit(x, zero, 300, 2, 10, 0, 1, &fit, &err), CC_OK);
		pc[s] = fit.p_chisq;
		assert_int_equal(cc_gce_trajectory_fit(x, zero, 100, 6, 10, B, (uint64_t) s, &fit, &err), CC_OK);
		pm[s] = fit.p_mc;
		assert_true(pm[s] >= 1.0 / (B + 1) && pm[s] <= 1.0);
	}
	assert_true(ks_uniform(pc, NSEEDS) < 1.63 / sqrt(NSEEDS));
	assert_true(ks_uniform(pm, NSEEDS) < 1.63 / sqrt(NSEEDS) + 1.0 / (B + 1));
	gsl_rng_free(g);
}

/* AR(1) residuals e_t = 0.5 e_(t-1) + z_t are rejected by both p-values; the same seed gives
 * the same permutation p-value. */
static void
ar1_is_rejected(void **state)
{
	gsl_rng    *g = gsl_rng_alloc(gsl_rng_mt19937);
	double		x[400], zero[400] = {0}, p1;
	cc_gce_fit	fit;
	cc_error	err;

	(void) state;
	gsl_rng_set(g, 9);
	for (int t = 0; t < 200; t++)
		for (int i = 0; i < 2; i++)
			x[t * 2 + i] = gsl_ran_gaussian(g, 1.0) + (t ? 0.5 * x[(t - 1) * 2 + i] : 0);
	assert_int_equal(cc_gce_trajectory_fit(x, zero, 200, 2, 10, 199, 42, &fit, &err), CC_OK);
	assert_true(fit.p_chisq < 1e-6);
	assert_true(fabs(fit.p_mc - 1.0 / 200) < 1e-15);
	assert_true(fit.max_acf > 0.3);
	p1 = fit.p_mc;
	assert_int_equal(cc_gce_trajectory_fit(x, zero, 200, 2, 10, 199, 42, &fit, &err), CC_OK);
	assert_true(fit.p_mc == p1);
	gsl_rng_free(g);
}

static void
bad_input(void **state)
{
	double		x[40], zero[40] = {0}, q;
	cc_gce_fit	fit;
	cc_error	err;

	(void) state;
	for (int i = 0; i < 40; i++)
		x[i] = sin(i * 1.3);
	/* column 2 constant: C_0 singular */
	for (int t = 0; t < 20; t++)
		x[t * 2 + 1] = 0.25;
	assert_int_equal(cc_gce_trajectory_fit(x, zero, 20, 2, 5, 0, 1, &fit, &err), CC_ETOOFEW);
	assert_non_null(strstr(err.message, "singular"));
	assert_int_equal(cc_gce_hosking_q(x, 20, 2, 5, &q, &err), CC_ETOOFEW);
	assert_int_equal(cc_gce_hosking_q(x, 10, 2, 10, &q, &err), CC_ETOOFEW);
	assert_int_equal(cc_gce_hosking_q(x, 20, 2, 0, &q, &err), CC_EINVAL);
	x[7] = NAN;
	assert_int_equal(cc_gce_trajectory_fit(x, zero, 20, 2, 5, 0, 1, &fit, &err), CC_EINVAL);
	assert_non_null(strstr(err.message, "empirical[4][2] = NaN"));
	x[7] = 0;
	assert_int_equal(cc_gce_trajectory_fit(x, zero, 20, 2, 5, -1, 1, &fit, &err), CC_EINVAL);
	assert_int_equal(cc_gce_trajectory_fit(x, zero, 20, 2, 5, CC_GCE_MAX_REPLICATES + 1, 1, &fit, &err), CC_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hosking_matches_plain_computation),
		cmocka_unit_test(fit_statistics_match_app_b4),
		cmocka_unit_test(white_noise_p_values_are_uniform),
		cmocka_unit_test(ar1_is_rejected),
		cmocka_unit_test(bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
