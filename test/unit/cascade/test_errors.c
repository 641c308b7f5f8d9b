/*
 * Cascade reconstruction on bad input: every lineage error with its exact message, input
 * errors, empty runs, garbage and very long ids, huge fan-in, cancellation and allocation
 * failure at every allocation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cascade_util.h"

#define P CC_EV_PROPOSE
#define R CC_EV_REVISE
#define X CC_EV_CONTRADICT
#define M CC_EV_MERGE
#define D CC_EV_DELEGATE
#define E CC_EV_ENDORSE

/* Run b; expect code and exactly msg; the result must be left empty. */
static void
expect_error(tb *b, cc_status code, const char *msg)
{
	cc_cascade_result res;
	cc_error	err;
	cc_status	st;

	memset(&res, 0xAB, sizeof(res));
	st = tb_run(b, &res, &err);
	if (st != code || strcmp(err.message, msg) != 0)
		print_error("got %d \"%s\", expected %d \"%s\"\n", (int) st, err.message, (int) code, msg);
	assert_int_equal(st, code);
	assert_int_equal(err.code, code);
	assert_string_equal(err.message, msg);
	assert_null(res.claims);
	assert_null(res.cascades);
	assert_null(res.subtasks);
	assert_int_equal(res.n_claims, 0);
	tb_free(b);
}

/* the brief's example message */
static void
parent_missing(void **state)
{
	tb			b;

	(void) state;
	tb_init(&b);
	tb_add(&b, 3, "a", P, "c1", NULL, NULL, NULL, NULL);
	tb_add(&b, 12, "a", R, "c10", "c9", NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 12: parent claim \"c9\" of claim \"c10\" does not exist in the run");
}

static void
parent_created_later(void **state)
{
	tb			b;

	(void) state;
	tb_init(&b);
	tb_add(&b, 5, "a", R, "c2", "c1", NULL, NULL, NULL);
	tb_add(&b, 6, "a", P, "c1", NULL, NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 5: parent claim \"c1\" of claim \"c2\" is created at a later step (6)");
}

static void
own_parent(void **state)
{
	tb			b;

	(void) state;
	tb_init(&b);
	tb_add(&b, 5, "a", R, "c1", "c1", NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE, "run \"r7\" step 5: claim \"c1\" is its own parent");
}

/* A cycle needs claims of one step; the walk reports a claim on the cycle, not below it. */
static void
cycle_same_step(void **state)
{
	tb			b;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a", P, "r", NULL, NULL, NULL, NULL);
	tb_add(&b, 5, "a", M, "below", "A r", NULL, NULL, NULL);
	tb_add(&b, 5, "a", R, "A", "B", NULL, NULL, NULL);
	tb_add(&b, 5, "a", R, "B", "A", NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE, "run \"r7\" step 5: claim \"A\" is on a lineage cycle");
}

static void
duplicate_claim(void **state)
{
	tb			b;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, NULL, NULL);
	tb_add(&b, 2, "a", P, "c2", NULL, NULL, NULL, NULL);
	tb_add(&b, 4, "a", R, "c1", "c2", NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE, "run \"r7\" step 4: claim \"c1\" is created twice (first at step 1)");
}

static void
merge_parent_counts(void **state)
{
	tb			b;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, NULL, NULL);
	tb_add(&b, 2, "a", M, "c2", "c1", NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 2: merge of claim \"c2\" has 1 parent claims, expected at least 2");
	tb_init(&b);
	tb_add(&b, 2, "a", M, "c2", NULL, NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 2: merge of claim \"c2\" has 0 parent claims, expected at least 2");
	/* two listed, one distinct */
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, NULL, NULL);
	tb_add(&b, 2, "a", M, "c2", "c1 c1", NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 2: parent claim \"c1\" of claim \"c2\" is listed twice");
}

