/*
 * load: loading one input (a file or stdin) of traces into the canonical tables, in one
 * transaction: load_jsonl for the JSONL trace format, load_csv for one table's CSV, load_e3
 * for the run folders of paper 000's logger (App. E.3). See docs/trace-format.md and
 * docs/collcog-load.md.
 */
#ifndef COLLCOG_CLI_LOAD_H
#define COLLCOG_CLI_LOAD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <libpq-fe.h>

#include "trace_schema.h"

/* The outcome of loading one input; the values are the command's exit codes. */
typedef enum LoadStatus
{
	LOAD_OK = 0,				/* committed (quarantined runs recorded in rejects) */
	LOAD_DATA_ERROR = 1,		/* refused: the input is wrong; nothing of it was kept */
	LOAD_SERVER_ERROR = 3		/* the connection or the server failed */
} LoadStatus;

typedef struct LoadOptions
{
	const char *schema;			/* the extension's schema, quoted as an identifier */
	bool		quarantine;		/* JSONL: reject bad runs instead of failing the input */
	size_t		max_line;		/* longest accepted input line, in bytes */
	size_t		batch_bytes;	/* JSONL: COPY data buffered before a flush */
	bool		quiet;			/* no notes or warnings, only errors */
	bool		verbose;		/* E.3: also what was mapped, run by run */
	bool		progress;		/* draw a progress line on stderr */
	TraceTable	csv_table;		/* CSV: the table the input holds */
	TraceColumns columns;		/* JSONL, E.3: the columns the tables have */
} LoadOptions;

typedef struct LoadInput
{
	const char *name;			/* for messages and rejects.source: the path, or <stdin> */
	FILE	   *fp;
	int64_t		size;			/* bytes, or -1 when unknown */
} LoadInput;

typedef struct LoadStats
{
	int64_t		records;		/* non-blank lines (JSONL) or data lines (CSV) read */
	int64_t		rows[TRACE_NTABLES];	/* rows loaded and kept, per table */
	int64_t		rejected_runs;	/* runs quarantined */
	int64_t		skipped_records;	/* records of quarantined runs */
	double		seconds;
} LoadStats;

LoadStatus	load_jsonl(PGconn *conn, const LoadOptions *opt, const LoadInput *in,
					   LoadStats *stats);
LoadStatus	load_csv(PGconn *conn, const LoadOptions *opt, const LoadInput *in,
					 LoadStats *stats);
/* Every run folder at or below path (a folder, or an events file), in one transaction. */
LoadStatus	load_e3(PGconn *conn, const LoadOptions *opt, const char *path, LoadStats *stats);

#endif
