-- The mean-field model fed from data (paper 001, App. A): mu_ab estimated from the messages
-- of simulate_network by type_pair_weights (its mu_step, in the scale meanfield_drift takes),
-- the fixed point Theta* of that F against the prominence theta^T the runs reach
-- (type_prominence at each run's last round, the seed graph of t = 0 included).
--
-- Equal utilities: the simulator's drift is App. A's F with every mu = 1 (see
-- gce_meanfield_sim), the estimate is 1 up to noise, and the error shrinks as T grows.
-- Unequal utilities: the simulator normalises each step's trials among themselves, so the
-- weight a pair carries depends on the other trials of its step and on the event (a newborn
-- source gives all its trials one source type); mu_step is the average of that over the
-- steps realised. The runs approach the Theta* it gives, slowly: the gap between their mean
-- theta^T and Theta* shrinks as T grows (in theta_in 0.079, 0.048 at T = 200, 3200; 0.029 at
-- T = 12800, too slow to run here), still several standard errors at the largest T.
CREATE EXTENSION collcog;
CREATE TEMP TABLE cfg (prefix text, steps integer, d integer, mu double precision[],
                       initial_r integer, initial_b integer);
INSERT INTO cfg VALUES ('eq100', 100, 3, '{1,1,1,1}', 6, 1), ('eq400', 400, 3, '{1,1,1,1}', 6, 1),
                       ('eq1600', 1600, 3, '{1,1,1,1}', 6, 1),
                       ('ne200', 200, 1, '{3,1,0.3,1}', 2, 5), ('ne3200', 3200, 1, '{3,1,0.3,1}', 2, 5);
DO $$
DECLARE c record;
BEGIN
    FOR c IN SELECT * FROM cfg LOOP
        CALL simulate_network_into(steps => c.steps, d => c.d, p => 0.35, q => 0.15, r => 0.3, delta => 0.8,
                                   xi => 2.0, initial_r => c.initial_r, initial_b => c.initial_b,
                                   mu => c.mu, runs => 24, seed => 5, run_prefix => c.prefix);
    END LOOP;
END $$;
-- Theta* of F with mu_step estimated from the runs of a configuration, as a 4 x d array in
-- the order (R,R), (R,B), (B,R), (B,B)
CREATE FUNCTION estimated_mu(prefix text) RETURNS double precision[] LANGUAGE sql AS $$
    SELECT array_agg(w.mu_step ORDER BY w.target_type DESC, w.source_type DESC)
    FROM type_pair_weights((SELECT array_agg(run_id) FROM runs
                            WHERE split_part(run_id, '/', 1) = prefix)) w
$$;
CREATE TEMP TABLE star AS
SELECT prefix, (meanfield_fixed_point(0.35, 0.15, 0.3, 0.8, 2.0, estimated_mu(prefix))).theta
FROM cfg;
CREATE TEMP TABLE reached AS
SELECT split_part(p.run_id, '/', 1) AS prefix, p.run_id, p.theta_in || p.theta_out AS theta
FROM type_prominence() p
WHERE p.agent_type = 'R' AND p.t = (SELECT max(m.t) FROM messages m WHERE m.run_id = p.run_id);
CREATE TEMP TABLE err AS
SELECT r.prefix, r.run_id,
       sqrt((SELECT sum((x - y) ^ 2) FROM unnest(r.theta, s.theta) u(x, y))) AS err
FROM reached r JOIN star s USING (prefix);
SELECT prefix, count(*) AS runs, array_length(s.theta, 1) AS coordinates
FROM reached JOIN star s USING (prefix) GROUP BY prefix, s.theta ORDER BY prefix;

-- equal utilities: the estimate is 1 for every pair (noise: within 5%), Theta* is r = 0.3
-- in every coordinate within 0.02, and the mean error shrinks with T by more than a quarter
-- per fourfold T, to below 0.3 at T = 1600 (the thresholds of gce_meanfield_sim, where mu
-- is known)
SELECT prefix, (SELECT bool_and(abs(x - 1) < 0.05) FROM unnest(estimated_mu(prefix)) x) AS mu_one,
       (SELECT bool_and(abs(x - 0.3) < 0.02) FROM unnest(theta) x) AS star_r
FROM star WHERE prefix LIKE 'eq%' ORDER BY prefix;
WITH e AS (SELECT prefix, avg(err) AS err FROM err GROUP BY prefix)
SELECT (SELECT err FROM e WHERE prefix = 'eq400') < 0.75 * (SELECT err FROM e WHERE prefix = 'eq100') AS shrinks_100_400,
       (SELECT err FROM e WHERE prefix = 'eq1600') < 0.75 * (SELECT err FROM e WHERE prefix = 'eq400') AS shrinks_400_1600,
       (SELECT err FROM e WHERE prefix = 'eq1600') < 0.3 AS small_at_1600;

-- unequal utilities {3, 1, 0.3, 1}: the utilities themselves are not in F's scale (F then
-- adds more than a step's unit mass, and its iteration runs away)
DO $$
BEGIN
    PERFORM meanfield_fixed_point(0.35, 0.15, 0.3, 0.8, 2.0, '{{3},{1},{0.3},{1}}');
    RAISE NOTICE 'settled';
EXCEPTION WHEN invalid_parameter_value OR data_exception THEN
    RAISE NOTICE 'utilities as mu: %', SQLERRM;
END $$;
-- with mu_step (d = 1; the seed graph starts theta_in at 2/7): per coordinate (theta_in,
-- theta_out) the runs' mean, Theta* and the standard error of the mean over 24 runs
CREATE TEMP TABLE gap AS
SELECT r.prefix, k, avg(r.theta[k]) AS reached, s.theta[k] AS star,
       stddev(r.theta[k]) / sqrt(count(*)) AS se
FROM reached r JOIN star s USING (prefix), generate_series(1, 2) k
WHERE r.prefix LIKE 'ne%' GROUP BY r.prefix, k, s.theta[k];
-- close (within 0.1), beyond two standard errors (a bias, not noise), and the bias shrinks
-- by more than a quarter from T = 200 to T = 3200 in each coordinate
SELECT prefix, k, abs(reached - star) < 0.1 AS within_01,
       abs(reached - star) > 2 * se AS beyond_2se
FROM gap ORDER BY prefix, k;
SELECT k, abs(b.reached - b.star) < 0.75 * abs(a.reached - a.star) AS bias_shrinks
FROM gap a JOIN gap b USING (k) WHERE a.prefix = 'ne200' AND b.prefix = 'ne3200' ORDER BY k;
SELECT prefix, k, round(reached::numeric, 3) AS reached, round(star::numeric, 3) AS star, round(se::numeric, 3) AS se FROM gap ORDER BY 1, 2;
DROP TABLE cfg, star, reached, err, gap;
DROP FUNCTION estimated_mu(text);
DROP EXTENSION collcog;
