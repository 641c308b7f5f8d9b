/*
 * Reading one run's events: field checks, interning of claim, agent and subtask ids, and
 * resolution of parent and target claims (the claim DAG as CSR arrays).
 */
#include "cascade_internal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const cc_claim_status_names[CC_CLAIM_NSTATUS] = {
	"proposed", "revised", "contradictory", "merged", "delegated", "endorsed"
};

/* Name of a claim status as stored in claims.claim_status. */
const char *
cc_claim_status_name(cc_claim_status s)
{
	if ((int) s < 0 || (int) s >= CC_CLAIM_NSTATUS)
		return NULL;
	return cc_claim_status_names[s];
}

/* Name of an observable as stored in event_sizes.observable. */
const char *
cc_observable_name(cc_observable o)
{
	static const char *const names[] = {"delegation", "revision", "contradiction", "merge"};

	if ((int) o < 0 || (int) o > CC_OBS_MERGE)
		return NULL;
	return names[o];
}

/*
 * Quote s for a message: at most 40 bytes of it, cut at a UTF-8 character boundary so the
 * message stays valid in the server encoding, with "..." when shortened.
 */
const char *
cc_quote(cc_str s, char *buf, size_t bufsize)
{
	size_t		n = s.len;
	bool		cut = false;

	if (s.ptr == NULL)
	{
		snprintf(buf, bufsize, "NULL");
		return buf;
	}
	if (n > 40)
	{
		n = 40;
		while (n > 0 && ((unsigned char) s.ptr[n] & 0xC0) == 0x80)
			n--;
		cut = true;
	}
	snprintf(buf, bufsize, "\"%.*s%s\"", (int) n, s.ptr, cut ? "..." : "");
	return buf;
}

/* Record an error prefixed with the run and the step of event (if >= 0). */
cc_status
cc_work_fail(cc_work *w, cc_status code, int32_t event, const char *fmt, ...)
{
	char		prefix[128];
	char		body[256];
	char		q[CC_QUOTE_BUF];
	size_t		len = 0;
	va_list		ap;

	prefix[0] = '\0';
	if (w->in->run_id.ptr != NULL)
		len = (size_t) snprintf(prefix, sizeof(prefix), "run %s ",
								cc_quote(w->in->run_id, q, sizeof(q)));
	if (event >= 0 && len < sizeof(prefix))
		snprintf(prefix + len, sizeof(prefix) - len, "step %" PRId64 ": ",
				 w->in->events[event].step_id);
	else if (len > 0 && len < sizeof(prefix))
		snprintf(prefix + len - 1, sizeof(prefix) - len + 1, ": ");
	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	return cc_fail(w->err, code, "%s%s", prefix, body);
}

/* An identifier field: NULL is allowed here, empty is not. */
static cc_status
check_id(cc_work *w, int32_t i, cc_str s, const char *field)
{
	if (s.ptr == NULL && s.len != 0)
		return cc_work_fail(w, CC_EINVAL, i, "%s is NULL with a nonzero length", field);
	if (s.ptr != NULL && s.len == 0)
		return cc_work_fail(w, CC_EINVAL, i, "%s is an empty string", field);
	return CC_OK;
}

