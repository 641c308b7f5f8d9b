-- The analogue of paper 000's Table 2 on a warehouse holding its released traces (loaded
-- with collcog-load --format e3 and built): per observable the truncated power law fitted
-- with xmin by KS, and the likelihood-ratio tests against the log-normal and the power law,
-- pooled, then the TCE by topology, by topology and task family, and by N. Run by
-- scripts/paper000-tables.
\pset footer off
CREATE TEMP VIEW observables AS
    SELECT 'tce' AS observable, NULL::text AS topology, NULL::integer AS n_agents, tce::bigint AS x FROM cascades
    UNION ALL SELECT 'size', NULL, NULL, size FROM cascades
    UNION ALL SELECT observable, NULL, NULL, size FROM event_sizes;
CREATE TEMP VIEW tce_by AS
    SELECT topology, task_family, n_agents, tce::bigint AS x FROM cascades;

\echo '== Pooled: every cascade of the 1,470 runs'
SELECT observable, n, (f).xmin, (f).n_tail, round((f).alpha::numeric, 2) AS alpha,
       round((1 / nullif((f).lambda, 0))::numeric, 1) AS cutoff, (f).quality,
       round((ln).r::numeric, 1) AS r_tpl_ln, round((ln).p_value::numeric, 4) AS p_ln,
       round((pl).r::numeric, 1) AS r_tpl_pl, round((pl).p_value::numeric, 4) AS p_pl
FROM (SELECT observable, count(*) AS n, tpl_fit(x) AS f,
             vuong(x, 'truncated_power_law', 'lognormal') AS ln,
             vuong(x, 'truncated_power_law', 'power_law') AS pl
      FROM observables GROUP BY observable) g
ORDER BY observable;

\echo '== TCE by topology'
SELECT topology, n, (f).xmin, (f).n_tail, round((f).alpha::numeric, 2) AS alpha,
       round((1 / nullif((f).lambda, 0))::numeric, 1) AS cutoff, (f).quality,
       round((ln).r::numeric, 1) AS r_tpl_ln, round((ln).p_value::numeric, 4) AS p_ln
FROM (SELECT topology, count(*) AS n, tpl_fit(x) AS f,
             vuong(x, 'truncated_power_law', 'lognormal') AS ln
      FROM tce_by GROUP BY topology) g
ORDER BY topology;

\echo '== TCE by topology and task family'
SELECT topology, task_family, n, (f).xmin, (f).n_tail, round((f).alpha::numeric, 2) AS alpha,
       round((1 / nullif((f).lambda, 0))::numeric, 1) AS cutoff, (f).quality,
       round((ln).r::numeric, 1) AS r_tpl_ln, round((ln).p_value::numeric, 4) AS p_ln
FROM (SELECT topology, task_family, count(*) AS n, tpl_fit(x) AS f,
             vuong(x, 'truncated_power_law', 'lognormal') AS ln
      FROM tce_by GROUP BY topology, task_family) g
ORDER BY topology, task_family;

\echo '== TCE by N'
SELECT n_agents, n, (f).xmin, (f).n_tail, round((f).alpha::numeric, 2) AS alpha,
       round((1 / nullif((f).lambda, 0))::numeric, 1) AS cutoff, (f).quality
FROM (SELECT n_agents, count(*) AS n, tpl_fit(x) AS f FROM tce_by GROUP BY n_agents) g
ORDER BY n_agents;

\echo '== Power law on cascade size, beside the authors'' fit_results.json'
SELECT (f).xmin, (f).n_tail, round((f).alpha::numeric, 4) AS alpha, round((f).alpha_se::numeric, 4) AS alpha_se
FROM (SELECT pl_fit(size) AS f FROM cascades) g;
