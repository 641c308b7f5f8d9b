/* trace_schema: the columns of the canonical tables, record names and event types. */
#include "trace_schema.h"

#include <string.h>

/* The columns of each table, in COPY order; see src/sql/10_trace_tables.sql. */
static const FieldSpec run_fields[] = {
	{"run_id", FIELD_ID, true, KEY_RUN},
	{"benchmark", FIELD_TEXT, false, KEY_NONE},
	{"task_family", FIELD_TEXT, false, KEY_NONE},
	{"topology", FIELD_NONEMPTY_TEXT, false, KEY_NONE},
	{"n_agents", FIELD_INT32_POSITIVE, false, KEY_NONE},
	{"model", FIELD_TEXT, false, KEY_NONE},
	{"seed", FIELD_INT64, false, KEY_NONE},
	{"success", FIELD_BOOL, false, KEY_NONE},
	{"score", FIELD_FLOAT, false, KEY_NONE},
	{"started_at", FIELD_TIMESTAMP, false, KEY_NONE},
	{"meta", FIELD_OBJECT, false, KEY_NONE},
	{NULL, 0, false, KEY_NONE}
};

static const FieldSpec agent_fields[] = {
	{"run_id", FIELD_ID, true, KEY_RUN},
	{"agent_id", FIELD_ID, true, KEY_AGENT},
	{"agent_type", FIELD_TEXT, false, KEY_NONE},
	{"model", FIELD_TEXT, false, KEY_NONE},
	{"role", FIELD_TEXT, false, KEY_NONE},
	{NULL, 0, false, KEY_NONE}
};

static const FieldSpec event_fields[] = {
	{"run_id", FIELD_ID, true, KEY_RUN},
	{"step_id", FIELD_INT64_NONNEGATIVE, true, KEY_STEP},
	{"ts", FIELD_TIMESTAMP, false, KEY_NONE},
	{"agent_id", FIELD_ID, true, KEY_AGENT},
	{"event_type", FIELD_EVENT_TYPE, true, KEY_NONE},
	{"claim_id", FIELD_ID, false, KEY_CLAIM},
	{"parent_claim_ids", FIELD_ID_ARRAY, false, KEY_PARENTS},
	{"target_claim_id", FIELD_ID, false, KEY_TARGET_CLAIM},
	{"subtask_id", FIELD_ID, false, KEY_SUBTASK},
	{"parent_subtask_id", FIELD_ID, false, KEY_PARENT_SUBTASK},
	{"message_length", FIELD_INT32_NONNEGATIVE, false, KEY_NONE},
	{"payload", FIELD_OBJECT, false, KEY_NONE},
	{"logged_step", FIELD_INT64, false, KEY_NONE},
	{"logged_root_claim_id", FIELD_ID, false, KEY_NONE},
	{"logged_claim_depth", FIELD_INT32_NONNEGATIVE, false, KEY_NONE},
	{NULL, 0, false, KEY_NONE}
};

static const FieldSpec message_fields[] = {
	{"run_id", FIELD_ID, true, KEY_RUN},
	{"t", FIELD_INT32_NONNEGATIVE, true, KEY_T},
	{"source", FIELD_ID, true, KEY_SOURCE},
	{"target", FIELD_ID, true, KEY_TARGET},
	{"weight", FIELD_WEIGHT, true, KEY_NONE},
	{NULL, 0, false, KEY_NONE}
};

static const FieldSpec *const table_fields[TRACE_NTABLES] = {
	run_fields, agent_fields, event_fields, message_fields
};
static const char *const table_names[TRACE_NTABLES] = {"runs", "agents", "events", "messages"};
static const char *const record_names[TRACE_NTABLES] = {"run", "agent", "event", "message"};
static const char *const record_articles[TRACE_NTABLES] = {"a", "an", "an", "a"};

/* The index of name among names[0], ..., names[n - 1]; -1 when it is not there. */
static int
name_index(const char *const *names, int n, const char *name)
{
	int			i;

	for (i = 0; i < n; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

void
trace_columns_all(TraceColumns *cols)
{
	int			t;

	for (t = 0; t < TRACE_NTABLES; t++)
		cols->present[t] = UINT32_MAX;
}

bool
trace_column_present(const TraceColumns *cols, TraceTable table, size_t i)
{
	return cols == NULL || (cols->present[table] >> i & 1) != 0;
}

const FieldSpec *
trace_table_fields(TraceTable table)
{
	return table_fields[table];
}

const char *
trace_table_name(TraceTable table)
{
	return table_names[table];
}

bool
trace_table_by_name(const char *name, TraceTable *table)
{
	int			i = name_index(table_names, TRACE_NTABLES, name);

	if (i >= 0)
		*table = (TraceTable) i;
	return i >= 0;
}

void
trace_table_columns(TraceTable table, const TraceColumns *cols, StrBuf *out)
{
	const FieldSpec *f;
	size_t		i = 0;
	bool		first = true;

	for (f = table_fields[table]; f->name != NULL; f++, i++)
	{
		if (!trace_column_present(cols, table, i))
			continue;
		if (!first)
			strbuf_appends(out, ", ");
		strbuf_appends(out, f->name);
		first = false;
	}
}

bool
trace_table_has_column(TraceTable table, const char *column)
{
	const FieldSpec *f;

	for (f = table_fields[table]; f->name != NULL; f++)
		if (strcmp(f->name, column) == 0)
			return true;
	return false;
}

int
trace_table_column_index(TraceTable table, const char *column)
{
	const FieldSpec *f;
	int			i = 0;

	for (f = table_fields[table]; f->name != NULL; f++, i++)
		if (strcmp(f->name, column) == 0)
			return i;
	return -1;
}

const char *
trace_table_column(TraceTable table, size_t i, bool *required)
{
	const FieldSpec *f;

	for (f = table_fields[table]; f->name != NULL; f++, i--)
		if (i == 0)
		{
			*required = f->required;
			return f->name;
		}
	return NULL;
}

const char *
trace_record_name(TraceTable table)
{
	return record_names[table];
}

const char *
trace_record_article(TraceTable table)
{
	return record_articles[table];
}

bool
trace_record_by_name(const char *name, TraceTable *table)
{
	int			i = name_index(record_names, TRACE_NTABLES, name);

	if (i >= 0)
		*table = (TraceTable) i;
	return i >= 0;
}

bool
event_type_by_name(const char *name, cc_event_type *type)
{
	int			i = name_index(cc_event_type_names, CC_EV_NTYPES, name);

	if (i >= 0)
		*type = (cc_event_type) i;
	return i >= 0;
}
