/*
 * The weighted sorted sample: distinct values ascending with counts. It is the state of the
 * tail aggregates: built from raw values or a histogram, merged, serialised, validated.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "collcog/tail.h"

/* What messages call a tail sample. */
#define WHAT "tail sample"

/* The sample's histogram (common/value_hist.c) as a cc_value_hist, and back. */
static cc_value_hist
Hist(const cc_tail_sample *s)
{
	cc_value_hist h = {WHAT, s->n, s->nsorted, s->cap, s->x, s->count, s->total};

	return h;
}

static void
SetHist(cc_tail_sample *s, const cc_value_hist *h)
{
	s->n = h->n;
	s->nsorted = h->nsorted;
	s->cap = h->cap;
	s->x = h->x;
	s->count = h->count;
	s->total = h->total;
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
	cc_value_hist h = Hist(s);
	cc_status	st = cc_value_hist_reserve(&h, want, err);

	SetHist(s, &h);
	return st;
}

cc_status
cc_tail_sample_add(cc_tail_sample *s, double x, uint64_t count, cc_error *err)
{
	cc_value_hist h;
	cc_status	st;

	if ((st = cc_tail_check_value(s->kind, x, err)) != CC_OK)
		return st;
	h = Hist(s);
	st = cc_value_hist_add(&h, x, count, err);
	SetHist(s, &h);
	return st;
}

cc_status
cc_tail_sample_compact(cc_tail_sample *s, cc_error *err)
{
	cc_value_hist h = Hist(s);
	cc_status	st = cc_value_hist_compact(&h, err);

	SetHist(s, &h);
	return st;
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
	cc_value_hist h;
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
		h = Hist(s);
		st = cc_value_hist_add_total(&h, count[i], err);
		SetHist(s, &h);
		if (st != CC_OK)
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
	cc_value_hist hd,
				hs;
	cc_status	st;

	if (dst->kind != src->kind)
		return cc_fail(err, CC_EINVAL, "cannot merge a discrete and a continuous tail sample");
	hd = Hist(dst);
	hs = Hist(src);
	st = cc_value_hist_merge(&hd, &hs, err);
	SetHist(dst, &hd);
	return st;
}

cc_status
cc_tail_sample_copy(cc_tail_sample *dst, const cc_tail_sample *src, cc_error *err)
{
	cc_value_hist hd,
				hs = Hist(src);
	cc_status	st;

	if ((st = cc_tail_sample_init(dst, src->kind, err)) != CC_OK)
		return st;
	st = cc_value_hist_copy(&hd, &hs, err);
	SetHist(dst, &hd);
	return st;
}

/* --- serialisation: explicit little-endian, independent of the host --- */

size_t
cc_tail_sample_serial_size(const cc_tail_sample *s)
{
	return CC_TAIL_SERIAL_HEADER + s->n * CC_VALUE_HIST_ENTRY;
}

cc_status
cc_tail_sample_serialize(const cc_tail_sample *s, unsigned char *buf, size_t len,
						 cc_error *err)
{
	cc_value_hist h = Hist(s);

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
	cc_put_u64le(buf + 8, (uint64_t) s->n);
	cc_value_hist_put_entries(&h, buf + CC_TAIL_SERIAL_HEADER);
	return CC_OK;
}

/* A serialised entry's value in the domain of the kind *ctx. */
static cc_status
CheckEntry(double x, void *ctx, cc_error *err)
{
	return cc_tail_check_value(*(const cc_tail_kind *) ctx, x, err);
}

cc_status
cc_tail_sample_deserialize(cc_tail_sample *s, const unsigned char *buf, size_t len,
						   cc_error *err)
{
	uint64_t	n;
	cc_tail_kind kind;
	cc_value_hist h;
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
	n = cc_get_u64le(buf + 8);
	if (n > (len - CC_TAIL_SERIAL_HEADER) / CC_VALUE_HIST_ENTRY ||
		len != CC_TAIL_SERIAL_HEADER + n * CC_VALUE_HIST_ENTRY)
		return cc_fail(err, CC_ECORRUPT, "tail sample length %zu does not match its %llu entries",
					   len, (unsigned long long) n);
	if ((st = cc_tail_sample_init(s, kind, err)) != CC_OK)
		return st;
	h = Hist(s);
	st = cc_value_hist_get_entries(&h, buf + CC_TAIL_SERIAL_HEADER, (size_t) n, CheckEntry,
								   &kind, err);
	SetHist(s, &h);
	if (st != CC_OK)
		cc_tail_sample_free(s);
	return st;
}