static void
revise_and_contradict_parent_counts(void **state)
{
	tb			b;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a", R, "c1", NULL, NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 1: revise of claim \"c1\" has 0 parent claims, expected exactly 1");
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, NULL, NULL);
	tb_add(&b, 1, "a", P, "c2", NULL, NULL, NULL, NULL);
	tb_add(&b, 2, "a", R, "c3", "c1 c2", NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 2: revise of claim \"c3\" has 2 parent claims, expected exactly 1");
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, NULL, NULL);
	tb_add(&b, 1, "a", P, "c2", NULL, NULL, NULL, NULL);
	tb_add(&b, 2, "a", X, "c3", "c1 c2", NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 2: contradict of claim \"c3\" has 2 parent claims, expected exactly 1");
	tb_init(&b);
	tb_add(&b, 2, "a", X, "c3", NULL, "c1", NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 2: contradict of claim \"c3\" has 0 parent claims, expected exactly 1");
}

/* target_claim_id of a claim-creating event must be one of its parents */
static void
target_not_parent(void **state)
{
	tb			b;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, NULL, NULL);
	tb_add(&b, 1, "a", P, "c2", NULL, NULL, NULL, NULL);
	tb_add(&b, 2, "a", X, "c3", "c1", "c2", NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 2: target claim \"c2\" of claim \"c3\" is not one of its parent claims");
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, "nowhere", NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 1: target claim \"nowhere\" of claim \"c1\" is not one of its parent claims");
}

static void
endorse_and_delegate_targets(void **state)
{
	tb			b;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a", E, NULL, NULL, NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE, "run \"r7\" step 1: endorse event has no target claim");
	tb_init(&b);
	tb_add(&b, 1, "a", E, NULL, NULL, "c9", NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 1: target claim \"c9\" of the endorse event does not exist in the run");
	tb_init(&b);
	tb_add(&b, 1, "a", D, NULL, NULL, "c1", "S", "T");
	tb_add(&b, 2, "a", P, "c1", NULL, NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 1: target claim \"c1\" of the delegate event is created at a later step (2)");
	/* endorse and delegate have parents only with a claim of their own, whose target must be
	 * one of its parents, as for every claim */
	tb_init(&b);
	tb_add(&b, 1, "a", E, "c1", NULL, "c1", NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 1: target claim \"c1\" of claim \"c1\" is not one of its parent claims");
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, NULL, NULL);
	tb_add(&b, 2, "a", E, NULL, "c1", "c1", NULL, NULL);
	expect_error(&b, CC_ELINEAGE, "run \"r7\" step 2: endorse event cannot have parent claims");
	tb_init(&b);
	tb_add(&b, 2, "a", P, NULL, NULL, NULL, NULL, NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 2: propose event creates no claim (claim_id is NULL)");
}

static void
subtask_errors(void **state)
{
	tb			b;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a", D, NULL, NULL, NULL, NULL, "T0");
	expect_error(&b, CC_ELINEAGE, "run \"r7\" step 1: delegate event has no subtask_id");
	tb_init(&b);
	tb_add(&b, 1, "a", D, NULL, NULL, NULL, "T1", NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 1: delegate of subtask \"T1\" has no parent_subtask_id");
	tb_init(&b);
	tb_add(&b, 1, "a", D, NULL, NULL, NULL, "T1", "T1");
	expect_error(&b, CC_ELINEAGE, "run \"r7\" step 1: subtask \"T1\" is its own parent subtask");
	tb_init(&b);
	tb_add(&b, 1, "a", D, NULL, NULL, NULL, "T1", "T0");
	tb_add(&b, 3, "a", D, NULL, NULL, NULL, "T1", "T0");
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 3: subtask \"T1\" is delegated twice (first at step 1)");
	tb_init(&b);
	tb_add(&b, 1, "a", D, NULL, NULL, NULL, "T2", "T1");
	tb_add(&b, 2, "a", D, NULL, NULL, NULL, "T1", "T0");
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 1: parent subtask \"T1\" of subtask \"T2\" is created at a later step (2)");
	tb_init(&b);
	tb_add(&b, 4, "a", D, NULL, NULL, NULL, "T2", "T1");
	tb_add(&b, 4, "a", D, NULL, NULL, NULL, "T1", "T2");
	expect_error(&b, CC_ELINEAGE, "run \"r7\" step 4: subtask \"T2\" is on a subtask cycle");
}

