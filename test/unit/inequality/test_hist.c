/*
 * Unit tests of the effort histogram: zeros held, merging in any split equals one state,
 * the serialised form round-trips and every malformed byte string is refused, the text form.
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

static void
assert_same_hist(const cc_value_hist *a, const cc_value_hist *b)
{
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->nsorted, b->nsorted);
	assert_true(a->total == b->total);
	for (size_t i = 0; i < a->n; i++)
	{
		assert_memory_equal(&a->x[i], &b->x[i], sizeof(double));
		assert_true(a->count[i] == b->count[i]);
	}
}

/* Serialise a compacted histogram into a malloc'd buffer. */
static unsigned char *
bytes_of(const cc_value_hist *h, size_t *len)
{
	cc_error	err;
	unsigned char *buf;

	*len = cc_ineq_hist_serial_size(h);
	buf = malloc(*len);
	assert_int_equal(cc_ineq_hist_serialize(h, buf, *len, &err), CC_OK);
	return buf;
}

static void
zeros_and_negative_zero_are_one_value(void **state)
{
	cc_value_hist h;
	cc_error	err;

	(void) state;
	cc_ineq_hist_init(&h);
	assert_int_equal(cc_ineq_hist_add(&h, 3, 1, &err), CC_OK);
	assert_int_equal(cc_ineq_hist_add(&h, 0, 2, &err), CC_OK);
	assert_int_equal(cc_ineq_hist_add(&h, -0.0, 1, &err), CC_OK);
	assert_int_equal(cc_value_hist_compact(&h, &err), CC_OK);
	assert_int_equal(h.n, 2);
	assert_true(h.x[0] == 0.0 && !signbit(h.x[0]) && h.count[0] == 3);
	assert_true(h.total == 4);
	cc_value_hist_free(&h);
}

static void
merge_in_any_split_equals_one_state(void **state)
{
	cc_value_hist whole,
				parts[3],
				merged;
	cc_error	err;
	uint64_t	seed = 5;

	(void) state;
	cc_ineq_hist_init(&whole);
	for (int p = 0; p < 3; p++)
		cc_ineq_hist_init(&parts[p]);
	for (int i = 0; i < 5000; i++)
	{
		double		x;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		x = (double) ((seed >> 33) % 50) * 0.25;
		assert_int_equal(cc_ineq_hist_add(&whole, x, 1, &err), CC_OK);
		assert_int_equal(cc_ineq_hist_add(&parts[(seed >> 20) % 3], x, 1, &err), CC_OK);
	}
	assert_int_equal(cc_value_hist_compact(&whole, &err), CC_OK);
	cc_ineq_hist_init(&merged);
	for (int p = 2; p >= 0; p--)
		assert_int_equal(cc_value_hist_merge(&merged, &parts[p], &err), CC_OK);
	assert_same_hist(&merged, &whole);
	cc_value_hist_free(&merged);
	cc_value_hist_free(&whole);
	for (int p = 0; p < 3; p++)
		cc_value_hist_free(&parts[p]);
}

static void
accumulator_equals_plain_histogram(void **state)
{
	cc_ineq_acc acc;
	cc_value_hist plain;
	cc_error	err;
	uint64_t	seed = 17;

	(void) state;
	cc_ineq_acc_init(&acc);
	cc_ineq_hist_init(&plain);
	for (int i = 0; i < 30000; i++)
	{
		double		x;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		switch ((seed >> 40) % 4)
		{
			case 0:
				x = (double) ((seed >> 20) % 6000);	/* integers, some past the dense range */
				break;
			case 1:
				x = 0.0;
				break;
			case 2:
				x = (double) ((seed >> 20) % 100) + 0.5;	/* not integers */
				break;
			default:
				x = -0.0;
				break;
		}
		assert_int_equal(cc_ineq_acc_add(&acc, x, &err), CC_OK);
		assert_int_equal(cc_ineq_hist_add(&plain, x, 1, &err), CC_OK);
		if (i == 20000)			/* fold midway, then go on */
			assert_int_equal(cc_ineq_acc_fold(&acc, &err), CC_OK);
	}
	assert_non_null(acc.dense);
	assert_true(acc.ndense > 0);
	assert_int_equal(cc_ineq_acc_fold(&acc, &err), CC_OK);
	assert_true(acc.ndense == 0);
	assert_int_equal(cc_value_hist_compact(&plain, &err), CC_OK);
	assert_same_hist(&acc.h, &plain);
	assert_int_equal(cc_ineq_acc_add(&acc, -1, &err), CC_EINVAL);
	assert_int_equal(cc_ineq_acc_add(&acc, NAN, &err), CC_EINVAL);
	cc_value_hist_free(&acc.h);
	cc_free(acc.dense);
	cc_value_hist_free(&plain);
}

