/*
 * Cascade reconstruction on worked examples: the paper's App. E.5 example and small cases
 * worked by hand (the expected numbers are derived in the comment above each case).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>

#include "cascade_util.h"

#define P CC_EV_PROPOSE
#define R CC_EV_REVISE
#define X CC_EV_CONTRADICT
#define M CC_EV_MERGE
#define D CC_EV_DELEGATE
#define E CC_EV_ENDORSE

/*
 * Paper 000, App. E.5: c1 propose; c2 revise c1; c3 contradict c1; c4 revise c2;
 * c5 merge c2,c3,c4. The paper: revision wave 3 (c1 -> c2 -> c4), contradiction burst 1
 * (c1 receives c3), merge fan-in 3, TCE 5, one cascade rooted at c1 (DESIGN section 3).
 * Depths (longest path from c1): c1 0, c2 1, c3 1, c4 2, c5 3 (c1->c2->c4->c5).
 * Merge conversion: 1 merge / (0 delegate + 1 contradict + 2 revise) = 1/3.
 */
static void
paper_worked_example(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	const cc_cascade_row *k;
	int			c1, c2, c3, c4, c5;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a1", P, "c1", NULL, NULL, "T2", NULL);
	tb_add(&b, 2, "a2", R, "c2", "c1", "c1", "T3", NULL);
	tb_add(&b, 3, "a3", X, "c3", "c1", "c1", "T3", NULL);
	tb_add(&b, 4, "a2", R, "c4", "c2", NULL, "T4", NULL);
	tb_add(&b, 5, "a1", M, "c5", "c2 c3 c4", NULL, "T5", NULL);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);

	c1 = claim_ix(&res, "c1");
	c2 = claim_ix(&res, "c2");
	c3 = claim_ix(&res, "c3");
	c4 = claim_ix(&res, "c4");
	c5 = claim_ix(&res, "c5");
	assert_int_equal(res.n_claims, 5);
	assert_int_equal(res.n_cascades, 1);
	k = &res.cascades[0];
	assert_int_equal(k->root, c1);
	assert_int_equal(k->size, 5);
	assert_int_equal(k->tce, 5);
	assert_int_equal(k->n_by_type[P], 1);
	assert_int_equal(k->n_by_type[R], 2);
	assert_int_equal(k->n_by_type[X], 1);
	assert_int_equal(k->n_by_type[M], 1);
	assert_int_equal(k->n_by_type[D], 0);
	assert_int_equal(k->n_by_type[E], 0);
	assert_int_equal(k->n_agents_active, 3);
	assert_int_equal(k->depth, 3);
	assert_true(k->has_merge_conversion);
	assert_true(fabs(k->merge_conversion - 1.0 / 3.0) < 1e-15);

	assert_int_equal(res.claims[c1].root, c1);
	assert_int_equal(res.claims[c5].root, c1);
	assert_int_equal(res.claims[c1].depth, 0);
	assert_int_equal(res.claims[c2].depth, 1);
	assert_int_equal(res.claims[c3].depth, 1);
	assert_int_equal(res.claims[c4].depth, 2);
	assert_int_equal(res.claims[c5].depth, 3);
	assert_int_equal(res.claims[c1].status, CC_CLAIM_PROPOSED);
	assert_int_equal(res.claims[c2].status, CC_CLAIM_REVISED);
	assert_int_equal(res.claims[c3].status, CC_CLAIM_CONTRADICTORY);
	assert_int_equal(res.claims[c5].status, CC_CLAIM_MERGED);
	assert_string_equal(cc_claim_status_name(res.claims[c3].status), "contradictory");

	/* revision wave 3: c1 -> c2 -> c4 */
	assert_int_equal(res.n_waves, 1);
	assert_int_equal(res.waves[0].first_claim, c1);
	assert_int_equal(res.waves[0].last_claim, c4);
	assert_int_equal(res.waves[0].length, 3);
	assert_int_equal(res.claims[c1].revision_chain, c1);
	assert_int_equal(res.claims[c2].revision_chain, c1);
	assert_int_equal(res.claims[c4].revision_chain, c1);
	assert_int_equal(res.claims[c3].revision_chain, -1);
	assert_int_equal(res.claims[c5].revision_chain, -1);
	/* contradiction burst 1 on c1 */
	assert_int_equal(res.n_groups, 1);
	assert_int_equal(res.groups[0].parent_claim, c1);
	assert_int_equal(res.groups[0].n_agents, 1);
	assert_int_equal(res.groups[0].n_claims, 1);
	assert_int_equal(res.claims[c3].contradiction_group, c3);
	assert_int_equal(res.claims[c2].contradiction_group, -1);
	/* merge fan-in 3 */
	assert_int_equal(res.claims[c5].merge, c5);
	assert_int_equal(res.claims[c4].merge, -1);

	assert_int_equal(res.n_event_sizes, 3);
	assert_int_equal(event_size(&res, CC_OBS_REVISION, c4), 3);
	assert_int_equal(event_size(&res, CC_OBS_CONTRADICTION, c3), 1);
	assert_int_equal(event_size(&res, CC_OBS_MERGE, c5), 3);
	assert_int_equal(count_event_sizes(&res, CC_OBS_DELEGATION), 0);
	/* no delegate: T2..T5 are roots of the subtask forest */
	assert_int_equal(res.n_subtasks, 4);
	assert_int_equal(res.subtasks[subtask_ix(&res, "T3")].parent, -1);
	assert_int_equal(res.subtasks[subtask_ix(&res, "T3")].n_events_in_subtree, 2);
	assert_int_equal(res.subtasks[subtask_ix(&res, "T3")].assigned_agent, agent_ix(&res, "a2"));

	cc_cascade_result_free(&res);
	tb_free(&b);
}

/*
 * Several roots, merges across cascades, endorse and delegate in TCE. Worked by hand:
 *   1 propose zeta (x)       1 propose alpha (y)      3 propose b (x)
 *   4 revise z1 <- zeta (y)  5 merge m <- z1 b (x)    6 merge m2 <- b alpha (z)
 *   7 revise m3 <- m2 (z)    8 merge m4 <- m zeta (y) 9 merge m5 <- m3 m (x)
 *   10 endorse m5 (w)        11 delegate S1 target b (w)   12 propose lonely (v)
 * Roots: alpha and zeta at step 1 (tie broken by id: alpha first), b at 3, lonely at 12.
 * m descends from roots {zeta, b}: zeta. m2 from {b, alpha}: alpha. m4: zeta.
 * m5 from {alpha, zeta, b}: alpha; its depth counts only paths from alpha:
 * alpha->m2->m3->m5 = 3 (m is in zeta's cascade, no path from alpha reaches it).
 * depth(m) = 1 + depth(z1) = 2 (b is not in zeta's cascade); depth(m4) = 1 + 2 = 3.
 * Cascade alpha {alpha, m2, m3, m5} + endorse: size 4, tce 5, agents {y,z,x,w}, of whom
 *   3 created a claim (w only endorsed), depth 3, conversion 2 merges / 1 revise = 2.
 *   Its agent rows: y 1 claim (propose), z 2 (merge, revise), x 1 (merge), w 0 (1 endorse).
 * Cascade zeta {zeta, z1, m, m4}: size 4, tce 4, agents {x,y} = 2, depth 3, conversion 2/1.
 * Cascade b {b} + delegate: size 1, tce 2, agents {x,w}, of whom 1 created a claim,
 *   conversion 0 / 1 delegate = 0.
 * Cascade lonely: size 1, tce 1, no expansion event: conversion undefined.
 */
