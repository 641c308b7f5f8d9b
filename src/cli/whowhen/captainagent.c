/*
 * captainagent: the mapping of the Algorithm-Generated runs, CaptainAgent group chats in
 * which a manager's brief is followed by experts' messages and the outputs of the code they
 * run on a terminal (docs/real-traces.md, rules ag_*).
 */
#define _GNU_SOURCE				/* strcasestr */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "whowhen.h"

#define TERMINAL "Computer_terminal"
#define EXITCODE_PREFIX "exitcode: "

static int
check_agent_name(Run *run, size_t i, const char *name)
{
	if (name[0] == '\0')
		return fail(run->file, "history[%zu]: empty agent name", i);
	if (strlen(name) > WW_MAX_ID_BYTES)
		return fail(run->file, "history[%zu]: agent name longer than %d bytes", i, WW_MAX_ID_BYTES);
	return 0;
}

/* The team: the experts CaptainAgent built (system_prompt); whoever speaks joins later. */
static int
add_team(Run *run)
{
	json_t	   *sp = json_object_get(run->root, "system_prompt");
	const char *key;
	json_t	   *val;

	if (sp != NULL && !json_is_object(sp))
		return fail(run->file, "\"system_prompt\" is not an object");
	json_object_foreach(sp, key, val)
	{
		(void) val;
		if (key[0] == '\0' || strlen(key) > WW_MAX_ID_BYTES)
			return fail(run->file, "system_prompt has an empty or over-long agent name");
		agent_ref(run, key, "llm_expert", "expert");
	}
	return 0;
}

/* The latest claim before step, -1 if none; with agent, only one of that agent (mine) or
 * of any other (!mine). */
static long
latest_claim(const Run *run, long step, const char *agent, bool mine)
{
	for (long k = step - 1; k >= 0; k--)
		if (run->steps[k].has_claim
			&& (agent == NULL || (strcmp(run->steps[k].claim_agent, agent) == 0) == mine))
			return k;
	return -1;
}

/* The latest claim before step that holds code and is not the terminal's own. */
static long
code_claim(const Run *run, long step)
{
	long		k = step;

	do
		k = latest_claim(run, k, TERMINAL, false);
	while (k >= 0 && !run->steps[k].has_code);
	return k;
}

/* Number of "1. ..." items under "## Plan for solving the task" in the manager's brief. */
static int
plan_items(const char *text)
{
	const char *p = strstr(text, "## Plan for solving the task");
	int			n = 0;

	if (p == NULL)
		return 0;
	p = strchr(p, '\n');
	while (p != NULL && *++p)
	{
		if (starts_with(p, "## "))
			break;
		if (isdigit((unsigned char) *p))
		{
			const char *q = p;

			while (isdigit((unsigned char) *q))
				q++;
			if (*q == '.' && q[1] == ' ')
				n++;
		}
		p = strchr(p, '\n');
	}
	return n;
}

/* The manager's brief, posted under the first expert's name: a delegate to the group that
 * creates the group's subtask. */
static Event *
manager_brief(Run *run, long step, const char *name, const char *content)
{
	Event	   *ev = new_delegate(run, step, name);

	set_provenance(ev, "D", "D", "D", "D", "ag_manager_brief");
	jset(ev->payload, "kind", json_string("manager_brief"));
	jset(ev->payload, "brief_from", json_string("manager"));
	jset(ev->payload, "assignee", json_string("group"));
	jset(ev->payload, "plan_items", json_integer(plan_items(content)));
	return ev;
}

/* What the terminal printed: the verdict on the latest claim holding code, by exit code.
 * *out is NULL for a notice that is no execution result (skipped). */
static int
terminal_output(Run *run, size_t i, const char *name, const char *content, Event **out)
{
	const char *digits;
	long		step = (long) i;
	long		code;
	long		target;
	char	   *endp;
	Event	   *ev;

	*out = NULL;
	if (!starts_with(content, EXITCODE_PREFIX))
	{
		skip_step(run, "terminal_notice", step);
		return 0;
	}
	digits = content + strlen(EXITCODE_PREFIX);
	errno = 0;
	code = strtol(digits, &endp, 10);
	if (endp == digits || errno != 0)
		return fail(run->file, "history[%zu]: cannot read the exit code", i);
	target = code_claim(run, step);
	if (target < 0)
	{
		/* Output of code no claim holds (the brief's own code): a new result claim. */
		ev = new_event(run, step, name, CC_EV_PROPOSE);
		set_provenance(ev, "D", "D", "D", "D", "ag_exitcode_no_code_claim");
	}
	else if (code == 0)
	{
		ev = new_endorse(run, step, name, target);
		set_provenance(ev, "D", "D", "D", "D", "ag_exitcode_zero");
	}
	else
	{
		ev = new_contradict(run, step, name, target);
		set_provenance(ev, "D", "D", "D", "D", "ag_exitcode_nonzero");
	}
	jset(ev->payload, "kind", json_string("execution_result"));
	jset(ev->payload, "exitcode", json_integer(code));
	*out = ev;
	return 0;
}

