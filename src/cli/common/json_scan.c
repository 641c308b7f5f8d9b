/* json_scan: check one JSON object line and list its members (see json_scan.h). */
#include "json_scan.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Objects with more keys than this are checked for a key given twice with a hash table. */
#define PAIRWISE_KEYS_MAX 16

typedef struct Reader
{
	JsonScan   *s;
	const char *text;
	const char *p;
	const char *end;
} Reader;

static bool scan_value(Reader *r, int depth, JsonValue *out);

static bool
fail_at(Reader *r, const char *at, const char *fmt,...)
__attribute__((format(printf, 3, 4)));

/* Record what is wrong at byte at; false, so that checks can say "return fail_at(...)". */
static bool
fail_at(Reader *r, const char *at, const char *fmt,...)
{
	va_list		ap;
	int			n;

	n = snprintf(r->s->error, sizeof(r->s->error), "invalid JSON at column %zu: ",
				 (size_t) (at - r->text) + 1);
	va_start(ap, fmt);
	vsnprintf(r->s->error + n, sizeof(r->s->error) - (size_t) n, fmt, ap);
	va_end(ap);
	return false;
}

/* What the next byte is, for messages. */
static const char *
describe_byte(const Reader *r, char *buf, size_t size)
{
	unsigned char c;

	if (r->p >= r->end)
		return "the end of the line";
	c = (unsigned char) *r->p;
	if (c >= 0x21 && c < 0x7f)
		snprintf(buf, size, "'%c'", c);
	else
		snprintf(buf, size, "byte 0x%02x", c);
	return buf;
}