/*
 * A delegate's parent subtask must exist in the run: delegated (at the same step or earlier),
 * holding events (a root), or the run's one task named only as a parent. A parent subtask on
 * another event must be the parent of its delegated subtask (of a subtask no delegate creates
 * it is not used: test_examples.c, subtask_parents_that_exist).
 */
static void
subtask_parent_errors(void **state)
{
	tb			b;

	(void) state;
	/* events belong to the root "task": "tsak" names nothing */
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, "task", NULL);
	tb_add(&b, 2, "a", D, NULL, NULL, NULL, "s1", "task");
	tb_add(&b, 3, "a", D, NULL, NULL, NULL, "s2", "tsak");
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 3: parent subtask \"tsak\" of subtask \"s2\" does not exist in the run "
				 "(no delegate creates it and no event belongs to it)");
	/* one delegation only, under a name nothing else holds, beside a root with events */
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, "T0", NULL);
	tb_add(&b, 2, "a", D, NULL, NULL, NULL, "s1", "T9");
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 2: parent subtask \"T9\" of subtask \"s1\" does not exist in the run "
				 "(no delegate creates it and no event belongs to it)");
	/* no root holds events: the earliest delegate names the task, a second name is unknown
	 * (input order does not choose the task: the later delegate comes first) */
	tb_init(&b);
	tb_add(&b, 5, "a", D, NULL, NULL, NULL, "s2", "tsak");
	tb_add(&b, 2, "a", D, NULL, NULL, NULL, "s1", "task");
	tb_add(&b, 6, "a", P, "c1", NULL, NULL, "s1", NULL);
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 5: parent subtask \"tsak\" of subtask \"s2\" does not exist in the run "
				 "(the run's task is \"task\", named at step 2)");
	/* forward reference: the parent is delegated at a later step */
	tb_init(&b);
	tb_add(&b, 1, "a", D, NULL, NULL, NULL, "s1", "task");
	tb_add(&b, 2, "a", D, NULL, NULL, NULL, "s3", "s2");
	tb_add(&b, 3, "a", D, NULL, NULL, NULL, "s2", "s1");
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 2: parent subtask \"s2\" of subtask \"s3\" is created at a later step (3)");
	/* a parent subtask on other events */
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, NULL, "task");
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 1: propose event names parent subtask \"task\" but belongs to no subtask");
	tb_init(&b);
	tb_add(&b, 1, "a", D, NULL, NULL, NULL, "s1", "task");
	tb_add(&b, 2, "a", D, NULL, NULL, NULL, "s2", "s1");
	tb_add(&b, 3, "a", P, "c1", NULL, NULL, "s2", "s1");
	tb_add(&b, 4, "a", E, NULL, NULL, "c1", "s2", "task");
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 4: endorse event names parent subtask \"task\" of subtask \"s2\", "
				 "which is delegated under \"s1\" (step 2)");
}

