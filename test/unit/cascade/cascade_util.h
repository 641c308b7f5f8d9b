/*
 * Helpers shared by the unit tests of test/unit/cascade/: a growable builder of one run's
 * events, and lookups of claims and subtasks by id in a result.
 *
 * Parent lists are given as one space-separated string ("c2 c3 c4"); the cc_str elements
 * point into that string without a terminating NUL, which also checks that the core never
 * relies on NUL termination.
 */
#ifndef TEST_CASCADE_UTIL_H
#define TEST_CASCADE_UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collcog/cascade.h"

typedef struct tb
{
	cc_event   *ev;
	size_t		n,
				cap;
	cc_str	   *par;			/* all parent lists, back to back */
	size_t		npar,
				parcap;
	size_t	   *par_start;		/* per event: start in par (pointers fixed by tb_finish) */
	char	  **owned;			/* strings made by tb_strf */
	size_t		nowned,
				ownedcap;
	const char *run_id;
} tb;

static inline cc_str
S(const char *s)
{
	cc_str		r = {s, s ? strlen(s) : 0};

	return r;
}

static inline void
tb_init(tb *b)
{
	memset(b, 0, sizeof(*b));
	b->run_id = "r7";
}

static inline void
tb_free(tb *b)
{
	size_t		i;

	for (i = 0; i < b->nowned; i++)
		free(b->owned[i]);
	free(b->owned);
	free(b->ev);
	free(b->par);
	free(b->par_start);
	memset(b, 0, sizeof(*b));
}

