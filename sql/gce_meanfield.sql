-- The mean-field model and the trajectory diagnostics (paper 001, App. A and B.4).
-- No raw floats: rounded values or booleans with tolerances.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS collcog CASCADE;
RESET client_min_messages;
CREATE EXTENSION collcog;

-- The drift against App. A's formulas written out in SQL at a point (d = 2, mu 2 x 2 x d).
WITH a AS (SELECT 0.3::float8 AS p, 0.2::float8 AS q, 0.4::float8 AS r, 1.2::float8 AS delta,
                  0.8::float8 AS xi, 0.7::float8 AS in1, 0.2::float8 AS in2, 0.1::float8 AS out1,
                  0.6::float8 AS out2),
     m AS (SELECT '{{{0.9,0.5},{0.3,0.8}},{{0.6,0.1},{0.4,0.2}}}'::float8[] AS mu),
     pi AS (SELECT a.*, m.mu,
                   (in1 + in2 + (p + q) * r * delta) / (2 + (p + q) * delta) AS tR,
                   (out1 + out2 + (p + q) * r * xi) / (2 + (p + q) * xi) AS sR
            FROM a, m),
     f AS (SELECT k, p * tR * (r * mu[1][1][k] + (1 - r) * mu[1][2][k])
                     + q * r * (sR * mu[1][1][k] + (1 - sR) * mu[1][2][k])
                     + (1 - p - q) * tR * (sR * mu[1][1][k] + (1 - sR) * mu[1][2][k]) AS fin,
                  p * r * (tR * mu[1][1][k] + (1 - tR) * mu[2][1][k])
                     + q * sR * (r * mu[1][1][k] + (1 - r) * mu[2][1][k])
                     + (1 - p - q) * sR * (tR * mu[1][1][k] + (1 - tR) * mu[2][1][k]) AS fout,
                  meanfield_drift(ARRAY[in1, in2, out1, out2], p, q, r, delta, xi, mu) AS got
           FROM pi, generate_series(1, 2) k)
SELECT k, abs(got[k] - fin) < 1e-14 AS in_ok, abs(got[2 + k] - fout) < 1e-14 AS out_ok
FROM f ORDER BY k;

