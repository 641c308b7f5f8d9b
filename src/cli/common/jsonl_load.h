/*
 * jsonl_load: the state of loading one JSONL input, shared by load_jsonl.c (reading, batching,
 * flushing), jsonl_refs.c (references and uniqueness), jsonl_quarantine.c (rejecting runs) and
 * jsonl_errors.c (refusing the input, server failures), which call each other only in that
 * order: load_jsonl.c -> jsonl_refs.c -> jsonl_quarantine.c -> jsonl_errors.c. A reader of
 * another format that makes canonical records (load_e3.c) drives the same load with
 * jsonl_load_begin, jsonl_run, jsonl_add_record, jsonl_load_finish and jsonl_load_free.
 */
#ifndef COLLCOG_CLI_JSONL_LOAD_H
#define COLLCOG_CLI_JSONL_LOAD_H

#include "copy_batch.h"
#include "load.h"
#include "strmap.h"
#include "trace_record.h"

/* What the loader knows about one run named in the input. */
typedef struct RunState
{
	char	   *run_id;
	char	   *source;			/* the file its records come from, when not the input's name */
	int64_t		declared_line;	/* line of its run record in this input, 0 if none yet */
	int			in_database;	/* before this input: -1 not looked up, 0 absent, 1 present */
	bool		rejected;		/* quarantined */
	int64_t		reject_line;
	char	   *reject_reason;
	int64_t		rows_sent[TRACE_NTABLES];
} RunState;

/* A claim reference to check at the end of the input. */
typedef struct PendingRef
{
	RunState   *run;
	char	   *claim_key;		/* run_id NUL claim_id */
	size_t		keylen;
	int64_t		line;
	int64_t		step_id;		/* of the referring event */
	const char *field;
} PendingRef;

typedef struct JsonlLoad
{
	PGconn	   *conn;
	const LoadOptions *opt;
	const LoadInput *in;
	const char *source;			/* the file being read, for messages: in->name, or the file
								 * of a run folder (load_e3) */
	LoadStats  *stats;
	LoadStatus	status;
	double		started;
	StrMap		runs;			/* run_id -> RunState */
	StrMap		agents;			/* run NUL agent -> declaring line, or -1: in the database */
	StrMap		claims;			/* run NUL claim -> creating line, aux: its step_id */
	StrMap		steps;			/* run NUL step -> line */
	StrMap		messages;		/* run NUL t NUL source NUL target -> line */
	PendingRef *pending;
	size_t		npending;
	size_t		pending_cap;
	RunState  **rejected;
	size_t		nrejected;
	size_t		rejected_cap;
	CopyBatch	batches[TRACE_NTABLES];
	TraceRecord rec;
	StrBuf		key;			/* scratch: composite map keys */
	StrBuf		reason;			/* what is wrong with the current record */
	StrBuf		sql_run_exists;
	StrBuf		sql_agent_exists;
	StrBuf		sql_delete_run;
	StrBuf		sql_insert_reject;
} JsonlLoad;

/* load_jsonl.c: start a load in one transaction (a failure is kept in ld->status). */
void		jsonl_load_begin(JsonlLoad *ld, PGconn *conn, const LoadOptions *opt,
							 const LoadInput *in, LoadStats *stats);
/* load_jsonl.c: the run of that id, created on first mention. */
RunState   *jsonl_run(JsonlLoad *ld, const char *run_id, size_t len);
/* load_jsonl.c: check ld->rec (a valid record of run, from line) against the rest of the
 * load and buffer it, or quarantine the run; false to stop. */
bool		jsonl_add_record(JsonlLoad *ld, RunState *run, int64_t line);
/* load_jsonl.c: finish: with ok, resolve, send, record the rejects and commit; else roll
 * back. Returns the load's status; the runs' states stay until jsonl_load_free. */
LoadStatus	jsonl_load_finish(JsonlLoad *ld, bool ok);
void		jsonl_load_free(JsonlLoad *ld);

/* jsonl_errors.c: the file a run's records come from. */
const char *jsonl_run_source(const JsonlLoad *ld, const RunState *run);
/* jsonl_errors.c: report an error that refuses the input; returns false for "stop". */
bool		jsonl_refuse(JsonlLoad *ld, int64_t line, const char *message);
/* jsonl_errors.c: report a failure of the server or the connection; returns false. */
bool		jsonl_server_failed(JsonlLoad *ld, int64_t line, const char *message);
/* jsonl_errors.c: describe what is wrong with the current record in ld->reason; false. */
bool		jsonl_set_reason(JsonlLoad *ld, const char *fmt,...) __attribute__((format(printf, 2, 3)));

/* jsonl_refs.c: check the current record against the input so far and the database. */
bool		jsonl_check_references(JsonlLoad *ld, RunState *run, int64_t line);
/* jsonl_refs.c: the line that created a claim of the run in this load, or 0. */
int64_t		jsonl_claim_line(JsonlLoad *ld, const RunState *run, const char *claim, size_t len);
/* jsonl_refs.c: at the end, the claims referenced before they were created. */
bool		jsonl_resolve_pending(JsonlLoad *ld);
void		jsonl_free_pending(JsonlLoad *ld);

/* jsonl_quarantine.c: whether a run not declared in the input is in the database. */
bool		jsonl_lookup_run(JsonlLoad *ld, RunState *run, int64_t line);
/* jsonl_quarantine.c: quarantine a run, or refuse the input when that is not possible. */
bool		jsonl_reject_run(JsonlLoad *ld, RunState *run, int64_t line, const char *reason);
/* jsonl_quarantine.c: delete what was sent of the quarantined runs, record them in rejects. */
bool		jsonl_record_rejects(JsonlLoad *ld);

#endif
