/* Unit tests of the core's shared error and allocation helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "collcog/common.h"

static void
fail_records_code_message_and_detail(void **state)
{
	cc_error	err;

	(void) state;
	assert_int_equal(cc_fail(&err, CC_EINVAL, "x = %g is below xmin", 0.5), CC_EINVAL);
	assert_int_equal(err.code, CC_EINVAL);
	assert_string_equal(err.message, "x = 0.5 is below xmin");
	assert_string_equal(err.detail, "");
	cc_fail_detail(&err, "Values must be at least %d.", 1);
	assert_string_equal(err.detail, "Values must be at least 1.");
}

static void
fail_truncates_long_messages(void **state)
{
	cc_error	err;
	char		big[1000];

	(void) state;
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cc_fail(&err, CC_ELIMIT, "%s", big);
	assert_int_equal(strlen(err.message), sizeof(err.message) - 1);
}

static void
calloc_rejects_overflowing_sizes(void **state)
{
	(void) state;
	assert_null(cc_calloc(SIZE_MAX / 2, 4));
}

static int	stop_now;
static int
test_interrupted(void)
{
	return stop_now;
}

static void
interrupt_hook_is_consulted(void **state)
{
	cc_hooks	h = {NULL, NULL, NULL, test_interrupted};

	(void) state;
	assert_false(cc_interrupted());
	cc_set_hooks(&h);
	stop_now = 1;
	assert_true(cc_interrupted());
	stop_now = 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fail_records_code_message_and_detail),
		cmocka_unit_test(fail_truncates_long_messages),
		cmocka_unit_test(calloc_rejects_overflowing_sizes),
		cmocka_unit_test(interrupt_hook_is_consulted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
