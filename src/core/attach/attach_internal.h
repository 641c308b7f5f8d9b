/*
 * Private to src/core/attach/: the codes of the choice data (cc_att_run.choices).
 *
 * The likelihood of the choice model needs, at each event with selections, the sum over
 * the available claims of a function of their activity, and the available claims' activity
 * histogram changes by one claim at a time. The replay therefore records the changes and
 * the events, not the histograms: each word is value << 2 | tag with
 *   CHOICE_ENTER  a claim becomes available at level value,
 *   CHOICE_MOVE   an available claim moves from level value to value + 1,
 *   CHOICE_EVENT  an event with selections: value = m << 3 | event type,
 * in replay order, so the histogram at every event is rebuilt by replaying the words.
 */
#ifndef COLLCOG_ATTACH_INTERNAL_H
#define COLLCOG_ATTACH_INTERNAL_H

#include "collcog/attach.h"

#define CHOICE_ENTER	0u
#define CHOICE_MOVE		1u
#define CHOICE_EVENT	2u

#define CHOICE_TAG(w)	((w) & 3u)
#define CHOICE_VALUE(w)	((w) >> 2)
#define CHOICE_WORD(value, tag) (((uint32_t) (value) << 2) | (tag))

/* The most available claims one event may reference (m of CHOICE_EVENT). */
#define CHOICE_MAX_M	((1 << 27) - 1)

/* The maximum-likelihood exponent of slot over the runs' choice data and its standard
 * error (mle.c); NaN for both when there is no maximum in range or the likelihood is flat. */
cc_status	cc_att_mle(const cc_att_run *runs, int32_t n_runs, int slot,
					   const cc_att_choices *choices, double *beta, double *se, cc_error *err);

#endif							/* COLLCOG_ATTACH_INTERNAL_H */
