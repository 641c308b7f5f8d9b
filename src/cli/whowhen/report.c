/* report: error messages about the inputs, and whether there were any. */
#include <stdarg.h>
#include <stdio.h>

#include "whowhen.h"

bool		had_error = false;

int
fail(const char *file, const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "%s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	had_error = true;
	return -1;
}
