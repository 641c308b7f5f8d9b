-- dti_watch(), dti_unwatch(): the live DTI watcher agrees exactly with dti_replay() on the
-- same events inserted row by row, in batches and after a catch-up; a rolled-back batch
-- leaves no state; bad input is refused with its SQLSTATE. (The notifications themselves
-- are tested with real listeners in test/integration/34_dti_watch.t.sh.)
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- The SQLSTATE a statement raises (NULL when it succeeds); its effects are rolled back.
CREATE FUNCTION sqlstate_of(stmt text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE stmt;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;

CREATE TABLE watch_params (topology text, task_family text, beta_c float8, c float8, tau float8);
INSERT INTO watch_params VALUES ('star', 'qa', 1, 1, 1.5), ('star', 'sim', 1, 0.5, 3),
                          ('chain', 'sim', 0.8, 0.6, 2);

-- By hand: the run of sql/dti_replay.sql (c = 1, beta_c = 1, tau = 1.5), in three
-- statements. The trigger at step 4 is the last event of the first statement: its segment
-- stays triggered, the run waits (pending_root p1) until the next statement brings step 5,
-- the DTI merge that integrates it.
INSERT INTO runs (run_id, topology, task_family) VALUES ('h', 'star', 'qa');
INSERT INTO agents (run_id, agent_id) VALUES ('h', 'a'), ('h', 'b'), ('h', 'c'), ('h', 'd');
SELECT dti_watch('watch_params');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, target_claim_id, payload) VALUES
    ('h', 1,  'a', 'propose',    'p1',  '{}',      NULL, NULL),
    ('h', 2,  'b', 'revise',     'r2',  '{p1}',    NULL, NULL),
    ('h', 3,  'a', 'propose',    'q3',  '{p1}',    NULL, NULL),
    ('h', 4,  'b', 'contradict', 'x4',  '{q3}',    NULL, NULL);
SELECT root_claim_id, n, m, triggered, heads, n_heads FROM dti_watch_cascades;
SELECT last_step, pending_root FROM dti_watch_runs;
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, target_claim_id, payload) VALUES
    ('h', 5,  'c', 'merge',      'm5',  '{x4,r2}', NULL, '{"dti": true, "deficit": 2}'),
    ('h', 6,  'a', 'revise',     'r6',  '{m5}',    NULL, NULL),
    ('h', 7,  'b', 'contradict', 'x7',  '{r6}',    NULL, NULL);
SELECT root_claim_id, n, m, triggered, heads, n_heads FROM dti_watch_cascades;
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, target_claim_id, payload) VALUES
    ('h', 8,  'c', 'contradict', 'x8',  '{r6}',    NULL, NULL),
    ('h', 9,  'd', 'endorse',    NULL,  '{}',      'x8', NULL),
    ('h', 10, 'd', 'propose',    'z10', '{}',      NULL, NULL);
SELECT trigger_id, run_id, root_claim_id, step_id, n, m, pressure, deficit, tau, n_heads, heads
FROM dti_watch_triggers ORDER BY trigger_id;
SELECT step_id, n, m, deficit, n_heads, heads FROM dti_replay('watch_params') ORDER BY step_id;

-- Bad input. The watcher is installed: a second install is 42710; events out of step order
-- and claims the watcher does not know are 23000 (nothing of the statement stays).
SELECT dti_watch('watch_params');
SELECT sqlstate_of($$SELECT dti_watch('watch_params')$$) AS twice;
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('h', 0, 'a', 'propose', 'late');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids)
VALUES ('h', 11, 'a', 'revise', 'r11', '{nowhere}');
INSERT INTO events (run_id, step_id, agent_id, event_type, target_claim_id) VALUES ('h', 11, 'a', 'endorse', 'nowhere');
SELECT sqlstate_of($$INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id)
                     VALUES ('h', 0, 'a', 'propose', 'late')$$) AS out_of_order,
       sqlstate_of($$INSERT INTO events (run_id, step_id, agent_id, event_type, target_claim_id)
                     VALUES ('h', 11, 'a', 'endorse', 'nowhere')$$) AS unknown_target;
