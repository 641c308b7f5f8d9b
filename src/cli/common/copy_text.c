/* copy_text: COPY text-format fields and array-literal elements. */
#include "copy_text.h"

void
copy_text_field(StrBuf *out, const char *s, size_t len)
{
	size_t		i;
	size_t		run = 0;		/* start of the pending span that needs no escape */

	strbuf_reserve(out, len + 8);
	for (i = 0; i < len; i++)
	{
		const char *esc;

		switch (s[i])
		{
			case '\\':
				esc = "\\\\";
				break;
			case '\t':
				esc = "\\t";
				break;
			case '\n':
				esc = "\\n";
				break;
			case '\r':
				esc = "\\r";
				break;
			default:
				continue;
		}
		strbuf_append(out, s + run, i - run);
		strbuf_append(out, esc, 2);
		run = i + 1;
	}
	strbuf_append(out, s + run, len - run);
}

void
copy_text_null(StrBuf *out)
{
	strbuf_append(out, "\\N", 2);
}

void
array_literal_element(StrBuf *lit, const char *s, size_t len)
{
	size_t		i;

	strbuf_appendc(lit, '"');
	for (i = 0; i < len; i++)
	{
		if (s[i] == '"' || s[i] == '\\')
			strbuf_appendc(lit, '\\');
		strbuf_appendc(lit, s[i]);
	}
	strbuf_appendc(lit, '"');
}
