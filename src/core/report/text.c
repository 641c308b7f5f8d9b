/*
 * The growable text the report is written into, and escaping for XML and HTML.
 */
#include "collcog/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
cc_text_init(cc_text *t)
{
	t->data = NULL;
	t->len = 0;
	t->cap = 0;
	t->failed = false;
}

void
cc_text_free(cc_text *t)
{
	cc_free(t->data);
	cc_text_init(t);
}

/* Make room for more bytes and the NUL; false (and failed set) when that fails. */
static bool
text_reserve(cc_text *t, size_t more)
{
	size_t		want;
	size_t		cap;
	char	   *grown;

	if (t->failed)
		return false;
	if (more > (size_t) -1 / 2 - t->len)
	{
		t->failed = true;
		return false;
	}
	want = t->len + more + 1;
	if (want <= t->cap)
		return true;
	cap = t->cap ? t->cap : 256;
	while (cap < want)
		cap *= 2;
	grown = cc_realloc(t->data, cap);
	if (grown == NULL)
	{
		t->failed = true;
		return false;
	}
	t->data = grown;
	t->cap = cap;
	return true;
}

void
cc_text_append(cc_text *t, const char *s, size_t n)
{
	if (!text_reserve(t, n))
		return;
	memcpy(t->data + t->len, s, n);
	t->len += n;
	t->data[t->len] = '\0';
}

void
cc_text_puts(cc_text *t, const char *s)
{
	cc_text_append(t, s, strlen(s));
}

void
cc_text_printf(cc_text *t, const char *fmt, ...)
{
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !text_reserve(t, (size_t) n))
	{
		t->failed = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(t->data + t->len, (size_t) n + 1, fmt, ap);
	va_end(ap);
	t->len += (size_t) n;
}

void
cc_text_escape(cc_text *t, const char *s, size_t n)
{
	size_t		start = 0;

	for (size_t i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];
		const char *entity;

		switch (c)
		{
			case '<':
				entity = "&lt;";
				break;
			case '>':
				entity = "&gt;";
				break;
			case '&':
				entity = "&amp;";
				break;
			case '"':
				entity = "&quot;";
				break;
			case '\'':
				entity = "&#39;";
				break;
			default:
				/* XML 1.0 allows no control characters but tab, newline and return */
				entity = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ? "\xEF\xBF\xBD" : NULL;
				break;
		}
		if (entity == NULL)
			continue;
		cc_text_append(t, s + start, i - start);
		cc_text_puts(t, entity);
		start = i + 1;
	}
	cc_text_append(t, s + start, n - start);
}

void
cc_text_escapes(cc_text *t, const char *s)
{
	if (s != NULL)
		cc_text_escape(t, s, strlen(s));
}

cc_status
cc_text_status(const cc_text *t, cc_error *err)
{
	if (t->failed)
		return cc_fail(err, CC_ENOMEM, "out of memory while writing the report");
	return CC_OK;
}
