/* load_report: the loaders' messages about an input, on stderr. */
#include "load_report.h"

#include <inttypes.h>
#include <stdio.h>

void
load_report(const char *name, int64_t line, const char *message)
{
	if (line > 0)
		fprintf(stderr, "%s:%" PRId64 ": %s\n", name, line, message);
	else
		fprintf(stderr, "%s: %s\n", name, message);
}
