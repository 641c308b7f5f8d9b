/*
 * collcog core: glass ceilings between agent types (paper 001; DESIGN section 7).
 *
 * Each part of the topic has its own section below, headed by a comment.
 */
#ifndef COLLCOG_GCE_H
#define COLLCOG_GCE_H

#include <stdint.h>

#include "collcog/common.h"

/* ---------------------------------------------------------------------------------------
 * Type-level communication (paper 001, Sec. 3.1 and 4.2): prominence.c, pair_weights.c.
 *
 * Types are dense indices 0 .. ntypes - 1 (the glue maps names); weights are vectors of
 * dimension dim, nonnegative and finite (the messages table's check).
 * ------------------------------------------------------------------------------------- */

/*
 * Cumulative communication of every type of one run (Eq. 1): D_in(a), D_out(a), each a
 * vector of dim. Messages are added in round order; the measures of Eq. 4, 5, 9 and 10 are
 * read at any time.
 */
typedef struct cc_gce_types
{
	int			ntypes;
	int			dim;
	double	   *din;			/* din[a * dim + k] */
	double	   *dout;
} cc_gce_types;

cc_status	cc_gce_types_init(cc_gce_types *s, int ntypes, int dim, cc_error *err);
void		cc_gce_types_free(cc_gce_types *s);
/* All masses back to zero (a new run of the same shape). */
void		cc_gce_types_reset(cc_gce_types *s);
/* Add the weight w (dim values) of a message from a source of type src to a target of tgt. */
void		cc_gce_types_add(cc_gce_types *s, int src, int tgt, const double *w);

/*
 * The measures of type a: theta_in, theta_out (Eq. 4, dim values each: a's share of all
 * incoming and outgoing mass per dimension, NaN where no type has mass), the influence ratio
 * I(a) = |D_out(a)|_1 / |D_in(a)|_1 (Eq. 10) and the same of all other types pooled,
 * I(rest) (with two types, the other type: I(R) / I(B) is Eq. 9). A ratio is +Inf when
 * only its numerator is positive and NaN when both are 0.
 */
typedef struct cc_gce_type_measures
{
	double		influence;
	double		influence_rest;
} cc_gce_type_measures;

void		cc_gce_types_measures(const cc_gce_types *s, int a, double *theta_in,
								  double *theta_out, cc_gce_type_measures *m);

/* num / den as the influence ratios define it: +Inf for num > 0 = den, NaN for 0 / 0. */
double		cc_gce_ratio(double num, double den);

/*
 * Mean type-pair weights mu_ab (a = target type, b = source type) from messages grouped by
 * macro step (a run's round t). Two estimates per pair and dimension:
 *
 *  mean_weight  the mean over the pair's messages of the weight normalised within its step
 *               (divided by the step's total in that dimension, Sec. 2.2 step 3): the
 *               expected normalised contribution of one message;
 *  mu           the type-pair utility up to a factor per dimension, from contrasts within
 *               steps: ln w = ln mu_ab + (a term common to the step) + noise, fitted by
 *               least squares with one effect per step (a step's normalisation, whatever
 *               it is, is such a common term, so it cancels); scaled so that the messages'
 *               mean mu is 1 in every dimension. Only messages with w_k > 0 enter
 *               dimension k. Undefined (NaN) for every pair of a dimension in which the
 *               pairs seen are not all linked through steps holding messages of two pairs.
 *
 * The simulator draws raw weights mu_ab * noise and divides them by the step's total, so
 * mu recovers its utilities up to a factor, and mean_weight does not (it mixes in the other
 * pairs of each step; a step of one pair says nothing of mu).
 */
typedef struct cc_gce_pairs cc_gce_pairs;

cc_status	cc_gce_pairs_create(int ntypes, int dim, cc_gce_pairs **out, cc_error *err);
void		cc_gce_pairs_free(cc_gce_pairs *s);
/* One step: n messages, pair[i] = tgt * ntypes + src, weights w[i * dim + k]. */
cc_status	cc_gce_pairs_add_step(cc_gce_pairs *s, int32_t n, const int32_t *pair,
								  const double *w, cc_error *err);
/* Solve for mu (after the last step). */
cc_status	cc_gce_pairs_finish(cc_gce_pairs *s, cc_error *err);

typedef struct cc_gce_pair_result
{
	int64_t		n_messages;
	int64_t		n_steps;		/* steps holding a message of the pair */
	const double *mean_weight;	/* dim values, or NULL without messages */
	const double *mu;			/* dim values (NaN where undefined), or NULL likewise */
} cc_gce_pair_result;

void		cc_gce_pairs_result(const cc_gce_pairs *s, int32_t pair, cc_gce_pair_result *out);

#endif							/* COLLCOG_GCE_H */
