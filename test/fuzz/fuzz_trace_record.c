/*
 * libFuzzer target: one line of the trace format through collcog-load's record parser
 * (src/cli/common/trace_record.c). Any input must give a parsed record or an error text,
 * never a crash, a leak or undefined behaviour; an accepted record must encode a COPY row
 * ending in a newline, with every parent id retrievable.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "trace_record.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TraceRecord rec;

	trace_record_init(&rec);
	if (trace_record_parse(&rec, (const char *) data, size))
	{
		size_t		i,
					len;

		assert(rec.row.len > 0 && rec.row.data[rec.row.len - 1] == '\n');
		for (i = 0; i < rec.nparents; i++)
			assert(trace_record_parent(&rec, i, &len) != NULL && len > 0);
	}
	else
		assert(rec.error[0] != '\0');
	trace_record_free(&rec);
	return 0;
}
