/*
 * libFuzzer target for cc_tail_sample_parse, the text input of tail_hist.
 *
 * Build and run (clang with libFuzzer, ASan and UBSan):
 *     make -f test/fuzz/fuzz.mk                       # builds test/fuzz/build/fuzz_tail_text
 *     make -f test/fuzz/fuzz.mk run FUZZ_SECONDS=60    # runs it on the seed corpus
 *
 * Properties checked on every input (read as a NUL-terminated string, as the server
 * passes it):
 *  - parsing never crashes and either accepts or says CC_ESYNTAX (or CC_ERANGE/CC_ELIMIT/CC_ENOMEM);
 *  - an accepted sample is compacted and satisfies the invariants (strictly ascending
 *    values in the domain of its kind, counts >= 1, total = sum of counts <= 2^63 - 1);
 *  - written back as text (17 significant digits, every count) it parses to the same
 *    sample, byte for byte in the serialised form.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collcog/tail.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The serialised bytes of a compacted sample (malloc'd). */
static unsigned char *
Bytes(const cc_tail_sample *s, size_t *len)
{
	cc_error	err;
	unsigned char *buf;

	*len = cc_tail_sample_serial_size(s);
	buf = malloc(*len);
	if (buf == NULL || cc_tail_sample_serialize(s, buf, *len, &err) != CC_OK)
		abort();
	return buf;
}

/* The sample as text that reads back exactly (malloc'd). */
static char *
Text(const cc_tail_sample *s)
{
	size_t		cap = 16 + s->n * 48,
				used;
	char	   *t = malloc(cap);

	if (t == NULL)
		abort();
	used = (size_t) snprintf(t, cap, "%s", s->kind == CC_TAIL_DISCRETE ? "discrete:" : "continuous:");
	for (size_t i = 0; i < s->n; i++)
		used += (size_t) snprintf(t + used, cap - used, "%s%.17g*%llu", i ? "," : "", s->x[i],
								  (unsigned long long) s->count[i]);
	return t;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str = malloc(size + 1);
	cc_tail_sample s,
				t;
	cc_error	err;
	cc_status	st;
	uint64_t	total = 0;

	if (str == NULL)
		abort();
	memcpy(str, data, size);
	str[size] = '\0';
	st = cc_tail_sample_parse(str, &s, &err);
	free(str);
	if (st != CC_OK)
	{
		if (st != CC_ESYNTAX && st != CC_ERANGE && st != CC_ELIMIT && st != CC_ENOMEM)
			abort();
		return 0;
	}
	if (s.n != s.nsorted)
		abort();
	for (size_t i = 0; i < s.n; i++)
	{
		cc_error	verr;

		if (cc_tail_check_value(s.kind, s.x[i], &verr) != CC_OK || s.count[i] == 0 ||
			(i > 0 && !(s.x[i] > s.x[i - 1])))
			abort();
		total += s.count[i];
	}
	if (total != s.total || total > CC_TAIL_MAX_COUNT)
		abort();
	{
		char	   *again = Text(&s);
		unsigned char *a,
				   *b;
		size_t		la,
					lb;

		if (cc_tail_sample_parse(again, &t, &err) != CC_OK)
			abort();
		a = Bytes(&s, &la);
		b = Bytes(&t, &lb);
		if (la != lb || memcmp(a, b, la) != 0)
			abort();
		free(a);
		free(b);
		free(again);
		cc_tail_sample_free(&t);
	}
	cc_tail_sample_free(&s);
	return 0;
}
