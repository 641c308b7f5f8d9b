-- agent_concentration (per run, over active and all agents) and elite_attachment_link().
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- By hand. Run a: agents x (5 claims), y (3), z and w (none; z endorses once).
--   Active (N = 2, values 3, 5, total 8): top-1 5/8 = 0.625; top-10% k = ceil(0.2) = 1:
--   0.625, excess 0.625 - 1/2 = 0.125; Gini 2 (1*3 + 2*5) / (2*8) - 3/2 = 0.125; effective
--   agents 8^2 / (9 + 25) = 1.882353, / N = 0.941176.
--   All (N = 4, values 0, 0, 3, 5): top-1 0.625; k = ceil(0.4) = 1: 0.625, excess
--   0.625 - 1/4 = 0.375; Gini 2 (3*3 + 4*5) / (4*8) - 5/4 = 0.5625; effective agents
--   1.882353, / N = 0.470588; active fraction 2/4 = 0.5.
-- Run b: two agents, no events: no active agent (NULL measures), all-zero over all agents
--   (Gini 0, shares and effective agents NULL).
INSERT INTO runs (run_id, topology, task_family, n_agents, seed, success) VALUES
    ('a', 'star', 'qa', 4, 1, true), ('b', 'star', 'qa', 2, 2, false);
INSERT INTO agents (run_id, agent_id) VALUES
    ('a', 'x'), ('a', 'y'), ('a', 'z'), ('a', 'w'), ('b', 'u'), ('b', 'v');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, target_claim_id)
SELECT 'a', s, CASE WHEN s <= 5 THEN 'x' ELSE 'y' END, 'propose', 'c' || s, '{}', NULL
FROM generate_series(1, 8) s;
INSERT INTO events (run_id, step_id, agent_id, event_type, target_claim_id) VALUES ('a', 9, 'z', 'endorse', 'c1');
SELECT run_id, topology, task_family, n_agents, seed, success, agents, agents_active, active_fraction,
       top1_share_active, top10_share_active, top10_excess_active, gini_active,
       round(effective_agents_active::numeric, 6) AS eff_active,
       round(effective_fraction_active::numeric, 6) AS eff_fraction_active,
       top1_share_all, top10_share_all, top10_excess_all, gini_all,
       round(effective_agents_all::numeric, 6) AS eff_all,
       round(effective_fraction_all::numeric, 6) AS eff_fraction_all
FROM agent_concentration ORDER BY run_id;

-- Simulated runs at two sizes, against the measures written out with window functions.
CALL simulate_routing_into(n_agents => 12, steps => 500, runs => 4, seed => 21, run_prefix => 'm12/');
CALL simulate_routing_into(n_agents => 40, steps => 1500, runs => 3, seed => 22, run_prefix => 'm40/');
WITH e AS (
    SELECT run_id, claims::float8 AS x,
           row_number() OVER (PARTITION BY run_id ORDER BY claims DESC) AS desc_rank,
           row_number() OVER (PARTITION BY run_id ORDER BY claims) AS asc_rank,
           count(*) OVER (PARTITION BY run_id) AS n, sum(claims) OVER (PARTITION BY run_id) AS total
    FROM agent_effort WHERE claims > 0
), by_hand AS (
    SELECT run_id,
           sum(x) FILTER (WHERE desc_rank = 1) / max(total) AS top1,
           sum(x) FILTER (WHERE desc_rank <= ceil(0.1 * n)) / max(total) AS top10,
           2 * sum(asc_rank * x) / (max(n) * max(total)) - (max(n) + 1)::float8 / max(n) AS gini,
           max(total)^2 / sum(x * x) AS eff
    FROM e GROUP BY run_id
)
SELECT count(*) AS runs,
       count(*) FILTER (WHERE abs(c.top1_share_active - h.top1) < 1e-12
                          AND abs(c.top10_share_active - h.top10) < 1e-12
                          AND abs(c.gini_active - h.gini) < 1e-12
                          AND abs(c.effective_agents_active - h.eff) < 1e-9) AS agree
FROM agent_concentration c JOIN by_hand h USING (run_id)
WHERE c.run_id LIKE 'm%';

-- The link: conditions that differ in routing strength (task_family names gamma). Stronger
-- reinforcement gives a larger beta and a more concentrated elite, so the share rises with
-- beta across conditions.
CALL simulate_routing_into(n_agents => 30, steps => 1500, runs => 3, seed => 31, gamma => 0,
                           run_prefix => 'g0/', task_family => 'g0');
CALL simulate_routing_into(n_agents => 30, steps => 1500, runs => 3, seed => 32, gamma => 0.5,
                           run_prefix => 'g05/', task_family => 'g05');
CALL simulate_routing_into(n_agents => 30, steps => 1500, runs => 3, seed => 33, gamma => 1,
                           run_prefix => 'g1/', task_family => 'g1');
CALL simulate_routing_into(n_agents => 30, steps => 1500, runs => 3, seed => 34, gamma => 1.5,
                           run_prefix => 'g15/', task_family => 'g15');
CREATE TEMP TABLE link AS
SELECT * FROM elite_attachment_link(run_ids => ARRAY(SELECT run_id FROM runs WHERE run_id LIKE 'g%'));
SELECT task_family, n_agents, runs, beta IS NOT NULL AS has_beta, conditions FROM link ORDER BY beta;
SELECT slope > 0 AS share_rises_with_beta, r2 > 0.8 AS strong_link,
       (SELECT bool_and(abs(l.top10_share - a.share) < 1e-12)
        FROM link l JOIN (SELECT task_family, avg(top10_share_active) AS share FROM agent_concentration
                          WHERE run_id LIKE 'g%' GROUP BY task_family) a USING (task_family))
         AS shares_are_the_runs_means,
       abs(slope - (SELECT regr_slope(top10_share, beta) FROM link)) < 1e-12 AS slope_of_the_rows
FROM link LIMIT 1;
-- One event type: the rows of attachment_exponent for that type.
SELECT count(*) AS conditions, count(beta) AS with_beta
FROM elite_attachment_link('revise', run_ids => ARRAY(SELECT run_id FROM runs WHERE run_id LIKE 'g%'));

-- Bad input.
SELECT * FROM elite_attachment_link('nonsense');
SELECT * FROM elite_attachment_link(run_ids => ARRAY[NULL]);
SELECT * FROM elite_attachment_link(run_ids => ARRAY['nope']);

DROP TABLE link;
DROP EXTENSION collcog;
