-- outcome_by_intensity(): task success by coordination intensity (paper 000, Fig. 6).
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- Simulated runs of five lengths (so of five intensities), the success of each drawn by the
-- simulator from its coverage and integration; a run with no events (intensity 0) and a run
-- whose outcome is unknown.
CALL simulate_routing_into(n_agents => 8, steps => 40, runs => 7, seed => 1, run_prefix => 'a');
CALL simulate_routing_into(n_agents => 8, steps => 90, runs => 7, seed => 2, run_prefix => 'b');
CALL simulate_routing_into(n_agents => 8, steps => 150, runs => 7, seed => 3, run_prefix => 'c');
CALL simulate_routing_into(n_agents => 8, steps => 300, runs => 7, seed => 4, run_prefix => 'd');
CALL simulate_routing_into(n_agents => 8, steps => 500, runs => 7, seed => 5, run_prefix => 'e');
INSERT INTO runs (run_id, success) VALUES ('quiet', false);
UPDATE runs SET success = NULL WHERE run_id = 'c/3';
SELECT runs_built FROM build_cascades();
SELECT count(*) FILTER (WHERE success) AS successful, count(*) FILTER (WHERE NOT success) AS failed
FROM runs;

-- A plain-SQL computation from the events: a run's TCE counts the events that create a
-- claim and the endorsements and delegations that target one (each such event belongs to
-- exactly one cascade; first checked against the cascades), its contradiction and merge
-- shares are those events over its TCE; runs ranked by TCE then run_id, cut by ntile.
CREATE TEMP TABLE per_run AS
SELECT r.run_id, r.success,
       count(e.step_id) FILTER (WHERE e.claim_id IS NOT NULL
                                   OR e.event_type IN ('endorse', 'delegate') AND e.target_claim_id IS NOT NULL) AS tce,
       count(e.step_id) FILTER (WHERE e.event_type = 'contradict') AS contradictions,
       count(e.step_id) FILTER (WHERE e.event_type = 'merge') AS merges
FROM runs r LEFT JOIN events e ON e.run_id = r.run_id GROUP BY r.run_id, r.success;
SELECT count(*) AS runs, bool_and(p.tce = coalesce(k.tce, 0)) AS tce_as_cascades
FROM per_run p LEFT JOIN (SELECT run_id, sum(tce) AS tce FROM cascades GROUP BY run_id) k USING (run_id);
CREATE TEMP TABLE by_hand AS
WITH binned AS (
    SELECT *, ntile(4) OVER (ORDER BY tce, run_id COLLATE "C") AS bin,
           contradictions::float8 / nullif(tce, 0) AS cs, merges::float8 / nullif(tce, 0) AS ms
    FROM per_run
)
SELECT bin, count(*) AS runs, min(tce) AS tce_min, max(tce) AS tce_max,
       sum(CASE WHEN success THEN 1 ELSE 0 END) AS successful,
       sum(CASE WHEN NOT success THEN 1 ELSE 0 END) AS failed,
       sum(CASE WHEN success THEN cs END) / sum(CASE WHEN success THEN 1 END) AS s_cs,
       sum(CASE WHEN success THEN ms END) / sum(CASE WHEN success THEN 1 END) AS s_ms,
       sum(CASE WHEN NOT success THEN cs END) / sum(CASE WHEN NOT success AND tce > 0 THEN 1 END) AS f_cs,
       sum(CASE WHEN NOT success THEN ms END) / sum(CASE WHEN NOT success AND tce > 0 THEN 1 END) AS f_ms
FROM binned GROUP BY bin;
SELECT o.bin, o.runs, o.tce_min, o.tce_max, o.successful, o.failed,
       abs(o.success_rate - h.successful::float8 / (h.successful + h.failed)) < 1e-12 AS rate,
       abs(o.failed_contradiction_share - h.f_cs) < 1e-12 AS f_cs,
       abs(o.failed_merge_share - h.f_ms) < 1e-12 AS f_ms,
       abs(o.successful_contradiction_share - h.s_cs) < 1e-12 AS s_cs,
       abs(o.successful_merge_share - h.s_ms) < 1e-12 AS s_ms,
       (o.runs, o.tce_min, o.tce_max, o.successful, o.failed)
           = (h.runs, h.tce_min, h.tce_max, h.successful, h.failed) AS counts
FROM outcome_by_intensity(4) o JOIN by_hand h USING (bin) ORDER BY o.bin;

-- The default of ten bins; one bin; more bins than runs (one run each); named runs.
SELECT count(*) AS bins, sum(runs) AS runs, max(runs) - min(runs) AS spread FROM outcome_by_intensity();
SELECT bin, runs, tce_min, tce_max, successful, failed FROM outcome_by_intensity(1);
SELECT count(*) AS bins, max(runs) AS runs FROM outcome_by_intensity(1000);
SELECT bin, runs, tce_min, tce_max FROM outcome_by_intensity(2, ARRAY['a/1', 'e/1', 'quiet']);

-- Bad input; runs not built.
SELECT * FROM outcome_by_intensity(0);
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT * FROM outcome_by_intensity(NULL);
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT * FROM outcome_by_intensity(3, ARRAY['nope']);
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
INSERT INTO runs (run_id) VALUES ('new');
SELECT * FROM outcome_by_intensity();
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;

DROP TABLE per_run, by_hand;
DROP EXTENSION collcog;
