/* trace_record: parse, check and COPY-encode one record of the JSONL trace format. */
#include "trace_record.h"

#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "copy_text.h"
#include "describe.h"
#include "json_text.h"
#include "rfc3339.h"
#include "strmap.h"

/* Above this many parents, duplicates are found with a hash map instead of pairwise. */
#define PAIRWISE_PARENTS_MAX 32

static void
set_error(TraceRecord *rec, const char *fmt,...)
__attribute__((format(printf, 2, 3)));

/* Set rec->error and give false, so checks can say "return fail(...)". A macro, so that the
 * static analyzer sees the false: it does not follow calls into variadic functions. */
#define fail(rec, ...) (set_error((rec), __VA_ARGS__), false)

static void
set_error(TraceRecord *rec, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(rec->error, sizeof(rec->error), fmt, ap);
	va_end(ap);
}

/* The JSON type of a value as the error messages name it. */
static const char *
json_type_name(const json_t *v)
{
	switch (json_typeof(v))
	{
		case JSON_OBJECT:
			return "an object";
		case JSON_ARRAY:
			return "an array";
		case JSON_STRING:
			return "a string";
		case JSON_INTEGER:
			return "an integer";
		case JSON_REAL:
			return "a fractional number";
		case JSON_TRUE:
		case JSON_FALSE:
			return "a boolean";
		case JSON_NULL:
			return "null";
	}
	return "an unknown JSON value";
}

/* Read an id (a non-empty string of at most CC_MAX_ID_BYTES bytes, or an integer) into id. */
static bool
read_id(TraceRecord *rec, const char *what, const json_t *v, TraceId *id)
{
	if (json_is_integer(v))
	{
		id->len = (size_t) snprintf(id->text, sizeof(id->text), "%" JSON_INTEGER_FORMAT,
									json_integer_value(v));
		id->present = true;
		return true;
	}
	if (!json_is_string(v))
		return fail(rec, "%s must be a string or an integer, not %s", what, json_type_name(v));
	if (json_string_length(v) == 0)
		return fail(rec, "%s is an empty string", what);
	if (json_string_length(v) > CC_MAX_ID_BYTES)
		return fail(rec, "%s is longer than %d bytes", what, CC_MAX_ID_BYTES);
	id->len = json_string_length(v);
	memcpy(id->text, json_string_value(v), id->len);
	id->text[id->len] = '\0';
	id->present = true;
	return true;
}

static void
grow_parents(TraceRecord *rec, size_t n)
{
	if (n <= rec->parents_cap)
		return;
	rec->parents_cap = n > 2 * rec->parents_cap ? n : 2 * rec->parents_cap;
	rec->parents = xrealloc(rec->parents, rec->parents_cap * sizeof(IdSpan));
}

void
trace_record_add_parent(TraceRecord *rec, const char *text, size_t len)
{
	grow_parents(rec, rec->nparents + 1);
	rec->parents[rec->nparents].offset = rec->parent_text.len;
	rec->parents[rec->nparents].len = len;
	strbuf_append(&rec->parent_text, text, len);
	strbuf_appendc(&rec->parent_text, '\0');
	rec->nparents++;
}

/* parent_claim_ids: an array of ids, written as a quoted trace_id[] literal. */
static bool
write_id_array(TraceRecord *rec, const FieldSpec *f, const json_t *v)
{
	size_t		i;
	char		what[64];
	TraceId		id;

	if (!json_is_array(v))
		return fail(rec, "field \"%s\" must be an array of ids, not %s", f->name,
					json_type_name(v));
	grow_parents(rec, json_array_size(v));
	strbuf_reset(&rec->scratch);
	strbuf_appendc(&rec->scratch, '{');
	for (i = 0; i < json_array_size(v); i++)
	{
		snprintf(what, sizeof(what), "element %zu of \"%s\"", i + 1, f->name);
		if (!read_id(rec, what, json_array_get(v, i), &id))
			return false;
		if (i > 0)
			strbuf_appendc(&rec->scratch, ',');
		array_literal_element(&rec->scratch, id.text, id.len);
		rec->parents[i].offset = rec->parent_text.len;
		rec->parents[i].len = id.len;
		strbuf_append(&rec->parent_text, id.text, id.len + 1);
		rec->nparents = i + 1;
	}
	strbuf_appendc(&rec->scratch, '}');
	copy_text_field(&rec->row, rec->scratch.data, rec->scratch.len);
	return true;
}

