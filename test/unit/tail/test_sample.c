/* Unit tests of the weighted sorted sample: building, merging, serialisation, text form,
 * validation. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "collcog/tail.h"

static void
assert_same_sample(const cc_tail_sample *a, const cc_tail_sample *b)
{
	size_t		i;

	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->nsorted, b->nsorted);
	assert_true(a->total == b->total);
	for (i = 0; i < a->n; i++)
	{
		assert_true(a->x[i] == b->x[i]);
		assert_true(a->count[i] == b->count[i]);
	}
}

static void
build_from_values_sorts_and_counts(void **state)
{
	double		x[] = {5, 1, 3, 1, 5, 5, 2};
	cc_tail_sample s;
	cc_error	err;

	(void) state;
	assert_int_equal(cc_tail_sample_from_values(&s, CC_TAIL_DISCRETE, x, 7, &err), CC_OK);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.nsorted, 4);
	assert_true(s.total == 7);
	assert_true(s.x[0] == 1 && s.count[0] == 2);
	assert_true(s.x[1] == 2 && s.count[1] == 1);
	assert_true(s.x[2] == 3 && s.count[2] == 1);
	assert_true(s.x[3] == 5 && s.count[3] == 3);
	cc_tail_sample_free(&s);
}

static void
add_in_any_order_equals_batch(void **state)
{
	cc_tail_sample a,
				b;
	cc_error	err;
	double	   *x = malloc(20000 * sizeof(double));
	size_t		i;
	unsigned	r = 12345;

	(void) state;
	for (i = 0; i < 20000; i++)
	{
		r = r * 1103515245u + 12345u;
		x[i] = 1 + (r >> 16) % 700;
	}
	assert_int_equal(cc_tail_sample_from_values(&a, CC_TAIL_DISCRETE, x, 20000, &err), CC_OK);
	assert_int_equal(cc_tail_sample_init(&b, CC_TAIL_DISCRETE, &err), CC_OK);
	for (i = 0; i < 20000; i++)
		assert_int_equal(cc_tail_sample_add(&b, x[i], 1, &err), CC_OK);
	assert_int_equal(cc_tail_sample_compact(&b, &err), CC_OK);
	assert_same_sample(&a, &b);
	cc_tail_sample_free(&a);
	cc_tail_sample_free(&b);
	free(x);
}

static void
large_batches_sort_like_small_ones(void **state)
{
	/* the radix sort (>= 512 pending) against insertion one at a time into a sorted prefix */
	cc_tail_sample a,
				b;
	cc_error	err;
	double	   *x = malloc(5000 * sizeof(double));
	size_t		i;
	unsigned	r = 777;

	(void) state;
	for (i = 0; i < 5000; i++)
	{
		r = r * 1103515245u + 12345u;
		x[i] = (i % 3 == 0) ? 1e-300 * (1 + (r >> 20)) : (i % 3 == 1) ? 0.5 + (r >> 8) : 1e300 / (1 + (r >> 24));
	}
	assert_int_equal(cc_tail_sample_from_values(&a, CC_TAIL_CONTINUOUS, x, 5000, &err), CC_OK);
	assert_int_equal(cc_tail_sample_init(&b, CC_TAIL_CONTINUOUS, &err), CC_OK);
	for (i = 0; i < 5000; i++)
	{
		assert_int_equal(cc_tail_sample_add(&b, x[i], 1, &err), CC_OK);
		if (i % 100 == 0)
			assert_int_equal(cc_tail_sample_compact(&b, &err), CC_OK);
	}
	assert_int_equal(cc_tail_sample_compact(&b, &err), CC_OK);
	assert_same_sample(&a, &b);
	for (i = 1; i < a.n; i++)
		assert_true(a.x[i] > a.x[i - 1]);
	cc_tail_sample_free(&a);
	cc_tail_sample_free(&b);
	free(x);
}

static void
merge_equals_single_state(void **state)
{
	double		x[] = {0.5, 2.25, 7, 0.5, 3, 2.25, 100, 1e-3};
	cc_tail_sample all,
				p1,
				p2,
				empty;
	cc_error	err;

	(void) state;
	assert_int_equal(cc_tail_sample_from_values(&all, CC_TAIL_CONTINUOUS, x, 8, &err), CC_OK);
	assert_int_equal(cc_tail_sample_from_values(&p1, CC_TAIL_CONTINUOUS, x, 3, &err), CC_OK);
	assert_int_equal(cc_tail_sample_from_values(&p2, CC_TAIL_CONTINUOUS, x + 3, 5, &err), CC_OK);
	assert_int_equal(cc_tail_sample_init(&empty, CC_TAIL_CONTINUOUS, &err), CC_OK);
	assert_int_equal(cc_tail_sample_merge(&p1, &p2, &err), CC_OK);
	assert_int_equal(cc_tail_sample_merge(&p1, &empty, &err), CC_OK);
	assert_same_sample(&all, &p1);
	/* kinds must agree */
	cc_tail_sample_free(&p2);
	assert_int_equal(cc_tail_sample_init(&p2, CC_TAIL_DISCRETE, &err), CC_OK);
	assert_int_equal(cc_tail_sample_merge(&p1, &p2, &err), CC_EINVAL);
	cc_tail_sample_free(&all);
	cc_tail_sample_free(&p1);
	cc_tail_sample_free(&p2);
	cc_tail_sample_free(&empty);
}

