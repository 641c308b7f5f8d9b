/*
 * libFuzzer target for cc_ineq_hist_deserialize, the validator behind every effort_hist
 * entry point (binary input, the bytea cast, every function taking an effort_hist) and the
 * inequality aggregates' deserialize function.
 *
 * Build and run (clang with libFuzzer, ASan and UBSan):
 *     make -f test/fuzz/fuzz.mk                       # builds test/fuzz/build/fuzz_ineq_deserialize
 *     make -f test/fuzz/fuzz.mk run FUZZ_SECONDS=60    # runs it on the seed corpus
 *
 * Properties checked on every input:
 *  - deserialize never crashes and either accepts or says CC_ECORRUPT (CC_ERANGE for counts);
 *  - an accepted histogram satisfies the invariants (finite values >= +0, strictly
 *    ascending, counts >= 1, total = sum of counts <= 2^63 - 1);
 *  - it re-serialises to exactly the input bytes (the stored form is canonical);
 *  - every measure of it is computed without error, in range (Gini in [0, 1], shares in
 *    [0, 1], 1 <= effective agents <= N), and merging it with itself keeps the Gini.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collcog/inequality.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cc_value_hist h,
				t;
	cc_error	err;
	cc_status	st = cc_ineq_hist_deserialize(&h, data, size, &err);
	unsigned char *buf;
	size_t		len;
	uint64_t	total = 0;
	double		g,
				g2,
				v,
				share[3];

	if (st != CC_OK)
	{
		if (st != CC_ECORRUPT && st != CC_ERANGE && st != CC_ENOMEM)
			abort();
		return 0;
	}
	for (size_t i = 0; i < h.n; i++)
	{
		if (!isfinite(h.x[i]) || h.x[i] < 0 || signbit(h.x[i]) || h.count[i] == 0 ||
			(i > 0 && !(h.x[i] > h.x[i - 1])))
			abort();
		total += h.count[i];
	}
	if (total != h.total || h.n != h.nsorted || total > (UINT64_C(1) << 63))
		abort();
	len = cc_ineq_hist_serial_size(&h);
	if (len != size || (buf = malloc(len)) == NULL)
		abort();
	if (cc_ineq_hist_serialize(&h, buf, len, &err) != CC_OK || memcmp(buf, data, len) != 0)
		abort();
	free(buf);
	if (cc_ineq_gini(&h, false, &g, &err) != CC_OK ||
		(h.total > 0 && !(g >= -1e-12 && g <= 1.0)))
		abort();
	if (cc_ineq_top_share(&h, 0.1, &v, &err) != CC_OK || (!isnan(v) && !(v >= 0 && v <= 1 + 1e-12)))
		abort();
	if (cc_ineq_effective(&h, &v, &err) != CC_OK ||
		(!isnan(v) && !(v >= 1 - 1e-9 && v <= (double) h.total * (1 + 1e-9))))
		abort();
	if (cc_ineq_lorenz(&h, 3, share, &err) != CC_OK || (!isnan(share[0]) && share[2] != 1.0))
		abort();
	/* self-merge: fails only on the 2^63 - 1 total limit; the Gini of two copies is the same */
	if (cc_value_hist_copy(&t, &h, &err) != CC_OK)
		abort();
	if (cc_value_hist_merge(&t, &h, &err) == CC_OK)
	{
		if (cc_ineq_gini(&t, false, &g2, &err) != CC_OK || t.total != 2 * h.total ||
			(h.total > 0 && !(fabs(g2 - g) <= 1e-9)))
			abort();
	}
	cc_value_hist_free(&t);
	cc_value_hist_free(&h);
	return 0;
}
