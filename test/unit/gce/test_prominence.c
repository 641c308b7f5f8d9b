/* Unit tests of the type-level measures and the type-pair weights (paper 001, Sec. 3.1, 4.2). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>

#include "collcog/gce.h"

/* Two types, d = 2: R (0) sends {1,3} to B (1), B sends {2,2} to R; by hand:
 * D_in(R) = {2,2}, D_out(R) = {1,3}; theta_in(R) = {2/3, 2/5}, theta_out(R) = {1/3, 3/5};
 * I(R) = 4/4 = 1, I(B) = 4/4 = 1; then R sends {0,4} to B: I(R) = 8/4, I(B) = 4/8. */
static void
test_measures(void **state)
{
	cc_gce_types s;
	cc_error	err;
	cc_gce_type_measures m;
	double		ti[2],
				to[2];
	const double w1[2] = {1, 3},
				w2[2] = {2, 2},
				w3[2] = {0, 4};

	(void) state;
	assert_int_equal(cc_gce_types_init(&s, 2, 2, &err), CC_OK);
	cc_gce_types_add(&s, 0, 1, w1);
	cc_gce_types_add(&s, 1, 0, w2);
	cc_gce_types_measures(&s, 0, ti, to, &m);
	assert_true(fabs(ti[0] - 2.0 / 3) < 1e-15 && fabs(ti[1] - 2.0 / 5) < 1e-15);
	assert_true(fabs(to[0] - 1.0 / 3) < 1e-15 && fabs(to[1] - 3.0 / 5) < 1e-15);
	assert_true(m.influence == 1.0 && m.influence_rest == 1.0);
	cc_gce_types_add(&s, 0, 1, w3);
	cc_gce_types_measures(&s, 0, ti, to, &m);
	assert_true(m.influence == 2.0 && m.influence_rest == 0.5);
	cc_gce_types_reset(&s);
	cc_gce_types_measures(&s, 0, ti, to, &m);
	assert_true(isnan(ti[0]) && isnan(m.influence));
	cc_gce_types_free(&s);
	assert_true(isinf(cc_gce_ratio(1, 0)) && isnan(cc_gce_ratio(0, 0)));
}

/* Without noise the within-step contrasts give mu exactly up to the factor: steps that mix
 * pairs with weights proportional to mu = {4, 2, 1, 1} (pairs 0..3), divided by a
 * different total each step; a step of one pair adds nothing to mu. */
static void
test_pairs_exact(void **state)
{
	const double mu[4] = {4, 2, 1, 1};
	cc_gce_pairs *s;
	cc_error	err;
	cc_gce_pair_result r;
	double		mean = 0;

	(void) state;
	assert_int_equal(cc_gce_pairs_create(2, 1, &s, &err), CC_OK);
	for (int step = 0; step < 6; step++)
	{
		int32_t		pair[3] = {step % 4, (step + 1) % 4, (step + 2) % 4};
		double		w[3];
		double		scale = 1.0 / (step + 1);

		for (int i = 0; i < 3; i++)
			w[i] = mu[pair[i]] * scale;
		assert_int_equal(cc_gce_pairs_add_step(s, 3, pair, w, &err), CC_OK);
	}
	{
		int32_t		one = 0;
		double		w = 100;

		assert_int_equal(cc_gce_pairs_add_step(s, 1, &one, &w, &err), CC_OK);
	}
	assert_int_equal(cc_gce_pairs_finish(s, &err), CC_OK);
	for (int p = 0; p < 4; p++)
	{
		double		mu_p;

		cc_gce_pairs_result(s, p, &r);
		mu_p = r.mu[0];
		cc_gce_pairs_result(s, 3, &r);
		assert_true(fabs(mu_p / r.mu[0] - mu[p]) < 1e-12);
	}
	/* the messages' mean mu is 1 */
	{
		int64_t		n = 0;

		for (int p = 0; p < 4; p++)
		{
			cc_gce_pairs_result(s, p, &r);
			mean += r.n_messages * r.mu[0];
			n += r.n_messages;
		}
		assert_true(fabs(mean / n - 1) < 1e-12);
	}
	cc_gce_pairs_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_measures),
		cmocka_unit_test(test_pairs_exact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
