/*
 * Unit tests of the DTI replay (dti/replay.c) on a run worked by hand.
 *
 * c = 1, beta = 1, tau = 1.5, so D = n - m and a segment triggers when D reaches 2.
 *   1 a propose p1          cascade p1: n 1, D 1
 *   2 b revise r2 {p1}      n 2, D 2 > 1.5: trigger 1 (n 2, m 0, P 2, D 2); heads {r2} (p1
 *                           has a child): fewer than two, nothing to integrate: (0, 0)
 *   3 a propose q3 {p1}     n 1, D 1; heads r2, q3
 *   4 b contradict x4 {q3}  n 2, D 2: trigger 2 (n 2, m 0, D 2); heads x4, r2 (newest
 *                           first); the next event is the DTI merge of p1: integrated
 *   5 c merge m5 {x4 r2}    marked "dti": the integration, not attached: (0, 1)
 *   6 a revise r6 {m5}      n 1, m 1, D 0
 *   7 b contradict x7 {r6}  n 2, D 1
 *   8 c contradict x8 {r6}  n 3, D 2: trigger 3 (n 3, m 1, P 3, D 2); heads x8, x7; no DTI
 *                           merge follows (a baseline run from here): restart at (0, 1)
 *   9 d endorse -> x8       n 1, m 1, D 0
 *  10 d propose z10         cascade z10: n 1, D 1
 * Attached events: all but step 5, so 9 points.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "collcog/dti.h"
#include "../cascade/cascade_util.h"

#define P CC_EV_PROPOSE
#define R CC_EV_REVISE
#define X CC_EV_CONTRADICT
#define M CC_EV_MERGE
#define E CC_EV_ENDORSE

static void
build(tb *b)
{
	tb_init(b);
	tb_add(b, 1, "a", P, "p1", NULL, NULL, NULL, NULL);
	tb_add(b, 2, "b", R, "r2", "p1", NULL, NULL, NULL);
	tb_add(b, 3, "a", P, "q3", "p1", NULL, NULL, NULL);
	tb_add(b, 4, "b", X, "x4", "q3", NULL, NULL, NULL);
	tb_add(b, 5, "c", M, "m5", "x4 r2", NULL, NULL, NULL);
	tb_add(b, 6, "a", R, "r6", "m5", NULL, NULL, NULL);
	tb_add(b, 7, "b", X, "x7", "r6", NULL, NULL, NULL);
	tb_add(b, 8, "c", X, "x8", "r6", NULL, NULL, NULL);
	tb_add(b, 9, "d", E, NULL, NULL, "x8", NULL, NULL);
	tb_add(b, 10, "d", P, "z10", NULL, NULL, NULL, NULL);
}

static void
check_heads(const cc_cascade_result *res, const cc_dti_replay *r, int t, int n,
			const char *first, const char *second)
{
	const cc_dti_trigger *tr = &r->triggers[t];

	assert_int_equal(tr->n_heads, n);
	assert_int_equal(tr->n_listed, n);
	assert_int_equal(r->heads[tr->heads_off], claim_ix(res, first));
	if (n > 1)
		assert_int_equal(r->heads[tr->heads_off + 1], claim_ix(res, second));
}

static void
run(bool reversed)
{
	const cc_dti_params p = {1.0, 1.0, 1.5};
	bool		dti_merge[10] = {false};
	tb			b;
	cc_cascade_input in;
	cc_cascade_result res;
	cc_dti_replay r;
	cc_error	err;
	int			i;

	build(&b);
	dti_merge[4] = true;
	if (reversed)
	{
		/* the replay orders by step, whatever the input order */
		for (i = 0; i < 5; i++)
		{
			cc_event	t = b.ev[i];
			size_t		ps = b.par_start[i];
			bool		d = dti_merge[i];

			b.ev[i] = b.ev[9 - i];
			b.ev[9 - i] = t;
			b.par_start[i] = b.par_start[9 - i];
			b.par_start[9 - i] = ps;
			dti_merge[i] = dti_merge[9 - i];
			dti_merge[9 - i] = d;
		}
	}
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	memset(&in, 0, sizeof(in));
	in.events = b.ev;
	in.n_events = b.n;
	assert_int_equal(cc_dti_replay_run(&p, &in, &res, dti_merge, -1, true, &r, &err), CC_OK);

	assert_int_equal(r.n_triggers, 3);
	assert_int_equal(b.ev[r.triggers[0].event].step_id, 2);
	assert_true(r.triggers[0].n == 2.0 && r.triggers[0].m == 0.0);
	assert_true(r.triggers[0].pressure == 2.0 && r.triggers[0].deficit == 2.0);
	assert_false(r.triggers[0].integrated);
	check_heads(&res, &r, 0, 1, "r2", NULL);

	assert_int_equal(b.ev[r.triggers[1].event].step_id, 4);
	assert_true(r.triggers[1].n == 2.0 && r.triggers[1].m == 0.0 && r.triggers[1].deficit == 2.0);
	assert_true(r.triggers[1].integrated);
	check_heads(&res, &r, 1, 2, "x4", "r2");

	assert_int_equal(b.ev[r.triggers[2].event].step_id, 8);
	assert_true(r.triggers[2].n == 3.0 && r.triggers[2].m == 1.0);
	assert_true(r.triggers[2].pressure == 3.0 && r.triggers[2].deficit == 2.0);
	assert_false(r.triggers[2].integrated);
	check_heads(&res, &r, 2, 2, "x8", "x7");
	for (i = 0; i < 3; i++)
		assert_int_equal(r.triggers[i].cascade, r.triggers[0].cascade);

	/* the series: 9 attached events, the merge of step 5 left out; after step 6 (0, 1) + 1 */
	assert_int_equal(r.n_points, 9);
	for (i = 0; i < r.n_points; i++)
		assert_int_not_equal(b.ev[r.points[i].event].step_id, 5);
	assert_int_equal(b.ev[r.points[4].event].step_id, 6);
	assert_true(r.points[4].n == 1.0 && r.points[4].m == 1.0 && r.points[4].deficit == 0.0);
	assert_int_equal(b.ev[r.points[7].event].step_id, 9);
	assert_true(r.points[7].n == 1.0 && r.points[7].m == 1.0);
	assert_int_equal(b.ev[r.points[8].event].step_id, 10);
	assert_int_not_equal(r.points[8].cascade, r.triggers[0].cascade);
	assert_true(r.points[8].deficit == 1.0);

	cc_dti_replay_free(&r);
	cc_cascade_result_free(&res);
	tb_free(&b);
}

