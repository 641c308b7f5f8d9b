/*
 * trace_schema: the canonical tables as the tools see them (src/sql/10_trace_tables.sql):
 * each table's columns in COPY order with their JSON types and whether a record must give
 * them, the record names of the JSONL format, and the event types.
 */
#ifndef COLLCOG_CLI_TRACE_SCHEMA_H
#define COLLCOG_CLI_TRACE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collcog/common.h"

#include "strbuf.h"


typedef enum TraceTable
{
	TRACE_RUNS,
	TRACE_AGENTS,
	TRACE_EVENTS,
	TRACE_MESSAGES,
	TRACE_NTABLES
} TraceTable;


typedef enum FieldType
{
	FIELD_ID,					/* trace_id: string (or integer, written in decimal) */
	FIELD_TEXT,
	FIELD_NONEMPTY_TEXT,
	FIELD_INT32_POSITIVE,
	FIELD_INT32_NONNEGATIVE,
	FIELD_INT64,
	FIELD_INT64_NONNEGATIVE,
	FIELD_BOOL,
	FIELD_FLOAT,
	FIELD_TIMESTAMP,			/* RFC 3339 string */
	FIELD_OBJECT,				/* jsonb holding an object */
	FIELD_ID_ARRAY,				/* trace_id[], absent or null meaning {} */
	FIELD_WEIGHT,				/* non-empty float8[] of finite values >= 0 */
	FIELD_EVENT_TYPE
} FieldType;

/* Where a field's value is also kept for the loader's reference checks. */
typedef enum FieldKey
{
	KEY_NONE,
	KEY_RUN,
	KEY_AGENT,
	KEY_CLAIM,
	KEY_TARGET_CLAIM,
	KEY_SUBTASK,
	KEY_PARENT_SUBTASK,
	KEY_SOURCE,
	KEY_TARGET,
	KEY_STEP,
	KEY_T,
	KEY_PARENTS
} FieldKey;

typedef struct FieldSpec
{
	const char *name;
	FieldType	type;
	bool		required;
	FieldKey	key;
} FieldSpec;

/*
 * The columns a database's tables have, a bit per column of each table in COPY order: the
 * tables of an older version of the extension lack the columns added since (the loaders
 * write only the columns there are, and refuse a value for one that is not).
 */
typedef struct TraceColumns
{
	uint32_t	present[TRACE_NTABLES];
} TraceColumns;

/* Every column of every table. */
void		trace_columns_all(TraceColumns *cols);
/* Whether column i of table is present (cols NULL: every column is). */
bool		trace_column_present(const TraceColumns *cols, TraceTable table, size_t i);

const FieldSpec *trace_table_fields(TraceTable table);
const char *trace_table_name(TraceTable table);
bool		trace_table_by_name(const char *name, TraceTable *table);
/* Append the table's columns (those of cols; NULL: all) as a COPY column list: run_id, ... */
void		trace_table_columns(TraceTable table, const TraceColumns *cols, StrBuf *out);
bool		trace_table_has_column(TraceTable table, const char *column);
/* The index of a column of the table in COPY order, or -1. */
int			trace_table_column_index(TraceTable table, const char *column);
/* The i-th column of the table (NULL past the last) and whether a record must give it. */
const char *trace_table_column(TraceTable table, size_t i, bool *required);
/* The JSONL record name of a table's rows ("run", "agent", ...) and its article ("a", "an"). */
const char *trace_record_name(TraceTable table);
const char *trace_record_article(TraceTable table);
bool		trace_record_by_name(const char *name, TraceTable *table);
/* An event type by its canonical name (the JSONL format knows no other). */
bool		event_type_by_name(const char *name, cc_event_type *type);

#endif
