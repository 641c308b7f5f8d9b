/* rfc3339: checking RFC 3339 date-times, the timestamps of the trace format. */
#ifndef COLLCOG_CLI_RFC3339_H
#define COLLCOG_CLI_RFC3339_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether s is an RFC 3339 date-time, YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM), with a
 * real calendar date ('t' or a space may stand for 'T', 'z' for 'Z').
 */
bool		rfc3339_valid(const char *s, size_t len);

#endif
