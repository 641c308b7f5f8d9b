/*
 * copy_text: encoders for PostgreSQL's COPY text format (fields separated by tabs, rows ended
 * by newlines, \N for NULL, backslash escapes) and for array literals inside a field.
 */
#ifndef COLLCOG_CLI_COPY_TEXT_H
#define COLLCOG_CLI_COPY_TEXT_H

#include <stddef.h>

#include "strbuf.h"

/* Append a value as one COPY text field, escaping backslash, tab, newline and carriage return. */
void		copy_text_field(StrBuf *out, const char *s, size_t len);
/* Append the NULL marker \N. */
void		copy_text_null(StrBuf *out);
/* Append s as a double-quoted array element ("a\"b"), for a literal such as {"a","b"}. */
void		array_literal_element(StrBuf *lit, const char *s, size_t len);

#endif
