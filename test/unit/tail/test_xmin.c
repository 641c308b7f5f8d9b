/*
 * Unit tests of the choice of xmin (tail/xmin.c) and of the fit diagnostics (tail/quality.c):
 * the minimum tail, the requested model's own needs, a candidate whose fit fails giving way
 * to the next, the reasons when nothing is left, and the quality rule. The expected xmin is
 * always found here by brute force: the generic fit at every admissible candidate and the
 * smallest KS distance (the scan under test walks its own suffix sums).
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tail/tail_internal.h"

/* A compacted sample from (value, count) pairs. */
static void
Hist(cc_tail_sample *s, cc_tail_kind kind, const double *x, const uint64_t *c, size_t n)
{
	cc_error	err;

	assert_int_equal(cc_tail_sample_from_hist(s, kind, x, c, n, &err), CC_OK);
}

/*
 * The xmin of the brute-force scan under the power law: among the distinct values whose
 * tail has at least min_tail observations and min_distinct distinct values, the one whose
 * power-law fit has the smallest KS distance (ties: the smaller); 0 when there is none.
 */
static double
BruteXmin(const cc_tail_sample *s, uint64_t min_tail, size_t min_distinct)
{
	double		bestD = INFINITY,
				bestx = 0;
	uint64_t	tail = s->total;
	size_t		i;
	cc_error	err;

	for (i = 0; i < s->n; tail -= s->count[i], i++)
	{
		cc_tail_fit g;

		if (s->n - i < min_distinct || tail < min_tail)
			break;
		if (cc_tail_fit_at(s, CC_TAIL_PL, s->x[i], &g, &err) != CC_OK)
			continue;
		if (g.ks < bestD)
		{
			bestD = g.ks;
			bestx = s->x[i];
		}
	}
	return bestx;
}

/*
 * A spike at the top of a sample draws Clauset's plain scan. The body, 20 each of 1, 3, 9,
 * 27 and 81, spreads equal counts over values a factor 3 apart, which no power law follows
 * (KS 0.25 and more from every xmin in it); the spike is 20 more at 82. The power law fitted
 * to the two-value tail {81, 82} (alpha about 90) puts two thirds of its mass at 81, where
 * the data put half: KS = |1/2 - P(81)|, about 0.17, the smallest of all candidates. The
 * plain scan (min_distinct 2) takes it; the default (3 distinct values) does not.
 */
static void
spike_draws_the_plain_scan_but_not_the_default(void **state)
{
	double		x[] = {1, 3, 9, 27, 81, 82};
	uint64_t	c[] = {20, 20, 20, 20, 20, 20};
	cc_tail_sample s;
	cc_tail_xmin_opts o;
	cc_tail_fit f;
	cc_error	err;
	long double z = 0,
				p81;
	long		k;

	(void) state;
	Hist(&s, CC_TAIL_DISCRETE, x, c, 6);
	cc_tail_xmin_opts_default(&o);
	o.min_distinct = 2;
	assert_int_equal(cc_tail_fit_xmin(&s, &o, &f, &err), CC_OK);
	assert_true(f.xmin == 81 && BruteXmin(&s, 0, 2) == 81);
	assert_int_equal(f.n_tail_distinct, 2);
	assert_true(f.par[0] > 80 && f.par[0] < 100);
	/* the KS distance of that fit, from P(81) summed here term by term */
	for (k = 81; k < 2000; k++)
		z += powl((long double) k, -(long double) f.par[0]);
	p81 = powl(81.0L, -(long double) f.par[0]) / z;
	assert_true(fabs(f.ks - (double) (p81 - 0.5L)) < 1e-12);
	assert_true(f.ks < 0.2);
	/* the default skips it */
	assert_int_equal(cc_tail_fit_xmin(&s, NULL, &f, &err), CC_OK);
	assert_true(f.xmin == BruteXmin(&s, 0, 3) && f.xmin < 81);
	assert_true(f.n_tail_distinct >= 3 && f.ks > 0.2);
	cc_tail_sample_free(&s);
}

/*
 * The requested model's own needs always hold: a TPL, LN or SE is never placed on a tail it
 * cannot be fitted on, even with a smaller minimum, and is fitted where the power law's scan
 * over the admissible candidates says.
 */
static void
requested_model_needs_three_distinct_values(void **state)
{
	double		x[] = {1, 3, 9, 27, 81, 82};
	uint64_t	c[] = {20, 20, 20, 20, 20, 20};
	cc_tail_model two[] = {CC_TAIL_TPL, CC_TAIL_LN, CC_TAIL_SE};
	cc_tail_sample s;
	cc_tail_xmin_opts o;
	cc_tail_fit f;
	cc_error	err;
	int			i;

	(void) state;
	Hist(&s, CC_TAIL_DISCRETE, x, c, 6);
	cc_tail_xmin_opts_default(&o);
	o.min_distinct = 1;
	for (i = 0; i < 3; i++)
	{
		assert_int_equal(cc_tail_fit_auto(&s, two[i], &o, &f, &err), CC_OK);
		assert_int_equal(f.model, two[i]);
		assert_true(f.xmin == BruteXmin(&s, 0, 3));
		assert_true(f.n_tail_distinct >= 3);
	}
	/* the exponential needs two: min_distinct 1 is the plain scan */
	assert_int_equal(cc_tail_fit_auto(&s, CC_TAIL_EXP, &o, &f, &err), CC_OK);
	assert_true(f.xmin == 81);
	cc_tail_sample_free(&s);
}