static void
serialisation_round_trips(void **state)
{
	cc_value_hist h,
				back;
	cc_error	err;
	unsigned char *buf;
	size_t		len;

	(void) state;
	cc_ineq_hist_init(&h);
	assert_int_equal(cc_ineq_hist_add(&h, 0, 7, &err), CC_OK);
	assert_int_equal(cc_ineq_hist_add(&h, 2.5, 1, &err), CC_OK);
	assert_int_equal(cc_ineq_hist_add(&h, 1e300, 3, &err), CC_OK);
	assert_int_equal(cc_value_hist_compact(&h, &err), CC_OK);
	buf = bytes_of(&h, &len);
	assert_int_equal(len, 16 + 3 * 16);
	assert_memory_equal(buf, "CCEH\001\000\000\000\003\000\000\000\000\000\000\000", 16);
	assert_int_equal(cc_ineq_hist_deserialize(&back, buf, len, &err), CC_OK);
	assert_same_hist(&back, &h);
	free(buf);
	cc_value_hist_free(&back);
	/* the empty histogram */
	cc_value_hist_free(&h);
	buf = bytes_of(&h, &len);
	assert_int_equal(len, 16);
	assert_int_equal(cc_ineq_hist_deserialize(&back, buf, len, &err), CC_OK);
	assert_true(back.n == 0 && back.total == 0);
	free(buf);
}

