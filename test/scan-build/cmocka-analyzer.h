/*
 * Force-included (-include) by test/scan-build/run into the files of the unit tests' build,
 * for the static analysis only (__clang_analyzer__; the compiled tests do not change).
 *
 * cmocka 1.1 leaves a test by longjmp from a failed assertion, but does not declare its
 * failure functions noreturn, so the analyzer walks on past assertions that failed and
 * reports what could only happen there. Here the assertions the tests use become assert()
 * and abort(), which the analyzer knows end the path.
 */
#ifdef __clang_analyzer__
#include <assert.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#undef assert_true
#define assert_true(c) assert(c)
#undef assert_false
#define assert_false(c) assert(!(c))
#undef assert_int_equal
#define assert_int_equal(a, b) \
	assert(cast_to_largest_integral_type(a) == cast_to_largest_integral_type(b))
#undef assert_null
#define assert_null(p) assert((p) == NULL)
#undef assert_non_null
#define assert_non_null(p) assert((p) != NULL)
#undef assert_string_equal
#define assert_string_equal(a, b) assert(strcmp((a), (b)) == 0)
#undef fail
#define fail() abort()
#undef fail_msg
#define fail_msg(...) abort()
#endif
