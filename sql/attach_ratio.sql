-- routing_ratio(): the routing ratio R(k) (paper 000, Eq. 5-6), against an independent
-- replay written here in plain SQL, and by hand.
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- By hand (n_agents 2): a chain of revisions, each building on the newest claim, so every
-- selection is at k = 0. Step 1 refs c1 (available: c1 at 0; A = 1): expected(0) += 1.
-- Step 2 refs c2 (c1 at 1, c2 at 0; A = 2): expected(0) += 1/2, expected(1) += 1/2.
-- Step 3 refs c3 (c1, c2 at 1, c3 at 0): expected(0) += 1/3, expected(1) += 2/3.
-- Selections(0) = 3, expected(0) = 11/6, R(0) = 18/11 = 1.6363636364; expected(1) = 7/6,
-- R(1) = 0.
INSERT INTO runs (run_id, n_agents) VALUES ('chain', 2);
INSERT INTO agents (run_id, agent_id) VALUES ('chain', 'a');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES
    ('chain', 0, 'a', 'propose', 'c1', '{}'),
    ('chain', 1, 'a', 'revise',  'c2', '{c1}'),
    ('chain', 2, 'a', 'revise',  'c3', '{c2}'),
    ('chain', 3, 'a', 'revise',  'c4', '{c3}');
SELECT event_type, k, selections, round(expected::numeric, 10) AS expected,
       round(ratio::numeric, 10) AS ratio
FROM routing_ratio(ARRAY['chain']) ORDER BY event_type NULLS FIRST, k;

-- A contradiction names its claim as parent and target: one reference, one selection. An
-- endorsement of a claim made at the same step's predecessor sees it (earlier step); its
-- own claim (an endorsement may make one) is not among its references.
INSERT INTO runs (run_id, n_agents) VALUES ('ends', 3);
INSERT INTO agents (run_id, agent_id) VALUES ('ends', 'a');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids,
                    target_claim_id) VALUES
    ('ends', 0, 'a', 'propose',    'c1', '{}',     NULL),
    ('ends', 1, 'a', 'contradict', 'c2', '{c1}',   'c1'),
    ('ends', 2, 'a', 'endorse',    'e1', '{}',     'c1');
-- step 1: c1 at 0 (A = 1): sel(0) 1, expected(0) 1. step 2: c1 at 1, c2 at 0 (A = 2):
-- sel(1) 1, expected(0) 1/2, expected(1) 1/2.
SELECT event_type, k, selections, round(expected::numeric, 10) AS expected
FROM routing_ratio(ARRAY['ends']) ORDER BY event_type NULLS FIRST, k;

-- Simulated runs with merges (several parents), endorsements and delegations, two sizes, a
-- context window and a sparse topology (which only change what the simulator draws from:
-- the estimator always counts every claim made at an earlier step). The events table's key
-- (run_id, step_id) gives every event a step of its own; events sharing a step are covered
-- by the core's unit test (test/unit/attach).
CALL simulate_routing_into(n_agents => 6, steps => 150, gamma => 1, runs => 3, seed => 11,
                           run_prefix => 'rr6');
CALL simulate_routing_into(n_agents => 9, steps => 150, gamma => 0.5, runs => 2, seed => 12,
                           topology => 'sparse_mesh', context_window => 30, run_prefix => 'rr9');
SELECT count(*) FILTER (WHERE event_type = 'merge') > 0 AS merges,
       count(*) FILTER (WHERE event_type = 'endorse') > 0 AS endorsements,
       count(*) FILTER (WHERE event_type = 'delegate' AND target_claim_id IS NOT NULL) > 0
           AS delegations
FROM events WHERE run_id LIKE 'rr%';

