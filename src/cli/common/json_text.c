/* json_text: round-trip text for doubles and compact JSON for jansson values. */
#include "json_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
append_double(StrBuf *out, double x)
{
	char		text[40];
	int			digits;

	for (digits = 15; digits < 17; digits++)
	{
		snprintf(text, sizeof(text), "%.*g", digits, x);
		if (strtod(text, NULL) == x)
			break;
	}
	if (digits == 17)
		snprintf(text, sizeof(text), "%.17g", x);
	strbuf_appends(out, text);
}

void
append_json_string(StrBuf *out, const char *s, size_t len)
{
	size_t		i;

	strbuf_appendc(out, '"');
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '"' || c == '\\')
		{
			strbuf_appendc(out, '\\');
			strbuf_appendc(out, (char) c);
		}
		else if (c == '\n')
			strbuf_appends(out, "\\n");
		else if (c == '\t')
			strbuf_appends(out, "\\t");
		else if (c == '\r')
			strbuf_appends(out, "\\r");
		else if (c < 0x20)
			strbuf_appendf(out, "\\u%04x", c);
		else
			strbuf_appendc(out, (char) c);
	}
	strbuf_appendc(out, '"');
}

void
append_json(StrBuf *out, const json_t *v)
{
	const char *key;
	json_t	   *item;
	size_t		i;
	size_t		start;

	switch (json_typeof(v))
	{
		case JSON_OBJECT:
			strbuf_appendc(out, '{');
			i = 0;
			json_object_foreach((json_t *) v, key, item)
			{
				if (i++ > 0)
					strbuf_appendc(out, ',');
				append_json_string(out, key, strlen(key));
				strbuf_appendc(out, ':');
				append_json(out, item);
			}
			strbuf_appendc(out, '}');
			break;
		case JSON_ARRAY:
			strbuf_appendc(out, '[');
			for (i = 0; i < json_array_size(v); i++)
			{
				if (i > 0)
					strbuf_appendc(out, ',');
				append_json(out, json_array_get(v, i));
			}
			strbuf_appendc(out, ']');
			break;
		case JSON_STRING:
			append_json_string(out, json_string_value(v), json_string_length(v));
			break;
		case JSON_INTEGER:
			strbuf_appendf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
			break;
		case JSON_REAL:
			start = out->len;
			append_double(out, json_real_value(v));
			/* keep it a fraction, as written: 1.0 stays 1.0 rather than 1 */
			if (strpbrk(out->data + start, ".e") == NULL)
				strbuf_appends(out, ".0");
			break;
		case JSON_TRUE:
			strbuf_appends(out, "true");
			break;
		case JSON_FALSE:
			strbuf_appends(out, "false");
			break;
		case JSON_NULL:
			strbuf_appends(out, "null");
			break;
	}
}
