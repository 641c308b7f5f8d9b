/*
 * Value histograms: distinct values ascending with counts, built from values in any order,
 * merged, and read and written as serialised entries. The tail sample (tail/sample.c) and
 * the effort histogram (inequality/hist.c) are this with their own domain of values.
 */
#include <stdlib.h>
#include <string.h>

#include "collcog/common.h"

#define MIN_CAP 16

/* qsort order for (value, count) pairs, by value. */
typedef struct pair
{
	double		x;
	uint64_t	c;
} pair;

static int
PairCmp(const void *a, const void *b)
{
	double		x = ((const pair *) a)->x,
				y = ((const pair *) b)->x;

	return (x > y) - (x < y);
}

/*
 * Sort pairs by value. Values are finite and not negative (+0.0 for zero), so their IEEE
 * bit patterns order like the numbers: an LSD radix sort on the 64-bit keys, skipping the
 * byte positions in which every key agrees (most of them for small integers). tmp has room
 * for n pairs.
 */
static void
RadixSortPairs(pair *p, pair *tmp, size_t n)
{
	size_t		count[256],
				i;
	int			byte;
	uint64_t	all_and = ~UINT64_C(0),
				all_or = 0;

	for (i = 0; i < n; i++)
	{
		uint64_t	k;

		memcpy(&k, &p[i].x, 8);
		all_and &= k;
		all_or |= k;
	}
	for (byte = 0; byte < 8; byte++)
	{
		int			shift = 8 * byte;
		size_t		sum = 0;

		if ((((all_and ^ all_or) >> shift) & 0xff) == 0)
			continue;			/* every key has the same byte here */
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
		{
			uint64_t	k;

			memcpy(&k, &p[i].x, 8);
			count[(k >> shift) & 0xff]++;
		}
		for (i = 0; i < 256; i++)
		{
			size_t		c = count[i];

			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
		{
			uint64_t	k;

			memcpy(&k, &p[i].x, 8);
			tmp[count[(k >> shift) & 0xff]++] = p[i];
		}
		memcpy(p, tmp, n * sizeof(pair));
	}
}

void
cc_value_hist_init(cc_value_hist *h, const char *what)
{
	memset(h, 0, sizeof(*h));
	h->what = what;
}

void
cc_value_hist_free(cc_value_hist *h)
{
	const char *what = h->what;

	cc_free(h->x);
	cc_free(h->count);
	cc_value_hist_init(h, what);
}

cc_status
cc_value_hist_reserve(cc_value_hist *h, size_t want, cc_error *err)
{
	size_t		cap;
	double	   *nx;
	uint64_t   *nc;

	if (want <= h->cap)
		return CC_OK;
	cap = h->cap < MIN_CAP ? MIN_CAP : h->cap;
	while (cap < want)
	{
		if (cap > SIZE_MAX / 2 / sizeof(uint64_t))
			return cc_fail(err, CC_ELIMIT, "%s too large", h->what);
		cap *= 2;
	}
	nx = cc_realloc(h->x, cap * sizeof(double));
	if (nx == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for a %s of %zu values", h->what, cap);
	h->x = nx;
	nc = cc_realloc(h->count, cap * sizeof(uint64_t));
	if (nc == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for a %s of %zu values", h->what, cap);
	h->count = nc;
	h->cap = cap;
	return CC_OK;
}

cc_status
cc_value_hist_count_range(const char *what, cc_error *err)
{
	cc_fail(err, CC_ERANGE, "%s count exceeds %llu", what,
			(unsigned long long) CC_TAIL_MAX_COUNT);
	cc_fail_detail(err, "A count, and the total of all counts, must fit a bigint.");
	return CC_ERANGE;
}

cc_status
cc_value_hist_add_total(cc_value_hist *h, uint64_t c, cc_error *err)
{
	if (c > CC_TAIL_MAX_COUNT || h->total > CC_TAIL_MAX_COUNT - c)
		return cc_value_hist_count_range(h->what, err);
	h->total += c;
	return CC_OK;
}

cc_status
cc_value_hist_add(cc_value_hist *h, double x, uint64_t count, cc_error *err)
{
	cc_status	st;

	if (count == 0)
		return CC_OK;
	/* Fast path: the last sorted value again, with nothing pending. */
	if (h->n == h->nsorted && h->n > 0 && x == h->x[h->n - 1])
	{
		if ((st = cc_value_hist_add_total(h, count, err)) != CC_OK)
			return st;
		h->count[h->n - 1] += count;
		return CC_OK;
	}
	if ((st = cc_value_hist_add_total(h, count, err)) != CC_OK)
		return st;
	if ((st = cc_value_hist_reserve(h, h->n + 1, err)) != CC_OK)
	{
		h->total -= count;
		return st;
	}
	h->x[h->n] = x;
	h->count[h->n] = count;
	/* A value above every sorted one, with nothing pending, extends the sorted part. */
	if (h->n == h->nsorted && (h->n == 0 || x > h->x[h->n - 1]))
	{
		h->n++;
		h->nsorted++;
		return CC_OK;
	}
	h->n++;
	/* Keep the pending suffix no longer than the sorted part (amortised O(log n) per add). */
	if (h->n - h->nsorted > 1024 && h->n - h->nsorted > h->nsorted)
		return cc_value_hist_compact(h, err);
	return CC_OK;
}

cc_status
cc_value_hist_compact(cc_value_hist *h, cc_error *err)
{
	size_t		np = h->n - h->nsorted,
				i,
				j,
				k;
	pair	   *p;
	double	   *nx;
	uint64_t   *nc;

	if (np == 0)
		return CC_OK;
	p = cc_malloc(np * sizeof(pair));
	if (p == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory compacting a %s", h->what);
	for (i = 0; i < np; i++)
	{
		p[i].x = h->x[h->nsorted + i];
		p[i].c = h->count[h->nsorted + i];
	}
	if (np >= 512)
	{
		pair	   *tmp = cc_malloc(np * sizeof(pair));

		if (tmp == NULL)
		{
			cc_free(p);
			return cc_fail(err, CC_ENOMEM, "out of memory compacting a %s", h->what);
		}
		RadixSortPairs(p, tmp, np);
		cc_free(tmp);
	}
	else
		qsort(p, np, sizeof(pair), PairCmp);
	/* Merge sorted prefix and sorted pending into fresh arrays. */
	nx = cc_malloc((h->n > 0 ? h->n : 1) * sizeof(double));
	nc = cc_malloc((h->n > 0 ? h->n : 1) * sizeof(uint64_t));
	if (nx == NULL || nc == NULL)
	{
		cc_free(p);
		cc_free(nx);
		cc_free(nc);
		return cc_fail(err, CC_ENOMEM, "out of memory compacting a %s", h->what);
	}
	i = j = k = 0;
	while (i < h->nsorted || j < np)
	{
		double		x;
		uint64_t	c;

		if (j >= np || (i < h->nsorted && h->x[i] <= p[j].x))
		{
			x = h->x[i];
			c = h->count[i++];
		}
		else
		{
			x = p[j].x;
			c = p[j++].c;
		}
		if (k > 0 && nx[k - 1] == x)
			nc[k - 1] += c;
		else
		{
			nx[k] = x;
			nc[k++] = c;
		}
	}
	cc_free(p);
	cc_free(h->x);
	cc_free(h->count);
	h->x = nx;
	h->count = nc;
	h->cap = h->n > 0 ? h->n : 1;
	h->n = h->nsorted = k;
	return CC_OK;
}

cc_status
cc_value_hist_merge(cc_value_hist *dst, const cc_value_hist *src, cc_error *err)
{
	cc_status	st;
	uint64_t	old_total = dst->total;

	if ((st = cc_value_hist_add_total(dst, src->total, err)) != CC_OK)
		return st;
	dst->total = old_total;
	if ((st = cc_value_hist_reserve(dst, dst->n + src->n, err)) != CC_OK)
		return st;
	if (src->n > 0)
	{
		memcpy(dst->x + dst->n, src->x, src->n * sizeof(double));
		memcpy(dst->count + dst->n, src->count, src->n * sizeof(uint64_t));
	}
	dst->n += src->n;
	dst->total += src->total;
	return cc_value_hist_compact(dst, err);
}

cc_status
cc_value_hist_copy(cc_value_hist *dst, const cc_value_hist *src, cc_error *err)
{
	cc_status	st;

	cc_value_hist_init(dst, src->what);
	if ((st = cc_value_hist_reserve(dst, src->n, err)) != CC_OK)
		return st;
	if (src->n > 0)
	{
		memcpy(dst->x, src->x, src->n * sizeof(double));
		memcpy(dst->count, src->count, src->n * sizeof(uint64_t));
	}
	dst->n = src->n;
	dst->nsorted = src->nsorted;
	dst->total = src->total;
	return CC_OK;
}

void
cc_value_hist_put_entries(const cc_value_hist *h, unsigned char *buf)
{
	for (size_t i = 0; i < h->n; i++)
	{
		uint64_t	bits;

		memcpy(&bits, &h->x[i], 8);
		cc_put_u64le(buf + CC_VALUE_HIST_ENTRY * i, bits);
		cc_put_u64le(buf + CC_VALUE_HIST_ENTRY * i + 8, h->count[i]);
	}
}

/* The value of entry i. */
static double
EntryValue(const unsigned char *buf, size_t i)
{
	uint64_t	bits = cc_get_u64le(buf + CC_VALUE_HIST_ENTRY * i);
	double		x;

	memcpy(&x, &bits, 8);
	return x;
}

cc_status
cc_value_hist_get_entries(cc_value_hist *h, const unsigned char *buf, size_t n,
						  cc_value_check check, void *ctx, cc_error *err)
{
	uint64_t	total = 0;
	size_t		i;
	cc_error	verr;
	cc_status	st;

	for (i = 0; i < n; i++)
	{
		double		x = EntryValue(buf, i);
		uint64_t	c = cc_get_u64le(buf + CC_VALUE_HIST_ENTRY * i + 8);

		if (check(x, ctx, &verr) != CC_OK)
			return cc_fail(err, CC_ECORRUPT, "%s entry %zu: %s", h->what, i, verr.message);
		if (i > 0 && !(x > EntryValue(buf, i - 1)))
			return cc_fail(err, CC_ECORRUPT, "%s values are not strictly ascending at entry %zu",
						   h->what, i);
		if (c == 0)
			return cc_fail(err, CC_ECORRUPT, "%s entry %zu has a zero count", h->what, i);
		if (c > CC_TAIL_MAX_COUNT || total > CC_TAIL_MAX_COUNT - c)
			return cc_value_hist_count_range(h->what, err);
		total += c;
	}
	if ((st = cc_value_hist_reserve(h, n, err)) != CC_OK)
		return st;
	for (i = 0; i < n; i++)
	{
		h->x[i] = EntryValue(buf, i);
		h->count[i] = cc_get_u64le(buf + CC_VALUE_HIST_ENTRY * i + 8);
	}
	h->n = h->nsorted = n;
	h->total = total;
	return CC_OK;
}
