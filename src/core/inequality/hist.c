/*
 * The effort histogram: finite values >= 0 with their counts (common's value histogram),
 * its domain and its serialised form, the stored bytes of effort_hist.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inequality_internal.h"

#define WHAT "effort histogram"

void
cc_ineq_hist_init(cc_value_hist *h)
{
	cc_value_hist_init(h, WHAT);
}

cc_numstr
ineq_num(double x)
{
	cc_numstr	r;

	if (!isfinite(x))
		return cc_num(x);
	for (int digits = 15; digits <= 17; digits++)
	{
		snprintf(r.s, sizeof(r.s), "%.*g", digits, x);
		if (strtod(r.s, NULL) == x)
			break;
	}
	return r;
}

cc_status
cc_ineq_check_value(double x, cc_error *err)
{
	if (!isfinite(x))
	{
		cc_fail(err, CC_EINVAL, "value %s is not finite", ineq_num(x).s);
		cc_fail_detail(err, "Inequality measures accept finite values >= 0.");
		return CC_EINVAL;
	}
	if (x < 0.0)
	{
		cc_fail(err, CC_EINVAL, "value %s is negative", ineq_num(x).s);
		cc_fail_detail(err, "Inequality measures accept finite values >= 0.");
		return CC_EINVAL;
	}
	return CC_OK;
}

cc_status
cc_ineq_hist_add(cc_value_hist *h, double x, uint64_t count, cc_error *err)
{
	cc_status	st;

	if ((st = cc_ineq_check_value(x, err)) != CC_OK)
		return st;
	/* -0 == 0: store +0, whose bit pattern sorts first (see common.h) */
	return cc_value_hist_add(h, x == 0.0 ? 0.0 : x, count, err);
}

size_t
cc_ineq_hist_serial_size(const cc_value_hist *h)
{
	return CC_INEQ_SERIAL_HEADER + h->n * CC_VALUE_HIST_ENTRY;
}

cc_status
cc_ineq_hist_serialize(const cc_value_hist *h, unsigned char *buf, size_t len, cc_error *err)
{
	if (h->n != h->nsorted)
		return cc_fail(err, CC_EINVAL, "effort histogram must be compacted before serialisation");
	if (h->n > CC_TAIL_MAX_VALUES)
		return cc_fail(err, CC_ELIMIT, "effort histogram of %zu distinct values exceeds the limit of %d",
					   h->n, CC_TAIL_MAX_VALUES);
	if (len < cc_ineq_hist_serial_size(h))
		return cc_fail(err, CC_EINVAL, "serialisation buffer of %zu bytes is too small", len);
	memcpy(buf, "CCEH", 4);
	buf[4] = CC_INEQ_SERIAL_VERSION;
	buf[5] = buf[6] = buf[7] = 0;
	cc_put_u64le(buf + 8, (uint64_t) h->n);
	cc_value_hist_put_entries(h, buf + CC_INEQ_SERIAL_HEADER);
	return CC_OK;
}

/* A stored value: in the domain, and a zero is +0 (the one canonical form). */
static cc_status
CheckEntry(double x, void *ctx, cc_error *err)
{
	(void) ctx;
	if (x == 0.0 && signbit(x))
		return cc_fail(err, CC_EINVAL, "value -0 is not stored as 0");
	return cc_ineq_check_value(x, err);
}

cc_status
cc_ineq_hist_deserialize(cc_value_hist *h, const unsigned char *buf, size_t len,
						 cc_error *err)
{
	uint64_t	n;
	cc_status	st;

	cc_ineq_hist_init(h);
	if (buf == NULL || len < CC_INEQ_SERIAL_HEADER)
		return cc_fail(err, CC_ECORRUPT, "effort histogram of %zu bytes is too short", len);
	if (memcmp(buf, "CCEH", 4) != 0)
		return cc_fail(err, CC_ECORRUPT, "effort histogram has a bad magic number");
	if (buf[4] != CC_INEQ_SERIAL_VERSION)
		return cc_fail(err, CC_ECORRUPT, "effort histogram has unknown version %d", buf[4]);
	if (buf[5] != 0 || buf[6] != 0 || buf[7] != 0)
		return cc_fail(err, CC_ECORRUPT, "effort histogram has nonzero reserved bytes");
	n = cc_get_u64le(buf + 8);
	if (n > (len - CC_INEQ_SERIAL_HEADER) / CC_VALUE_HIST_ENTRY ||
		len != CC_INEQ_SERIAL_HEADER + n * CC_VALUE_HIST_ENTRY)
		return cc_fail(err, CC_ECORRUPT, "effort histogram length %zu does not match its %llu entries",
					   len, (unsigned long long) n);
	if (n > CC_TAIL_MAX_VALUES)
		return cc_fail(err, CC_ECORRUPT, "effort histogram of %llu entries exceeds the limit of %d",
					   (unsigned long long) n, CC_TAIL_MAX_VALUES);
	st = cc_value_hist_get_entries(h, buf + CC_INEQ_SERIAL_HEADER, (size_t) n, CheckEntry, NULL,
								   err);
	if (st != CC_OK)
		cc_value_hist_free(h);
	return st;
}
