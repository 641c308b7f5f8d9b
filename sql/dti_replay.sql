-- dti_replay(), dti_series(), dti_summary(): runs replayed through the DTI state machine.
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- By hand (the run of test/unit/dti/test_replay.c): c = 1, beta_c = 1, tau = 1.5, so
-- D = n - m and a segment triggers when D reaches 2.
--   1 propose p1 (n 1, D 1); 2 revise r2 {p1}: n 2, D 2, trigger (n 2, m 0, P 2); heads
--   {r2}: fewer than two, restart (0, 0); 3 propose q3 {p1}: D 1; 4 contradict x4 {q3}:
--   n 2, D 2, trigger; heads x4, r2; the next event is the DTI merge of p1: integrated;
--   5 merge m5 {x4, r2} marked "dti": not attached, restart (0, 1); 6 revise r6 {m5}:
--   n 1, m 1, D 0; 7, 8 contradict r6: n 3, m 1, D 2, trigger (P 3); heads x8, x7; no DTI
--   merge follows: restart (0, 1); 9 endorse -> x8: n 1, m 1, D 0; 10 propose z10: cascade
--   z10, D 1. Attached: every event but 5.
INSERT INTO runs (run_id, topology, task_family) VALUES ('h', 'star', 'qa');
INSERT INTO agents (run_id, agent_id) VALUES ('h', 'a'), ('h', 'b'), ('h', 'c'), ('h', 'd');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, target_claim_id, payload) VALUES
    ('h', 1,  'a', 'propose',    'p1',  '{}',      NULL, NULL),
    ('h', 2,  'b', 'revise',     'r2',  '{p1}',    NULL, NULL),
    ('h', 3,  'a', 'propose',    'q3',  '{p1}',    NULL, NULL),
    ('h', 4,  'b', 'contradict', 'x4',  '{q3}',    NULL, NULL),
    ('h', 5,  'c', 'merge',      'm5',  '{x4,r2}', NULL, '{"dti": true, "deficit": 2}'),
    ('h', 6,  'a', 'revise',     'r6',  '{m5}',    NULL, NULL),
    ('h', 7,  'b', 'contradict', 'x7',  '{r6}',    NULL, NULL),
    ('h', 8,  'c', 'contradict', 'x8',  '{r6}',    NULL, NULL),
    ('h', 9,  'd', 'endorse',    NULL,  '{}',      'x8', NULL),
    ('h', 10, 'd', 'propose',    'z10', '{}',      NULL, NULL);
SELECT * FROM dti_replay(1, 1, 1.5);
SELECT step_id, root_claim_id, n, m, deficit, triggered FROM dti_series(1, 1, 1.5) ORDER BY step_id;
-- Only the newest max_heads heads are listed (all with NULL); n_heads counts them all.
SELECT step_id, n_heads, heads FROM dti_replay(1, 1, 1.5, max_heads => 1);
SELECT step_id, n_heads, heads FROM dti_replay(1, 1, 1.5, max_heads => NULL);

-- The parameters of each run's class from a table shaped like dti_estimate()'s result.
CREATE TABLE params (topology text, task_family text, beta_c float8, c float8, tau float8);
INSERT INTO params VALUES ('star', 'qa', 1, 1, 1.5), ('chain', 'qa', 1, 1, 100);
SELECT step_id, deficit, integrated FROM dti_replay('params');

-- On simulated runs with DTI in the loop: every merge the simulator marks "dti" follows a
-- replay trigger of the same cascade at the step before, with the same deficit, and is the
-- integration of that trigger; the replay's other triggers found nothing to integrate.
CALL simulate_routing_into(n_agents => 16, steps => 2000, runs => 3, seed => 9,
                           run_prefix => 'dti', topology => 'star', task_family => 'sim',
                           dti_c => 0.5, dti_beta => 1.0, dti_tau => 3);
CREATE TEMP TABLE t AS SELECT * FROM dti_replay(1.0, 0.5, 3, ARRAY['dti/1', 'dti/2', 'dti/3']);
WITH m AS (SELECT e.run_id, e.step_id, (e.payload->>'deficit')::float8 AS deficit, c.root_claim_id
           FROM events e JOIN claims_from('events') c USING (run_id, claim_id)
           WHERE e.run_id LIKE 'dti/%' AND e.payload @> '{"dti": true}')
