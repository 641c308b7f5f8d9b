/* load_report: the loaders' messages about an input. */
#include "load_report.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void
load_report(const char *name, int64_t line, const char *message)
{
	if (line > 0)
		fprintf(stderr, "%s:%" PRId64 ": %s\n", name, line, message);
	else
		fprintf(stderr, "%s: %s\n", name, message);
}

int64_t
load_read_error(const LineReader *reader, LineStatus st, StrBuf *msg)
{
	if (st == LINE_TOO_LONG)
	{
		strbuf_appendf(msg, "line is longer than %zu bytes (see --max-line-bytes)",
					   reader->max_line);
		return reader->lineno;
	}
	strbuf_appendf(msg, "read error: %s", strerror(errno));
	return reader->lineno + 1;
}
