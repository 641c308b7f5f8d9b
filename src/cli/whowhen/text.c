/* text: what the mappings look for in recorded messages, and how messages are measured. */
#include <ctype.h>
#include <string.h>

#include "whowhen.h"

#define EXCERPT_CHARS 200		/* payload.excerpt: first characters of a message */

bool
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool
is_word_char(char c)
{
	return isalnum((unsigned char) c) || c == '_';
}

bool
has_word(const char *text, const char *word, bool prefix)
{
	size_t		wl = strlen(word);

	for (const char *p = text; *p; p++)
	{
		size_t		k;

		if (p != text && is_word_char(p[-1]))
			continue;
		for (k = 0; k < wl && p[k] && tolower((unsigned char) p[k]) == word[k]; k++)
			;
		if (k < wl)
			continue;
		if (prefix || !is_word_char(p[wl]))
			return true;
	}
	return false;
}

size_t
speaker_length(const char *role)
{
	const char *paren = strstr(role, " (");

	return paren ? (size_t) (paren - role) : strlen(role);
}

/* Does byte c start a UTF-8 character (is it not a continuation byte)? */
static bool
starts_char(char c)
{
	return ((unsigned char) c & 0xC0) != 0x80;
}

long
utf8_chars(const char *s, size_t len)
{
	long		n = 0;

	for (size_t i = 0; i < len; i++)
		if (starts_char(s[i]))
			n++;
	return n;
}

json_t *
excerpt(const char *s, size_t len)
{
	long		n = 0;

	/* cut before the character after the first EXCERPT_CHARS */
	for (size_t i = 0; i < len; i++)
		if (starts_char(s[i]) && n++ == EXCERPT_CHARS)
			return json_stringn(s, i);
	return json_stringn(s, len);
}
