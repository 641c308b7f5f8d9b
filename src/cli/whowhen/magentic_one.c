/*
 * magentic_one: the mapping of the Hand-Crafted runs, Magentic-One teams in which an
 * orchestrator plans, keeps a progress ledger and instructs workers, who reply
 * (docs/real-traces.md, rules hc_*).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whowhen.h"

#define ORCHESTRATOR "Orchestrator"
#define INSTRUCTION_ROLE "Orchestrator (-> "	/* ... WORKER) */
#define FINAL_ANSWER "FINAL ANSWER:"

/* What the messages so far have established. */
typedef struct Orchestration
{
	Run		   *run;
	long		plan;			/* current plan claim: the final answer merges the
								 * replies since */
	long		context;		/* claim the next instruction builds on */
	long		pending;		/* latest reply not yet judged by a ledger */
	char	   *instruction;	/* of the latest ledger */
	StrMap		delegates;		/* worker -> the latest instruction to it: value its step,
								 * aux the claim it builds on */
} Orchestration;

static const struct
{
	const char *id;
	const char *agent_type;
}			known_agents[] = {
	{ORCHESTRATOR, "orchestrator"},
	{"WebSurfer", "web_surfer"},
	{"FileSurfer", "file_surfer"},
	{"Assistant", "assistant"},
	{"ComputerTerminal", "code_executor"},
};

static const char *
hc_agent(Run *run, const char *id)
{
	const char *agent_type = "worker";

	for (size_t k = 0; k < sizeof(known_agents) / sizeof(known_agents[0]); k++)
		if (strcmp(id, known_agents[k].id) == 0)
			agent_type = known_agents[k].agent_type;
	return agent_ref(run, id, agent_type,
					 strcmp(id, ORCHESTRATOR) == 0 ? "orchestrator" : "worker");
}

/* The agent named by the first n bytes of name; NULL when they are empty or too many. */
static const char *
hc_agent_named(Run *run, const char *name, size_t n)
{
	char		id[WW_MAX_ID_BYTES + 1];

	if (n == 0 || n > WW_MAX_ID_BYTES)
		return NULL;
	memcpy(id, name, n);
	id[n] = '\0';
	return hc_agent(run, id);
}

/* The team listed after "we have assembled the following team:" in the initial plan. */
static void
hc_team(Run *run, const char *plan)
{
	const char *p = strstr(plan, "assembled the following team:");

	if (p == NULL || (p = strchr(p, '\n')) == NULL)
		return;
	p++;
	while (*p == '\n')
		p++;
	/* One "Name: description" line per agent until a blank line. */
	while (*p && *p != '\n')
	{
		const char *colon = strstr(p, ": ");
		const char *eol = strchr(p, '\n');
		bool		word = true;

		if (colon == NULL || (eol != NULL && colon > eol))
			break;
		for (const char *c = p; c < colon; c++)
			word = word && is_word_char(*c);
		if (word)
			hc_agent_named(run, p, (size_t) (colon - p));
		if (eol == NULL)
			break;
		p = eol + 1;
	}
}

/* A plan: the first, or a new one that revises the one before. */
static Event *
plan(Orchestration *o, long step, const char *agent, const char *content)
{
	bool		initial = starts_with(content, "Initial plan:");
	Event	   *ev;

	if (initial)
		hc_team(o->run, content);
	ev = new_event(o->run, step, agent, o->plan >= 0 ? CC_EV_REVISE : CC_EV_PROPOSE);
	add_parent(ev, o->plan);
	set_provenance(ev, "R", "D", "D", "D", initial ? "hc_initial_plan" : "hc_new_plan");
	jset(ev->payload, "kind", json_string("plan"));
	o->plan = o->context = step;
	o->pending = -1;
	return ev;
}

