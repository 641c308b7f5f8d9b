/*
 * annotation: a run's attributes and the human failure annotation of Who&When (which agent
 * made the decisive mistake, at which step, and why), kept in the run record's meta.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whowhen.h"

/* Copy the required string member key of the run's object into meta. */
static int
copy_string(const Run *run, json_t *meta, const char *key)
{
	json_t	   *v = json_object_get(run->root, key);

	if (v == NULL)
		return fail(run->file, "missing key \"%s\"", key);
	if (!json_is_string(v))
		return fail(run->file, "\"%s\" is not a string", key);
	jset(meta, key, json_string(json_string_value(v)));
	return 0;
}

/* The task's level, a string or an integer in the files, as a string or null. */
static int
read_level(const Run *run, json_t *meta)
{
	json_t	   *v = json_object_get(run->root, "level");

	if (json_is_string(v))
		jset(meta, "level", json_incref(v));
	else if (json_is_integer(v))
	{
		char		buf[32];

		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		jset(meta, "level", json_string(buf));
	}
	else if (v != NULL && !json_is_null(v))
		return fail(run->file, "\"level\" is neither a string nor an integer");
	else
		jset(meta, "level", json_null());
	return 0;
}

/* Whether the run answered correctly: "is_correct" (AG) or "is_corrected" (HC), a boolean
 * or the text "True"/"False". */
static int
read_outcome(const Run *run, json_t *meta)
{
	const char *key = run->subset == SUBSET_AG ? "is_correct" : "is_corrected";
	json_t	   *v = json_object_get(run->root, key);

	if (v == NULL)
		return fail(run->file, "missing key \"%s\"", key);
	if (json_is_boolean(v))
		jset(meta, "is_correct", json_incref(v));
	else if (json_is_string(v) && (strcmp(json_string_value(v), "True") == 0
								   || strcmp(json_string_value(v), "False") == 0))
		jset(meta, "is_correct", json_boolean(strcmp(json_string_value(v), "True") == 0));
	else
		return fail(run->file, "\"%s\" is neither a boolean nor \"True\"/\"False\"", key);
	return 0;
}

/* The annotated step, an integer or a string of digits, which must be in the history. */
static int
read_mistake_step(const Run *run, json_t *meta)
{
	json_t	   *v = json_object_get(run->root, "mistake_step");
	long		ms = -1;
	char	   *endp;

	if (json_is_integer(v))
		ms = (long) json_integer_value(v);
	else if (json_is_string(v) && isdigit((unsigned char) json_string_value(v)[0]))
	{
		errno = 0;
		ms = strtol(json_string_value(v), &endp, 10);
		if (*endp != '\0' || errno != 0)
			ms = -1;
	}
	else if (v == NULL)
		return fail(run->file, "missing key \"mistake_step\"");
	if (ms < 0)
		return fail(run->file, "\"mistake_step\" is not a non-negative integer");
	if ((size_t) ms >= run->n_msgs)
		return fail(run->file, "\"mistake_step\" %ld is past the end of \"history\" (%zu messages)",
					ms, run->n_msgs);
	jset(meta, "mistake_step", json_integer(ms));
	return 0;
}

json_t *
annotation_read(const Run *run)
{
	json_t	   *meta = json_object();
	const char *source = strstr(run->file, subset_dir[run->subset]);
	const char *const optional[] = {"mistake_type", "labels"};

	jset(meta, "source", json_string(source ? source : run->file));
	jset(meta, "system", json_string(run->subset == SUBSET_AG ? "CaptainAgent" : "Magentic-One"));
	jset(meta, "subset", json_string(subset_dir[run->subset]));
	if (copy_string(run, meta, "question_ID") || copy_string(run, meta, "question")
		|| read_level(run, meta) || read_outcome(run, meta)
		|| copy_string(run, meta, "mistake_agent") || read_mistake_step(run, meta)
		|| copy_string(run, meta, "mistake_reason"))
	{
		json_decref(meta);
		return NULL;
	}
	for (size_t k = 0; k < sizeof(optional) / sizeof(optional[0]); k++)
	{
		json_t	   *v = json_object_get(run->root, optional[k]);

		if (json_is_string(v))
			jset(meta, optional[k], json_incref(v));
	}
	jset(meta, "n_messages", json_integer((json_int_t) run->n_msgs));
	return meta;
}

void
annotation_complete(json_t *meta, const Run *run)
{
	long		ms = (long) json_integer_value(json_object_get(meta, "mistake_step"));
	json_t	   *who = json_object_get(json_array_get(run->history, (size_t) ms),
									  run->subset == SUBSET_AG ? "name" : "role");
	json_t	   *speaker;
	bool		has_event = false;

	/* Where the annotation points: the recorded speaker and whether an event is there. */
	for (size_t e = 0; e < run->n_events; e++)
		if (run->events[e].step == ms)
			has_event = true;
	if (json_is_string(who))
	{
		const char *w = json_string_value(who);
		size_t		n = speaker_length(w);

		speaker = json_stringn(w, n > WW_MAX_ID_BYTES ? WW_MAX_ID_BYTES : n);
	}
	else
		speaker = json_string("");
	jset(meta, "mistake_step_speaker", speaker);
	jset(meta, "mistake_agent_matches_speaker",
		 json_boolean(strcmp(json_string_value(speaker),
							 json_string_value(json_object_get(meta, "mistake_agent"))) == 0));
	jset(meta, "mistake_step_has_event", json_boolean(has_event));
	jset(meta, "n_events", json_integer((json_int_t) run->n_events));
	jset(meta, "skipped_steps", json_incref(run->skipped));
	jset(meta, "message_length_unit", json_string("characters"));
}
