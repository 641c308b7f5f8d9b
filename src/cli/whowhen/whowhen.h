/*
 * whowhen: the parts of collcog-whowhen, which turns Who&When run files into collcog trace
 * JSONL (docs/real-traces.md). The run files are found (input.c) and each is converted
 * (convert.c): read into a Run (run.c) with its annotation (annotation.c), mapped to events
 * by its system's rules (captainagent.c; magentic_one.c with ledger.c), checked against the
 * lineage rules (event.c) and appended to the output as JSON lines (emit.c). Below them all:
 * text.c (reading messages), json_set.c (building JSON) and report.c (errors).
 *
 * Calls go one way, down this list (a file calls only files below it):
 *   convert.c
 *   captainagent.c, magentic_one.c
 *   ledger.c, event.c, annotation.c, emit.c, run.c
 *   input.c, text.c, json_set.c
 *   report.c
 */
#ifndef COLLCOG_CLI_WHOWHEN_H
#define COLLCOG_CLI_WHOWHEN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "strbuf.h"
#include "strmap.h"
#include "trace_schema.h"

#define WW_MAX_ID_BYTES 200		/* agent names longer than this are refused */

typedef enum Subset
{
	SUBSET_AG = 0,				/* Algorithm-Generated: CaptainAgent group chat */
	SUBSET_HC = 1				/* Hand-Crafted: Magentic-One */
} Subset;

#define N_SUBSETS 2

/* The subset's folder name, and its run id prefix ("AG" in "AG/12"). */
extern const char *const subset_dir[N_SUBSETS];
extern const char *const subset_prefix[N_SUBSETS];

/* ---------------------------------------------------------------- report.c ---- */

/* Whether any input failed: then nothing is written. */
extern bool had_error;

/* Report "file: message" on stderr and remember that an input failed; returns -1. */
int			fail(const char *file, const char *fmt,...) __attribute__((format(printf, 2, 3)));

/* ---------------------------------------------------------------- json_set.c ---- */

/* json_object_set_new that cannot fail silently: exits when value is NULL or not set. */
void		jset(json_t *obj, const char *key, json_t *value);

/* ---------------------------------------------------------------- input.c ---- */

/* One input file and the key it sorts by. */
typedef struct InputFile
{
	char	   *path;
	Subset		subset;
	char	   *stem;
	bool		numeric;
	long		number;
} InputFile;

typedef struct FileList
{
	InputFile  *items;
	size_t		n;
	size_t		cap;
} FileList;

/* The run files the paths name, sorted by subset and numeric stem; errors are reported. */
void		collect_inputs(FileList *list, char *const *paths, int n_paths);
void		file_list_free(FileList *list);

/* ---------------------------------------------------------------- convert.c ---- */

/* Convert one file into records appended to out, or report why it cannot be. */
void		convert_file(const InputFile *in, StrBuf *out);

/* ---------------------------------------------------------------- run.c ---- */

/* What is known about one step (message) of a run. */
typedef struct StepState
{
	bool		has_claim;		/* the step created a claim */
	bool		contradicted;	/* a contradict event names this claim as parent */
	bool		has_code;		/* the message holds a ``` code block */
	const char *claim_agent;	/* agent of the claim's event */
} StepState;

/* An event under construction. Claims are named after the step that creates them ("s12"). */
typedef struct Event
{
	long		step;
	const char *agent;
	cc_event_type	type;
	long	   *parents;		/* steps of the parent claims */
	size_t		n_parents;
	long		target;			/* step of the target claim, -1 if none */
	char		subtask[32];	/* subtask the event belongs to or creates; "" if none */
	char		parent_subtask[32];
	long		length;			/* characters of the message */
	json_t	   *payload;
} Event;

/* An agent of a run, in order of first mention. */
typedef struct Agent
{
	const char *id;				/* the key of its entry in Run.agent_ids */
	const char *agent_type;
	const char *role;
} Agent;

/* Everything known about one run while it converts. */
typedef struct Run
{
	const char *file;
	Subset		subset;
	char		run_id[300];
	json_t	   *root;
	json_t	   *history;
	size_t		n_msgs;
	StepState  *steps;			/* by step */
	Event	   *events;			/* at most one per step */
	size_t		n_events;
	Agent	   *agents;
	size_t		n_agents;
	size_t		cap_agents;
	StrMap		agent_ids;		/* the ids in agents */
	json_t	   *skipped;		/* meta.skipped_steps: kind -> [steps] */
} Run;