SELECT count(*) AS events, (SELECT last_step FROM dti_watch_runs) FROM events;
-- A run whose class has no row, a NULL or an unusable parameter, or two rows: the errors
-- of dti_replay's table form, when the run's first event arrives.
INSERT INTO runs (run_id, topology, task_family) VALUES ('x', 'ring', 'qa'), ('y', 'star', 'null'),
    ('z', 'star', 'bad'), ('w', 'star', 'twice');
INSERT INTO agents (run_id, agent_id) SELECT run_id, 'a' FROM runs WHERE run_id IN ('x', 'y', 'z', 'w');
INSERT INTO watch_params VALUES ('star', 'null', 1, NULL, 1), ('star', 'bad', 1, -1, 1),
                          ('star', 'twice', 1, 1, 1), ('star', 'twice', 1, 2, 1);
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('x', 1, 'a', 'propose', 'p');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('y', 1, 'a', 'propose', 'p');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('z', 1, 'a', 'propose', 'p');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('w', 1, 'a', 'propose', 'p');
SELECT sqlstate_of($$INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('x', 1, 'a', 'propose', 'p')$$) AS no_row,
       sqlstate_of($$INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('y', 1, 'a', 'propose', 'p')$$) AS null_value,
       sqlstate_of($$INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('z', 1, 'a', 'propose', 'p')$$) AS unusable,
       sqlstate_of($$INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('w', 1, 'a', 'propose', 'p')$$) AS two_rows;
DELETE FROM watch_params WHERE task_family IN ('null', 'bad', 'twice');
DELETE FROM runs WHERE run_id IN ('x', 'y', 'z', 'w');
SELECT dti_unwatch();
SELECT (SELECT count(*) FROM dti_watch_runs) + (SELECT count(*) FROM dti_watch_claims)
       + (SELECT count(*) FROM dti_watch_cascades) + (SELECT count(*) FROM dti_watch_triggers) AS rows_left,
       (SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'collcog_dti_watch%') AS triggers_left;
-- Not installed (42704); a watch_params table without the needed columns (42703, as dti_replay).
SELECT dti_unwatch();
SELECT sqlstate_of($$SELECT dti_unwatch()$$) AS unwatch_without_watch;
CREATE TABLE watch_params_short (topology text, task_family text, c float8, tau float8);
SELECT dti_watch('watch_params_short');
SELECT sqlstate_of($$SELECT dti_watch('watch_params_short')$$) AS missing_column;
SELECT dti_watch(NULL);
DELETE FROM runs WHERE run_id = 'h';

-- Simulated runs, three with DTI in the loop (their DTI merges integrate the triggers) and
-- two baselines of another class: the same events inserted again, row by row, in batches
-- of uneven sizes with several runs in one statement, and after a catch-up. Every trigger
-- (run, root, step, n, m, pressure, deficit, tau, heads) agrees with the replay's.
CALL simulate_routing_into(n_agents => 16, steps => 1500, runs => 3, seed => 9, run_prefix => 'dti',
                           topology => 'star', task_family => 'sim', dti_c => 0.5, dti_beta => 1.0, dti_tau => 3);
CALL simulate_routing_into(n_agents => 8, steps => 800, runs => 2, seed => 5, run_prefix => 'base',
                           topology => 'chain', task_family => 'sim');
CREATE TABLE watch_staged AS SELECT * FROM events;
CREATE TABLE watch_replayed AS SELECT * FROM dti_replay('watch_params');
SELECT count(*) AS triggers, count(*) FILTER (WHERE integrated) AS integrated,
       count(DISTINCT run_id) AS runs FROM watch_replayed;
