/*
 * libFuzzer target for cc_tail_sample_deserialize, the validator behind every tail_hist
 * entry point (text and binary input, the bytea cast, every function taking a tail_hist)
 * and the aggregates' deserialize function.
 *
 * Build and run (clang with libFuzzer, ASan and UBSan):
 *     make -f test/fuzz/fuzz.mk                       # builds test/fuzz/build/fuzz_tail_deserialize
 *     make -f test/fuzz/fuzz.mk run FUZZ_SECONDS=60    # runs it on the seed corpus
 *
 * Properties checked on every input:
 *  - deserialize never crashes and either accepts or says CC_ECORRUPT (CC_ERANGE for counts);
 *  - an accepted sample satisfies the invariants (strictly ascending values in the domain of
 *    its kind, counts >= 1, total = sum of counts <= 2^63 - 1);
 *  - an accepted sample re-serialises to exactly the input bytes (the stored form is
 *    canonical, so the text and binary round trips of tail_hist are exact);
 *  - merging it with itself and serialising gives a sample that deserialises again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collcog/tail.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cc_tail_sample s,
				t,
				u;
	cc_error	err;
	cc_status	st = cc_tail_sample_deserialize(&s, data, size, &err);
	unsigned char *buf;
	size_t		len,
				i;
	uint64_t	total = 0;

	if (st != CC_OK)
	{
		if (st != CC_ECORRUPT && st != CC_ERANGE && st != CC_ENOMEM)
			abort();
		return 0;
	}
	for (i = 0; i < s.n; i++)
	{
		cc_error	verr;

		if (cc_tail_check_value(s.kind, s.x[i], &verr) != CC_OK || s.count[i] == 0 ||
			(i > 0 && !(s.x[i] > s.x[i - 1])))
			abort();
		total += s.count[i];
	}
	if (total != s.total || s.n != s.nsorted || total > (UINT64_C(1) << 63))
		abort();
	len = cc_tail_sample_serial_size(&s);
	if (len != size)
		abort();
	buf = malloc(len);
	if (buf == NULL)
		abort();
	if (cc_tail_sample_serialize(&s, buf, len, &err) != CC_OK || memcmp(buf, data, len) != 0)
		abort();
	free(buf);
	/* self-merge: fails only on the 2^63 - 1 total limit, else must round-trip */
	if (cc_tail_sample_copy(&t, &s, &err) != CC_OK)
		abort();
	if (cc_tail_sample_merge(&t, &s, &err) == CC_OK)
	{
		len = cc_tail_sample_serial_size(&t);
		buf = malloc(len);
		if (buf == NULL || cc_tail_sample_serialize(&t, buf, len, &err) != CC_OK ||
			cc_tail_sample_deserialize(&u, buf, len, &err) != CC_OK || u.total != 2 * s.total)
			abort();
		cc_tail_sample_free(&u);
		free(buf);
	}
	cc_tail_sample_free(&t);
	cc_tail_sample_free(&s);
	return 0;
}