-- The replay in plain SQL. The references of an event: the distinct claims among its
-- parents and target, not its own claim.
CREATE TEMP TABLE rr_refs AS
SELECT DISTINCT e.run_id, e.step_id, e.event_type, c.claim_id
FROM events e CROSS JOIN LATERAL unnest(e.parent_claim_ids || e.target_claim_id) AS c(claim_id)
WHERE e.run_id LIKE 'rr%' AND c.claim_id IS NOT NULL AND c.claim_id IS DISTINCT FROM e.claim_id;
CREATE TEMP TABLE rr_made AS
SELECT run_id, claim_id, step_id AS made_at FROM events
WHERE run_id LIKE 'rr%' AND claim_id IS NOT NULL;
-- Events with selections: m available claims referenced, A available claims.
CREATE TEMP TABLE rr_events AS
SELECT r.run_id, r.step_id, r.event_type, count(*) AS m,
       (SELECT count(*) FROM rr_made a WHERE a.run_id = r.run_id AND a.made_at < r.step_id) AS big_a
FROM rr_refs r JOIN rr_made mk ON mk.run_id = r.run_id AND mk.claim_id = r.claim_id
WHERE mk.made_at < r.step_id
GROUP BY r.run_id, r.step_id, r.event_type;
-- Every claim available to each such event, with its activity then: the references of it by
-- events at earlier steps.
CREATE TEMP TABLE rr_state AS
SELECT ev.run_id, ev.step_id, ev.event_type, ev.m, ev.big_a, a.claim_id, count(r.step_id) AS k
FROM rr_events ev
JOIN rr_made a ON a.run_id = ev.run_id AND a.made_at < ev.step_id
LEFT JOIN rr_refs r ON r.run_id = a.run_id AND r.claim_id = a.claim_id AND r.step_id < ev.step_id
GROUP BY ev.run_id, ev.step_id, ev.event_type, ev.m, ev.big_a, a.claim_id;
CREATE TEMP TABLE rr_expected AS
SELECT u.n_agents, s.event_type, s.k,
       sum(s.m::float8 / s.big_a) AS expected,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM rr_refs r WHERE r.run_id = s.run_id
                        AND r.step_id = s.step_id AND r.claim_id = s.claim_id)) AS selections
FROM rr_state s JOIN runs u USING (run_id)
GROUP BY GROUPING SETS ((u.n_agents, s.event_type, s.k), (u.n_agents, s.k));

-- Every level of every size and type (NULL: all types) agrees: selections exactly, expected
-- to rounding. The rows that differ are printed.
CREATE TEMP TABLE rr_mine AS
SELECT * FROM routing_ratio(ARRAY(SELECT run_id FROM runs WHERE run_id LIKE 'rr%'));
SELECT coalesce(m.n_agents, x.n_agents) AS n_agents, coalesce(m.event_type, x.event_type) AS event_type,
       coalesce(m.k, x.k) AS k, m.selections, x.selections AS ref_selections,
       m.expected, x.expected AS ref_expected
FROM rr_mine m FULL JOIN rr_expected x
  ON x.n_agents = m.n_agents AND x.event_type IS NOT DISTINCT FROM m.event_type AND x.k = m.k
WHERE m.k IS NULL OR x.k IS NULL OR m.selections <> x.selections
   OR abs(m.expected - x.expected) > 1e-9 * greatest(1, x.expected)
   OR m.ratio IS DISTINCT FROM m.selections / m.expected;
-- (propose references no claim: the other five types have rows)
SELECT count(*) > 100 AS many_levels_compared,
       count(DISTINCT event_type) = 5 AS every_referencing_type_compared FROM rr_mine;

-- All runs by default: the same rows for the simulated runs, the hand-made ones besides.
SELECT count(*) AS rows_missing FROM (
    SELECT n_agents, event_type, k, selections FROM rr_mine
    EXCEPT SELECT n_agents, event_type, k, selections FROM routing_ratio()) d;

-- Runs without build_cascades() output are replayed from their events (no derived table is
-- read): nothing has been built here.
SELECT count(*) AS cascades_built FROM cascades;

-- Bad input.
SELECT * FROM routing_ratio(ARRAY['chain', NULL]);
SELECT * FROM routing_ratio(ARRAY['chain', 'nope']);
SELECT count(*) AS rows_for_no_runs FROM routing_ratio('{}');
INSERT INTO runs (run_id, n_agents) VALUES ('empty', 7);
SELECT count(*) AS rows_for_run_without_events FROM routing_ratio(ARRAY['empty']);

DROP TABLE rr_refs, rr_made, rr_events, rr_state, rr_expected, rr_mine;
DROP EXTENSION collcog;
