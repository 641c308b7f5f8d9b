/*
 * The interning table of identifiers (src/core/common/intern.c): dense indexes
 * in insertion order, growth, keys that share long prefixes, binary keys, and agreement
 * with a linear-search reference on random keys.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "collcog/common.h"

static cc_str
K(const char *s)
{
	cc_str		r = {s, strlen(s)};

	return r;
}

static void
dense_indexes_in_insertion_order(void **state)
{
	cc_intern	t;
	bool		is_new;

	(void) state;
	assert_int_equal(cc_intern_init(&t, 0), CC_OK);
	assert_int_equal(cc_intern_find(&t, K("a")), -1);
	assert_int_equal(cc_intern_add(&t, K("a"), &is_new), 0);
	assert_true(is_new);
	assert_int_equal(cc_intern_add(&t, K("b"), &is_new), 1);
	assert_int_equal(cc_intern_add(&t, K("a"), &is_new), 0);
	assert_false(is_new);
	assert_int_equal(cc_intern_find(&t, K("b")), 1);
	assert_int_equal(cc_intern_find(&t, K("ab")), -1);
	assert_int_equal(t.n, 2);
	cc_intern_free(&t);
}

/* 200000 keys from a table sized for 1: it grows many times and loses nothing */
static void
growth_keeps_every_key(void **state)
{
	cc_intern	t;
	int			n = 200000,
				i;
	char	   *buf = malloc((size_t) n * 16);

	(void) state;
	assert_int_equal(cc_intern_init(&t, 1), CC_OK);
	for (i = 0; i < n; i++)
	{
		cc_str		k = {buf + (size_t) i * 16, (size_t) sprintf(buf + (size_t) i * 16, "k%d", i)};

		assert_int_equal(cc_intern_add(&t, k, NULL), i);
	}
	for (i = 0; i < n; i++)
	{
		cc_str		k = {buf + (size_t) i * 16, strlen(buf + (size_t) i * 16)};

		assert_int_equal(cc_intern_find(&t, k), i);
	}
	assert_true((size_t) t.n * 10 <= (t.mask + 1) * 7);	/* at most 70% full */
	cc_intern_free(&t);
	free(buf);
}

/* keys that differ only in one byte anywhere, prefixes, embedded NULs */
static void
near_identical_and_binary_keys(void **state)
{
	cc_intern	t;
	size_t		L = 1024,
				i;
	char	   *base = calloc(L, 1);
	char	  **keys = malloc(L * sizeof(char *));

	(void) state;
	assert_int_equal(cc_intern_init(&t, 16), CC_OK);
	for (i = 0; i < L; i++)
	{
		keys[i] = calloc(L, 1);	/* all zero bytes but one */
		keys[i][i] = 1;
		assert_int_equal(cc_intern_add(&t, (cc_str) {keys[i], L}, NULL), (int) i);
	}
	/* the all-zero key and its prefixes are all distinct, and distinct from the above */
	for (i = 1; i <= 64; i++)
		assert_int_equal(cc_intern_add(&t, (cc_str) {base, i}, NULL), (int) (L + i - 1));
	for (i = 0; i < L; i++)
		assert_int_equal(cc_intern_find(&t, (cc_str) {keys[i], L}), (int) i);
	assert_int_equal(cc_intern_find(&t, (cc_str) {base, L}), -1);
	assert_int_equal(cc_intern_find(&t, (cc_str) {base, 64}), (int) (L + 63));
	assert_int_equal(cc_intern_find(&t, (cc_str) {base, 65}), -1);
	for (i = 0; i < L; i++)
		free(keys[i]);
	free(keys);
	free(base);
	cc_intern_free(&t);
}

static void
string_order(void **state)
{
	(void) state;
	assert_true(cc_str_cmp(K("a"), K("b")) < 0);
	assert_true(cc_str_cmp(K("b"), K("a")) > 0);
	assert_true(cc_str_cmp(K("a"), K("ab")) < 0);
	assert_true(cc_str_cmp(K("ab"), K("a")) > 0);
	assert_int_equal(cc_str_cmp(K("ab"), K("ab")), 0);
	assert_true(cc_str_cmp(K("\x01"), K("\xff")) < 0);	/* bytes are unsigned */
	assert_true(cc_str_eq(K(""), (cc_str) {NULL, 0}));
	assert_false(cc_str_eq(K("a"), K("b")));
	/* equal keys hash equal wherever they live */
	{
		char		a[] = "xyzxyzxyzxyz";
		char		b[] = "__xyzxyzxyzxyz";

		assert_true(cc_hash_bytes(a, 12) == cc_hash_bytes(b + 2, 12));
		assert_true(cc_hash_bytes(a, 12) != cc_hash_bytes(a, 11));
	}
}

/* random keys over a small alphabet (many repeats): indexes agree with a linear search */
static void
random_keys_match_linear_search(void **state)
{
	cc_intern	t;
	char		pool[3000][8];
	int			npool = 0,
				i,
				j;
	uint64_t	x = 12345;

	(void) state;
	assert_int_equal(cc_intern_init(&t, 4), CC_OK);
	for (i = 0; i < 3000; i++)
	{
		char		k[8];
		int			len,
					expect = -1;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		len = 1 + (int) ((x >> 60) % 3);
		for (j = 0; j < len; j++)
			k[j] = (char) ('a' + (int) ((x >> (8 * j + 16)) % 6));
		for (j = 0; j < npool; j++)
			if ((int) strlen(pool[j]) == len && memcmp(pool[j], k, (size_t) len) == 0)
				expect = j;
		if (expect < 0)
		{
			memcpy(pool[npool], k, (size_t) len);
			pool[npool][len] = '\0';
			expect = npool++;
		}
		assert_int_equal(cc_intern_add(&t, K(pool[expect]), NULL), expect);
	}
	assert_int_equal(t.n, npool);
	cc_intern_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dense_indexes_in_insertion_order),
		cmocka_unit_test(growth_keeps_every_key),
		cmocka_unit_test(near_identical_and_binary_keys),
		cmocka_unit_test(string_order),
		cmocka_unit_test(random_keys_match_linear_search),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
