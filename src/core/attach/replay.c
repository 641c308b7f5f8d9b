/*
 * The replay of one run (include/collcog/attach.h): selections and expected per slot and
 * activity level, and the choice data of the likelihood.
 *
 * expected_k sums m a_k / A over events, and a_k changes at few of them: each level keeps
 * the running sum of m / A (one per slot) at its last change and adds a_k times what the
 * sum grew by since, so an event costs O(claims it references), not O(levels).
 */
#include "attach_internal.h"

#include <string.h>

typedef struct replay
{
	cc_error   *err;
	cc_intern	ids;
	/* per claim (interned index) */
	int32_t    *act;			/* activity: references by events at earlier steps */
	uint8_t    *avail;			/* created at an earlier step */
	size_t	   *stamp;			/* 1 + the last event that referenced it (dedup) */
	size_t		claim_cap;
	/* per level k, level-major (k * CC_ATT_SLOTS + slot) */
	int64_t    *hist;			/* a_k */
	int64_t    *sel;
	double	   *acc;			/* expected accumulated up to the level's last change */
	double	   *last;			/* the running sum of m / A at that change */
	int32_t		level_cap;
	int32_t		n_levels;		/* 1 + the highest level a claim was available at */
	double		sum[CC_ATT_SLOTS];	/* running sum of m / A */
	int64_t		available;		/* A */
	/* the step in progress: its references and its new claims */
	int32_t    *refs;
	size_t		n_refs,
				refs_cap;
	int32_t    *made;
	size_t		n_made,
				made_cap;
	/* choice data, when asked */
	bool		want_choices;
	uint32_t   *choices;
	size_t		n_choices,
				choices_cap;
} replay;

static cc_status
NoMemory(replay *r)
{
	return cc_fail(r->err, CC_ENOMEM, "out of memory for the attachment replay");
}

/* Grow *p (elements of size) to hold at least need, doubling; new bytes zeroed. */
static cc_status
Grow(replay *r, void **p, size_t *cap, size_t need, size_t size)
{
	size_t		ncap = *cap > 0 ? *cap : 16;
	void	   *q;

	if (need <= *cap)
		return CC_OK;
	while (ncap < need)
		ncap *= 2;
	q = cc_realloc(*p, ncap * size);
	if (q == NULL)
		return NoMemory(r);
	memset((char *) q + *cap * size, 0, (ncap - *cap) * size);
	*p = q;
	*cap = ncap;
	return CC_OK;
}

static cc_status
Emit(replay *r, uint32_t word)
{
	cc_status	st;

	if (!r->want_choices)
		return CC_OK;
	if (r->n_choices == r->choices_cap &&
		(st = Grow(r, (void **) &r->choices, &r->choices_cap, r->n_choices + 1,
				   sizeof(uint32_t))) != CC_OK)
		return st;
	r->choices[r->n_choices++] = word;
	return CC_OK;
}

/* *p (cap elements of size) reallocated to ncap elements, the new ones zeroed. */
static cc_status
Resize(replay *r, void **p, size_t cap, size_t ncap, size_t size)
{
	void	   *q = cc_realloc(*p, ncap * size);

	if (q == NULL)
		return NoMemory(r);
	memset((char *) q + cap * size, 0, (ncap - cap) * size);
	*p = q;
	return CC_OK;
}

/* Room for level k in the per-level arrays. */
static cc_status
LevelRoom(replay *r, int64_t k)
{
	size_t		cap = (size_t) r->level_cap;
	size_t		ncap = cap > 0 ? cap : 16;
	const size_t S = CC_ATT_SLOTS;
	cc_status	st;

	if (k > CC_ATT_MAX_LEVEL)
		return cc_fail(r->err, CC_ELIMIT, "an activity of %lld exceeds the limit of %d",
					   (long long) k, CC_ATT_MAX_LEVEL);
	if (k < r->level_cap)
		return CC_OK;
	while (ncap <= (size_t) k)
		ncap *= 2;
	if ((st = Resize(r, (void **) &r->hist, cap, ncap, sizeof(int64_t))) != CC_OK ||
		(st = Resize(r, (void **) &r->sel, cap * S, ncap * S, sizeof(int64_t))) != CC_OK ||
		(st = Resize(r, (void **) &r->acc, cap * S, ncap * S, sizeof(double))) != CC_OK ||
		(st = Resize(r, (void **) &r->last, cap * S, ncap * S, sizeof(double))) != CC_OK)
		return st;
	r->level_cap = (int32_t) ncap;
	return CC_OK;
}