static void
input_errors(void **state)
{
	tb			b;
	cc_event   *e;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a", (cc_event_type) 17, "c1", NULL, NULL, NULL, NULL);
	expect_error(&b, CC_EINVAL, "run \"r7\" step 1: invalid event type 17");
	tb_init(&b);
	tb_add(&b, 1, NULL, P, "c1", NULL, NULL, NULL, NULL);
	expect_error(&b, CC_EINVAL, "run \"r7\" step 1: propose event has no agent_id");
	tb_init(&b);
	tb_add(&b, 1, "", P, "c1", NULL, NULL, NULL, NULL);
	expect_error(&b, CC_EINVAL, "run \"r7\" step 1: agent_id is an empty string");
	tb_init(&b);
	tb_add(&b, 1, "a", P, "", NULL, NULL, NULL, NULL);
	expect_error(&b, CC_EINVAL, "run \"r7\" step 1: claim_id is an empty string");
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, "", NULL);
	expect_error(&b, CC_EINVAL, "run \"r7\" step 1: subtask_id is an empty string");
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, NULL, NULL);
	e = tb_add(&b, 2, "a", R, "c2", "c1", NULL, NULL, NULL);
	e->n_parents = -1;
	expect_error(&b, CC_EINVAL, "run \"r7\" step 2: invalid parent_claim_ids array");
	/* a NULL and an empty element of parent_claim_ids */
	{
		cc_cascade_input in;
		cc_cascade_result res;
		cc_error	err;
		cc_event	ev[2];
		cc_str		pars[2] = {{"c1", 2}, {NULL, 0}};

		memset(ev, 0, sizeof(ev));
		memset(&in, 0, sizeof(in));
		ev[0].step_id = 1;
		ev[0].agent_id = S("a");
		ev[0].claim_id = S("c1");
		ev[1].step_id = 2;
		ev[1].agent_id = S("a");
		ev[1].type = M;
		ev[1].claim_id = S("c2");
		ev[1].parents = pars;
		ev[1].n_parents = 2;
		in.events = ev;
		in.n_events = 2;
		assert_int_equal(cc_cascade_reconstruct(&in, &res, &err), CC_EINVAL);
		/* no run_id: the message starts with the step */
		assert_string_equal(err.message, "step 2: parent_claim_ids contains a NULL");
		pars[1] = S("");
		assert_int_equal(cc_cascade_reconstruct(&in, &res, &err), CC_EINVAL);
		assert_string_equal(err.message, "step 2: an element of parent_claim_ids is an empty string");
		ev[1].parents = NULL;
		assert_int_equal(cc_cascade_reconstruct(&in, &res, &err), CC_EINVAL);
		assert_string_equal(err.message, "step 2: invalid parent_claim_ids array");
		in.events = NULL;
		assert_int_equal(cc_cascade_reconstruct(&in, &res, &err), CC_EINVAL);
		assert_int_equal(cc_cascade_reconstruct(NULL, &res, &err), CC_EINVAL);
		assert_int_equal(cc_cascade_reconstruct(&in, NULL, NULL), CC_EINVAL);
	}
}

static void
bad_options(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	cc_cascade_options zero_width = {CC_WINDOW_STEPS, 0};
	cc_cascade_options bad_kind = {(cc_window_kind) 7, 5};

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, NULL, NULL);
	assert_int_equal(tb_run_opt(&b, zero_width, &res, &err), CC_EINVAL);
	assert_string_equal(err.message, "contradiction burst window width must be positive");
	assert_int_equal(tb_run_opt(&b, bad_kind, &res, &err), CC_EINVAL);
	assert_string_equal(err.message, "invalid contradiction burst window kind 7");
	tb_free(&b);
}

/* With several faults the first pass that finds one reports its first faulty event. */
static void
first_error_wins(void **state)
{
	tb			b;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a", R, "c2", "nope", NULL, NULL, NULL);	/* pass 2 */
	tb_add(&b, 2, "a", M, "c3", "c2", NULL, NULL, NULL);	/* pass 1 */
	tb_add(&b, 3, "a", M, "c4", "c2", NULL, NULL, NULL);	/* pass 1, later */
	expect_error(&b, CC_ELINEAGE,
				 "run \"r7\" step 2: merge of claim \"c3\" has 1 parent claims, expected at least 2");
}

