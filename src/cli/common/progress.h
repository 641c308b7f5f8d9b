/*
 * progress: a one-line progress report on stderr (bar when the input size is known, rows and
 * rows/s), redrawn at most a few times a second, and only when enabled (a terminal).
 */
#ifndef COLLCOG_CLI_PROGRESS_H
#define COLLCOG_CLI_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Progress
{
	bool		enabled;
	const char *label;
	int64_t		total_bytes;	/* input size, or -1 when unknown (a pipe) */
	double		started;		/* seconds, monotonic clock */
	double		last_drawn;
	bool		drawn;
} Progress;

double		progress_now(void);
void		progress_start(Progress *p, bool enabled, const char *label, int64_t total_bytes);
/* Redraw if enough time has passed; cheap to call for every row. */
void		progress_update(Progress *p, int64_t rows, int64_t bytes);
/* Erase the line. */
void		progress_finish(Progress *p);

#endif