/* The checks of one event that need nothing but the event itself. */
static cc_status
check_event_fields(cc_work *w, int32_t i)
{
	const cc_event *e = &w->in->events[i];
	char		q[CC_QUOTE_BUF];
	const char *tn;
	int32_t		k;

	tn = cc_event_type_name(e->type);
	if (tn == NULL)
		return cc_work_fail(w, CC_EINVAL, i, "invalid event type %d", (int) e->type);
	if (e->n_parents < 0 || (e->n_parents > 0 && e->parents == NULL))
		return cc_work_fail(w, CC_EINVAL, i, "invalid parent_claim_ids array");
	if (e->agent_id.ptr == NULL)
		return cc_work_fail(w, CC_EINVAL, i, "%s event has no agent_id", tn);
	if (check_id(w, i, e->agent_id, "agent_id") ||
		check_id(w, i, e->claim_id, "claim_id") ||
		check_id(w, i, e->target_claim_id, "target_claim_id") ||
		check_id(w, i, e->subtask_id, "subtask_id") ||
		check_id(w, i, e->parent_subtask_id, "parent_subtask_id"))
		return w->err->code;
	for (k = 0; k < e->n_parents; k++)
	{
		if (e->parents[k].ptr == NULL)
			return cc_work_fail(w, CC_EINVAL, i, "parent_claim_ids contains a NULL");
		if (check_id(w, i, e->parents[k], "an element of parent_claim_ids"))
			return w->err->code;
	}

	if (cc_event_type_creates_claim(e->type))
	{
		if (e->claim_id.ptr == NULL)
			return cc_work_fail(w, CC_ELINEAGE, i, "%s event creates no claim (claim_id is NULL)",
								tn);
		if ((e->type == CC_EV_REVISE || e->type == CC_EV_CONTRADICT) && e->n_parents != 1)
			return cc_work_fail(w, CC_ELINEAGE, i,
								"%s of claim %s has %d parent claims, expected exactly 1",
								tn, cc_quote(e->claim_id, q, sizeof(q)), (int) e->n_parents);
		if (e->type == CC_EV_MERGE && e->n_parents < 2)
			return cc_work_fail(w, CC_ELINEAGE, i,
								"merge of claim %s has %d parent claims, expected at least 2",
								cc_quote(e->claim_id, q, sizeof(q)), (int) e->n_parents);
	}
	else
	{
		/* delegate and endorse: parents only with a claim of their own */
		if (e->claim_id.ptr == NULL && e->n_parents > 0)
			return cc_work_fail(w, CC_ELINEAGE, i, "%s event cannot have parent claims", tn);
		if (e->type == CC_EV_ENDORSE && e->target_claim_id.ptr == NULL &&
			e->claim_id.ptr == NULL)
			return cc_work_fail(w, CC_ELINEAGE, i, "endorse event has no target claim");
		if (e->type == CC_EV_DELEGATE)
		{
			if (e->subtask_id.ptr == NULL)
				return cc_work_fail(w, CC_ELINEAGE, i, "delegate event has no subtask_id");
			if (e->parent_subtask_id.ptr == NULL)
				return cc_work_fail(w, CC_ELINEAGE, i,
									"delegate of subtask %s has no parent_subtask_id",
									cc_quote(e->subtask_id, q, sizeof(q)));
			if (cc_str_eq(e->subtask_id, e->parent_subtask_id))
				return cc_work_fail(w, CC_ELINEAGE, i, "subtask %s is its own parent subtask",
									cc_quote(e->subtask_id, q, sizeof(q)));
		}
	}
	return CC_OK;
}

/*
 * Pass 1: check every event's own fields and intern its ids; claims are numbered in input
 * order, a claim created twice is an error.
 */
