/*
 * load_report: the loaders' messages about an input: printing them, and the words for a line
 * that cannot be read.
 */
#ifndef COLLCOG_CLI_LOAD_REPORT_H
#define COLLCOG_CLI_LOAD_REPORT_H

#include <stdint.h>

#include "line_reader.h"
#include "strbuf.h"

/* Print "name:line: message" (or "name: message" for line 0) on stderr. */
void		load_report(const char *name, int64_t line, const char *message);
/*
 * Append to msg why the reader could not give its next line (st is LINE_TOO_LONG, or
 * LINE_IO_ERROR with errno still telling why), and return the number of that line.
 */
int64_t		load_read_error(const LineReader *reader, LineStatus st, StrBuf *msg);

#endif