-- The 4 x d form of mu (simulate_network's) is the same model.
SELECT meanfield_drift('{0.7,0.2,0.1,0.6}', 0.3, 0.2, 0.4, 1.2, 0.8, '{{{0.9,0.5},{0.3,0.8}},{{0.6,0.1},{0.4,0.2}}}')
     = meanfield_drift('{0.7,0.2,0.1,0.6}', 0.3, 0.2, 0.4, 1.2, 0.8, '{{0.9,0.5},{0.3,0.8},{0.6,0.1},{0.4,0.2}}') AS same;

-- A contraction (rho < 1): the fixed point is fixed, its error bound holds.
WITH fp AS (SELECT (meanfield_fixed_point(0.25, 0.25, 0.5, 1.5, 1.5,
                    '{{{0.4,0.3},{0.2,0.1}},{{0.3,0.3},{0.2,0.2}}}')).*)
SELECT round(rho::numeric, 4) AS rho, contraction, iterations > 1 AS iterated,
       step <= 1e-12 AS settled, error_bound IS NOT NULL AND error_bound < 1e-11 AS bounded,
       residual < 1e-12 AS small_residual, step_ratio < rho AS observed_below_rho,
       (SELECT max(abs(x - y)) FROM unnest(theta, meanfield_drift(theta, 0.25, 0.25, 0.5, 1.5, 1.5,
             '{{{0.4,0.3},{0.2,0.1}},{{0.3,0.3},{0.2,0.2}}}')) u(x, y)) < 1e-12 AS fixed,
       (SELECT array_agg(round(x::numeric, 4)) FROM unnest(theta) x) AS theta,
       abs(influence_r - (theta[3] + theta[4]) / (theta[1] + theta[2])) < 1e-14 AS i_r_ok,
       abs(influence_b - (2 - theta[3] - theta[4]) / (2 - theta[1] - theta[2])) < 1e-14 AS i_b_ok,
       abs(gce_ratio - influence_r / influence_b) < 1e-14 AS ratio_ok
FROM fp;

-- Table 4's defaults with every mu = 1: rho = 1.6, the iteration settles at r, and nothing
-- is claimed: contraction false, no error bound.
SELECT (SELECT array_agg(round(x::numeric, 6)) FROM unnest((f).theta) x) AS theta,
       round((f).rho::numeric, 4) AS rho, (f).contraction, (f).error_bound,
       (f).residual < 1e-12 AS settled, (f).step_ratio < 1 AS observed_ratio_below_1
FROM (SELECT meanfield_fixed_point(0.25, 0.25, 0.3, 1.5, 1.5, '{{1,1,1},{1,1,1},{1,1,1},{1,1,1}}',
             theta0 => '{0.9,0.9,0.9,0.1,0.1,0.1}', tolerance => 1e-14) AS f) s;

-- Not settling: 22000 with rho in the detail.
\set VERBOSITY verbose
SELECT meanfield_fixed_point(0.25, 0.25, 0.3, 1.5, 1.5, '{{50},{50},{50},{50}}', max_iterations => 100);
SELECT meanfield_fixed_point(0.25, 0.25, 0.3, 1.5, 1.5, '{{0.5},{0.5},{0.5},{0.5}}', tolerance => 1e-15, max_iterations => 2);
\set VERBOSITY default

-- The trajectories: row 0 is theta0, the recursion's first step is F(theta0), tau is harmonic,
-- both end near the fixed point r = 0.3 of every mu = 1.
WITH tr AS (SELECT * FROM meanfield_trajectory('{0.9,0.1}', 2000, 0.25, 0.25, 0.3, 1.5, 1.5, '{{1},{1},{1},{1}}'))
SELECT count(*) AS rows,
       bool_and(t > 0 OR (sa_theta = '{0.9,0.1}' AND ode_theta = '{0.9,0.1}')) AS starts,
       bool_and(t <> 1 OR sa_theta = meanfield_drift('{0.9,0.1}', 0.25, 0.25, 0.3, 1.5, 1.5, '{{1},{1},{1},{1}}')) AS first_step,
       bool_and(t <> 3 OR abs(tau - 11.0 / 6) < 1e-15) AS harmonic,
       bool_and(t <> 2000 OR (abs(sa_theta[1] - 0.3) < 0.01 AND abs(ode_theta[1] - 0.3) < 0.01)) AS near_fixed_point,
       bool_or(t BETWEEN 1 AND 10 AND abs(sa_theta[1] - ode_theta[1]) > 0.01) AS two_different_things
FROM tr;

-- Bad input: 22023 naming the value.
SELECT meanfield_drift('{0.5,0.5}', -0.1, 0.25, 0.5, 1.5, 1.5, '{{1},{1},{1},{1}}');
SELECT meanfield_drift('{0.5,0.5}', 0.25, 'NaN', 0.5, 1.5, 1.5, '{{1},{1},{1},{1}}');
SELECT meanfield_drift('{0.5,0.5}', 0.25, 0.25, 1.5, 1.5, 1.5, '{{1},{1},{1},{1}}');
SELECT meanfield_drift('{0.5,0.5}', 0.7, 0.4, 0.5, 1.5, 1.5, '{{1},{1},{1},{1}}');
SELECT meanfield_drift('{0.5,0.5}', 0.25, 0.25, 0.5, 0, 1.5, '{{1},{1},{1},{1}}');
SELECT meanfield_drift('{0.5,0.5}', 0.25, 0.25, 0.5, 1.5, -2, '{{1},{1},{1},{1}}');
SELECT meanfield_drift('{0.5,0.5}', 0.25, 0.25, 0.5, 1.5, 1.5, '{{1},{1},{-1},{1}}');
SELECT meanfield_drift('{0.5,0.5}', 0.25, 0.25, 0.5, 1.5, 1.5, '{{1},{1},{NaN},{1}}');
SELECT meanfield_drift('{0.5,0.5}', 0.25, 0.25, 0.5, 1.5, 1.5, '{{{1},{1}},{{1},{1}},{{1},{1}}}');
SELECT meanfield_drift('{0.5,0.5}', 0.25, 0.25, 0.5, 1.5, 1.5, '{{1,1},{1,1},{1,1}}');
SELECT meanfield_drift('{0.5,0.5,0.5}', 0.25, 0.25, 0.5, 1.5, 1.5, '{{1},{1},{1},{1}}');
SELECT meanfield_drift('{0.5,1.5}', 0.25, 0.25, 0.5, 1.5, 1.5, '{{1},{1},{1},{1}}');
SELECT meanfield_drift('{0.5,NaN}', 0.25, 0.25, 0.5, 1.5, 1.5, '{{1},{1},{1},{1}}');
SELECT meanfield_drift('{0.5,NULL}', 0.25, 0.25, 0.5, 1.5, 1.5, '{{1},{1},{1},{1}}');
SELECT meanfield_fixed_point(NULL, 0.25, 0.5, 1.5, 1.5, '{{1},{1},{1},{1}}');
SELECT meanfield_fixed_point(0.25, 0.25, 0.5, 1.5, 1.5, '{{1},{1},{1},{1}}', tolerance => 0);
SELECT * FROM meanfield_trajectory('{0.5,0.5}', -1, 0.25, 0.25, 0.5, 1.5, 1.5, '{{1},{1},{1},{1}}');
SELECT * FROM meanfield_trajectory('{0.5,0.5}', 100001, 0.25, 0.25, 0.5, 1.5, 1.5, '{{1},{1},{1},{1}}');
SELECT meanfield_drift(NULL, 0.25, 0.25, 0.5, 1.5, 1.5, '{{1},{1},{1},{1}}') IS NULL AS strict;

-- trajectory_fit: the prediction of the ODE against a noisy copy of itself.
WITH tr AS (SELECT t, ode_theta FROM meanfield_trajectory('{0.9,0.8,0.1,0.2}', 99, 0.25, 0.25, 0.3, 1.5, 1.5,
                                                   '{{0.9,0.8},{0.7,0.6},{0.5,0.4},{0.3,0.2}}')),
     s AS (SELECT array_agg(ode_theta ORDER BY t) AS pred,
                  array_agg((SELECT array_agg(x + 0.01 * sin(t * 7.3 + k * 1.7) ORDER BY k)
                             FROM unnest(ode_theta) WITH ORDINALITY u(x, k)) ORDER BY t) AS emp
           FROM tr),
     f AS (SELECT (trajectory_fit(emp, pred, replicates => 99, seed => 3)).* FROM s)
SELECT t_points, series, statistic, lags, df, replicates, mse > 0 AND mse < 1e-4 AS mse_small,
       bias < 0.01 AS bias_small, max_acf > 0 AND max_acf_lag BETWEEN 1 AND 10 AS acf,
       q > 0 AND p_chisq BETWEEN 0 AND 1 AS chisq,
       p_monte_carlo * 100 = round(p_monte_carlo * 100) AND p_monte_carlo > 0 AS mc_on_its_grid
FROM f;

-- The Monte Carlo p-value is seeded: the same seed, the same value; no replicates, NULL.
WITH s AS (SELECT ARRAY(SELECT ARRAY[sin(i * 1.1), cos(i * 0.37)] FROM generate_series(1, 40) i) AS e,
                  ARRAY(SELECT ARRAY[0, 0]::float8[] FROM generate_series(1, 40) i) AS z)
SELECT (trajectory_fit(e, z, replicates => 0)).p_monte_carlo IS NULL AS mc_null_when_off
FROM s;
WITH s AS (SELECT ARRAY(SELECT ARRAY[sin(i * 1.1), cos(i * 0.37), sin(i * 0.5)] FROM generate_series(1, 40) i) AS e,
                  ARRAY(SELECT ARRAY[0, 0, 0]::float8[] FROM generate_series(1, 40) i) AS z)
SELECT (trajectory_fit(e, z, 5, 199, 11)).p_monte_carlo = (trajectory_fit(e, z, 5, 199, 11)).p_monte_carlo AS reproducible,
       round((trajectory_fit(e, z, 5, 199, 11)).p_monte_carlo::numeric, 3) AS p_mc
FROM s;

-- A single series may be a plain array.
SELECT t_points, series, df FROM trajectory_fit(ARRAY(SELECT sin(i)::float8 FROM generate_series(1, 30) i),
                                              ARRAY(SELECT 0::float8 FROM generate_series(1, 30) i), 5);

-- trajectory_fit's bad input.
SELECT trajectory_fit('{{1,2},{3,4}}', '{{1,2}}');
SELECT trajectory_fit('{1,2,3,4,5}', '{1,2,3,4,5}');
SELECT trajectory_fit(ARRAY(SELECT ARRAY[i, 1]::float8[] FROM generate_series(1, 30) i),
                      ARRAY(SELECT ARRAY[0, 0]::float8[] FROM generate_series(1, 30) i), 5);
SELECT trajectory_fit(ARRAY(SELECT sin(i)::float8 FROM generate_series(1, 30) i),
                      ARRAY(SELECT 'NaN'::float8 FROM generate_series(1, 30) i), 5);
SELECT trajectory_fit('{1,2,3}', '{1,2,3}', lags => 0);
SELECT trajectory_fit(ARRAY(SELECT sin(i)::float8 FROM generate_series(1, 30) i),
                      ARRAY(SELECT 0::float8 FROM generate_series(1, 30) i), 5, replicates => -1);
SELECT trajectory_fit('{{{1}}}', '{{{1}}}');

DROP EXTENSION collcog;