-- The triggers of the watcher that differ from the replay's, both ways, and the claims
-- whose cascade differs from build_cascades()'s reconstruction (claims_from).
CREATE FUNCTION disagreements(since bigint DEFAULT -1) RETURNS TABLE (missing bigint, extra bigint, claims bigint)
LANGUAGE sql AS $$
    SELECT (SELECT count(*) FROM (SELECT run_id, root_claim_id, step_id, n, m, pressure, deficit, threshold, n_heads, heads
                                  FROM watch_replayed WHERE step_id > since
                                  EXCEPT SELECT run_id, root_claim_id, step_id, n, m, pressure, deficit, tau, n_heads, heads
                                  FROM dti_watch_triggers) x),
           (SELECT count(*) FROM (SELECT run_id, root_claim_id, step_id, n, m, pressure, deficit, tau, n_heads, heads
                                  FROM dti_watch_triggers
                                  EXCEPT SELECT run_id, root_claim_id, step_id, n, m, pressure, deficit, threshold, n_heads, heads
                                  FROM watch_replayed) x),
           (SELECT count(*) FROM (SELECT run_id, claim_id, root_claim_id FROM claims_from('events')
                                  EXCEPT SELECT run_id, claim_id, root_claim_id FROM dti_watch_claims) x)
$$;

-- Row by row, the runs interleaved.
TRUNCATE events;
SELECT dti_watch('watch_params');
DO $$ DECLARE e watch_staged; BEGIN
    FOR e IN SELECT * FROM watch_staged ORDER BY step_id, run_id LOOP
        INSERT INTO events SELECT e.*;
    END LOOP;
END $$;
SELECT *, (SELECT count(*) FROM dti_watch_triggers) AS triggers FROM disagreements();
-- Each cascade's heads at the end: the claims of the cascade (as build_cascades() puts
-- them) no claim builds on, oldest first; the table lists the newest ten and counts all.
WITH parents AS (SELECT DISTINCT run_id::text, unnest(parent_claim_ids)::text AS claim_id FROM events),
     heads AS (SELECT c.run_id, c.root_claim_id, array_agg(c.claim_id ORDER BY c.step_id) AS heads
               FROM claims_from('events') c
               WHERE NOT EXISTS (SELECT 1 FROM parents p WHERE p.run_id = c.run_id AND p.claim_id = c.claim_id)
               GROUP BY 1, 2)
SELECT count(*) AS cascades,
       count(*) FILTER (WHERE cardinality(h.heads) > 10) AS with_more_than_ten,
       count(*) FILTER (WHERE k.heads IS DISTINCT FROM coalesce(h.heads[greatest(cardinality(h.heads) - 9, 1):], '{}')
                           OR k.n_heads <> coalesce(cardinality(h.heads), 0)) AS with_other_heads
FROM dti_watch_cascades k LEFT JOIN heads h ON h.run_id = k.run_id AND h.root_claim_id = k.root_claim_id;
SELECT dti_unwatch();

-- Batches of uneven sizes (a seeded draw of the cut points), several runs per statement.
TRUNCATE events;
SELECT dti_watch('watch_params');
SELECT setseed(0.25);
CREATE TEMP TABLE cuts AS
SELECT s AS step_id FROM generate_series(0, 1500) s WHERE random() < 0.02;
DO $$ DECLARE lo bigint := -1; hi bigint; BEGIN
    FOR hi IN SELECT step_id FROM cuts UNION ALL SELECT 1500 ORDER BY 1 LOOP
        INSERT INTO events SELECT * FROM watch_staged WHERE step_id > lo AND step_id <= hi ORDER BY random();
        lo := hi;
    END LOOP;
END $$;
SELECT count(*) > 20 AS many_batches FROM cuts;
SELECT *, (SELECT count(*) FROM dti_watch_triggers) AS triggers FROM disagreements();
SELECT dti_unwatch();

-- All at once, in one statement.
TRUNCATE events;
SELECT dti_watch('watch_params');
INSERT INTO events SELECT * FROM watch_staged ORDER BY random();
SELECT *, (SELECT count(*) FROM dti_watch_triggers) AS triggers FROM disagreements();
SELECT dti_unwatch();

