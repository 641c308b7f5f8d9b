/*
 * csv_line_map: from the line number of a COPY error back to the line of the file. COPY
 * counts one line per record plus the newlines inside quotes that match the file's line end,
 * so the two numberings part at records whose quoted fields hold newlines (or, in a CR LF
 * file, lone LFs or CRs). Only such records are stored.
 */
#ifndef COLLCOG_CLI_CSV_LINE_MAP_H
#define COLLCOG_CLI_CSV_LINE_MAP_H

#include <stddef.h>
#include <stdint.h>

/* A record whose lines COPY numbers copy_first..copy_last and the file first..last. */
typedef struct CsvSpan
{
	int64_t		copy_first;
	int64_t		copy_last;
	int64_t		file_first;
	int64_t		file_last;
} CsvSpan;

typedef struct CsvLineMap
{
	int64_t		copy_lines;		/* COPY's count after the records added so far */
	CsvSpan    *spans;			/* the records that do not sit on one line of each */
	size_t		nspans;
	size_t		cap;
} CsvLineMap;

void		csv_line_map_init(CsvLineMap *map);
void		csv_line_map_free(CsvLineMap *map);
/* The next record (the header first): on the file's lines first..last, with counted
 * newlines inside quotes that COPY counts as lines. */
void		csv_line_map_add(CsvLineMap *map, int64_t first, int64_t last, int64_t counted);
/* The file line where the record holding COPY's line n starts. */
int64_t		csv_line_map_file_line(const CsvLineMap *map, int64_t n);

#endif