static void
merges_across_cascades(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	int			ka, kz, kb, kl;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "x", P, "zeta", NULL, NULL, NULL, NULL);
	tb_add(&b, 1, "y", P, "alpha", NULL, NULL, NULL, NULL);
	tb_add(&b, 3, "x", P, "b", NULL, NULL, NULL, NULL);
	tb_add(&b, 4, "y", R, "z1", "zeta", NULL, NULL, NULL);
	tb_add(&b, 5, "x", M, "m", "z1 b", NULL, NULL, NULL);
	tb_add(&b, 6, "z", M, "m2", "b alpha", NULL, NULL, NULL);
	tb_add(&b, 7, "z", R, "m3", "m2", NULL, NULL, NULL);
	tb_add(&b, 8, "y", M, "m4", "m zeta", NULL, NULL, NULL);
	tb_add(&b, 9, "x", M, "m5", "m3 m", NULL, NULL, NULL);
	tb_add(&b, 10, "w", E, NULL, NULL, "m5", NULL, NULL);
	tb_add(&b, 11, "w", D, NULL, NULL, "b", "S1", "T0");
	tb_add(&b, 12, "v", P, "lonely", NULL, NULL, NULL, NULL);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);

	assert_int_equal(res.n_cascades, 4);
	/* listed by (step, id) of the root */
	ka = 0;
	kz = 1;
	kb = 2;
	kl = 3;
	assert_int_equal(res.cascades[ka].root, claim_ix(&res, "alpha"));
	assert_int_equal(res.cascades[kz].root, claim_ix(&res, "zeta"));
	assert_int_equal(res.cascades[kb].root, claim_ix(&res, "b"));
	assert_int_equal(res.cascades[kl].root, claim_ix(&res, "lonely"));

	assert_int_equal(res.claims[claim_ix(&res, "m")].root, claim_ix(&res, "zeta"));
	assert_int_equal(res.claims[claim_ix(&res, "m2")].root, claim_ix(&res, "alpha"));
	assert_int_equal(res.claims[claim_ix(&res, "m4")].root, claim_ix(&res, "zeta"));
	assert_int_equal(res.claims[claim_ix(&res, "m5")].root, claim_ix(&res, "alpha"));
	assert_int_equal(res.claims[claim_ix(&res, "m")].depth, 2);
	assert_int_equal(res.claims[claim_ix(&res, "m2")].depth, 1);
	assert_int_equal(res.claims[claim_ix(&res, "m4")].depth, 3);
	assert_int_equal(res.claims[claim_ix(&res, "m5")].depth, 3);

	assert_int_equal(res.cascades[ka].size, 4);
	assert_int_equal(res.cascades[ka].tce, 5);
	assert_int_equal(res.cascades[ka].n_by_type[E], 1);
	assert_int_equal(res.cascades[ka].n_by_type[M], 2);
	assert_int_equal(res.cascades[ka].n_agents_active, 3);
	check_agent_row(&res, ka, "y", 1, 1);
	check_agent_row(&res, ka, "z", 2, 2);
	check_agent_row(&res, ka, "x", 1, 1);
	check_agent_row(&res, ka, "w", 0, 1);
	assert_int_equal(res.cascades[ka].depth, 3);
	assert_true(res.cascades[ka].merge_conversion == 2.0);

	assert_int_equal(res.cascades[kz].size, 4);
	assert_int_equal(res.cascades[kz].tce, 4);
	assert_int_equal(res.cascades[kz].n_agents_active, 2);
	assert_int_equal(res.cascades[kz].depth, 3);
	assert_true(res.cascades[kz].merge_conversion == 2.0);

	assert_int_equal(res.cascades[kb].size, 1);
	assert_int_equal(res.cascades[kb].tce, 2);
	assert_int_equal(res.cascades[kb].n_by_type[D], 1);
	assert_int_equal(res.cascades[kb].n_agents_active, 1);
	check_agent_row(&res, kb, "w", 0, 1);
	assert_int_equal(res.n_cascade_agents, 4 + 2 + 2 + 1);
	assert_int_equal(res.cascades[kb].depth, 0);
	assert_true(res.cascades[kb].has_merge_conversion);
	assert_true(res.cascades[kb].merge_conversion == 0.0);

	assert_int_equal(res.cascades[kl].size, 1);
	assert_int_equal(res.cascades[kl].tce, 1);
	assert_false(res.cascades[kl].has_merge_conversion);
	assert_true(isnan(res.cascades[kl].merge_conversion));

	/* waves zeta->z1 and m2->m3; fan-ins 2 each */
	assert_int_equal(res.n_waves, 2);
	assert_int_equal(event_size(&res, CC_OBS_REVISION, claim_ix(&res, "z1")), 2);
	assert_int_equal(event_size(&res, CC_OBS_REVISION, claim_ix(&res, "m3")), 2);
	assert_int_equal(res.claims[claim_ix(&res, "m3")].revision_chain, claim_ix(&res, "m2"));
	assert_int_equal(count_event_sizes(&res, CC_OBS_MERGE), 4);
	assert_int_equal(event_size(&res, CC_OBS_MERGE, claim_ix(&res, "m5")), 2);
	/* delegation S1 under T0: 1 subtask */
	assert_int_equal(event_size(&res, CC_OBS_DELEGATION, subtask_ix(&res, "S1")), 1);

	cc_cascade_result_free(&res);
	tb_free(&b);
}

/*
 * Branching revisions: a; b rev a; c rev b; d rev b; e rev d; f contradicts a; g rev f; h.
 * Waves (DESIGN: each maximal path down the revisions): a-b-c (3), a-b-d-e (4), f-g (2);
 * h is never revised and is no revision: no wave, revision_chain -1.
 */