SELECT count(*) AS dti_merges,
       count(*) FILTER (WHERE t.deficit = m.deficit AND t.root_claim_id = m.root_claim_id
                          AND t.integrated) AS preceded_by_their_trigger,
       (SELECT sum((meta->'dti'->>'triggers')::int) FROM runs WHERE run_id LIKE 'dti/%')
         AS simulator_integrations,
       (SELECT count(*) FROM t WHERE NOT integrated AND n_heads < 2) AS nothing_to_integrate,
       (SELECT count(*) FROM t WHERE NOT integrated AND n_heads >= 2) AS unexplained
FROM m LEFT JOIN t ON t.run_id = m.run_id AND t.step_id = m.step_id - 1;
-- The series: one point per attached event, the triggering ones with the replay's deficits.
SELECT (SELECT count(*) FROM dti_series(1.0, 0.5, 3, ARRAY['dti/1', 'dti/2', 'dti/3']))
       = (SELECT count(*) FROM events e WHERE e.run_id LIKE 'dti/%'
          AND NOT coalesce(e.payload @> '{"dti": true}', false)
          AND (e.claim_id IS NOT NULL OR e.target_claim_id IS NOT NULL)) AS every_attached_event,
       (SELECT count(*) FROM (
            SELECT run_id, step_id, deficit FROM dti_series(1.0, 0.5, 3, ARRAY['dti/1', 'dti/2', 'dti/3'])
            WHERE triggered
            EXCEPT SELECT run_id, step_id, deficit FROM t) x) AS triggers_differ;

-- The summary needs built runs; its triggers are the replay's.
SELECT * FROM dti_summary(1.0, 0.5, 3, ARRAY['dti/1']);
SELECT runs_built FROM build_cascades();
SELECT band, cascades, cascades_triggered, triggers, triggered_share,
       round(merge_conversion_triggered::numeric, 6) AS conv_triggered,
       round(merge_conversion_untriggered::numeric, 6) AS conv_untriggered
FROM dti_summary(1.0, 0.5, 3, ARRAY['dti/1', 'dti/2', 'dti/3']);
SELECT (SELECT sum(triggers) FROM dti_summary(1.0, 0.5, 3, ARRAY['dti/1', 'dti/2', 'dti/3']))
       <= (SELECT count(*) FROM t) AS band_triggers_within_all,
       (SELECT sum(triggers) FROM dti_summary(1.0, 0.5, 3, ARRAY['dti/1', 'dti/2', 'dti/3'])
        WHERE band = 'top 1%') AS top_band_triggers,
       (SELECT count(*) FROM t JOIN (
            SELECT run_id, root_claim_id FROM cascades WHERE run_id LIKE 'dti/%'
            ORDER BY size DESC, run_id COLLATE "C" DESC, root_claim_id COLLATE "C" DESC
            LIMIT (SELECT round(0.01 * count(*)) FROM cascades WHERE run_id LIKE 'dti/%')) k
          ON k.run_id = t.run_id AND k.root_claim_id = t.root_claim_id) AS top_band_by_hand;

-- Bad input.
SELECT * FROM dti_replay(1, 0, 1.5);
SELECT * FROM dti_replay(-1, 1, 1.5);
SELECT * FROM dti_replay(1, 1, 'NaN');
SELECT * FROM dti_replay(1, 'Infinity'::float8, 1);
SELECT * FROM dti_replay(NULL, 1, 1);
SELECT * FROM dti_replay(1, 1, 1, ARRAY['nope']);
SELECT * FROM dti_replay(1, 1, 1, ARRAY[NULL]);
SELECT * FROM dti_replay(NULL::regclass);
SELECT * FROM dti_replay(1, 1, 1, max_heads => -1);
DELETE FROM params WHERE topology = 'star';
SELECT * FROM dti_replay('params');
INSERT INTO params VALUES ('star', 'qa', 1, 1, 1.5), ('star', 'qa', 1, 2, 1.5);
SELECT * FROM dti_replay('params', ARRAY['h']);
DELETE FROM params WHERE c = 2;
UPDATE params SET beta_c = NULL WHERE topology = 'star';
SELECT * FROM dti_replay('params', ARRAY['h']);
CREATE TABLE params2 (topology text, task_family text, beta float8, c float8, tau float8);
SELECT * FROM dti_replay('params2');

DROP EXTENSION collcog CASCADE;
