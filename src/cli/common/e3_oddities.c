/*
 * e3_oddities: what an E.3 import met and what it did with it, counted per run and
 * reported at the end of the import (one line per kind met; with -v one line per run), as
 * docs/collcog-load.md#e3 describes each rule.
 */
#include "e3_load.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"

/* What was met, and what the importer did with it. */
static const char *const met[E3_NODDITIES] = {
	"appended sessions (the logged step_id starts again)",
	"events sharing their logged step_id with another event of the run",
	"endorsements carrying a claim no earlier event created",
	"endorsements naming a claim created earlier",
	"delegations carrying a claim",
	"self-parents (a claim among its own parents)",
	"parents naming no earlier claim of the run",
	"events left without the parents their type needs",
	"agents changing role",
	"agents acting beyond the run's num_agents",
};

static const char *const done[E3_NODDITIES] = {
	"kept in their run, in line order (step_id is the line, logged_step the logged step)",
	"step_id is the line; logged_step keeps it",
	"each creates its claim (claim_status endorsed)",
	"stored with that claim as their target",
	"each creates its claim (claim_status delegated)",
	"dropped",
	"dropped, listed in payload.collcog.dropped_parent_claim_ids",
	"stored as propose, payload.collcog.logged_event_type the logged type",
	"agents.role is the first, payload.agent_role each event's",
	"n_agents is num_agents, agents holds every agent that acts",
};

/* Short names for the per-run lines. */
static const char *const brief[E3_NODDITIES] = {
	"appended sessions", "events sharing a logged step", "endorsement claims",
	"endorsements of earlier claims", "delegation claims", "self-parents dropped",
	"parents naming no earlier claim dropped", "events stored as propose", "agents changing role",
	"agents beyond num_agents",
};

static int
compare_int64(const void *a, const void *b)
{
	int64_t		x = *(const int64_t *) a,
				y = *(const int64_t *) b;

	return (x > y) - (x < y);
}

void
e3_finish_run_counts(E3Run *run)
{
	size_t		i,
				j;

	if (run->nsteps > 1)
		qsort(run->steps, run->nsteps, sizeof(int64_t), compare_int64);
	for (i = 0; i < run->nsteps; i = j)
	{
		for (j = i + 1; j < run->nsteps && run->steps[j] == run->steps[i]; j++)
			;
		if (j - i > 1)
			run->counts[E3_SHARED_STEP] += (int64_t) (j - i);
	}
	if (run->n_agents > 0 && (int64_t) run->agents.count > run->n_agents)
		run->counts[E3_EXTRA_AGENTS] = (int64_t) run->agents.count - run->n_agents;
}

void
e3_report(const E3Load *e3, const char *path, bool verbose)
{
	int64_t		total[E3_NODDITIES] = {0};
	int64_t		runs_with[E3_NODDITIES] = {0};
	size_t		i;
	int			k;

	for (i = 0; i < e3->nruns; i++)
	{
		const E3Run *run = &e3->runs[i];

		if (run->run == NULL || run->run->rejected)
			continue;
		for (k = 0; k < E3_NODDITIES; k++)
		{
			total[k] += run->counts[k];
			runs_with[k] += run->counts[k] > 0;
		}
	}
	for (k = 0; k < E3_NODDITIES; k++)
		if (total[k] > 0)
			fprintf(stderr, "%s: %s: %" PRId64 " in %" PRId64 " run%s; %s\n", path, met[k],
					total[k], runs_with[k], runs_with[k] == 1 ? "" : "s", done[k]);
	if (!verbose)
		return;
	for (i = 0; i < e3->nruns; i++)
	{
		const E3Run *run = &e3->runs[i];
		char		shown[160];
		bool		any = false;

		if (run->run == NULL || run->run->rejected)
			continue;
		describe_text(shown, sizeof(shown), run->run->run_id, strlen(run->run->run_id));
		fprintf(stderr, "%s: run %s: %" PRId64 " events", run->folder->events, shown, run->events);
		for (k = 0; k < E3_NODDITIES; k++)
			if (run->counts[k] > 0)
			{
				fprintf(stderr, "%s %s %" PRId64, any ? "," : ";", brief[k], run->counts[k]);
				any = true;
			}
		fputc('\n', stderr);
	}
}
