/*
 * Per-cascade rows (size, TCE, counts by event type, active agents, depth, merge
 * conversion), the per-(cascade, agent) rows and the event_sizes rows of the four
 * observables. O(events).
 */
#include "cascade_internal.h"

#include <math.h>
#include <string.h>

/* The out-of-memory error of this pass. */
static cc_status
nomem(cc_work *w)
{
	return cc_fail(w->err, CC_ENOMEM, "out of memory reconstructing cascades");
}

/*
 * The cascade each event counts toward in TCE, or -1: the cascade of the claim it creates,
 * or for endorse and delegate the cascade of its target claim.
 */
static int32_t *
event_cascades(cc_work *w)
{
	int32_t    *ec = cc_malloc(((size_t) w->n_events + 1) * sizeof(int32_t));
	int32_t		i;

	if (ec == NULL)
		return NULL;
	for (i = 0; i < w->n_events; i++)
	{
		cc_event_type t = (cc_event_type) w->event_type[i];

		if (w->event_claim[i] >= 0)
			ec[i] = w->cascade_of[w->event_claim[i]];
		else if ((t == CC_EV_ENDORSE || t == CC_EV_DELEGATE) && w->event_target[i] >= 0)
			ec[i] = w->cascade_of[w->event_target[i]];
		else
			ec[i] = -1;
	}
	return ec;
}

/*
 * The cascade_agents rows: bucket the TCE events by cascade, then give each agent of a
 * cascade a row (slot[agent] = its row while the cascade is counted) and count; a
 * cascade's active agents are its rows with a claim.
 */
static cc_status
agent_rows(cc_work *w, const int32_t *ec, cc_cascade_result *out)
{
	int32_t		ncas = w->n_cascades;
	int32_t    *off = cc_calloc((size_t) ncas + 2, sizeof(int32_t));
	int32_t    *events = NULL;
	int32_t    *stamp = cc_malloc(((size_t) w->agent_ids.n + 1) * sizeof(int32_t));
	int32_t    *slot = cc_malloc(((size_t) w->agent_ids.n + 1) * sizeof(int32_t));
	int32_t		i,
				k,
				n = 0;
	cc_status	st = CC_OK;

	if (!off || !stamp || !slot)
	{
		st = nomem(w);
		goto done;
	}
	for (i = 0; i < w->n_events; i++)
		if (ec[i] >= 0)
			off[ec[i] + 2]++;
	for (k = 0; k < ncas; k++)
		off[k + 2] += off[k + 1];
	events = cc_malloc(((size_t) off[ncas + 1] + 1) * sizeof(int32_t));
	/* At most one row per TCE event. */
	out->cascade_agents = cc_calloc((size_t) off[ncas + 1] + 1, sizeof(cc_cascade_agent_row));
	if (events == NULL || out->cascade_agents == NULL)
	{
		st = nomem(w);
		goto done;
	}
	for (i = 0; i < w->n_events; i++)
		if (ec[i] >= 0)
			events[off[ec[i] + 1]++] = i;
	for (i = 0; i < w->agent_ids.n; i++)
		stamp[i] = -1;
	for (k = 0; k < ncas; k++)
	{
		for (i = off[k]; i < off[k + 1]; i++)
		{
			int32_t		e = events[i];
			int32_t		a = w->event_agent[e];
			cc_cascade_agent_row *r;

			if (stamp[a] != k)
			{
				stamp[a] = k;
				slot[a] = n;
				out->cascade_agents[n].cascade = k;
				out->cascade_agents[n].agent = a;
				n++;
			}
			r = &out->cascade_agents[slot[a]];
			r->events++;
			r->n_by_type[w->event_type[e]]++;
			if (w->event_claim[e] >= 0 && r->claims++ == 0)
				out->cascades[k].n_agents_active++;
		}
	}
	out->n_cascade_agents = n;
done:
	cc_free(off);
	cc_free(events);
	cc_free(stamp);
	cc_free(slot);
	return st;
}

/* The cascades table (sizes, counts by type, depth, conversion, active agents) and the
 * cascade_agents table. */
