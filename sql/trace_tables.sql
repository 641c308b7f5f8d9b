-- The canonical trace tables: shape, and that malformed rows are rejected.
CREATE EXTENSION collcog;
\set VERBOSITY terse

SELECT c.relname, c.relkind
FROM pg_depend d JOIN pg_class c ON c.oid = d.objid AND d.classid = 'pg_class'::regclass
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'collcog') AND d.deptype = 'e'
ORDER BY 1;

-- Every table is a configuration table, so pg_dump keeps its rows, but the DTI watcher's
-- state (dti_watch_runs, dti_watch_claims, dti_watch_cascades: rebuilt from events).
SELECT unnest(extconfig)::regclass AS dumped FROM pg_extension WHERE extname = 'collcog' ORDER BY 1;

SELECT enum_range(NULL::event_type);

-- A valid run: the App. E.5 worked example of paper 000.
INSERT INTO runs (run_id, topology, n_agents, success, score)
VALUES ('e5', 'star', 3, true, 0.9);
INSERT INTO agents (run_id, agent_id, agent_type) VALUES
    ('e5', 'a1', 'large'), ('e5', 'a2', 'small'), ('e5', 'a3', 'small');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, subtask_id) VALUES
    ('e5', 1, 'a1', 'propose',    'c1', '{}',          'T2'),
    ('e5', 2, 'a2', 'revise',     'c2', '{c1}',        'T3'),
    ('e5', 3, 'a3', 'contradict', 'c3', '{c1}',        'T3'),
    ('e5', 4, 'a2', 'revise',     'c4', '{c2}',        'T4'),
    ('e5', 5, 'a1', 'merge',      'c5', '{c2,c3,c4}',  'T5');
INSERT INTO events (run_id, step_id, agent_id, event_type, subtask_id, parent_subtask_id, target_claim_id) VALUES
    ('e5', 6, 'a1', 'delegate', 'T6', 'T5', 'c5'),
    ('e5', 7, 'a3', 'endorse',  NULL, NULL, 'c5');
INSERT INTO messages (run_id, t, source, target, weight) VALUES ('e5', 0, 'a1', 'a2', '{12, 1}');
SELECT count(*) AS events, count(claim_id) AS claims FROM events;

-- Runs: identifiers, domains.
INSERT INTO runs (run_id) VALUES (NULL);
INSERT INTO runs (run_id) VALUES ('');
INSERT INTO runs (run_id) VALUES (repeat('x', 257));
INSERT INTO runs (run_id) VALUES ('e5');
INSERT INTO runs (run_id, n_agents) VALUES ('r', 0);
INSERT INTO runs (run_id, topology) VALUES ('r', '');
INSERT INTO runs (run_id, score) VALUES ('r', 'NaN');
INSERT INTO runs (run_id, score) VALUES ('r', 'Infinity');
INSERT INTO runs (run_id, meta) VALUES ('r', '[1, 2]');

-- Agents: the run must exist, ids are unique per run.
INSERT INTO agents (run_id, agent_id) VALUES ('nowhere', 'a1');
INSERT INTO agents (run_id, agent_id) VALUES ('e5', 'a1');
INSERT INTO agents (run_id, agent_id) VALUES ('e5', NULL);