static void
domain_errors_name_the_value(void **state)
{
	cc_tail_sample s;
	cc_error	err;
	double		bad_d[] = {0.0, -1.0, 2.5, NAN, INFINITY, -INFINITY, 1e300};
	double		bad_c[] = {0.0, -1.0, NAN, INFINITY};
	size_t		i;

	(void) state;
	for (i = 0; i < sizeof(bad_d) / sizeof(bad_d[0]); i++)
	{
		double		x[2] = {3.0, bad_d[i]};

		assert_int_equal(cc_tail_sample_from_values(&s, CC_TAIL_DISCRETE, x, 2, &err), CC_EINVAL);
		assert_non_null(strstr(err.message, "value"));
		cc_tail_sample_free(&s);
	}
	assert_int_equal(cc_tail_sample_from_values(&s, CC_TAIL_DISCRETE, (double[]){0.5}, 1, &err), CC_EINVAL);
	assert_string_equal(err.message, "value 0.5 is not an integer >= 1");
	for (i = 0; i < sizeof(bad_c) / sizeof(bad_c[0]); i++)
	{
		assert_int_equal(cc_tail_sample_from_values(&s, CC_TAIL_CONTINUOUS, &bad_c[i], 1, &err), CC_EINVAL);
		cc_tail_sample_free(&s);
	}
	assert_int_equal(cc_tail_sample_init(&s, (cc_tail_kind) 7, &err), CC_EINVAL);
}

static void
huge_counts_fit_without_expansion(void **state)
{
	/* weblinks.hist style: 241M observations as a few histogram rows */
	double		x[] = {1, 2, 3, 1000};
	uint64_t	c[] = {106649769, 45000000, 20000000, 5};
	cc_tail_sample s,
				t;
	cc_error	err;
	uint64_t	big[] = {UINT64_C(1) << 62, (UINT64_C(1) << 62) + 1};

	(void) state;
	assert_int_equal(cc_tail_sample_from_hist(&s, CC_TAIL_DISCRETE, x, c, 4, &err), CC_OK);
	assert_true(s.total == 171649774);
	assert_int_equal(s.n, 4);
	/* a total past a bigint is out of range */
	assert_int_equal(cc_tail_sample_from_hist(&t, CC_TAIL_DISCRETE, x, big, 2, &err), CC_ERANGE);
	cc_tail_sample_free(&t);
	cc_tail_sample_free(&s);
}

static void
serialize_round_trips(void **state)
{
	double		x[] = {1.5, 2.0, 1e-300, 1e300, 3.25, 2.0};
	cc_tail_sample s,
				t;
	cc_error	err;
	unsigned char *buf;
	size_t		len;

	(void) state;
	assert_int_equal(cc_tail_sample_from_values(&s, CC_TAIL_CONTINUOUS, x, 6, &err), CC_OK);
	len = cc_tail_sample_serial_size(&s);
	assert_int_equal(len, 16 + 5 * 16);
	buf = malloc(len);
	assert_int_equal(cc_tail_sample_serialize(&s, buf, len - 1, &err), CC_EINVAL);
	assert_int_equal(cc_tail_sample_serialize(&s, buf, len, &err), CC_OK);
	assert_int_equal(cc_tail_sample_deserialize(&t, buf, len, &err), CC_OK);
	assert_same_sample(&s, &t);
	cc_tail_sample_free(&t);
	free(buf);
	cc_tail_sample_free(&s);
	/* the empty sample serialises too */
	assert_int_equal(cc_tail_sample_init(&s, CC_TAIL_DISCRETE, &err), CC_OK);
	buf = malloc(16);
	assert_int_equal(cc_tail_sample_serialize(&s, buf, 16, &err), CC_OK);
	assert_int_equal(cc_tail_sample_deserialize(&t, buf, 16, &err), CC_OK);
	assert_int_equal(t.n, 0);
	free(buf);
	cc_tail_sample_free(&t);
}

