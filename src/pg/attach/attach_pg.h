/*
 * Glue of the attachment topic: the runs of a call, replayed group by group (groups.c), for
 * routing_ratio() and attachment_exponent().
 */
#ifndef COLLCOG_ATTACH_PG_H
#define COLLCOG_ATTACH_PG_H

#include "postgres.h"

#include "fmgr.h"

#include "collcog/attach.h"

/*
 * The runs of one n_agents, replayed. routing_ratio() needs only their levels summed;
 * attachment_exponent() each run's levels (the bootstrap resamples runs) and, read back
 * from a temporary file one run at a time, their choice data.
 */
typedef struct AttGroup
{
	bool		n_agents_null;
	int32		n_agents;
	int32		n_runs;
	cc_att_run	sum;			/* the runs' levels summed; without per_run */
	cc_att_run *runs;			/* each run's levels (choices NULL); with per_run */
	const cc_att_choices *choices;	/* the runs' choice data; with per_run */
} AttGroup;

/* Called once per group, in a memory context reset after it. */
typedef void (*AttGroupFn) (const AttGroup *group, void *arg);

/*
 * Replay the runs that argument 0 (run_ids text[]; NULL: every run) names, grouped by
 * n_agents (NULL last), each run in step order through the events reader, and call fn per
 * group: with per_run, each run's levels and choice data, else the group's summed levels.
 * A NULL element of run_ids is 22004, a run that does not exist 22023.
 */
extern void AttReplayGroups(FunctionCallInfo fcinfo, bool per_run, AttGroupFn fn, void *arg);

/* The choice data of a group's runs in a temporary file (choice_file.c), in the current
 * memory context and resource owner: appended run by run, then read back one run at a
 * time through its cc_att_choices into a buffer for the largest run. */
typedef struct AttChoiceFile AttChoiceFile;
extern AttChoiceFile *AttChoiceFileCreate(void);
extern void AttChoiceFileAppend(AttChoiceFile *f, const uint32 *words, size_t n);
extern const cc_att_choices *AttChoiceFileSource(AttChoiceFile *f);
extern void AttChoiceFileClose(AttChoiceFile *f);

/* The value of each event type's label in the event_type enum of the function's schema,
 * [CC_EV_NTYPES]. */
extern void AttEventTypeValues(FunctionCallInfo fcinfo, Datum *out);

#endif							/* COLLCOG_ATTACH_PG_H */
