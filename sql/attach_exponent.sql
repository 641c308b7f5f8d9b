-- attachment_exponent(): the exponent beta of R(k) and the maximum-likelihood beta_mle of the
-- choice model P(c) ~ (1 + k_c)^beta, on simulated runs whose routing law is that model.
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- The simulator's law is exactly the choice model when (src/core/sim/routing.c):
--  * the topology is fully_connected: every agent sees every claim, so the drawing agent
--    does not matter (agent_gamma only picks the actor);
--  * there is no context window and no depth limit: every claim made so far is drawable,
--    which is the estimator's set of available claims (claims made at earlier steps; each
--    event has a step of its own);
--  * the mix has no merges: a merge draws its parents without replacement, not each from
--    all available claims; revise, contradict, endorse and delegate draw one claim with
--    probability proportional to (1 + k)^gamma, k the number of earlier events that
--    referenced it, the estimator's activity;
--  * DTI is off (its integration merges pick branch heads, not by activity).
-- Three sizes, one gamma each: 0, 0.5 and 1.
CALL simulate_routing_into(n_agents => 3, steps => 400, gamma => 0, runs => 10, seed => 21,
                           mix => '{0.2,0.3,0.2,0,0.1,0.2}', run_prefix => 'g0');
CALL simulate_routing_into(n_agents => 4, steps => 400, gamma => 0.5, runs => 10, seed => 22,
                           mix => '{0.2,0.3,0.2,0,0.1,0.2}', run_prefix => 'g05');
CALL simulate_routing_into(n_agents => 5, steps => 400, gamma => 1, runs => 10, seed => 23,
                           mix => '{0.2,0.3,0.2,0,0.1,0.2}', run_prefix => 'g1');
CREATE TEMP TABLE fit AS SELECT * FROM attachment_exponent();
-- beta_mle recovers gamma within 3 standard errors, overall and per event type.
SELECT n_agents, event_type, runs, replicates,
       abs(beta_mle - (ARRAY[0, 0.5, 1])[n_agents - 2]) < 3 * beta_mle_se AS recovers_gamma,
       beta_mle_se < 0.1 AS precise
FROM fit WHERE selections >= 100 ORDER BY n_agents, event_type NULLS FIRST;

-- With uniform routing R(k) is flat: the selections at each level are what uniform choice
-- expects, within chance (Pearson's X^2 over levels with expected >= 5 below its mean df
-- plus 4 standard deviations sqrt(2 df)); the same statistic rejects gamma = 1. The WLS
-- slope's bootstrap interval covers 0 under uniform routing and excludes it under gamma 1.
SELECT n_agents,
       sum((selections - expected) ^ 2 / expected) < count(*) + 4 * sqrt(2 * count(*)) AS flat
FROM routing_ratio() WHERE event_type IS NULL AND expected >= 5
GROUP BY n_agents ORDER BY n_agents;
SELECT n_agents, levels >= 2 AS fitted, beta_lo < 0 AND 0 < beta_hi AS interval_covers_0
FROM fit WHERE event_type IS NULL ORDER BY n_agents;

-- beta is the selections-weighted least-squares slope of ln R(k) on ln k over levels k >= 1
-- with at least min_selections selections: the same slope from routing_ratio()'s rows with
-- regr_slope over rows repeated by weight.
SELECT f.n_agents, abs(f.beta - s.slope) < 1e-9 AS slope_agrees, f.levels = s.levels AS levels_agree
FROM fit f JOIN (
    SELECT n_agents, count(*) AS levels, (
        sum(selections * ln(k) * ln(ratio)) - sum(selections * ln(k)) * sum(selections * ln(ratio)) / sum(selections))
        / (sum(selections * ln(k) ^ 2) - sum(selections * ln(k)) ^ 2 / sum(selections)) AS slope
    FROM routing_ratio() WHERE event_type IS NULL AND k >= 1 AND selections >= 5
    GROUP BY n_agents) s USING (n_agents)
WHERE f.event_type IS NULL ORDER BY f.n_agents;

-- Seeded: the same seed gives the same interval, another seed another one.
SELECT a.beta_lo = b.beta_lo AND a.beta_hi = b.beta_hi AS same_seed_same_interval,
       a.beta_lo <> c.beta_lo AS other_seed_other_interval
FROM attachment_exponent(ARRAY(SELECT run_id FROM runs WHERE run_id LIKE 'g1%'), 5, 50, 7) a,
     attachment_exponent(ARRAY(SELECT run_id FROM runs WHERE run_id LIKE 'g1%'), 5, 50, 7) b,
     attachment_exponent(ARRAY(SELECT run_id FROM runs WHERE run_id LIKE 'g1%'), 5, 50, 8) c
WHERE a.event_type IS NULL AND b.event_type IS NULL AND c.event_type IS NULL;

-- Groups that cannot give an exponent: NULL, not an error.
-- A run without events (n_agents 7): a row with no selections.
INSERT INTO runs (run_id, n_agents) VALUES ('empty', 7);
-- Every selection at k = 0 (n_agents 2: a chain of revisions of the newest claim): no level
-- k >= 1 has selections, so no slope; the likelihood rises without bound as beta falls.
INSERT INTO runs (run_id, n_agents) VALUES ('chain', 2);
INSERT INTO agents (run_id, agent_id) VALUES ('chain', 'a');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids)
SELECT 'chain', i, 'a', CASE WHEN i = 0 THEN 'propose' ELSE 'revise' END::event_type, 'c' || i,
       CASE WHEN i = 0 THEN '{}' ELSE ARRAY['c' || (i - 1)] END
FROM generate_series(0, 20) i;
-- One level k >= 1 (n_agents 6: two endorsements of a single claim, at k = 0 and k = 1), and
-- a single claim to choose from at every selection (a flat likelihood).
INSERT INTO runs (run_id, n_agents) VALUES ('one', 6);
INSERT INTO agents (run_id, agent_id) VALUES ('one', 'a');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, target_claim_id) VALUES
    ('one', 0, 'a', 'propose', 'c1', NULL),
    ('one', 1, 'a', 'endorse', NULL, 'c1'),
    ('one', 2, 'a', 'endorse', NULL, 'c1');
SELECT n_agents, event_type, runs, selections, levels, beta IS NULL AS no_beta,
       beta_lo IS NULL AND beta_hi IS NULL AND replicates IS NULL AS no_interval,
       beta_mle IS NULL AND beta_mle_se IS NULL AS no_mle
FROM attachment_exponent(ARRAY['empty', 'chain', 'one'], min_selections => 1)
ORDER BY n_agents, event_type NULLS FIRST;

-- Bad arguments.
SELECT * FROM attachment_exponent(ARRAY['chain', NULL]);
SELECT * FROM attachment_exponent(ARRAY['nope']);
SELECT * FROM attachment_exponent(min_selections => 0);
SELECT * FROM attachment_exponent(replicates => -1);
SELECT * FROM attachment_exponent(replicates => 1000001);
SELECT * FROM attachment_exponent(seed => NULL);
SELECT * FROM attachment_exponent(min_selections => NULL);
-- No replicates: beta without an interval.
SELECT beta IS NOT NULL AS beta, beta_lo IS NULL AS no_interval, replicates
FROM attachment_exponent(ARRAY(SELECT run_id FROM runs WHERE run_id LIKE 'g1%'), replicates => 0)
WHERE event_type IS NULL;

DROP TABLE fit;
DROP EXTENSION collcog;
