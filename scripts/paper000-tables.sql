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

\echo '== H2: concentration of claims among active agents, by N'
SELECT n_agents, count(*) AS runs, round(avg(top1_share_active)::numeric, 3) AS top1,
       round(avg(top10_share_active)::numeric, 3) AS top10,
       round(avg(top10_excess_active)::numeric, 3) AS top10_excess,
       round(avg(gini_active)::numeric, 3) AS gini,
       round(avg(effective_fraction_active)::numeric, 3) AS n_eff_over_n
FROM agent_concentration GROUP BY n_agents ORDER BY n_agents;

\echo '== H2: concentration by topology'
SELECT topology, count(*) AS runs, round(avg(top10_share_active)::numeric, 3) AS top10,
       round(avg(top10_excess_active)::numeric, 3) AS top10_excess,
       round(avg(gini_active)::numeric, 3) AS gini
FROM agent_concentration GROUP BY topology ORDER BY topology;

\echo '== H2: the attachment exponent by N (all event types)'
SELECT n_agents, runs, levels, round(beta::numeric, 3) AS beta, round(beta_lo::numeric, 3) AS lo,
       round(beta_hi::numeric, 3) AS hi, round(beta_mle::numeric, 3) AS beta_mle,
       round(beta_mle_se::numeric, 3) AS se
FROM attachment_exponent() WHERE event_type IS NULL ORDER BY n_agents;

\echo '== H2: the top-10% share against beta across conditions (topology x task family x N)'
SELECT count(*) AS conditions, max(conditions) AS with_beta, round(max(slope)::numeric, 3) AS slope,
       round(max(r2)::numeric, 3) AS r2
FROM elite_attachment_link();

\echo '== H3: the largest TCE of a run by N, its growth and the EVT prediction'
SELECT n_agents, runs, round(instances_per_run::numeric, 1) AS per_run,
       round(mean_max::numeric, 1) AS mean_max, round(mean_ln_max::numeric, 3) AS mean_ln_max,
       round(slope::numeric, 3) AS slope, round(slope_lo::numeric, 3) AS lo,
       round(slope_hi::numeric, 3) AS hi, round(c::numeric, 3) AS c,
       round(alpha::numeric, 3) AS alpha, round(evt_prediction::numeric, 3) AS evt
FROM extreme_scaling('tce');
