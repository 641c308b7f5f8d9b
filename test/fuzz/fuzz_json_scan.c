/*
 * libFuzzer target: one line through collcog-load's JSON line scanner
 * (src/cli/common/json_scan.c), which reads the events of E.3 traces. Any input must give
 * the members of an object or an error text, never a crash, a leak or undefined behaviour.
 * What it accepts must be what jansson accepts (with duplicate keys refused, and \u0000,
 * which jsonb refuses, refused by both), and every member and element must read back: keys
 * as jansson decodes them, strings decoded, array elements iterated to the end.
 */
#include <assert.h>
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "json_scan.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Walk a value: strings decode, arrays iterate, numbers parse or not. */
static void
walk(const JsonValue *v, StrBuf *buf)
{
	const char *pos = NULL;
	JsonValue	elem;
	int64_t		i;

	switch (v->kind)
	{
		case JSON_KIND_STRING:
			strbuf_reset(buf);
			json_decode_string(v, buf);
			break;
		case JSON_KIND_ARRAY:
			while (json_array_next(v, &pos, &elem))
			{
				assert(elem.text >= v->text && elem.text + elem.len < v->text + v->len);
				walk(&elem, buf);
			}
			break;
		case JSON_KIND_NUMBER:
			(void) json_value_int64(v, &i);
			break;
		default:
			break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	JsonScan	scan;
	StrBuf		buf;
	json_error_t jerr;
	json_t	   *obj;
	bool		ok;
	size_t		i;

	if (memchr(data, '\n', size) != NULL)
		return 0;				/* one line at a time, as the loader reads them */
	json_scan_init(&scan);
	strbuf_init(&buf);
	ok = json_scan_object(&scan, (const char *) data, size);
	obj = json_loadb((const char *) data, size, JSON_REJECT_DUPLICATES, &jerr);
	/* jansson parses numbers into int64 and double and may refuse huge ones; the scanner keeps
	 * their text, so it may accept more, never less; nesting is bounded differently */
	if (obj != NULL && json_is_object(obj) && memchr(data, '\0', size) == NULL)
		assert(ok || strstr(scan.error, "nested") != NULL);
	if (ok)
	{
		assert(obj == NULL || json_is_object(obj));
		for (i = 0; i < scan.n; i++)
		{
			const JsonMember *m = &scan.members[i];

			assert(strlen(m->key) == m->keylen);
			assert(m->raw_keylen >= 2 && m->raw_key[0] == '"' && m->raw_key[m->raw_keylen - 1] == '"');
			if (obj != NULL)
				assert(json_object_get(obj, m->key) != NULL);
			walk(&m->value, &buf);
		}
		if (obj != NULL)
			assert(json_object_size(obj) == scan.n);
	}
	json_decref(obj);
	json_scan_free(&scan);
	strbuf_free(&buf);
	return 0;
}