static void
branching_revisions(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	int			a, f;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "u", P, "a", NULL, NULL, NULL, NULL);
	tb_add(&b, 2, "u", R, "b", "a", NULL, NULL, NULL);
	tb_add(&b, 3, "u", R, "c", "b", NULL, NULL, NULL);
	tb_add(&b, 4, "v", R, "d", "b", NULL, NULL, NULL);
	tb_add(&b, 5, "v", R, "e", "d", NULL, NULL, NULL);
	tb_add(&b, 6, "w", X, "f", "a", NULL, NULL, NULL);
	tb_add(&b, 7, "w", R, "g", "f", NULL, NULL, NULL);
	tb_add(&b, 8, "w", P, "h", NULL, NULL, NULL, NULL);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	a = claim_ix(&res, "a");
	f = claim_ix(&res, "f");
	assert_int_equal(res.n_waves, 3);
	assert_int_equal(event_size(&res, CC_OBS_REVISION, claim_ix(&res, "c")), 3);
	assert_int_equal(event_size(&res, CC_OBS_REVISION, claim_ix(&res, "e")), 4);
	assert_int_equal(event_size(&res, CC_OBS_REVISION, claim_ix(&res, "g")), 2);
	assert_int_equal(res.waves[0].first_claim, a);	/* ordered by last claim: c, e, g */
	assert_int_equal(res.waves[2].first_claim, f);
	assert_int_equal(res.claims[claim_ix(&res, "d")].revision_chain, a);
	assert_int_equal(res.claims[claim_ix(&res, "g")].revision_chain, f);
	assert_int_equal(res.claims[f].revision_chain, f);
	assert_int_equal(res.claims[claim_ix(&res, "h")].revision_chain, -1);
	assert_int_equal(res.n_cascades, 2);
	assert_int_equal(res.cascades[0].size, 7);
	assert_int_equal(res.cascades[0].depth, 3);	/* a->b->d->e; a->f->g is 2 */
	cc_cascade_result_free(&res);
	tb_free(&b);
}

/*
 * Delegation tree. T0 is never delegated (the run's task: root, depth 0).
 *   1 delegate T1 <- T0 (boss)   2 delegate T2 <- T0 (boss)   3 propose c1 in T1 (w1)
 *   4 delegate T3 <- T1 (w1)     5 propose c2 in T3 (w3)      6 delegate T4 <- T3 (w3)
 *   7 revise c3 <- c1 in T4 (w4) 8 endorse c3 in T4 (w5)      9 propose c4 in T2 (w2)
 *   10 propose c0 in T0 (boss)
 * Depths T0 0, T1 1, T2 1, T3 2, T4 3. Subtree sizes: T0 5, T1 3, T2 1, T3 2, T4 1.
 * Own events: T1 {1,3}, T2 {2,9}, T3 {4,5}, T4 {6,7,8}, T0 {10}; subtree events:
 * T4 3, T3 5, T1 7, T2 2, T0 10. Assigned agent (first event other than the creating
 * delegate): T1 w1, T2 w2, T3 w3, T4 w4, T0 boss.
 */
static void
delegation_tree(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	int			t0, t1, t2, t3, t4;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "boss", D, NULL, NULL, NULL, "T1", "T0");
	tb_add(&b, 2, "boss", D, NULL, NULL, NULL, "T2", "T0");
	tb_add(&b, 3, "w1", P, "c1", NULL, NULL, "T1", NULL);
	tb_add(&b, 4, "w1", D, NULL, NULL, NULL, "T3", "T1");
	tb_add(&b, 5, "w3", P, "c2", NULL, NULL, "T3", NULL);
	tb_add(&b, 6, "w3", D, NULL, NULL, NULL, "T4", "T3");
	tb_add(&b, 7, "w4", R, "c3", "c1", NULL, "T4", NULL);
	tb_add(&b, 8, "w5", E, NULL, NULL, "c3", "T4", NULL);
	tb_add(&b, 9, "w2", P, "c4", NULL, NULL, "T2", NULL);
	tb_add(&b, 10, "boss", P, "c0", NULL, NULL, "T0", NULL);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	t0 = subtask_ix(&res, "T0");
	t1 = subtask_ix(&res, "T1");
	t2 = subtask_ix(&res, "T2");
	t3 = subtask_ix(&res, "T3");
	t4 = subtask_ix(&res, "T4");
	assert_int_equal(res.n_subtasks, 5);
	assert_int_equal(res.subtasks[t0].parent, -1);
	assert_int_equal(res.subtasks[t0].delegate_event, -1);
	assert_int_equal(res.subtasks[t3].parent, t1);
	assert_int_equal(res.subtasks[t3].delegate_event, 3);
	assert_int_equal(res.subtasks[t0].depth, 0);
	assert_int_equal(res.subtasks[t1].depth, 1);
	assert_int_equal(res.subtasks[t2].depth, 1);
	assert_int_equal(res.subtasks[t3].depth, 2);
	assert_int_equal(res.subtasks[t4].depth, 3);
	assert_int_equal(res.subtasks[t0].n_subtasks_in_subtree, 5);
	assert_int_equal(res.subtasks[t1].n_subtasks_in_subtree, 3);
	assert_int_equal(res.subtasks[t2].n_subtasks_in_subtree, 1);
	assert_int_equal(res.subtasks[t3].n_subtasks_in_subtree, 2);
	assert_int_equal(res.subtasks[t4].n_subtasks_in_subtree, 1);
	assert_int_equal(res.subtasks[t0].n_events_in_subtree, 10);
	assert_int_equal(res.subtasks[t1].n_events_in_subtree, 7);
	assert_int_equal(res.subtasks[t2].n_events_in_subtree, 2);
	assert_int_equal(res.subtasks[t3].n_events_in_subtree, 5);
	assert_int_equal(res.subtasks[t4].n_events_in_subtree, 3);
	assert_int_equal(res.subtasks[t0].assigned_agent, agent_ix(&res, "boss"));
	assert_int_equal(res.subtasks[t1].assigned_agent, agent_ix(&res, "w1"));
	assert_int_equal(res.subtasks[t2].assigned_agent, agent_ix(&res, "w2"));
	assert_int_equal(res.subtasks[t3].assigned_agent, agent_ix(&res, "w3"));
	assert_int_equal(res.subtasks[t4].assigned_agent, agent_ix(&res, "w4"));
	/* event_sizes: one delegation row per delegate, in input order */
	assert_int_equal(count_event_sizes(&res, CC_OBS_DELEGATION), 4);
	assert_int_equal(res.event_sizes[0].anchor, t1);
	assert_int_equal(res.event_sizes[0].size, 3);
	assert_int_equal(res.event_sizes[1].anchor, t2);
	assert_int_equal(res.event_sizes[1].size, 1);
	assert_int_equal(res.event_sizes[2].anchor, t3);
	assert_int_equal(res.event_sizes[2].size, 2);
	assert_int_equal(res.event_sizes[3].anchor, t4);
	assert_int_equal(res.event_sizes[3].size, 1);
	/* delegates without target claim are in no cascade; c1's cascade has c1, c3, endorse */
	assert_int_equal(res.cascades[0].root, claim_ix(&res, "c1"));
	assert_int_equal(res.cascades[0].tce, 3);
	assert_int_equal(res.cascades[0].n_by_type[D], 0);
	cc_cascade_result_free(&res);
	tb_free(&b);
}

