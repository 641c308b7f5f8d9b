-- Parallel aggregation and merged states of the inequality aggregates: the plans have
-- Partial and Finalize Aggregate (combine, serialize, deserialize), and the results equal
-- the serial ones exactly (the merged histogram is canonical, so every measure is computed
-- from the same numbers in the same order); per-day states merged equal the whole.
CREATE EXTENSION collcog;
\set VERBOSITY terse
-- u(i, seed): a seeded uniform in [0, 1) from md5 (no random()).
CREATE FUNCTION pg_temp.u(i bigint, seed int) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT (('x' || substr(md5(seed || ':' || i), 1, 8))::bit(32)::bigint)::float8 / 4294967296.0 $$;
CREATE TABLE ineq_par AS
SELECT i, i % 3 AS g, i % 40 AS day,
       CASE WHEN i % 11 = 0 THEN NULL ELSE floor((1 - pg_temp.u(i, 2)) ^ (-1 / 1.1))::bigint - 1 END AS k,
       CASE WHEN i % 13 = 0 THEN NULL ELSE pg_temp.u(i, 3) * 100 END AS x,
       NULL::bigint AS nothing
FROM generate_series(1, 30000) i;
-- a group whose values are all NULL
INSERT INTO ineq_par SELECT i, 3, 0, NULL, NULL, NULL FROM generate_series(30001, 30500) i;
-- per-day states, many small ones, so that merging them runs in parallel too
CREATE TABLE ineq_days AS SELECT day, effort_hist(k) AS h FROM ineq_par GROUP BY day;
ALTER TABLE ineq_par SET (parallel_workers = 2);
ALTER TABLE ineq_days SET (parallel_workers = 2);
ANALYZE ineq_par;
ANALYZE ineq_days;

-- Serial answers.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
SELECT gini(k) AS gk, gini(k, true) AS gu, gini(x) AS gx, top_share(k, 0.1) AS t10,
       top_k_share(x, 25) AS t25, effective_agents(k) AS ek, lorenz(k, 10) AS lk,
       lorenz(x, 7) AS lx, effort_hist(k)::text AS hk, effort_hist(x)::text AS hx,
       gini(nothing) AS none
FROM ineq_par;
CREATE TEMP TABLE serial_groups AS
SELECT g, gini(k) AS gk, top_share(x, 0.2) AS tx, effort_hist(k)::text AS hk FROM ineq_par GROUP BY g;
CREATE TEMP TABLE serial_merge AS SELECT effort_hist_merge(h)::text AS m FROM ineq_days;

-- Forced parallel plans.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT gini(k) FROM ineq_par;
EXPLAIN (COSTS OFF) SELECT top_share(k, 0.1), top_k_share(x, 25), lorenz(k, 10) FROM ineq_par;
EXPLAIN (COSTS OFF) SELECT effort_hist_merge(h) FROM ineq_days;
EXPLAIN (COSTS OFF) SELECT g, gini(k) FROM ineq_par GROUP BY g;

SELECT s.gk = p.gk AS gini, s.gu = p.gu AS gini_unbiased, s.gx = p.gx AS gini_x,
       s.t10 = p.t10 AS top_share, s.t25 = p.t25 AS top_k_share, s.ek = p.ek AS effective,
       s.lk = p.lk AS lorenz_k, s.lx = p.lx AS lorenz_x, s.hk = p.hk AS hist_k,
       s.hx = p.hx AS hist_x, p.none IS NULL AS all_null_is_null
FROM serial s,
     (SELECT gini(k) AS gk, gini(k, true) AS gu, gini(x) AS gx, top_share(k, 0.1) AS t10,
             top_k_share(x, 25) AS t25, effective_agents(k) AS ek, lorenz(k, 10) AS lk,
             lorenz(x, 7) AS lx, effort_hist(k)::text AS hk, effort_hist(x)::text AS hx,
             gini(nothing) AS none
      FROM ineq_par) p;
-- Grouped, including the all-NULL group (NULL in both plans); only differences printed.
SELECT g, p.gk IS NULL AS null_gini FROM (SELECT g, gini(k) AS gk FROM ineq_par GROUP BY g) p ORDER BY g;
SELECT * FROM (SELECT g, gini(k) AS gk, top_share(x, 0.2) AS tx, effort_hist(k)::text AS hk
               FROM ineq_par GROUP BY g) p
FULL JOIN serial_groups s USING (g)
WHERE p.gk IS DISTINCT FROM s.gk OR p.tx IS DISTINCT FROM s.tx OR p.hk IS DISTINCT FROM s.hk;
-- Per-day states merged, serially and in parallel, equal the whole; the measures of the
-- merged state equal the aggregates over the rows.
SELECT m = (SELECT effort_hist_merge(h)::text FROM ineq_days) AS merge_same,
       m = (SELECT hk FROM serial) AS merge_is_whole,
       (SELECT gini(effort_hist_merge(h)) FROM ineq_days) = (SELECT gk FROM serial) AS gini_of_merge,
       (SELECT gini(effort_hist_merge(h), true) FROM ineq_days) = (SELECT gu FROM serial) AS unbiased_of_merge,
       (SELECT top_share(effort_hist_merge(h), 0.1) FROM ineq_days) = (SELECT t10 FROM serial) AS top_share_of_merge,
       (SELECT effective_agents(effort_hist_merge(h)) FROM ineq_days) = (SELECT ek FROM serial) AS effective_of_merge,
       (SELECT array_agg(effort_share ORDER BY population_share)
        FROM lorenz((SELECT effort_hist_merge(h) FROM ineq_days), 10)) = (SELECT lk FROM serial) AS lorenz_of_merge
FROM serial_merge;
-- The integer overload and the numeric cast in parallel.
SELECT (SELECT gini(k::int) FROM ineq_par) = (SELECT gk FROM serial) AS integer_overload,
       (SELECT gini(k::numeric) FROM ineq_par) = (SELECT gk FROM serial) AS numeric_cast;

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE ineq_par, ineq_days, serial, serial_groups, serial_merge;
DROP EXTENSION collcog;
