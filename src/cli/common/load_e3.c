/*
 * load_e3: the run folders of one path, in the logging schema of paper 000, App. E.3, into
 * the canonical tables in one transaction (docs/collcog-load.md#e3). Each folder is one run:
 * its events.jsonl is read line by line (json_scan), each line made into canonical records
 * (e3_event) and handed to the JSONL loader's checks, batches and quarantine; at the end a
 * summary says what was met and what was done with it (e3_oddities).
 */
#include "e3_load.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "line_reader.h"
#include "load_report.h"
#include "progress.h"

/* The columns of events the importer fills that collcog 0.1.0 lacks. */
static const char *const logged_columns[] = {
	"logged_step", "logged_root_claim_id", "logged_claim_depth"
};

/* Set the reason and quarantine the run (or refuse the path); false to stop. */
static bool
reject_run(E3Load *e3, E3Run *run, int64_t line, const char *reason)
{
	jsonl_set_reason(&e3->ld, "%s", reason);
	return jsonl_reject_run(&e3->ld, run->run, line, e3->ld.reason.data);
}

/* A file of the run folder becomes the place its errors are named at. */
static void
set_source(E3Run *run, const char *file)
{
	free(run->run->source);
	run->run->source = xstrdup(file);
}

/*
 * The run of a folder, known at its first record: the id of its first event, or its
 * config's when that line is bad. False to stop; run->run stays NULL when no id is known.
 */
static bool
identify_run(E3Load *e3, E3Run *run, bool scanned, int64_t line)
{
	JsonlLoad  *ld = &e3->ld;
	const JsonMember *m = scanned ? json_scan_member(&e3->scan, "run_id") : NULL;
	TraceId		id;
	char		shown[160];

	id.present = false;
	if (m != NULL && m->value.kind != JSON_KIND_NULL && e3_read_id(e3, "field \"run_id\"", &m->value, &id))
		run->run = jsonl_run(ld, id.text, id.len);
	else if (e3_config_run_id(run, &e3->scratch))
		run->run = jsonl_run(ld, e3->scratch.data, e3->scratch.len);
	else
		return jsonl_refuse(ld, line, scanned ? (m == NULL || m->value.kind == JSON_KIND_NULL ?
												 "missing required field \"run_id\"" :
												 ld->reason.data) : e3->scan.error);
	describe_text(shown, sizeof(shown), run->run->run_id, strlen(run->run->run_id));
	if (run->run->source != NULL)
	{
		/* the same run in two folders: named at the second */
		char		reason[800];

		snprintf(reason, sizeof(reason), "run %s is also in %.600s", shown, run->run->source);
		set_source(run, run->folder->events);
		return reject_run(e3, run, line, reason);
	}
	set_source(run, run->folder->events);
	if (run->error_file != NULL)
	{
		set_source(run, run->error_file);
		return reject_run(e3, run, run->error_line, run->error);
	}
	if (!scanned)
		return reject_run(e3, run, line, e3->scan.error);
	if (!jsonl_lookup_run(ld, run->run, line))
		return false;
	if (run->run->in_database == 1)
	{
		char		reason[400];

		/* a folder is the run's record: quarantined, it leaves the loaded run alone */
		run->run->declared_line = line;
		snprintf(reason, sizeof(reason), "run %s is already in the database (delete it to "
				 "load it again)", shown);
		return reject_run(e3, run, line, reason);
	}
	return true;
}

/* The lines of one run folder's events; false to stop. */
static bool
read_events(E3Load *e3, E3Run *run, FILE *fp, Progress *progress, int64_t bytes_before)
{
	JsonlLoad  *ld = &e3->ld;
	LineReader	reader;
	LineStatus	st;
	const char *line;
	size_t		len;
	bool		ok = true;
	StrBuf		msg;

	strbuf_init(&msg);
	line_reader_init(&reader, fp, ld->opt->max_line);
	while (ok && (run->run == NULL || !run->run->rejected) &&
		   (st = line_reader_next(&reader, &line, &len)) != LINE_EOF)
	{
		bool		scanned;
		size_t		i;

		ld->source = run->folder->events;
		if (st != LINE_OK)
		{
			int64_t		lineno = load_read_error(&reader, st, &msg);

			ok = run->run != NULL ? reject_run(e3, run, lineno, msg.data) :
				jsonl_refuse(ld, lineno, msg.data);
			break;
		}
		if (reader.lineno == 1)
			line_skip_bom(&line, &len);
		for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'); i++)
			;
		if (i == len)
			continue;
		ld->stats->records++;
		scanned = json_scan_object(&e3->scan, line, len);
		if (run->run == NULL)
			ok = identify_run(e3, run, scanned, reader.lineno);
		else if (!scanned)
			ok = reject_run(e3, run, reader.lineno, e3->scan.error);
		if (ok && run->run != NULL && !run->run->rejected)
			ok = e3_add_event(e3, run, reader.lineno);
		progress_update(progress, ld->stats->records, bytes_before + reader.bytes_read);
	}
	line_reader_free(&reader);
	strbuf_free(&msg);
	return ok;
}

