/*
 * trace_record: one line of the JSONL trace format (docs/trace-format.md) parsed with jansson,
 * checked against the canonical tables (trace_schema: types, required fields, enum values and
 * the CHECK constraints of src/sql/10_trace_tables.sql) and encoded as a COPY text row.
 */
#ifndef COLLCOG_CLI_TRACE_RECORD_H
#define COLLCOG_CLI_TRACE_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"
#include "trace_schema.h"

typedef struct TraceId
{
	bool		present;		/* false for an absent or null field */
	size_t		len;
	char		text[CC_MAX_ID_BYTES + 1];
} TraceId;

/* Where one id lies in a buffer of ids. */
typedef struct IdSpan
{
	size_t		offset;
	size_t		len;
} IdSpan;

typedef struct TraceRecord
{
	TraceTable	table;
	TraceId		run_id;			/* every record; set as soon as it is known to be valid */
	TraceId		agent_id;		/* agents, events */
	TraceId		claim_id;		/* events */
	TraceId		target_claim_id;
	TraceId		subtask_id;
	TraceId		parent_subtask_id;
	TraceId		source;			/* messages */
	TraceId		target;
	int64_t		step_id;		/* events */
	int64_t		t;				/* messages */
	cc_event_type	event_type;
	StrBuf		parent_text;	/* events: the parent_claim_ids, each followed by a NUL */
	IdSpan	   *parents;		/* where each parent lies in parent_text */
	size_t		nparents;
	size_t		parents_cap;
	const TraceColumns *columns;	/* the columns the row is written for (NULL: all) */
	StrBuf		row;			/* the COPY text row, ending in a newline */
	StrBuf		scratch;
	char		error[512];		/* what is wrong, when parsing fails */
} TraceRecord;

void		trace_record_init(TraceRecord *rec);
void		trace_record_free(TraceRecord *rec);

/*
 * Parse and check one line. Returns false with rec->error set when the line is not a valid
 * record; rec->run_id.present then says whether its run could still be identified.
 */
bool		trace_record_parse(TraceRecord *rec, const char *line, size_t len);
/* The i-th parent claim id of an event, NUL-terminated, and its length. */
const char *trace_record_parent(const TraceRecord *rec, size_t i, size_t *len);

/*
 * Building a record column by column, for readers of other formats that make canonical
 * records: start it, set its ids and parents (the fields the loader's checks read), write
 * its row from the value of each column, and for an event check what its type needs.
 */
typedef struct TraceCell
{
	const char *text;			/* the value as text (COPY escaping is added), NULL for NULL */
	size_t		len;
} TraceCell;

void		trace_record_start(TraceRecord *rec, TraceTable table);
/* Copy an id (at most CC_MAX_ID_BYTES bytes, checked by the caller) into a slot of rec. */
void		trace_record_set_id(TraceId *id, const char *text, size_t len);
void		trace_record_add_parent(TraceRecord *rec, const char *text, size_t len);
/* rec->row from cells[i], the value of the table's i-th column (trace_table_column); an id
 * array column without a value is {}. */
void		trace_record_write_row(TraceRecord *rec, const TraceCell *cells);
/* The CHECK constraints of the events table on an event record; false with rec->error. */
bool		trace_record_check_event(TraceRecord *rec);

#endif
