/*
 * libFuzzer target: a CSV input through collcog-load's record scanner and line map
 * (src/cli/common/csv_scan.c, csv_line_map.c), split into lines as the loader reads them.
 * Any input must scan without a crash, a leak or undefined behaviour; the bytes to send must
 * be the input with only records \. quoted; every field must be readable; the map must take
 * COPY's lines to the file's in order and within the file.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "csv_line_map.h"
#include "csv_scan.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *) data;
	const char *first_nl = memchr(in, '\n', size);
	CsvScan		scan;
	CsvLineMap	map;
	StrBuf		out;
	size_t		pos = 0;
	size_t		quoted = 0;
	int64_t		lineno = 0;
	int64_t		n,
				last = 1;

	/* the header's line end decides, as in the loader */
	csv_scan_init(&scan, first_nl != NULL && first_nl > in && first_nl[-1] == '\r');
	scan.keep_all = true;
	csv_line_map_init(&map);
	strbuf_init(&out);
	while (pos < size)
	{
		const char *nl = memchr(in + pos, '\n', size - pos);
		size_t		len = nl != NULL ? (size_t) (nl - (in + pos)) : size - pos;
		size_t		before = out.len;
		size_t		i;

		lineno++;
		if (csv_scan_line(&scan, in + pos, len, nl != NULL, lineno, &out))
		{
			csv_line_map_add(&map, scan.first_line, lineno, scan.counted);
			for (i = 0; i < scan.nfields + 1; i++)
			{
				size_t		flen = 0;
				const char *v = csv_scan_field(&scan, i, &flen);

				assert(v == NULL || (v >= scan.values.data &&
									 v + flen <= scan.values.data + scan.values.len));
			}
		}
		quoted += out.len - before - len - (nl != NULL);
		pos += len + (nl != NULL);
	}
	if (scan.in_record)
		csv_line_map_add(&map, scan.first_line, lineno, scan.counted);
	assert(quoted % 2 == 0 && out.len == size + quoted);
	for (n = 1; n <= map.copy_lines; n++)
	{
		int64_t		line = csv_line_map_file_line(&map, n);

		assert(line >= last && line <= lineno);
		last = line;
	}
	strbuf_free(&out);
	csv_line_map_free(&map);
	csv_scan_free(&scan);
	return 0;
}
