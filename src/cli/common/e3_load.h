/*
 * e3_load: reading traces written in the logging schema of paper 000, App. E.3 (the authors'
 * own logger: run folders of events.jsonl, run_config.json and run_metadata.json) into the
 * canonical tables, through the JSONL loader's machinery (jsonl_load.h). Private to
 * load_e3.c (the driver: one transaction per path), e3_walk.c (finding the run folders),
 * e3_run.c (a run's record from its config and metadata), e3_event.c (an event line to
 * agent and event records) and e3_oddities.c (what was mapped, counted and reported):
 * load_e3.c calls the others, e3_event.c calls e3_run.c, and no call goes the other way.
 * docs/collcog-load.md#e3 says what each rule is.
 */
#ifndef COLLCOG_CLI_E3_LOAD_H
#define COLLCOG_CLI_E3_LOAD_H

#include <jansson.h>

#include "json_scan.h"
#include "jsonl_load.h"

/* One run folder: where its files are. */
typedef struct E3Folder
{
	char	   *events;			/* the events.jsonl file (or the file given) */
	char	   *config;			/* run_config.json beside it, or NULL when absent */
	char	   *metadata;		/* run_metadata.json beside it, or NULL when absent */
	int64_t		size;			/* bytes of events */
} E3Folder;

typedef struct E3Folders
{
	E3Folder   *folders;		/* in the order of a sorted walk */
	size_t		n;
	size_t		cap;
	int64_t		total_bytes;
} E3Folders;

/* What the importer met and mapped, per run (docs/collcog-load.md#e3). */
typedef enum E3Oddity
{
	E3_SESSIONS,				/* appended sessions: the logged step_id starts again */
	E3_SHARED_STEP,				/* events whose logged step_id another event of the run has */
	E3_ENDORSE_CLAIM,			/* endorsements that create a claim */
	E3_ENDORSE_EARLIER,			/* endorsements of a claim created earlier: its target */
	E3_DELEGATE_CLAIM,			/* delegations that carry a claim */
	E3_SELF_PARENT,				/* a claim among its own parents: dropped */
	E3_DANGLING_PARENT,			/* parents naming no earlier claim of the run: dropped */
	E3_RETYPED,					/* events stored as propose, their logged type's parents gone */
	E3_ROLE_CHANGE,				/* agents whose role changes in the run */
	E3_EXTRA_AGENTS,			/* agents acting beyond the run's num_agents */
	E3_NODDITIES
} E3Oddity;

/* The run-level fields every event repeats; they must agree with the run's configuration. */
typedef enum E3RunField
{
	E3_RF_BENCHMARK,
	E3_RF_TASK_ID,
	E3_RF_TASK_FAMILY,
	E3_RF_DIFFICULTY,
	E3_RF_TOPOLOGY,
	E3_RF_ARCHITECTURE,
	E3_RF_NUM_AGENTS,
	E3_RF_SEED,
	E3_NRUNFIELDS
} E3RunField;

extern const char *const e3_run_field_names[E3_NRUNFIELDS];

/* A run being read. */
typedef struct E3Run
{
	const E3Folder *folder;
	RunState   *run;			/* NULL until its id is known */
	json_t	   *config;			/* run_config.json, or NULL */
	json_t	   *metadata;		/* run_metadata.json, or NULL */
	const char *error_file;		/* the file of a config or metadata error, or NULL */
	int			error_line;
	char		error[600];
	StrBuf		run_values[E3_NRUNFIELDS];	/* canonical forms; empty until known */
	bool		has_value[E3_NRUNFIELDS];
	char	   *model;			/* the config's model_name, for agents.model */
	int64_t		n_agents;		/* the config's num_agents, or 0 */
	int64_t		first_line;		/* of the run's first event, 0 before it */
	StrMap		agents;			/* agent id -> role (data, malloc'd) and role-change flag */
	int64_t		prev_step;
	int64_t    *steps;			/* the logged step_ids, for the shared-step count */
	size_t		nsteps;
	size_t		steps_cap;
	int64_t		events;
	int64_t		counts[E3_NODDITIES];
} E3Run;

/* The reader of one path (one transaction). */
typedef struct E3Load
{
	JsonlLoad	ld;
	E3Folders	folders;
	JsonScan	scan;
	StrBuf		text;			/* the run's meta, an event's payload */
	StrBuf		literal;		/* an event's parent_claim_ids literal */
	StrBuf		notes;			/* what the importer notes in an event's payload */
	StrBuf		scratch;		/* decoded strings, canonical values */
	int		   *member_field;	/* the field of each member of the scanned line, or -1 */
	size_t		member_field_cap;
	E3Run	   *runs;			/* every run read, for the report */
	size_t		nruns;
	size_t		runs_cap;
} E3Load;

/* Set the reason a record is wrong and give false: "return e3_fail(e3, ...)". A macro, so
 * that the static analyzer sees the false (it does not follow variadic calls). */
#define e3_fail(e3, ...) (jsonl_set_reason(&(e3)->ld, __VA_ARGS__), false)

/* e3_walk.c: the run folders of a path; false after reporting why there are none. */
bool		e3_find_folders(const char *path, E3Folders *out);
void		e3_free_folders(E3Folders *f);

/* e3_run.c: read the folder's config and metadata (a failure is kept in run->error). */
void		e3_run_open(E3Run *run, const E3Folder *folder);
void		e3_run_close(E3Run *run);
/* e3_run.c: the run id its config gives, in out; false when it gives none. */
bool		e3_config_run_id(const E3Run *run, StrBuf *out);
/* e3_run.c: the run record in e3->ld.rec, from the config, the metadata and the run-level
 * fields of the first event (fields[k]: its member for e3_run_field_names[k], or NULL);
 * false with the reason in e3->ld.reason. */
bool		e3_run_record(E3Load *e3, E3Run *run, const JsonMember *const *fields,
						  const char *started_at);
/* e3_run.c: an event's run-level fields against the run's (the first to give one sets it);
 * false with the reason in e3->ld.reason. */
bool		e3_run_fields_agree(E3Load *e3, E3Run *run, const JsonMember *const *fields);
/* e3_run.c: the canonical form of a scanned scalar, for comparisons; false for other kinds. */
bool		e3_canonical_value(const JsonValue *v, StrBuf *out);

/* e3_event.c: the records of one scanned event line, handed to jsonl_add_record; false
 * when the load stops (refused) or the run was quarantined. */
bool		e3_add_event(E3Load *e3, E3Run *run, int64_t line);
/* e3_event.c: a value as an id (a non-empty string of at most CC_MAX_ID_BYTES, or an integer
 * in decimal); false with the reason, naming the value as what says, in e3->ld.reason. */
bool		e3_read_id(E3Load *e3, const char *what, const JsonValue *v, TraceId *id);

/* e3_oddities.c: count what the run's end shows (shared steps, extra agents). */
void		e3_finish_run_counts(E3Run *run);
/* e3_oddities.c: the summary of a committed load: one line per oddity met, and with
 * verbose one line per run. */
void		e3_report(const E3Load *e3, const char *path, bool verbose);

#endif