static int
cmp_step(const void *a, const void *b)
{
	long		x = *(const long *) a,
				y = *(const long *) b;

	return x < y ? -1 : x > y;
}

/* TERMINATE: the final consensus, merging the latest claim of every agent so far. */
static Event *
final_consensus(Run *run, long step, const char *name)
{
	long	   *latest = xmalloc(run->n_agents * sizeof(long));
	size_t		n = 0;
	Event	   *ev;

	for (size_t a = 0; a < run->n_agents; a++)
	{
		long		k = latest_claim(run, step, run->agents[a].id, true);

		if (k >= 0)
			latest[n++] = k;
	}
	qsort(latest, n, sizeof(long), cmp_step);
	ev = new_event(run, step, name, n >= 2 ? CC_EV_MERGE : CC_EV_PROPOSE);
	for (size_t x = 0; x < n; x++)
		add_parent(ev, latest[x]);
	free(latest);
	set_provenance(ev, "I", "I", "D", "D", "ag_terminate");
	jset(ev->payload, "kind", json_string("final"));
	return ev;
}

/* An expert's message: a claim, a restated claim after a contradiction, or a verifier's
 * verdict on the latest claim of another agent. */
static Event *
expert_message(Run *run, long step, const char *name, const char *content)
{
	long		own = latest_claim(run, step, name, true);
	bool		verifier = strcasestr(name, "verif") != NULL || strcasestr(name, "valid") != NULL;
	long		judged = verifier && !run->steps[step].has_code
		? latest_claim(run, step, name, false) : -1;
	Event	   *ev;

	if (own >= 0 && run->steps[own].contradicted)
	{
		ev = new_event(run, step, name, CC_EV_REVISE);
		add_parent(ev, own);
		set_provenance(ev, "I", "I", "D", "D", "ag_revise_after_contradict");
		jset(ev->payload, "kind", json_string("claim"));
	}
	else if (judged >= 0
			 && (has_word(content, "incorrect", false)
				 || has_word(content, "discrepanc", true)
				 || has_word(content, "error", false)
				 || has_word(content, "errors", false)))
	{
		ev = new_contradict(run, step, name, judged);
		set_provenance(ev, "I", "I", "I", "D", "ag_verifier_contradict");
		jset(ev->payload, "kind", json_string("verification"));
	}
	else if (judged >= 0
			 && (has_word(content, "verified", false)
				 || has_word(content, "correct", false)
				 || has_word(content, "agree", false)))
	{
		ev = new_endorse(run, step, name, judged);
		set_provenance(ev, "I", "I", "I", "D", "ag_verifier_endorse");
		jset(ev->payload, "kind", json_string("verification"));
	}
	else
	{
		ev = new_event(run, step, name, CC_EV_PROPOSE);
		add_parent(ev, latest_claim(run, step, NULL, false));
		set_provenance(ev, "I", "I", "D", "D", "ag_claim");
		jset(ev->payload, "kind", json_string("claim"));
	}
	return ev;
}

int
convert_captainagent(Run *run)
{
	if (add_team(run) != 0)
		return -1;
	for (size_t i = 0; i < run->n_msgs; i++)
	{
		const char *name,
				   *content;
		size_t		clen;
		long		step = (long) i;
		bool		terminal;
		json_t	   *recorded_role;
		Event	   *ev;

		if (read_message(run, i, "name", &name, &content, &clen)
			|| check_agent_name(run, i, name))
			return -1;
		terminal = strcmp(name, TERMINAL) == 0;
		name = terminal ? agent_ref(run, name, "code_executor", "executor")
			: agent_ref(run, name, "llm_expert", "expert");
		run->steps[i].has_code = strstr(content, "```") != NULL;

		if (i == 0)
			ev = manager_brief(run, step, name, content);
		else if (terminal)
		{
			if (terminal_output(run, i, name, content, &ev) != 0)
				return -1;
			if (ev == NULL)
				continue;
		}
		else if (strstr(content, "TERMINATE") != NULL)
			ev = final_consensus(run, step, name);
		else
			ev = expert_message(run, step, name, content);

		if (ev->type != CC_EV_DELEGATE)
			strcpy(ev->subtask, "t0");
		recorded_role = json_object_get(json_array_get(run->history, i), "role");
		jset(ev->payload, "role", json_string(name));
		jset(ev->payload, "recorded_role",
			 json_is_string(recorded_role) ? json_incref(recorded_role) : json_null());
		jset(ev->payload, "has_code", json_boolean(run->steps[i].has_code));
		set_message_size(ev, content, clen);
	}
	return 0;
}