static void
deserialize_rejects_garbage(void **state)
{
	double		x[] = {1, 2, 3, 7, 7, 9};
	cc_tail_sample s,
				t;
	cc_error	err;
	unsigned char *buf,
			   *bad;
	size_t		len,
				i;
	int			b;
	unsigned	r = 99;

	(void) state;
	assert_int_equal(cc_tail_sample_from_values(&s, CC_TAIL_DISCRETE, x, 6, &err), CC_OK);
	len = cc_tail_sample_serial_size(&s);
	buf = malloc(len);
	bad = malloc(len + 8);
	assert_int_equal(cc_tail_sample_serialize(&s, buf, len, &err), CC_OK);
	/* every truncation and every extension */
	for (i = 0; i < len; i++)
		assert_int_equal(cc_tail_sample_deserialize(&t, buf, i, &err), CC_ECORRUPT);
	memcpy(bad, buf, len);
	memset(bad + len, 0, 8);
	assert_int_equal(cc_tail_sample_deserialize(&t, bad, len + 8, &err), CC_ECORRUPT);
	assert_int_equal(cc_tail_sample_deserialize(&t, NULL, 0, &err), CC_ECORRUPT);
	/* every single-byte change gives an error or a valid sample, never a crash */
	for (i = 0; i < len; i++)
		for (b = 0; b < 256; b += 17)
		{
			memcpy(bad, buf, len);
			bad[i] ^= (unsigned char) (b + 1);
			if (cc_tail_sample_deserialize(&t, bad, len, &err) == CC_OK)
			{
				size_t		j;

				for (j = 1; j < t.n; j++)
					assert_true(t.x[j] > t.x[j - 1]);
				cc_tail_sample_free(&t);
			}
			else
				assert_true(err.code == CC_ECORRUPT || err.code == CC_ERANGE);
		}
	/* specific corruptions */
	memcpy(bad, buf, len);
	bad[4] = 2;
	assert_int_equal(cc_tail_sample_deserialize(&t, bad, len, &err), CC_ECORRUPT);
	memcpy(bad, buf, len);
	bad[8] = 0xff;				/* entry count far beyond the length */
	assert_int_equal(cc_tail_sample_deserialize(&t, bad, len, &err), CC_ECORRUPT);
	memcpy(bad, buf, len);
	memset(bad + 24, 0, 8);		/* zero count */
	assert_int_equal(cc_tail_sample_deserialize(&t, bad, len, &err), CC_ECORRUPT);
	/* random buffers */
	for (i = 0; i < 2000; i++)
	{
		size_t		l = 16 + (i % 5) * 16,
					k;

		for (k = 0; k < l; k++)
		{
			r = r * 1103515245u + 12345u;
			bad[k] = (unsigned char) (r >> 16);
		}
		if (i % 2 == 0)
		{
			memcpy(bad, "CCTS\1\1\0\0", 8);
			bad[8] = (unsigned char) (i % 5);
			memset(bad + 9, 0, 7);
		}
		if (cc_tail_sample_deserialize(&t, bad, l, &err) == CC_OK)
			cc_tail_sample_free(&t);
	}
	free(buf);
	free(bad);
	cc_tail_sample_free(&s);
}

/* The text form: what parses, to what, and the reason given for each kind of bad text. */
static void
text_form_parses_and_rejects(void **state)
{
	static const struct
	{
		const char *text;
		const char *detail;
	}			bad[] = {
		{"counts:1", "A tail_hist starts with \"discrete:\" or \"continuous:\"."},
		{"discrete:-3*2", "Item \"-3*2\" does not start with a positive integer."},
		{"discrete:0*2", "Value \"0*2\" is not an integer from 1 to 2^53."},
		{"discrete:9007199254740993", "Value \"9007199254740993\" is not an integer from 1 to 2^53."},
		{"continuous:x", "Item \"x\" does not start with a number."},
		{"continuous:-1.5", "Value \"-1.5\" is not a finite number greater than zero."},
		{"continuous:1e999", "Value \"1e999\" is not a finite number greater than zero."},
		{"discrete:3*", "Count in \"3*\" is not a positive integer."},
		{"discrete:3,2", "Value \"2\" is not greater than the value before it (values must be strictly ascending)."},
		{"discrete:1 2", "Item \"1 2\" is not followed by a comma or the end."},
		{"discrete:1\n", "Item \"1\n\" is not followed by a comma or the end."},
	};
	cc_tail_sample s;
	cc_error	err;

	(void) state;
	assert_int_equal(cc_tail_sample_parse("\n DISCRETE: 1*10 , 2 ,7*1", &s, &err), CC_OK);
	assert_int_equal(s.kind, CC_TAIL_DISCRETE);
	assert_int_equal(s.n, 3);
	assert_true(s.x[0] == 1 && s.x[1] == 2 && s.x[2] == 7);
	assert_true(s.count[0] == 10 && s.count[1] == 1 && s.count[2] == 1 && s.total == 12);
	cc_tail_sample_free(&s);
	assert_int_equal(cc_tail_sample_parse("continuous:0.5*1,2.25e0*3", &s, &err), CC_OK);
	assert_int_equal(s.kind, CC_TAIL_CONTINUOUS);
	assert_true(s.n == 2 && s.x[0] == 0.5 && s.x[1] == 2.25 && s.total == 4);
	cc_tail_sample_free(&s);
	assert_int_equal(cc_tail_sample_parse("discrete:", &s, &err), CC_OK);
	assert_true(s.n == 0 && s.total == 0);
	cc_tail_sample_free(&s);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		assert_int_equal(cc_tail_sample_parse(bad[i].text, &s, &err), CC_ESYNTAX);
		assert_string_equal(err.detail, bad[i].detail);
		assert_true(s.n == 0 && s.x == NULL);
	}
}