cc_status
cc_cascade_read_input(cc_work *w)
{
	const cc_event *ev = w->in->events;
	int32_t		n = w->n_events;
	int64_t		total_parents = 0;
	int32_t		i,
				n_creating = 0;
	char		q[CC_QUOTE_BUF];

	w->event_type = cc_malloc((size_t) n + 1);
	w->event_step = cc_malloc(((size_t) n + 1) * sizeof(int64_t));
	w->event_claim = cc_malloc((size_t) n * sizeof(int32_t));
	w->event_target = cc_malloc((size_t) n * sizeof(int32_t));
	w->event_agent = cc_malloc((size_t) n * sizeof(int32_t));
	w->event_subtask = cc_malloc((size_t) n * sizeof(int32_t));
	if (!w->event_type || !w->event_step || !w->event_claim || !w->event_target ||
		!w->event_agent || !w->event_subtask)
		return cc_fail(w->err, CC_ENOMEM, "out of memory reconstructing cascades");
	/* size the claim arrays by the claims to come: a smaller table is a faster one */
	for (i = 0; i < n; i++)
		n_creating += ev[i].claim_id.ptr != NULL;
	w->claim_event = cc_malloc(((size_t) n_creating + 1) * sizeof(int32_t));
	if (w->claim_event == NULL ||
		cc_intern_init(&w->claim_ids, (size_t) n_creating) ||
		cc_intern_init(&w->agent_ids, 64) ||
		cc_intern_init(&w->subtask_ids, 64))
		return cc_fail(w->err, CC_ENOMEM, "out of memory reconstructing cascades");

	for (i = 0; i < n; i++)
	{
		const cc_event *e = &ev[i];
		bool		is_new;
		int32_t		ix;

		if (cc_poll(i, CC_POLL_CHEAP))
			return cc_fail(w->err, CC_ECANCEL, "canceled");
		if (i + CC_PREFETCH_AHEAD < n && ev[i + CC_PREFETCH_AHEAD].claim_id.ptr != NULL)
			cc_intern_prefetch(&w->claim_ids, ev[i + CC_PREFETCH_AHEAD].claim_id);
		if (check_event_fields(w, i) != CC_OK)
			return w->err->code;
		total_parents += e->n_parents;
		if (total_parents > INT32_MAX - 1)
			return cc_work_fail(w, CC_ELIMIT, i, "more than %d parent claim references in a run",
								INT32_MAX - 1);

		w->event_type[i] = (uint8_t) e->type;
		w->event_step[i] = e->step_id;
		w->event_claim[i] = -1;
		w->event_target[i] = -1;
		w->event_subtask[i] = -1;
		if (e->claim_id.ptr != NULL)	/* every claim type has one (checked above) */
		{
			ix = cc_intern_add(&w->claim_ids, e->claim_id, &is_new);
			if (ix < 0)
				return cc_fail(w->err, CC_ENOMEM, "out of memory reconstructing cascades");
			if (!is_new)
				return cc_work_fail(w, CC_ELINEAGE, i,
									"claim %s is created twice (first at step %" PRId64 ")",
									cc_quote(e->claim_id, q, sizeof(q)),
									ev[w->claim_event[ix]].step_id);
			w->claim_event[ix] = i;
			w->event_claim[i] = ix;
		}
		ix = cc_intern_add(&w->agent_ids, e->agent_id, NULL);
		if (ix < 0)
			return cc_fail(w->err, CC_ENOMEM, "out of memory reconstructing cascades");
		w->event_agent[i] = ix;
		if (e->subtask_id.ptr != NULL)
		{
			ix = cc_intern_add(&w->subtask_ids, e->subtask_id, NULL);
			if (ix < 0)
				return cc_fail(w->err, CC_ENOMEM, "out of memory reconstructing cascades");
			w->event_subtask[i] = ix;
		}
		if (e->type == CC_EV_DELEGATE &&
			cc_intern_add(&w->subtask_ids, e->parent_subtask_id, NULL) < 0)
			return cc_fail(w->err, CC_ENOMEM, "out of memory reconstructing cascades");
	}
	w->n_claims = w->claim_ids.n;
	return CC_OK;
}

/* Prefetch the slots of an event's parent and target claims (pass 2 looks them up). */
static void
prefetch_claims(cc_work *w, const cc_event *e)
{
	int32_t		k;

	for (k = 0; k < e->n_parents && k < 4; k++)
		cc_intern_prefetch(&w->claim_ids, e->parents[k]);
	if (e->target_claim_id.ptr != NULL)
		cc_intern_prefetch(&w->claim_ids, e->target_claim_id);
}

/* Resolve a target claim of event i: it must exist and be created no later than the event. */
static cc_status
resolve_target(cc_work *w, int32_t i, int32_t *out)
{
	const cc_event *e = &w->in->events[i];
	char		q[CC_QUOTE_BUF];
	int32_t		t = cc_intern_find(&w->claim_ids, e->target_claim_id);

	if (t < 0)
		return cc_work_fail(w, CC_ELINEAGE, i,
							"target claim %s of the %s event does not exist in the run",
							cc_quote(e->target_claim_id, q, sizeof(q)),
							cc_event_type_name(e->type));
	if (w->event_step[w->claim_event[t]] > e->step_id)
		return cc_work_fail(w, CC_ELINEAGE, i,
							"target claim %s of the %s event is created at a later step (%" PRId64 ")",
							cc_quote(e->target_claim_id, q, sizeof(q)),
							cc_event_type_name(e->type),
							w->event_step[w->claim_event[t]]);
	*out = t;
	return CC_OK;
}

