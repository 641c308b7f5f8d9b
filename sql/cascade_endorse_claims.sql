-- Claims made by endorsements and delegations (real E.3 logs, docs/guide-cascades.md): a
-- claim node placed by its parents; its event counts once in TCE, toward that claim's
-- cascade. The run is the hand-worked case of test/unit/cascade/test_examples.c
-- (claims_of_endorse_and_delegate), whose expected tables are derived there:
--   cascade p1 {p1, e3, d4, m5, x7}: size 5, tce 6 (1 propose, 2 endorse, 1 delegate,
--     1 merge, 1 contradict), 3 agents, depth 3, merge conversion 1 / (1 + 1) = 0.5;
--   cascade e2 {e2, r6}: size 2, tce 2 (1 endorse, 1 revise), 1 agent, depth 1,
--     conversion 0 / 1 = 0.
CREATE EXTENSION collcog;
\set VERBOSITY terse

INSERT INTO runs (run_id, topology) VALUES ('e3', 'chain');
INSERT INTO agents (run_id, agent_id) VALUES ('e3', 'a'), ('e3', 'b'), ('e3', 'c'), ('e3', 'd');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, target_claim_id, subtask_id, parent_subtask_id) VALUES
    ('e3', 1, 'a', 'propose',    'p1', '{}',         NULL, 'T0', NULL),
    ('e3', 2, 'b', 'endorse',    'e2', '{}',         NULL, NULL, NULL),
    ('e3', 3, 'c', 'endorse',    'e3', '{p1}',       'p1', NULL, NULL),
    ('e3', 4, 'a', 'delegate',   'd4', '{e3}',       NULL, 'S1', 'T0'),
    ('e3', 5, 'd', 'merge',      'm5', '{p1,e2,e3}', NULL, NULL, NULL),
    ('e3', 6, 'b', 'revise',     'r6', '{e2}',       NULL, NULL, NULL),
    ('e3', 7, 'c', 'contradict', 'x7', '{d4}',       'd4', NULL, NULL),
    ('e3', 8, 'a', 'endorse',    NULL, '{}',         'm5', NULL, NULL);
SELECT * FROM build_cascades();
SELECT claim_id, root_claim_id, claim_depth, claim_status, revision_chain_id,
       contradiction_group_id, merge_id
FROM claims ORDER BY step_id;
SELECT root_claim_id, size, tce, n_propose, n_revise, n_contradict, n_merge, n_delegate,
       n_endorse, n_agents_active, depth, merge_conversion
FROM cascades ORDER BY root_claim_id;
SELECT observable, anchor_id, size FROM event_sizes ORDER BY observable, anchor_id;
-- Every event counts once.
SELECT sum(tce) = (SELECT count(*) FROM events) AS every_event_once FROM cascades;
-- The same from a table of the user's shaped like events.
CREATE TABLE my_events AS SELECT * FROM events;
SELECT claim_id, claim_status FROM claims_from('my_events')
EXCEPT SELECT claim_id, claim_status FROM claims;

DROP TABLE my_events;
DROP EXTENSION collcog;
