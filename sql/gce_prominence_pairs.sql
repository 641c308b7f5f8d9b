-- type_pair_weights recovers the simulator's type-pair utilities mu (up to a factor per
-- dimension), where the mean normalised weight does not.
--
-- The simulator draws raw weights mu_ab * exp(sigma Z - sigma^2 / 2) and divides them by
-- their step's total per dimension (Sec. 2.2 step 3), so only within-step ratios keep mu.
-- Tolerance: ln w has noise sd sigma = 0.5 per message; a contrast between two pairs with
-- n of roughly 1500 messages each in mixed steps has a standard error near
-- 0.5 * sqrt(2 / 1500) = 0.018 in ln mu, so |ln(ratio estimate / true ratio)| < 0.08 is
-- over four standard errors (two runs of 1500 steps, about 9000 messages). Trials on the same
-- pair within a step are summed into one message, a small bias the margin also covers.
CREATE EXTENSION collcog;
-- mu per (target, source) = (R,R), (R,B), (B,R), (B,B); dimension 2 differs from dimension 1
CALL simulate_network_into(runs => 2, steps => 1500, d => 2, seed => 11, noise => 0.5,
                           mu => '{{2,1},{1,1},{0.5,3},{1,1}}');
CREATE TEMP TABLE truth (target_type text, source_type text, mu double precision[]);
INSERT INTO truth VALUES ('R', 'R', '{2,1}'), ('R', 'B', '{1,1}'), ('B', 'R', '{0.5,3}'),
                         ('B', 'B', '{1,1}');
CREATE TEMP TABLE est AS SELECT * FROM type_pair_weights();
SELECT target_type, source_type, n_messages > 1000 AS many, n_steps <= n_messages AS steps_ok
FROM est ORDER BY 1, 2;
-- ratios to (B,B) in each dimension: estimated against true
SELECT e.target_type, e.source_type, k,
       abs(ln((e.mu[k] / bb.mu[k]) / (t.mu[k] / tb.mu[k]))) < 0.08 AS mu_recovered,
       abs(ln((e.mean_weight[k] / bb.mean_weight[k]) / (t.mu[k] / tb.mu[k]))) < 0.08 AS mean_weight_recovers
FROM est e JOIN truth t USING (target_type, source_type)
CROSS JOIN (SELECT * FROM est WHERE target_type = 'B' AND source_type = 'B') bb
CROSS JOIN (SELECT * FROM truth WHERE target_type = 'B' AND source_type = 'B') tb
CROSS JOIN generate_series(1, 2) k
WHERE (e.target_type, e.source_type) <> ('B', 'B') ORDER BY 1, 2, 3;
-- scale: the messages' mean mu is 1 in each dimension
SELECT k, abs(sum(n_messages * mu[k]) / sum(n_messages) - 1) < 1e-9 AS mean_one
FROM est, generate_series(1, 2) k GROUP BY k ORDER BY k;
-- the mean normalised weight is the plain mean of weight / step total, and mu_step that of
-- weight / step total * messages of the step, by SQL
WITH m AS (
    SELECT m.run_id, m.t, tt.agent_type AS target_type, st.agent_type AS source_type, k,
           m.weight[k] / sum(m.weight[k]) OVER (PARTITION BY m.run_id, m.t, k) AS wn,
           count(*) OVER (PARTITION BY m.run_id, m.t, k) AS n
    FROM messages m JOIN agents st ON st.run_id = m.run_id AND st.agent_id = m.source
    JOIN agents tt ON tt.run_id = m.run_id AND tt.agent_id = m.target,
    generate_subscripts(m.weight, 1) k)
SELECT bool_and(abs(e.mean_weight[m.k] - m.mean) < 1e-12) AS mean_weight_matches,
       bool_and(abs(e.mu_step[m.k] - m.mean_step) < 1e-12) AS mu_step_matches
FROM (SELECT target_type, source_type, k, avg(wn) AS mean, avg(wn * n) AS mean_step
      FROM m GROUP BY 1, 2, 3) m
JOIN est e USING (target_type, source_type);
-- mu_step's scale: the messages' mean is 1 in each dimension (each step's messages average 1)
SELECT k, abs(sum(n_messages * mu_step[k]) / sum(n_messages) - 1) < 1e-9 AS step_mean_one
FROM est, generate_series(1, 2) k GROUP BY k ORDER BY k;
-- equal utilities: mu is 1 for every pair (within the same tolerance)
CALL simulate_network_into(runs => 1, steps => 3000, seed => 12, run_prefix => 'eq');
SELECT target_type, source_type, abs(ln(mu[1])) < 0.08 AND abs(ln(mu[3])) < 0.08 AS mu_one
FROM type_pair_weights(ARRAY['eq/1']) ORDER BY 1, 2;
-- pairs that never share a step with another pair: mu is not identified (NULL)
INSERT INTO runs (run_id) VALUES ('apart');
INSERT INTO agents VALUES ('apart', 'r1', 'R'), ('apart', 'r2', 'R'), ('apart', 'b1', 'B');
INSERT INTO messages VALUES ('apart', 1, 'r1', 'r2', '{2}'), ('apart', 2, 'r1', 'b1', '{1}'),
                            ('apart', 2, 'r2', 'b1', '{3}');
-- mu_step by hand: step 1 has one message (R,R): 2/2 * 1 = 1; step 2 two of (B,R):
-- 1/4 * 2 = 0.5 and 3/4 * 2 = 1.5, mean 1
SELECT target_type, source_type, n_messages, n_steps, mean_weight, mu, mu_step
FROM type_pair_weights(ARRAY['apart']) ORDER BY 1, 2;
DROP EXTENSION collcog;
