/*
 * jsonl_errors: how a JSONL load fails: the input refused, the server or the connection
 * failed (each reported and kept as the load's status), and the reason a record is wrong
 * (kept for the caller to refuse the input or quarantine the run).
 */
#include "jsonl_load.h"

#include <stdarg.h>
#include <stdio.h>

#include "load_report.h"

const char *
jsonl_run_source(const JsonlLoad *ld, const RunState *run)
{
	return run != NULL && run->source != NULL ? run->source : ld->in->name;
}

bool
jsonl_refuse(JsonlLoad *ld, int64_t line, const char *message)
{
	load_report(ld->source, line, message);
	if (ld->status == LOAD_OK)
		ld->status = LOAD_DATA_ERROR;
	return false;
}

bool
jsonl_server_failed(JsonlLoad *ld, int64_t line, const char *message)
{
	load_report(ld->source, line, message);
	ld->status = LOAD_SERVER_ERROR;
	return false;
}

bool
jsonl_set_reason(JsonlLoad *ld, const char *fmt,...)
{
	va_list		ap;
	char		text[1024];

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	strbuf_reset(&ld->reason);
	strbuf_appends(&ld->reason, text);
	return false;
}
