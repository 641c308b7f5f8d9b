-- claims_from(), subtasks_from(), cascades_from(), event_sizes_from(): the derived rows for
-- a user's own relation shaped like events, without writing anything.
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- A user's table with plain text columns (no collcog types), holding the worked example
-- of paper 000, App. E.5 (expected: one cascade rooted at c1, TCE 5, revision wave 3,
-- contradiction burst 1, merge fan-in 3), plus a delegation in a second run.
CREATE TABLE my_events (run_id text, step_id int, agent_id text, event_type text,
    claim_id text, parent_claim_ids text[], target_claim_id text, subtask_id text,
    parent_subtask_id text, ts timestamptz);
INSERT INTO my_events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, subtask_id) VALUES
    ('e5', 1, 'a1', 'propose',    'c1', '{}',         'T2'),
    ('e5', 2, 'a2', 'revise',     'c2', '{c1}',       'T3'),
    ('e5', 3, 'a3', 'contradict', 'c3', '{c1}',       'T3'),
    ('e5', 4, 'a2', 'revise',     'c4', '{c2}',       'T4'),
    ('e5', 5, 'a1', 'merge',      'c5', '{c2,c3,c4}', 'T5');
INSERT INTO my_events (run_id, step_id, agent_id, event_type, claim_id, subtask_id, parent_subtask_id, target_claim_id) VALUES
    ('d', 0, 'a', 'propose',  'x',  'root', NULL,   NULL),
    ('d', 1, 'a', 'delegate', NULL, 'S1',   'root', 'x'),
    ('d', 2, 'b', 'propose',  'y',  'S1',   NULL,   NULL);

SELECT * FROM cascades_from('my_events') ORDER BY run_id, root_claim_id;
SELECT run_id, claim_id, root_claim_id, claim_depth, claim_status FROM claims_from('my_events') ORDER BY run_id, step_id;
SELECT * FROM event_sizes_from('my_events') ORDER BY run_id, observable, anchor_id;
SELECT * FROM subtasks_from('my_events') ORDER BY run_id, subtask_id;

-- The paper's names of event types are accepted too (propose_claim, merge_claims, ...).
UPDATE my_events SET event_type = event_type || CASE event_type WHEN 'merge' THEN '_claims'
    WHEN 'delegate' THEN '_subtask' ELSE '_claim' END;
SELECT run_id, root_claim_id, size, tce FROM cascades_from('my_events') ORDER BY 1, 2;

-- A view selects the runs to analyse; heavy-tail fits and reports can read the rows directly.
CREATE VIEW e5_only AS SELECT * FROM my_events WHERE run_id = 'e5';
SELECT count(*) AS cascades, sum(tce) AS tce FROM cascades_from('e5_only');

-- Windows for contradiction bursts, as in build_cascades().
INSERT INTO my_events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES
    ('e5', 40, 'a1', 'contradict', 'k1', '{c1}');
SELECT anchor_id, size FROM event_sizes_from('my_events', burst_steps => 10)
WHERE observable = 'contradiction' ORDER BY anchor_id;
SELECT anchor_id, size FROM event_sizes_from('my_events') WHERE observable = 'contradiction';

-- The same rows as build_cascades() writes for the canonical tables.
INSERT INTO runs (run_id) SELECT DISTINCT run_id FROM my_events;
INSERT INTO agents (run_id, agent_id) SELECT DISTINCT run_id, agent_id FROM my_events;
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, target_claim_id, subtask_id, parent_subtask_id)
SELECT run_id, step_id, agent_id, split_part(event_type, '_', 1)::event_type, claim_id,
       coalesce(parent_claim_ids, '{}'), target_claim_id, subtask_id, parent_subtask_id
FROM my_events;
SELECT runs_built FROM build_cascades();
SELECT (SELECT count(*) FROM (SELECT * FROM claims_from('events') EXCEPT
        SELECT run_id, claim_id, step_id, root_claim_id, claim_depth, claim_status,
               revision_chain_id, contradiction_group_id, merge_id FROM claims) x) AS claims_differ,
       (SELECT count(*) FROM (SELECT * FROM cascades_from('events') EXCEPT
        SELECT run_id, root_claim_id, size, tce, n_propose, n_revise, n_contradict, n_merge,
               n_delegate, n_endorse, n_agents_active, depth, merge_conversion FROM cascades) x) AS cascades_differ,
       (SELECT count(*) FROM (SELECT * FROM event_sizes_from('events') EXCEPT
        SELECT run_id, observable, anchor_id, size, n_events FROM event_sizes) x) AS sizes_differ,
       (SELECT count(*) FROM (SELECT * FROM subtasks_from('events') EXCEPT
        SELECT run_id, subtask_id, parent_subtask_id, subtask_depth, assigned_agent,
               subtree_subtasks, subtree_events FROM subtasks) x) AS subtasks_differ;

