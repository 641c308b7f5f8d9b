/*
 * collcog attachment: preferential attachment in stored runs (paper 000, Sec. 5.2, Eq. 5-6;
 * DESIGN section 5): the routing ratio R(k) and the attachment exponent beta.
 *
 * The estimator. A run is replayed in step order. The claims an event references are the
 * distinct claims among its parents and its target (a claim the event itself creates is not
 * one of them). A claim is available to an event when it was created at an earlier step of
 * the run; its activity k is the number of events at earlier steps that referenced it. For
 * each event that references m >= 1 available claims, each of those claims adds one
 * selection at its activity k, and every activity level k adds m a_k / A to expected, where
 * a_k of the A available claims have activity k. Events of one step all see the state before
 * the step. R(k) = selections / expected, summed over the runs of a group.
 *
 * Every statistic comes in CC_ATT_SLOTS slots: one per event type (the selections and
 * expected of the events of that type, the state built by all events) and CC_ATT_ALL for all
 * types together.
 *
 * The exponent. beta is the weighted least-squares slope of ln R(k) on ln k over the levels
 * k >= 1 with at least min_selections selections, weighted by selections, with a percentile
 * bootstrap interval from resampling runs with replacement. beta_mle maximises the
 * conditional-logit likelihood of the choice model P(c) ~ (1 + k_c)^beta over the claims
 * available at each selection (each selection of an event a draw from all A of them), with
 * its standard error from the observed information.
 */
#ifndef COLLCOG_ATTACH_H
#define COLLCOG_ATTACH_H

#include "collcog/common.h"

#define CC_ATT_ALL		CC_EV_NTYPES	/* the slot of all event types together */
#define CC_ATT_SLOTS	(CC_EV_NTYPES + 1)

/* The largest activity level: CC_ATT_MAX_LEVEL in collcog/common.h (a limit of the SQL API). */
/* beta_mle is searched in [-CC_ATT_MAX_BETA, CC_ATT_MAX_BETA]. */
#define CC_ATT_MAX_BETA		20.0

/*
 * What one run contributes: selections and expected per slot and level (slot-major arrays
 * of CC_ATT_SLOTS * n_levels, slot s level k at s * n_levels + k), and when asked the
 * compact choice data the likelihood is replayed from (4 bytes per claim made available,
 * per reference to an available claim and per event with a selection).
 */
typedef struct cc_att_run
{
	int32_t		n_levels;
	int64_t    *selections;
	double	   *expected;
	uint32_t   *choices;		/* NULL unless asked */
	size_t		n_choices;
} cc_att_run;

/*
 * Replay the n events of one run (in step order, as the events reader gives them) into
 * *out, allocated with cc_malloc (cc_att_run_free). With choices, also the choice data of
 * the likelihood. CC_ELIMIT past CC_ATT_MAX_LEVEL, CC_ENOMEM, CC_ECANCEL.
 */
cc_status	cc_att_replay(const cc_event *events, size_t n, bool choices, cc_att_run *out,
						  cc_error *err);
void		cc_att_run_free(cc_att_run *run);

/*
 * Add run's selections and expected (every slot) into *sum, which starts zeroed and is
 * widened (cc_realloc) when run has more levels: the group's totals, one run at a time.
 * CC_ENOMEM.
 */
cc_status	cc_att_run_add(cc_att_run *sum, const cc_att_run *run, cc_error *err);

/*
 * The levels of a group of runs for one slot: selections and expected summed over the
 * runs (each array n_levels long, n_levels the largest of the runs'). Allocated with
 * cc_malloc; the caller frees them.
 */
cc_status	cc_att_group_levels(const cc_att_run *runs, int32_t n_runs, int slot,
								int64_t **selections, double **expected, int32_t *n_levels,
								cc_error *err);

/*
 * Where the likelihood reads the runs' choice data, one run at a time: get sets *words and
 * *n to the choice data of run i (of the runs a fit is given), valid until the next call.
 * A caller can keep the choice data outside memory (the glue reads them back from a
 * temporary file) and need hold only the run being read.
 */
typedef struct cc_att_choices
{
	cc_status	(*get) (void *ctx, int32_t run, const uint32_t **words, size_t *n,
						cc_error *err);
	void	   *ctx;
} cc_att_choices;

/* A get of cc_att_choices for choice data in memory: ctx is the runs array, run i's data
 * are runs[i].choices. */
cc_status	cc_att_run_choices(void *ctx, int32_t run, const uint32_t **words, size_t *n,
							   cc_error *err);

typedef struct cc_att_fit_opts
{
	int64_t		min_selections; /* >= 1 */
	int32_t		replicates;		/* >= 0, at most CC_TAIL_MAX_REPLICATES */
	uint64_t	seed;
	double		level;			/* of the bootstrap interval, in (0, 1) */
	const cc_att_choices *choices;	/* the runs' choice data: fit beta_mle too; or NULL */
} cc_att_fit_opts;

typedef struct cc_att_fit
{
	int64_t		selections;		/* of the slot, over the group */
	int32_t		levels;			/* levels k >= 1 the slope is fitted to */
	double		beta;			/* NaN with fewer than two levels */
	double		beta_lo;		/* percentile interval (NaN without defined replicates) */
	double		beta_hi;
	int32_t		replicates;		/* replicates with a defined slope */
	double		beta_mle;		/* NaN when the likelihood has no maximum in
								 * [-CC_ATT_MAX_BETA, CC_ATT_MAX_BETA] or is flat */
	double		beta_mle_se;
} cc_att_fit;

/* The weighted least-squares slope of ln(sel/exp) on ln k over levels k >= 1 with
 * sel >= min_selections; NaN with fewer than two. *levels gets the levels used. */
double		cc_att_wls_slope(const int64_t *selections, const double *expected,
							 int32_t n_levels, int64_t min_selections, int32_t *levels);

/*
 * Fit the exponent of one slot of a group of runs: the slope, its bootstrap over runs
 * (seeded; stream slot of seed), and with opts->choices the maximum likelihood. Only the
 * runs' levels are read from runs (their choices may be NULL).
 * CC_ENOMEM, CC_ECANCEL.
 */
cc_status	cc_att_fit_slot(const cc_att_run *runs, int32_t n_runs, int slot,
							const cc_att_fit_opts *opts, cc_att_fit *out, cc_error *err);

/*
 * The log-likelihood of the choice model at beta, its score and observed information, for
 * one slot of a group of runs whose choice data choices gives (the constant of the chosen
 * claims included). Exposed for tests; cc_att_fit_slot maximises it.
 */
cc_status	cc_att_loglik(const cc_att_run *runs, int32_t n_runs, int slot,
						  const cc_att_choices *choices, double beta, double *loglik,
						  double *score, double *info, cc_error *err);

#endif							/* COLLCOG_ATTACH_H */