/*
 * The parents a delegate may name: a subtask delegated at the same step (in either input
 * order) or earlier, a root that events belong to (two such roots here), or, in a run whose
 * events all lie in delegated subtasks, one task named only as a parent. Other events may
 * repeat the parent of their subtask.
 */
static void
subtask_parents_that_exist(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, "A", NULL);
	tb_add(&b, 2, "a", P, "c2", NULL, NULL, "B", NULL);
	tb_add(&b, 3, "a", D, NULL, NULL, NULL, "s2", "s1");
	tb_add(&b, 3, "a", D, NULL, NULL, NULL, "s1", "A");
	tb_add(&b, 4, "a", D, NULL, NULL, NULL, "s3", "B");
	tb_add(&b, 5, "b", R, "c3", "c1", NULL, "s2", "s1");
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	assert_int_equal(res.n_subtasks, 5);
	assert_int_equal(res.subtasks[subtask_ix(&res, "s2")].depth, 2);
	assert_int_equal(res.subtasks[subtask_ix(&res, "A")].n_subtasks_in_subtree, 3);
	assert_int_equal(res.subtasks[subtask_ix(&res, "B")].n_subtasks_in_subtree, 2);
	assert_int_equal(res.subtasks[subtask_ix(&res, "s2")].assigned_agent, agent_ix(&res, "b"));
	cc_cascade_result_free(&res);
	tb_free(&b);

	/* the task named only as a parent, as the docs' example and the Who&When importer do */
	tb_init(&b);
	tb_add(&b, 0, "planner", D, NULL, NULL, NULL, "s1", "task");
	tb_add(&b, 1, "solver", P, "c1", NULL, NULL, "s1", "task");
	tb_add(&b, 2, "solver", D, NULL, NULL, NULL, "s2", "task");
	tb_add(&b, 3, "critic", X, "c2", "c1", NULL, NULL, NULL);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	assert_int_equal(res.n_subtasks, 3);
	assert_int_equal(res.subtasks[subtask_ix(&res, "task")].parent, -1);
	assert_int_equal(res.subtasks[subtask_ix(&res, "task")].n_subtasks_in_subtree, 3);
	assert_int_equal(res.subtasks[subtask_ix(&res, "task")].n_events_in_subtree, 3);
	assert_int_equal(res.subtasks[subtask_ix(&res, "task")].assigned_agent, -1);
	cc_cascade_result_free(&res);
	tb_free(&b);

	/* events of a subtask no delegate creates name its parent (as paper 000's logs do): the
	 * parent is not used, the subtask stays a root and the named parent is no subtask */
	tb_init(&b);
	tb_add(&b, 1, "a", P, "c1", NULL, NULL, "s1", "task");
	tb_add(&b, 2, "a", E, NULL, NULL, "c1", "s1", "task");
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	assert_int_equal(res.n_subtasks, 1);
	assert_int_equal(res.subtasks[subtask_ix(&res, "s1")].parent, -1);
	assert_int_equal(res.subtasks[subtask_ix(&res, "s1")].n_events_in_subtree, 2);
	cc_cascade_result_free(&res);
	tb_free(&b);
}

/* A subtask whose only event is its creating delegate has no assigned agent. */
static void
delegated_subtask_without_work(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "boss", D, NULL, NULL, NULL, "T1", "T0");
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	assert_int_equal(res.subtasks[subtask_ix(&res, "T1")].assigned_agent, -1);
	assert_int_equal(res.subtasks[subtask_ix(&res, "T1")].n_events_in_subtree, 1);
	assert_int_equal(res.subtasks[subtask_ix(&res, "T0")].assigned_agent, -1);
	assert_int_equal(res.subtasks[subtask_ix(&res, "T0")].n_events_in_subtree, 1);
	assert_int_equal(res.n_cascades, 0);
	cc_cascade_result_free(&res);
	tb_free(&b);
}

/*
 * Contradiction bursts with windows. Contradictions of p (step, agent, ts in s):
 *   c1 (10, A, 1.0)  c2 (11, B, 1.5)  c3 (14, A, 4.0)  c4 (20, C, 4.1)  c5 (25, C, 9.0)
 *   c6 (31, D, 9.1); of q: k1 (5, A), k2 (5, A). Input order shuffled on purpose.
 * Whole run: p: 4 agents, 6 claims, first c1; q: 1 agent, 2 claims, first k1.
 * Steps, W = 10, anchored at s0 = 10: [10,20) {c1,c2,c3} agents {A,B} = 2;
 *   [20,30) {c4,c5} {C} = 1; [30,40) {c6} {D} = 1.
 * Time, W = 3 s, anchored at 1.0 s: [1,4) {c1,c2} = 2; [4,7) {c3,c4} {A,C} = 2;
 *   [7,10) {c5,c6} {C,D} = 2. (k1, k2 have ts 0.5 s.)
 */
static void
build_bursts(tb *b)
{
	tb_init(b);
	tb_add(b, 14, "A", X, "c3", "p", NULL, NULL, NULL)->ts = 4000000;
	tb_add(b, 0, "a", P, "p", NULL, NULL, NULL, NULL)->ts = 0;
	tb_add(b, 31, "D", X, "c6", "p", "p", NULL, NULL)->ts = 9100000;
	tb_add(b, 11, "B", X, "c2", "p", NULL, NULL, NULL)->ts = 1500000;
	tb_add(b, 1, "a", P, "q", NULL, NULL, NULL, NULL)->ts = 100000;
	tb_add(b, 20, "C", X, "c4", "p", NULL, NULL, NULL)->ts = 4100000;
	tb_add(b, 5, "A", X, "k2", "q", NULL, NULL, NULL)->ts = 500000;
	tb_add(b, 10, "A", X, "c1", "p", NULL, NULL, NULL)->ts = 1000000;
	tb_add(b, 25, "C", X, "c5", "p", NULL, NULL, NULL)->ts = 9000000;
	tb_add(b, 5, "A", X, "k1", "q", NULL, NULL, NULL)->ts = 500000;
	for (size_t i = 0; i < b->n; i++)
		b->ev[i].has_ts = true;
}

