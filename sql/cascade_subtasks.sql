-- The subtask forest's lineage through build_cascades(): which parent subtasks exist, the
-- errors for those that do not (23000, run and step named), and on_error => 'skip'.
-- Starts from a fresh extension and drops it at the end, whatever ran before.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS collcog CASCADE;
RESET client_min_messages;
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- An error as "SQLSTATE: message", or "no error".
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

INSERT INTO runs (run_id) VALUES ('named'), ('unnamed'), ('typo'), ('late'), ('other');
INSERT INTO agents (run_id, agent_id) SELECT run_id, 'a' FROM runs;

-- The task named only as a parent (no event belongs to it), as in the trace format's
-- example: a root of the forest.
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, subtask_id, parent_subtask_id) VALUES
    ('unnamed', 0, 'a', 'delegate', NULL, 's1', 'task'),
    ('unnamed', 1, 'a', 'propose',  'c1', 's1', NULL),
    ('unnamed', 2, 'a', 'delegate', NULL, 's2', 's1');
-- Events belong to the task; the delegations hang under it, and an event may repeat the
-- parent of its subtask.
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, subtask_id, parent_subtask_id) VALUES
    ('named', 0, 'a', 'propose',  'c1', 'task', NULL),
    ('named', 1, 'a', 'delegate', NULL, 's1',   'task'),
    ('named', 2, 'a', 'propose',  'c2', 's1',   'task');
SELECT * FROM build_cascades();
SELECT run_id, subtask_id, parent_subtask_id, subtask_depth, subtree_subtasks, subtree_events
FROM subtasks ORDER BY run_id, subtask_id;

-- A delegation under a name that nothing else holds, beside a root that events belong to.
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, subtask_id, parent_subtask_id) VALUES
    ('typo', 0, 'a', 'propose',  'c1', 'task', NULL),
    ('typo', 1, 'a', 'delegate', NULL, 's1',   'task'),
    ('typo', 2, 'a', 'delegate', NULL, 's2',   'tsak');
SELECT pg_temp.err($$SELECT * FROM build_cascades(ARRAY['typo'])$$);
-- Without events in a root, the earliest delegation names the task: a second name is unknown.
UPDATE events SET subtask_id = 's1' WHERE run_id = 'typo' AND step_id = 0;
SELECT pg_temp.err($$SELECT * FROM build_cascades(ARRAY['typo'])$$);

-- A forward reference: the parent subtask is delegated at a later step.
INSERT INTO events (run_id, step_id, agent_id, event_type, subtask_id, parent_subtask_id) VALUES
    ('late', 0, 'a', 'delegate', 's1', 'task'),
    ('late', 1, 'a', 'delegate', 's3', 's2'),
    ('late', 2, 'a', 'delegate', 's2', 's1');
SELECT pg_temp.err($$SELECT * FROM build_cascades(ARRAY['late'])$$);

-- A parent subtask on an event that is not a delegation must be its subtask's parent; for a
-- subtask no delegate creates ("task" below) it is kept in events and not used: the subtask
-- stays a root (paper 000's own logs name such parents).
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, target_claim_id, subtask_id, parent_subtask_id) VALUES
    ('other', 0, 'a', 'delegate', NULL, NULL, 's1', 'task'),
    ('other', 1, 'a', 'propose',  'c1', NULL, 's1', 'task'),
    ('other', 2, 'a', 'endorse',  NULL, 'c1', 's1', 's0');
SELECT pg_temp.err($$SELECT * FROM build_cascades(ARRAY['other'])$$);
UPDATE events SET parent_subtask_id = 'task', subtask_id = NULL WHERE run_id = 'other' AND step_id = 2;
SELECT pg_temp.err($$SELECT * FROM build_cascades(ARRAY['other'])$$);
UPDATE events SET subtask_id = 'task', parent_subtask_id = 's9' WHERE run_id = 'other' AND step_id = 2;
SELECT pg_temp.err($$SELECT * FROM build_cascades(ARRAY['other'])$$);
SELECT subtask_id, parent_subtask_id, subtask_depth FROM subtasks WHERE run_id = 'other' ORDER BY 1;

-- Nothing was written by the failed builds ("other" was built by the last call); with
-- on_error => 'skip' the two bad runs go
-- to rejects with the reason, and the good ones are built.
SELECT run_id, count(*) AS subtasks FROM subtasks GROUP BY run_id ORDER BY run_id;
SELECT * FROM build_cascades(on_error => 'skip');
SELECT run_id, source, reason FROM rejects ORDER BY run_id;
SELECT run_id, count(*) AS subtasks FROM subtasks GROUP BY run_id ORDER BY run_id;

DROP EXTENSION collcog;
