/*
 * json_scan: a strict and fast reader of one JSON object (one line of a JSON Lines file). It
 * checks the whole text (RFC 8259 syntax, UTF-8, no \u0000 and no lone surrogate, which jsonb
 * refuses, no key twice in any object, nesting at most JSON_SCAN_MAX_DEPTH) and lists the
 * object's members with the text of each value as written, so that a caller decodes the few
 * values it needs and copies the others into jsonb as they are, without building a tree.
 */
#ifndef COLLCOG_CLI_JSON_SCAN_H
#define COLLCOG_CLI_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

#define JSON_SCAN_MAX_DEPTH 64

typedef enum JsonKind
{
	JSON_KIND_NULL,
	JSON_KIND_FALSE,
	JSON_KIND_TRUE,
	JSON_KIND_NUMBER,
	JSON_KIND_STRING,
	JSON_KIND_ARRAY,
	JSON_KIND_OBJECT
} JsonKind;

/* A value as written: its kind and its text (a string's includes the quotes). */
typedef struct JsonValue
{
	JsonKind	kind;
	const char *text;
	size_t		len;
	size_t		column;			/* 1-based byte column of its first character */
} JsonValue;

typedef struct JsonMember
{
	const char *key;			/* the key decoded (escapes resolved), NUL-terminated */
	size_t		keylen;
	size_t		key_offset;		/* of key in JsonScan.keys */
	const char *raw_key;		/* the key as written, quotes included */
	size_t		raw_keylen;
	JsonValue	value;
} JsonMember;

/* A key of an object being read, for the check of keys given twice. */
typedef struct JsonKeyRef
{
	uint64_t	hash;
	size_t		offset;			/* of the decoded key in JsonScan.keys */
	size_t		len;
} JsonKeyRef;

typedef struct JsonScan
{
	JsonMember *members;		/* the top-level members, in order */
	size_t		n;
	size_t		cap;
	StrBuf		keys;			/* every decoded key of the line, each NUL-terminated */
	JsonKeyRef *stack;			/* the keys of the objects open while reading */
	size_t		nstack;
	size_t		stack_cap;
	uint32_t   *slots;			/* scratch hash table for long objects */
	size_t		nslots;
	char		error[256];
} JsonScan;

void		json_scan_init(JsonScan *s);
void		json_scan_free(JsonScan *s);

/*
 * Read one line holding a JSON object. True with the members listed (they point into text,
 * which must outlive them, and into s); false with s->error saying what is wrong and where
 * ("invalid JSON at column 12: ...").
 */
bool		json_scan_object(JsonScan *s, const char *text, size_t len);
/* The member named key, or NULL. */
const JsonMember *json_scan_member(const JsonScan *s, const char *key);

/* Append a string value (as checked by json_scan_object) decoded to out. */
void		json_decode_string(const JsonValue *v, StrBuf *out);
/*
 * The elements of an array value, one per call: *pos starts at NULL; true with *elem set
 * while there is one more.
 */
bool		json_array_next(const JsonValue *array, const char **pos, JsonValue *elem);
/* Whether a number value is an integer (no fraction or exponent) that fits an int64. */
bool		json_value_int64(const JsonValue *v, int64_t *out);

#endif