static void
bursts_whole_run(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	int			p, q;

	(void) state;
	build_bursts(&b);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	p = claim_ix(&res, "p");
	q = claim_ix(&res, "q");
	assert_int_equal(res.n_groups, 2);
	/* groups by parent claim index: p (event 1) precedes q (event 4) */
	assert_int_equal(res.groups[0].parent_claim, p);
	assert_int_equal(res.groups[0].n_agents, 4);
	assert_int_equal(res.groups[0].n_claims, 6);
	assert_int_equal(res.groups[0].first_claim, claim_ix(&res, "c1"));
	assert_int_equal(res.groups[1].parent_claim, q);
	assert_int_equal(res.groups[1].n_agents, 1);
	assert_int_equal(res.groups[1].n_claims, 2);
	/* k2 and k1 share step 5: the first in input order (k2) anchors the group */
	assert_int_equal(res.groups[1].first_claim, claim_ix(&res, "k2"));
	assert_int_equal(res.claims[claim_ix(&res, "c6")].contradiction_group, claim_ix(&res, "c1"));
	assert_int_equal(event_size(&res, CC_OBS_CONTRADICTION, claim_ix(&res, "c1")), 4);
	cc_cascade_result_free(&res);
	tb_free(&b);
}

static void
bursts_step_windows(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	cc_cascade_options opt = {CC_WINDOW_STEPS, 10};

	(void) state;
	build_bursts(&b);
	assert_int_equal(tb_run_opt(&b, opt, &res, &err), CC_OK);
	assert_int_equal(res.n_groups, 4);
	assert_int_equal(res.groups[0].window, 0);
	assert_int_equal(res.groups[0].n_agents, 2);
	assert_int_equal(res.groups[0].n_claims, 3);
	assert_int_equal(res.groups[0].first_claim, claim_ix(&res, "c1"));
	assert_int_equal(res.groups[1].window, 1);
	assert_int_equal(res.groups[1].n_agents, 1);
	assert_int_equal(res.groups[1].n_claims, 2);
	assert_int_equal(res.groups[1].first_claim, claim_ix(&res, "c4"));
	assert_int_equal(res.groups[2].window, 2);
	assert_int_equal(res.groups[2].n_agents, 1);
	assert_int_equal(res.groups[2].first_claim, claim_ix(&res, "c6"));
	assert_int_equal(res.groups[3].parent_claim, claim_ix(&res, "q"));
	assert_int_equal(res.claims[claim_ix(&res, "c5")].contradiction_group, claim_ix(&res, "c4"));
	assert_int_equal(res.claims[claim_ix(&res, "c3")].contradiction_group, claim_ix(&res, "c1"));
	cc_cascade_result_free(&res);
	tb_free(&b);
}

static void
bursts_time_windows(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	cc_cascade_options opt = {CC_WINDOW_TIME, 3000000};

	(void) state;
	build_bursts(&b);
	assert_int_equal(tb_run_opt(&b, opt, &res, &err), CC_OK);
	assert_int_equal(res.n_groups, 4);
	assert_int_equal(res.groups[0].n_agents, 2);
	assert_int_equal(res.groups[0].first_claim, claim_ix(&res, "c1"));
	assert_int_equal(res.groups[1].n_agents, 2);
	assert_int_equal(res.groups[1].first_claim, claim_ix(&res, "c3"));
	assert_int_equal(res.groups[2].n_agents, 2);
	assert_int_equal(res.groups[2].n_claims, 2);
	assert_int_equal(res.groups[2].first_claim, claim_ix(&res, "c5"));
	cc_cascade_result_free(&res);

	/* a time window needs a ts on every contradiction */
	b.ev[0].has_ts = false;
	assert_int_equal(tb_run_opt(&b, opt, &res, &err), CC_EINVAL);
	assert_string_equal(err.message,
						"run \"r7\" step 14: contradict event of claim \"c3\" has no ts, which the time window needs");
	tb_free(&b);
}

/* Roots of equal step: the tie is broken by claim_id bytewise, a prefix first. */
static void
root_ties_by_claim_id(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;

	(void) state;
	tb_init(&b);
	tb_add(&b, 5, "a", P, "r10", NULL, NULL, NULL, NULL);
	tb_add(&b, 5, "a", P, "r1", NULL, NULL, NULL, NULL);
	tb_add(&b, 5, "a", P, "r2", NULL, NULL, NULL, NULL);
	tb_add(&b, 6, "a", M, "m", "r2 r10 r1", NULL, NULL, NULL);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	/* "r1" < "r10" < "r2" */
	assert_int_equal(res.cascades[0].root, claim_ix(&res, "r1"));
	assert_int_equal(res.cascades[1].root, claim_ix(&res, "r10"));
	assert_int_equal(res.cascades[2].root, claim_ix(&res, "r2"));
	assert_int_equal(res.claims[claim_ix(&res, "m")].root, claim_ix(&res, "r1"));
	assert_int_equal(res.cascades[0].size, 2);
	cc_cascade_result_free(&res);
	tb_free(&b);
}

/* Claims created at the same step may be linked (one round); the order in the array is free. */
static void
same_step_lineage(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;

	(void) state;
	tb_init(&b);
	tb_add(&b, 3, "a", R, "y", "x", NULL, NULL, NULL);
	tb_add(&b, 3, "a", R, "z", "y", NULL, NULL, NULL);
	tb_add(&b, 3, "a", P, "x", NULL, NULL, NULL, NULL);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	assert_int_equal(res.claims[claim_ix(&res, "z")].depth, 2);
	assert_int_equal(res.claims[claim_ix(&res, "z")].root, claim_ix(&res, "x"));
	assert_int_equal(res.waves[0].length, 3);
	cc_cascade_result_free(&res);
	tb_free(&b);
}

/*
 * A propose may build on earlier claims (any number of distinct parents): it joins the
 * cascade of its earliest root like any child, but starts no revision wave.
 *   1 propose a   2 propose b   3 propose p <- b a (target a)   4 revise r <- p
 *   5 endorse q   5 propose q   (an endorse may target a claim of its own step, listed later)
 * p: roots {a, b}, a earlier: root a, depth 1; r: depth 2; wave p->r (2), chain id p.
 * Cascades a {a, p, r}: size 3, 2 proposals; b {b}; q {q} + the endorse: tce 2.
 */
