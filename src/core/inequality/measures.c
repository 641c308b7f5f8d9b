/*
 * Gini, top shares, the effective number of agents and the Lorenz curve of an effort
 * histogram (formulas in inequality.h). Every value is scaled by the same power of two,
 * which is exact and leaves the measures unchanged, so that sums of values near the largest
 * double do not overflow; sums are compensated (Neumaier), so that ten million values lose
 * no more than a few units of rounding.
 */
#include <float.h>
#include <math.h>

#include "inequality_internal.h"

/* A compensated sum. */
typedef struct ksum
{
	double		s;
	double		c;
} ksum;

static void
KAdd(ksum *k, double x)
{
	double		t = k->s + x;

	if (fabs(k->s) >= fabs(x))
		k->c += (k->s - t) + x;
	else
		k->c += (x - t) + k->s;
	k->s = t;
}

static double
KVal(const ksum *k)
{
	return k->s + k->c;
}

/* The exponent that brings the largest value below 1 (0 when every value is 0). */
static int
ScaleExp(const cc_value_hist *h)
{
	int			e = 0;

	if (h->n > 0)
		(void) frexp(h->x[h->n - 1], &e);
	return e;
}

static cc_status
NeedCompacted(const cc_value_hist *h, cc_error *err)
{
	if (h->n != h->nsorted)
		return cc_fail(err, CC_EINVAL, "effort histogram must be compacted");
	return CC_OK;
}

/* The sum of the scaled values. */
static double
ScaledSum(const cc_value_hist *h, int e)
{
	ksum		s = {0, 0};

	for (size_t j = 0; j < h->n; j++)
		KAdd(&s, (double) h->count[j] * ldexp(h->x[j], -e));
	return KVal(&s);
}

cc_status
cc_ineq_gini(const cc_value_hist *h, bool unbiased, double *out, cc_error *err)
{
	int			e = ScaleExp(h);
	double		n = (double) h->total,
				sum,
				g;
	ksum		num = {0, 0};
	uint64_t	before = 0;
	cc_status	st;

	*out = NAN;
	if ((st = NeedCompacted(h, err)) != CC_OK)
		return st;
	if (h->total == 0 || (unbiased && h->total == 1))
		return CC_OK;
	sum = ScaledSum(h, e);
	if (sum == 0.0)
	{
		*out = 0.0;
		return CC_OK;
	}
	/* sum over the ranks a+1..a+c of a tied group of (2i - n - 1) is c (2a + c - n) */
	for (size_t j = 0; j < h->n; j++)
	{
		double		c = (double) h->count[j];

		KAdd(&num, ldexp(h->x[j], -e) * c * (2.0 * (double) before + c - n));
		before += h->count[j];
	}
	g = KVal(&num) / (n * sum);
	if (unbiased)
		g *= n / (n - 1.0);
	/* Both forms lie in [0, 1]; rounding can take a Gini near 1 (one value holding almost
	 * everything among ~10^18 agents) an ulp past it. */
	*out = fmin(fmax(g, 0.0), 1.0);
	return CC_OK;
}

cc_status
cc_ineq_top_k_share(const cc_value_hist *h, int64_t k, double *out, cc_error *err)
{
	int			e = ScaleExp(h);
	double		sum;
	ksum		top = {0, 0};
	uint64_t	left;
	cc_status	st;

	*out = NAN;
	if (k < 1)
	{
		cc_fail(err, CC_EINVAL, "k %lld is not positive", (long long) k);
		cc_fail_detail(err, "A top-k share takes the k >= 1 largest values.");
		return CC_EINVAL;
	}
	if ((st = NeedCompacted(h, err)) != CC_OK)
		return st;
	if (h->total == 0 || (sum = ScaledSum(h, e)) == 0.0)
		return CC_OK;
	if ((uint64_t) k >= h->total)
	{
		*out = 1.0;
		return CC_OK;
	}
	left = (uint64_t) k;
	for (size_t j = h->n; j-- > 0 && left > 0;)
	{
		uint64_t	take = h->count[j] < left ? h->count[j] : left;

		KAdd(&top, (double) take * ldexp(h->x[j], -e));
		left -= take;
	}
	*out = KVal(&top) / sum;
	return CC_OK;
}

int64_t
cc_ineq_top_k(double fraction, uint64_t n)
{
	double		q = fraction * (double) n,
				k = ceil(q * (1.0 - 8.0 * DBL_EPSILON));

	if (k < 1.0)
		return 1;
	if (k >= (double) n)
		return (int64_t) (n > (uint64_t) INT64_MAX ? (uint64_t) INT64_MAX : n);
	return (int64_t) k;
}

cc_status
cc_ineq_top_share(const cc_value_hist *h, double fraction, double *out, cc_error *err)
{
	*out = NAN;
	if (!(fraction > 0.0 && fraction <= 1.0))
	{
		cc_fail(err, CC_EINVAL, "fraction %s is not in (0, 1]", ineq_num(fraction).s);
		cc_fail_detail(err, "A top share takes the largest ceil(fraction N) of the N values.");
		return CC_EINVAL;
	}
	if (h->total == 0)
		return NeedCompacted(h, err);
	return cc_ineq_top_k_share(h, cc_ineq_top_k(fraction, h->total), out, err);
}

cc_status
cc_ineq_effective(const cc_value_hist *h, double *out, cc_error *err)
{
	int			e = ScaleExp(h);
	ksum		s = {0, 0},
				s2 = {0, 0};
	cc_status	st;

	*out = NAN;
	if ((st = NeedCompacted(h, err)) != CC_OK)
		return st;
	for (size_t j = 0; j < h->n; j++)
	{
		double		y = ldexp(h->x[j], -e),
					c = (double) h->count[j];

		KAdd(&s, c * y);
		KAdd(&s2, c * y * y);
	}
	if (KVal(&s) > 0.0)
		*out = KVal(&s) * KVal(&s) / KVal(&s2);
	return CC_OK;
}

cc_status
cc_ineq_lorenz(const cc_value_hist *h, int32_t points, double *share, cc_error *err)
{
	int			e = ScaleExp(h);
	double		n = (double) h->total,
				sum;
	ksum		below = {0, 0};		/* sum of the values of the groups before g */
	size_t		g = 0;
	uint64_t	before = 0;			/* values in the groups before g */
	cc_status	st;

	if (points < 1 || points > CC_INEQ_MAX_POINTS)
	{
		cc_fail(err, CC_EINVAL, "points %d is not between 1 and %d", (int) points,
				CC_INEQ_MAX_POINTS);
		cc_fail_detail(err, "A Lorenz curve has at least one point: population share 1.");
		return CC_EINVAL;
	}
	if ((st = NeedCompacted(h, err)) != CC_OK)
		return st;
	sum = h->total == 0 ? 0.0 : ScaledSum(h, e);
	for (int32_t j = 1; j <= points; j++)
	{
		double		t,
					i;

		if (sum == 0.0)
		{
			share[j - 1] = NAN;
			continue;
		}
		if (j == points)
		{
			share[j - 1] = 1.0;
			continue;
		}
		/* t values lie below population share j / points: i whole ones, part of the next */
		t = (double) j * n / (double) points;
		i = floor(t);
		while ((double) (before + h->count[g]) <= i)
		{
			KAdd(&below, (double) h->count[g] * ldexp(h->x[g], -e));
			before += h->count[g++];
		}
		share[j - 1] = (KVal(&below) + (t - (double) before) * ldexp(h->x[g], -e)) / sum;
	}
	return CC_OK;
}
