/* progress: a throttled progress line on stderr. */
#include "progress.h"

#include <stdio.h>
#include <time.h>

#define PROGRESS_INTERVAL 0.2	/* seconds between redraws */
#define PROGRESS_BAR_WIDTH 24

double
progress_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

void
progress_start(Progress *p, bool enabled, const char *label, int64_t total_bytes)
{
	p->enabled = enabled;
	p->label = label;
	p->total_bytes = total_bytes;
	p->started = progress_now();
	p->last_drawn = p->started;
	p->drawn = false;
}

void
progress_update(Progress *p, int64_t rows, int64_t bytes)
{
	double		now;
	double		elapsed;

	/* look at the clock only every 256 rows */
	if (!p->enabled || (rows & 255) != 0)
		return;
	now = progress_now();
	if (now - p->last_drawn < PROGRESS_INTERVAL)
		return;
	p->last_drawn = now;
	p->drawn = true;
	elapsed = now - p->started;
	fprintf(stderr, "\r\033[K%s: ", p->label);
	if (p->total_bytes > 0)
	{
		int			filled = (int) (PROGRESS_BAR_WIDTH * (double) bytes / (double) p->total_bytes);
		int			i;

		if (filled > PROGRESS_BAR_WIDTH)
			filled = PROGRESS_BAR_WIDTH;
		fputc('[', stderr);
		for (i = 0; i < PROGRESS_BAR_WIDTH; i++)
			fputc(i < filled ? '#' : '-', stderr);
		fprintf(stderr, "] %3d%% ", (int) (100.0 * (double) bytes / (double) p->total_bytes));
	}
	fprintf(stderr, "%lld rows, %.0f rows/s", (long long) rows,
			elapsed > 0 ? (double) rows / elapsed : 0.0);
	fflush(stderr);
}

void
progress_finish(Progress *p)
{
	if (p->enabled && p->drawn)
	{
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->drawn = false;
}
