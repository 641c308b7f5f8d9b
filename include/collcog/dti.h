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

#endif							/* COLLCOG_DTI_H */