static void
propose_with_parents(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	int			p;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "u", P, "a", NULL, NULL, NULL, NULL);
	tb_add(&b, 2, "u", P, "b", NULL, NULL, NULL, NULL);
	tb_add(&b, 3, "v", P, "p", "b a", "a", NULL, NULL);
	tb_add(&b, 4, "v", R, "r", "p", NULL, NULL, NULL);
	tb_add(&b, 5, "w", E, NULL, NULL, "q", NULL, NULL);
	tb_add(&b, 5, "w", P, "q", NULL, NULL, NULL, NULL);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);
	p = claim_ix(&res, "p");
	assert_int_equal(res.claims[p].root, claim_ix(&res, "a"));
	assert_int_equal(res.claims[p].depth, 1);
	assert_int_equal(res.claims[p].status, CC_CLAIM_PROPOSED);
	assert_int_equal(res.claims[p].n_parents, 2);
	assert_int_equal(res.claims[claim_ix(&res, "r")].depth, 2);
	assert_int_equal(res.n_waves, 1);
	assert_int_equal(res.waves[0].first_claim, p);
	assert_int_equal(res.waves[0].length, 2);
	assert_int_equal(res.claims[claim_ix(&res, "a")].revision_chain, -1);
	/* cascades a {a, p, r}, b {b}, q {q + endorse} */
	assert_int_equal(res.n_cascades, 3);
	assert_int_equal(res.cascades[0].size, 3);
	assert_int_equal(res.cascades[0].n_by_type[P], 2);
	assert_int_equal(res.cascades[1].size, 1);
	assert_int_equal(res.cascades[2].tce, 2);
	assert_int_equal(res.cascades[2].n_by_type[E], 1);
	cc_cascade_result_free(&res);
	tb_free(&b);
}

/* Event type names, both spellings. */
static void
event_type_names(void **state)
{
	cc_event_type t;

	(void) state;
	assert_int_equal(cc_event_type_parse("merge", 5, &t), 0);
	assert_int_equal(t, CC_EV_MERGE);
	assert_int_equal(cc_event_type_parse("delegate_subtask", 16, &t), 0);
	assert_int_equal(t, CC_EV_DELEGATE);
	assert_int_equal(cc_event_type_parse("mergex", 5, &t), 0);	/* length-delimited */
	assert_int_equal(cc_event_type_parse("merg", 4, &t), -1);
	assert_int_equal(cc_event_type_parse("", 0, &t), -1);
	assert_int_equal(cc_event_type_parse(NULL, 0, &t), -1);
	assert_string_equal(cc_event_type_name(CC_EV_ENDORSE), "endorse");
	assert_null(cc_event_type_name((cc_event_type) 6));
	assert_string_equal(cc_observable_name(CC_OBS_CONTRADICTION), "contradiction");
	assert_null(cc_observable_name((cc_observable) 9));
	assert_null(cc_claim_status_name((cc_claim_status) -1));
}

/*
 * Anatomy, worked by hand. Sizes {1, 2, 3, 4}: rank k stands for ((k-1)/4, k/4], midpoints
 * .125 .375 .625 .875; band (0.5, 1] holds ranks 3 and 4 (sizes 3 and 4). Size 3: tce 10,
 * 2 delegate, 3 contradict, 1 merge, 1 revise: shares .2 .3 .1, conversion 1/6. Size 4:
 * tce 4, 1 merge only: shares 0 0 .25, no conversion. Band: delegation .1, contradiction
 * .15, merge .175, conversion 1/6 (one cascade), pooled 2 / 6.
 */
static void
anatomy_by_hand(void **state)
{
	cc_anatomy_cascade c[4] = {
		{1, 1, 0, 0, 0, 0}, {2, 2, 1, 0, 0, 0}, {3, 10, 2, 3, 1, 1}, {4, 4, 0, 0, 1, 0}
	};
	cc_anatomy_band band[2] = {{0.5, 1.0}, {0.0, 0.5}};
	cc_anatomy_row row[2];
	cc_error	err;

	(void) state;
	assert_int_equal(cc_cascade_anatomy(c, 4, band, 2, row, &err), CC_OK);
	assert_int_equal(row[0].n_cascades, 2);
	assert_int_equal(row[0].rank_from, 3);
	assert_int_equal(row[0].rank_to, 4);
	assert_true(row[0].size_min == 3 && row[0].size_max == 4);
	assert_true(fabs(row[0].share_delegation - 0.1) < 1e-15);
	assert_true(fabs(row[0].share_contradiction - 0.15) < 1e-15);
	assert_true(fabs(row[0].share_merge - 0.175) < 1e-15);
	assert_int_equal(row[0].n_with_conversion, 1);
	assert_true(fabs(row[0].merge_conversion - 1.0 / 6.0) < 1e-15);
	assert_true(fabs(row[0].pooled_merge_conversion - 1.0 / 3.0) < 1e-15);
	/* (0, 0.5]: ranks 1 and 2, sizes 1 and 2; size 2 has one delegate: conversion 0 */
	assert_int_equal(row[1].n_cascades, 2);
	assert_int_equal(row[1].rank_from, 1);
	assert_true(row[1].size_min == 1 && row[1].size_max == 2);
	assert_true(fabs(row[1].share_delegation - 0.25) < 1e-15);
	assert_int_equal(row[1].n_with_conversion, 1);
	assert_true(row[1].merge_conversion == 0.0);
}

/*
 * Ties split by rank: four cascades of size 5 with 0..3 merges and equal tie keys are
 * ranked by their counts; (0.5, 1] holds merges 2 and 3 (share (.2 + .3) / 2), (0, 0.5]
 * the others. Tie keys come before the counts: keys 4, 3, 2, 1 on the same cascades reverse
 * the ranking. A band too narrow for any midpoint is empty (rank_to < rank_from, NaN
 * sizes); with no cascades at all every band is empty (NaN summaries).
 */
static void
anatomy_ties_and_empty(void **state)
{
	cc_anatomy_cascade c[4] = {
		{5, 10, 1, 0, 0, 0}, {5, 10, 1, 0, 1, 0}, {5, 10, 1, 0, 2, 0}, {5, 10, 1, 0, 3, 0}
	};
	cc_anatomy_band band[3] = {{0.5, 1.0}, {0.0, 0.5}, {0.2, 0.3}};
	cc_anatomy_band bad = {0.5, 0.5};
	cc_anatomy_row row[4];
	cc_error	err;

	(void) state;
	assert_int_equal(cc_cascade_anatomy(c, 4, band, 3, row, &err), CC_OK);
	assert_int_equal(row[0].n_cascades, 2);
	assert_true(row[0].size_min == 5 && row[0].size_max == 5);
	assert_true(fabs(row[0].share_merge - 0.25) < 1e-15);
	assert_true(fabs(row[0].merge_conversion - 2.5) < 1e-15);
	assert_int_equal(row[1].n_cascades, 2);
	assert_true(fabs(row[1].share_merge - 0.05) < 1e-15);
	for (int i = 0; i < 4; i++)
		c[i].tie[1] = (uint64_t) (4 - i);
	assert_int_equal(cc_cascade_anatomy(c, 4, band, 2, row, &err), CC_OK);
	assert_true(fabs(row[0].share_merge - 0.05) < 1e-15);
	assert_true(fabs(row[1].share_merge - 0.25) < 1e-15);
	/* (0.2, 0.3]: midpoints .125 and .375 lie outside */
	assert_int_equal(row[2].n_cascades, 0);
	assert_true(row[2].rank_to < row[2].rank_from);
	assert_true(isnan(row[2].size_min) && isnan(row[2].share_merge));
	assert_int_equal(cc_cascade_anatomy(c, 4, &bad, 1, row, &err), CC_EINVAL);
	c[2].size = NAN;
	assert_int_equal(cc_cascade_anatomy(c, 4, band, 2, row, &err), CC_EINVAL);
	c[2].size = 5;
	c[1].n_merge = -1;
	assert_int_equal(cc_cascade_anatomy(c, 4, band, 2, row, &err), CC_EINVAL);
	/* no cascades: empty bands */
	assert_int_equal(cc_cascade_anatomy(NULL, 0, CC_ANATOMY_DEFAULT_BANDS,
										CC_ANATOMY_N_DEFAULT_BANDS, row, &err), CC_OK);
	assert_int_equal(row[3].n_cascades, 0);
	assert_true(isnan(row[3].share_merge) && isnan(row[3].merge_conversion));
}