static cc_status
cascade_rows(cc_work *w, cc_cascade_result *out)
{
	int32_t    *ec;
	int32_t		i,
				k,
				c;
	cc_status	st;

	out->cascades = cc_calloc((size_t) w->n_cascades + 1, sizeof(cc_cascade_row));
	ec = event_cascades(w);
	if (out->cascades == NULL || ec == NULL)
	{
		cc_free(ec);
		return nomem(w);
	}
	out->n_cascades = w->n_cascades;
	for (k = 0; k < w->n_cascades; k++)
		out->cascades[k].root = w->cascade_root[k];
	for (c = 0; c < w->n_claims; c++)
	{
		cc_cascade_row *r = &out->cascades[w->cascade_of[c]];

		r->size++;
		if (w->depth[c] > r->depth)
			r->depth = w->depth[c];
	}
	for (i = 0; i < w->n_events; i++)
		if (ec[i] >= 0)
			out->cascades[ec[i]].n_by_type[w->event_type[i]]++;
	for (k = 0; k < w->n_cascades; k++)
	{
		cc_cascade_row *r = &out->cascades[k];
		int64_t		expansions = r->n_by_type[CC_EV_DELEGATE] + r->n_by_type[CC_EV_CONTRADICT] +
			r->n_by_type[CC_EV_REVISE];
		int			t;

		for (t = 0; t < CC_EV_NTYPES; t++)
			r->tce += r->n_by_type[t];
		r->has_merge_conversion = expansions > 0;
		r->merge_conversion = expansions > 0 ?
			(double) r->n_by_type[CC_EV_MERGE] / (double) expansions : NAN;
	}
	st = agent_rows(w, ec, out);
	out->event_cascade = ec;
	return st;
}

/* event_sizes: delegation (delegates in input order), revision, contradiction, merge. */
static cc_status
event_size_rows(cc_work *w, cc_cascade_result *out)
{
	int64_t		n = (int64_t) out->n_waves + out->n_groups;
	int32_t		i,
				c,
				k = 0;

	for (i = 0; i < w->n_events; i++)
		if (w->event_type[i] == CC_EV_DELEGATE || w->event_type[i] == CC_EV_MERGE)
			n++;
	out->event_sizes = cc_malloc(((size_t) n + 1) * sizeof(cc_event_size));
	if (out->event_sizes == NULL)
		return nomem(w);
	for (i = 0; i < w->n_events; i++)
	{
		if (w->event_type[i] != CC_EV_DELEGATE)
			continue;
		out->event_sizes[k].observable = CC_OBS_DELEGATION;
		out->event_sizes[k].anchor = w->event_subtask[i];
		out->event_sizes[k].size = out->subtasks[w->event_subtask[i]].n_subtasks_in_subtree;
		k++;
	}
	for (i = 0; i < out->n_waves; i++, k++)
	{
		out->event_sizes[k].observable = CC_OBS_REVISION;
		out->event_sizes[k].anchor = out->waves[i].last_claim;
		out->event_sizes[k].size = out->waves[i].length;
	}
	for (i = 0; i < out->n_groups; i++, k++)
	{
		out->event_sizes[k].observable = CC_OBS_CONTRADICTION;
		out->event_sizes[k].anchor = out->groups[i].first_claim;
		out->event_sizes[k].size = out->groups[i].n_agents;
	}
	for (c = 0; c < w->n_claims; c++)
	{
		if (w->event_type[w->claim_event[c]] != CC_EV_MERGE)
			continue;
		out->event_sizes[k].observable = CC_OBS_MERGE;
		out->event_sizes[k].anchor = c;
		out->event_sizes[k].size = w->par_off[c + 1] - w->par_off[c];
		k++;
	}
	out->n_event_sizes = k;
	return CC_OK;
}

/* Pass 6: the cascades and event_sizes tables, and the agent id array. */
cc_status
cc_cascade_summarise(cc_work *w, cc_cascade_result *out)
{
	cc_status	st;

	out->agents = cc_malloc(((size_t) w->agent_ids.n + 1) * sizeof(cc_str));
	if (out->agents == NULL)
		return nomem(w);
	out->n_agents = w->agent_ids.n;
	if (w->agent_ids.n > 0)
		memcpy(out->agents, w->agent_ids.keys, (size_t) w->agent_ids.n * sizeof(cc_str));
	st = cascade_rows(w, out);
	if (st == CC_OK)
		st = event_size_rows(w, out);
	return st;
}
