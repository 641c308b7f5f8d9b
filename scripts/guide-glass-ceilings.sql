-- The outputs of docs/guide-glass-ceilings.md: simulated networks of paper 001's protocol
-- (Sec. 2.2), then the shapes of Table 1 (the mean-field prediction against the empirical
-- prominence trajectory) and of Fig. 2-3 (influence ratios over time and the final
-- agent-level influence). On a database with collcog and no runs named even/..., tilt/...,
-- fig/... or fig3/...:
--
--   psql -X -f scripts/guide-glass-ceilings.sql
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
-- Table 1's setting: 50 runs of T = 100 steps per case, d = 3, the default parameters
-- (p = q = 0.25, r = 0.5, delta = xi = 1.5, three trials per event). Case "even": every
-- type pair has the same utility; case "tilt": targets of type R are worth more.
CALL simulate_network_into(steps => 100, runs => 50, seed => 1, run_prefix => 'even');
CALL simulate_network_into(steps => 100, runs => 50, seed => 2, run_prefix => 'tilt',
                           mu => '{2,2,0.5,0.5}');
-- Fig. 2 and 3: longer runs (20 of T = 1000). Fig. 2: one population, half R, targets of
-- type R worth twice as much. Fig. 3: the same tilt, but R is the minority of newcomers
-- (r = 0.3) and its utility as a target smaller (1.5).
CALL simulate_network_into(steps => 1000, runs => 20, seed => 3, run_prefix => 'fig',
                           mu => '{2,2,1,1}');
CALL simulate_network_into(steps => 1000, runs => 20, seed => 4, run_prefix => 'fig3', r => 0.3,
                           mu => '{1.5,1.5,1,1}');

\echo '-- mu from the data: type_pair_weights per case (mu_step, dimension 1)'
SELECT c.case_name, w.target_type, w.source_type, w.n_messages,
       round(w.mu[1]::numeric, 3) AS mu_1, round(w.mu_step[1]::numeric, 3) AS mu_step_1
FROM (VALUES ('even'), ('tilt')) c(case_name),
     LATERAL type_pair_weights((SELECT array_agg(run_id) FROM runs
                                WHERE split_part(run_id, '/', 1) = c.case_name)) w
ORDER BY 1, 2 DESC, 3 DESC;

-- the empirical trajectory of each case: R's theta^t (theta_in || theta_out, 2d = 6 values)
-- averaged over the case's runs, t = 0 .. 100
CREATE TEMP TABLE empirical AS
SELECT case_name, t, array_agg(v ORDER BY k) AS theta
FROM (SELECT split_part(p.run_id, '/', 1) AS case_name, p.t, u.k, avg(u.v) AS v
      FROM type_prominence() p, unnest(p.theta_in || p.theta_out) WITH ORDINALITY u(v, k)
      WHERE p.agent_type = 'R' AND split_part(p.run_id, '/', 1) IN ('even', 'tilt')
      GROUP BY 1, 2, 3) x
GROUP BY 1, 2;
-- the prediction: the ODE of App. A from the empirical theta^0, with the case's mu_step
CREATE TEMP TABLE predicted AS
SELECT e.case_name, m.t, m.ode_theta AS theta
FROM empirical e,
     LATERAL (SELECT array_agg(w.mu_step ORDER BY w.target_type DESC, w.source_type DESC) AS mu
              FROM type_pair_weights((SELECT array_agg(run_id) FROM runs
                                      WHERE split_part(run_id, '/', 1) = e.case_name)) w) mu,
     LATERAL meanfield_trajectory(e.theta, 100, 0.25, 0.25, 0.5, 1.5, 1.5, mu.mu) m
WHERE e.t = 0;

\echo '-- Table 1: the prediction against the mean trajectory, t = 1 .. 100 (Monte Carlo p, 999 reorderings)'
SELECT e.case_name, round((f).mse::numeric, 5) AS mse, round((f).bias::numeric, 4) AS bias,
       round((f).p_monte_carlo::numeric, 3) AS lbp_10, round((f).max_acf::numeric, 3) AS max_acf_10,
       (f).t_points, (f).series