/* a_k += delta, after settling level k's expected up to now. */
static void
LevelChange(replay *r, int32_t k, int delta)
{
	double	   *acc = r->acc + (size_t) k * CC_ATT_SLOTS;
	double	   *last = r->last + (size_t) k * CC_ATT_SLOTS;
	double		a = (double) r->hist[k];

	for (int s = 0; s < CC_ATT_SLOTS; s++)
	{
		acc[s] += a * (r->sum[s] - last[s]);
		last[s] = r->sum[s];
	}
	r->hist[k] += delta;
	if (k >= r->n_levels)
		r->n_levels = k + 1;
}

/* The interned index of id, with room in the per-claim arrays; -1 after an error. */
static int32_t
Claim(replay *r, cc_str id)
{
	int32_t		c = cc_intern_add(&r->ids, id, NULL);

	if (c < 0)
	{
		NoMemory(r);
		return -1;
	}
	if ((size_t) c >= r->claim_cap)
	{
		size_t		c1 = r->claim_cap,
					c2 = r->claim_cap;

		if (Grow(r, (void **) &r->act, &c1, (size_t) c + 1, sizeof(int32_t)) != CC_OK ||
			Grow(r, (void **) &r->avail, &c2, (size_t) c + 1, 1) != CC_OK ||
			Grow(r, (void **) &r->stamp, &r->claim_cap, (size_t) c + 1, sizeof(size_t)) != CC_OK)
			return -1;
	}
	return c;
}

/* Reference claim id from event e (own: the claim e creates, or -1); *m counts the
 * available claims referenced, each a selection at its activity. */
static cc_status
Reference(replay *r, cc_str id, size_t e, int32_t own, cc_event_type type, int32_t *m)
{
	int32_t		c;
	cc_status	st;

	if (id.ptr == NULL)
		return CC_OK;
	if ((c = Claim(r, id)) < 0)
		return r->err->code;
	if (c == own || r->stamp[c] == e + 1)
		return CC_OK;
	r->stamp[c] = e + 1;
	if ((st = Grow(r, (void **) &r->refs, &r->refs_cap, r->n_refs + 1, sizeof(int32_t))) != CC_OK)
		return st;
	r->refs[r->n_refs++] = c;
	if (r->avail[c])
	{
		int64_t    *sel = r->sel + (size_t) r->act[c] * CC_ATT_SLOTS;

		sel[type]++;
		sel[CC_ATT_ALL]++;
		if (*m >= CHOICE_MAX_M)
			return cc_fail(r->err, CC_ELIMIT, "an event references more than %d claims",
						   CHOICE_MAX_M);
		(*m)++;
	}
	return CC_OK;
}

/* Event e with the state before its step: its selections, its references and new claim. */
static cc_status
Event(replay *r, const cc_event *ev, size_t e)
{
	int32_t		own = -1;
	int32_t		m = 0;
	cc_status	st;

	if (ev->claim_id.ptr != NULL)
	{
		if ((own = Claim(r, ev->claim_id)) < 0)
			return r->err->code;
		if ((st = Grow(r, (void **) &r->made, &r->made_cap, r->n_made + 1,
					   sizeof(int32_t))) != CC_OK)
			return st;
		r->made[r->n_made++] = own;
	}
	for (int32_t i = 0; i < ev->n_parents; i++)
		if ((st = Reference(r, ev->parents[i], e, own, ev->type, &m)) != CC_OK)
			return st;
	if ((st = Reference(r, ev->target_claim_id, e, own, ev->type, &m)) != CC_OK)
		return st;
	if (m > 0)
	{
		double		share = (double) m / (double) r->available;

		r->sum[ev->type] += share;
		r->sum[CC_ATT_ALL] += share;
		return Emit(r, CHOICE_WORD(((uint32_t) m << 3) | (uint32_t) ev->type, CHOICE_EVENT));
	}
	return CC_OK;
}

