-- type_prominence, agent_influence, tail_gce_ratio against plain-SQL computations of paper
-- 001's Eq. 1-5, 9-11 on seeded simulate_network data (two types), and on a run of three
-- types (each type against the rest).
CREATE EXTENSION collcog;
SET extra_float_digits = 0;
CALL simulate_network_into(runs => 2, steps => 300, seed => 7, mu => '{2,1,0.5,1}');
-- a third type: relabel some agents of a copy of run net/1
INSERT INTO runs (run_id) VALUES ('three');
INSERT INTO agents (run_id, agent_id, agent_type)
SELECT 'three', agent_id, CASE WHEN agent_id::text ~ '[05]$' THEN 'G' ELSE agent_type END
FROM agents WHERE run_id = 'net/1';
INSERT INTO messages SELECT 'three', t, source, target, weight FROM messages WHERE run_id = 'net/1';

-- Eq. 1: cumulative D_in(a), D_out(a) per dimension, by plain SQL
CREATE TEMP TABLE inc AS
SELECT m.run_id, m.t, k, st.agent_type AS src, tt.agent_type AS tgt, m.weight[k] AS w
FROM messages m
JOIN agents st ON st.run_id = m.run_id AND st.agent_id = m.source
JOIN agents tt ON tt.run_id = m.run_id AND tt.agent_id = m.target,
     generate_subscripts(m.weight, 1) k;
CREATE TEMP TABLE grid AS
SELECT DISTINCT i.run_id, i.t, a.agent_type, i.k
FROM inc i JOIN (SELECT DISTINCT run_id, agent_type FROM agents) a ON a.run_id = i.run_id;
CREATE TEMP TABLE cum AS
SELECT g.run_id, g.t, g.agent_type, g.k,
       sum(coalesce(i.s, 0)) OVER w AS din, sum(coalesce(o.s, 0)) OVER w AS dout
FROM grid g
LEFT JOIN (SELECT run_id, t, k, tgt AS agent_type, sum(w) AS s FROM inc GROUP BY 1, 2, 3, 4) i
  USING (run_id, t, agent_type, k)
LEFT JOIN (SELECT run_id, t, k, src AS agent_type, sum(w) AS s FROM inc GROUP BY 1, 2, 3, 4) o
  USING (run_id, t, agent_type, k)
WINDOW w AS (PARTITION BY g.run_id, g.agent_type, g.k ORDER BY g.t);
-- Eq. 2 and 4: totals and shares; Eq. 10: I(a); the rest pooled; Eq. 9: their ratio
CREATE TEMP TABLE expect AS
SELECT c.run_id, c.t, c.agent_type,
       array_agg(c.din ORDER BY c.k) AS d_in, array_agg(c.dout ORDER BY c.k) AS d_out,
       array_agg(c.din / tot.din ORDER BY c.k) AS theta_in,
       array_agg(c.dout / tot.dout ORDER BY c.k) AS theta_out,
       sum(c.dout) / sum(c.din) AS influence,
       sum(tot.dout - c.dout) / sum(tot.din - c.din) AS influence_rest
FROM cum c JOIN (SELECT run_id, t, k, sum(din) AS din, sum(dout) AS dout FROM cum GROUP BY 1, 2, 3) tot
  USING (run_id, t, k)
GROUP BY 1, 2, 3;

CREATE TEMP TABLE got AS SELECT * FROM type_prominence();
SELECT run_id, count(*) AS rows, count(DISTINCT t) AS rounds, array_agg(DISTINCT agent_type) AS types
FROM got GROUP BY 1 ORDER BY 1;
-- every row agrees within 1e-9 (relative); the query prints the rows that do not
CREATE FUNCTION close(a double precision[], b double precision[]) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT cardinality(a) = cardinality(b) AND bool_and(abs(x - y) <= 1e-9 * greatest(1, abs(y)))
    FROM unnest(a, b) u(x, y) $$;
SELECT count(*) AS compared FROM got g JOIN expect e USING (run_id, t, agent_type);
SELECT g.run_id, g.t, g.agent_type FROM got g FULL JOIN expect e USING (run_id, t, agent_type)
WHERE g.run_id IS NULL OR e.run_id IS NULL
   OR NOT close(g.d_in, e.d_in) OR NOT close(g.d_out, e.d_out)
   OR NOT close(g.theta_in, e.theta_in) OR NOT close(g.theta_out, e.theta_out)
   OR NOT close(ARRAY[g.influence, g.influence_rest, g.gce_ratio],
                ARRAY[e.influence, e.influence_rest, e.influence / e.influence_rest]);
