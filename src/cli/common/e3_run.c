/*
 * e3_run: a run of an E.3 folder: its run_config.json and run_metadata.json, the run record
 * made from them and its first event, and the run-level fields every event repeats, which
 * must agree with the run's (a config that contradicts its events is an error).
 */
#include "e3_load.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "json_text.h"

const char *const e3_run_field_names[E3_NRUNFIELDS] = {
	"benchmark", "task_id", "task_family", "difficulty", "topology", "architecture",
	"num_agents", "seed"
};

/* Config keys with a column of their own (the rest goes to meta.config). */
static const char *const config_columns[] = {
	"run_id", "benchmark", "task_family", "topology", "num_agents", "model_name", "seed", NULL
};

/* Metadata keys with a column of their own (the rest goes to meta.metadata). */
static const char *const metadata_columns[] = {"run_id", "task_success", "task_score", NULL};

static bool
listed(const char *const *names, const char *key)
{
	for (; *names != NULL; names++)
		if (strcmp(*names, key) == 0)
			return true;
	return false;
}

/* Read an object from a JSON file; NULL with the error kept in run. */
static json_t *
read_object(E3Run *run, const char *path)
{
	json_error_t jerr;
	json_t	   *v = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);

	if (v == NULL)
	{
		run->error_file = path;
		run->error_line = jerr.line > 0 ? jerr.line : 0;
		if (jerr.line <= 0 && jerr.position == 0)
			snprintf(run->error, sizeof(run->error), "cannot read: %s", jerr.text);
		else
			snprintf(run->error, sizeof(run->error), "invalid JSON at column %d: %s", jerr.column,
					 jerr.text);
		return NULL;
	}
	if (!json_is_object(v))
	{
		run->error_file = path;
		snprintf(run->error, sizeof(run->error), "the file must hold a JSON object");
		json_decref(v);
		return NULL;
	}
	return v;
}

void
e3_run_open(E3Run *run, const E3Folder *folder)
{
	int			k;

	memset(run, 0, sizeof(*run));
	run->folder = folder;
	for (k = 0; k < E3_NRUNFIELDS; k++)
		strbuf_init(&run->run_values[k]);
	strmap_init(&run->agents);
	if (folder->config != NULL)
		run->config = read_object(run, folder->config);
	if (run->error_file == NULL && folder->metadata != NULL)
		run->metadata = read_object(run, folder->metadata);
}

void
e3_run_close(E3Run *run)
{
	int			k;

	json_decref(run->config);
	json_decref(run->metadata);
	for (k = 0; k < E3_NRUNFIELDS; k++)
		strbuf_free(&run->run_values[k]);
	strmap_free(&run->agents, free);
	free(run->model);
	free(run->steps);
	run->config = run->metadata = NULL;
	run->model = NULL;
	run->steps = NULL;
}

/* The id a config or metadata object gives (a string, or an integer in decimal), or false. */
static bool
object_run_id(const json_t *obj, StrBuf *out)
{
	const json_t *v = obj != NULL ? json_object_get(obj, "run_id") : NULL;

	strbuf_reset(out);
	if (json_is_string(v) && json_string_length(v) > 0)
		strbuf_append(out, json_string_value(v), json_string_length(v));
	else if (json_is_integer(v))
		strbuf_appendf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else
		return false;
	return true;
}

bool
e3_config_run_id(const E3Run *run, StrBuf *out)
{
	return object_run_id(run->config, out) && out->len <= CC_MAX_ID_BYTES;
}

