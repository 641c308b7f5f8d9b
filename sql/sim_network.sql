-- simulate_network(): the network-formation simulator (paper 001, Sec. 2.2 and 5.4).
-- Starts from a fresh extension and drops it at the end, whatever ran before.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS collcog CASCADE;
RESET client_min_messages;
CREATE EXTENSION collcog;
\set VERBOSITY terse

CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- Every argument has a default (Table 4 of the paper): the README call works as written.
-- t = 0 holds the seed graph (two agents per type, every ordered pair, weight 0.05).
SELECT run_id, t, source, target, array_length(weight, 1) AS d,
       (SELECT array_agg(round(w::numeric, 4)) FROM unnest(weight) w) AS weight
FROM simulate_network(seed => 1) LIMIT 18;
SELECT count(*) AS messages, max(t) AS steps FROM simulate_network(seed => 1);
SELECT run_id, benchmark, topology, n_agents, seed, success, score, started_at,
       meta->'events' AS events, meta->'n_r' AS n_r, meta->'m' AS m, meta->'d' AS d
FROM simulate_network_runs(seed => 1);
SELECT agent_type, count(*) FROM simulate_network_agents(seed => 1) GROUP BY 1 ORDER BY 1;

-- Determinism: golden digest, same seed same rows, other seed other rows, run k
-- independent of the number of runs.
SELECT md5(string_agg(m::text, '|' ORDER BY t, source, target)) AS default_run_digest
FROM simulate_network(seed => 1) m;
WITH a AS (SELECT md5(string_agg(m::text, '|' ORDER BY run_id, t, source, target)) AS h
           FROM simulate_network(runs => 3, seed => 7) m),
     b AS (SELECT md5(string_agg(m::text, '|' ORDER BY run_id, t, source, target)) AS h
           FROM simulate_network(runs => 3, seed => 7) m),
     c AS (SELECT md5(string_agg(m::text, '|' ORDER BY run_id, t, source, target)) AS h
           FROM simulate_network(runs => 3, seed => 8) m),
     d AS (SELECT md5(string_agg(m::text, '|' ORDER BY run_id, t, source, target)) AS h
           FROM simulate_network(runs => 4, seed => 7) m WHERE run_id <> 'net/4')
SELECT a.h = b.h AS same_seed_same_rows, a.h <> c.h AS other_seed_other_rows,
       a.h = d.h AS runs_independent_of_count
FROM a, b, c, d;
SELECT (SELECT md5(string_agg(m::text, '|' ORDER BY run_id, t, source, target))
        FROM (SELECT (x).* FROM (SELECT simulate_network(runs => 2, seed => 5) AS x OFFSET 0) s) m)
     = (SELECT md5(string_agg(m::text, '|' ORDER BY run_id, t, source, target))
        FROM simulate_network(runs => 2, seed => 5) m) AS select_list_equals_from;

-- Rows satisfy the canonical schema (agents exist, weights finite and nonnegative, one row
-- per (run, t, source, target)).
CALL simulate_network_into(runs => 3, seed => 21, run_prefix => 'base');
CALL simulate_network_into(steps => 300, runs => 2, seed => 22, beta => 0.5, run_prefix => 'beta');
CALL simulate_network_into(steps => 200, seed => 23, p => 1, q => 0, r => 1, run_prefix => 'event1');
CALL simulate_network_into(steps => 200, seed => 23, p => 0, q => 1, r => 0, run_prefix => 'event2');
CALL simulate_network_into(steps => 200, seed => 23, p => 0, q => 0, m3 => 5, run_prefix => 'event3');
CALL simulate_network_into(steps => 200, seed => 24, d => 2, mu => '{{2,1},{2,1},{1,1},{1,1}}',
                           initial_r => 1, initial_b => 1, initial_weight => 0, run_prefix => 'shape');
CALL simulate_network_into(steps => 200, seed => 25, initial_r => 0, initial_b => 3, r => 0,
                           uniform_within_type => true, noise => 0, run_prefix => 'onetype');
SELECT prefix, count(*) AS runs, min(n_agents) AS min_agents, max(n_agents) AS max_agents,
       sum(messages) AS messages
FROM (SELECT split_part(r.run_id, '/', 1) AS prefix, r.n_agents,
             (SELECT count(*) FROM messages m WHERE m.run_id = r.run_id) AS messages
      FROM runs r) s
GROUP BY 1 ORDER BY 1;
SELECT count(*) AS self_loops FROM messages WHERE source = target;
SELECT count(*) AS runs_with_wrong_agent_count
FROM runs r WHERE n_agents <> (SELECT count(*) FROM agents a WHERE a.run_id = r.run_id);

-- Sec. 2.2 step 3: each macro step adds unit mass per dimension (beta = 0), and beta is
-- added on B -> R edges only (Sec. 5.4).
SELECT count(*) AS steps_without_unit_mass
FROM (SELECT run_id, t, k, sum(weight[k]) AS mass
      FROM messages, generate_subscripts(weight, 1) k
      WHERE t > 0 AND run_id NOT LIKE 'beta/%' GROUP BY 1, 2, 3) s
WHERE abs(mass - 1) > 1e-9;
SELECT bool_and(m.weight[1] >= 0.5) AS b_to_r_edges_get_beta
FROM messages m JOIN agents s ON s.run_id = m.run_id AND s.agent_id = m.source
                JOIN agents g ON g.run_id = m.run_id AND g.agent_id = m.target