-- The events reader reads a plain table keyed by (run_id, step_id) through that key and
-- anything else with a query: a view over events gives the same rows as events itself.
CREATE VIEW events_view AS SELECT * FROM events;
SELECT (SELECT count(*) FROM (SELECT * FROM claims_from('events') EXCEPT ALL
        SELECT * FROM claims_from('events_view')) x)
     + (SELECT count(*) FROM (SELECT * FROM claims_from('events_view') EXCEPT ALL
        SELECT * FROM claims_from('events')) x) AS rows_differ;
-- A keyed table under row-level security is read with a query, which applies the policy
-- to a user it binds (the key alone would read every row).
CREATE TABLE secret_events (LIKE events INCLUDING ALL);
INSERT INTO secret_events SELECT * FROM events;
ALTER TABLE secret_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY only_e5 ON secret_events USING (run_id = 'e5');
CREATE ROLE regress_collcog_reader;
GRANT SELECT ON secret_events TO regress_collcog_reader;
SET ROLE regress_collcog_reader;
SELECT run_id, count(*) AS cascades FROM cascades_from('secret_events') GROUP BY run_id;
RESET ROLE;
SELECT run_id, count(*) AS cascades FROM cascades_from('secret_events') GROUP BY run_id ORDER BY 1;
-- A NULL event type in a keyed table is named as in any other relation.
ALTER TABLE secret_events DISABLE ROW LEVEL SECURITY, ALTER COLUMN event_type DROP NOT NULL;
UPDATE secret_events SET event_type = NULL WHERE run_id = 'e5' AND step_id = 3;
SELECT count(*) FROM cascades_from('secret_events');
DROP TABLE secret_events;
DROP ROLE regress_collcog_reader;
DROP VIEW events_view;

-- An empty relation gives no rows; a row without a run_id is an error naming the relation
-- (22004), in each of the four functions, not a row left out.
CREATE TABLE no_events (LIKE my_events);
SELECT count(*) FROM cascades_from('no_events');
INSERT INTO no_events (run_id, step_id) VALUES (NULL, 1);
\set VERBOSITY sqlstate
SELECT count(*) FROM claims_from('no_events');
\set VERBOSITY terse
SELECT count(*) FROM claims_from('no_events');
SELECT count(*) FROM subtasks_from('no_events');
SELECT count(*) FROM cascades_from('no_events');
SELECT count(*) FROM event_sizes_from('no_events');
-- beside good runs too: nothing is returned
INSERT INTO no_events SELECT * FROM my_events;
SELECT count(*) FROM cascades_from('no_events');
SELECT count(*) AS cascades_of_good_runs FROM cascades_from('my_events');
DELETE FROM no_events;

-- Bad input: a relation without the columns, a missing relation, bad lineage, NULL and
-- unknown event types, NULL steps, bad windows.
CREATE TABLE not_events (run_id text, step text);
SELECT * FROM cascades_from('not_events');
SELECT * FROM cascades_from('missing_table');
SELECT count(*) FROM cascades_from(NULL);
SELECT count(*) FROM claims_from(NULL);
INSERT INTO no_events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES
    ('bad', 1, 'a', 'revise', 'q', '{ghost}');
SELECT * FROM cascades_from('no_events');
UPDATE no_events SET event_type = 'ponder' WHERE run_id = 'bad';
SELECT * FROM cascades_from('no_events');
UPDATE no_events SET event_type = NULL WHERE run_id = 'bad';
SELECT * FROM cascades_from('no_events');
UPDATE no_events SET event_type = 'propose', step_id = NULL, parent_claim_ids = '{}' WHERE run_id = 'bad';
SELECT * FROM cascades_from('no_events');
SELECT * FROM claims_from('my_events', burst_steps => -1);
SELECT * FROM event_sizes_from('my_events', burst_steps => 5, burst_interval => '1 hour');

DROP EXTENSION collcog;
DROP TABLE my_events, no_events, not_events CASCADE;
