/*
 * Unit tests of the attachment replay and fits (src/core/attach/): events that share a
 * step, by hand; the likelihood's score and information against finite differences of the
 * log-likelihood; the maximum-likelihood exponent on draws from the choice model itself.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "collcog/attach.h"

static cc_str
S(const char *s)
{
	cc_str		r = {s, s ? strlen(s) : 0};

	return r;
}

#define SEL(run, slot, k) ((run).selections[(size_t) (slot) * (run).n_levels + (k)])
#define EXP(run, slot, k) ((run).expected[(size_t) (slot) * (run).n_levels + (k)])

/*
 * Steps 0: c1, c2 proposed. Step 1: a revise of c1 (available at 0 with c2: A = 2,
 * expected(0) += 1), an endorsement of c2 (the same), an endorsement of c3, which a revise
 * of the same step makes (not available: no selection, but a reference). After step 1, c1,
 * c2 and c3 are at k = 1 (c3's endorsement counts). Step 2: a merge of c1 and c3, both at 1
 * among three at 1: selections(1) += 2, expected(1) += 2 * 3 / 3. All three at one level
 * at every selection: the likelihood is flat (-2 ln 2 - 2 ln 3 at any beta, no information).
 */
static void
same_step_by_hand(void **state)
{
	const cc_str p1[] = {S("c1")};
	const cc_str p4[] = {S("c1"), S("c3")};
	cc_event	ev[6];
	cc_att_run	run;
	cc_att_choices src = {cc_att_run_choices, &run};
	cc_error	err;
	double		ll,
				score,
				info;

	(void) state;
	memset(ev, 0, sizeof(ev));
	ev[0] = (cc_event) {.step_id = 0, .type = CC_EV_PROPOSE, .claim_id = S("c1")};
	ev[1] = (cc_event) {.step_id = 0, .type = CC_EV_PROPOSE, .claim_id = S("c2")};
	ev[2] = (cc_event) {.step_id = 1, .type = CC_EV_ENDORSE, .target_claim_id = S("c3")};
	ev[3] = (cc_event) {.step_id = 1, .type = CC_EV_REVISE, .claim_id = S("c3"), .parents = p1, .n_parents = 1};
	ev[4] = (cc_event) {.step_id = 1, .type = CC_EV_ENDORSE, .target_claim_id = S("c2")};
	ev[5] = (cc_event) {.step_id = 2, .type = CC_EV_MERGE, .claim_id = S("c4"), .parents = p4, .n_parents = 2};
	assert_int_equal(cc_att_replay(ev, 6, true, &run, &err), CC_OK);
	assert_int_equal(run.n_levels, 3);
	assert_int_equal(SEL(run, CC_ATT_ALL, 0), 2);
	assert_int_equal(SEL(run, CC_ATT_ALL, 1), 2);
	assert_int_equal(SEL(run, CC_ATT_ALL, 2), 0);
	assert_int_equal(SEL(run, CC_EV_REVISE, 0), 1);
	assert_int_equal(SEL(run, CC_EV_ENDORSE, 0), 1);
	assert_int_equal(SEL(run, CC_EV_MERGE, 1), 2);
	assert_true(fabs(EXP(run, CC_ATT_ALL, 0) - 2.0) < 1e-12);
	assert_true(fabs(EXP(run, CC_ATT_ALL, 1) - 2.0) < 1e-12);
	assert_true(EXP(run, CC_ATT_ALL, 2) == 0.0);
	assert_true(fabs(EXP(run, CC_EV_ENDORSE, 0) - 1.0) < 1e-12);
	assert_true(fabs(EXP(run, CC_EV_MERGE, 1) - 2.0) < 1e-12);
	/* the choice data: 2 + (2 events, 2 moves, 1 entry) + (1 event, 2 moves, 1 entry) */
	assert_int_equal(run.n_choices, 11);
	assert_int_equal(cc_att_loglik(&run, 1, CC_ATT_ALL, &src, 0.7, &ll, &score, &info, &err),
					 CC_OK);
	assert_true(fabs(ll - (-2.0 * log(2.0) - 2.0 * log(3.0))) < 1e-12);
	assert_true(fabs(score) < 1e-12 && fabs(info) < 1e-12);
	cc_att_run_free(&run);
}

/* A run drawn from the choice model: at each step a new claim, or (probability 0.7) a
 * revise of one drawn with probability ~ (1 + k)^gamma. ids[] holds the names. */