/* An updated ledger: the verdict on the latest reply when it gives one. */
static Event *
ledger(Orchestration *o, long step, const char *agent, const char *content)
{
	Run		   *run = o->run;
	Ledger		lg;
	Event	   *ev;

	ledger_parse(content, &lg);
	if (o->pending >= 0 && lg.progress >= 0 && lg.in_loop >= 0)
	{
		if (lg.progress == 0 || lg.in_loop == 1)
		{
			ev = new_contradict(run, step, agent, o->pending);
			o->context = step;
			set_provenance(ev, "D", "D", "D", "D", "hc_ledger_stalled");
		}
		else
		{
			ev = new_endorse(run, step, agent, o->pending);
			o->context = o->pending;
			set_provenance(ev, "D", "D", "D", "D", "hc_ledger_progress");
		}
	}
	else
	{
		/* Nothing to judge (or no readable verdict): the ledger is the orchestrator's own
		 * state claim, built on what came before. */
		ev = new_event(run, step, agent, CC_EV_PROPOSE);
		add_parent(ev, o->pending >= 0 ? o->pending : o->context);
		o->context = step;
		set_provenance(ev, "D", "D", "D", "D",
					   lg.parsed ? "hc_ledger_state" : "hc_ledger_unreadable");
	}
	o->pending = -1;
	jset(ev->payload, "kind", json_string("ledger"));
	ledger_describe(&lg, ev->payload);
	free(o->instruction);
	o->instruction = lg.instruction;
	json_decref(lg.ledger);
	return ev;
}

/* The orchestrator declares the current plan failed: stalled, or out of replans. */
static Event *
plan_failed(Orchestration *o, long step, const char *agent, const char *content)
{
	bool		stalled = starts_with(content, "Stalled");
	Event	   *ev = o->plan >= 0 ? new_contradict(o->run, step, agent, o->plan)
		: new_event(o->run, step, agent, CC_EV_PROPOSE);

	o->context = step;
	set_provenance(ev, "D", "D", "D", "D", stalled ? "hc_stalled" : "hc_replan_exceeded");
	jset(ev->payload, "kind", json_string(stalled ? "stalled" : "replan_exceeded"));
	return ev;
}

/* An "Orchestrator (thought)" message; *out is NULL when it is left out (skipped_steps). */
static int
thought(Orchestration *o, size_t i, const char *agent, const char *content, Event **out)
{
	long		step = (long) i;
	Event	   *ev;

	*out = NULL;
	if (starts_with(content, "Initial plan:") || starts_with(content, "New plan:"))
		ev = plan(o, step, agent, content);
	else if (starts_with(content, "Updated Ledger:"))
		ev = ledger(o, step, agent, content);
	else if (starts_with(content, "Next speaker"))
	{
		skip_step(o->run, "next_speaker", step);
		return 0;
	}
	else if (starts_with(content, "Stalled.... Replanning...")
			 || starts_with(content, "Replan counter exceeded"))
		ev = plan_failed(o, step, agent, content);
	else if (starts_with(content, "Request satisfied."))
	{
		if (o->context < 0)
		{
			skip_step(o->run, "request_satisfied_without_claim", step);
			return 0;
		}
		ev = new_endorse(o->run, step, agent, o->context);
		set_provenance(ev, "D", "D", "D", "D", "hc_request_satisfied");
		jset(ev->payload, "kind", json_string("request_satisfied"));
	}
	else
		return fail(o->run->file,
					"history[%zu]: unknown kind of \"Orchestrator (thought)\" message: %.40s",
					i, content);
	strcpy(ev->subtask, "task");
	*out = ev;
	return 0;
}

/* An instruction to a worker ("Orchestrator (-> WORKER)"): a delegate of a new subtask. */
static int
instruction(Orchestration *o, size_t i, const char *agent, const char *role,
			const char *content, Event **out)
{
	const char *addressee = role + strlen(INSTRUCTION_ROLE);	/* up to the final ')' */
	const char *assignee = hc_agent_named(o->run, addressee, strlen(addressee) - 1);
	long		step = (long) i;
	bool		added;
	StrMapEntry *latest;
	Event	   *ev;

	if (assignee == NULL)
		return fail(o->run->file, "history[%zu]: bad addressee in role \"%s\"", i, role);
	ev = new_delegate(o->run, step, agent);
	ev->target = o->context;
	set_provenance(ev, "R", "D", "D", "D", "hc_delegate");
	jset(ev->payload, "kind", json_string("instruction"));
	jset(ev->payload, "assignee", json_string(assignee));
	jset(ev->payload, "instruction_matches_ledger",
		 json_boolean(o->instruction != NULL && strcmp(o->instruction, content) == 0));
	latest = strmap_insert(&o->delegates, assignee, strlen(assignee), &added);
	latest->value = step;
	latest->aux = o->context;
	*out = ev;
	return 0;
}

/* The text after "FINAL ANSWER:" to the end of its line, or null. */
static json_t *
final_answer(const char *content)
{
	const char *s = strstr(content, FINAL_ANSWER);
	const char *eol;

	if (s == NULL)
		return json_null();
	s += strlen(FINAL_ANSWER);
	while (*s == ' ')
		s++;
	eol = strchr(s, '\n');
	return excerpt(s, eol ? (size_t) (eol - s) : strlen(s));
}

