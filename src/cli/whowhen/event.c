/* event: building a run's events and checking them against the lineage rules. */
#include <stdio.h>
#include <string.h>

#include "whowhen.h"

Event *
new_event(Run *run, long step, const char *agent, cc_event_type type)
{
	Event	   *ev = &run->events[run->n_events++];

	memset(ev, 0, sizeof(*ev));
	ev->step = step;
	ev->agent = agent;
	ev->type = type;
	ev->target = -1;
	ev->payload = json_object();
	if (cc_event_type_creates_claim(type))
	{
		run->steps[step].has_claim = true;
		run->steps[step].claim_agent = agent;
	}
	return ev;
}

Event *
new_contradict(Run *run, long step, const char *agent, long target)
{
	Event	   *ev = new_event(run, step, agent, CC_EV_CONTRADICT);

	add_parent(ev, target);
	ev->target = target;
	run->steps[target].contradicted = true;
	return ev;
}

Event *
new_endorse(Run *run, long step, const char *agent, long target)
{
	Event	   *ev = new_event(run, step, agent, CC_EV_ENDORSE);

	ev->target = target;
	return ev;
}

Event *
new_delegate(Run *run, long step, const char *agent)
{
	Event	   *ev = new_event(run, step, agent, CC_EV_DELEGATE);

	snprintf(ev->subtask, sizeof(ev->subtask), "t%ld", step);
	strcpy(ev->parent_subtask, "task");
	return ev;
}

void
add_parent(Event *ev, long step)
{
	if (step < 0)
		return;
	for (size_t i = 0; i < ev->n_parents; i++)
		if (ev->parents[i] == step)
			return;
	ev->parents = xrealloc(ev->parents, (ev->n_parents + 1) * sizeof(long));
	ev->parents[ev->n_parents++] = step;
}

void
set_provenance(Event *ev, const char *event_type, const char *parents, const char *target,
			   const char *subtask, const char *rule)
{
	json_t	   *p = json_object();

	jset(p, "event_type", json_string(event_type));
	jset(p, "parents", json_string(parents));
	jset(p, "target", json_string(target));
	jset(p, "subtask", json_string(subtask));
	jset(p, "agent", json_string("R"));
	jset(p, "step", json_string("R"));
	jset(ev->payload, "provenance", p);
	jset(ev->payload, "rule", json_string(rule));
}

void
set_message_size(Event *ev, const char *content, size_t len)
{
	ev->length = utf8_chars(content, len);
	jset(ev->payload, "content_chars", json_integer(ev->length));
	jset(ev->payload, "excerpt", excerpt(content, len));
}

int
check_events(const Run *run)
{
	for (size_t e = 0; e < run->n_events; e++)
	{
		const Event *ev = &run->events[e];

		for (size_t p = 0; p < ev->n_parents; p++)
			if (ev->parents[p] >= ev->step || !run->steps[ev->parents[p]].has_claim)
				return fail(run->file, "internal error: step %ld has a bad parent", ev->step);
		if (ev->target >= 0 && (ev->target >= ev->step || !run->steps[ev->target].has_claim))
			return fail(run->file, "internal error: step %ld has a bad target", ev->step);
		if ((!cc_event_type_creates_claim(ev->type) && ev->n_parents > 0)
			|| (ev->type == CC_EV_REVISE && ev->n_parents != 1)
			|| (ev->type == CC_EV_CONTRADICT && (ev->n_parents != 1 || ev->target != ev->parents[0]))
			|| (ev->type == CC_EV_MERGE && ev->n_parents < 2)
			|| (ev->type == CC_EV_DELEGATE && ev->subtask[0] == '\0')
			|| (ev->type == CC_EV_ENDORSE && ev->target < 0))
			return fail(run->file, "internal error: step %ld breaks a %s rule", ev->step,
						cc_event_type_name(ev->type));
	}
	return 0;
}