static void
replay_by_hand(void **state)
{
	(void) state;
	run(false);
}

static void
replay_in_any_input_order(void **state)
{
	(void) state;
	run(true);
}

/* Without the DTI marks the merge of step 5 is an ordinary merge (attached, m counts), and
 * the second trigger restarts at (0, 1) as a baseline: step 5 gives n 1, m 2, D -1. Only
 * the newest head is listed. */
static void
unmarked_merge_is_attached(void **state)
{
	const cc_dti_params p = {1.0, 1.0, 1.5};
	tb			b;
	cc_cascade_input in;
	cc_cascade_result res;
	cc_dti_replay r;
	cc_error	err;

	(void) state;
	build(&b);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	memset(&in, 0, sizeof(in));
	in.events = b.ev;
	in.n_events = b.n;
	assert_int_equal(cc_dti_replay_run(&p, &in, &res, NULL, 1, true, &r, &err), CC_OK);
	assert_int_equal(r.n_points, 10);
	assert_int_equal(b.ev[r.points[4].event].step_id, 5);
	assert_true(r.points[4].n == 1.0 && r.points[4].m == 2.0 && r.points[4].deficit == -1.0);
	assert_false(r.triggers[1].integrated);
	/* one head listed (max_heads 1): the newest, x4 of the two */
	assert_int_equal(r.triggers[1].n_heads, 2);
	assert_int_equal(r.triggers[1].n_listed, 1);
	assert_int_equal(r.heads[r.triggers[1].heads_off], claim_ix(&res, "x4"));
	cc_dti_replay_free(&r);
	cc_cascade_result_free(&res);
	tb_free(&b);
}

static void
bad_parameters(void **state)
{
	const cc_dti_params p = {0.0, 1.0, 1.5};
	tb			b;
	cc_cascade_input in;
	cc_cascade_result res;
	cc_dti_replay r;
	cc_error	err;

	(void) state;
	build(&b);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	memset(&in, 0, sizeof(in));
	in.events = b.ev;
	in.n_events = b.n;
	assert_int_equal(cc_dti_replay_run(&p, &in, &res, NULL, -1, false, &r, &err), CC_EINVAL);
	assert_string_equal(err.message, "c = 0 must be positive and finite");
	cc_cascade_result_free(&res);
	tb_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replay_by_hand),
		cmocka_unit_test(replay_in_any_input_order),
		cmocka_unit_test(unmarked_merge_is_attached),
		cmocka_unit_test(bad_parameters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
