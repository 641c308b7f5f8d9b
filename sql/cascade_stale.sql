-- run_builds and stale_runs: build_cascades() records when it built each run, and the runs
-- whose derived rows are missing or may no longer match their trace are listed with why.
CREATE EXTENSION collcog;
\set VERBOSITY terse

INSERT INTO runs (run_id, topology, success) VALUES ('a', 'star', true), ('b', 'star', true),
    ('c', 'chain', false), ('bad', 'chain', NULL);
INSERT INTO agents (run_id, agent_id) SELECT run_id, 'x' FROM runs;
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids)
SELECT run_id, s, 'x', CASE WHEN s = 0 THEN 'propose' ELSE 'revise' END::event_type,
       'c' || s, CASE WHEN s = 0 THEN '{}' ELSE ARRAY['c' || (s - 1)] END::trace_id[]
FROM runs, generate_series(0, 2) s WHERE run_id <> 'bad';
-- A revision of a claim that does not exist: build_cascades skips the run with on_error.
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids)
VALUES ('bad', 0, 'x', 'revise', 'c1', '{c0}');

-- Nothing built yet: every run is listed.
SELECT run_id, built_at IS NULL AS never, reason FROM stale_runs ORDER BY run_id;

-- A reload records every run with the events it read and the options it used, at the start
-- of its transaction.
BEGIN;
SELECT * FROM build_cascades(burst_steps => 5, on_error => 'skip');
SELECT run_id, built_at = now() AS now, skipped, n_events, burst_steps, burst_interval, changed_at
FROM run_builds ORDER BY run_id;
COMMIT;
SELECT run_id, reason FROM stale_runs ORDER BY run_id;

-- Fixing the bad run and clearing its reject does not build it: it stays listed until built.
UPDATE events SET event_type = 'propose', parent_claim_ids = '{}' WHERE run_id = 'bad';
DELETE FROM rejects;
SELECT run_id, reason FROM stale_runs ORDER BY run_id;

-- Rebuilding the listed runs brings everything up to date.
SELECT runs_built FROM build_cascades(ARRAY(SELECT run_id FROM stale_runs));
SELECT count(*) AS stale FROM stale_runs;

-- An added event (no trigger: its count differs), an updated event, a deleted event, a
-- changed attribute that cascades copy; a changed attribute they do not copy (success) is
-- not a change of the derived rows.
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('a', 9, 'x', 'propose', 'n');
UPDATE events SET ts = '2026-01-01' WHERE run_id = 'b' AND step_id = 1;
UPDATE runs SET topology = 'ring' WHERE run_id = 'c';
UPDATE runs SET success = NOT success WHERE run_id IN ('a', 'b');
SELECT run_id, changed_at IS NOT NULL AS marked, reason FROM stale_runs ORDER BY run_id;
SELECT runs_built FROM build_cascades(ARRAY(SELECT run_id FROM stale_runs));
DELETE FROM events WHERE run_id = 'bad' AND step_id = 0;
SELECT run_id, reason FROM stale_runs ORDER BY run_id;
SELECT runs_built FROM build_cascades(ARRAY['bad']);
SELECT run_id, n_events FROM run_builds WHERE run_id = 'bad';

-- Moving an event to another run marks both runs.
UPDATE events SET run_id = 'c', agent_id = 'x', step_id = 99 WHERE run_id = 'a' AND step_id = 9;
SELECT run_id, reason FROM stale_runs ORDER BY run_id;
SELECT runs_built FROM build_cascades();

-- Deleting a run removes its build record; truncating events marks every run.
DELETE FROM runs WHERE run_id = 'bad';
SELECT run_id FROM run_builds ORDER BY run_id;
TRUNCATE events;
SELECT run_id, reason FROM stale_runs ORDER BY run_id;
TRUNCATE runs CASCADE;
SELECT count(*) AS build_records FROM run_builds;

DROP EXTENSION collcog;
