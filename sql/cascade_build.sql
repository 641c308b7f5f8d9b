-- build_cascades(): the derived tables from events (paper 000, App. E; DESIGN section 3).
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- No runs: nothing to do, not an error.
SELECT * FROM build_cascades();

-- The worked example of paper 000, App. E.5: c1 propose; c2 revise c1; c3 contradict c1;
-- c4 revise c2; c5 merge c2, c3, c4. The paper gives: revision wave 3, contradiction
-- burst 1, merge fan-in 3, TCE 5, one cascade rooted at c1.
INSERT INTO runs (run_id, topology, task_family, n_agents, model) VALUES ('e5', 'star', 'qa', 3, 'm');
INSERT INTO agents (run_id, agent_id) VALUES ('e5', 'a1'), ('e5', 'a2'), ('e5', 'a3');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, subtask_id) VALUES
    ('e5', 1, 'a1', 'propose',    'c1', '{}',         'T2'),
    ('e5', 2, 'a2', 'revise',     'c2', '{c1}',       'T3'),
    ('e5', 3, 'a3', 'contradict', 'c3', '{c1}',       'T3'),
    ('e5', 4, 'a2', 'revise',     'c4', '{c2}',       'T4'),
    ('e5', 5, 'a1', 'merge',      'c5', '{c2,c3,c4}', 'T5');
SELECT * FROM build_cascades();
SELECT observable, anchor_id, size FROM event_sizes ORDER BY observable;
SELECT root_claim_id, size, tce, depth, topology, task_family, n_agents, model FROM cascades;
SELECT claim_id, root_claim_id, claim_depth, claim_status FROM claims ORDER BY step_id;

-- Endorse and delegate events count in TCE when they target a claim of the cascade; the
-- delegation cascade of T6 holds T6 and T7 and the three events inside them (the two
-- delegates and the endorse).
INSERT INTO events (run_id, step_id, agent_id, event_type, subtask_id, parent_subtask_id, target_claim_id) VALUES
    ('e5', 6, 'a1', 'delegate', 'T6', 'T5', 'c5'),
    ('e5', 7, 'a2', 'delegate', 'T7', 'T6', NULL),
    ('e5', 8, 'a3', 'endorse',  'T7', NULL, 'c4');
SELECT * FROM build_cascades(ARRAY['e5']);
SELECT tce, n_delegate, n_endorse, n_agents_active FROM cascades;
SELECT observable, anchor_id, size, n_events FROM event_sizes WHERE observable = 'delegation' ORDER BY anchor_id;
SELECT subtask_id, parent_subtask_id, subtask_depth, assigned_agent FROM subtasks ORDER BY subtask_id;

-- A second run with two roots; rebuilding one run leaves the other's rows alone.
INSERT INTO runs (run_id, topology) VALUES ('two', 'chain');
INSERT INTO agents (run_id, agent_id) VALUES ('two', 'a');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES
    ('two', 0, 'a', 'propose', 'x', '{}'),
    ('two', 1, 'a', 'propose', 'y', '{}'),
    ('two', 2, 'a', 'merge',   'z', '{y,x}');
SELECT * FROM build_cascades(ARRAY['two']);
SELECT run_id, root_claim_id, size, tce FROM cascades ORDER BY run_id, root_claim_id;
SELECT claim_id, root_claim_id FROM claims WHERE run_id = 'two' ORDER BY claim_id;
SELECT * FROM build_cascades();

-- A merge of 400 claims: its parent array (13 kB of md5 ids) is stored out of line (TOAST),
-- which the events reader must fetch; build_cascades agrees with cascades_from (SPI reader).
INSERT INTO runs (run_id) VALUES ('wide');
INSERT INTO agents (run_id, agent_id) VALUES ('wide', 'a');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id)
    SELECT 'wide', i, 'a', 'propose', 'c' || md5(i::text) FROM generate_series(1, 400) i;
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids)
    SELECT 'wide', 401, 'a', 'merge', 'm', array_agg('c' || md5(i::text) ORDER BY i)
    FROM generate_series(1, 400) i;