/*
 * The default bands against an independent count in integers, for n = 1..400 cascades with
 * heavy ties (sizes (k - 1) / 7 + 1): rank k is in band (L/100, H/100] iff
 * L n < 100 (k - 1/2) <= H n, i.e. 2 L n < 100 (2k - 1) <= 2 H n. Bands never share a
 * cascade, each band's merge share is that of exactly its ranks (cascade k has k merges in
 * a tce of 1000), and for odd n the median cascade is in the median band.
 */
static void
anatomy_rank_bands(void **state)
{
	static const int L[4] = {40, 85, 98, 99},
				H[4] = {60, 95, 99, 100};
	cc_anatomy_cascade *c = calloc(400, sizeof(cc_anatomy_cascade));
	cc_anatomy_row row[CC_ANATOMY_N_DEFAULT_BANDS];
	cc_error	err;
	int			n,
				k,
				b;

	(void) state;
	for (n = 1; n <= 400; n++)
	{
		int64_t		total = 0;

		/* sizes in descending order, ties (equal tie keys) in ascending k: ranked by size,
		 * then by the counts, cascade k (with k merges) has rank k */
		int			m = 0,
					g;

		for (g = (n - 1) / 7; g >= 0; g--)
			for (k = 7 * g + 1; k <= n && k <= 7 * g + 7; k++)
			{
				cc_anatomy_cascade x = {g + 1, 1000, 0, 0, k, 0};

				c[m++] = x;
			}
		assert_int_equal(cc_cascade_anatomy(c, (size_t) n, CC_ANATOMY_DEFAULT_BANDS,
											CC_ANATOMY_N_DEFAULT_BANDS, row, &err), CC_OK);
		for (b = 0; b < 4; b++)
		{
			int64_t		cnt = 0,
						merges = 0,
						first = 0,
						last = 0;

			for (k = 1; k <= n; k++)
				if (2 * L[b] * n < 100 * (2 * k - 1) && 100 * (2 * k - 1) <= 2 * H[b] * n)
				{
					cnt++;
					merges += k;
					if (first == 0)
						first = k;
					last = k;
				}
			assert_int_equal(row[b].n_cascades, cnt);
			total += row[b].n_cascades;
			if (cnt > 0)
			{
				assert_int_equal(row[b].rank_from, first);
				assert_int_equal(row[b].rank_to, last);
				assert_true(row[b].size_min == (first - 1) / 7 + 1);
				assert_true(row[b].size_max == (last - 1) / 7 + 1);
				assert_true(fabs(row[b].share_merge - (double) merges / 1000.0 / (double) cnt) < 1e-12);
			}
			if (b == 0 && n % 2 == 1)
				assert_true(row[0].rank_from <= (n + 1) / 2 && (n + 1) / 2 <= row[0].rank_to);
		}
		assert_true(total <= n);
	}
	free(c);
}

/*
 * Default bands on sizes 1..100 (distinct, so q(p) = 100p): median (40, 60] holds 41..60,
 * 90th (85, 95] 86..95, 99th (98, 99] = {99}, top 1% (99, 100] = {100}. Each cascade of
 * size s has tce s, s/2 delegates, s/4 contradictions, s/10 merges, 1 revise; the expected
 * means are recomputed here from those formulas over the band's sizes.
 */
static void
anatomy_default_bands(void **state)
{
	cc_anatomy_cascade c[100];
	cc_anatomy_row row[CC_ANATOMY_N_DEFAULT_BANDS];
	int			lo[4] = {41, 86, 99, 100},
				hi[4] = {60, 95, 99, 100};
	cc_error	err;
	int			s,
				b;

	(void) state;
	for (s = 1; s <= 100; s++)
	{
		cc_anatomy_cascade x = {s, s, s / 2, s / 4, s / 10, 1};

		c[100 - s] = x;			/* reverse order: the helper must sort */
	}
	assert_int_equal(cc_cascade_anatomy(c, 100, CC_ANATOMY_DEFAULT_BANDS,
										CC_ANATOMY_N_DEFAULT_BANDS, row, &err), CC_OK);
	for (b = 0; b < 4; b++)
	{
		double		sd = 0,
					conv = 0;
		int			n = hi[b] - lo[b] + 1;

		for (s = lo[b]; s <= hi[b]; s++)
		{
			sd += (double) (s / 2) / s;
			conv += (double) (s / 10) / (s / 2 + s / 4 + 1);
		}
		assert_int_equal(row[b].n_cascades, n);
		assert_true(fabs(row[b].share_delegation - sd / n) < 1e-12);
		assert_true(fabs(row[b].merge_conversion - conv / n) < 1e-12);
	}
}