/*
 * min_tail and min_distinct restrict the candidates, alone and together, with a range and
 * with a candidate limit: the choice is the brute-force one among what is admissible.
 * Sample: the floor of exact power-law quantiles (alpha 2.3), 3000 values.
 */
static void
minimum_tail_is_honoured(void **state)
{
	struct
	{
		uint64_t	min_tail;
		size_t		min_distinct;
	}			cases[] = {{0, 3}, {0, 12}, {400, 3}, {400, 25}, {2999, 2}, {1, 40}};
	double	   *v = malloc(3000 * sizeof(double));
	cc_tail_sample s;
	cc_tail_xmin_opts o;
	cc_tail_fit f;
	cc_error	err;
	size_t		i;

	(void) state;
	for (i = 0; i < 3000; i++)
		v[i] = floor(pow(1.0 - (i + 0.5) / 3000.0, -1.0 / 1.3));
	assert_int_equal(cc_tail_sample_from_values(&s, CC_TAIL_DISCRETE, v, 3000, &err), CC_OK);
	free(v);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		cc_tail_xmin_opts_default(&o);
		o.min_tail = cases[i].min_tail;
		o.min_distinct = cases[i].min_distinct;
		assert_int_equal(cc_tail_fit_xmin(&s, &o, &f, &err), CC_OK);
		assert_true(f.n_tail >= cases[i].min_tail);
		assert_true(f.n_tail_distinct >= cases[i].min_distinct);
		assert_true(f.xmin == BruteXmin(&s, cases[i].min_tail, cases[i].min_distinct));
	}
	/* with a range, the minimum still holds: the range's top candidates are too short */
	cc_tail_xmin_opts_default(&o);
	o.xmin_lo = 2;
	o.min_distinct = s.n - 1;	/* only xmin = x[0] or x[1] would do; x[1] = 2 */
	assert_int_equal(cc_tail_fit_xmin(&s, &o, &f, &err), CC_OK);
	assert_true(f.xmin == s.x[1] && f.n_tail_distinct == s.n - 1);
	/* a candidate limit thins the admissible candidates, keeping the smallest */
	cc_tail_xmin_opts_default(&o);
	o.min_tail = 1000;
	o.max_candidates = 1;
	assert_int_equal(cc_tail_fit_xmin(&s, &o, &f, &err), CC_OK);
	assert_true(f.xmin == s.x[0]);
	cc_tail_sample_free(&s);
}

/* Nothing admissible: CC_ETOOFEW whose message says what was asked and what there is. */
static void
no_candidate_says_why(void **state)
{
	double		x[] = {5, 6};
	uint64_t	c[] = {90, 90};
	cc_tail_sample s;
	cc_tail_xmin_opts o;
	cc_tail_fit f;
	cc_error	err;

	(void) state;
	Hist(&s, CC_TAIL_DISCRETE, x, c, 2);
	assert_int_equal(cc_tail_fit_auto(&s, CC_TAIL_TPL, NULL, &f, &err), CC_ETOOFEW);
	assert_string_equal(err.message,
						"no xmin leaves a tail of at least 3 distinct values (the sample has 2 distinct values, 180 values)");
	/* the power law fits there when the plain scan is asked for */
	cc_tail_xmin_opts_default(&o);
	o.min_distinct = 2;
	assert_int_equal(cc_tail_fit_auto(&s, CC_TAIL_PL, &o, &f, &err), CC_OK);
	assert_true(f.xmin == 5 && f.n_tail == 180 && f.n_tail_distinct == 2);
	/* ... but not with more values than there are, nor in a range that holds none */
	o.min_tail = 181;
	assert_int_equal(cc_tail_fit_auto(&s, CC_TAIL_PL, &o, &f, &err), CC_ETOOFEW);
	assert_string_equal(err.message,
						"no xmin leaves a tail of at least 181 values and 2 distinct values (the sample has 2 distinct values, 180 values)");
	cc_tail_xmin_opts_default(&o);
	o.min_distinct = 2;
	o.xmin_lo = 6;
	assert_int_equal(cc_tail_fit_auto(&s, CC_TAIL_PL, &o, &f, &err), CC_ETOOFEW);
	assert_non_null(strstr(err.message, "no xmin in [6, inf] leaves a tail of at least 2"));
	cc_tail_sample_free(&s);
}

