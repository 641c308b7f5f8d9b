-- trace_summary(): what is loaded, per topology.
CREATE EXTENSION collcog;

-- Empty warehouse: no rows, not an error.
SELECT * FROM trace_summary();

-- Three runs, two topologies, one without an outcome. Expected values counted by hand:
-- star: 2 runs, 2 + 1 agents, 3 + 1 events of which 2 + 1 create claims, success 1 of 2;
-- chain: 1 run, 1 agent, no events, outcome unknown (success_rate NULL).
INSERT INTO runs (run_id, topology, success) VALUES ('s1', 'star', true), ('s2', 'star', false),
    ('c1', 'chain', NULL);
INSERT INTO agents (run_id, agent_id) VALUES ('s1', 'a'), ('s1', 'b'), ('s2', 'a'), ('c1', 'a');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, target_claim_id) VALUES
    ('s1', 0, 'a', 'propose', 'x', '{}', NULL),
    ('s1', 1, 'b', 'revise', 'y', '{x}', NULL),
    ('s1', 2, 'a', 'endorse', NULL, '{}', 'y'),
    ('s2', 0, 'a', 'propose', 'x', '{}', NULL);
SELECT * FROM trace_summary();

-- A run with no topology is summarised under NULL, after the named ones.
INSERT INTO runs (run_id) VALUES ('u1');
SELECT topology, runs, agents, events FROM trace_summary();

DROP EXTENSION collcog;
