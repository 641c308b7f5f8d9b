/*
 * The weighted sorted sample: distinct values ascending with counts. It is the state of the
 * tail aggregates: built from raw values or a histogram, merged, serialised, validated.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "collcog/tail.h"

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
 * Sort pairs by value. Values are positive and finite, so their IEEE bit patterns order
 * like the numbers: an LSD radix sort on the 64-bit keys, skipping the byte positions in
 * which every key agrees (most of them for small integers). tmp has room for n pairs.
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

cc_status
cc_tail_sample_init(cc_tail_sample *s, cc_tail_kind kind, cc_error *err)
{
	memset(s, 0, sizeof(*s));
	if (kind != CC_TAIL_DISCRETE && kind != CC_TAIL_CONTINUOUS)
		return cc_fail(err, CC_EINVAL, "invalid tail sample kind %d", (int) kind);
	s->kind = kind;
	return CC_OK;
}

void
cc_tail_sample_free(cc_tail_sample *s)
{
	cc_tail_kind kind = s->kind;

	cc_free(s->x);
	cc_free(s->count);
	memset(s, 0, sizeof(*s));
	s->kind = kind;
}

cc_status
cc_tail_check_value(cc_tail_kind kind, double x, cc_error *err)
{
	if (!isfinite(x))
	{
		cc_fail(err, CC_EINVAL, "value %g is not finite", x);
		cc_fail_detail(err, "Tail fits accept only finite values.");
		return CC_EINVAL;
	}
	if (kind == CC_TAIL_DISCRETE)
	{
		if (x < 1.0 || x != floor(x) || x > CC_TAIL_MAX_DISCRETE)
		{
			cc_fail(err, CC_EINVAL, "value %.17g is not an integer >= 1", x);
			cc_fail_detail(err, "Discrete tail fits accept integers from 1 to 2^53.");
			return CC_EINVAL;
		}
	}
	else if (!(x > 0.0))
	{
		cc_fail(err, CC_EINVAL, "value %.17g is not positive", x);
		cc_fail_detail(err, "Continuous tail fits accept values greater than zero.");
		return CC_EINVAL;
	}
	return CC_OK;
}

/* Make room for at least want entries. */
static cc_status
Reserve(cc_tail_sample *s, size_t want, cc_error *err)
{
	size_t		cap;
	double	   *nx;
	uint64_t   *nc;

	if (want <= s->cap)
		return CC_OK;
	cap = s->cap < MIN_CAP ? MIN_CAP : s->cap;
	while (cap < want)
	{
		if (cap > SIZE_MAX / 2 / sizeof(uint64_t))
			return cc_fail(err, CC_ELIMIT, "tail sample too large");
		cap *= 2;
	}
	nx = cc_realloc(s->x, cap * sizeof(double));
	if (nx == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for a tail sample of %zu values", cap);
	s->x = nx;
	nc = cc_realloc(s->count, cap * sizeof(uint64_t));
	if (nc == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for a tail sample of %zu values", cap);
	s->count = nc;
	s->cap = cap;
	return CC_OK;
}

/* Counts and totals beyond CC_TAIL_MAX_COUNT cannot be returned as a bigint. */
static cc_status
CountOutOfRange(cc_error *err)
{
	cc_fail(err, CC_ERANGE, "tail sample count exceeds %llu",
			(unsigned long long) CC_TAIL_MAX_COUNT);
	cc_fail_detail(err, "A count, and the total of all counts, must fit a bigint.");
	return CC_ERANGE;
}

/* total += c, refused past CC_TAIL_MAX_COUNT. */
static cc_status
AddTotal(cc_tail_sample *s, uint64_t c, cc_error *err)
{
	if (c > CC_TAIL_MAX_COUNT || s->total > CC_TAIL_MAX_COUNT - c)
		return CountOutOfRange(err);
	s->total += c;
	return CC_OK;
}

cc_status
cc_tail_sample_add(cc_tail_sample *s, double x, uint64_t count, cc_error *err)
{
	cc_status	st;

	if ((st = cc_tail_check_value(s->kind, x, err)) != CC_OK)
		return st;
	if (count == 0)
		return CC_OK;
	/* Fast path: a value equal to or above the last sorted one, with nothing pending. */
	if (s->n == s->nsorted && s->n > 0 && x == s->x[s->n - 1])
	{
		if ((st = AddTotal(s, count, err)) != CC_OK)
			return st;
		s->count[s->n - 1] += count;
		return CC_OK;
	}
	if ((st = AddTotal(s, count, err)) != CC_OK)
		return st;
	if (s->n == s->nsorted && (s->n == 0 || x > s->x[s->n - 1]))
	{
		if ((st = Reserve(s, s->n + 1, err)) != CC_OK)
		{
			s->total -= count;
			return st;
		}
		s->x[s->n] = x;
		s->count[s->n] = count;
		s->n++;
		s->nsorted++;
		return CC_OK;
	}
	if ((st = Reserve(s, s->n + 1, err)) != CC_OK)
	{
		s->total -= count;
		return st;
	}
	s->x[s->n] = x;
	s->count[s->n] = count;
	s->n++;
	/* Keep the pending suffix no longer than the sorted part (amortised O(log n) per add). */
	if (s->n - s->nsorted > 1024 && s->n - s->nsorted > s->nsorted)
		return cc_tail_sample_compact(s, err);
	return CC_OK;
}

cc_status
cc_tail_sample_compact(cc_tail_sample *s, cc_error *err)
{
	size_t		np = s->n - s->nsorted,
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
		return cc_fail(err, CC_ENOMEM, "out of memory compacting a tail sample");
	for (i = 0; i < np; i++)
	{
		p[i].x = s->x[s->nsorted + i];
		p[i].c = s->count[s->nsorted + i];
	}
	if (np >= 512)
	{
		pair	   *tmp = cc_malloc(np * sizeof(pair));

		if (tmp == NULL)
		{
			cc_free(p);
			return cc_fail(err, CC_ENOMEM, "out of memory compacting a tail sample");
		}
		RadixSortPairs(p, tmp, np);
		cc_free(tmp);
	}
	else
		qsort(p, np, sizeof(pair), PairCmp);
	/* Merge sorted prefix and sorted pending into fresh arrays. */
	nx = cc_malloc((s->n > 0 ? s->n : 1) * sizeof(double));
	nc = cc_malloc((s->n > 0 ? s->n : 1) * sizeof(uint64_t));
	if (nx == NULL || nc == NULL)
	{
		cc_free(p);
		cc_free(nx);
		cc_free(nc);
		return cc_fail(err, CC_ENOMEM, "out of memory compacting a tail sample");
	}
	i = j = k = 0;
	while (i < s->nsorted || j < np)
	{
		double		x;
		uint64_t	c;

		if (j >= np || (i < s->nsorted && s->x[i] <= p[j].x))
		{
			x = s->x[i];
			c = s->count[i++];
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
	cc_free(s->x);
	cc_free(s->count);
	s->x = nx;
	s->count = nc;
	s->cap = s->n > 0 ? s->n : 1;
	s->n = s->nsorted = k;
	return CC_OK;
}

cc_status
cc_tail_sample_from_values(cc_tail_sample *s, cc_tail_kind kind, const double *x, size_t n,
						   cc_error *err)
{
	cc_status	st;
	size_t		i;

	if ((st = cc_tail_sample_init(s, kind, err)) != CC_OK)
		return st;
	if (n > 0 && x == NULL)
		return cc_fail(err, CC_EINVAL, "null value array");
	for (i = 0; i < n; i++)
		if ((st = cc_tail_check_value(kind, x[i], err)) != CC_OK)
			return st;
	if ((st = Reserve(s, n, err)) != CC_OK)
		return st;
	for (i = 0; i < n; i++)
	{
		s->x[i] = x[i];
		s->count[i] = 1;
	}
	s->n = n;
	s->total = n;
	if ((st = cc_tail_sample_compact(s, err)) != CC_OK)
		cc_tail_sample_free(s);
	return st;
}

cc_status
cc_tail_sample_from_hist(cc_tail_sample *s, cc_tail_kind kind, const double *x,
						 const uint64_t *count, size_t n, cc_error *err)
{
	cc_status	st;
	size_t		i;

	if ((st = cc_tail_sample_init(s, kind, err)) != CC_OK)
		return st;
	if (n > 0 && (x == NULL || count == NULL))
		return cc_fail(err, CC_EINVAL, "null histogram array");
	for (i = 0; i < n; i++)
		if ((st = cc_tail_check_value(kind, x[i], err)) != CC_OK)
			return st;
	if ((st = Reserve(s, n, err)) != CC_OK)
		return st;
	for (i = 0; i < n; i++)
	{
		if (count[i] == 0)
			continue;
		if ((st = AddTotal(s, count[i], err)) != CC_OK)
		{
			cc_tail_sample_free(s);
			return st;
		}
		s->x[s->n] = x[i];
		s->count[s->n++] = count[i];
	}
	if ((st = cc_tail_sample_compact(s, err)) != CC_OK)
		cc_tail_sample_free(s);
	return st;
}

cc_status
cc_tail_sample_merge(cc_tail_sample *dst, const cc_tail_sample *src, cc_error *err)
{
	cc_status	st;
	size_t		i;
	uint64_t	old_total = dst->total;

	if (dst->kind != src->kind)
		return cc_fail(err, CC_EINVAL, "cannot merge a discrete and a continuous tail sample");
	if ((st = AddTotal(dst, src->total, err)) != CC_OK)
		return st;
	dst->total = old_total;
	if ((st = Reserve(dst, dst->n + src->n, err)) != CC_OK)
		return st;
	for (i = 0; i < src->n; i++)
	{
		dst->x[dst->n + i] = src->x[i];
		dst->count[dst->n + i] = src->count[i];
	}
	dst->n += src->n;
	dst->total += src->total;
	return cc_tail_sample_compact(dst, err);
}

cc_status
cc_tail_sample_copy(cc_tail_sample *dst, const cc_tail_sample *src, cc_error *err)
{
	cc_status	st;

	if ((st = cc_tail_sample_init(dst, src->kind, err)) != CC_OK)
		return st;
	if ((st = Reserve(dst, src->n, err)) != CC_OK)
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

/* --- serialisation: explicit little-endian, independent of the host --- */

static void
PutU64(unsigned char *p, uint64_t v)
{
	int			i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char) (v >> (8 * i));
}

static uint64_t
GetU64(const unsigned char *p)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t) p[i] << (8 * i);
	return v;
}

size_t
cc_tail_sample_serial_size(const cc_tail_sample *s)
{
	return CC_TAIL_SERIAL_HEADER + s->n * 16;
}

cc_status
cc_tail_sample_serialize(const cc_tail_sample *s, unsigned char *buf, size_t len,
						 cc_error *err)
{
	size_t		i;

	if (s->n != s->nsorted)
		return cc_fail(err, CC_EINVAL, "tail sample must be compacted before serialisation");
	if (s->n > CC_TAIL_MAX_VALUES)
		return cc_fail(err, CC_ELIMIT, "tail sample of %zu distinct values exceeds the limit of %d",
					   s->n, CC_TAIL_MAX_VALUES);
	if (len < cc_tail_sample_serial_size(s))
		return cc_fail(err, CC_EINVAL, "serialisation buffer of %zu bytes is too small", len);
	memcpy(buf, "CCTS", 4);
	buf[4] = CC_TAIL_SERIAL_VERSION;
	buf[5] = (unsigned char) s->kind;
	buf[6] = buf[7] = 0;
	PutU64(buf + 8, (uint64_t) s->n);
	for (i = 0; i < s->n; i++)
	{
		uint64_t	bits;

		memcpy(&bits, &s->x[i], 8);
		PutU64(buf + 16 + 16 * i, bits);
		PutU64(buf + 24 + 16 * i, s->count[i]);
	}
	return CC_OK;
}

cc_status
cc_tail_sample_deserialize(cc_tail_sample *s, const unsigned char *buf, size_t len,
						   cc_error *err)
{
	uint64_t	n,
				total = 0;
	size_t		i;
	cc_tail_kind kind;
	cc_error	verr;
	cc_status	st;

	memset(s, 0, sizeof(*s));
	s->kind = CC_TAIL_DISCRETE;
	if (buf == NULL || len < CC_TAIL_SERIAL_HEADER)
		return cc_fail(err, CC_ECORRUPT, "tail sample of %zu bytes is too short", len);
	if (memcmp(buf, "CCTS", 4) != 0)
		return cc_fail(err, CC_ECORRUPT, "tail sample has a bad magic number");
	if (buf[4] != CC_TAIL_SERIAL_VERSION)
		return cc_fail(err, CC_ECORRUPT, "tail sample has unknown version %d", buf[4]);
	if (buf[5] != CC_TAIL_DISCRETE && buf[5] != CC_TAIL_CONTINUOUS)
		return cc_fail(err, CC_ECORRUPT, "tail sample has unknown kind %d", buf[5]);
	kind = (cc_tail_kind) buf[5];
	if (buf[6] != 0 || buf[7] != 0)
		return cc_fail(err, CC_ECORRUPT, "tail sample has nonzero reserved bytes");
	n = GetU64(buf + 8);
	if (n > (len - CC_TAIL_SERIAL_HEADER) / 16 || len != CC_TAIL_SERIAL_HEADER + n * 16)
		return cc_fail(err, CC_ECORRUPT, "tail sample length %zu does not match its %llu entries",
					   len, (unsigned long long) n);
	for (i = 0; i < n; i++)
	{
		uint64_t	bits = GetU64(buf + 16 + 16 * i),
					c = GetU64(buf + 24 + 16 * i);
		double		x,
					prev;

		memcpy(&x, &bits, 8);
		if (cc_tail_check_value(kind, x, &verr) != CC_OK)
			return cc_fail(err, CC_ECORRUPT, "tail sample entry %zu: %s", i, verr.message);
		if (i > 0)
		{
			bits = GetU64(buf + 16 * i);
			memcpy(&prev, &bits, 8);
			if (!(x > prev))
				return cc_fail(err, CC_ECORRUPT, "tail sample values are not strictly ascending at entry %zu", i);
		}
		if (c == 0)
			return cc_fail(err, CC_ECORRUPT, "tail sample entry %zu has a zero count", i);
		if (c > CC_TAIL_MAX_COUNT || total > CC_TAIL_MAX_COUNT - c)
			return CountOutOfRange(err);
		total += c;
	}
	if ((st = cc_tail_sample_init(s, kind, err)) != CC_OK)
		return st;
	if ((st = Reserve(s, (size_t) n, err)) != CC_OK)
		return st;
	for (i = 0; i < n; i++)
	{
		uint64_t	bits = GetU64(buf + 16 + 16 * i);

		memcpy(&s->x[i], &bits, 8);
		s->count[i] = GetU64(buf + 24 + 16 * i);
	}
	s->n = s->nsorted = (size_t) n;
	s->total = total;
	return CC_OK;
}
