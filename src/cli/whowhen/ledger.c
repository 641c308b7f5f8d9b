/*
 * ledger: the progress ledger in Magentic-One's "Updated Ledger:" messages, a JSON object in
 * which the orchestrator answers whether the request is satisfied, whether the team is in a
 * loop or making progress, and who speaks next with what instruction.
 */
#define _GNU_SOURCE				/* memmem */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "whowhen.h"

/* Copy of text without the Python warning lines the recorder mixed into some messages:
 * "/path/file.py:NN: SomethingWarning: ..." and the indented source line printed after it. */
static char *
strip_warnings(const char *text)
{
	size_t		n = strlen(text);
	char	   *out = xmalloc(n + 1);
	size_t		o = 0;
	bool		drop_source_line = false;
	const char *line = text;

	while (*line)
	{
		const char *end = strchr(line, '\n');
		size_t		ll = end ? (size_t) (end - line) + 1 : strlen(line);
		bool		warning = line[0] == '/' && memmem(line, ll, "Warning: ", 9) != NULL;
		bool		source = drop_source_line && ll > 2 && line[0] == ' ' && line[1] == ' '
			&& (isalpha((unsigned char) line[2]) || line[2] == '_');

		if (!warning && !source)
		{
			memcpy(out + o, line, ll);
			o += ll;
		}
		drop_source_line = warning;
		line += ll;
	}
	out[o] = '\0';
	return out;
}

/* ledger.key.answer as 0 or 1; -1 when it is not a boolean. */
static int
ledger_bool(json_t *ledger, const char *key)
{
	json_t	   *a = json_object_get(json_object_get(ledger, key), "answer");

	return json_is_boolean(a) ? json_is_true(a) : -1;
}

void
ledger_parse(const char *content, Ledger *lg)
{
	char	   *clean = strip_warnings(content);
	char	   *brace = strchr(clean, '{');
	json_error_t err;

	memset(lg, 0, sizeof(*lg));
	lg->satisfied = lg->in_loop = lg->progress = -1;
	if (brace != NULL)
		lg->ledger = json_loads(brace, JSON_DISABLE_EOF_CHECK, &err);
	if (json_is_object(lg->ledger))
	{
		json_t	   *ins = json_object_get(json_object_get(lg->ledger, "instruction_or_question"),
										  "answer");

		lg->parsed = true;
		lg->satisfied = ledger_bool(lg->ledger, "is_request_satisfied");
		lg->in_loop = ledger_bool(lg->ledger, "is_in_loop");
		lg->progress = ledger_bool(lg->ledger, "is_progress_being_made");
		lg->next_speaker = json_object_get(json_object_get(lg->ledger, "next_speaker"), "answer");
		if (json_is_string(ins))
			lg->instruction = xstrdup(json_string_value(ins));
	}
	free(clean);
}

static json_t *
tristate(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

void
ledger_describe(const Ledger *lg, json_t *payload)
{
	jset(payload, "ledger_parsed", json_boolean(lg->parsed));
	jset(payload, "is_request_satisfied", tristate(lg->satisfied));
	jset(payload, "is_in_loop", tristate(lg->in_loop));
	jset(payload, "is_progress_being_made", tristate(lg->progress));
	jset(payload, "next_speaker",
		 json_is_string(lg->next_speaker) ? json_incref(lg->next_speaker) : json_null());
}