-- Installed over stored events: the runs are caught up silently, and the triggers of what
-- follows are the replay's after step 700. Inserts rolled back, whole or to a savepoint,
-- leave the session's next inserts where the state was before them (the state a session
-- keeps in memory is that of the rows it wrote, which the rollback undid).
TRUNCATE events;
INSERT INTO events SELECT * FROM watch_staged WHERE step_id <= 700;
SELECT dti_watch('watch_params');
SELECT count(*) AS caught_up_runs, count(*) FILTER (WHERE last_step = 700) AS at_700 FROM dti_watch_runs;
BEGIN;
INSERT INTO events SELECT * FROM watch_staged WHERE step_id > 700 AND step_id <= 900;
ROLLBACK;
BEGIN;
SAVEPOINT s;
INSERT INTO events SELECT * FROM watch_staged WHERE step_id > 700 AND step_id <= 800;
INSERT INTO events SELECT * FROM watch_staged WHERE step_id > 800 AND step_id <= 900;
ROLLBACK TO SAVEPOINT s;
INSERT INTO events SELECT * FROM watch_staged WHERE step_id > 700 AND step_id <= 1100;
COMMIT;
INSERT INTO events SELECT * FROM watch_staged WHERE step_id > 1100;
SELECT *, (SELECT count(*) FROM dti_watch_triggers) AS triggers FROM disagreements(700);

-- A rolled-back batch leaves the state as it was and records no trigger (its notifications
-- are dropped with it: test/integration/34_dti_watch.t.sh).
CREATE TEMP TABLE before AS
SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM dti_watch_runs t) AS runs,
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM dti_watch_cascades t) AS cascades,
       (SELECT count(*) FROM dti_watch_claims) AS claims,
       (SELECT count(*) FROM dti_watch_triggers) AS triggers;
BEGIN;
INSERT INTO events SELECT run_id, 1501 + k, NULL, agent_id, 'contradict', 'extra' || k, ARRAY[claim_id]
FROM (SELECT DISTINCT ON (run_id) * FROM watch_staged WHERE claim_id IS NOT NULL ORDER BY run_id, step_id DESC) s,
     generate_series(0, 40) k;
SELECT (SELECT count(*) FROM dti_watch_triggers) > b.triggers AS triggered_inside FROM before b;
ROLLBACK;
SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM dti_watch_runs t) = b.runs AS same_runs,
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM dti_watch_cascades t) = b.cascades AS same_cascades,
       (SELECT count(*) FROM dti_watch_claims) = b.claims AS same_claims,
       (SELECT count(*) FROM dti_watch_triggers) = b.triggers AS same_triggers
FROM before b;
SELECT dti_unwatch();

-- The state lost (a crash empties the UNLOGGED state tables) or forgotten (the events of a
-- run updated or deleted, events truncated): a run's next insert rebuilds it from the run's
-- stored events, silently, and the triggers that follow are still the replay's.
TRUNCATE events;
SELECT dti_watch('watch_params');
INSERT INTO events SELECT * FROM watch_staged WHERE step_id <= 400;
TRUNCATE events;
SELECT (SELECT count(*) FROM dti_watch_runs) + (SELECT count(*) FROM dti_watch_claims)
       + (SELECT count(*) FROM dti_watch_cascades) AS state_after_truncate;
INSERT INTO events SELECT * FROM watch_staged WHERE step_id <= 500;
TRUNCATE dti_watch_runs, dti_watch_claims, dti_watch_cascades;
INSERT INTO events SELECT * FROM watch_staged WHERE step_id > 500 AND step_id <= 700;
UPDATE events SET payload = coalesce(payload, '{}') || '{"note": 1}' WHERE run_id = 'dti/1' AND step_id = 10;
DELETE FROM events WHERE run_id = 'base/2' AND step_id > 600;
SELECT string_agg(run_id, ' ' ORDER BY run_id) AS forgotten
FROM (SELECT DISTINCT run_id FROM events EXCEPT SELECT run_id FROM dti_watch_runs) x;
INSERT INTO events SELECT * FROM watch_staged WHERE run_id = 'base/2' AND step_id > 600 AND step_id <= 700;
INSERT INTO events SELECT * FROM watch_staged WHERE step_id > 700;
SELECT *, (SELECT count(*) FROM dti_watch_triggers) AS triggers FROM disagreements(400);
SELECT dti_unwatch();
DROP TABLE watch_staged, watch_replayed, watch_params, watch_params_short;
DROP EXTENSION collcog;
