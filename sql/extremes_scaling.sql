-- extreme_scaling(): the growth of the largest instance of an observable with N (paper 000,
-- H3; DESIGN section 5).
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- Known laws. Runs at N = 8 .. 128, 40 of each, built by hand (derived rows written
-- directly): 8 N cascades per run whose TCE is floor(U^(-1/(alpha-1))) with U uniform on
-- (0, 1] and alpha = 2.5, so P(TCE >= x) = x^-(alpha-1) at every integer x; and
-- round(16 sqrt N) merges per run with alpha = 1.8 (a law without a mean). Extreme-value
-- theory: the maximum of n such values grows as n^(1/(alpha-1)), and E[ln max] =
-- ln(n) / (alpha-1) + const, so mean ln M_N on ln N has slope c / (alpha-1) when a run holds
-- ~ N^c instances: TCE c = 1, slope 1/1.5 = 0.6667; merges c = 1/2, slope 0.5/0.8 = 0.625.
SELECT setseed(0.1);
INSERT INTO runs (run_id, n_agents)
SELECT 'n' || n || '/' || k, n FROM unnest('{8,16,32,64,128}'::int[]) n, generate_series(1, 40) k;
INSERT INTO run_builds (run_id, built_at, skipped, n_events) SELECT run_id, now(), false, 0 FROM runs;
INSERT INTO cascades (run_id, root_claim_id, size, tce, n_propose, n_revise, n_contradict, n_merge,
                      n_delegate, n_endorse, n_agents_active, depth, n_agents)
SELECT r.run_id, 'c' || i, 1, floor((1 - random()) ^ (-1 / 1.5))::int, 1, 0, 0, 0, 0, 0, 1, 0, r.n_agents
FROM runs r, generate_series(1, 8 * r.n_agents) i ORDER BY r.run_id, i;
INSERT INTO event_sizes (run_id, observable, anchor_id, size)
SELECT r.run_id, 'merge', 'm' || i, floor((1 - random()) ^ (-1 / 0.8))::bigint
FROM runs r, generate_series(1, round(16 * sqrt(r.n_agents))::int) i ORDER BY r.run_id, i;
-- A built run with no instance at all (it counts in runs and in instances per run, not in
-- the maxima).
INSERT INTO runs (run_id, n_agents) VALUES ('n8/empty', 8);
INSERT INTO run_builds (run_id, built_at, skipped, n_events) VALUES ('n8/empty', now(), false, 0);

