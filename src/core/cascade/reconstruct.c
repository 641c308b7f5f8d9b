/*
 * Entry point of cascade reconstruction: runs the passes over one run and owns the
 * working state. See include/collcog/cascade.h for the definitions.
 */
#include "cascade_internal.h"

#include <string.h>

/* Release the working state. */
static void
cc_work_free(cc_work *w)
{
	cc_free(w->event_type);
	cc_free(w->event_step);
	cc_free(w->event_claim);
	cc_free(w->event_target);
	cc_free(w->event_agent);
	cc_free(w->event_subtask);
	cc_free(w->claim_event);
	cc_free(w->par_off);
	cc_free(w->par);
	cc_free(w->topo);
	cc_free(w->depth);
	cc_free(w->cascade_of);
	cc_free(w->cascade_root);
	cc_intern_free(&w->claim_ids);
	cc_intern_free(&w->agent_ids);
	cc_intern_free(&w->subtask_ids);
	memset(w, 0, sizeof(*w));
}

/* Release a result and empty it. */
void
cc_cascade_result_free(cc_cascade_result *res)
{
	if (res == NULL)
		return;
	cc_free(res->claims);
	cc_free(res->subtasks);
	cc_free(res->agents);
	cc_free(res->cascades);
	cc_free(res->waves);
	cc_free(res->groups);
	cc_free(res->event_sizes);
	cc_free(res->cascade_agents);
	cc_free(res->event_cascade);
	cc_free(res->parent_off);
	cc_free(res->parents);
	memset(res, 0, sizeof(*res));
}

/* Validate one run and build its derived tables; see cascade.h. */
cc_status
cc_cascade_reconstruct(const cc_cascade_input *in, cc_cascade_result *out, cc_error *err)
{
	cc_work		w;
	cc_error	local;
	cc_status	st;

	if (err == NULL)
		err = &local;
	if (out == NULL || in == NULL)
		return cc_fail(err, CC_EINVAL, "cascade reconstruction needs an input and a result");
	memset(out, 0, sizeof(*out));
	if (in->n_events > 0 && in->events == NULL)
		return cc_fail(err, CC_EINVAL, "events array is NULL");
	if (in->n_events > (size_t) INT32_MAX - 1)
		return cc_fail(err, CC_ELIMIT, "more than %d events in a run", INT32_MAX - 1);
	switch (in->options.burst_window)
	{
		case CC_WINDOW_RUN:
			break;
		case CC_WINDOW_STEPS:
		case CC_WINDOW_TIME:
			if (in->options.burst_width <= 0)
				return cc_fail(err, CC_EINVAL, "contradiction burst window width must be positive");
			break;
		default:
			return cc_fail(err, CC_EINVAL, "invalid contradiction burst window kind %d",
						   (int) in->options.burst_window);
	}

	memset(&w, 0, sizeof(w));
	w.in = in;
	w.err = err;
	w.n_events = (int32_t) in->n_events;
	err->code = CC_OK;
	err->message[0] = err->detail[0] = '\0';

	st = cc_cascade_read_input(&w);
	if (st == CC_OK)
		st = cc_cascade_link_claims(&w);
	if (st == CC_OK)
		st = cc_cascade_subtasks(&w, out);
	if (st == CC_OK)
		st = cc_cascade_lineage(&w, out);
	if (st == CC_OK)
		st = cc_cascade_observables(&w, out);
	if (st == CC_OK)
		st = cc_cascade_summarise(&w, out);
	if (st == CC_OK)
	{
		/* The parent lists go to the result rather than be rebuilt by replays. */
		out->parent_off = w.par_off;
		out->parents = w.par;
		w.par_off = NULL;
		w.par = NULL;
	}
	cc_work_free(&w);
	if (st != CC_OK)
		cc_cascade_result_free(out);
	return st;
}
