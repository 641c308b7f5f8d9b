/*
 * strbuf: a growable byte buffer (always NUL-terminated) and the allocation helpers of the
 * command-line tools, which print "out of memory" and exit instead of returning NULL.
 */
#ifndef COLLCOG_CLI_STRBUF_H
#define COLLCOG_CLI_STRBUF_H

#include <stddef.h>

typedef struct StrBuf
{
	char	   *data;			/* NUL-terminated contents */
	size_t		len;			/* bytes used, not counting the terminator */
	size_t		cap;			/* bytes allocated */
} StrBuf;

void	   *xmalloc(size_t size);
void	   *xrealloc(void *ptr, size_t size);
char	   *xstrndup(const char *s, size_t len);
char	   *xstrdup(const char *s);
/* An array of n elements of elem_size bytes with room for *cap, given room for one more:
 * when it is full, *cap doubles (from first_cap when it is 0) and the array is reallocated. */
void	   *xgrow(void *array, size_t n, size_t *cap, size_t elem_size, size_t first_cap);

void		strbuf_init(StrBuf *buf);
void		strbuf_free(StrBuf *buf);
void		strbuf_reset(StrBuf *buf);
void		strbuf_reserve(StrBuf *buf, size_t extra);
void		strbuf_append(StrBuf *buf, const char *bytes, size_t len);
void		strbuf_appends(StrBuf *buf, const char *s);
void		strbuf_appendc(StrBuf *buf, char c);
void		strbuf_appendf(StrBuf *buf, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));

#endif