/* weight: a non-empty array of finite numbers >= 0, written as a float8[] literal. */
static bool
write_weight(TraceRecord *rec, const FieldSpec *f, const json_t *v)
{
	size_t		i;

	if (!json_is_array(v))
		return fail(rec, "field \"%s\" must be an array of numbers, not %s", f->name,
					json_type_name(v));
	if (json_array_size(v) == 0)
		return fail(rec, "field \"%s\" is empty: it needs at least one component", f->name);
	strbuf_appendc(&rec->row, '{');
	for (i = 0; i < json_array_size(v); i++)
	{
		const json_t *x = json_array_get(v, i);

		if (!json_is_number(x))
			return fail(rec, "element %zu of \"%s\" must be a number, not %s", i + 1, f->name,
						json_type_name(x));
		if (!(json_number_value(x) >= 0) || !isfinite(json_number_value(x)))
			return fail(rec, "element %zu of \"%s\" must be >= 0", i + 1, f->name);
		if (i > 0)
			strbuf_appendc(&rec->row, ',');
		if (json_is_integer(x))
			strbuf_appendf(&rec->row, "%" JSON_INTEGER_FORMAT, json_integer_value(x));
		else
			append_double(&rec->row, json_real_value(x));
	}
	strbuf_appendc(&rec->row, '}');
	return true;
}

/* An integer field, range-checked; *out receives the value. */
static bool
read_integer(TraceRecord *rec, const FieldSpec *f, const json_t *v, int64_t *out)
{
	json_int_t	x;
	int			lowest = f->type == FIELD_INT32_POSITIVE ? 1 : 0;

	if (!json_is_integer(v))
		return fail(rec, "field \"%s\" must be an integer, not %s", f->name, json_type_name(v));
	x = json_integer_value(v);
	switch (f->type)
	{
		case FIELD_INT32_POSITIVE:
		case FIELD_INT32_NONNEGATIVE:
			if (x < lowest || x > INT32_MAX)
				return fail(rec, "field \"%s\" must be between %d and %d, not %" JSON_INTEGER_FORMAT,
							f->name, lowest, INT32_MAX, x);
			break;
		case FIELD_INT64_NONNEGATIVE:
			if (x < 0)
				return fail(rec, "field \"%s\" must be >= 0, not %" JSON_INTEGER_FORMAT,
							f->name, x);
			break;
		default:
			break;
	}
	*out = (int64_t) x;
	return true;
}

static TraceId *
id_slot(TraceRecord *rec, FieldKey key)
{
	switch (key)
	{
		case KEY_RUN:
			return &rec->run_id;
		case KEY_AGENT:
			return &rec->agent_id;
		case KEY_CLAIM:
			return &rec->claim_id;
		case KEY_TARGET_CLAIM:
			return &rec->target_claim_id;
		case KEY_SUBTASK:
			return &rec->subtask_id;
		case KEY_PARENT_SUBTASK:
			return &rec->parent_subtask_id;
		case KEY_SOURCE:
			return &rec->source;
		case KEY_TARGET:
			return &rec->target;
		default:
			return NULL;
	}
}

