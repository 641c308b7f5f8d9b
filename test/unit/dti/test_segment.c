/* Unit tests of the DTI segment state machine against deficits computed by hand. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "collcog/dti.h"

/*
 * c = 1, beta = 1, tau = 2: D = n - m. Events e1..e3 give D = 1, 2, 3: the third crosses
 * (3 > 2, while 2 is not above 2). A fourth event while triggered counts (D = 4) without a
 * second trigger. The integration restarts at (0, 1): the next event gives D = 1 - 1 = 0,
 * a merge after it D = 2 - 2 = 0; then two more events D = 1, 2 and a third D = 3 crosses
 * again; with nothing to integrate the restart is (0, 0) and one event gives D = 1.
 */
static void
deficits_and_triggers_by_hand(void **state)
{
	const cc_dti_params p = {1.0, 1.0, 2.0};
	cc_dti_segment s;
	double		d;

	(void) state;
	cc_dti_start(&s);
	assert_int_equal(cc_dti_attach(&p, &s, 0, &d), 0);
	assert_true(d == 1.0);
	assert_int_equal(cc_dti_attach(&p, &s, 0, &d), 0);
	assert_true(d == 2.0);
	assert_int_equal(cc_dti_attach(&p, &s, 0, &d), 1);
	assert_true(d == 3.0);
	assert_int_equal(s.phase, CC_DTI_TRIGGERED);
	assert_int_equal(cc_dti_attach(&p, &s, 0, &d), 0);
	assert_true(d == 4.0 && s.n == 4.0);
	cc_dti_integrated(&s);
	assert_true(s.n == 0.0 && s.m == 1.0 && s.phase == CC_DTI_COUNTING);
	assert_int_equal(cc_dti_attach(&p, &s, 0, &d), 0);
	assert_true(d == 0.0);
	assert_int_equal(cc_dti_attach(&p, &s, 1, &d), 0);
	assert_true(d == 0.0 && s.m == 2.0);
	assert_int_equal(cc_dti_attach(&p, &s, 0, &d), 0);
	assert_int_equal(cc_dti_attach(&p, &s, 0, &d), 0);
	assert_true(d == 2.0);
	assert_int_equal(cc_dti_attach(&p, &s, 0, &d), 1);
	assert_true(d == 3.0);
	cc_dti_nothing_to_integrate(&s);
	assert_true(s.n == 0.0 && s.m == 0.0 && s.phase == CC_DTI_COUNTING);
	assert_int_equal(cc_dti_attach(&p, &s, 0, &d), 0);
	assert_true(d == 1.0);
}

/*
 * c = 0.5, beta = 0.9, tau = 1: D(n) = 0.5 n^0.9 - m. Computed apart (Python 3.11,
 * 0.5 * n ** 0.9): 0.5 * 2^0.9 = 0.93303, 0.5 * 3^0.9 = 1.34394 (> 1), so with no merges the
 * third event triggers. With the second event a merge, m = 1: D(3) = 0.34394, D(4) =
 * 0.74111, D(5) = 1.12835 (> 1) -- the fifth event triggers.
 */
static void
fractional_exponent_by_hand(void **state)
{
	const cc_dti_params p = {0.5, 0.9, 1.0};
	cc_dti_segment s;
	double		d;
	int			fired_at = 0;

	(void) state;
	cc_dti_start(&s);
	for (int k = 1; k <= 3 && !fired_at; k++)
		if (cc_dti_attach(&p, &s, 0, &d))
			fired_at = k;
	assert_int_equal(fired_at, 3);
	assert_true(fabs(d - 1.34394) < 1e-5);

	cc_dti_start(&s);
	fired_at = 0;
	for (int k = 1; k <= 10 && !fired_at; k++)
		if (cc_dti_attach(&p, &s, k == 2, &d))
			fired_at = k;
	assert_int_equal(fired_at, 5);
	assert_true(fabs(d - 1.12835) < 1e-5);
}

static void
parameters_are_checked_and_named(void **state)
{
	static const char *const names[3] = {"c", "beta_c", "tau"};
	cc_dti_params p = {1.0, 0.5, 0.0};
	cc_error	err;

	(void) state;
	assert_int_equal(cc_dti_check(&p, names, &err), CC_OK);
	p.c = 0.0;
	assert_int_equal(cc_dti_check(&p, names, &err), CC_EINVAL);
	assert_string_equal(err.message, "c = 0 must be positive and finite");
	p.c = INFINITY;
	assert_int_equal(cc_dti_check(&p, names, &err), CC_EINVAL);
	assert_string_equal(err.message, "c = Infinity must be positive and finite");
	p.c = 1.0;
	p.beta = -0.5;
	assert_int_equal(cc_dti_check(&p, names, &err), CC_EINVAL);
	assert_string_equal(err.message, "beta_c = -0.5 is not in [0, 10]");
	p.beta = NAN;
	assert_int_equal(cc_dti_check(&p, names, &err), CC_EINVAL);
	assert_string_equal(err.message, "beta_c = NaN is not in [0, 10]");
	p.beta = 1.0;
	p.tau = -INFINITY;
	assert_int_equal(cc_dti_check(&p, names, &err), CC_EINVAL);
	assert_string_equal(err.message, "tau = -Infinity must be finite");
}

/*
 * The replay's rule after a trigger (c = 1, beta = 1, tau = 2; three events give D = 3 and
 * a trigger at (3, 0)): the DTI merge next restarts at (0, 1) and is not attached, whatever
 * the heads; without it, one head restarts at (0, 0) and two at (0, 1).
 */
static void
settle_after_a_trigger(void **state)
{
	const cc_dti_params p = {1.0, 1.0, 2.0};
	const struct
	{
		bool		merge;
		int32_t		heads;
		bool		skipped;
		double		m;
	}			cases[] = {{true, 1, true, 1.0}, {true, 5, true, 1.0}, {false, 1, false, 0.0},
	{false, 0, false, 0.0}, {false, 2, false, 1.0}};

	(void) state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
	{
		cc_dti_segment s;
		double		d;

		cc_dti_start(&s);
		for (int i = 0; i < 3; i++)
			(void) cc_dti_attach(&p, &s, 0, &d);
		assert_int_equal(s.phase, CC_DTI_TRIGGERED);
		assert_int_equal(cc_dti_settle(&s, cases[k].merge, cases[k].heads), cases[k].skipped);
		assert_true(s.n == 0.0 && s.m == cases[k].m && s.phase == CC_DTI_COUNTING);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deficits_and_triggers_by_hand),
		cmocka_unit_test(fractional_exponent_by_hand),
		cmocka_unit_test(parameters_are_checked_and_named),
		cmocka_unit_test(settle_after_a_trigger),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