WHERE m.run_id LIKE 'beta/%' AND m.t > 0 AND s.agent_type = 'B' AND g.agent_type = 'R';
-- Trials on the same pair within a step are summed, so a step's mass is 1 plus beta times
-- the number of B -> R trials, at least as many as its B -> R rows.
SELECT count(*) AS steps_with_wrong_mass
FROM (SELECT m.run_id, m.t, (sum(m.weight[1]) - 1) / 0.5 AS k,
             sum((s.agent_type = 'B' AND g.agent_type = 'R')::int) AS br_rows
      FROM messages m JOIN agents s ON s.run_id = m.run_id AND s.agent_id = m.source
                      JOIN agents g ON g.run_id = m.run_id AND g.agent_id = m.target
      WHERE m.run_id LIKE 'beta/%' AND m.t > 0 GROUP BY 1, 2) x
WHERE abs(k - round(k)) > 1e-9 OR round(k) < br_rows;

-- Events: with p = 1 every step bears a node that sends (to at most M1 = 3 targets), with
-- q = 1 one that receives, with p = q = 0 nobody is born; r picks the newborn's type.
SELECT r.run_id, r.n_agents, r.meta->'events' AS events,
       (SELECT count(DISTINCT t) FROM messages m WHERE m.run_id = r.run_id AND t > 0) AS steps,
       (SELECT string_agg(DISTINCT agent_type, ',') FROM agents a WHERE a.run_id = r.run_id
          AND substr(a.agent_id, 2)::int >= 4) AS newborn_types
FROM runs r WHERE r.run_id ~ '^event' ORDER BY 1;
SELECT bool_and(source = 'a' || (t + 3)) AS event1_source_is_newborn,
       max(cnt) <= 3 AS at_most_m1_targets
FROM (SELECT t, source, count(*) OVER (PARTITION BY t) AS cnt FROM messages
      WHERE run_id = 'event1/1' AND t > 0) s;
SELECT bool_and(target = 'a' || (t + 3)) AS event2_target_is_newborn
FROM messages WHERE run_id = 'event2/1' AND t > 0;
SELECT bool_and(substr(source, 2)::int < 4 AND substr(target, 2)::int < 4) AS event3_no_births,
       max(cnt) <= 5 AS at_most_m3_pairs
FROM (SELECT source, target, count(*) OVER (PARTITION BY t) AS cnt FROM messages
      WHERE run_id = 'event3/1' AND t > 0) s;

-- Type-pair utilities: mu favouring R targets (rows (R,R), (R,B) = 2 in dimension 1) gives
-- R a larger share of incoming mass in that dimension than in dimension 2 (all 1).
SELECT (meta->'theta_in'->>0)::float8 > (meta->'theta_in'->>1)::float8 AS mu_shapes_prominence,
       jsonb_array_length(meta->'theta_in') AS d
FROM runs WHERE run_id = 'shape/1';

-- JSON numbers read back as the doubles they were written from: an argument of 17
-- significant digits comes back whole (0.1.0 wrote 15).
SELECT (meta->>'p')::float8 = 1 / 3::float8 AS p_whole, (meta->>'xi')::float8 = 2 / 3::float8 AS xi_whole,
       meta->'p' AS p
FROM simulate_network_runs(steps => 10, p => 1 / 3::float8, xi => 2 / 3::float8);

-- Preferential attachment (App. B.2): with sampling by accumulated mass the top 10% of
-- agents receive a larger share of the incoming mass than with uniform sampling in the type.
CREATE TEMP TABLE pa AS
SELECT u.uniform, s.seed,
       (SELECT sum(x) FROM (SELECT x FROM (SELECT target, sum(weight[1]) AS x FROM simulate_network(
            steps => 400, seed => s.seed, uniform_within_type => u.uniform) GROUP BY target) y
            ORDER BY x DESC LIMIT 40) top) / 400.0 AS top_share
FROM (VALUES (false), (true)) u(uniform) CROSS JOIN generate_series(1, 5) s(seed);
SELECT (SELECT avg(top_share) FROM pa WHERE NOT uniform)
     > (SELECT avg(top_share) FROM pa WHERE uniform) + 0.03 AS preferential_concentrates;

-- Bad arguments: each a clear error with its SQLSTATE.
SELECT q AS call, pg_temp.err('SELECT count(*) FROM simulate_network(' || q || ')') AS error
FROM (VALUES ('steps => -1'), ('p => 1.5'), ('p => -0.1'), ($$p => 'NaN'$$), ('q => -1'),
             ('p => 0.6, q => 0.6'), ('r => 2'), ($$r => 'NaN'$$), ('m1 => 0'), ('m3 => 10001'),
             ('d => 0'), ('d => 65'), ('delta => 0'), ($$xi => 'Infinity'$$),
             ('initial_r => 1, initial_b => 0'), ('initial_r => -1'), ('initial_weight => -1'),
             ($$mu => '{1,1,1}'$$), ($$mu => '{1,-1,1,1}'$$), ($$mu => '{{1,1},{1,1},{1,1},{1,1}}'$$),
             ($$mu => '{1,NULL,1,1}'$$), ('mu => NULL'), ('noise => -1'), ('beta => -0.5'),
             ($$beta => 'NaN'$$), ('uniform_within_type => NULL'), ('runs => 0'),
             ('seed => NULL'), ($$run_prefix => ''$$)) v(q);

DROP TABLE pa;
DROP EXTENSION collcog;
