/* Unit tests of the special functions of src/core/stats against GSL, brute force and mpmath. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_zeta.h>

#include "collcog/stats.h"

static void
special_functions_match_brute_force(void **state)
{
	double		s_[] = {1.3, 2.2, 3.5};
	double		lam_[] = {1e-4, 0.01, 0.3, 0.7, 3.0};
	size_t		i,
				j;

	(void) state;
	/* ln zeta against GSL's gsl_sf_hzeta */
	for (i = 0; i < 3; i++)
		for (j = 1; j < 200; j += 17)
			assert_true(fabs(cc_lnhzeta(s_[i], j) - log(gsl_sf_hzeta(s_[i], j))) < 1e-13);
	/* discrete TPL normaliser against a long double direct sum to convergence */
	for (i = 0; i < 3; i++)
		for (j = 0; j < 5; j++)
		{
			long double acc = 0;
			long		k;

			for (k = 3; k < 100000000; k++)
			{
				long double t = expl(-s_[i] * logl((long double) k) - lam_[j] * k);

				acc += t;
				if (t < 1e-22L * acc)
					break;
			}
			assert_true(fabs(cc_lnzsum(s_[i], lam_[j], 3.0) - (double) logl(acc)) < 1e-12);
		}
	/* incomplete gamma, positive and negative a, both branches */
	assert_true(fabs(cc_lgamma_inc(2.5, 0.3) - log(gsl_sf_gamma_inc(2.5, 0.3))) < 1e-13);
	assert_true(fabs(cc_lgamma_inc(2.5, 30.0) - log(gsl_sf_gamma_inc(2.5, 30.0))) < 1e-12);
	assert_true(fabs(cc_lgamma_inc(-1.2, 0.01) - log(gsl_sf_gamma_inc(-1.2, 0.01))) < 1e-12);
	assert_true(fabs(cc_lgamma_inc(-1.2, 5.0) - log(gsl_sf_gamma_inc(-1.2, 5.0))) < 1e-12);
	/* far tail where Gamma underflows; mpmath 1.3.0 (dps 40): log(gammainc(-1.2, 2000)) */
	assert_true(fabs(cc_lgamma_inc(-1.2, 2000.0) - (-2016.7230842581905)) < 1e-12 * 2016.7);
	/* negative a and small y, where GSL's gamma_inc loses digits; mpmath 1.3.0 (dps 30):
	 * gammainc(-0.3, 0.001) = 22.162101925758592415, gammainc(-2.7, 0.001) =
	 * 46552901.729597014555 */
	assert_true(fabs(cc_lgamma_inc(-0.3, 0.001) - log(22.162101925758592415)) < 1e-13);
	assert_true(fabs(cc_lgamma_inc(-2.7, 0.001) - log(46552901.729597014555)) < 1e-13);
	/* normal differences: symmetric, and the narrow-interval branch agrees with erfc */
	assert_true(fabs(cc_lnPhispan(-1.0, 3.0) - log(0.5 * erfc(-2.0 / M_SQRT2) - 0.5 * erfc(1.0 / M_SQRT2))) < 1e-14);
	assert_true(fabs(cc_lnPhispan(1.0, 0.009) - log(0.5 * erfc(1.0 / M_SQRT2) - 0.5 * erfc(1.009 / M_SQRT2))) < 1e-11);
	assert_true(fabs(cc_lnPhispan(30.0, 1.0) - cc_lnQ(30.0)) < 1e-10);
	assert_true(fabs(cc_lnPhispan(-31.0, 1.0) - cc_lnQ(30.0)) < 1e-10);
}

/*
 * The incomplete gamma where Gamma(a, y) itself overflows a double: a above 171.6 with
 * y < a + 1, and negative a with small y (0.1.0 returned NaN there, so a continuous TPL with
 * alpha 250 could be neither sampled nor normalised), and next to the edges of each branch.
 * Expected: mpmath 1.3.0 at 40 digits, log(gammainc(a, y)), printed to 20 digits.
 */
static void
incomplete_gamma_does_not_overflow(void **state)
{
	const double cases[][3] = {
		{200, 0.5, 857.93366982585743682},
		{172, 0.5, 711.71472580229000695},
		{300, 250, 1409.2009044006772731},
		{300, 301, 1408.4456538990015635},
		{500, 0.001, 2605.1158503617338927},
		{-200, 0.01, 915.72566958108925979},
		{-50.5, 1e-8, 926.322404223111122},
		{-30, 1e-12, 825.52943609619325639},
		{-1000.5, 1e-300, 691114.00740700878827},
		{-0.5, 1e-300, 346.08091112966679791},
		{-1e-10, 1e-300, 6.5369789998985446871},
		{-150, 0.5, 98.458091778581485306},
		{-171, 0.9, 11.969704631995969103},
		{-400, 0.999, -6.5927650282177512342},
		{-3, 0.5, 0.27910232661929750269},
		{0, 0.5, -0.58022287204478746405},
		{-1, 0.001, 6.9003972353212327626},
		{-2.5, 0.999999, -2.3376216004379775423},
		{2.5, 0.3, 0.27261357141352039591},
	};
	size_t		i;

	(void) state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		double		got = cc_lgamma_inc(cases[i][0], cases[i][1]);

		if (!(fabs(got - cases[i][2]) <= 1e-14 * fmax(1.0, fabs(cases[i][2]))))
			fail_msg("ln Gamma(%g, %g) = %.17g, mpmath %.17g", cases[i][0], cases[i][1],
					 got, cases[i][2]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(special_functions_match_brute_force),
		cmocka_unit_test(incomplete_gamma_does_not_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
