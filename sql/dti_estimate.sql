-- dti_estimate(): the DTI parameters of each condition class (DESIGN section 6).
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- By hand: class (star, qa) has a single claim (events 1, no contradiction, no merge) and a
-- cascade of 4 events: c1, two contradictions of it, a merge of both (contradictions 2,
-- merges 1). x = ln 1 = 0 and ln 4, y = ln 1 = 0 and ln 3: beta_c = ln 3 / ln 4 = 0.7924812504;
-- c = (0 + 1) / (1^beta_c + 4^beta_c) = 1 / (1 + 3) = 0.25; D = 0.25 - 0 = 0.25 and
-- 0.25 * 3 - 1 = -0.25, mean 0, sample sd sqrt(2 * 0.0625) = 0.3535533906 = tau.
INSERT INTO runs (run_id, topology, task_family) VALUES ('h', 'star', 'qa');
INSERT INTO agents (run_id, agent_id) VALUES ('h', 'a');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES
    ('h', 0, 'a', 'propose',    's',  '{}'),
    ('h', 1, 'a', 'propose',    'c1', '{}'),
    ('h', 2, 'a', 'contradict', 'c2', '{c1}'),
    ('h', 3, 'a', 'contradict', 'c3', '{c1}'),
    ('h', 4, 'a', 'merge',      'c4', '{c2,c3}');

-- Runs must be built first.
SELECT * FROM dti_estimate();
SELECT runs_built FROM build_cascades();
SELECT topology, task_family, cascades, round(beta_c::numeric, 10) AS beta_c,
       round(c::numeric, 10) AS c, round(tau::numeric, 10) AS tau
FROM dti_estimate();

-- Simulated baselines in two classes (and a class of one-event cascades only, whose slope is
-- undefined: NULL parameters), against the same estimators written out with plain sums:
-- slope = (n Sxy - Sx Sy) / (n Sxx - Sx^2).
CALL simulate_routing_into(n_agents => 8, steps => 400, runs => 3, seed => 3, run_prefix => 'f',
                           topology => 'fully_connected', task_family => 'math');
CALL simulate_routing_into(n_agents => 8, steps => 400, runs => 3, seed => 4, run_prefix => 'r',
                           topology => 'sparse_mesh', task_family => 'math');
INSERT INTO runs (run_id, topology, task_family) VALUES ('one', 'chain', 'qa');
INSERT INTO agents (run_id, agent_id) VALUES ('one', 'a');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id)
    SELECT 'one', i, 'a', 'propose', 'p' || i FROM generate_series(1, 5) i;
SELECT runs_built FROM build_cascades();
CREATE TEMP TABLE by_sums AS
WITH k AS (SELECT topology, task_family, tce::float8 AS n, n_merge::float8 AS m,
                  ln(tce::float8) AS x, ln(1 + n_contradict::float8) AS y FROM cascades),
b AS (SELECT topology, task_family, count(*) AS cascades,
             (count(*) * sum(x * y) - sum(x) * sum(y))
               / nullif(count(*) * sum(x * x) - sum(x) ^ 2, 0) AS beta_c
      FROM k GROUP BY 1, 2),
bc AS (SELECT b.*, (SELECT sum(m) / sum(n ^ b.beta_c) FROM k
                    WHERE k.topology = b.topology AND k.task_family = b.task_family) AS c FROM b),
d AS (SELECT bc.*, bc.c * k.n ^ bc.beta_c - k.m AS deficit
      FROM bc JOIN k USING (topology, task_family))
SELECT topology, task_family, cascades, beta_c, c,
       avg(deficit) + sqrt(sum((deficit - mean) ^ 2) / (count(*) - 1)) AS tau
FROM (SELECT *, avg(deficit) OVER (PARTITION BY topology, task_family) AS mean FROM d) x
GROUP BY 1, 2, 3, 4, 5;
SELECT e.topology, e.task_family, e.cascades, e.cascades = s.cascades AS same_cascades,
       e.beta_c IS NULL AS no_beta, abs(e.beta_c - s.beta_c) < 1e-12 AS beta_agrees,
       abs(e.c - s.c) < 1e-12 AS c_agrees, abs(e.tau - s.tau) < 1e-12 AS tau_agrees,
       e.c IS NULL AND e.tau IS NULL AS undefined
FROM dti_estimate() e JOIN by_sums s USING (topology, task_family)
ORDER BY 1, 2;

-- Named runs: only their cascades count.
SELECT topology, cascades FROM dti_estimate(ARRAY['h', 'r/1']) ORDER BY 1;

-- Bad input, and runs that are not up to date.
SELECT * FROM dti_estimate(ARRAY['h', NULL]);
SELECT * FROM dti_estimate(ARRAY['nope']);
INSERT INTO runs (run_id) VALUES ('new');
SELECT count(*) FROM dti_estimate();
SELECT topology FROM dti_estimate(ARRAY['h']);
DELETE FROM runs WHERE run_id = 'new';
UPDATE events SET ts = now() WHERE run_id = 'h' AND step_id = 0;
SELECT topology FROM dti_estimate(ARRAY['h']);

-- Stored parameters: a table made from the estimate.
CREATE TABLE dti_params AS SELECT * FROM dti_estimate();
SELECT count(*) AS classes FROM dti_params;

DROP TABLE dti_params;
DROP EXTENSION collcog;
