/* run: one run file while it converts: its JSON, per-step state, agents and skipped steps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whowhen.h"

int
run_open(Run *run, const InputFile *in)
{
	json_error_t err;

	memset(run, 0, sizeof(*run));
	run->file = in->path;
	run->subset = in->subset;
	snprintf(run->run_id, sizeof(run->run_id), "%s/%s", subset_prefix[in->subset], in->stem);
	strmap_init(&run->agent_ids);
	run->root = json_load_file(in->path, JSON_REJECT_DUPLICATES, &err);
	run->skipped = json_object();
	if (run->root == NULL)
	{
		if (err.line > 0)
			return fail(in->path, "invalid JSON at line %d, column %d: %s", err.line, err.column, err.text);
		return fail(in->path, "%s", err.text);
	}
	if (!json_is_object(run->root))
		return fail(in->path, "the file is not a JSON object");
	run->history = json_object_get(run->root, "history");
	if (!json_is_array(run->history) || json_array_size(run->history) == 0)
		return fail(in->path, "\"history\" is missing, not an array or empty");
	run->n_msgs = json_array_size(run->history);
	run->events = xmalloc(run->n_msgs * sizeof(Event));
	run->steps = xmalloc(run->n_msgs * sizeof(StepState));
	memset(run->steps, 0, run->n_msgs * sizeof(StepState));
	return 0;
}

void
run_free(Run *run)
{
	for (size_t i = 0; i < run->n_events; i++)
	{
		free(run->events[i].parents);
		json_decref(run->events[i].payload);
	}
	free(run->events);
	free(run->steps);
	free(run->agents);
	strmap_free(&run->agent_ids, NULL);
	json_decref(run->skipped);
	json_decref(run->root);
}

/* history[i].key as a string, or an error naming the step. */
static int
message_string(Run *run, size_t i, const char *key, const char **out, size_t *len)
{
	json_t	   *v = json_object_get(json_array_get(run->history, i), key);

	if (v == NULL)
		return fail(run->file, "history[%zu] has no \"%s\"", i, key);
	if (!json_is_string(v))
		return fail(run->file, "history[%zu].%s is not a string", i, key);
	*out = json_string_value(v);
	if (len)
		*len = json_string_length(v);
	return 0;
}

int
read_message(Run *run, size_t i, const char *speaker_key, const char **speaker,
			 const char **content, size_t *content_len)
{
	if (!json_is_object(json_array_get(run->history, i)))
		return fail(run->file, "history[%zu] is not an object", i);
	if (message_string(run, i, speaker_key, speaker, NULL)
		|| message_string(run, i, "content", content, content_len))
		return -1;
	return 0;
}

const char *
agent_ref(Run *run, const char *id, const char *agent_type, const char *role)
{
	bool		added;
	StrMapEntry *e = strmap_insert(&run->agent_ids, id, strlen(id), &added);

	if (added)
	{
		Agent	   *a;

		run->agents = xgrow(run->agents, run->n_agents, &run->cap_agents, sizeof(Agent), 8);
		a = &run->agents[run->n_agents++];
		a->id = e->key;
		a->agent_type = agent_type;
		a->role = role;
	}
	return e->key;
}

void
skip_step(Run *run, const char *kind, long step)
{
	json_t	   *list = json_object_get(run->skipped, kind);

	if (list == NULL)
	{
		list = json_array();
		jset(run->skipped, kind, list);
	}
	json_array_append_new(list, json_integer(step));
}
