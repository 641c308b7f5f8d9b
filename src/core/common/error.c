/*
 * Error records of the core, and doubles written the way PostgreSQL writes them.
 */
#include "collcog/common.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

cc_status
cc_fail(cc_error *err, cc_status code, const char *fmt, ...)
{
	va_list		ap;

	if (err == NULL)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	err->detail[0] = '\0';
	return code;
}

void
cc_fail_detail(cc_error *err, const char *fmt, ...)
{
	va_list		ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
}

cc_numstr
cc_num(double x)
{
	cc_numstr	r;

	if (isnan(x))
		strcpy(r.s, "NaN");
	else if (isinf(x))
		strcpy(r.s, x > 0 ? "Infinity" : "-Infinity");
	else
		snprintf(r.s, sizeof(r.s), "%g", x);
	return r;
}