/* Extreme steps: the window number of a span wider than INT64_MAX is a limit error. */
static void
extreme_steps(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	cc_cascade_options w1 = {CC_WINDOW_STEPS, 1};
	cc_cascade_options w2 = {CC_WINDOW_STEPS, 2};

	(void) state;
	tb_init(&b);
	tb_add(&b, INT64_MIN, "a", P, "p", NULL, NULL, NULL, NULL);
	tb_add(&b, INT64_MIN, "a", X, "x1", "p", NULL, NULL, NULL);
	tb_add(&b, INT64_MAX, "b", X, "x2", "p", NULL, NULL, NULL);
	/* the whole-run window has no arithmetic to overflow */
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	assert_int_equal(res.groups[0].n_agents, 2);
	cc_cascade_result_free(&res);
	/* width 2: (2^64 - 1) / 2 = INT64_MAX fits */
	assert_int_equal(tb_run_opt(&b, w2, &res, &err), CC_OK);
	assert_int_equal(res.n_groups, 2);
	assert_true(res.groups[1].window == INT64_MAX);
	cc_cascade_result_free(&res);
	assert_int_equal(tb_run_opt(&b, w1, &res, &err), CC_ELIMIT);
	assert_string_equal(err.message,
						"run \"r7\" step 9223372036854775807: window number out of range");
	tb_free(&b);
}

static void
empty_run(void **state)
{
	cc_cascade_input in;
	cc_cascade_result res;
	cc_error	err;
	cc_anatomy_row rows[CC_ANATOMY_N_DEFAULT_BANDS];

	(void) state;
	memset(&in, 0, sizeof(in));
	assert_int_equal(cc_cascade_reconstruct(&in, &res, &err), CC_OK);
	assert_int_equal(res.n_claims, 0);
	assert_int_equal(res.n_cascades, 0);
	assert_int_equal(res.n_subtasks, 0);
	assert_int_equal(res.n_event_sizes, 0);
	assert_int_equal(res.n_agents, 0);
	cc_cascade_result_free(&res);
	cc_cascade_result_free(NULL);
	assert_int_equal(cc_cascade_anatomy(NULL, 0, CC_ANATOMY_DEFAULT_BANDS,
										CC_ANATOMY_N_DEFAULT_BANDS, rows, &err), CC_OK);
}

/*
 * Garbage ids: 100 kB ids that differ only in their last byte, ids that are prefixes of
 * each other, spaces and multibyte UTF-8, ids inside a larger buffer without a NUL.
 * Messages shorten ids to 40 bytes, never splitting a UTF-8 character.
 */