/* Deserialise bytes that must be refused with code and a message starting with msg. */
static void
refused(const unsigned char *buf, size_t len, cc_status code, const char *msg)
{
	cc_value_hist h;
	cc_error	err;

	assert_int_equal(cc_ineq_hist_deserialize(&h, buf, len, &err), code);
	if (strncmp(err.message, msg, strlen(msg)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", err.message, msg);
	assert_true(h.n == 0 && h.x == NULL);
}

/* An entry (value, count) at entry i of buf. */
static void
put_entry(unsigned char *buf, size_t i, double x, uint64_t c)
{
	uint64_t	bits;

	memcpy(&bits, &x, 8);
	cc_put_u64le(buf + 16 + 16 * i, bits);
	cc_put_u64le(buf + 24 + 16 * i, c);
}

static void
deserialise_refuses_garbage(void **state)
{
	unsigned char buf[64];
	const unsigned char header[16] = "CCEH\001\000\000\000\002\000\000\000\000\000\000\000";

	(void) state;
	refused(NULL, 0, CC_ECORRUPT, "effort histogram of 0 bytes is too short");
	refused(header, 8, CC_ECORRUPT, "effort histogram of 8 bytes is too short");
	memcpy(buf, header, 16);
	put_entry(buf, 0, 0, 1);
	put_entry(buf, 1, 2, 1);
	buf[0] = 'X';
	refused(buf, 48, CC_ECORRUPT, "effort histogram has a bad magic number");
	buf[0] = 'C';
	buf[4] = 2;
	refused(buf, 48, CC_ECORRUPT, "effort histogram has unknown version 2");
	buf[4] = 1;
	buf[6] = 1;
	refused(buf, 48, CC_ECORRUPT, "effort histogram has nonzero reserved bytes");
	buf[6] = 0;
	refused(buf, 47, CC_ECORRUPT, "effort histogram length 47 does not match its 2 entries");
	refused(buf, 64, CC_ECORRUPT, "effort histogram length 64 does not match its 2 entries");
	cc_put_u64le(buf + 8, UINT64_MAX);
	refused(buf, 48, CC_ECORRUPT, "effort histogram length 48 does not match");
	cc_put_u64le(buf + 8, 2);
	put_entry(buf, 1, -1, 1);
	refused(buf, 48, CC_ECORRUPT, "effort histogram entry 1: value -1 is negative");
	put_entry(buf, 1, NAN, 1);
	refused(buf, 48, CC_ECORRUPT, "effort histogram entry 1: value NaN is not finite");
	put_entry(buf, 0, -0.0, 1);
	put_entry(buf, 1, 2, 1);
	refused(buf, 48, CC_ECORRUPT, "effort histogram entry 0: value -0 is not stored as 0");
	put_entry(buf, 0, 2, 1);
	refused(buf, 48, CC_ECORRUPT, "effort histogram values are not strictly ascending at entry 1");
	put_entry(buf, 0, 0, 0);
	refused(buf, 48, CC_ECORRUPT, "effort histogram entry 0 has a zero count");
	put_entry(buf, 0, 0, UINT64_C(1) << 62);
	put_entry(buf, 1, 2, UINT64_C(1) << 62);
	refused(buf, 48, CC_ERANGE, "effort histogram count exceeds 9223372036854775807");
}

static void
text_form_parses_and_refuses(void **state)
{
	cc_value_hist h;
	cc_error	err;

	(void) state;
	assert_int_equal(cc_ineq_hist_parse(" 0*3, 1 ,2.5 * 2,1e3", &h, &err), CC_OK);
	assert_int_equal(h.n, 4);
	assert_true(h.x[0] == 0 && h.count[0] == 3 && h.x[1] == 1 && h.count[1] == 1);
	assert_true(h.x[2] == 2.5 && h.count[2] == 2 && h.x[3] == 1000 && h.total == 7);
	assert_int_equal(h.nsorted, 4);
	cc_value_hist_free(&h);
	assert_int_equal(cc_ineq_hist_parse("  ", &h, &err), CC_OK);
	assert_int_equal(h.n, 0);
	assert_int_equal(cc_ineq_hist_parse("-0*2,1", &h, &err), CC_OK);
	assert_true(h.x[0] == 0 && !signbit(h.x[0]));
	cc_value_hist_free(&h);
	assert_int_equal(cc_ineq_hist_parse("1,1", &h, &err), CC_ESYNTAX);
	assert_string_equal(err.detail, "Value \"1\" is not greater than the value before it (values must be strictly ascending).");
	assert_int_equal(cc_ineq_hist_parse("-1", &h, &err), CC_ESYNTAX);
	assert_string_equal(err.detail, "Value \"-1\" is not a finite number >= 0.");
	assert_int_equal(cc_ineq_hist_parse("nan", &h, &err), CC_ESYNTAX);
	assert_string_equal(err.detail, "Item \"nan\" does not start with a number.");
	assert_int_equal(cc_ineq_hist_parse("+inf", &h, &err), CC_ESYNTAX);
	assert_int_equal(cc_ineq_hist_parse("1*0", &h, &err), CC_ESYNTAX);
	assert_string_equal(err.detail, "Count in \"1*0\" is not a positive integer.");
	assert_int_equal(cc_ineq_hist_parse("1*x", &h, &err), CC_ESYNTAX);
	assert_int_equal(cc_ineq_hist_parse("1 2", &h, &err), CC_ESYNTAX);
	assert_string_equal(err.detail, "Item \"1 2\" is not followed by a comma or the end.");
	assert_int_equal(cc_ineq_hist_parse("1,", &h, &err), CC_ESYNTAX);
	assert_string_equal(err.detail, "Item \"1\" is followed by a comma and nothing.");
	assert_int_equal(cc_ineq_hist_parse(",1", &h, &err), CC_ESYNTAX);
	assert_int_equal(cc_ineq_hist_parse("1*9223372036854775808", &h, &err), CC_ERANGE);
	assert_int_equal(cc_ineq_hist_parse("1*9223372036854775807,2", &h, &err), CC_ERANGE);
	assert_string_equal(err.message, "effort histogram count exceeds 9223372036854775807");
	assert_true(h.n == 0 && h.x == NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(zeros_and_negative_zero_are_one_value),
		cmocka_unit_test(merge_in_any_split_equals_one_state),
		cmocka_unit_test(accumulator_equals_plain_histogram),
		cmocka_unit_test(serialisation_round_trips),
		cmocka_unit_test(deserialise_refuses_garbage),
		cmocka_unit_test(text_form_parses_and_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
