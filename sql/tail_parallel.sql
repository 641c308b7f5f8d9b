-- Parallel aggregation of every tail aggregate family: the plans have Partial and Finalize
-- Aggregate (combine, serialize, deserialize), and the results equal the serial ones
-- exactly (the merged sample is canonical, so the fits are bit-for-bit the same).
CREATE EXTENSION collcog;
\set VERBOSITY terse
SELECT setseed(0.75);
CREATE TABLE tail_par AS
SELECT i, i % 3 AS g,
       CASE WHEN i % 11 = 0 THEN NULL ELSE floor((1 - random()) ^ (-1 / 1.3))::bigint END AS k,
       CASE WHEN i % 13 = 0 THEN NULL ELSE 1.0 * (1 - random()) ^ (-1 / 1.4) END AS x,
       NULL::bigint AS nothing
FROM generate_series(1, 30000) i;
-- a group whose values are all NULL
INSERT INTO tail_par SELECT i, 3, NULL, NULL, NULL FROM generate_series(30001, 30500) i;
-- many small states, so that merging them runs in parallel too
CREATE TABLE tail_par_h AS SELECT i % 200 AS g, tail_hist(k) AS h FROM tail_par GROUP BY i % 200;
ALTER TABLE tail_par_h SET (parallel_workers = 2);
ANALYZE tail_par;
ANALYZE tail_par_h;

-- Serial answers. (mt: the minimum tail of 10000 values moves tpl_fit's xmin from 4 to 2,
-- so a partial state that lost it would give another fit.)
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
SELECT pl_fit(k) AS pl, tpl_fit(k) AS tpl, lognormal_fit(x, 1.5) AS ln, exponential_fit(k, 3) AS ex,
       stretched_exp_fit(x, 1, 3) AS se, vuong(k, 'power_law', 'lognormal') AS vu,
       vuong(x, 'truncated_power_law', 'exponential', 2.0) AS vx,
       tail_hist(k)::text AS hk, tail_hist(x)::text AS hx, pl_fit(nothing) AS none,
       tpl_fit(k, NULL, NULL, NULL, 10000, 8) AS mt
FROM tail_par;
CREATE TEMP TABLE serial_groups AS
SELECT g, pl_fit(k) AS pl, tail_hist(x)::text AS hx FROM tail_par GROUP BY g;
CREATE TEMP TABLE serial_merge AS SELECT tail_hist_merge(h)::text AS m FROM tail_par_h;

-- Forced parallel plans.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT pl_fit(k) FROM tail_par;
EXPLAIN (COSTS OFF) SELECT tpl_fit(k) FROM tail_par;
EXPLAIN (COSTS OFF) SELECT lognormal_fit(x, 1.5) FROM tail_par;
EXPLAIN (COSTS OFF) SELECT exponential_fit(k, 3) FROM tail_par;
EXPLAIN (COSTS OFF) SELECT stretched_exp_fit(x, 1, 3) FROM tail_par;
EXPLAIN (COSTS OFF) SELECT tpl_fit(k, NULL, NULL, NULL, 10000, 8) FROM tail_par;
EXPLAIN (COSTS OFF) SELECT vuong(k, 'power_law', 'lognormal') FROM tail_par;
EXPLAIN (COSTS OFF) SELECT tail_hist(x) FROM tail_par;
EXPLAIN (COSTS OFF) SELECT tail_hist_merge(h) FROM tail_par_h;
EXPLAIN (COSTS OFF) SELECT g, pl_fit(k) FROM tail_par GROUP BY g;

SELECT s.pl IS NOT DISTINCT FROM p.pl AS pl, s.tpl IS NOT DISTINCT FROM p.tpl AS tpl,
       s.ln IS NOT DISTINCT FROM p.ln AS ln, s.ex IS NOT DISTINCT FROM p.ex AS ex,
       s.se IS NOT DISTINCT FROM p.se AS se, s.vu IS NOT DISTINCT FROM p.vu AS vuong,
       s.vx IS NOT DISTINCT FROM p.vx AS vuong_xmin,
       s.hk = p.hk AS hist_k, s.hx = p.hx AS hist_x, p.none IS NULL AS all_null_is_null,
       s.mt IS NOT DISTINCT FROM p.mt AS minimum_tail, (p.mt).n_tail >= 10000 AND (p.mt).n_tail_distinct >= 8 AS minimum_held
FROM serial s,
     (SELECT pl_fit(k) AS pl, tpl_fit(k) AS tpl, lognormal_fit(x, 1.5) AS ln, exponential_fit(k, 3) AS ex,
             stretched_exp_fit(x, 1, 3) AS se, vuong(k, 'power_law', 'lognormal') AS vu,
             vuong(x, 'truncated_power_law', 'exponential', 2.0) AS vx,
             tail_hist(k)::text AS hk, tail_hist(x)::text AS hx, pl_fit(nothing) AS none,
             tpl_fit(k, NULL, NULL, NULL, 10000, 8) AS mt
      FROM tail_par) p;
-- Grouped, including the all-NULL group (NULL in both plans); only differences printed.
SELECT g, p.pl IS NULL AS null_fit FROM (SELECT g, pl_fit(k) AS pl, tail_hist(x)::text AS hx FROM tail_par GROUP BY g) p
ORDER BY g;
SELECT * FROM (SELECT g, pl_fit(k) AS pl, tail_hist(x)::text AS hx FROM tail_par GROUP BY g) p
FULL JOIN serial_groups s USING (g)
WHERE p.pl IS DISTINCT FROM s.pl OR p.hx IS DISTINCT FROM s.hx;
SELECT m = (SELECT tail_hist_merge(h)::text FROM tail_par_h) AS merge_same,
       m = (SELECT hk FROM serial) AS merge_is_whole
FROM serial_merge;
-- discrete/continuous explicit flag and integer overload in parallel
SELECT (SELECT pl_fit(k::float8, true) FROM tail_par) = (SELECT pl FROM serial) AS explicit_flag,
       (SELECT pl_fit(k::int) FROM tail_par) = (SELECT pl FROM serial) AS integer_overload;

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE tail_par, tail_par_h, serial, serial_groups, serial_merge;
DROP EXTENSION collcog;