static void
garbage_ids(void **state)
{
	size_t		L = 100000;
	char	   *big1 = malloc(L),
			   *big2 = malloc(L),
			   *buf = strdup("c1c10xyz");
	cc_event	ev[6];
	cc_str		p3[2],
				p4[1];
	cc_cascade_input in;
	cc_cascade_result res;
	cc_error	err;
	char		utf[64];
	char		expect[256];

	(void) state;
	memset(big1, 'x', L);
	memset(big2, 'x', L);
	big2[L - 1] = 'y';
	memset(ev, 0, sizeof(ev));
	memset(&in, 0, sizeof(in));
	ev[0].step_id = 1;
	ev[0].claim_id = (cc_str) {big1, L};
	ev[1].step_id = 1;
	ev[1].claim_id = (cc_str) {big2, L};
	ev[2].step_id = 2;
	ev[2].claim_id = (cc_str) {buf, 2};	/* "c1" inside "c1c10xyz" */
	ev[2].type = M;
	p3[0] = (cc_str) {big2, L};
	p3[1] = (cc_str) {big1, L};
	ev[2].parents = p3;
	ev[2].n_parents = 2;
	ev[3].step_id = 3;
	ev[3].claim_id = (cc_str) {buf + 2, 3};	/* "c10" */
	ev[3].type = R;
	p4[0] = (cc_str) {buf, 2};
	ev[3].parents = p4;
	ev[3].n_parents = 1;
	ev[4].step_id = 4;
	ev[4].claim_id = S("a b \xc3\xa9");
	for (int i = 0; i < 5; i++)
		ev[i].agent_id = (cc_str) {big1, L - (size_t) i};	/* five distinct agents */
	in.events = ev;
	in.n_events = 5;
	assert_int_equal(cc_cascade_reconstruct(&in, &res, &err), CC_OK);
	assert_int_equal(res.n_claims, 5);
	assert_int_equal(res.n_agents, 5);
	assert_int_equal(res.n_cascades, 3);
	/* big1 < big2 bytewise: big1 is the earliest root */
	assert_int_equal(res.claims[3].root, 0);
	assert_int_equal(res.claims[3].depth, 2);
	assert_true(res.claims[3].claim_id.ptr == buf + 2 && res.claims[3].claim_id.len == 3);
	cc_cascade_result_free(&res);

	/* a missing 100 kB parent: the message quotes 40 bytes and "..." */
	ev[3].parents = p3;			/* big2 exists; make it a missing one */
	big2[0] = 'z';
	ev[1].claim_id = (cc_str) {big1, L - 1};
	ev[3].n_parents = 1;
	assert_int_equal(cc_cascade_reconstruct(&in, &res, &err), CC_ELINEAGE);
	memset(expect, 'x', sizeof(expect));
	memcpy(expect, "step 2: parent claim \"z", 23);	/* then 39 x: 40 bytes of the id */
	strcpy(expect + 23 + 39, "...\" of claim \"c1\" does not exist in the run");
	assert_string_equal(err.message, expect);

	/* shortening backs off to a character boundary: 39 ASCII bytes then 'é' (2 bytes) */
	memset(utf, 'u', 39);
	memcpy(utf + 39, "\xc3\xa9\xc3\xa9", 5);
	in.run_id = S(utf);
	ev[2].n_parents = 1;
	p3[0] = S("missing");
	assert_int_equal(cc_cascade_reconstruct(&in, &res, &err), CC_ELINEAGE);
	memset(expect, 'u', sizeof(expect));
	memcpy(expect, "run \"", 5);
	strcpy(expect + 5 + 39, "...\" step 2: ");	/* 39 u: the cut backs off from 'é' */
	assert_true(strncmp(err.message, expect, strlen(expect)) == 0);
	free(big1);
	free(big2);
	free(buf);
}

/* One merge of 100000 roots: fan-in 100000, every root its own cascade but the earliest. */
static void
huge_fan_in(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	const int	n = 100000;
	char	   *pars = malloc((size_t) n * 8 + 1),
			   *q = pars;
	int			i;

	(void) state;
	tb_init(&b);
	for (i = 0; i < n; i++)
	{
		tb_add(&b, n - i, tb_strf(&b, "g%d", i % 7), P, tb_strf(&b, "r%d", i), NULL, NULL, NULL, NULL);
		q += sprintf(q, "r%d ", i);
	}
	tb_add(&b, n + 1, "g", M, "m", pars, "r5", NULL, NULL);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	assert_int_equal(res.n_cascades, n);
	/* r(n-1) has the smallest step (1) */
	assert_int_equal(res.cascades[0].root, n - 1);
	assert_int_equal(res.claims[n].root, n - 1);
	assert_int_equal(res.claims[n].depth, 1);
	assert_int_equal(res.cascades[0].size, 2);
	assert_int_equal(event_size(&res, CC_OBS_MERGE, n), n);
	assert_int_equal(res.n_agents, 8);
	cc_cascade_result_free(&res);
	tb_free(&b);
	free(pars);
}

/* Cancellation: the interrupt hook makes every pass stop with CC_ECANCEL and free all. */
static int	cancel_now;
static int
cancel_hook(void)
{
	return cancel_now;
}