/*
 * Claims made by endorsements and delegations (real E.3 logs): such a claim is a node of
 * the DAG like any other, placed by its parents, and its event counts once in TCE, toward
 * the cascade of that claim. Worked by hand:
 *   1 propose p1 (a, T0)            2 endorse, claim e2 (b), no parents: a root
 *   3 endorse, claim e3 (c), parent p1, target p1: endorses into p1's cascade
 *   4 delegate S1 under T0 (a), claim d4, parent e3
 *   5 merge m5 <- p1 e2 e3 (d)      6 revise r6 <- e2 (b)
 *   7 contradict x7 <- d4 (c)       8 endorse target m5 (a): no claim
 * Roots p1 (step 1) and e2 (step 2). e3, d4, x7 descend from p1 only; m5 from {p1, e2}:
 * p1. r6 from e2. Depths: e3 1, d4 2, x7 3, m5 = 1 + max(p1 0, e3 1) = 2, r6 1.
 * Cascade p1 {p1, e3, d4, m5, x7}: size 5; events p1, e3, d4, m5, x7 and step 8 (target
 *   m5): tce 6 = 1 propose + 2 endorse + 1 delegate + 1 merge + 1 contradict; agents
 *   {a, c, d} = 3; depth 3; conversion 1 merge / (1 delegate + 1 contradict) = 0.5.
 * Cascade e2 {e2, r6}: size 2, tce 2 (1 endorse, 1 revise), agents {b}, depth 1,
 *   conversion 0 / 1 revise = 0. Every event counts once: 6 + 2 = 8 events.
 * Statuses: e2, e3 endorsed, d4 delegated. Revision wave e2 -> r6 (length 2, started by an
 * endorsement's claim); burst 1 on d4 (x7); merge fan-in 3; delegation S1: 1 subtask.
 */
static void
claims_of_endorse_and_delegate(void **state)
{
	tb			b;
	cc_cascade_result res;
	cc_error	err;
	const cc_cascade_row *kp,
			   *ke;
	int			p1, e2, e3, d4, m5, r6, x7;

	(void) state;
	tb_init(&b);
	tb_add(&b, 1, "a", P, "p1", NULL, NULL, "T0", NULL);
	tb_add(&b, 2, "b", E, "e2", NULL, NULL, NULL, NULL);
	tb_add(&b, 3, "c", E, "e3", "p1", "p1", NULL, NULL);
	tb_add(&b, 4, "a", D, "d4", "e3", NULL, "S1", "T0");
	tb_add(&b, 5, "d", M, "m5", "p1 e2 e3", NULL, NULL, NULL);
	tb_add(&b, 6, "b", R, "r6", "e2", NULL, NULL, NULL);
	tb_add(&b, 7, "c", X, "x7", "d4", "d4", NULL, NULL);
	tb_add(&b, 8, "a", E, NULL, NULL, "m5", NULL, NULL);
	assert_int_equal(tb_run(&b, &res, &err), CC_OK);

	p1 = claim_ix(&res, "p1");
	e2 = claim_ix(&res, "e2");
	e3 = claim_ix(&res, "e3");
	d4 = claim_ix(&res, "d4");
	m5 = claim_ix(&res, "m5");
	r6 = claim_ix(&res, "r6");
	x7 = claim_ix(&res, "x7");
	assert_int_equal(res.n_claims, 7);
	assert_int_equal(res.claims[e2].status, CC_CLAIM_ENDORSED);
	assert_int_equal(res.claims[e3].status, CC_CLAIM_ENDORSED);
	assert_int_equal(res.claims[d4].status, CC_CLAIM_DELEGATED);
	assert_string_equal(cc_claim_status_name(res.claims[e2].status), "endorsed");
	assert_string_equal(cc_claim_status_name(res.claims[d4].status), "delegated");
	assert_int_equal(res.claims[e3].root, p1);
	assert_int_equal(res.claims[d4].root, p1);
	assert_int_equal(res.claims[x7].root, p1);
	assert_int_equal(res.claims[m5].root, p1);
	assert_int_equal(res.claims[e2].root, e2);
	assert_int_equal(res.claims[r6].root, e2);
	assert_int_equal(res.claims[e3].depth, 1);
	assert_int_equal(res.claims[d4].depth, 2);
	assert_int_equal(res.claims[x7].depth, 3);
	assert_int_equal(res.claims[m5].depth, 2);
	assert_int_equal(res.claims[r6].depth, 1);

	assert_int_equal(res.n_cascades, 2);
	kp = &res.cascades[cascade_ix(&res, "p1")];
	ke = &res.cascades[cascade_ix(&res, "e2")];
	assert_int_equal(kp->size, 5);
	assert_int_equal(kp->tce, 6);
	assert_int_equal(kp->n_by_type[P], 1);
	assert_int_equal(kp->n_by_type[E], 2);
	assert_int_equal(kp->n_by_type[D], 1);
	assert_int_equal(kp->n_by_type[M], 1);
	assert_int_equal(kp->n_by_type[X], 1);
	assert_int_equal(kp->n_by_type[R], 0);
	assert_int_equal(kp->n_agents_active, 3);
	assert_int_equal(kp->depth, 3);
	assert_true(kp->has_merge_conversion);
	assert_true(fabs(kp->merge_conversion - 0.5) < 1e-15);
	assert_int_equal(ke->size, 2);
	assert_int_equal(ke->tce, 2);
	assert_int_equal(ke->n_by_type[E], 1);
	assert_int_equal(ke->n_by_type[R], 1);
	assert_int_equal(ke->n_agents_active, 1);
	assert_int_equal(ke->depth, 1);
	assert_true(ke->has_merge_conversion);
	assert_true(ke->merge_conversion == 0.0);

	assert_int_equal(res.n_waves, 1);
	assert_int_equal(res.waves[0].first_claim, e2);
	assert_int_equal(res.waves[0].last_claim, r6);
	assert_int_equal(res.claims[e2].revision_chain, e2);
	assert_int_equal(res.n_event_sizes, 4);
	assert_int_equal(event_size(&res, CC_OBS_REVISION, r6), 2);
	assert_int_equal(event_size(&res, CC_OBS_CONTRADICTION, x7), 1);
	assert_int_equal(event_size(&res, CC_OBS_MERGE, m5), 3);
	assert_int_equal(event_size(&res, CC_OBS_DELEGATION, subtask_ix(&res, "S1")), 1);
	assert_int_equal(res.subtasks[subtask_ix(&res, "S1")].parent, subtask_ix(&res, "T0"));

	cc_cascade_result_free(&res);
	tb_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paper_worked_example),
		cmocka_unit_test(merges_across_cascades),
		cmocka_unit_test(claims_of_endorse_and_delegate),
		cmocka_unit_test(branching_revisions),
		cmocka_unit_test(delegation_tree),
		cmocka_unit_test(delegated_subtask_without_work),
		cmocka_unit_test(subtask_parents_that_exist),
		cmocka_unit_test(bursts_whole_run),
		cmocka_unit_test(bursts_step_windows),
		cmocka_unit_test(bursts_time_windows),
		cmocka_unit_test(root_ties_by_claim_id),
		cmocka_unit_test(same_step_lineage),
		cmocka_unit_test(propose_with_parents),
		cmocka_unit_test(event_type_names),
		cmocka_unit_test(anatomy_by_hand),
		cmocka_unit_test(anatomy_ties_and_empty),
		cmocka_unit_test(anatomy_default_bands),
		cmocka_unit_test(anatomy_rank_bands),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
