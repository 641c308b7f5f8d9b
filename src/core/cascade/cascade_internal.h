/*
 * Private to src/core/cascade_*.c: the working state of one reconstruction, shared by the
 * passes (input, lineage, observables, summary).
 */
#ifndef COLLCOG_CASCADE_INTERNAL_H
#define COLLCOG_CASCADE_INTERNAL_H

#include "collcog/cascade.h"

/* How many events ahead the hash lookups are prefetched. */
#define CC_PREFETCH_AHEAD 16

/* Working state of one reconstruction. */
typedef struct cc_work
{
	const cc_cascade_input *in;
	cc_error   *err;
	int32_t		n_events;

	/* per event; type and step are copied so that later passes stream small arrays, not the
	 * caller's wide events */
	uint8_t    *event_type;
	int64_t    *event_step;
	int32_t    *event_claim;	/* claim created, or -1 */
	int32_t    *event_target;	/* target claim, or -1 */
	int32_t    *event_agent;
	int32_t    *event_subtask;	/* subtask index, or -1 */

	/* claims */
	cc_intern	claim_ids;
	int32_t		n_claims;
	int32_t    *claim_event;	/* claim -> creating event */
	int32_t    *par_off;		/* CSR: parents of claim c are par[par_off[c] .. par_off[c+1]) */
	int32_t    *par;
	int32_t    *topo;			/* claims in a topological order (parents first); NULL when
								 * the claim numbering (input order) is one */
	int32_t    *depth;
	int32_t		n_cascades;
	int32_t    *cascade_of;		/* claim -> cascade (rank of its root by (step_id, claim_id)) */
	int32_t    *cascade_root;	/* cascade -> root claim */

	/* agents and subtasks */
	cc_intern	agent_ids;
	cc_intern	subtask_ids;
} cc_work;

/* "run "r7" step 12: " prefix is added by cc_work_fail; ids are quoted and shortened. */
cc_status	cc_work_fail(cc_work *w, cc_status code, int32_t event, const char *fmt, ...)
			__attribute__((format(printf, 4, 5)));
/* Write a quoted, shortened form of s into buf (for messages). Returns buf. */
const char *cc_quote(cc_str s, char *buf, size_t bufsize);
#define CC_QUOTE_BUF 64

/* Passes, in order. Each returns CC_OK or fails through w->err. */
cc_status	cc_cascade_read_input(cc_work *w);	/* input.c */
cc_status	cc_cascade_link_claims(cc_work *w);	/* input.c */
cc_status	cc_cascade_lineage(cc_work *w, cc_cascade_result *out);	/* lineage.c */
cc_status	cc_cascade_subtasks(cc_work *w, cc_cascade_result *out);	/* subtasks.c */
cc_status	cc_cascade_observables(cc_work *w, cc_cascade_result *out);	/* observables.c */
cc_status	cc_cascade_summarise(cc_work *w, cc_cascade_result *out);	/* summary.c */

#endif							/* COLLCOG_CASCADE_INTERNAL_H */