static void
cancellation(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	cc_hooks	h = {NULL, NULL, NULL, cancel_hook};
	int			i;

	(void) state;
	tb_init(&b);
	for (i = 0; i < 1000; i++)
		tb_add(&b, i, "a", i ? R : P, tb_strf(&b, "c%d", i), i ? tb_strf(&b, "c%d", i - 1) : NULL,
			   NULL, NULL, NULL);
	cc_set_hooks(&h);
	cancel_now = 1;
	assert_int_equal(tb_run(&b, &res, &err), CC_ECANCEL);
	assert_null(res.claims);
	cancel_now = 0;
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	assert_int_equal(res.waves[0].length, 1000);
	cc_cascade_result_free(&res);
	tb_free(&b);
}

/* Allocation failure at the k-th allocation, for every k: CC_ENOMEM, nothing leaked. */
static long fail_at,
			n_allocs;
static void *
failing_malloc(size_t n)
{
	if (++n_allocs == fail_at)
		return NULL;
	return malloc(n);
}
static void *
failing_realloc(void *p, size_t n)
{
	if (++n_allocs == fail_at)
		return NULL;
	return realloc(p, n);
}

static void
allocation_failures(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	cc_hooks	h = {failing_malloc, failing_realloc, free, NULL};
	cc_cascade_options opt = {CC_WINDOW_STEPS, 3};
	long		k;
	int			i;

	(void) state;
	tb_init(&b);
	tb_add(&b, 0, "boss", D, NULL, NULL, NULL, "T1", "T0");
	for (i = 0; i < 80; i++)	/* enough agents to grow the agent table */
		tb_add(&b, i + 1, tb_strf(&b, "a%d", i), i % 5 ? X : P, tb_strf(&b, "c%d", i),
			   i % 5 ? tb_strf(&b, "c%d", i - i % 5) : NULL, NULL, "T1", NULL);
	tb_add(&b, 70, "x", M, "m", "c0 c5 c10", NULL, NULL, NULL);
	tb_add(&b, 71, "x", R, "r", "m", NULL, NULL, NULL);
	tb_add(&b, 72, "x", E, NULL, NULL, "r", NULL, NULL);
	cc_set_hooks(&h);
	for (k = 1;; k++)
	{
		cc_status	st;

		fail_at = k;
		n_allocs = 0;
		st = tb_run_opt(&b, opt, &res, &err);
		if (st == CC_OK)
			break;
		assert_int_equal(st, CC_ENOMEM);
		assert_null(res.claims);
	}
	assert_true(k > 20);
	assert_int_equal(res.n_claims, 82);
	/* the key order of the rows: every failing allocation gives CC_ENOMEM, nothing leaks */
	for (k = 1;; k++)
	{
		cc_cascade_order order;
		cc_status	st;

		fail_at = k;
		n_allocs = 0;
		st = cc_cascade_key_order(&res, &order, &err);
		if (st == CC_OK)
		{
			cc_cascade_order_free(&order);
			break;
		}
		assert_int_equal(st, CC_ENOMEM);
		assert_null(order.rows[CC_TABLE_CLAIMS]);
	}
	assert_true(k > 8);
	cc_cascade_result_free(&res);
	fail_at = 0;
	tb_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parent_missing),
		cmocka_unit_test(parent_created_later),
		cmocka_unit_test(own_parent),
		cmocka_unit_test(cycle_same_step),
		cmocka_unit_test(duplicate_claim),
		cmocka_unit_test(merge_parent_counts),
		cmocka_unit_test(revise_and_contradict_parent_counts),
		cmocka_unit_test(target_not_parent),
		cmocka_unit_test(endorse_and_delegate_targets),
		cmocka_unit_test(subtask_errors),
		cmocka_unit_test(subtask_parent_errors),
		cmocka_unit_test(input_errors),
		cmocka_unit_test(bad_options),
		cmocka_unit_test(first_error_wins),
		cmocka_unit_test(extreme_steps),
		cmocka_unit_test(empty_run),
		cmocka_unit_test(garbage_ids),
		cmocka_unit_test(huge_fan_in),
		cmocka_unit_test(cancellation),
		cmocka_unit_test(allocation_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