static bool
is_worker_claim(const Run *run, long k, const char *orchestrator)
{
	return run->steps[k].has_claim && run->steps[k].claim_agent != orchestrator;
}

/* The final answer: merges the replies since the latest plan. */
static Event *
termination(Orchestration *o, long step, const char *agent, const char *content)
{
	Run		   *run = o->run;
	long		n = 0;
	Event	   *ev;

	for (long k = o->plan + 1; k < step; k++)
		n += is_worker_claim(run, k, agent);
	ev = new_event(run, step, agent, n >= 2 ? CC_EV_MERGE : CC_EV_PROPOSE);
	for (long k = o->plan + 1; k < step; k++)
		if (is_worker_claim(run, k, agent))
			add_parent(ev, k);
	if (n == 0)
		add_parent(ev, o->context);
	strcpy(ev->subtask, "task");
	set_provenance(ev, "I", "I", "D", "D", "hc_termination");
	jset(ev->payload, "kind", json_string("final"));
	jset(ev->payload, "final_answer", final_answer(content));
	return ev;
}

static int
orchestrator_message(Orchestration *o, size_t i, const char *role, const char *content,
					 Event **out)
{
	const char *agent = hc_agent(o->run, ORCHESTRATOR);

	if (strcmp(role, "Orchestrator (thought)") == 0)
		return thought(o, i, agent, content, out);
	if (starts_with(role, INSTRUCTION_ROLE) && role[strlen(role) - 1] == ')')
		return instruction(o, i, agent, role, content, out);
	if (strcmp(role, "Orchestrator (termination condition)") == 0)
	{
		*out = termination(o, (long) i, agent, content);
		return 0;
	}
	return fail(o->run->file, "history[%zu]: unknown Orchestrator role \"%s\"", i, role);
}

/* A reply by a worker: a claim answering the latest instruction addressed to it. */
static int
worker_reply(Orchestration *o, size_t i, const char *role, Event **out)
{
	const char *agent = hc_agent_named(o->run, role, speaker_length(role));
	long		step = (long) i;
	StrMapEntry *latest;
	Event	   *ev;

	if (agent == NULL)
		return fail(o->run->file, "history[%zu]: bad agent name in role \"%s\"", i, role);
	latest = strmap_find(&o->delegates, agent, strlen(agent));
	ev = new_event(o->run, step, agent, CC_EV_PROPOSE);
	if (latest != NULL)
	{
		add_parent(ev, (long) latest->aux);
		snprintf(ev->subtask, sizeof(ev->subtask), "t%ld", (long) latest->value);
		jset(ev->payload, "answers_delegate_step", json_integer(latest->value));
	}
	else
	{
		strcpy(ev->subtask, "task");
		jset(ev->payload, "answers_delegate_step", json_null());
	}
	set_provenance(ev, "D", "D", "D", "D", "hc_reply");
	jset(ev->payload, "kind", json_string("reply"));
	o->pending = step;
	*out = ev;
	return 0;
}

/* One message: step 0 is the human's request (skipped), then the team's messages. */
static int
message(Orchestration *o, size_t i)
{
	const char *role,
			   *content;
	size_t		clen;
	Event	   *ev = NULL;
	int			rc;

	if (read_message(o->run, i, "role", &role, &content, &clen) != 0)
		return -1;
	if (strcmp(role, "human") == 0)
	{
		if (i != 0)
			return fail(o->run->file, "history[%zu]: a \"human\" message after step 0", i);
		skip_step(o->run, "human_task", 0);
		return 0;
	}
	if (i == 0)
		return fail(o->run->file, "history[0] has role \"%s\", expected \"human\"", role);
	if (starts_with(role, ORCHESTRATOR " (") || strcmp(role, ORCHESTRATOR) == 0)
		rc = orchestrator_message(o, i, role, content, &ev);
	else
		rc = worker_reply(o, i, role, &ev);
	if (rc != 0 || ev == NULL)
		return rc;
	jset(ev->payload, "role", json_string(role));
	set_message_size(ev, content, clen);
	return 0;
}

int
convert_magentic_one(Run *run)
{
	Orchestration o = {.run = run, .plan = -1, .context = -1, .pending = -1};
	int			rc = 0;

	strmap_init(&o.delegates);
	for (size_t i = 0; i < run->n_msgs && rc == 0; i++)
		rc = message(&o, i);
	free(o.instruction);
	strmap_free(&o.delegates, NULL);
	return rc;
}
