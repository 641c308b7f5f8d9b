/*
 * Glue of the attachment topic: the runs of a call, replayed group by group (groups.c), for
 * routing_ratio() and attachment_exponent().
 */
#ifndef COLLCOG_ATTACH_PG_H
#define COLLCOG_ATTACH_PG_H

#include "postgres.h"

#include "fmgr.h"

#include "collcog/attach.h"

/* The runs of one n_agents, replayed. */
typedef struct AttGroup
{
	bool		n_agents_null;
	int32		n_agents;
	int32		n_runs;
	cc_att_run *runs;			/* in the group's memory context */
} AttGroup;

/* Called once per group, in a memory context reset after it. */
typedef void (*AttGroupFn) (const AttGroup *group, void *arg);

/*
 * Replay the runs that argument 0 (run_ids text[]; NULL: every run) names, grouped by
 * n_agents (NULL last), each run in step order through the events reader, and call fn per
 * group. With choices the runs carry the likelihood's choice data. A NULL element of
 * run_ids is 22004, a run that does not exist 22023.
 */
extern void AttReplayGroups(FunctionCallInfo fcinfo, bool choices, AttGroupFn fn, void *arg);

/* The value of each event type's label in the event_type enum of the function's schema,
 * [CC_EV_NTYPES]. */
extern void AttEventTypeValues(FunctionCallInfo fcinfo, Datum *out);

#endif							/* COLLCOG_ATTACH_PG_H */
