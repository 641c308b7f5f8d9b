/*
 * Axes of the report's plots: the range widened to round ticks, linear (1, 2, 5 times a
 * power of ten) or logarithmic (the decades).
 */
#include "collcog/report.h"

#include <math.h>
#include <stdio.h>

/* Ticks at multiples of a round step covering [lo, hi], widened to the outer ticks. */
static void
linear_axis(cc_axis *axis, double lo, double hi)
{
	static const double mult[] = {1, 2, 5, 10};
	double		span;
	double		base;
	double		step = 0;
	double		first;
	double		last;

	if (lo == hi)
	{
		double		pad = lo == 0 ? 1 : fabs(lo) * 0.1;

		lo -= pad;
		hi += pad;
	}
	span = hi - lo;
	base = pow(10, floor(log10(span / 10)));
	/* the smallest round step that needs at most 10 intervals */
	for (int i = 0; i < 4; i++)
	{
		step = base * mult[i];
		if (ceil(hi / step) - floor(lo / step) <= 10)
			break;
	}
	first = floor(lo / step);
	last = ceil(hi / step);
	axis->lo = first * step;
	axis->hi = last * step;
	axis->nticks = 0;
	for (double k = first; k <= last && axis->nticks < CC_AXIS_MAX_TICKS; k++)
	{
		double		v = k * step;

		axis->ticks[axis->nticks++] = fabs(v) < step * 1e-9 ? 0 : v;
	}
}

/* Whole decades covering [lo, hi], a tick every k-th decade so that at most 11 show. */
static void
log_axis(cc_axis *axis, double lo, double hi)
{
	double		d0 = floor(log10(lo));
	double		d1 = ceil(log10(hi));
	double		every;

	/* log10 of an exact power of ten is exact; keep a one-decade axis at least */
	if (d1 <= d0)
		d1 = d0 + 1;
	every = ceil((d1 - d0) / 10);
	d0 = floor(d0 / every) * every;
	d1 = ceil(d1 / every) * every;
	axis->lo = pow(10, d0);
	axis->hi = pow(10, d1);
	axis->nticks = 0;
	for (double d = d0; d <= d1 && axis->nticks < CC_AXIS_MAX_TICKS; d += every)
		axis->ticks[axis->nticks++] = pow(10, d);
}

cc_status
cc_axis_make(cc_axis *axis, cc_axis_scale scale, double lo, double hi, cc_error *err)
{
	if (!isfinite(lo) || !isfinite(hi) || lo > hi)
		return cc_fail(err, CC_EINVAL, "axis range [%s, %s] is not a finite interval",
					   cc_num(lo).s, cc_num(hi).s);
	axis->scale = scale;
	if (scale == CC_AXIS_LOG)
	{
		if (lo <= 0)
			return cc_fail(err, CC_EINVAL, "log axis range starts at %s, not above 0",
						   cc_num(lo).s);
		log_axis(axis, lo, hi);
	}
	else
	{
		/* a span past the largest double has no round step */
		if (!isfinite(hi - lo))
			return cc_fail(err, CC_EINVAL, "axis range [%s, %s] is too wide",
						   cc_num(lo).s, cc_num(hi).s);
		linear_axis(axis, lo, hi);
	}
	return CC_OK;
}

double
cc_axis_frac(const cc_axis *axis, double v)
{
	if (axis->scale == CC_AXIS_LOG)
		return (log10(v) - log10(axis->lo)) / (log10(axis->hi) - log10(axis->lo));
	return (v - axis->lo) / (axis->hi - axis->lo);
}

void
cc_axis_label(const cc_axis *axis, double v, char *buf, size_t size)
{
	if (axis->scale == CC_AXIS_LOG)
	{
		double		d = round(log10(v));

		if (d >= -3 && d <= 3)
			snprintf(buf, size, "%g", pow(10, d));
		else
			snprintf(buf, size, "1e%+03d", (int) d);
		return;
	}
	snprintf(buf, size, "%.6g", v);
}