/*
 * Pass 2: resolve parent and target claims. Parents become CSR arrays indexed by claim;
 * a missing parent, a parent created later, a claim that is its own parent, a parent listed
 * twice and a target that is not a parent are errors.
 */
cc_status
cc_cascade_link_claims(cc_work *w)
{
	const cc_event *ev = w->in->events;
	int32_t		nc = w->n_claims;
	int32_t    *stamp;
	int32_t		c,
				i;
	int32_t		pos = 0;
	char		q1[CC_QUOTE_BUF],
				q2[CC_QUOTE_BUF];

	w->par_off = cc_malloc(((size_t) nc + 1) * sizeof(int32_t));
	stamp = cc_malloc((size_t) nc * sizeof(int32_t));
	if (w->par_off == NULL || stamp == NULL)
	{
		cc_free(stamp);
		return cc_fail(w->err, CC_ENOMEM, "out of memory reconstructing cascades");
	}
	for (c = 0; c < nc; c++)
	{
		w->par_off[c] = pos;
		pos += ev[w->claim_event[c]].n_parents;
		stamp[c] = -1;
	}
	w->par_off[nc] = pos;
	w->par = cc_malloc((size_t) pos * sizeof(int32_t));
	if (w->par == NULL)
	{
		cc_free(stamp);
		return cc_fail(w->err, CC_ENOMEM, "out of memory reconstructing cascades");
	}

	for (i = 0; i < w->n_events; i++)
	{
		const cc_event *e = &ev[i];
		int32_t		k;

		if (cc_poll(i, CC_POLL_CHEAP))
		{
			cc_free(stamp);
			return cc_fail(w->err, CC_ECANCEL, "canceled");
		}
		if (i + CC_PREFETCH_AHEAD < w->n_events)
			prefetch_claims(w, &ev[i + CC_PREFETCH_AHEAD]);
		c = w->event_claim[i];
		if (c < 0)
		{
			if (e->target_claim_id.ptr != NULL &&
				resolve_target(w, i, &w->event_target[i]) != CC_OK)
				break;
			continue;
		}
		for (k = 0; k < e->n_parents; k++)
		{
			int32_t		p = cc_intern_find(&w->claim_ids, e->parents[k]);

			if (p < 0)
			{
				cc_work_fail(w, CC_ELINEAGE, i,
							 "parent claim %s of claim %s does not exist in the run",
							 cc_quote(e->parents[k], q1, sizeof(q1)),
							 cc_quote(e->claim_id, q2, sizeof(q2)));
				break;
			}
			if (p == c)
			{
				cc_work_fail(w, CC_ELINEAGE, i, "claim %s is its own parent",
							 cc_quote(e->claim_id, q1, sizeof(q1)));
				break;
			}
			if (w->event_step[w->claim_event[p]] > e->step_id)
			{
				cc_work_fail(w, CC_ELINEAGE, i,
							 "parent claim %s of claim %s is created at a later step (%" PRId64 ")",
							 cc_quote(e->parents[k], q1, sizeof(q1)),
							 cc_quote(e->claim_id, q2, sizeof(q2)),
							 w->event_step[w->claim_event[p]]);
				break;
			}
			if (stamp[p] == c)
			{
				cc_work_fail(w, CC_ELINEAGE, i, "parent claim %s of claim %s is listed twice",
							 cc_quote(e->parents[k], q1, sizeof(q1)),
							 cc_quote(e->claim_id, q2, sizeof(q2)));
				break;
			}
			stamp[p] = c;
			w->par[w->par_off[c] + k] = p;
		}
		if (k < e->n_parents)
			break;
		if (e->target_claim_id.ptr != NULL)
		{
			int32_t		t = cc_intern_find(&w->claim_ids, e->target_claim_id);

			if (t < 0 || stamp[t] != c)
			{
				cc_work_fail(w, CC_ELINEAGE, i,
							 "target claim %s of claim %s is not one of its parent claims",
							 cc_quote(e->target_claim_id, q1, sizeof(q1)),
							 cc_quote(e->claim_id, q2, sizeof(q2)));
				break;
			}
			w->event_target[i] = t;
		}
	}
	cc_free(stamp);
	return i < w->n_events ? w->err->code : CC_OK;
}