-- The theory within the bootstrap interval; c as built; the EVT prediction from the fitted
-- alpha (near the law's) within the interval too.
SELECT alpha_model, slope_lo <= 1 / 1.5 AND 1 / 1.5 <= slope_hi AS theory_inside,
       slope_lo < slope AND slope < slope_hi AS slope_inside, abs(c - 1) < 0.01 AS c_near_one,
       abs(alpha - 2.5) < 0.2 AS alpha_near,
       slope_lo <= evt_prediction AND evt_prediction <= slope_hi AS evt_inside
FROM extreme_scaling() WHERE n_agents IS NULL;
SELECT alpha_model, slope_lo <= 0.5 / 0.8 AND 0.5 / 0.8 <= slope_hi AS theory_inside,
       abs(c - 0.5) < 0.01 AS c_near_half, abs(alpha - 1.8) < 0.1 AS alpha_near,
       slope_lo <= evt_prediction AND evt_prediction <= slope_hi AS evt_inside
FROM extreme_scaling('merge') WHERE n_agents IS NULL;

-- Against plain SQL: per N the runs, the runs with an instance, instances per run, the mean
-- maximum and mean ln maximum; the slopes as (n Sxy - Sx Sy) / (n Sxx - Sx^2) over the N;
-- alpha of the pooled sample, by the fit the result names.
CREATE TEMP TABLE by_hand AS
WITH per_run AS (
    SELECT r.run_id, r.n_agents, count(k.tce) AS k, max(k.tce) AS m
    FROM runs r LEFT JOIN cascades k ON k.run_id = r.run_id GROUP BY r.run_id, r.n_agents
)
SELECT n_agents, count(*) AS runs, count(m) AS runs_with_instances,
       sum(k)::float8 / count(*) AS instances_per_run, sum(m)::float8 / count(m) AS mean_max,
       sum(ln(m)) / count(m) AS mean_ln_max
FROM per_run GROUP BY n_agents;
SELECT e.n_agents, e.runs = h.runs AS runs, e.runs_with_instances = h.runs_with_instances AS with_instances,
       abs(e.instances_per_run - h.instances_per_run) < 1e-12 AS instances,
       abs(e.mean_max / h.mean_max - 1) < 1e-12 AS mean_max,
       abs(e.mean_ln_max / h.mean_ln_max - 1) < 1e-12 AS mean_ln_max
FROM extreme_scaling(replicates => 10) e JOIN by_hand h USING (n_agents) ORDER BY 1;
WITH p AS (SELECT ln(n_agents::float8) AS x, mean_ln_max AS y, ln(instances_per_run) AS z FROM by_hand),
s AS (SELECT (count(*) * sum(x * y) - sum(x) * sum(y)) / (count(*) * sum(x * x) - sum(x) ^ 2) AS slope,
             (count(*) * sum(x * z) - sum(x) * sum(z)) / (count(*) * sum(x * x) - sum(x) ^ 2) AS c
      FROM p)
SELECT abs(e.slope - s.slope) < 1e-12 AS slope, abs(e.c - s.c) < 1e-12 AS c,
       e.runs = 201 AS runs, e.runs_with_instances = 200 AS with_instances,
       e.alpha = (tpl_fit(k.tce)).alpha AND e.xmin = (tpl_fit(k.tce)).xmin
           AND e.alpha_se = (tpl_fit(k.tce)).alpha_se AS tpl_alpha,
       abs(e.evt_prediction - e.c / ((tpl_fit(k.tce)).alpha - 1)) < 1e-12 AS evt
FROM extreme_scaling(replicates => 10) e, s, cascades k WHERE e.n_agents IS NULL
GROUP BY e.slope, s.slope, e.c, s.c, e.runs, e.runs_with_instances, e.alpha, e.xmin, e.alpha_se, e.evt_prediction;
SELECT alpha_model, e.alpha = f.alpha AND e.xmin = f.xmin AS pl_alpha,
       abs(e.evt_prediction - e.c / (f.alpha - 1)) < 1e-12 AS evt
FROM extreme_scaling('merge', model => 'power_law', replicates => 10) e,
     (SELECT (pl_fit(size)).* FROM event_sizes WHERE observable = 'merge') f
WHERE e.n_agents IS NULL;

-- The bootstrap: the same seed gives the same interval, another seed another; a wider level
-- a wider interval; fewer replicates are allowed.
SELECT a.slope_lo = b.slope_lo AND a.slope_hi = b.slope_hi AS same_seed_same,
       a.slope_lo <> c.slope_lo AS other_seed_other,
       w.slope_lo <= a.slope_lo AND a.slope_hi <= w.slope_hi AS wider,
       o.slope_lo <= o.slope AND o.slope <= o.slope_hi AS few_replicates
FROM extreme_scaling(replicates => 50, seed => 7) a, extreme_scaling(replicates => 50, seed => 7) b,
     extreme_scaling(replicates => 50, seed => 8) c,
     extreme_scaling(replicates => 50, seed => 7, level => 0.99) w, extreme_scaling(replicates => 20) o
WHERE a.n_agents IS NULL AND b.n_agents IS NULL AND c.n_agents IS NULL AND w.n_agents IS NULL
  AND o.n_agents IS NULL;

-- The other observables read the derived table they live in: size from cascades, the
-- event-level ones from event_sizes (none here: no instances, no slope, no fit).
SELECT n_agents, runs, runs_with_instances, round(instances_per_run::numeric, 6) AS instances_per_run,
       mean_max
FROM extreme_scaling('size', replicates => 10) WHERE n_agents IN (8, 128) OR n_agents IS NULL;
SELECT n_agents, runs, runs_with_instances, mean_max, slope, c, alpha_model, alpha, evt_prediction
FROM extreme_scaling('revision', replicates => 10) WHERE n_agents IS NULL;

-- One size of N: no slope, no interval, no c, no prediction; the fit still there.
SELECT n_agents, runs, slope, slope_lo, slope_hi, c, alpha IS NOT NULL AS alpha, evt_prediction
FROM extreme_scaling(run_ids => ARRAY(SELECT run_id FROM runs WHERE n_agents = 8), replicates => 10)
WHERE n_agents IS NULL;

-- No runs (an empty run_ids): the overall row alone.
SELECT n_agents, runs, runs_with_instances, slope, c, alpha_model, alpha
FROM extreme_scaling(run_ids => '{}');

-- Bad input.
SELECT * FROM extreme_scaling(NULL);
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT * FROM extreme_scaling('events');
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT * FROM extreme_scaling(model => 'lognormal');
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT * FROM extreme_scaling(replicates => 0);
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT * FROM extreme_scaling(level => 1);
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT * FROM extreme_scaling(seed => NULL);
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT * FROM extreme_scaling(run_ids => ARRAY['n8/1', NULL]);
SELECT * FROM extreme_scaling(run_ids => ARRAY['nope']);
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;

-- Runs not up to date: never built (an error), skipped as bad (left out), changed since
-- the build (used, with a warning), without n_agents (left out).
INSERT INTO runs (run_id, n_agents) VALUES ('new', 8);
SELECT count(*) FROM extreme_scaling(replicates => 10);
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
UPDATE run_builds SET skipped = true WHERE run_id = 'n8/1';
INSERT INTO run_builds (run_id, built_at, skipped, n_events) VALUES ('new', now(), true, 0);
UPDATE run_builds SET changed_at = now() WHERE run_id = 'n16/1';
INSERT INTO runs (run_id) VALUES ('no-n');
INSERT INTO run_builds (run_id, built_at, skipped, n_events) VALUES ('no-n', now(), false, 0);
SELECT n_agents, runs FROM extreme_scaling(replicates => 10) WHERE n_agents IN (8, 16) OR n_agents IS NULL;

DROP TABLE by_hand;
DROP EXTENSION collcog;
