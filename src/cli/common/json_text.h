/*
 * json_text: writing numbers and JSON values as text that reads back to the same values:
 * doubles in the shortest form that round-trips, and jansson values as compact JSON with
 * those doubles (jansson's own json_dumps writes 17 digits: 0.7 becomes 0.69999999999999996).
 */
#ifndef COLLCOG_CLI_JSON_TEXT_H
#define COLLCOG_CLI_JSON_TEXT_H

#include <jansson.h>

#include "strbuf.h"

/* Append a finite double in the shortest %g form that reads back to the same value. */
void		append_double(StrBuf *out, double x);
/* Append a JSON string literal: quotes, backslashes and control characters escaped. */
void		append_json_string(StrBuf *out, const char *s, size_t len);
/* Append a value as compact JSON. */
void		append_json(StrBuf *out, const json_t *v);

#endif