static void
skip_space(Reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\r' || *r->p == '\n'))
		r->p++;
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at p (p + 4 <= end checked by the caller), or -1. */
static long
hex4(const char *p)
{
	long		v = 0;
	int			i;

	for (i = 0; i < 4; i++)
	{
		int			h = hex_value(p[i]);

		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

static void
append_utf8(StrBuf *out, unsigned long cp)
{
	char		b[4];
	size_t		n;

	if (cp < 0x80)
	{
		b[0] = (char) cp;
		n = 1;
	}
	else if (cp < 0x800)
	{
		b[0] = (char) (0xC0 | (cp >> 6));
		b[1] = (char) (0x80 | (cp & 0x3F));
		n = 2;
	}
	else if (cp < 0x10000)
	{
		b[0] = (char) (0xE0 | (cp >> 12));
		b[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char) (0x80 | (cp & 0x3F));
		n = 3;
	}
	else
	{
		b[0] = (char) (0xF0 | (cp >> 18));
		b[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char) (0x80 | (cp & 0x3F));
		n = 4;
	}
	strbuf_append(out, b, n);
}

/* The length of the UTF-8 sequence at p (a byte >= 0x80), or 0 when it is not valid. */
static size_t
utf8_length(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	unsigned char lo = 0x80,
				hi = 0xBF;
	size_t		n,
				i;

	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
	{
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;			/* no overlong forms */
		else if (c == 0xED)
			hi = 0x9F;			/* no surrogates */
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;			/* nothing above U+10FFFF */
	}
	else
		return 0;
	if ((size_t) (end - p) < n || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return n;
}

/*
 * A \u escape at r->p (pointing at the 'u'), with its low surrogate when it is a high one;
 * its code point in *cp.
 */
static bool
scan_unicode_escape(Reader *r, const char *backslash, unsigned long *cp)
{
	long		v;
	long		low;

	if (r->end - r->p < 5 || (v = hex4(r->p + 1)) < 0)
		return fail_at(r, backslash, "\\u must be followed by four hex digits");
	r->p += 5;
	if (v == 0)
		return fail_at(r, backslash, "\\u0000 is not allowed in a string");
	if (v >= 0xDC00 && v <= 0xDFFF)
		return fail_at(r, backslash, "\\u%04lX is a low surrogate without a high one", v);
	if (v >= 0xD800 && v <= 0xDBFF)
	{
		if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' ||
			(low = hex4(r->p + 2)) < 0xDC00 || low > 0xDFFF)
			return fail_at(r, backslash, "\\u%04lX is a high surrogate without a low one", v);
		r->p += 6;
		v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
	}
	*cp = (unsigned long) v;
	return true;
}

/*
 * A string at r->p (the opening quote); appended decoded to out when out is not NULL.
 * Plain bytes are copied in spans, so that the common case costs one pass.
 */
static bool
scan_string(Reader *r, StrBuf *out)
{
	const char *start = r->p;
	const char *span;

	r->p++;
	span = r->p;
	for (;;)
	{
		unsigned char c;

		while (r->p < r->end && (unsigned char) *r->p >= 0x20 && *r->p != '"' &&
			   *r->p != '\\' && (unsigned char) *r->p < 0x80)
			r->p++;
		if (r->p >= r->end)
			return fail_at(r, start, "the line ends inside this string");
		c = (unsigned char) *r->p;
		if (c == '"')
		{
			if (out != NULL)
				strbuf_append(out, span, (size_t) (r->p - span));
			r->p++;
			return true;
		}
		if (c < 0x20)
			return fail_at(r, r->p, "control character U+%04X in a string (it must be escaped)",
						   c);
		if (c >= 0x80)
		{
			size_t		n = utf8_length((const unsigned char *) r->p,
										(const unsigned char *) r->end);

			if (n == 0)
				return fail_at(r, r->p, "invalid UTF-8 (byte 0x%02x)", c);
			r->p += n;
			continue;
		}
		/* a backslash */
		{
			const char *backslash = r->p;
			unsigned long cp = 0;
			char		e;

			if (out != NULL)
				strbuf_append(out, span, (size_t) (r->p - span));
			if (r->p + 1 >= r->end)
				return fail_at(r, start, "the line ends inside this string");
			r->p++;
			e = *r->p;
			switch (e)
			{
				case '"':
				case '\\':
				case '/':
					cp = (unsigned char) e;
					break;
				case 'b':
					cp = '\b';
					break;
				case 'f':
					cp = '\f';
					break;
				case 'n':
					cp = '\n';
					break;
				case 'r':
					cp = '\r';
					break;
				case 't':
					cp = '\t';
					break;
				case 'u':
					if (!scan_unicode_escape(r, backslash, &cp))
						return false;
					r->p--;		/* the increment below steps past the escape */
					break;
				default:
					return fail_at(r, backslash, "invalid escape \\%c", e >= 0x21 && e < 0x7f ? e : '?');
			}
			r->p++;
			if (out != NULL)
				append_utf8(out, cp);
			span = r->p;
		}
	}
}

static bool
is_digit(const Reader *r)
{
	return r->p < r->end && *r->p >= '0' && *r->p <= '9';
}

/* A number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool
scan_number(Reader *r)
{
	const char *start = r->p;

	if (*r->p == '-')
		r->p++;
	if (!is_digit(r))
		return fail_at(r, start, "invalid number: a digit must follow '-'");
	if (*r->p == '0')
		r->p++;
	else
		while (is_digit(r))
			r->p++;
	if (r->p < r->end && *r->p == '.')
	{
		r->p++;
		if (!is_digit(r))
			return fail_at(r, start, "invalid number: a digit must follow '.'");
		while (is_digit(r))
			r->p++;
	}
	if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
	{
		r->p++;
		if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
			r->p++;
		if (!is_digit(r))
			return fail_at(r, start, "invalid number: a digit must follow the exponent");
		while (is_digit(r))
			r->p++;
	}
	if (r->p < r->end && (is_digit(r) || *r->p == '.' || *r->p == 'e' || *r->p == 'E' ||
						  *r->p == '+' || *r->p == '-'))
		return fail_at(r, start, "invalid number");
	return true;
}

static bool
scan_literal(Reader *r, const char *word, JsonKind kind, JsonValue *out)
{
	size_t		n = strlen(word);

	if ((size_t) (r->end - r->p) < n || memcmp(r->p, word, n) != 0)
	{
		char		b[16];

		return fail_at(r, r->p, "unexpected %s", describe_byte(r, b, sizeof(b)));
	}
	r->p += n;
	out->kind = kind;
	return true;
}

static uint64_t
hash_key(const char *p, size_t len)
{
	uint64_t	h = 14695981039346656037ULL;
	size_t		i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char) p[i]) * 1099511628211ULL;
	return h;
}

static bool
same_key(const JsonScan *s, const JsonKeyRef *a, const JsonKeyRef *b)
{
	return a->hash == b->hash && a->len == b->len &&
		memcmp(s->keys.data + a->offset, s->keys.data + b->offset, a->len) == 0;
}

/* The index of a key of stack[base..] given again, or 0 when every key is distinct. */
static size_t
repeated_key(JsonScan *s, size_t base)
{
	size_t		n = s->nstack - base;
	size_t		i,
				j;

	if (n <= PAIRWISE_KEYS_MAX)
	{
		for (i = base + 1; i < s->nstack; i++)
			for (j = base; j < i; j++)
				if (same_key(s, &s->stack[i], &s->stack[j]))
					return i;
		return 0;
	}
	if (s->nslots < 2 * n)
	{
		while (s->nslots < 2 * n)
			s->nslots = s->nslots ? 2 * s->nslots : 64;
		free(s->slots);
		s->slots = xmalloc(s->nslots * sizeof(uint32_t));
	}
	memset(s->slots, 0, s->nslots * sizeof(uint32_t));
	for (i = base; i < s->nstack; i++)
	{
		size_t		slot = (size_t) s->stack[i].hash & (s->nslots - 1);

		while (s->slots[slot] != 0)
		{
			if (same_key(s, &s->stack[i], &s->stack[s->slots[slot] - 1]))
				return i;
			slot = (slot + 1) & (s->nslots - 1);
		}
		s->slots[slot] = (uint32_t) (i + 1);
	}
	return 0;
}

/* An object at r->p; with top, its members are listed in s. */
static bool
scan_object(Reader *r, int depth, bool top)
{
	JsonScan   *s = r->s;
	size_t		base = s->nstack;
	size_t		dup;
	char		b[16];

	if (depth > JSON_SCAN_MAX_DEPTH)
		return fail_at(r, r->p, "nested more than %d levels deep", JSON_SCAN_MAX_DEPTH);
	r->p++;
	skip_space(r);
	if (r->p < r->end && *r->p == '}')
	{
		r->p++;
		return true;
	}
	for (;;)
	{
		const char *key_start;
		size_t		raw_keylen;
		JsonKeyRef *ref;
		JsonValue	value;

		skip_space(r);
		if (r->p >= r->end || *r->p != '"')
			return fail_at(r, r->p, "a key (a string) expected, not %s",
						   describe_byte(r, b, sizeof(b)));
		key_start = r->p;
		s->stack = xgrow(s->stack, s->nstack, &s->stack_cap, sizeof(JsonKeyRef), 64);
		ref = &s->stack[s->nstack++];
		ref->offset = s->keys.len;
		if (!scan_string(r, &s->keys))
			return false;
		raw_keylen = (size_t) (r->p - key_start);
		ref->len = s->keys.len - ref->offset;
		ref->hash = hash_key(s->keys.data + ref->offset, ref->len);
		strbuf_appendc(&s->keys, '\0');
		skip_space(r);
		if (r->p >= r->end || *r->p != ':')
			return fail_at(r, r->p, "':' expected after the key, not %s",
						   describe_byte(r, b, sizeof(b)));
		r->p++;
		if (!scan_value(r, depth, &value))
			return false;
		if (top)
		{
			JsonMember *m;

			s->members = xgrow(s->members, s->n, &s->cap, sizeof(JsonMember), 128);
			m = &s->members[s->n++];
			m->key = NULL;		/* set once the key buffer has stopped moving */
			m->key_offset = ref->offset;
			m->keylen = ref->len;
			m->raw_key = key_start;
			m->raw_keylen = raw_keylen;
			m->value = value;
		}
		skip_space(r);
		if (r->p < r->end && *r->p == ',')
		{
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '}')
		{
			r->p++;
			break;
		}
		return fail_at(r, r->p, "',' or '}' expected, not %s", describe_byte(r, b, sizeof(b)));
	}
	if ((dup = repeated_key(s, base)) > 0)
	{
		char		shown[80];

		snprintf(shown, sizeof(shown), "%.60s%s", s->keys.data + s->stack[dup].offset,
				 s->stack[dup].len > 60 ? "..." : "");
		snprintf(s->error, sizeof(s->error), "invalid JSON: key \"%s\" is given twice in an object",
				 shown);
		return false;
	}
	s->nstack = base;
	return true;
}

static bool
scan_array(Reader *r, int depth)
{
	char		b[16];

	if (depth > JSON_SCAN_MAX_DEPTH)
		return fail_at(r, r->p, "nested more than %d levels deep", JSON_SCAN_MAX_DEPTH);
	r->p++;
	skip_space(r);
	if (r->p < r->end && *r->p == ']')
	{
		r->p++;
		return true;
	}
	for (;;)
	{
		JsonValue	v;

		if (!scan_value(r, depth, &v))
			return false;
		skip_space(r);
		if (r->p < r->end && *r->p == ',')
		{
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == ']')
		{
			r->p++;
			return true;
		}
		return fail_at(r, r->p, "',' or ']' expected, not %s", describe_byte(r, b, sizeof(b)));
	}
}

/* Any value, after optional white space. */
static bool
scan_value(Reader *r, int depth, JsonValue *out)
{
	char		b[16];
	bool		ok;

	skip_space(r);
	out->text = r->p;
	out->column = (size_t) (r->p - r->text) + 1;
	if (r->p >= r->end)
		return fail_at(r, r->p, "a value expected at the end of the line");
	switch (*r->p)
	{
		case '{':
			out->kind = JSON_KIND_OBJECT;
			ok = scan_object(r, depth + 1, false);
			break;
		case '[':
			out->kind = JSON_KIND_ARRAY;
			ok = scan_array(r, depth + 1);
			break;
		case '"':
			out->kind = JSON_KIND_STRING;
			ok = scan_string(r, NULL);
			break;
		case 't':
			ok = scan_literal(r, "true", JSON_KIND_TRUE, out);
			break;
		case 'f':
			ok = scan_literal(r, "false", JSON_KIND_FALSE, out);
			break;
		case 'n':
			ok = scan_literal(r, "null", JSON_KIND_NULL, out);
			break;
		default:
			if (*r->p != '-' && !is_digit(r))
				return fail_at(r, r->p, "a value expected, not %s", describe_byte(r, b, sizeof(b)));
			out->kind = JSON_KIND_NUMBER;
			ok = scan_number(r);
			break;
	}
	out->len = (size_t) (r->p - out->text);
	return ok;
}

void
json_scan_init(JsonScan *s)
{
	memset(s, 0, sizeof(*s));
	strbuf_init(&s->keys);
}

void
json_scan_free(JsonScan *s)
{
	free(s->members);
	free(s->stack);
	free(s->slots);
	strbuf_free(&s->keys);
	memset(s, 0, sizeof(*s));
}

bool
json_scan_object(JsonScan *s, const char *text, size_t len)
{
	Reader		r = {s, text, text, text + len};
	char		b[16];
	size_t		i;

	s->n = 0;
	s->nstack = 0;
	s->error[0] = '\0';
	strbuf_reset(&s->keys);
	skip_space(&r);
	if (r.p >= r.end || *r.p != '{')
	{
		JsonValue	v;
		Reader		probe = r;

		/* another JSON value, or not JSON at all */
		if (r.p < r.end && scan_value(&probe, 1, &v))
		{
			skip_space(&probe);
			if (probe.p == probe.end)
				return fail_at(&r, r.p, "a record must be a JSON object");
		}
		return fail_at(&r, r.p, "'{' expected, not %s", describe_byte(&r, b, sizeof(b)));
	}
	if (!scan_object(&r, 1, true))
	{
		s->n = 0;
		return false;
	}
	skip_space(&r);
	if (r.p < r.end)
	{
		s->n = 0;
		return fail_at(&r, r.p, "%s after the object", describe_byte(&r, b, sizeof(b)));
	}
	for (i = 0; i < s->n; i++)
		s->members[i].key = s->keys.data + s->members[i].key_offset;
	return true;
}

const JsonMember *
json_scan_member(const JsonScan *s, const char *key)
{
	size_t		i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->members[i].key, key) == 0)
			return &s->members[i];
	return NULL;
}

void
json_decode_string(const JsonValue *v, StrBuf *out)
{
	JsonScan	scratch;
	Reader		r;

	/* the text was checked: decoding it again cannot fail */
	memset(&scratch, 0, sizeof(scratch));
	r.s = &scratch;
	r.text = v->text;
	r.p = v->text;
	r.end = v->text + v->len;
	scan_string(&r, out);
}

/* The end of a value of checked text that starts at p. */
static const char *
skip_checked_value(const char *p, const char *end)
{
	int			depth = 0;
	bool		in_string = false;

	for (; p < end; p++)
	{
		if (in_string)
		{
			if (*p == '\\')
				p++;
			else if (*p == '"')
			{
				in_string = false;
				if (depth == 0)
					return p + 1;
			}
			continue;
		}
		switch (*p)
		{
			case '"':
				in_string = true;
				break;
			case '[':
			case '{':
				depth++;
				break;
			case ']':
			case '}':
				if (depth == 0)
					return p;
				if (--depth == 0)
					return p + 1;
				break;
			case ',':
			case ' ':
			case '\t':
			case '\r':
			case '\n':
				if (depth == 0)
					return p;
				break;
			default:
				break;
		}
	}
	return p;
}

bool
json_array_next(const JsonValue *array, const char **pos, JsonValue *elem)
{
	const char *end = array->text + array->len - 1;	/* the closing ']' */
	const char *p = *pos == NULL ? array->text + 1 : *pos;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == ','))
		p++;
	if (p >= end)
		return false;
	elem->text = p;
	elem->column = array->column + (size_t) (p - array->text);
	switch (*p)
	{
		case '{':
			elem->kind = JSON_KIND_OBJECT;
			break;
		case '[':
			elem->kind = JSON_KIND_ARRAY;
			break;
		case '"':
			elem->kind = JSON_KIND_STRING;
			break;
		case 't':
			elem->kind = JSON_KIND_TRUE;
			break;
		case 'f':
			elem->kind = JSON_KIND_FALSE;
			break;
		case 'n':
			elem->kind = JSON_KIND_NULL;
			break;
		default:
			elem->kind = JSON_KIND_NUMBER;
			break;
	}
	*pos = skip_checked_value(p, end);
	elem->len = (size_t) (*pos - p);
	return true;
}

bool
json_value_int64(const JsonValue *v, int64_t *out)
{
	char		buf[32];
	char	   *endp;
	long long	x;

	if (v->kind != JSON_KIND_NUMBER || v->len >= sizeof(buf) ||
		memchr(v->text, '.', v->len) != NULL || memchr(v->text, 'e', v->len) != NULL ||
		memchr(v->text, 'E', v->len) != NULL)
		return false;
	memcpy(buf, v->text, v->len);
	buf[v->len] = '\0';
	errno = 0;
	x = strtoll(buf, &endp, 10);
	if (errno != 0 || *endp != '\0')
		return false;
	*out = (int64_t) x;
	return true;
}