/* Load a run file; -1 when it is not JSON or has no history (reported). Free it either way. */
int			run_open(Run *run, const InputFile *in);
void		run_free(Run *run);
/* Check that history[i] is an object with string members speaker_key and "content". */
int			read_message(Run *run, size_t i, const char *speaker_key, const char **speaker,
						 const char **content, size_t *content_len);
/* Find or add an agent; returns its id, which stays valid while the run lives. */
const char *agent_ref(Run *run, const char *id, const char *agent_type, const char *role);
/* Remember that step was left out of the events, under kind. */
void		skip_step(Run *run, const char *kind, long step);

/* ---------------------------------------------------------------- annotation.c ---- */

/* The run's attributes and the human annotation, as meta; NULL when malformed (reported). */
json_t	   *annotation_read(const Run *run);
/* Add to meta what the conversion found: where the annotation points, counts, skips. */
void		annotation_complete(json_t *meta, const Run *run);

/* ---------------------------------------------------------------- event.c ---- */

/* Start an event of type at step; a claim-creating one marks the step's claim. */
Event	   *new_event(Run *run, long step, const char *agent, cc_event_type type);
/* A contradict event against the claim of step target, which is also its only parent. */
Event	   *new_contradict(Run *run, long step, const char *agent, long target);
Event	   *new_endorse(Run *run, long step, const char *agent, long target);
/* A delegate event creating subtask "t<step>" under "task". */
Event	   *new_delegate(Run *run, long step, const char *agent);
/* Add the claim of step as a parent; nothing when step < 0 (no claim). */
void		add_parent(Event *ev, long step);
/* Record the R/D/I status of an event's fields in payload.provenance, and its rule. */
void		set_provenance(Event *ev, const char *event_type, const char *parents,
						   const char *target, const char *subtask, const char *rule);
/* The event's message length, and payload.content_chars and payload.excerpt. */
void		set_message_size(Event *ev, const char *content, size_t len);
/* Check the lineage rules of the trace tables before anything is written. */
int			check_events(const Run *run);

/* ---------------------------------------------------------------- mappings ---- */

/* Map a run's history to events: CaptainAgent (Algorithm-Generated), Magentic-One
 * (Hand-Crafted). -1 when a message is malformed (reported). */
int			convert_captainagent(Run *run);
int			convert_magentic_one(Run *run);

/* What the ledger of an "Updated Ledger:" message says; -1 where it says nothing usable. */
typedef struct Ledger
{
	bool		parsed;
	int			satisfied;
	int			in_loop;
	int			progress;
	json_t	   *next_speaker;	/* borrowed from ledger */
	char	   *instruction;	/* owned */
	json_t	   *ledger;
} Ledger;

void		ledger_parse(const char *content, Ledger *lg);
/* Set the ledger's answers in payload. */
void		ledger_describe(const Ledger *lg, json_t *payload);

/* ---------------------------------------------------------------- text.c ---- */

bool		starts_with(const char *s, const char *prefix);
/* A letter, digit or underscore. */
bool		is_word_char(char c);
/* Is word (ASCII, lower case) in text as a whole word, ignoring case? With prefix, the word
 * may continue ("discrepanc" matches "discrepancy" and "discrepancies"). */
bool		has_word(const char *text, const char *word, bool prefix);
/* Length of the agent name a recorded role starts with: up to " (" as in "WebSurfer (x)". */
size_t		speaker_length(const char *role);
/* Number of Unicode characters in UTF-8 text (jansson has validated the encoding). */
long		utf8_chars(const char *s, size_t len);
/* payload.excerpt: the first characters of a message. */
json_t	   *excerpt(const char *s, size_t len);

/* ---------------------------------------------------------------- emit.c ---- */

/* Append the run's run, agent and event records to out, one compact JSON line each. */
void		emit_run(const Run *run, json_t *meta, StrBuf *out);
/* Write out to path (stdout when NULL); returns the exit status. */
int			write_output(const StrBuf *out, const char *path);

#endif
