/* load_report: the loaders' messages about an input, on stderr. */
#ifndef COLLCOG_CLI_LOAD_REPORT_H
#define COLLCOG_CLI_LOAD_REPORT_H

#include <stdint.h>

/* Print "name:line: message" (or "name: message" for line 0) on stderr. */
void		load_report(const char *name, int64_t line, const char *message);

#endif
