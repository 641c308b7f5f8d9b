-- Who did the work: cascade_agents (per cascade and agent, paper 000 Eq. 3) and the view
-- agent_effort (per agent of a run, zeros for idle agents). The hand-worked run below:
--   1 a propose p1; 2 b revise r2 {p1}; 3 c endorse -> p1 (creates no claim);
--   4 b contradict x4 {r2}; 5 a propose q5; 6 d merge m6 {x4, q5}; 7 c delegate -> q5.
-- m6 descends from roots p1 (step 1) and q5 (step 5): its root is p1. So
--   cascade p1 {p1, r2, x4, m6}: a 1 claim / 1 event, b 2 / 2, c 0 / 1 (endorse),
--     d 1 / 1; active agents (with a claim) a, b, d = 3 (c only endorsed);
--   cascade q5 {q5}: a 1 / 1, c 0 / 1 (delegate); active agents 1.
-- agent_effort: a 2 claims / 2 events, b 2 / 2, c 0 / 2, d 1 / 1, e 0 / 0 (no events).
CREATE EXTENSION collcog;
\set VERBOSITY terse

INSERT INTO runs (run_id, topology, n_agents) VALUES ('h', 'star', 5);
INSERT INTO agents (run_id, agent_id) VALUES ('h', 'a'), ('h', 'b'), ('h', 'c'), ('h', 'd'), ('h', 'e');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, target_claim_id, subtask_id, parent_subtask_id) VALUES
    ('h', 1, 'a', 'propose',    'p1', '{}',      NULL, NULL, NULL),
    ('h', 2, 'b', 'revise',     'r2', '{p1}',    NULL, NULL, NULL),
    ('h', 3, 'c', 'endorse',    NULL, '{}',      'p1', NULL, NULL),
    ('h', 4, 'b', 'contradict', 'x4', '{r2}',    'r2', NULL, NULL),
    ('h', 5, 'a', 'propose',    'q5', '{}',      NULL, NULL, NULL),
    ('h', 6, 'd', 'merge',      'm6', '{x4,q5}', NULL, NULL, NULL),
    ('h', 7, 'c', 'delegate',   NULL, '{}',      'q5', 'S1', 'T0');
SELECT runs_built, cascades FROM build_cascades();
SELECT root_claim_id, agent_id, claims, events, n_propose, n_revise, n_contradict, n_merge,
       n_delegate, n_endorse
FROM cascade_agents ORDER BY root_claim_id, agent_id;
SELECT root_claim_id, size, tce, n_agents_active FROM cascades ORDER BY root_claim_id;
SELECT agent_id, claims, events, n_propose, n_revise, n_contradict, n_merge, n_delegate,
       n_endorse
FROM agent_effort WHERE run_id = 'h' ORDER BY agent_id;
-- The same rows from any relation shaped like events.
SELECT count(*) AS rows_differ FROM (
    (SELECT * FROM cascade_agents_from('events') EXCEPT ALL
     SELECT run_id, root_claim_id, agent_id, claims, events, n_propose, n_revise, n_contradict,
            n_merge, n_delegate, n_endorse FROM cascade_agents)
    UNION ALL
    (SELECT run_id, root_claim_id, agent_id, claims, events, n_propose, n_revise, n_contradict,
            n_merge, n_delegate, n_endorse FROM cascade_agents EXCEPT ALL
     SELECT * FROM cascade_agents_from('events'))) d;

-- Simulated runs: each cascade's agent rows add up to its counts, its active agents are
-- its rows with a claim, and every claim of a run is some agent's claim of some cascade.
CALL simulate_routing_into(n_agents => 12, steps => 600, runs => 3, seed => 5, run_prefix => 's');
SELECT runs_built FROM build_cascades();
SELECT count(*) AS cascades_that_disagree
FROM cascades c
JOIN (SELECT run_id, root_claim_id, sum(claims) AS claims, sum(events) AS events,
             count(*) FILTER (WHERE claims > 0) AS active,
             sum(n_propose) AS p, sum(n_revise) AS r, sum(n_contradict) AS x,
             sum(n_merge) AS m, sum(n_delegate) AS d, sum(n_endorse) AS e
      FROM cascade_agents GROUP BY 1, 2) a USING (run_id, root_claim_id)
WHERE (a.claims, a.events, a.active, a.p, a.r, a.x, a.m, a.d, a.e)
      IS DISTINCT FROM (c.size::numeric, c.tce::numeric, c.n_agents_active::bigint,
                        c.n_propose::numeric, c.n_revise::numeric, c.n_contradict::numeric,
                        c.n_merge::numeric, c.n_delegate::numeric, c.n_endorse::numeric);
SELECT (SELECT count(*) FROM cascades) = (SELECT count(DISTINCT (run_id, root_claim_id)) FROM cascade_agents)
       AS every_cascade_has_rows;
-- agent_effort: one row per agent; its events and claims are the run's.
SELECT (SELECT count(*) FROM agent_effort) = (SELECT count(*) FROM agents) AS one_row_per_agent,
       (SELECT sum(events) FROM agent_effort) = (SELECT count(*) FROM events) AS every_event,
       (SELECT sum(claims) FROM agent_effort) = (SELECT count(*) FROM claims) AS every_claim,
       (SELECT sum(claims) FROM agent_effort WHERE run_id LIKE 's%')
         = (SELECT sum(claims) FROM cascade_agents WHERE run_id LIKE 's%') AS claims_as_in_cascades;

-- Rebuilding one run replaces its rows; deleting or truncating runs removes them.
UPDATE events SET agent_id = 'e' WHERE run_id = 'h' AND step_id = 3;
SELECT runs_built FROM build_cascades(ARRAY['h']);
SELECT agent_id, claims, events FROM cascade_agents WHERE run_id = 'h' AND root_claim_id = 'p1'
ORDER BY agent_id;
DELETE FROM runs WHERE run_id = 'h';
SELECT count(*) AS rows_of_deleted_run FROM cascade_agents WHERE run_id = 'h';
TRUNCATE runs CASCADE;
SELECT count(*) AS rows_after_truncate FROM cascade_agents;

DROP EXTENSION collcog;