/* The end of a step: its references raise activities, its new claims become available. */
static cc_status
EndStep(replay *r)
{
	cc_status	st;

	for (size_t i = 0; i < r->n_refs; i++)
	{
		int32_t		c = r->refs[i];
		int32_t		k = r->act[c];

		if ((st = LevelRoom(r, (int64_t) k + 1)) != CC_OK)
			return st;
		if (r->avail[c])
		{
			LevelChange(r, k, -1);
			LevelChange(r, k + 1, +1);
			if ((st = Emit(r, CHOICE_WORD(k, CHOICE_MOVE))) != CC_OK)
				return st;
		}
		r->act[c] = k + 1;
	}
	for (size_t i = 0; i < r->n_made; i++)
	{
		int32_t		c = r->made[i];

		if (r->avail[c])
			continue;
		r->avail[c] = 1;
		r->available++;
		LevelChange(r, r->act[c], +1);
		if ((st = Emit(r, CHOICE_WORD(r->act[c], CHOICE_ENTER))) != CC_OK)
			return st;
	}
	r->n_refs = r->n_made = 0;
	return CC_OK;
}

static void
ReplayFree(replay *r)
{
	cc_intern_free(&r->ids);
	cc_free(r->act);
	cc_free(r->avail);
	cc_free(r->stamp);
	cc_free(r->hist);
	cc_free(r->sel);
	cc_free(r->acc);
	cc_free(r->last);
	cc_free(r->refs);
	cc_free(r->made);
	cc_free(r->choices);
}

/* The per-level totals of r, settled, as the slot-major arrays of out. */
static cc_status
Output(replay *r, cc_att_run *out)
{
	int32_t		n = r->n_levels;
	size_t		cells = (size_t) CC_ATT_SLOTS * (size_t) (n > 0 ? n : 1);

	out->n_levels = n;
	out->selections = cc_malloc(cells * sizeof(int64_t));
	out->expected = cc_malloc(cells * sizeof(double));
	if (out->selections == NULL || out->expected == NULL)
		return NoMemory(r);
	for (int32_t k = 0; k < n; k++)
	{
		LevelChange(r, k, 0);
		for (int s = 0; s < CC_ATT_SLOTS; s++)
		{
			out->selections[(size_t) s * n + k] = r->sel[(size_t) k * CC_ATT_SLOTS + s];
			out->expected[(size_t) s * n + k] = r->acc[(size_t) k * CC_ATT_SLOTS + s];
		}
	}
	out->choices = r->choices;
	out->n_choices = r->n_choices;
	r->choices = NULL;
	return CC_OK;
}

cc_status
cc_att_replay(const cc_event *events, size_t n, bool choices, cc_att_run *out, cc_error *err)
{
	replay		r;
	cc_status	st = CC_OK;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	r.err = err;
	r.want_choices = choices;
	if (cc_intern_init(&r.ids, n + 16) != CC_OK)
		return cc_fail(err, CC_ENOMEM, "out of memory for the attachment replay");
	if ((st = LevelRoom(&r, 1)) != CC_OK)
		goto done;
	for (size_t i = 0; i < n && st == CC_OK; i++)
	{
		if (cc_poll(i, CC_POLL_CHEAP))
		{
			st = cc_fail(err, CC_ECANCEL, "attachment replay canceled");
			break;
		}
		st = Event(&r, &events[i], i);
		if (st == CC_OK && (i + 1 == n || events[i + 1].step_id != events[i].step_id))
			st = EndStep(&r);
	}
	if (st == CC_OK)
		st = Output(&r, out);
done:
	ReplayFree(&r);
	if (st != CC_OK)
		cc_att_run_free(out);
	return st;
}

void
cc_att_run_free(cc_att_run *run)
{
	cc_free(run->selections);
	cc_free(run->expected);
	cc_free(run->choices);
	memset(run, 0, sizeof(*run));
}
