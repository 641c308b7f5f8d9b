/* strbuf: growable byte buffers and allocation helpers that never return NULL. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Report exhaustion and exit: the tools cannot do anything useful without memory. */
static void
out_of_memory(void)
{
	fputs("out of memory\n", stderr);
	exit(EXIT_FAILURE);
}

void *
xmalloc(size_t size)
{
	void	   *p = malloc(size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void	   *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

char *
xstrndup(const char *s, size_t len)
{
	char	   *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void *
xgrow(void *array, size_t n, size_t *cap, size_t elem_size, size_t first_cap)
{
	if (n < *cap)
		return array;
	*cap = *cap ? 2 * *cap : first_cap;
	return xrealloc(array, *cap * elem_size);
}

void
strbuf_init(StrBuf *buf)
{
	buf->cap = 64;
	buf->len = 0;
	buf->data = xmalloc(buf->cap);
	buf->data[0] = '\0';
}

void
strbuf_free(StrBuf *buf)
{
	free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}

void
strbuf_reset(StrBuf *buf)
{
	buf->len = 0;
	buf->data[0] = '\0';
}

/* Make room for extra more bytes plus the terminator, doubling to keep appends amortised O(1). */
void
strbuf_reserve(StrBuf *buf, size_t extra)
{
	size_t		need;

	if (extra > ((size_t) -1) / 2 - buf->len)
		out_of_memory();
	need = buf->len + extra + 1;
	if (need <= buf->cap)
		return;
	while (buf->cap < need)
		buf->cap *= 2;
	buf->data = xrealloc(buf->data, buf->cap);
}

void
strbuf_append(StrBuf *buf, const char *bytes, size_t len)
{
	strbuf_reserve(buf, len);
	memcpy(buf->data + buf->len, bytes, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

void
strbuf_appends(StrBuf *buf, const char *s)
{
	strbuf_append(buf, s, strlen(s));
}

void
strbuf_appendc(StrBuf *buf, char c)
{
	strbuf_append(buf, &c, 1);
}

void
strbuf_appendf(StrBuf *buf, const char *fmt,...)
{
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(buf->data + buf->len, buf->cap - buf->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t) n >= buf->cap - buf->len)
	{
		strbuf_reserve(buf, (size_t) n);
		va_start(ap, fmt);
		vsnprintf(buf->data + buf->len, buf->cap - buf->len, fmt, ap);
		va_end(ap);
	}
	buf->len += (size_t) n;
}