bool
e3_canonical_value(const JsonValue *v, StrBuf *out)
{
	int64_t		i;

	strbuf_reset(out);
	switch (v->kind)
	{
		case JSON_KIND_STRING:
			strbuf_appendc(out, 's');
			json_decode_string(v, out);
			return true;
		case JSON_KIND_NUMBER:
			if (json_value_int64(v, &i))
				strbuf_appendf(out, "i%" PRId64, i);
			else
			{
				double		x;

				/* the value, not its spelling: 0.5 and 5e-1 agree */
				strbuf_append(out, v->text, v->len);
				x = strtod(out->data, NULL);
				strbuf_reset(out);
				strbuf_appendf(out, "r%.17g", x);
			}
			return true;
		case JSON_KIND_TRUE:
			strbuf_appends(out, "T");
			return true;
		case JSON_KIND_FALSE:
			strbuf_appends(out, "F");
			return true;
		default:
			return false;
	}
}

/* The canonical form of a jansson scalar (as e3_canonical_value); false for other kinds. */
static bool
json_canonical(const json_t *v, StrBuf *out)
{
	strbuf_reset(out);
	if (json_is_string(v))
	{
		strbuf_appendc(out, 's');
		strbuf_append(out, json_string_value(v), json_string_length(v));
	}
	else if (json_is_integer(v))
		strbuf_appendf(out, "i%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		strbuf_appendf(out, "r%.17g", json_real_value(v));
	else if (json_is_true(v))
		strbuf_appends(out, "T");
	else if (json_is_false(v))
		strbuf_appends(out, "F");
	else
		return false;
	return true;
}

/* A scanned scalar as a jansson value (for meta.config). */
static json_t *
scanned_json(const JsonValue *v, StrBuf *scratch)
{
	int64_t		i;

	switch (v->kind)
	{
		case JSON_KIND_STRING:
			strbuf_reset(scratch);
			json_decode_string(v, scratch);
			return json_stringn(scratch->data, scratch->len);
		case JSON_KIND_NUMBER:
			if (json_value_int64(v, &i))
				return json_integer((json_int_t) i);
			strbuf_reset(scratch);
			strbuf_append(scratch, v->text, v->len);
			return json_real(strtod(scratch->data, NULL));
		case JSON_KIND_TRUE:
			return json_true();
		case JSON_KIND_FALSE:
			return json_false();
		default:
			return json_null();
	}
}

/* A canonical form as a message shows it: the value, strings quoted. */
static void
show_canonical(const StrBuf *c, char *buf, size_t size)
{
	if (c->len > 0 && c->data[0] == 's')
		describe_text(buf, size, c->data + 1, c->len - 1);
	else if (c->len > 0 && (c->data[0] == 'T' || c->data[0] == 'F'))
		snprintf(buf, size, "%s", c->data[0] == 'T' ? "true" : "false");
	else
		snprintf(buf, size, "%.60s", c->len > 0 ? c->data + 1 : "");
}

/* Take the run-level fields from the config, then from the first event where it has none. */
static bool
collect_run_values(E3Load *e3, E3Run *run, const JsonMember *const *fields)
{
	int			k;

	if (run->config == NULL)
		run->config = json_object();
	for (k = 0; k < E3_NRUNFIELDS; k++)
	{
		const json_t *v = json_object_get(run->config, e3_run_field_names[k]);

		if (v != NULL && !json_is_null(v))
		{
			if (!json_canonical(v, &run->run_values[k]))
				return e3_fail(e3, "field \"%s\" of run_config.json must be a "
							   "string, a number or a boolean", e3_run_field_names[k]);
			run->has_value[k] = true;
		}
		else if (fields[k] != NULL)
			json_object_set_new(run->config, e3_run_field_names[k],
								scanned_json(&fields[k]->value, &e3->scratch));
	}
	return true;
}

bool
e3_run_fields_agree(E3Load *e3, E3Run *run, const JsonMember *const *fields)
{
	int			k;

	for (k = 0; k < E3_NRUNFIELDS; k++)
	{
		char		here[160];
		char		there[160];

		if (fields[k] == NULL)
			continue;
		if (!e3_canonical_value(&fields[k]->value, &e3->scratch))
			return e3_fail(e3, "field \"%s\" must be a string, a number or a "
						   "boolean", e3_run_field_names[k]);
		if (!run->has_value[k])
		{
			strbuf_reset(&run->run_values[k]);
			strbuf_append(&run->run_values[k], e3->scratch.data, e3->scratch.len);
			run->has_value[k] = true;
			continue;
		}
		if (e3->scratch.len == run->run_values[k].len &&
			memcmp(e3->scratch.data, run->run_values[k].data, e3->scratch.len) == 0)
			continue;
		show_canonical(&e3->scratch, here, sizeof(here));
		show_canonical(&run->run_values[k], there, sizeof(there));
		return e3_fail(e3, "field \"%s\" is %s, but the run's %s is %s (%s)",
					   e3_run_field_names[k], here, e3_run_field_names[k], there,
					   run->folder->config != NULL ? "run_config.json" :
					   "its first event");
	}
	return true;
}

/* A string column of the config (NULL when absent or null); false when of another type. */
static bool
config_string(E3Load *e3, const json_t *obj, const char *key, const char *file,
			  TraceCell *cell)
{
	const json_t *v = json_object_get(obj, key);

	cell->text = NULL;
	if (v == NULL || json_is_null(v))
		return true;
	if (!json_is_string(v))
		return e3_fail(e3, "field \"%s\" of %s must be a string", key, file);
	cell->text = json_string_value(v);
	cell->len = json_string_length(v);
	return true;
}

/* An integer column in [lo, hi] written into buf; false when of another type or range. */
static bool
config_integer(E3Load *e3, const json_t *obj, const char *key, const char *file,
			   int64_t lo, int64_t hi, char *buf, size_t size, TraceCell *cell)
{
	const json_t *v = json_object_get(obj, key);

	cell->text = NULL;
	if (v == NULL || json_is_null(v))
		return true;
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return e3_fail(e3, "field \"%s\" of %s must be an integer between %"
					   PRId64 " and %" PRId64, key, file, lo, hi);
	cell->len = (size_t) snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	cell->text = buf;
	return true;
}

/* The object's members other than the listed ones, under name in meta. */
static void
append_rest(StrBuf *meta, const char *name, const json_t *obj, const char *const *columns)
{
	json_t	   *rest = json_object();
	const char *key;
	json_t	   *v;

	json_object_foreach((json_t *) obj, key, v)
	{
		if (!listed(columns, key))
			json_object_set(rest, key, v);
	}
	if (json_object_size(rest) > 0)
	{
		strbuf_appendf(meta, "%s\"%s\":", meta->len > 1 ? "," : "", name);
		append_json(meta, rest);
	}
	json_decref(rest);
}

/* A config or metadata that names another run. */
static bool
check_file_run_id(E3Load *e3, const E3Run *run, const json_t *obj, const char *file)
{
	char		shown[160];
	char		shown_run[160];

	if (obj == NULL || json_object_get(obj, "run_id") == NULL ||
		json_is_null(json_object_get(obj, "run_id")))
		return true;
	if (object_run_id(obj, &e3->scratch) && strcmp(e3->scratch.data, run->run->run_id) == 0)
		return true;
	describe_text(shown_run, sizeof(shown_run), run->run->run_id, strlen(run->run->run_id));
	if (object_run_id(obj, &e3->scratch))
		describe_text(shown, sizeof(shown), e3->scratch.data, e3->scratch.len);
	else
		snprintf(shown, sizeof(shown), "not an id");
	return e3_fail(e3, "%s gives run_id %s, but its events.jsonl is run %s", file,
				   shown, shown_run);
}

bool
e3_run_record(E3Load *e3, E3Run *run, const JsonMember *const *fields, const char *started_at)
{
	TraceRecord *rec = &e3->ld.rec;
	TraceCell	cells[16];
	const json_t *meta_src = run->metadata;
	const json_t *success;
	const json_t *score;
	char		n_agents[32],
				seed[32],
				score_text[40];
	int			k;

	if (!check_file_run_id(e3, run, run->config, "run_config.json") ||
		!check_file_run_id(e3, run, run->metadata, "run_metadata.json") ||
		!collect_run_values(e3, run, fields))
		return false;
	memset(cells, 0, sizeof(cells));
	trace_record_start(rec, TRACE_RUNS);
	trace_record_set_id(&rec->run_id, run->run->run_id, strlen(run->run->run_id));
	cells[trace_table_column_index(TRACE_RUNS, "run_id")] =
		(TraceCell) {run->run->run_id, strlen(run->run->run_id)};
	if (!config_string(e3, run->config, "benchmark", "run_config.json",
					   &cells[trace_table_column_index(TRACE_RUNS, "benchmark")]) ||
		!config_string(e3, run->config, "task_family", "run_config.json",
					   &cells[trace_table_column_index(TRACE_RUNS, "task_family")]) ||
		!config_string(e3, run->config, "topology", "run_config.json",
					   &cells[trace_table_column_index(TRACE_RUNS, "topology")]) ||
		!config_string(e3, run->config, "model_name", "run_config.json",
					   &cells[trace_table_column_index(TRACE_RUNS, "model")]) ||
		!config_integer(e3, run->config, "num_agents", "run_config.json", 1, INT32_MAX,
						n_agents, sizeof(n_agents),
						&cells[trace_table_column_index(TRACE_RUNS, "n_agents")]) ||
		!config_integer(e3, run->config, "seed", "run_config.json", INT64_MIN, INT64_MAX,
						seed, sizeof(seed), &cells[trace_table_column_index(TRACE_RUNS, "seed")]))
		return false;
	k = trace_table_column_index(TRACE_RUNS, "topology");
	if (cells[k].text != NULL && cells[k].len == 0)
		return e3_fail(e3, "field \"topology\" of run_config.json is an empty string");
	k = trace_table_column_index(TRACE_RUNS, "model");
	if (cells[k].text != NULL)
		run->model = xstrndup(cells[k].text, cells[k].len);
	if (cells[trace_table_column_index(TRACE_RUNS, "n_agents")].text != NULL)
		run->n_agents = json_integer_value(json_object_get(run->config, "num_agents"));

	success = meta_src != NULL ? json_object_get(meta_src, "task_success") : NULL;
	score = meta_src != NULL ? json_object_get(meta_src, "task_score") : NULL;
	if (success != NULL && !json_is_null(success))
	{
		if (!json_is_boolean(success))
			return e3_fail(e3, "field \"task_success\" of run_metadata.json must "
						   "be true, false or null");
		cells[trace_table_column_index(TRACE_RUNS, "success")] =
			(TraceCell) {json_is_true(success) ? "t" : "f", 1};
	}
	if (score != NULL && !json_is_null(score))
	{
		StrBuf		s;

		if (!json_is_number(score) || !isfinite(json_number_value(score)))
			return e3_fail(e3, "field \"task_score\" of run_metadata.json must "
						   "be a number or null");
		strbuf_init(&s);
		append_double(&s, json_number_value(score));
		snprintf(score_text, sizeof(score_text), "%s", s.data);
		strbuf_free(&s);
		cells[trace_table_column_index(TRACE_RUNS, "score")] =
			(TraceCell) {score_text, strlen(score_text)};
	}
	if (started_at != NULL)
		cells[trace_table_column_index(TRACE_RUNS, "started_at")] =
			(TraceCell) {started_at, strlen(started_at)};

	strbuf_reset(&e3->text);
	strbuf_appendc(&e3->text, '{');
	append_rest(&e3->text, "config", run->config, config_columns);
	if (run->metadata != NULL)
		append_rest(&e3->text, "metadata", run->metadata, metadata_columns);
	strbuf_appendc(&e3->text, '}');
	if (e3->text.len > 2)
		cells[trace_table_column_index(TRACE_RUNS, "meta")] = (TraceCell) {e3->text.data, e3->text.len};
	trace_record_write_row(rec, cells);
	return true;
}