/*
 * A candidate where the requested model does not converge gives way to the next best. On
 * this continuous sample (found by a random search) the power law's scan prefers xmin
 * 2e-230, where the stretched exponential's optimiser fails on a tail spanning 500 decades;
 * the only other candidate with three distinct values is 4. When the model fails at every
 * candidate, the reason names it.
 */
static void
failed_fit_gives_way(void **state)
{
	double		x[] = {2e-230, 4, 5, 9e288};
	uint64_t	c[] = {4, 3, 2, 3};
	double		y[] = {1e-300, 1e-299, 1e300};
	uint64_t	d[] = {5, 1, 3};
	cc_tail_sample s;
	cc_tail_fit f;
	cc_error	err;

	(void) state;
	Hist(&s, CC_TAIL_CONTINUOUS, x, c, 4);
	assert_int_equal(cc_tail_fit_xmin(&s, NULL, &f, &err), CC_OK);
	assert_true(f.xmin == 2e-230);
	assert_int_equal(cc_tail_fit_at(&s, CC_TAIL_SE, 2e-230, &f, &err), CC_ENOCONV);
	assert_int_equal(cc_tail_fit_auto(&s, CC_TAIL_SE, NULL, &f, &err), CC_OK);
	assert_true(f.xmin == 4 && f.model == CC_TAIL_SE && isfinite(f.loglik));
	cc_tail_sample_free(&s);

	Hist(&s, CC_TAIL_CONTINUOUS, y, d, 3);
	assert_int_equal(cc_tail_fit_auto(&s, CC_TAIL_SE, NULL, &f, &err), CC_ETOOFEW);
	assert_string_equal(err.message, "no candidate xmin gives a stretched_exponential fit");
	cc_tail_sample_free(&s);
}

/* A fit with the given tail, for the quality rule. */
static cc_tail_fit
Tail(size_t n_tail_distinct, uint64_t n_tail, int boundary)
{
	cc_tail_fit f;

	memset(&f, 0, sizeof(f));
	f.n_tail_distinct = n_tail_distinct;
	f.n_tail = n_tail;
	f.boundary = boundary;
	return f;
}

/* The quality rule at its thresholds, in its order of precedence, and by name. */
static void
quality_rule(void **state)
{
	struct
	{
		cc_tail_fit f;
		cc_tail_quality q;
		const char *name;
	}			cases[] = {
		{Tail(10, 50, 0), CC_TAIL_QUALITY_OK, "ok"},
		{Tail(9, 50, 0), CC_TAIL_QUALITY_FEW_DISTINCT, "few_distinct"},
		{Tail(10, 49, 0), CC_TAIL_QUALITY_SMALL_TAIL, "small_tail"},
		{Tail(10, 50, 1), CC_TAIL_QUALITY_BOUNDARY, "boundary"},
		{Tail(2, 10, 1), CC_TAIL_QUALITY_FEW_DISTINCT, "few_distinct"},
		{Tail(40, 40, 1), CC_TAIL_QUALITY_SMALL_TAIL, "small_tail"},
		{Tail(100000, 1000000, 0), CC_TAIL_QUALITY_OK, "ok"},
	};
	size_t		i;

	(void) state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		assert_int_equal(cc_tail_fit_quality(&cases[i].f), cases[i].q);
		assert_string_equal(cc_tail_quality_name(cc_tail_fit_quality(&cases[i].f)), cases[i].name);
	}
	assert_string_equal(cc_tail_quality_name(CC_TAIL_QUALITY_UNFITTED), "unfitted");
	assert_string_equal(cc_tail_quality_name((cc_tail_quality) 99), "unknown");
}

/* n_tail_distinct is the number of distinct values at or above xmin, also on failure. */
static void
fit_reports_its_distinct_values(void **state)
{
	double		x[] = {1, 2, 4, 8, 16};
	uint64_t	c[] = {50, 20, 9, 3, 1};
	cc_tail_sample s;
	cc_tail_fit f;
	cc_error	err;

	(void) state;
	Hist(&s, CC_TAIL_DISCRETE, x, c, 5);
	assert_int_equal(cc_tail_fit_at(&s, CC_TAIL_PL, 3, &f, &err), CC_OK);
	assert_true(f.n_tail_distinct == 3 && f.n_tail == 13);
	assert_int_equal(cc_tail_fit_at(&s, CC_TAIL_TPL, 8, &f, &err), CC_ETOOFEW);
	assert_true(f.xmin == 8 && f.n_tail_distinct == 2 && f.n_tail == 4 && f.n_total == 83);
	cc_tail_sample_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spike_draws_the_plain_scan_but_not_the_default),
		cmocka_unit_test(requested_model_needs_three_distinct_values),
		cmocka_unit_test(minimum_tail_is_honoured),
		cmocka_unit_test(no_candidate_says_why),
		cmocka_unit_test(failed_fit_gives_way),
		cmocka_unit_test(quality_rule),
		cmocka_unit_test(fit_reports_its_distinct_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
