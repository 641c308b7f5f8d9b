-- The outputs of docs/guide-elites.md: simulated runs of paper 000's reinforced routing at
-- N = 8, 32, 128 and 512 agents (10 seeded runs each, 50 N events per run), then the shapes
-- of Table D.2 and Fig. 4, 5 and 7. On a database with collcog and no runs named n8/...:
--
--   psql -X -f scripts/guide-elites.sql
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CALL simulate_routing_into(n_agents => 8, steps => 400, runs => 10, seed => 1, run_prefix => 'n8/');
CALL simulate_routing_into(n_agents => 32, steps => 1600, runs => 10, seed => 2, run_prefix => 'n32/');
CALL simulate_routing_into(n_agents => 128, steps => 6400, runs => 10, seed => 3, run_prefix => 'n128/');
CALL simulate_routing_into(n_agents => 512, steps => 25600, runs => 10, seed => 4, run_prefix => 'n512/');
SELECT runs_built, cascades FROM build_cascades();

\echo '-- Table D.2: concentration among active agents, mean over runs (sd of the Gini)'
SELECT n_agents, count(*) AS runs, round(avg(top1_share_active)::numeric, 3) AS top1,
       round(avg(top10_share_active)::numeric, 3) AS top10,
       round(avg(top10_excess_active)::numeric, 3) AS top10_excess,
       round(avg(gini_active)::numeric, 3) AS gini, round(stddev(gini_active)::numeric, 3) AS gini_sd,
       round(avg(effective_fraction_active)::numeric, 3) AS n_eff_over_n,
       round(avg(active_fraction)::numeric, 3) AS active
FROM agent_concentration GROUP BY n_agents ORDER BY n_agents;

\echo '-- Fig. 4: top shares and their excess over an equal split, by N'
SELECT r.n_agents, s.p, round(avg(s.share)::numeric, 3) AS share,
       round(avg(s.share - ceil(s.p * s.n) / s.n)::numeric, 3) AS excess
FROM (SELECT a.run_id, p, top_share(a.claims, p::float8) FILTER (WHERE a.claims > 0) AS share,
             count(*) FILTER (WHERE a.claims > 0) AS n
      FROM agent_effort a, unnest('{0.01, 0.05, 0.1, 0.2}'::numeric[]) AS p
      GROUP BY a.run_id, p) s
JOIN runs r USING (run_id)
GROUP BY r.n_agents, s.p ORDER BY r.n_agents, s.p;

\echo '-- Fig. 4: the Lorenz curve (share of claims of the poorest 20%, 50%, 80% of active agents)'
SELECT r.n_agents, round(avg(l.c[2])::numeric, 3) AS poorest_20, round(avg(l.c[5])::numeric, 3) AS poorest_50,
       round(avg(l.c[8])::numeric, 3) AS poorest_80
FROM (SELECT run_id, lorenz(claims, 10) FILTER (WHERE claims > 0) AS c FROM agent_effort GROUP BY run_id) l
JOIN runs r USING (run_id)
GROUP BY r.n_agents ORDER BY r.n_agents;

\echo '-- Fig. 5: the routing ratio R(k), all event types'
SELECT n_agents, k, selections, round(ratio::numeric, 2) AS ratio
FROM routing_ratio()
WHERE event_type IS NULL AND k IN (0, 1, 2, 4, 8, 16, 32)
ORDER BY n_agents, k;

\echo '-- Fig. 5: the attachment exponent per N (all types) and per event type at N = 128'
SELECT n_agents, coalesce(event_type::text, 'all') AS event_type, levels,
       round(beta::numeric, 3) AS beta, round(beta_lo::numeric, 3) AS lo,
       round(beta_hi::numeric, 3) AS hi, round(beta_mle::numeric, 4) AS beta_mle,
       round(beta_mle_se::numeric, 4) AS se
FROM attachment_exponent()
WHERE event_type IS NULL OR n_agents = 128
ORDER BY n_agents, event_type NULLS FIRST;

\echo '-- Sec. 5.2: the top-10% share against beta across the four sizes'
SELECT n_agents, round(beta::numeric, 3) AS beta, round(top10_share::numeric, 3) AS top10,
       conditions, round(slope::numeric, 3) AS slope, round(r2::numeric, 3) AS r2
FROM elite_attachment_link();

\echo '-- Fig. 7: the largest cascade (TCE) by N, and its growth against the EVT prediction'
SELECT n_agents, runs, round(instances_per_run::numeric, 1) AS per_run,
       round(mean_max::numeric, 1) AS mean_max, round(mean_ln_max::numeric, 3) AS mean_ln_max,
       round(slope::numeric, 3) AS slope, round(slope_lo::numeric, 3) AS lo,
       round(slope_hi::numeric, 3) AS hi, round(c::numeric, 3) AS c, alpha_model,
       round(alpha::numeric, 3) AS alpha, round(evt_prediction::numeric, 3) AS evt
FROM extreme_scaling('tce');
