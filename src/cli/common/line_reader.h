/*
 * line_reader: reads a stream line by line in bounded memory. A line longer than the limit is
 * reported as such without reading the rest of it into memory.
 */
#ifndef COLLCOG_CLI_LINE_READER_H
#define COLLCOG_CLI_LINE_READER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef enum LineStatus
{
	LINE_OK,					/* *line, *len hold the next line, without its '\n' */
	LINE_EOF,					/* no more lines */
	LINE_TOO_LONG,				/* the line numbered lineno exceeds max_line bytes */
	LINE_IO_ERROR				/* reading failed; errno tells why */
} LineStatus;

typedef struct LineReader
{
	FILE	   *fp;
	char	   *buf;
	size_t		cap;
	size_t		start;			/* unread data is buf[start, end) */
	size_t		end;
	size_t		max_line;		/* longest accepted line, in bytes, without the '\n' */
	int64_t		lineno;			/* number of the line last returned (1-based) */
	bool		newline;		/* whether the line last returned ended with a '\n' */
	int64_t		bytes_read;		/* total bytes read from fp */
	int			eof;
} LineReader;

void		line_reader_init(LineReader *r, FILE *fp, size_t max_line);
void		line_reader_free(LineReader *r);
/* The next line; it stays valid until the next call. */
LineStatus	line_reader_next(LineReader *r, const char **line, size_t *len);
/* Drop a UTF-8 byte order mark from the start of a (first) line. */
void		line_skip_bom(const char **line, size_t *len);

#endif