/* A formatted string that lives as long as the builder. */
static inline const char *
tb_strf(tb *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static inline const char *
tb_strf(tb *b, const char *fmt, ...)
{
	va_list		ap;
	char		buf[256];
	char	   *s;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (b->nowned == b->ownedcap)
	{
		b->ownedcap = b->ownedcap ? 2 * b->ownedcap : 256;
		b->owned = realloc(b->owned, b->ownedcap * sizeof(char *));
	}
	s = strdup(buf);
	b->owned[b->nowned++] = s;
	return s;
}

/* Hand a malloc'd string to the builder, which frees it. */
static inline const char *
tb_own(tb *b, char *s)
{
	if (b->nowned == b->ownedcap)
	{
		b->ownedcap = b->ownedcap ? 2 * b->ownedcap : 256;
		b->owned = realloc(b->owned, b->ownedcap * sizeof(char *));
	}
	b->owned[b->nowned++] = s;
	return s;
}

static inline void
tb_push_parent(tb *b, cc_str p)
{
	if (b->npar == b->parcap)
	{
		b->parcap = b->parcap ? 2 * b->parcap : 256;
		b->par = realloc(b->par, b->parcap * sizeof(cc_str));
	}
	b->par[b->npar++] = p;
}

/* Append an event; NULL strings are SQL NULLs. Returns the new event for further edits. */
static inline cc_event *
tb_add(tb *b, int64_t step, const char *agent, cc_event_type type, const char *claim,
	   const char *parents, const char *target, const char *subtask, const char *psub)
{
	cc_event   *e;

	if (b->n == b->cap)
	{
		b->cap = b->cap ? 2 * b->cap : 64;
		b->ev = realloc(b->ev, b->cap * sizeof(cc_event));
		b->par_start = realloc(b->par_start, b->cap * sizeof(size_t));
	}
	e = &b->ev[b->n];
	memset(e, 0, sizeof(*e));
	e->step_id = step;
	e->agent_id = S(agent);
	e->type = type;
	e->claim_id = S(claim);
	e->target_claim_id = S(target);
	e->subtask_id = S(subtask);
	e->parent_subtask_id = S(psub);
	b->par_start[b->n] = b->npar;
	if (parents)
	{
		const char *p = parents;

		while (*p)
		{
			const char *q = p;

			while (*q && *q != ' ')
				q++;
			if (q > p)
			{
				cc_str		s = {p, (size_t) (q - p)};

				tb_push_parent(b, s);
				e->n_parents++;
			}
			p = *q ? q + 1 : q;
		}
	}
	b->n++;
	return e;
}

/* Fix the parents pointers (the arrays may have moved while growing). */
static inline void
tb_finish(tb *b)
{
	size_t		i;

	for (i = 0; i < b->n; i++)
		b->ev[i].parents = b->ev[i].n_parents > 0 ? b->par + b->par_start[i] : NULL;
}

static inline cc_status
tb_run_opt(tb *b, cc_cascade_options opt, cc_cascade_result *res, cc_error *err)
{
	cc_cascade_input in;

	tb_finish(b);
	memset(&in, 0, sizeof(in));
	in.run_id = S(b->run_id);
	in.events = b->ev;
	in.n_events = b->n;
	in.options = opt;
	return cc_cascade_reconstruct(&in, res, err);
}

static inline cc_status
tb_run(tb *b, cc_cascade_result *res, cc_error *err)
{
	cc_cascade_options opt = {CC_WINDOW_RUN, 0};

	return tb_run_opt(b, opt, res, err);
}

static inline int
str_is(cc_str s, const char *z)
{
	return s.ptr != NULL && s.len == strlen(z) && memcmp(s.ptr, z, s.len) == 0;
}

/* Claim index of id in res, or -1. */
static inline int
claim_ix(const cc_cascade_result *res, const char *id)
{
	int			c;

	for (c = 0; c < res->n_claims; c++)
		if (str_is(res->claims[c].claim_id, id))
			return c;
	return -1;
}

static inline int
subtask_ix(const cc_cascade_result *res, const char *id)
{
	int			s;

	for (s = 0; s < res->n_subtasks; s++)
		if (str_is(res->subtasks[s].subtask_id, id))
			return s;
	return -1;
}

static inline int
agent_ix(const cc_cascade_result *res, const char *id)
{
	int			a;

	for (a = 0; a < res->n_agents; a++)
		if (str_is(res->agents[a], id))
			return a;
	return -1;
}

/* Cascade index of the cascade rooted at claim id, or -1. */
static inline int
cascade_ix(const cc_cascade_result *res, const char *root_id)
{
	int			c = claim_ix(res, root_id),
				k;

	for (k = 0; k < res->n_cascades; k++)
		if (res->cascades[k].root == c)
			return k;
	return -1;
}

/* Check the cascade_agents row of (cascade k, agent): its claims, its events and that its
 * counts by type add up to its events. */
static inline void
check_agent_row(const cc_cascade_result *res, int k, const char *agent, int64_t claims,
				int64_t events)
{
	int			a = agent_ix(res, agent),
				i,
				t;

	for (i = 0; i < res->n_cascade_agents; i++)
	{
		const cc_cascade_agent_row *r = &res->cascade_agents[i];
		int64_t		sum = 0;

		if (r->cascade != k || r->agent != a)
			continue;
		for (t = 0; t < CC_EV_NTYPES; t++)
			sum += r->n_by_type[t];
		assert_int_equal(r->claims, claims);
		assert_int_equal(r->events, events);
		assert_int_equal(sum, events);
		return;
	}
	fail_msg("no cascade_agents row for cascade %d, agent %s", k, agent);
}

/* Size of the event_sizes row (observable, anchor), or -1. */
static inline int64_t
event_size(const cc_cascade_result *res, cc_observable o, int anchor)
{
	int			i;

	for (i = 0; i < res->n_event_sizes; i++)
		if (res->event_sizes[i].observable == o && res->event_sizes[i].anchor == anchor)
			return res->event_sizes[i].size;
	return -1;
}

static inline int
count_event_sizes(const cc_cascade_result *res, cc_observable o)
{
	int			i,
				n = 0;

	for (i = 0; i < res->n_event_sizes; i++)
		n += res->event_sizes[i].observable == o;
	return n;
}

#endif							/* TEST_CASCADE_UTIL_H */
