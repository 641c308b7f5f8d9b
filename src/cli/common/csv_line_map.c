/* csv_line_map: COPY's line numbers of a CSV input mapped back to the file's lines. */
#include "csv_line_map.h"

#include <stdlib.h>

#include "strbuf.h"

void
csv_line_map_init(CsvLineMap *map)
{
	map->copy_lines = 0;
	map->spans = NULL;
	map->nspans = map->cap = 0;
}

void
csv_line_map_free(CsvLineMap *map)
{
	free(map->spans);
	csv_line_map_init(map);
}

void
csv_line_map_add(CsvLineMap *map, int64_t first, int64_t last, int64_t counted)
{
	CsvSpan    *span;

	if (last == first && counted == 0)
	{
		/* one line in both numberings: found from the span before it */
		map->copy_lines++;
		return;
	}
	map->spans = xgrow(map->spans, map->nspans, &map->cap, sizeof(CsvSpan), 64);
	span = &map->spans[map->nspans++];
	span->copy_first = map->copy_lines + 1;
	span->copy_last = span->copy_first + counted;
	span->file_first = first;
	span->file_last = last;
	map->copy_lines = span->copy_last;
}

int64_t
csv_line_map_file_line(const CsvLineMap *map, int64_t n)
{
	size_t		lo = 0;
	size_t		hi = map->nspans;
	const CsvSpan *span;

	/* the last span that starts at or before n */
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (map->spans[mid].copy_first <= n)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return n;
	span = &map->spans[lo - 1];
	if (n <= span->copy_last)
		return span->file_first;
	/* single-line records follow it, one line each in both numberings */
	return span->file_last + (n - span->copy_last);
}