-- Events: references, duplicates, and what each event type must carry.
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('e5', 1, 'a1', 'propose', 'c9');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('e5', 9, 'a1', 'propose', 'c1');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('e5', 9, 'ghost', 'propose', 'c9');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('nowhere', 9, 'a1', 'propose', 'c9');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('e5', -1, 'a1', 'propose', 'c9');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('e5', 9, 'a1', 'propse', 'c9');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('e5', 9, 'a1', NULL, 'c9');
INSERT INTO events (run_id, step_id, agent_id, event_type) VALUES ('e5', 9, 'a1', 'propose');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES ('e5', 9, 'a1', 'revise', 'c9', '{}');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES ('e5', 9, 'a1', 'revise', 'c9', '{c1,c2}');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES ('e5', 9, 'a1', 'contradict', 'c9', '{}');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, target_claim_id) VALUES ('e5', 9, 'a1', 'contradict', 'c9', '{c1}', 'c2');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES ('e5', 9, 'a1', 'merge', 'c9', '{c1}');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES ('e5', 9, 'a1', 'merge', 'c9', '{c1,NULL}');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES ('e5', 9, 'a1', 'merge', 'c9', '{{c1,c2},{c3,c4}}');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES ('e5', 9, 'a1', 'merge', 'c9', '{c1,c9}');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES ('e5', 9, 'a1', 'merge', 'c9', '{c1,""}');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES ('e5', 9, 'a1', 'merge', 'c9', NULL);
INSERT INTO events (run_id, step_id, agent_id, event_type) VALUES ('e5', 9, 'a1', 'delegate');
INSERT INTO events (run_id, step_id, agent_id, event_type, subtask_id, parent_subtask_id) VALUES ('e5', 9, 'a1', 'delegate', 'T9', 'T9');
-- delegate and endorse may create a claim (as real E.3 logs do), with parents; without a
-- claim they still may not have parents.
BEGIN;
INSERT INTO events (run_id, step_id, agent_id, event_type, subtask_id, parent_subtask_id, claim_id, parent_claim_ids) VALUES ('e5', 9, 'a1', 'delegate', 'T9', 'T5', 'c9', '{c5}');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('e5', 10, 'a2', 'endorse', 'c10');
SELECT step_id, event_type, claim_id, parent_claim_ids, target_claim_id FROM events WHERE step_id >= 9 ORDER BY step_id;
ROLLBACK;
INSERT INTO events (run_id, step_id, agent_id, event_type, subtask_id, parent_claim_ids) VALUES ('e5', 9, 'a1', 'delegate', 'T9', '{c1}');
INSERT INTO events (run_id, step_id, agent_id, event_type) VALUES ('e5', 9, 'a1', 'endorse');
INSERT INTO events (run_id, step_id, agent_id, event_type, target_claim_id, parent_claim_ids) VALUES ('e5', 9, 'a1', 'endorse', 'c1', '{c2}');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, message_length) VALUES ('e5', 9, 'a1', 'propose', 'c9', -5);

-- Messages: endpoints must be agents of the run, weights finite and non-negative.
INSERT INTO messages (run_id, t, source, target, weight) VALUES ('e5', 0, 'a1', 'ghost', '{1}');
INSERT INTO messages (run_id, t, source, target, weight) VALUES ('e5', -1, 'a1', 'a2', '{1}');
INSERT INTO messages (run_id, t, source, target, weight) VALUES ('e5', 1, 'a1', 'a2', '{}');
INSERT INTO messages (run_id, t, source, target, weight) VALUES ('e5', 1, 'a1', 'a2', '{1,NULL}');
INSERT INTO messages (run_id, t, source, target, weight) VALUES ('e5', 1, 'a1', 'a2', '{1,-2}');
INSERT INTO messages (run_id, t, source, target, weight) VALUES ('e5', 1, 'a1', 'a2', '{1,NaN}');
INSERT INTO messages (run_id, t, source, target, weight) VALUES ('e5', 1, 'a1', 'a2', '{1,Infinity}');
INSERT INTO messages (run_id, t, source, target, weight) VALUES ('e5', 1, 'a1', 'a2', '{{1},{2}}');
INSERT INTO messages (run_id, t, source, target, weight) VALUES ('e5', 0, 'a1', 'a2', '{3}');

-- Nothing above changed the valid run.
SELECT (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM agents) AS agents,
       (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM messages) AS messages;

-- Deleting a run removes everything that belongs to it.
DELETE FROM runs WHERE run_id = 'e5';
SELECT (SELECT count(*) FROM agents) AS agents, (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM messages) AS messages;

DROP EXTENSION collcog;
