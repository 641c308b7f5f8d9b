/*
 * collcog inequality: how unequally effort is spread over agents (DESIGN section 5; paper
 * 000, Sec. 5.2 and App. D.2).
 *
 * The data are an effort histogram: a cc_value_hist (common.h) of finite values >= 0, zeros
 * included, which is also the exact, mergeable and serialisable state of the aggregates.
 * With N the number of values (zeros count) and S their sum, on a compacted histogram:
 *   Gini           G = 2 sum_i i x_(i) / (N S) - (N + 1) / N   (population form, x ascending),
 *                  or G N / (N - 1) (the unbiased form); 0 when S = 0
 *   top-k share    (sum of the k largest values) / S; k >= N gives 1
 *   top share      the top-k share with k = ceil(fraction N)
 *   effective      S^2 / sum x^2 (the number of equal agents with the same concentration)
 *   Lorenz curve   the share of S held by the poorest fraction p of the values, linear
 *                  between the points (i / N, sum of the i smallest / S)
 * Results are doubles; NaN means "no value" (the glue returns NULL): no values at all, S = 0
 * for the shares, the effective number and the Lorenz curve, N = 1 for the unbiased Gini.
 * Every measure is invariant to the scale of the values and computed on the values scaled
 * by a power of two (exact), so that no sum overflows.
 */
#ifndef COLLCOG_INEQUALITY_H
#define COLLCOG_INEQUALITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collcog/common.h"

/* An empty effort histogram (messages call it "effort histogram"). */
void		cc_ineq_hist_init(cc_value_hist *h);
/* Check that x is finite and >= 0; CC_EINVAL naming the value otherwise. */
cc_status	cc_ineq_check_value(double x, cc_error *err);
/* Add count copies of x (validated; -0 is stored as 0). */
cc_status	cc_ineq_hist_add(cc_value_hist *h, double x, uint64_t count, cc_error *err);

/*
 * The accumulating form, the state of the aggregates: once it holds CC_INEQ_DENSE_AFTER
 * values, the integers 0 .. CC_INEQ_DENSE - 1 are counted in a dense array (O(1) a value, no
 * sorting: most effort counts are such integers), the other values go to the histogram.
 * cc_ineq_acc_fold moves the dense counts into the histogram and compacts it; h is then the
 * whole content, and the accumulation may go on. Small states never allocate the array.
 */
#define CC_INEQ_DENSE 4096
#define CC_INEQ_DENSE_AFTER 4096
typedef struct cc_ineq_acc
{
	cc_value_hist h;
	uint64_t   *dense;			/* CC_INEQ_DENSE counts, or NULL */
	uint64_t	ndense;			/* values counted in dense */
} cc_ineq_acc;

void		cc_ineq_acc_init(cc_ineq_acc *a);
/* Add one value x (validated; CC_ERANGE past CC_TAIL_MAX_COUNT values in all). */
cc_status	cc_ineq_acc_add(cc_ineq_acc *a, double x, cc_error *err);
/* Fold the dense counts into a->h and compact it. */
cc_status	cc_ineq_acc_fold(cc_ineq_acc *a, cc_error *err);

/*
 * Serialised form (little-endian, version 1), the stored bytes of effort_hist:
 *   "CCEH" | version u8 = 1 | reserved u8 x 3 = 0 | n u64 | n x (value f64, count u64)
 * Values finite, >= 0 and strictly ascending (a zero as +0), counts >= 1, total at most
 * CC_TAIL_MAX_COUNT, at most CC_TAIL_MAX_VALUES entries.
 */
#define CC_INEQ_SERIAL_VERSION 1
#define CC_INEQ_SERIAL_HEADER 16
size_t		cc_ineq_hist_serial_size(const cc_value_hist *h);
/* Write a compacted histogram (CC_EINVAL if not compacted or buf too short, CC_ELIMIT
 * beyond CC_TAIL_MAX_VALUES). */
cc_status	cc_ineq_hist_serialize(const cc_value_hist *h, unsigned char *buf, size_t len,
								   cc_error *err);
/* Read and fully validate into an uninitialised h; malformed input gives CC_ECORRUPT
 * (CC_ERANGE for counts past a bigint), never a crash. */
cc_status	cc_ineq_hist_deserialize(cc_value_hist *h, const unsigned char *buf, size_t len,
									 cc_error *err);

/*
 * Text form (inequality/text.c), the text input of effort_hist: value[*count] items
 * separated by commas, values finite, >= 0 and strictly ascending, counts from 1 to
 * 2^63 - 1 ("*count" may be omitted: 1), blanks around tokens; the empty text is the empty
 * histogram. Fills an uninitialised h, compacted; CC_ESYNTAX with the reason in err->detail,
 * CC_ERANGE for counts past a bigint, CC_ELIMIT beyond CC_TAIL_MAX_VALUES values.
 */
cc_status	cc_ineq_hist_parse(const char *text, cc_value_hist *h, cc_error *err);

/* The measures (inequality/measures.c), on a compacted histogram (CC_EINVAL if not). */
cc_status	cc_ineq_gini(const cc_value_hist *h, bool unbiased, double *out, cc_error *err);
/* k >= 1 (CC_EINVAL naming it otherwise). */
cc_status	cc_ineq_top_k_share(const cc_value_hist *h, int64_t k, double *out,
								cc_error *err);
/* The k of a top share: ceil(fraction n), at least 1, where a product that exceeds an
 * integer by no more than 8 units of rounding counts as that integer (0.1 x 30 is
 * 3.0000000000000004 in binary; k is 3). fraction in (0, 1]. */
int64_t		cc_ineq_top_k(double fraction, uint64_t n);
/* fraction in (0, 1] (CC_EINVAL naming it otherwise). */
cc_status	cc_ineq_top_share(const cc_value_hist *h, double fraction, double *out,
							  cc_error *err);
cc_status	cc_ineq_effective(const cc_value_hist *h, double *out, cc_error *err);
/* share[j - 1] = L(j / points) for j = 1..points; 1 <= points <= CC_INEQ_MAX_POINTS. All
 * NaN when there is no value or S = 0. */
cc_status	cc_ineq_lorenz(const cc_value_hist *h, int32_t points, double *share,
						   cc_error *err);

#endif							/* COLLCOG_INEQUALITY_H */
