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
	assert_true(fabs(cc_lnPhidiff(-1.0, 2.0) - log(0.5 * erfc(-2.0 / M_SQRT2) - 0.5 * erfc(1.0 / M_SQRT2))) < 1e-14);
	assert_true(fabs(cc_lnPhidiff(1.0, 1.009) - log(0.5 * erfc(1.0 / M_SQRT2) - 0.5 * erfc(1.009 / M_SQRT2))) < 1e-11);
	assert_true(fabs(cc_lnPhidiff(30.0, 31.0) - cc_lnQ(30.0)) < 1e-10);
	assert_true(fabs(cc_lnPhidiff(-31.0, -30.0) - cc_lnQ(30.0)) < 1e-10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(special_functions_match_brute_force),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
