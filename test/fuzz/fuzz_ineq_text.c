/*
 * libFuzzer target for cc_ineq_hist_parse, the text input of effort_hist.
 *
 * Build and run (clang with libFuzzer, ASan and UBSan):
 *     make -f test/fuzz/fuzz.mk                       # builds test/fuzz/build/fuzz_ineq_text
 *     make -f test/fuzz/fuzz.mk run FUZZ_SECONDS=60    # runs it on the seed corpus
 *
 * Properties checked on every input (read as a NUL-terminated string, as the server
 * passes it):
 *  - parsing never crashes and either accepts or says CC_ESYNTAX (or CC_ERANGE, CC_ELIMIT,
 *    CC_ENOMEM), leaving nothing allocated when it refuses;
 *  - an accepted histogram is compacted with the invariants (finite values >= +0, strictly
 *    ascending, counts >= 1, total = sum of counts);
 *  - written back as text (17 significant digits, every count) it parses to the same
 *    histogram, value for value.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collcog/inequality.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1),
			   *out;
	cc_value_hist h,
				back;
	cc_error	err;
	cc_status	st;
	uint64_t	total = 0;
	size_t		pos = 0;

	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	st = cc_ineq_hist_parse(text, &h, &err);
	free(text);
	if (st != CC_OK)
	{
		if ((st != CC_ESYNTAX && st != CC_ERANGE && st != CC_ELIMIT && st != CC_ENOMEM) ||
			h.x != NULL || h.n != 0)
			abort();
		return 0;
	}
	if (h.n != h.nsorted)
		abort();
	for (size_t i = 0; i < h.n; i++)
	{
		if (!isfinite(h.x[i]) || h.x[i] < 0 || signbit(h.x[i]) || h.count[i] == 0 ||
			(i > 0 && !(h.x[i] > h.x[i - 1])))
			abort();
		total += h.count[i];
	}
	if (total != h.total)
		abort();
	out = malloc(h.n * 48 + 1);
	if (out == NULL)
		abort();
	out[0] = '\0';
	for (size_t i = 0; i < h.n; i++)
		pos += (size_t) snprintf(out + pos, 48, "%s%.17g*%llu", i > 0 ? "," : "", h.x[i],
								 (unsigned long long) h.count[i]);
	if (cc_ineq_hist_parse(out, &back, &err) != CC_OK || back.n != h.n || back.total != h.total)
		abort();
	for (size_t i = 0; i < h.n; i++)
		if (back.x[i] != h.x[i] || back.count[i] != h.count[i])
			abort();
	free(out);
	cc_value_hist_free(&back);
	cc_value_hist_free(&h);
	return 0;
}