/* One run folder; false to stop. */
static bool
load_folder(E3Load *e3, const E3Folder *folder, Progress *progress, int64_t bytes_before)
{
	JsonlLoad  *ld = &e3->ld;
	E3Run	   *run;
	FILE	   *fp;
	bool		ok;

	e3->runs = xgrow(e3->runs, e3->nruns, &e3->runs_cap, sizeof(E3Run), 64);
	run = &e3->runs[e3->nruns++];
	e3_run_open(run, folder);
	ld->source = folder->events;
	fp = fopen(folder->events, "rb");
	if (fp == NULL)
	{
		char		msg[300];

		snprintf(msg, sizeof(msg), "cannot open: %s", strerror(errno));
		e3_run_close(run);
		return jsonl_refuse(ld, 0, msg);
	}
	ok = read_events(e3, run, fp, progress, bytes_before);
	fclose(fp);
	if (ok && run->run == NULL)
	{
		/* no line, and no config to name the run */
		ok = jsonl_refuse(ld, 0, "holds no events");
	}
	else if (ok && !run->run->rejected && run->events == 0)
	{
		set_source(run, folder->events);
		ok = reject_run(e3, run, 0, "holds no events");
	}
	e3_finish_run_counts(run);
	e3_run_close(run);
	return ok;
}

LoadStatus
load_e3(PGconn *conn, const LoadOptions *opt, const char *path, LoadStats *stats)
{
	E3Load		e3;
	LoadInput	in;
	Progress	progress;
	LoadStatus	status;
	int64_t		bytes = 0;
	bool		ok;
	size_t		i;

	memset(&e3, 0, sizeof(e3));
	memset(stats, 0, sizeof(*stats));
	for (i = 0; i < sizeof(logged_columns) / sizeof(logged_columns[0]); i++)
		if (!trace_column_present(&opt->columns, TRACE_EVENTS,
								  (size_t) trace_table_column_index(TRACE_EVENTS, logged_columns[i])))
		{
			/* it would lose what the logger wrote, and 0.1.0 refuses endorsements' claims */
			load_report("collcog-load", 0, "--format=e3 needs the events table of collcog 0.2.0 "
						"or later (it has no column logged_step): update the extension with "
						"ALTER EXTENSION collcog UPDATE");
			return LOAD_SERVER_ERROR;
		}
	if (!e3_find_folders(path, &e3.folders))
		return LOAD_DATA_ERROR;
	json_scan_init(&e3.scan);
	strbuf_init(&e3.text);
	strbuf_init(&e3.literal);
	strbuf_init(&e3.notes);
	strbuf_init(&e3.scratch);
	in.name = path;
	in.fp = NULL;
	in.size = e3.folders.total_bytes;
	jsonl_load_begin(&e3.ld, conn, opt, &in, stats);
	progress_start(&progress, opt->progress, path, in.size);
	ok = e3.ld.status == LOAD_OK;
	for (i = 0; ok && i < e3.folders.n; i++)
	{
		ok = load_folder(&e3, &e3.folders.folders[i], &progress, bytes);
		bytes += e3.folders.folders[i].size;
	}
	progress_finish(&progress);
	status = jsonl_load_finish(&e3.ld, ok);
	if (status == LOAD_OK && !opt->quiet)
		e3_report(&e3, path, opt->verbose);
	jsonl_load_free(&e3.ld);
	free(e3.runs);				/* each closed after its folder */
	free(e3.member_field);
	e3_free_folders(&e3.folders);
	json_scan_free(&e3.scan);
	strbuf_free(&e3.text);
	strbuf_free(&e3.literal);
	strbuf_free(&e3.notes);
	strbuf_free(&e3.scratch);
	return status;
}
