/*
 * collcog dti: Deficit-Triggered Integration (paper 000, Sec. 6 and App. C; DESIGN section 6).
 *
 * One state machine per active cascade segment. The routing simulator runs it in its loop;
 * the replay of stored traces and the live watcher run the same code, so that the three
 * cannot disagree. A segment counts the coordination events attached to its cascade since
 * its last restart, n, and the merges among them, m; its pressure is P = c n^beta and its
 * deficit D = P - m (App. C, Eq. A5). Parameters are per condition class (c, beta = beta_c,
 * tau).
 *
 *   counting   --attach, D > tau-->          triggered   (the trigger: D is reported)
 *   triggered  --integrated-->               counting at (n, m) = (0, 1)
 *   triggered  --nothing to integrate-->     counting at (n, m) = (0, 0)
 *
 * The integration merge that follows a trigger is the m = 1 of the restart: it is not
 * attached again. A trigger on a cascade with fewer than two branch heads has nothing to
 * integrate, and the segment restarts at (0, 0). Who decides which of the two happened is
 * the driver: the simulator from the heads it can merge, a replay from the trace. While
 * triggered, events still attach (n and m count) but do not trigger again: a crossing is
 * reported once, however many events arrive before the integration.
 */
#ifndef COLLCOG_DTI_H
#define COLLCOG_DTI_H

#include "collcog/cascade.h"
#include "collcog/common.h"

typedef struct cc_dti_params
{
	double		c;				/* > 0, finite */
	double		beta;			/* beta_c, in [0, 10] */
	double		tau;			/* finite */
} cc_dti_params;

typedef enum cc_dti_phase
{
	CC_DTI_COUNTING = 0,
	CC_DTI_TRIGGERED
} cc_dti_phase;

typedef struct cc_dti_segment
{
	double		n;				/* events attached since the restart */
	double		m;				/* merges among them (1 after an integration) */
	cc_dti_phase phase;
} cc_dti_segment;

/*
 * Check the parameters; names[] are what the caller calls c, beta and tau, for the message
 * (CC_EINVAL naming the parameter and its value).
 */
cc_status	cc_dti_check(const cc_dti_params *p, const char *const names[3], cc_error *err);

/* A new cascade's segment: (0, 0), counting. */
void		cc_dti_start(cc_dti_segment *s);

/* The deficit D = c n^beta - m of a segment. */
double		cc_dti_deficit(const cc_dti_params *p, const cc_dti_segment *s);

/*
 * Attach one event to the segment of its cascade (is_merge: the event is a merge).
 * Returns 1 when this event triggers (the segment was counting and D > tau: it is now
 * triggered), else 0; *deficit gets D after the event either way.
 */
int			cc_dti_attach(const cc_dti_params *p, cc_dti_segment *s, int is_merge,
						  double *deficit);

/* The integration a trigger asked for happened: restart at (0, 1), counting. */
void		cc_dti_integrated(cc_dti_segment *s);

/* A trigger found fewer than two branch heads: restart at (0, 0), counting. */
void		cc_dti_nothing_to_integrate(cc_dti_segment *s);

/*
 * The rule of a replayed trace (the replay and the live watcher): after a trigger, the run's
 * next event decides. next_is_its_merge: that event is the merge the trace marks as DTI's
 * own and it creates a claim of the triggered cascade; n_heads: the cascade's branch heads
 * at the trigger. The segment restarts at (0, 1) when the merge is there (returns true: the
 * merge is that m = 1 and is not attached), else at (0, 0) with fewer than two heads and at
 * (0, 1) otherwise, as if DTI had integrated (returns false).
 */
bool		cc_dti_settle(cc_dti_segment *s, bool next_is_its_merge, int32_t n_heads);

/* ---------------------------------------------------------------------------------------
 * Replay of a stored run (dti/replay.c): the state machine driven by the trace.
 *
 * The run's events are taken in step order (equal steps in input order); an event that
 * counts toward cascade r in TCE (res->event_cascade) attaches to r's segment. Claims are
 * tracked as they are created: a claim is a head of its cascade until a later claim names it
 * as a parent; the heads listed at a trigger are those of the triggering cascade, newest
 * first. After a trigger on r:
 *   - if the run's next event is a merge the trace marks as DTI's own (dti_merge[], payload
 *     "dti": true in collcog's traces) and it creates a claim of r, the integration happened:
 *     r restarts at (0, 1) and that merge is not attached (it is the m = 1);
 *   - else, with fewer than two heads there is nothing to integrate: r restarts at (0, 0);
 *   - else the trace shows no integration (a baseline run): r restarts at (0, 1) as if DTI
 *     had integrated, so that a replay counts how often DTI would fire.
 * This is the simulator's rule where its context window and depth limit are off (its heads
 * are then the replay's heads).
 * ------------------------------------------------------------------------------------- */
typedef struct cc_dti_trigger
{
	int32_t		event;			/* input index of the triggering event */
	int32_t		cascade;		/* index into res->cascades */
	double		n;				/* the segment when it crossed tau */
	double		m;
	double		pressure;		/* c n^beta */
	double		deficit;		/* pressure - m */
	bool		integrated;		/* the trace's next event is the DTI merge */
	int32_t		n_heads;		/* the cascade's heads */
	int32_t		n_listed;		/* those listed, the newest: heads[heads_off ..
								 * heads_off + n_listed) */
	int64_t		heads_off;
} cc_dti_trigger;

/* One attached event of the series (dti_series). */
typedef struct cc_dti_point
{
	int32_t		event;
	int32_t		cascade;
	double		n;				/* after the event */
	double		m;
	double		deficit;
	bool		triggered;
} cc_dti_point;

typedef struct cc_dti_replay
{
	int32_t		n_triggers;
	cc_dti_trigger *triggers;	/* in replay order */
	int64_t		n_heads;
	int32_t    *heads;			/* claim indices of res->claims */
	int32_t		n_points;
	cc_dti_point *points;		/* only when asked for */
} cc_dti_replay;

/*
 * Replay one reconstructed run (in, and res from cc_cascade_reconstruct of in). dti_merge[i]
 * says whether event i is marked as DTI's integration merge (NULL: none is). A trigger
 * lists its cascade's max_heads newest heads (all when max_heads < 0; a large cascade has
 * hundreds). With want_points every attached event is recorded. CC_EINVAL for bad
 * parameters, CC_ENOMEM, CC_ECANCEL. Free with cc_dti_replay_free.
 */
cc_status	cc_dti_replay_run(const cc_dti_params *p, const cc_cascade_input *in,
							  const cc_cascade_result *res, const bool *dti_merge,
							  int32_t max_heads, bool want_points, cc_dti_replay *out,
							  cc_error *err);
void		cc_dti_replay_free(cc_dti_replay *r);

#endif							/* COLLCOG_DTI_H */
