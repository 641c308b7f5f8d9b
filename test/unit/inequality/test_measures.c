/*
 * Unit tests of the inequality measures against brute force on the raw values: the Gini
 * coefficient as the mean absolute difference over all pairs, sum |x_i - x_j| / (2 N^2
 * mean) (a formula other than the rank sum the core uses), top shares and the Lorenz curve
 * from the values sorted one by one.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "collcog/inequality.h"

/* A compacted histogram of n raw values. */
static void
hist_of(cc_value_hist *h, const double *x, size_t n)
{
	cc_error	err;

	cc_ineq_hist_init(h);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(cc_ineq_hist_add(h, x[i], 1, &err), CC_OK);
	assert_int_equal(cc_value_hist_compact(h, &err), CC_OK);
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

static double
brute_gini(const double *x, size_t n)
{
	double		d = 0,
				s = 0;

	for (size_t i = 0; i < n; i++)
	{
		s += x[i];
		for (size_t j = 0; j < n; j++)
			d += fabs(x[i] - x[j]);
	}
	return s == 0 ? 0 : d / (2.0 * n * s);
}

/* Sum of the k largest / sum, from a sorted copy. */
static double
brute_top(const double *x, size_t n, size_t k)
{
	double	   *y = malloc(n * sizeof(double)),
				top = 0,
				s = 0;

	memcpy(y, x, n * sizeof(double));
	qsort(y, n, sizeof(double), cmp_double);
	for (size_t i = 0; i < n; i++)
	{
		s += y[i];
		if (i >= n - k)
			top += y[i];
	}
	free(y);
	return top / s;
}

/* Lorenz curve at p: linear interpolation of the cumulative sums of the sorted values. */
static double
brute_lorenz(const double *x, size_t n, double p)
{
	double	   *y = malloc(n * sizeof(double)),
				s = 0,
				cum = 0,
				t = p * n,
				r;
	size_t		i;

	memcpy(y, x, n * sizeof(double));
	qsort(y, n, sizeof(double), cmp_double);
	for (i = 0; i < n; i++)
		s += y[i];
	for (i = 0; i + 1 <= t && i < n; i++)
		cum += y[i];
	r = (cum + (i < n ? (t - i) * y[i] : 0)) / s;
	free(y);
	return r;
}

/* Seeded data with ties and zeros: x = floor(u^-1.5) - 1 for a fixed LCG u. */
static double *
skewed(size_t n, uint64_t seed)
{
	double	   *x = malloc(n * sizeof(double));

	for (size_t i = 0; i < n; i++)
	{
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		x[i] = floor(pow(((seed >> 11) + 1) * 0x1.0p-53, -1.5)) - 1;
	}
	return x;
}

static void
gini_matches_pairwise_differences(void **state)
{
	double	   *x = skewed(2000, 7),
				g,
				gu;
	cc_value_hist h;
	cc_error	err;

	(void) state;
	hist_of(&h, x, 2000);
	assert_true(h.x[0] == 0.0);		/* the data hold zeros */
	assert_int_equal(cc_ineq_gini(&h, false, &g, &err), CC_OK);
	assert_true(fabs(g - brute_gini(x, 2000)) < 1e-12);
	assert_int_equal(cc_ineq_gini(&h, true, &gu, &err), CC_OK);
	assert_true(fabs(gu - g * 2000.0 / 1999.0) < 1e-15);
	cc_value_hist_free(&h);
	free(x);
}

static void
gini_of_small_cases(void **state)
{
	double		one[] = {5},
				equal[] = {3, 3, 3, 3},
				zeros[] = {0, 0, 0},
				one_has_all[] = {0, 0, 0, 12},
				g;
	cc_value_hist h;
	cc_error	err;

	(void) state;
	hist_of(&h, one, 1);
	assert_int_equal(cc_ineq_gini(&h, false, &g, &err), CC_OK);
	assert_true(g == 0.0);
	assert_int_equal(cc_ineq_gini(&h, true, &g, &err), CC_OK);
	assert_true(isnan(g));		/* n / (n - 1) needs two values */
	cc_value_hist_free(&h);
	hist_of(&h, equal, 4);
	assert_int_equal(cc_ineq_gini(&h, false, &g, &err), CC_OK);
	assert_true(g == 0.0);
	cc_value_hist_free(&h);
	hist_of(&h, zeros, 3);
	assert_int_equal(cc_ineq_gini(&h, false, &g, &err), CC_OK);
	assert_true(g == 0.0);
	assert_int_equal(cc_ineq_top_share(&h, 0.5, &g, &err), CC_OK);
	assert_true(isnan(g));
	assert_int_equal(cc_ineq_effective(&h, &g, &err), CC_OK);
	assert_true(isnan(g));
	cc_value_hist_free(&h);
	/* one of N holds everything: G = 1 - 1/N, unbiased 1 */
	hist_of(&h, one_has_all, 4);
	assert_int_equal(cc_ineq_gini(&h, false, &g, &err), CC_OK);
	assert_true(fabs(g - 0.75) < 1e-15);
	assert_int_equal(cc_ineq_gini(&h, true, &g, &err), CC_OK);
	assert_true(fabs(g - 1.0) < 1e-15);
	assert_int_equal(cc_ineq_effective(&h, &g, &err), CC_OK);
	assert_true(g == 1.0);
	cc_value_hist_free(&h);
	/* empty: no value */
	cc_ineq_hist_init(&h);
	assert_int_equal(cc_ineq_gini(&h, false, &g, &err), CC_OK);
	assert_true(isnan(g));
	assert_int_equal(cc_ineq_top_k_share(&h, 1, &g, &err), CC_OK);
	assert_true(isnan(g));
}

static void
top_shares_match_sorted_values(void **state)
{
	double	   *x = skewed(1000, 11),
				v;
	double		fractions[] = {0.001, 0.01, 0.1, 0.25, 0.5, 0.999, 1.0};
	cc_value_hist h;
	cc_error	err;

	(void) state;
	hist_of(&h, x, 1000);
	for (size_t k = 1; k <= 1000; k += 37)
	{
		assert_int_equal(cc_ineq_top_k_share(&h, (int64_t) k, &v, &err), CC_OK);
		assert_true(fabs(v - brute_top(x, 1000, k)) < 1e-13);
	}
	assert_int_equal(cc_ineq_top_k_share(&h, 5000, &v, &err), CC_OK);
	assert_true(v == 1.0);
	for (size_t i = 0; i < sizeof(fractions) / sizeof(fractions[0]); i++)
	{
		size_t		k = (size_t) ceil(fractions[i] * 1000 - 1e-9);

		assert_int_equal(cc_ineq_top_share(&h, fractions[i], &v, &err), CC_OK);
		assert_true(fabs(v - brute_top(x, 1000, k)) < 1e-13);
	}
	cc_value_hist_free(&h);
	free(x);
}

static void
top_k_reads_decimal_fractions(void **state)
{
	(void) state;
	/* 0.1 x 30 is 3.0000000000000004 in binary */
	assert_int_equal(cc_ineq_top_k(0.1, 30), 3);
	assert_int_equal(cc_ineq_top_k(0.1, 31), 4);
	assert_int_equal(cc_ineq_top_k(0.1, 10), 1);
	assert_int_equal(cc_ineq_top_k(0.1, 9), 1);
	assert_int_equal(cc_ineq_top_k(0.1, 11), 2);
	assert_int_equal(cc_ineq_top_k(0.3, 10), 3);
	assert_int_equal(cc_ineq_top_k(0.7, 10), 7);
	assert_int_equal(cc_ineq_top_k(1e-300, 5), 1);
	assert_int_equal(cc_ineq_top_k(1.0, 7), 7);
	for (uint64_t n = 1; n <= 1000; n++)
		for (int pct = 1; pct <= 100; pct++)
			assert_int_equal(cc_ineq_top_k(pct / 100.0, n), (int64_t) ((pct * n + 99) / 100));
}

static void
effective_agents_is_sum_squared_over_squares(void **state)
{
	double		x[] = {1, 2, 3, 0, 4},
				v;
	cc_value_hist h;
	cc_error	err;

	(void) state;
	hist_of(&h, x, 5);
	assert_int_equal(cc_ineq_effective(&h, &v, &err), CC_OK);
	assert_true(fabs(v - 100.0 / 30.0) < 1e-14);
	cc_value_hist_free(&h);
}

static void
lorenz_matches_interpolated_cumulative_sums(void **state)
{
	double	   *x = skewed(777, 3),
				share[40];
	cc_value_hist h;
	cc_error	err;

	(void) state;
	hist_of(&h, x, 777);
	assert_int_equal(cc_ineq_lorenz(&h, 40, share, &err), CC_OK);
	for (int j = 1; j <= 40; j++)
		assert_true(fabs(share[j - 1] - brute_lorenz(x, 777, j / 40.0)) < 1e-13);
	assert_true(share[39] == 1.0);
	for (int j = 1; j < 40; j++)
		assert_true(share[j] >= share[j - 1]);
	cc_value_hist_free(&h);
	free(x);
}

/* Found by fuzz_ineq_deserialize: almost all of the weight on one value among ~7e18 agents
 * put the rank sum an ulp above n * sum (Gini 1.0000000000000002). */
static void
gini_stays_in_the_unit_interval(void **state)
{
	static const double x[] = {6.9658874148763e-312, 4.1829104304303728e-310,
	131073.04736328265, 2.4184419350396171e+24};
	static const uint64_t count[] = {512, UINT64_C(6917530127152710400), 1157628160, 1};
	cc_value_hist h;
	cc_error	err;
	double		g;

	(void) state;
	cc_ineq_hist_init(&h);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(cc_ineq_hist_add(&h, x[i], count[i], &err), CC_OK);
	assert_int_equal(cc_value_hist_compact(&h, &err), CC_OK);
	assert_int_equal(cc_ineq_gini(&h, false, &g, &err), CC_OK);
	assert_true(g <= 1.0 && g > 1.0 - 1e-12);
	assert_int_equal(cc_ineq_gini(&h, true, &g, &err), CC_OK);
	assert_true(g <= 1.0 && g > 1.0 - 1e-12);
	cc_value_hist_free(&h);
}

static void
scale_does_not_overflow(void **state)
{
	double		big[] = {1e308, 1e308, 0, 5e307},
				small[] = {1, 1, 0, 0.5},
				tiny[] = {4.9e-324, 1e-320, 0},
				a,
				b;
	cc_value_hist hb,
				hs,
				ht;
	cc_error	err;

	(void) state;
	hist_of(&hb, big, 4);
	hist_of(&hs, small, 4);
	assert_int_equal(cc_ineq_gini(&hb, false, &a, &err), CC_OK);
	assert_int_equal(cc_ineq_gini(&hs, false, &b, &err), CC_OK);
	assert_true(isfinite(a) && fabs(a - b) < 1e-15);
	assert_int_equal(cc_ineq_effective(&hb, &a, &err), CC_OK);
	assert_int_equal(cc_ineq_effective(&hs, &b, &err), CC_OK);
	assert_true(isfinite(a) && fabs(a - b) < 1e-14);
	hist_of(&ht, tiny, 3);
	assert_int_equal(cc_ineq_effective(&ht, &a, &err), CC_OK);
	assert_true(isfinite(a) && a > 1.0 && a < 2.0);
	cc_value_hist_free(&hb);
	cc_value_hist_free(&hs);
	cc_value_hist_free(&ht);
}

static void
bad_arguments_name_themselves(void **state)
{
	double		x[] = {1, 2},
				v,
				share[1];
	cc_value_hist h;
	cc_error	err;

	(void) state;
	hist_of(&h, x, 2);
	assert_int_equal(cc_ineq_top_share(&h, 0.0, &v, &err), CC_EINVAL);
	assert_string_equal(err.message, "fraction 0 is not in (0, 1]");
	assert_int_equal(cc_ineq_top_share(&h, 1.5, &v, &err), CC_EINVAL);
	assert_string_equal(err.message, "fraction 1.5 is not in (0, 1]");
	assert_int_equal(cc_ineq_top_share(&h, NAN, &v, &err), CC_EINVAL);
	assert_string_equal(err.message, "fraction NaN is not in (0, 1]");
	assert_int_equal(cc_ineq_top_k_share(&h, 0, &v, &err), CC_EINVAL);
	assert_string_equal(err.message, "k 0 is not positive");
	assert_int_equal(cc_ineq_lorenz(&h, 0, share, &err), CC_EINVAL);
	assert_string_equal(err.message, "points 0 is not between 1 and 1000000");
	assert_int_equal(cc_ineq_check_value(-1, &err), CC_EINVAL);
	assert_string_equal(err.message, "value -1 is negative");
	assert_int_equal(cc_ineq_check_value(NAN, &err), CC_EINVAL);
	assert_string_equal(err.message, "value NaN is not finite");
	assert_int_equal(cc_ineq_check_value(-INFINITY, &err), CC_EINVAL);
	assert_string_equal(err.message, "value -Infinity is not finite");
	/* an uncompacted histogram is refused */
	assert_int_equal(cc_ineq_hist_add(&h, 0.5, 1, &err), CC_OK);
	assert_int_equal(cc_ineq_gini(&h, false, &v, &err), CC_EINVAL);
	cc_value_hist_free(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gini_matches_pairwise_differences),
		cmocka_unit_test(gini_of_small_cases),
		cmocka_unit_test(top_shares_match_sorted_values),
		cmocka_unit_test(top_k_reads_decimal_fractions),
		cmocka_unit_test(effective_agents_is_sum_squared_over_squares),
		cmocka_unit_test(lorenz_matches_interpolated_cumulative_sums),
		cmocka_unit_test(gini_stays_in_the_unit_interval),
		cmocka_unit_test(scale_does_not_overflow),
		cmocka_unit_test(bad_arguments_name_themselves),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