FROM (SELECT e.case_name,
             trajectory_fit(array_agg(e.theta ORDER BY e.t), array_agg(p.theta ORDER BY e.t),
                            10, 999, 1) AS f
      FROM empirical e JOIN predicted p USING (case_name, t)
      WHERE e.t >= 1 GROUP BY e.case_name) e
ORDER BY 1;

\echo '-- Table 1, per run: the prediction against each run (mean over the 50 runs)'
SELECT case_name, round(avg((f).mse)::numeric, 5) AS mse, round(avg((f).bias)::numeric, 4) AS bias,
       round(avg((f).p_chisq)::numeric, 3) AS lbp_10_chisq, round(avg((f).max_acf)::numeric, 3) AS max_acf_10
FROM (SELECT split_part(p.run_id, '/', 1) AS case_name, p.run_id,
             trajectory_fit(array_agg(p.theta_in || p.theta_out ORDER BY p.t),
                            array_agg(q.theta ORDER BY p.t), 10) AS f
      FROM type_prominence() p
      JOIN predicted q ON q.case_name = split_part(p.run_id, '/', 1) AND q.t = p.t
      WHERE p.agent_type = 'R' AND p.t >= 1
      GROUP BY 1, 2) x
GROUP BY 1 ORDER BY 1;

\echo '-- Fig. 2 and 3, top: the influence ratios I^t(R), I^t(B) (Eq. 10), mean over runs'
SELECT split_part(run_id, '/', 1) AS figure, t,
       round(avg(influence) FILTER (WHERE agent_type = 'R')::numeric, 3) AS i_r,
       round(avg(influence) FILTER (WHERE agent_type = 'B')::numeric, 3) AS i_b,
       round(avg(gce_ratio) FILTER (WHERE agent_type = 'R')::numeric, 3) AS i_r_over_i_b
FROM type_prominence()
WHERE split_part(run_id, '/', 1) IN ('fig', 'fig3') AND t IN (10, 50, 100, 500, 1000)
GROUP BY 1, 2 ORDER BY 1, 2;

\echo '-- Fig. 2 and 3, bottom: the final agent-level influence I_i, quartiles by type'
SELECT split_part(run_id, '/', 1) AS figure, agent_type, count(*) AS agents,
       round(percentile_cont(0.25) WITHIN GROUP (ORDER BY influence)::numeric, 3) AS q25,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY influence)::numeric, 3) AS median,
       round(percentile_cont(0.75) WITHIN GROUP (ORDER BY influence)::numeric, 3) AS q75,
       round(percentile_cont(0.9) WITHIN GROUP (ORDER BY influence)::numeric, 3) AS q90
FROM agent_influence()
WHERE split_part(run_id, '/', 1) IN ('fig', 'fig3') AND influence < 'Infinity'
GROUP BY 1, 2 ORDER BY 1, 2;

\echo '-- the tail ratio P(I_i > gamma | R) / P(I_i > gamma | B) (Eq. 11), gamma the 90% quantile of each run'
SELECT split_part(run_id, '/', 1) AS figure, agent_type, count(*) AS runs,
       round(avg(p_tail)::numeric, 3) AS p_tail, round(avg(p_tail_rest)::numeric, 3) AS p_tail_rest,
       round(avg(tail_ratio)::numeric, 3) AS tail_ratio
FROM tail_gce_ratio()
WHERE split_part(run_id, '/', 1) IN ('fig', 'fig3')
GROUP BY 1, 2 ORDER BY 1, 2;

\echo '-- the same, pooled per figure with type_prominence_agg over the messages of the last 100 rounds'
SELECT split_part(m.run_id, '/', 1) AS figure,
       round((type_prominence_agg(m.weight, s.agent_type = 'R', g.agent_type = 'R')).influence::numeric, 3) AS i_r,
       round((type_prominence_agg(m.weight, s.agent_type = 'R', g.agent_type = 'R')).influence_rest::numeric, 3) AS i_b
FROM messages m
JOIN agents s ON s.run_id = m.run_id AND s.agent_id = m.source
JOIN agents g ON g.run_id = m.run_id AND g.agent_id = m.target
WHERE split_part(m.run_id, '/', 1) IN ('fig', 'fig3') AND m.t > 900
GROUP BY 1 ORDER BY 1;