SELECT pg_relation_size(reltoastrelid) > 0 AS toasted FROM pg_class WHERE relname = 'events';
SELECT * FROM build_cascades(ARRAY['wide']);
SELECT observable, anchor_id, size FROM event_sizes WHERE run_id = 'wide';
SELECT (SELECT count(*) FROM (SELECT * FROM cascades_from('events') WHERE run_id = 'wide'
                              EXCEPT SELECT run_id, root_claim_id, size, tce, n_propose, n_revise,
                                            n_contradict, n_merge, n_delegate, n_endorse,
                                            n_agents_active, depth, merge_conversion
                                     FROM cascades WHERE run_id = 'wide') d) AS cascades_differing,
       (SELECT count(*) FROM cascades WHERE run_id = 'wide') AS cascades,
       (SELECT max(root_claim_id) FROM claims WHERE run_id = 'wide' AND claim_id = 'm') AS root_of_m;
DELETE FROM runs WHERE run_id = 'wide';
SELECT count(*) AS wide_rows_left FROM events WHERE run_id = 'wide';

-- Bad lineage the table constraints cannot see: a parent missing from the run, a parent
-- created later than its child, a merge naming one claim twice. Each is an error naming
-- run, step and claim, and leaves the derived tables as they were.
INSERT INTO runs (run_id) VALUES ('bad');
INSERT INTO agents (run_id, agent_id) VALUES ('bad', 'a');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES
    ('bad', 0, 'a', 'propose', 'p', '{}'),
    ('bad', 1, 'a', 'revise',  'q', '{ghost}');
SELECT * FROM build_cascades();
SELECT count(*) AS claims_unchanged FROM claims;
UPDATE events SET parent_claim_ids = '{later}' WHERE run_id = 'bad' AND step_id = 1;
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('bad', 5, 'a', 'propose', 'later');
SELECT * FROM build_cascades(ARRAY['bad']);
UPDATE events SET event_type = 'merge', parent_claim_ids = '{p,p}' WHERE run_id = 'bad' AND step_id = 1;
SELECT * FROM build_cascades(ARRAY['bad']);

-- on_error => 'skip': the bad run is recorded in rejects, the good ones are built.
SELECT * FROM build_cascades(on_error => 'skip');
SELECT run_id, source, reason FROM rejects;
SELECT count(*) AS bad_rows FROM claims WHERE run_id = 'bad';

-- Contradiction bursts by window: three agents contradict c1 at steps 10, 11 and 30.
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES
    ('e5', 10, 'a1', 'contradict', 'k1', '{c1}'),
    ('e5', 11, 'a2', 'contradict', 'k2', '{c1}'),
    ('e5', 30, 'a3', 'contradict', 'k3', '{c1}');
SELECT * FROM build_cascades(ARRAY['e5']);
SELECT anchor_id, size FROM event_sizes WHERE run_id = 'e5' AND observable = 'contradiction' ORDER BY anchor_id;
SELECT * FROM build_cascades(ARRAY['e5'], burst_steps => 10);
SELECT anchor_id, size FROM event_sizes WHERE run_id = 'e5' AND observable = 'contradiction' ORDER BY anchor_id;

-- Bad arguments.
SELECT * FROM build_cascades(ARRAY['nope']);
SELECT * FROM build_cascades(ARRAY[NULL]);
SELECT * FROM build_cascades(burst_steps => 0);
SELECT * FROM build_cascades(burst_steps => 5, burst_interval => '1 minute');
SELECT * FROM build_cascades(burst_interval => '1 month');
SELECT * FROM build_cascades(burst_interval => '-1 second');
SELECT * FROM build_cascades(burst_interval => '1 minute');
SELECT * FROM build_cascades(on_error => 'ignore');
SELECT * FROM build_cascades(on_error => NULL);

-- Deleting a run removes its derived rows; truncating runs empties the derived tables.
SELECT run_id, count(*) AS claims FROM claims GROUP BY run_id ORDER BY run_id;
DELETE FROM runs WHERE run_id = 'two';
SELECT run_id, count(*) AS claims FROM claims GROUP BY run_id ORDER BY run_id;
SELECT count(*) AS two_rows FROM (SELECT run_id FROM subtasks UNION ALL SELECT run_id FROM cascades
    UNION ALL SELECT run_id FROM event_sizes) x WHERE run_id = 'two';
SET client_min_messages = warning;
TRUNCATE runs CASCADE;
RESET client_min_messages;
SELECT (SELECT count(*) FROM claims) + (SELECT count(*) FROM subtasks) + (SELECT count(*) FROM cascades)
       + (SELECT count(*) FROM event_sizes) AS derived_rows_left;

DROP EXTENSION collcog;
