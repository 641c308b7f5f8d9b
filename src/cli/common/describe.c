/* describe: values quoted for error messages. */
#include "describe.h"

#include <stdio.h>
#include <string.h>

void
describe_text(char *dst, size_t dstsize, const char *s, size_t len)
{
	const size_t max_shown = 60;
	size_t		shown = len;
	size_t		o = 0;
	size_t		i;

	if (shown > max_shown)
	{
		shown = max_shown;
		/* do not cut a UTF-8 sequence in two */
		while (shown > 0 && ((unsigned char) s[shown] & 0xC0) == 0x80)
			shown--;
	}
	if (dstsize < 16)
	{
		if (dstsize > 0)
			dst[0] = '\0';
		return;
	}
	dst[o++] = '"';
	/* stop early when dst is full, but never inside a UTF-8 sequence; keep room for "..." */
	for (i = 0; i < shown && (o + 12 < dstsize || ((unsigned char) s[i] & 0xC0) == 0x80); i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '"' || c == '\\')
		{
			dst[o++] = '\\';
			dst[o++] = (char) c;
		}
		else if (c < 0x20 || c == 0x7F)
			o += (size_t) snprintf(dst + o, dstsize - o, "\\x%02x", c);
		else
			dst[o++] = (char) c;
	}
	dst[o++] = '"';
	if (i < len)
	{
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o] = '\0';
}