/*
 * A count or a total past 2^63 - 1 cannot be returned as a bigint: every way in (text,
 * bytes, adding, merging) refuses it with CC_ERANGE, and 2^63 - 1 itself is accepted.
 * (0.1.0 accepted a total of 2^63, which then failed wherever a count was returned.)
 */
static void
counts_past_a_bigint_are_out_of_range(void **state)
{
	const uint64_t max = UINT64_C(9223372036854775807);
	cc_tail_sample s,
				t;
	cc_error	err;
	unsigned char buf[48];
	double		one = 1.0;

	(void) state;
	assert_true(CC_TAIL_MAX_COUNT == max);
	/* text */
	assert_int_equal(cc_tail_sample_parse("discrete:1*9223372036854775807", &s, &err), CC_OK);
	assert_true(s.total == max);
	cc_tail_sample_free(&s);
	assert_int_equal(cc_tail_sample_parse("discrete:1*9223372036854775808", &s, &err), CC_ERANGE);
	assert_string_equal(err.detail, "Count in \"1*9223372036854775808\" is more than 2^63 - 1.");
	assert_int_equal(cc_tail_sample_parse("discrete:1*99999999999999999999999", &s, &err), CC_ERANGE);
	assert_int_equal(cc_tail_sample_parse("discrete:1*9223372036854775807,2", &s, &err), CC_ERANGE);
	assert_string_equal(err.detail, "Counts up to \"2\" add up to more than 2^63 - 1.");
	assert_int_equal(cc_tail_sample_parse("discrete:1*0", &s, &err), CC_ESYNTAX);
	/* bytes: one entry of count 2^63 - 1 is fine, 2^63 is not; nor a total of 2^63 */
	assert_int_equal(cc_tail_sample_from_hist(&s, CC_TAIL_DISCRETE, &one, &max, 1, &err), CC_OK);
	assert_int_equal(cc_tail_sample_serialize(&s, buf, sizeof(buf), &err), CC_OK);
	assert_int_equal(cc_tail_sample_deserialize(&t, buf, 32, &err), CC_OK);
	cc_tail_sample_free(&t);
	buf[24] = 0;
	buf[31] = 0x80;				/* count 2^63 */
	assert_int_equal(cc_tail_sample_deserialize(&t, buf, 32, &err), CC_ERANGE);
	/* adding one more, or merging with itself */
	assert_int_equal(cc_tail_sample_add(&s, 2.0, 1, &err), CC_ERANGE);
	assert_true(s.total == max);
	assert_int_equal(cc_tail_sample_copy(&t, &s, &err), CC_OK);
	assert_int_equal(cc_tail_sample_merge(&t, &s, &err), CC_ERANGE);
	assert_true(t.total == max);
	cc_tail_sample_free(&t);
	cc_tail_sample_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(build_from_values_sorts_and_counts),
		cmocka_unit_test(add_in_any_order_equals_batch),
		cmocka_unit_test(large_batches_sort_like_small_ones),
		cmocka_unit_test(merge_equals_single_state),
		cmocka_unit_test(domain_errors_name_the_value),
		cmocka_unit_test(huge_counts_fit_without_expansion),
		cmocka_unit_test(serialize_round_trips),
		cmocka_unit_test(deserialize_rejects_garbage),
		cmocka_unit_test(text_form_parses_and_rejects),
		cmocka_unit_test(counts_past_a_bigint_are_out_of_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