/* Check one present, non-null value against its field and append it to the row. */
static bool
write_value(TraceRecord *rec, const FieldSpec *f, const json_t *v)
{
	char		what[64];
	char		shown[160];
	int64_t		number = 0;
	TraceId		scratch_id;
	TraceId    *id;

	switch (f->type)
	{
		case FIELD_ID:
			id = id_slot(rec, f->key);
			if (id == NULL)
				id = &scratch_id;
			snprintf(what, sizeof(what), "field \"%s\"", f->name);
			if (!read_id(rec, what, v, id))
				return false;
			copy_text_field(&rec->row, id->text, id->len);
			return true;
		case FIELD_TEXT:
		case FIELD_NONEMPTY_TEXT:
			if (!json_is_string(v))
				return fail(rec, "field \"%s\" must be a string, not %s", f->name,
							json_type_name(v));
			if (f->type == FIELD_NONEMPTY_TEXT && json_string_length(v) == 0)
				return fail(rec, "field \"%s\" is an empty string", f->name);
			copy_text_field(&rec->row, json_string_value(v), json_string_length(v));
			return true;
		case FIELD_INT32_POSITIVE:
		case FIELD_INT32_NONNEGATIVE:
		case FIELD_INT64:
		case FIELD_INT64_NONNEGATIVE:
			if (!read_integer(rec, f, v, &number))
				return false;
			if (f->key == KEY_STEP)
				rec->step_id = number;
			else if (f->key == KEY_T)
				rec->t = number;
			strbuf_appendf(&rec->row, "%" PRId64, number);
			return true;
		case FIELD_BOOL:
			if (!json_is_boolean(v))
				return fail(rec, "field \"%s\" must be true or false, not %s", f->name,
							json_type_name(v));
			strbuf_appendc(&rec->row, json_is_true(v) ? 't' : 'f');
			return true;
		case FIELD_FLOAT:
			if (json_is_integer(v))
				strbuf_appendf(&rec->row, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
			else if (json_is_real(v))
				append_double(&rec->row, json_real_value(v));
			else
				return fail(rec, "field \"%s\" must be a number, not %s", f->name,
							json_type_name(v));
			return true;
		case FIELD_TIMESTAMP:
			if (!json_is_string(v))
				return fail(rec, "field \"%s\" must be an RFC 3339 timestamp string, not %s",
							f->name, json_type_name(v));
			if (!rfc3339_valid(json_string_value(v), json_string_length(v)))
			{
				describe_text(shown, sizeof(shown), json_string_value(v), json_string_length(v));
				return fail(rec, "field \"%s\" is not an RFC 3339 timestamp "
							"(such as 2024-05-01T12:00:00Z): %s", f->name, shown);
			}
			copy_text_field(&rec->row, json_string_value(v), json_string_length(v));
			return true;
		case FIELD_OBJECT:
			if (!json_is_object(v))
				return fail(rec, "field \"%s\" must be a JSON object, not %s", f->name,
							json_type_name(v));
			strbuf_reset(&rec->scratch);
			append_json(&rec->scratch, v);
			copy_text_field(&rec->row, rec->scratch.data, rec->scratch.len);
			return true;
		case FIELD_ID_ARRAY:
			return write_id_array(rec, f, v);
		case FIELD_WEIGHT:
			return write_weight(rec, f, v);
		case FIELD_EVENT_TYPE:
			if (!json_is_string(v))
				return fail(rec, "field \"%s\" must be a string, not %s", f->name,
							json_type_name(v));
			if (event_type_by_name(json_string_value(v), &rec->event_type))
			{
				strbuf_appends(&rec->row, cc_event_type_name(rec->event_type));
				return true;
			}
			describe_text(shown, sizeof(shown), json_string_value(v), json_string_length(v));
			return fail(rec, "unknown event type %s (expected propose, revise, contradict, "
						"merge, delegate or endorse)", shown);
	}
	return fail(rec, "field \"%s\" has an unsupported type", f->name);
}

static bool
same_id(const TraceId *a, const TraceId *b)
{
	return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

const char *
trace_record_parent(const TraceRecord *rec, size_t i, size_t *len)
{
	*len = rec->parents[i].len;
	return rec->parent_text.data + rec->parents[i].offset;
}

/* Whether the i-th parent is id. */
static bool
parent_is(const TraceRecord *rec, size_t i, const TraceId *id)
{
	size_t		len;
	const char *text = trace_record_parent(rec, i, &len);

	return len == id->len && memcmp(text, id->text, len) == 0;
}

/* Whether two parents are the same id. */
static bool
same_parents(const TraceRecord *rec, size_t i, size_t j)
{
	return rec->parents[i].len == rec->parents[j].len &&
		memcmp(rec->parent_text.data + rec->parents[i].offset,
			   rec->parent_text.data + rec->parents[j].offset, rec->parents[i].len) == 0;
}

/* Whether a parent is listed twice; *dup is then the index of the second mention. */
static bool
duplicate_parent(const TraceRecord *rec, size_t *dup)
{
	StrMap		seen;
	bool		added = true;
	size_t		i,
				j;

	if (rec->nparents <= PAIRWISE_PARENTS_MAX)
	{
		for (i = 1; i < rec->nparents; i++)
			for (j = 0; j < i; j++)
				if (same_parents(rec, i, j))
				{
					*dup = i;
					return true;
				}
		return false;
	}
	strmap_init(&seen);
	for (i = 0; i < rec->nparents && added; i++)
	{
		strmap_insert(&seen, rec->parent_text.data + rec->parents[i].offset,
					  rec->parents[i].len, &added);
		*dup = i;
	}
	strmap_free(&seen, NULL);
	return !added;
}

/* What each event type creates and references: the CHECK constraints of the events table. */
bool
trace_record_check_event(TraceRecord *rec)
{
	cc_event_type	type = rec->event_type;
	const char *name = cc_event_type_name(type);
	char		shown[160];
	size_t		dup = 0;
	size_t		len;
	size_t		i;

	/* delegate and endorse create a claim when they carry one */
	if (cc_event_type_creates_claim(type) && !rec->claim_id.present)
		return fail(rec, "a %s event creates a claim: \"claim_id\" is required", name);
	if (!rec->claim_id.present && rec->nparents > 0)
		return fail(rec, "%s events without a \"claim_id\" create no claim, so they have no "
					"parents: \"parent_claim_ids\" must be empty", name);
	if ((type == CC_EV_REVISE || type == CC_EV_CONTRADICT) && rec->nparents != 1)
		return fail(rec, "a %s event needs exactly one parent claim, "
					"\"parent_claim_ids\" has %zu", name, rec->nparents);
	if (type == CC_EV_CONTRADICT && rec->target_claim_id.present &&
		!parent_is(rec, 0, &rec->target_claim_id))
		return fail(rec, "a contradict event's \"target_claim_id\" must be its parent claim");
	if (type == CC_EV_MERGE && rec->nparents < 2)
		return fail(rec, "a merge event needs at least two parent claims, "
					"\"parent_claim_ids\" has %zu", rec->nparents);
	if (type == CC_EV_DELEGATE && !rec->subtask_id.present)
		return fail(rec, "a delegate event creates a subtask: \"subtask_id\" is required");
	if (type == CC_EV_ENDORSE && !rec->target_claim_id.present && !rec->claim_id.present)
		return fail(rec, "an endorse event needs a \"target_claim_id\" or a \"claim_id\"");
	if (rec->parent_subtask_id.present && rec->subtask_id.present &&
		same_id(&rec->parent_subtask_id, &rec->subtask_id))
		return fail(rec, "\"parent_subtask_id\" equals \"subtask_id\": "
					"a subtask cannot be its own parent");
	for (i = 0; i < rec->nparents; i++)
		if (rec->claim_id.present && parent_is(rec, i, &rec->claim_id))
		{
			describe_text(shown, sizeof(shown), rec->claim_id.text, rec->claim_id.len);
			return fail(rec, "claim %s is listed among its own parents", shown);
		}
	if (duplicate_parent(rec, &dup))
	{
		const char *text = trace_record_parent(rec, dup, &len);

		describe_text(shown, sizeof(shown), text, len);
		return fail(rec, "\"parent_claim_ids\" lists claim %s twice", shown);
	}
	return true;
}

static void
clear_record(TraceRecord *rec)
{
	rec->run_id.present = rec->agent_id.present = rec->claim_id.present = false;
	rec->target_claim_id.present = rec->subtask_id.present = false;
	rec->parent_subtask_id.present = rec->source.present = rec->target.present = false;
	rec->nparents = 0;
	strbuf_reset(&rec->parent_text);
	rec->step_id = rec->t = 0;
	rec->event_type = CC_EV_PROPOSE;
	rec->error[0] = '\0';
	strbuf_reset(&rec->row);
}

/* The record type named by the "record" field. */
static bool
read_record_type(TraceRecord *rec, const json_t *obj)
{
	const json_t *v = json_object_get(obj, "record");
	char		shown[160];

	if (v == NULL)
		return fail(rec, "missing required field \"record\" (run, agent, event or message)");
	if (!json_is_string(v))
		return fail(rec, "field \"record\" must be a string, not %s", json_type_name(v));
	if (trace_record_by_name(json_string_value(v), &rec->table))
		return true;
	describe_text(shown, sizeof(shown), json_string_value(v), json_string_length(v));
	return fail(rec, "unknown record type %s (expected run, agent, event or message)", shown);
}

/* Check the fields of a parsed object and build the row. */
static bool
check_object(TraceRecord *rec, json_t *obj)
{
	const FieldSpec *fields;
	const FieldSpec *f;
	const char *key;
	json_t	   *v;
	char		shown[160];
	bool		first = true;

	if (!read_record_type(rec, obj))
		return false;
	fields = trace_table_fields(rec->table);

	/* The run first, so that --quarantine can name it whatever else is wrong. */
	v = json_object_get(obj, "run_id");
	if (v == NULL || json_is_null(v))
		return fail(rec, "missing required field \"run_id\"");
	if (!read_id(rec, "field \"run_id\"", v, &rec->run_id))
		return false;

	json_object_foreach(obj, key, v)
	{
		if (strcmp(key, "record") != 0 && !trace_table_has_column(rec->table, key))
		{
			describe_text(shown, sizeof(shown), key, strlen(key));
			return fail(rec, "unknown field %s in %s %s record", shown,
						trace_record_article(rec->table), trace_record_name(rec->table));
		}
	}

	for (f = fields; f->name != NULL; f++)
	{
		v = json_object_get(obj, f->name);
		if (!trace_column_present(rec->columns, rec->table, (size_t) (f - fields)))
		{
			if (v != NULL && !json_is_null(v))
				return fail(rec, "field \"%s\" needs a column that the %s table of this database "
							"lacks: its collcog is older than this loader (ALTER EXTENSION "
							"collcog UPDATE)", f->name, trace_table_name(rec->table));
			continue;
		}
		if (!first)
			strbuf_appendc(&rec->row, '\t');
		first = false;
		if (v == NULL || json_is_null(v))
		{
			if (f->required)
				return fail(rec, v == NULL ? "missing required field \"%s\"" :
							"required field \"%s\" is null", f->name);
			if (f->type == FIELD_ID_ARRAY)
				strbuf_appends(&rec->row, "{}");
			else
				copy_text_null(&rec->row);
			continue;
		}
		if (!write_value(rec, f, v))
			return false;
	}
	strbuf_appendc(&rec->row, '\n');
	return rec->table != TRACE_EVENTS || trace_record_check_event(rec);
}

/* jansson's parse error in the words of this format (lines, UTF-8, NUL). */
static bool
fail_json(TraceRecord *rec, const json_error_t *jerr)
{
	const char *text = jerr->text;
	const char *eof = strstr(text, " near end of file");

	if (strstr(text, "JSON_ALLOW_NUL") != NULL)
		return fail(rec, "invalid JSON at column %d: \\u0000 is not allowed in a string",
					jerr->column);
	if (strncmp(text, "unable to decode byte", 21) == 0)
		return fail(rec, "invalid UTF-8 at column %d: %s", jerr->column, text);
	if (eof != NULL)
		return fail(rec, "invalid JSON at column %d: %.*s at the end of the line",
					jerr->column, (int) (eof - text), text);
	return fail(rec, "invalid JSON at column %d: %s", jerr->column, text);
}

bool
trace_record_parse(TraceRecord *rec, const char *line, size_t len)
{
	json_error_t jerr;
	json_t	   *obj;
	const char *nul;
	bool		ok;

	clear_record(rec);
	nul = memchr(line, '\0', len);
	if (nul != NULL)
		return fail(rec, "the line holds a NUL byte at byte %zu", (size_t) (nul - line) + 1);
	obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (obj == NULL)
		return fail_json(rec, &jerr);
	if (!json_is_object(obj))
		ok = fail(rec, "a record must be a JSON object, not %s", json_type_name(obj));
	else
		ok = check_object(rec, obj);
	json_decref(obj);
	return ok;
}

void
trace_record_start(TraceRecord *rec, TraceTable table)
{
	clear_record(rec);
	rec->table = table;
}

void
trace_record_set_id(TraceId *id, const char *text, size_t len)
{
	memcpy(id->text, text, len);
	id->text[len] = '\0';
	id->len = len;
	id->present = true;
}

void
trace_record_write_row(TraceRecord *rec, const TraceCell *cells)
{
	const FieldSpec *f;
	size_t		i = 0;
	bool		first = true;

	strbuf_reset(&rec->row);
	for (f = trace_table_fields(rec->table); f->name != NULL; f++, i++)
	{
		if (!trace_column_present(rec->columns, rec->table, i))
			continue;
		if (!first)
			strbuf_appendc(&rec->row, '\t');
		first = false;
		if (cells[i].text != NULL)
			copy_text_field(&rec->row, cells[i].text, cells[i].len);
		else if (f->type == FIELD_ID_ARRAY)
			strbuf_appends(&rec->row, "{}");
		else
			copy_text_null(&rec->row);
	}
	strbuf_appendc(&rec->row, '\n');
}

void
trace_record_init(TraceRecord *rec)
{
	memset(rec, 0, sizeof(*rec));
	strbuf_init(&rec->row);
	strbuf_init(&rec->scratch);
	strbuf_init(&rec->parent_text);
}

void
trace_record_free(TraceRecord *rec)
{
	strbuf_free(&rec->row);
	strbuf_free(&rec->scratch);
	strbuf_free(&rec->parent_text);
	free(rec->parents);
	rec->parents = NULL;
}