static cc_event *
DrawRun(int n, double gamma, uint64_t seed, char (**ids)[16], cc_str **parents)
{
	cc_event   *ev = calloc((size_t) n, sizeof(cc_event));
	int		   *act = calloc((size_t) n, sizeof(int));
	double	   *w = calloc((size_t) n, sizeof(double));
	int			nclaims = 0;
	cc_rng		rng;
	cc_error	err;

	*ids = calloc((size_t) n, sizeof(**ids));
	*parents = calloc((size_t) n, sizeof(cc_str));
	assert_int_equal(cc_rng_init(&rng, &err), CC_OK);
	cc_rng_seed(&rng, seed);
	for (int i = 0; i < n; i++)
	{
		ev[i].step_id = i;
		snprintf((*ids)[i], 16, "c%d", i);
		ev[i].claim_id = S((*ids)[i]);
		ev[i].type = CC_EV_PROPOSE;
		if (nclaims > 0 && cc_rng_uniform(&rng) < 0.7)
		{
			double		total = 0.0,
						u;
			int			c = 0;

			for (int j = 0; j < nclaims; j++)
				total += w[j] = pow(1.0 + act[j], gamma);
			u = cc_rng_uniform(&rng) * total;
			while (c < nclaims - 1 && u >= w[c])
				u -= w[c++];
			act[c]++;
			(*parents)[i] = S((*ids)[c]);
			ev[i].parents = &(*parents)[i];
			ev[i].n_parents = 1;
			ev[i].type = CC_EV_REVISE;
		}
		nclaims++;
	}
	cc_rng_free(&rng);
	free(act);
	free(w);
	return ev;
}

/* The group's totals summed one run at a time (cc_att_run_add, widening as runs with more
 * levels come) equal cc_att_group_levels over all the runs, in every slot. */
static void
SumsOneAtATime(const cc_att_run *runs, int32_t n_runs)
{
	cc_att_run	sum;
	cc_error	err;

	memset(&sum, 0, sizeof(sum));
	for (int32_t i = 0; i < n_runs; i++)
		assert_int_equal(cc_att_run_add(&sum, &runs[i], &err), CC_OK);
	for (int slot = 0; slot < CC_ATT_SLOTS; slot++)
	{
		int64_t    *sel;
		double	   *exp_;
		int32_t		n;

		assert_int_equal(cc_att_group_levels(runs, n_runs, slot, &sel, &exp_, &n, &err), CC_OK);
		assert_int_equal(n, sum.n_levels);
		for (int32_t k = 0; k < n; k++)
		{
			assert_int_equal(sel[k], SEL(sum, slot, k));
			assert_true(exp_[k] == EXP(sum, slot, k));
		}
		cc_free(sel);
		cc_free(exp_);
	}
	cc_att_run_free(&sum);
}

/* Score and information against central differences of the log-likelihood; the MLE finds
 * the score's root and recovers gamma. */
static void
likelihood_and_mle(void **state)
{
	const double gammas[] = {0.0, 0.5, 1.0};

	(void) state;
	for (int g = 0; g < 3; g++)
	{
		cc_att_run	runs[4];
		cc_event   *ev[4];
		char		(*ids[4])[16];
		cc_str	   *parents[4];
		cc_error	err;
		cc_att_choices src = {cc_att_run_choices, runs};
		cc_att_fit_opts opts = {5, 50, 1, 0.95, &src};
		cc_att_fit	fit;
		double		h = 1e-4,
					lp,
					lm,
					l0,
					s0,
					i0,
					sp,
					ip;

		for (int r = 0; r < 4; r++)
		{
			ev[r] = DrawRun(600, gammas[g], 100 + 10 * g + r, &ids[r], &parents[r]);
			assert_int_equal(cc_att_replay(ev[r], 600, true, &runs[r], &err), CC_OK);
		}
		assert_int_equal(cc_att_loglik(runs, 4, CC_ATT_ALL, &src,
									   0.3 + h, &lp, &sp, &ip, &err),
						 CC_OK);
		assert_int_equal(cc_att_loglik(runs, 4, CC_ATT_ALL, &src,
									   0.3 - h, &lm, &sp, &ip, &err),
						 CC_OK);
		assert_int_equal(cc_att_loglik(runs, 4, CC_ATT_ALL, &src, 0.3, &l0, &s0, &i0, &err), CC_OK);
		assert_true(fabs((lp - lm) / (2 * h) - s0) < 1e-5 * (1 + fabs(s0)));
		assert_true(fabs(-(lp - 2 * l0 + lm) / (h * h) - i0) < 1e-3 * i0);
		assert_int_equal(cc_att_fit_slot(runs, 4, CC_ATT_ALL, &opts, &fit, &err), CC_OK);
		assert_true(isfinite(fit.beta_mle) && fit.beta_mle_se > 0.0);
		assert_true(fabs(fit.beta_mle - gammas[g]) < 3.0 * fit.beta_mle_se);
		assert_int_equal(cc_att_loglik(runs, 4, CC_ATT_ALL, &src,
									   fit.beta_mle, &l0, &s0, &i0, &err),
						 CC_OK);
		assert_true(fabs(s0) < 1e-6 * sqrt(i0));
		assert_true(isfinite(fit.beta) && fit.beta_lo < fit.beta_hi && fit.replicates == 50);
		SumsOneAtATime(runs, 4);
		for (int r = 0; r < 4; r++)
		{
			cc_att_run_free(&runs[r]);
			free(ev[r]);
			free(ids[r]);
			free(parents[r]);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_step_by_hand),
		cmocka_unit_test(likelihood_and_mle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
