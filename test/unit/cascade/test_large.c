/*
 * A large synthetic run with 100 agents, and invariants that hold for any run (cascades
 * partition the claims; TCE adds up). The default size keeps `make unit UNIT_VALGRIND=1`
 * quick; COLLCOG_CASCADE_LARGE_N sets another size. Speed is measured in test/bench/.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <inttypes.h>
#include <cmocka.h>

#include "cascade_util.h"

static uint64_t rng = 88172645463325252ULL;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t) (rng >> 11);
}

/* a claim among the n so far: mostly recent ones, so cascades grow deep */
static int64_t
pick(int64_t n)
{
	if (rnd() % 4)
		return n - 1 - (int64_t) (rnd() % (uint32_t) (n < 64 ? n : 64));
	return (int64_t) (rnd() % (uint64_t) n);
}


static void
synthetic_run(void **state)
{
	const char *env = getenv("COLLCOG_CASCADE_LARGE_N");
	int64_t		n = env ? atoll(env) : 30000;
	cc_event   *ev = calloc((size_t) n, sizeof(cc_event));
	cc_str	   *par = malloc((size_t) n * 4 * sizeof(cc_str));
	char	   *arena = malloc((size_t) n * 24 + 100 * 8);
	cc_str	   *claim = malloc((size_t) n * sizeof(cc_str));
	cc_str	   *sub = malloc((size_t) n * sizeof(cc_str));
	cc_str		agent[100];
	size_t		used = 0,
				npar = 0;
	int64_t		nclaims = 0,
				nsub = 0,
				targeted = 0,
				i;
	cc_cascade_input in;
	cc_cascade_result res;
	cc_error	err;
	int64_t		sum_size = 0,
				sum_tce = 0;

	(void) state;
	for (i = 0; i < 100; i++)
	{
		agent[i].ptr = arena + used;
		agent[i].len = (size_t) sprintf(arena + used, "agent%02d", (int) i);
		used += agent[i].len;
	}
	sub[nsub].ptr = "task";
	sub[nsub++].len = 4;
	for (i = 0; i < n; i++)
	{
		cc_event   *e = &ev[i];
		uint32_t	roll = rnd() % 100;

		e->step_id = i + 1;
		e->agent_id = agent[rnd() % 100];
		e->type = roll < 10 ? CC_EV_PROPOSE : roll < 40 ? CC_EV_REVISE : roll < 60 ? CC_EV_CONTRADICT :
			roll < 70 ? CC_EV_MERGE : roll < 80 ? CC_EV_DELEGATE : CC_EV_ENDORSE;
		if (nclaims < 2 && e->type != CC_EV_DELEGATE)
			e->type = CC_EV_PROPOSE;
		e->subtask_id = sub[nsub - 1 - (int64_t) (rnd() % (uint32_t) (nsub < 8 ? nsub : 8))];
		e->has_ts = true;
		e->ts = (i + 1) * 1000;
		if (e->type <= CC_EV_MERGE)
		{
			int			k = e->type == CC_EV_PROPOSE ? 0 : e->type == CC_EV_MERGE ? 2 + (int) (rnd() % 3) : 1;
			int			j;

			if (k > nclaims)
				k = (int) nclaims;
			e->parents = par + npar;
			for (j = 0; j < k; j++)
			{
				cc_str		p = claim[pick(nclaims)];
				int			dup = 0,
							m;

				for (m = 0; m < e->n_parents; m++)
					dup |= e->parents[m].ptr == p.ptr;
				if (!dup)
					par[npar + (size_t) e->n_parents++] = p;
			}
			npar += (size_t) e->n_parents;
			if (e->type == CC_EV_MERGE && e->n_parents < 2)
			{
				e->type = CC_EV_PROPOSE;
				npar -= (size_t) e->n_parents;
				e->n_parents = 0;
				e->parents = NULL;
			}
			e->claim_id.ptr = arena + used;
			e->claim_id.len = (size_t) sprintf(arena + used, "claim-%" PRId64, i);
			used += e->claim_id.len;
			claim[nclaims++] = e->claim_id;
		}
		else if (e->type == CC_EV_ENDORSE || rnd() % 2)
		{
			if (nclaims > 0)
			{
				e->target_claim_id = claim[pick(nclaims)];
				targeted++;
			}
			else
				e->type = CC_EV_DELEGATE;
		}
		if (e->type == CC_EV_DELEGATE)
		{
			e->parent_subtask_id = e->subtask_id;
			e->subtask_id.ptr = arena + used;
			e->subtask_id.len = (size_t) sprintf(arena + used, "sub-%" PRId64, i);
			used += e->subtask_id.len;
			sub[nsub++] = e->subtask_id;
		}
	}

	memset(&in, 0, sizeof(in));
	in.run_id = S("bench");
	in.events = ev;
	in.n_events = (size_t) n;
	assert_int_equal(cc_cascade_reconstruct(&in, &res, &err), CC_OK);

	assert_int_equal(res.n_claims, nclaims);
	assert_int_equal(res.n_subtasks, nsub);
	assert_int_equal(res.n_agents, 100);
	for (i = 0; i < res.n_cascades; i++)
	{
		sum_size += res.cascades[i].size;
		sum_tce += res.cascades[i].tce;
	}
	assert_int_equal(sum_size, nclaims);
	assert_int_equal(sum_tce, nclaims + targeted);
	assert_int_equal(res.subtasks[subtask_ix(&res, "task")].n_events_in_subtree, n);	/* "task" holds every event */
	cc_cascade_result_free(&res);
	free(ev);
	free(par);
	free(arena);
	free(claim);
	free(sub);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(synthetic_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