-- Eq. 2: with unit mass per step and no beta, D_in = D_out = (t + seed mass) in every dimension
SELECT bool_and(abs(e.d_in[1] / e.theta_in[1] - (e.t + 0.6)) < 1e-9) AS unit_mass
FROM expect e WHERE e.run_id = 'net/1';
-- two types: the R row's gce_ratio is I(R) / I(B) (Eq. 9), the B row's its inverse
SELECT bool_and(abs(r.gce_ratio * b.gce_ratio - 1) < 1e-12) AS reciprocal
FROM got r JOIN got b USING (run_id, t)
WHERE r.agent_type = 'R' AND b.agent_type = 'B' AND run_id <> 'three';

-- per-agent influence (Eq. 11's I_i) and the tail ratio, against plain SQL
CREATE TEMP TABLE ai AS
SELECT a.run_id, a.agent_id, a.agent_type,
       (SELECT coalesce(sum(x), 0) FROM messages m, unnest(m.weight) x WHERE m.run_id = a.run_id AND m.target = a.agent_id AND m.t <= 150) AS din,
       (SELECT coalesce(sum(x), 0) FROM messages m, unnest(m.weight) x WHERE m.run_id = a.run_id AND m.source = a.agent_id AND m.t <= 150) AS dout
FROM agents a;
SELECT count(*) AS agents,
       count(*) FILTER (WHERE NOT (abs(f.d_in - ai.din) < 1e-9 AND abs(f.d_out - ai.dout) < 1e-9
                                   AND f.influence IS NOT DISTINCT FROM
                                       CASE WHEN ai.din > 0 THEN ai.dout / ai.din
                                            WHEN ai.dout > 0 THEN 'Infinity' END
                                   OR abs(f.influence - ai.dout / nullif(ai.din, 0)) < 1e-9)) AS differ,
       count(*) FILTER (WHERE f.influence = 'Infinity') AS only_send,
       count(*) FILTER (WHERE f.influence IS NULL) AS silent
FROM agent_influence(at_t => 150) f JOIN ai USING (run_id, agent_id);
-- Eq. 11 with gamma = 1: P(I_i > 1 | a) / P(I_i > 1 | rest), agents with a defined I_i
WITH i AS (SELECT run_id, agent_type, dout / din AS inf FROM ai WHERE din > 0
           UNION ALL SELECT run_id, agent_type, 'Infinity' FROM ai WHERE din = 0 AND dout > 0),
     e AS (SELECT a.run_id, a.agent_type,
                  avg((a.inf > 1)::int) AS p,
                  (SELECT avg((b.inf > 1)::int) FROM i b WHERE b.run_id = a.run_id AND b.agent_type <> a.agent_type) AS p_rest
           FROM i a GROUP BY 1, 2)
SELECT t.run_id, t.agent_type, t.n_tail, round(t.p_tail::numeric, 4) AS p_tail,
       round(t.tail_ratio::numeric, 4) AS tail_ratio,
       abs(t.p_tail - e.p) < 1e-12 AND abs(t.tail_ratio - e.p / e.p_rest) < 1e-9 AS agrees
FROM tail_gce_ratio(gamma => 1, at_t => 150) t JOIN e USING (run_id, agent_type) ORDER BY 1, 2;
-- gamma from the upper quantile of the finite I_i: the 0.8 quantile of each run
SELECT t.run_id, bool_and(t.threshold = q.g) AS threshold_is_quantile
FROM tail_gce_ratio(tail_quantile => 0.8) t
JOIN (SELECT run_id, percentile_disc(0.8) WITHIN GROUP (ORDER BY influence) AS g
      FROM agent_influence() WHERE influence < 'Infinity' GROUP BY 1) q USING (run_id)
GROUP BY 1 ORDER BY 1;
-- run_ids selects runs
SELECT DISTINCT run_id FROM type_prominence(ARRAY['net/2']);
DROP TABLE inc, grid, cum, expect, got, ai;
DROP EXTENSION collcog;
