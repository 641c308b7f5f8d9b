/* line_reader: line-by-line reading with a length limit and bounded memory. */
#include "line_reader.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#define LINE_READER_CHUNK 65536

void
line_reader_init(LineReader *r, FILE *fp, size_t max_line)
{
	r->fp = fp;
	r->cap = LINE_READER_CHUNK;
	r->buf = xmalloc(r->cap);
	r->start = r->end = 0;
	r->max_line = max_line;
	r->lineno = 0;
	r->newline = false;
	r->bytes_read = 0;
	r->eof = 0;
}

void
line_reader_free(LineReader *r)
{
	free(r->buf);
	r->buf = NULL;
}

/* Read more input after the unread data, moving it to the front and growing as needed. */
static int
fill(LineReader *r)
{
	size_t		n;

	if (r->start > 0)
	{
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->cap - r->end < LINE_READER_CHUNK)
	{
		r->cap = r->cap * 2 > r->end + LINE_READER_CHUNK ? r->cap * 2 : r->end + LINE_READER_CHUNK;
		r->buf = xrealloc(r->buf, r->cap);
	}
	n = fread(r->buf + r->end, 1, r->cap - r->end, r->fp);
	r->end += n;
	r->bytes_read += (int64_t) n;
	if (n == 0)
	{
		if (ferror(r->fp))
			return -1;
		r->eof = 1;
	}
	return 0;
}

LineStatus
line_reader_next(LineReader *r, const char **line, size_t *len)
{
	for (;;)
	{
		size_t		avail = r->end - r->start;
		char	   *nl = avail ? memchr(r->buf + r->start, '\n', avail) : NULL;
		size_t		linelen = nl ? (size_t) (nl - (r->buf + r->start)) : avail;

		if (linelen > r->max_line)
		{
			r->lineno++;
			return LINE_TOO_LONG;
		}
		if (nl != NULL || (r->eof && avail > 0))
		{
			*line = r->buf + r->start;
			*len = linelen;
			r->start += linelen + (nl != NULL);
			r->newline = nl != NULL;
			r->lineno++;
			return LINE_OK;
		}
		if (r->eof)
			return LINE_EOF;
		if (fill(r) < 0)
			return LINE_IO_ERROR;
	}
}

void
line_skip_bom(const char **line, size_t *len)
{
	if (*len >= 3 && memcmp(*line, "\xEF\xBB\xBF", 3) == 0)
	{
		*line += 3;
		*len -= 3;
	}
}
