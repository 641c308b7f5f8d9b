-- simulate_routing(): the reinforced-routing simulator (paper 000, Sec. 4; DESIGN section 8).
-- Starts from a fresh extension and drops it at the end, whatever ran before.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS collcog CASCADE;
RESET client_min_messages;
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- An error as "SQLSTATE: message", or "no error".
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- Every argument has a default: the call of the README works as written.
SELECT run_id, step_id, ts, agent_id, event_type, claim_id, parent_claim_ids, target_claim_id,
       subtask_id, parent_subtask_id, message_length, payload
FROM simulate_routing(seed => 1) LIMIT 12;
SELECT count(*) AS events, count(claim_id) AS claims, count(DISTINCT agent_id) AS agents
FROM simulate_routing(seed => 1);
SELECT run_id, benchmark, task_family, topology, n_agents, model, seed, success,
       round(score::numeric, 4) AS score, started_at,
       meta->'subtasks' AS subtasks, meta->'events' AS events, meta->'claims' AS claims
FROM simulate_routing_runs(seed => 1);
SELECT * FROM simulate_routing_agents(seed => 1);
SELECT agent_id, agent_type FROM simulate_routing_agents(n_agents => 7, topology => 'hierarchical');
SELECT agent_id, agent_type FROM simulate_routing_agents(n_agents => 6, topology => 'tree');

-- Determinism: a golden digest of the default run (the same on every platform: GSL mt19937
-- and IEEE doubles), the same seed twice gives the same rows, another seed other rows, and
-- run k does not depend on how many runs are asked for.
SELECT md5(string_agg(e::text, '|' ORDER BY step_id)) AS default_run_digest
FROM simulate_routing(seed => 1) e;
WITH a AS (SELECT md5(string_agg(e::text, '|' ORDER BY run_id, step_id)) AS h
           FROM simulate_routing(runs => 3, seed => 7, topology => 'reputation') e),
     b AS (SELECT md5(string_agg(e::text, '|' ORDER BY run_id, step_id)) AS h
           FROM simulate_routing(runs => 3, seed => 7, topology => 'reputation') e),
     c AS (SELECT md5(string_agg(e::text, '|' ORDER BY run_id, step_id)) AS h
           FROM simulate_routing(runs => 3, seed => 8, topology => 'reputation') e),
     d AS (SELECT md5(string_agg(e::text, '|' ORDER BY run_id, step_id)) AS h
           FROM simulate_routing(runs => 5, seed => 7, topology => 'reputation') e
           WHERE run_id IN ('sim/1', 'sim/2', 'sim/3'))
SELECT a.h = b.h AS same_seed_same_rows, a.h <> c.h AS other_seed_other_rows,
       a.h = d.h AS runs_independent_of_count
FROM a, b, c, d;
WITH a AS (SELECT md5(string_agg(r::text, '|' ORDER BY run_id)) AS h
           FROM simulate_routing_runs(runs => 4, seed => 3) r),
     b AS (SELECT md5(string_agg(r::text, '|' ORDER BY run_id)) AS h
           FROM simulate_routing_runs(runs => 4, seed => 3) r)
SELECT a.h = b.h AS runs_rows_deterministic FROM a, b;

-- In the select list the function streams value per call; same rows as in FROM.
SELECT (SELECT md5(string_agg(e::text, '|' ORDER BY run_id, step_id))
        FROM (SELECT (x).* FROM (SELECT simulate_routing(runs => 2, seed => 5) AS x OFFSET 0) s) e)
     = (SELECT md5(string_agg(e::text, '|' ORDER BY run_id, step_id))
        FROM simulate_routing(runs => 2, seed => 5) e) AS select_list_equals_from;
-- Stopping early is fine.
SELECT count(*) FROM (SELECT * FROM simulate_routing(steps => 100000, seed => 2) LIMIT 5) s;
-- No steps: runs without events.
SELECT count(*) AS events FROM simulate_routing(steps => 0, runs => 3);
SELECT count(*) AS runs, bool_and(NOT success) AS none_succeeds
FROM simulate_routing_runs(steps => 0, runs => 3);

-- Every row of every topology, with every constraint and DTI, satisfies the canonical schema.
CALL simulate_routing_into(n_agents => 8, runs => 2, seed => 11, topology => 'chain', run_prefix => 'chain');
CALL simulate_routing_into(n_agents => 8, runs => 2, seed => 11, topology => 'star', run_prefix => 'star');
CALL simulate_routing_into(n_agents => 13, runs => 2, seed => 11, topology => 'tree', run_prefix => 'tree');
CALL simulate_routing_into(n_agents => 20, runs => 2, seed => 11, topology => 'hierarchical', run_prefix => 'hier');
CALL simulate_routing_into(n_agents => 32, runs => 2, seed => 11, topology => 'fully_connected', run_prefix => 'full');
CALL simulate_routing_into(n_agents => 32, runs => 2, seed => 11, topology => 'sparse_mesh', run_prefix => 'mesh');
CALL simulate_routing_into(n_agents => 32, runs => 2, seed => 11, topology => 'reputation', run_prefix => 'rep');
CALL simulate_routing_into(n_agents => 1, runs => 2, seed => 11, run_prefix => 'solo');
CALL simulate_routing_into(n_agents => 16, steps => 400, runs => 2, seed => 12, context_window => 10, run_prefix => 'window');
CALL simulate_routing_into(n_agents => 16, steps => 400, runs => 2, seed => 12, depth_limit => 3,
                           mix => '{1,3,1,0,1,1}', run_prefix => 'depth');
CALL simulate_routing_into(n_agents => 16, steps => 400, runs => 2, seed => 12, token_budget => 5000, run_prefix => 'budget');
CALL simulate_routing_into(n_agents => 16, steps => 400, runs => 4, seed => 13, subtasks => 20,
                           dependency_prob => 0.3, run_prefix => 'tasks');
CALL simulate_routing_into(n_agents => 16, steps => 400, runs => 4, seed => 14, gamma => 1.5,
                           dti_c => 0.3, dti_beta => 0.9, dti_tau => 1.0, run_prefix => 'dti');
CALL simulate_routing_into(n_agents => 16, steps => 400, runs => 4, seed => 14, gamma => 1.5,
                           run_prefix => 'nodti');
CALL simulate_routing_into(n_agents => 8, steps => 300, seed => 15, gamma => -2, max_fanin => 8,
                           mix => '{0,0,0,1,0,0}', run_prefix => 'merges');
SELECT split_part(r.run_id, '/', 1) AS prefix, r.topology, count(DISTINCT r.run_id) AS runs,
       min(r.n_agents) AS n_agents, count(e.*) AS events
FROM runs r LEFT JOIN events e USING (run_id)
GROUP BY 1, 2 ORDER BY 1;

-- Lineage: parents and targets are claims created earlier in the same run; delegates create
-- each subtask once, under a subtask that exists; step_ids are 0..n-1 and ts increases.
CREATE TEMP TABLE refs AS
SELECT e.run_id, e.step_id, e.agent_id, e.event_type, p.claim
FROM events e
CROSS JOIN LATERAL (SELECT unnest(e.parent_claim_ids)
                    UNION
                    SELECT e.target_claim_id WHERE e.target_claim_id IS NOT NULL) p(claim);
SELECT count(*) AS dangling_references
FROM refs r LEFT JOIN events c ON c.run_id = r.run_id AND c.claim_id = r.claim AND c.step_id < r.step_id
WHERE c.run_id IS NULL;
SELECT count(*) AS bad_delegations
FROM events d
WHERE d.event_type = 'delegate'
  AND (d.parent_subtask_id IS NULL
       OR (d.parent_subtask_id <> 'T0'
           AND NOT EXISTS (SELECT 1 FROM events x WHERE x.run_id = d.run_id AND x.event_type = 'delegate'
                           AND x.subtask_id = d.parent_subtask_id AND x.step_id < d.step_id)));
SELECT count(*) AS subtasks_created_twice
FROM (SELECT run_id, subtask_id FROM events WHERE event_type = 'delegate'
      GROUP BY 1, 2 HAVING count(*) > 1) s;
SELECT count(*) AS runs_with_gaps
FROM (SELECT run_id FROM events GROUP BY run_id HAVING max(step_id) + 1 <> count(*)) s;
SELECT count(*) AS ts_not_increasing
FROM (SELECT ts, lag(ts) OVER (PARTITION BY run_id ORDER BY step_id) AS prev FROM events) s
WHERE ts <= prev;
SELECT count(*) AS duplicate_parents
FROM events WHERE cardinality(parent_claim_ids) <> (SELECT count(DISTINCT p) FROM unnest(parent_claim_ids) p);

-- Topology: who may build on whose claims (owner = agent of the creating event).
CREATE TEMP TABLE owned AS
SELECT r.*, substr(r.agent_id, 2)::int AS a, substr(o.agent_id, 2)::int AS b
FROM refs r JOIN events o ON o.run_id = r.run_id AND o.claim_id = r.claim;
SELECT split_part(run_id, '/', 1) AS prefix, count(*) AS references,
       count(*) FILTER (WHERE NOT CASE split_part(run_id, '/', 1)
           WHEN 'chain' THEN abs(a - b) <= 1
           WHEN 'star'  THEN a = 0 OR b = 0 OR a = b
           WHEN 'tree'  THEN a = b OR b = (a - 1) / 2 OR a = (b - 1) / 2
           WHEN 'hier'  THEN CASE WHEN a = 0 THEN b <= 4
                                  WHEN a <= 4 THEN b <= 4 OR (b > 4 AND (b - 5) % 4 = a - 1)
                                  ELSE b = 1 + (a - 5) % 4 OR (b > 4 AND (b - 5) % 4 = (a - 5) % 4) END
           WHEN 'solo'  THEN a = 0 AND b = 0
           ELSE true END) AS outside_topology
FROM owned
WHERE split_part(run_id, '/', 1) IN ('chain', 'star', 'tree', 'hier', 'solo', 'mesh')
GROUP BY 1 ORDER BY 1;
-- Sparse mesh: each agent reaches few others (ring neighbours and random chords).
SELECT max(n) < 16 AS mesh_is_sparse
FROM (SELECT run_id, a, count(DISTINCT b) AS n FROM owned WHERE run_id LIKE 'mesh/%' GROUP BY 1, 2) s;

-- Finite constraints. Context window W = 10: a reference reaches back at most W claims.
SELECT count(*) AS references_outside_window
FROM refs r
WHERE r.run_id LIKE 'window/%'
  AND substr(r.claim, 2)::int <= (SELECT count(claim_id) FROM events x
                                  WHERE x.run_id = r.run_id AND x.step_id < r.step_id) - 10;
-- Depth limit 3 without merges: no revision/contradiction chain deeper than 3.
WITH RECURSIVE d(run_id, claim_id, depth) AS (
    SELECT run_id, claim_id, 0 FROM events
    WHERE run_id LIKE 'depth/%' AND claim_id IS NOT NULL AND cardinality(parent_claim_ids) = 0
    UNION ALL
    SELECT e.run_id, e.claim_id, d.depth + 1
    FROM d JOIN events e ON e.run_id = d.run_id AND e.parent_claim_ids[1] = d.claim_id
)
SELECT max(depth) AS max_depth, max(depth) <= 3 AS within_limit FROM d;
-- Token budget 5000: each run stops before exceeding it, and says so.
SELECT e.run_id, sum(message_length) <= 5000 AS within_budget,
       (r.meta->>'truncated_by_budget')::boolean AS truncated, count(*) < 400 AS stopped_early
FROM events e JOIN runs r USING (run_id) WHERE e.run_id LIKE 'budget/%' GROUP BY e.run_id, r.meta
ORDER BY 1;

-- Task tree (App. H): subtasks, dependencies on earlier subtasks, coverage and success.
SELECT run_id, meta->'subtasks' AS subtasks, meta->'subtasks_created' AS created,
       meta->'subtasks_resolved' AS resolved, jsonb_array_length(meta->'dependencies') AS dependencies,
       round((meta->>'coverage')::numeric, 4) AS coverage,
       round((meta->>'integration')::numeric, 4) AS integration,
       round(score::numeric, 4) AS p_success, success
FROM runs WHERE run_id LIKE 'tasks/%' ORDER BY 1;
-- Dependencies point to earlier subtasks; the documented success probability holds.
SELECT bool_and(substr(d->>0, 2)::int > substr(d->>1, 2)::int) AS dependencies_point_back
FROM runs, jsonb_array_elements(meta->'dependencies') d WHERE run_id LIKE 'tasks/%';
SELECT bool_and(abs(score - (meta->>'coverage')::float8
                    * (1 - exp(-least((meta->>'integration')::float8 / 0.15, 700)))) < 1e-12) AS score_formula
FROM runs WHERE benchmark = 'simulate_routing';
SELECT bool_and(abs((meta->>'integration')::float8 - m.merges::float8 / greatest(m.expansions, 1)) < 1e-12)
       AS integration_formula
FROM runs r JOIN (SELECT run_id, count(*) FILTER (WHERE event_type = 'merge') AS merges,
                         count(*) FILTER (WHERE event_type IN ('revise', 'contradict', 'delegate')) AS expansions
                  FROM events GROUP BY run_id) m USING (run_id);

-- DTI in the loop: integration steps are merges marked in payload, of claims of one cascade;
-- with the same seeds they raise the share of merges among events.
SELECT count(*) > 0 AS has_integrations,
       bool_and(event_type = 'merge' AND cardinality(parent_claim_ids) >= 2) AS all_merges,
       bool_and((payload->>'deficit')::float8 > 1.0) AS deficit_above_tau
FROM events WHERE run_id LIKE 'dti/%' AND payload ? 'dti';
SELECT sum((meta->'dti'->>'triggers')::int) = (SELECT count(*) FROM events WHERE run_id LIKE 'dti/%' AND payload ? 'dti')
       AS triggers_counted
FROM runs WHERE run_id LIKE 'dti/%';
SELECT (SELECT avg((event_type = 'merge')::int) FROM events WHERE run_id LIKE 'dti/%')
     > (SELECT avg((event_type = 'merge')::int) FROM events WHERE run_id LIKE 'nodti/%') + 0.02
       AS dti_raises_merge_share;
SELECT count(*) AS payloads_without_dti FROM events WHERE run_id NOT LIKE 'dti/%' AND payload IS NOT NULL;

-- JSON numbers read back as the doubles they were written from (the shortest decimal that
-- does; 0.1.0 wrote 15 significant digits, 6 for the deficit). The run statistics equal
-- their formulas computed from the events and meta, to the bit; an argument of 17 digits
-- comes back whole; with c = 0.3 and beta = 1 every deficit is 0.3 n - m for whole n, m
-- (0.1.0 wrote 1.3 for 1.3000000000000007, which no n and m give).
SELECT bool_and((meta->>'integration')::float8 = CASE WHEN m.expansions = 0 THEN 0
                    ELSE m.merges::float8 / m.expansions END) AS integration_exact,
       bool_and((meta->>'coverage')::float8 = (meta->>'subtasks_resolved')::float8
                    / ((meta->>'subtasks')::int + 1)) AS coverage_exact
FROM runs r JOIN (SELECT run_id, count(*) FILTER (WHERE event_type = 'merge') AS merges,
                         count(*) FILTER (WHERE event_type IN ('revise', 'contradict', 'delegate')) AS expansions
                  FROM events GROUP BY run_id) m USING (run_id);
SELECT (meta->>'gamma')::float8 = 0.1::float8 + 0.2::float8 AS gamma_whole, meta->'gamma' AS gamma
FROM simulate_routing_runs(steps => 10, gamma => 0.1::float8 + 0.2::float8);
SELECT count(*) > 10 AS triggers,
       bool_and(EXISTS (SELECT FROM generate_series(0, 400) m
                        WHERE 0.3::float8 * round(((payload->>'deficit')::float8 + m) / 0.3::float8) - m
                              = (payload->>'deficit')::float8)) AS deficits_exact
FROM simulate_routing(n_agents => 16, steps => 400, runs => 2, seed => 14, gamma => 1.5,
                      dti_c => 0.3, dti_beta => 1, dti_tau => 1)
WHERE payload ? 'dti';

-- Merge fan-in is at least 2 and at most max_fanin, parents distinct.
SELECT min(cardinality(parent_claim_ids)) >= 2 AS fanin_at_least_2,
       max(cardinality(parent_claim_ids)) <= 8 AS fanin_at_most_max
FROM events WHERE event_type = 'merge';

-- Statistical oracle (Eq. 4): the share of selections that go to claims already referenced
-- at least 3 times grows with gamma, and barely moves between seeds.
CREATE TEMP TABLE oracle AS
SELECT g.gamma, s.seed,
       avg((r.k >= 3)::int) AS hot_share,
       max(r.k) AS max_activity
FROM (VALUES (0.0), (1.0), (2.0)) g(gamma)
CROSS JOIN generate_series(1, 5) s(seed)
CROSS JOIN LATERAL (
    SELECT row_number() OVER (PARTITION BY x.run_id, x.claim ORDER BY x.step_id) - 1 AS k
    FROM (SELECT e.run_id, e.step_id, p.claim
          FROM simulate_routing(n_agents => 16, steps => 2000, gamma => g.gamma,
                                mix => '{0.2,0.4,0.2,0,0,0.2}', seed => s.seed) e
          CROSS JOIN LATERAL (SELECT unnest(e.parent_claim_ids)
                              UNION SELECT e.target_claim_id WHERE e.target_claim_id IS NOT NULL) p(claim)) x
) r
GROUP BY 1, 2;
SELECT gamma, round(avg(hot_share)::numeric, 1) AS hot_share_1dp,
       stddev(hot_share) < 0.05 AS stable_across_seeds
FROM oracle GROUP BY gamma ORDER BY gamma;
SELECT (SELECT avg(hot_share) FROM oracle WHERE gamma = 0) + 0.1
     < (SELECT avg(hot_share) FROM oracle WHERE gamma = 1)
   AND (SELECT avg(hot_share) FROM oracle WHERE gamma = 1) + 0.1
     < (SELECT avg(hot_share) FROM oracle WHERE gamma = 2) AS share_grows_with_gamma,
       (SELECT min(max_activity) FROM oracle WHERE gamma = 2)
     > 5 * (SELECT max(max_activity) FROM oracle WHERE gamma = 0) AS elite_claims_emerge;

-- Elites (H2): with agent_gamma > 0 the agents whose claims are built on do more of the
-- work; the share of events of the top 10% of agents grows with agent_gamma (NULL = gamma).
SELECT ag AS agent_gamma, round(avg(top_share)::numeric, 1) AS top10_share_1dp
FROM (SELECT g.ag, e.run_id, sum(n) FILTER (WHERE rk <= 3)::float8 / sum(n) AS top_share
      FROM (VALUES (0.0), (1.0), (2.0)) g(ag)
      CROSS JOIN LATERAL (
          SELECT run_id, count(*) AS n, row_number() OVER (PARTITION BY run_id ORDER BY count(*) DESC) AS rk
          FROM simulate_routing(n_agents => 32, steps => 1000, runs => 5, agent_gamma => g.ag, seed => 4)
          GROUP BY run_id, agent_id) e
      GROUP BY g.ag, e.run_id) s
GROUP BY ag ORDER BY ag;

-- Oracle for the attachment exponent (Eq. 5-6): the routing ratio R(k) = observed selections
-- of claims with activity k / expected selections if every available claim were equally
-- likely, replayed from the events. Under Eq. 4 (fully connected, no window, one claim per
-- event) R(k) is proportional to (1 + k)^gamma, so the least-squares slope of ln R(k) on
-- ln(1 + k) (levels with at least 30 selections) recovers gamma.
CREATE TEMP TABLE rr AS
SELECT gamma, run_id, step_id, claim_id, ref,
       coalesce(sum(CASE WHEN ref IS NOT NULL THEN 1.0 / n END) OVER w, 0) AS f,
       max(step_id) OVER (PARTITION BY gamma, run_id) AS last_step
FROM (SELECT g.gamma, e.run_id, e.step_id, e.claim_id,
             coalesce(e.parent_claim_ids[1], e.target_claim_id) AS ref,
             count(e.claim_id) OVER (PARTITION BY g.gamma, e.run_id ORDER BY e.step_id
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS n
      FROM (VALUES (0.0), (0.5), (1.0)) g(gamma),
           simulate_routing(n_agents => 16, steps => 3000, runs => 3, gamma => g.gamma,
                            mix => '{0.25,0.35,0.15,0,0,0.25}', seed => 1) e) x
WINDOW w AS (PARTITION BY gamma, run_id ORDER BY step_id);
-- Claim c has activity k from its k-th reference (its creation for k = 0) to its (k+1)-th,
-- when it is selected with activity k; f is the running sum over selections of 1 / (claims
-- available), so a level's expected selections are the difference of f at its two ends.
CREATE TEMP TABLE levels AS
SELECT gamma, run_id, k, s AS start_s, lead(s) OVER (PARTITION BY gamma, run_id, c ORDER BY k) AS end_s
FROM (SELECT gamma, run_id, claim_id AS c, step_id AS s, 0::bigint AS k FROM rr WHERE claim_id IS NOT NULL
      UNION ALL
      SELECT gamma, run_id, ref, step_id, row_number() OVER (PARTITION BY gamma, run_id, ref ORDER BY step_id)
      FROM rr WHERE ref IS NOT NULL) marks;
ANALYZE rr;
ANALYZE levels;
CREATE TEMP TABLE ratio AS
SELECT l.gamma, l.k, count(l.end_s) AS observed, sum(fe.f - f0.f) AS expected
FROM levels l
JOIN rr f0 ON f0.gamma = l.gamma AND f0.run_id = l.run_id AND f0.step_id = l.start_s
JOIN rr fe ON fe.gamma = l.gamma AND fe.run_id = l.run_id AND fe.step_id = coalesce(l.end_s, f0.last_step)
GROUP BY 1, 2;
SELECT gamma, round(regr_slope(ln(observed / expected), ln(1 + k))::numeric, 1) AS attachment_exponent,
       abs(regr_slope(ln(observed / expected), ln(1 + k)) - gamma) < 0.15 AS recovers_gamma,
       count(*) >= 5 AS enough_levels
FROM ratio WHERE observed >= 30 GROUP BY gamma ORDER BY gamma;

-- Bad arguments: each a clear error with its SQLSTATE.
SELECT q AS call, pg_temp.err('SELECT count(*) FROM simulate_routing(' || q || ')') AS error
FROM (VALUES ('n_agents => 0'), ('n_agents => 10001'), ('n_agents => NULL'), ('steps => -1'),
             ($$gamma => 'NaN'$$), ($$gamma => 'Infinity'$$), ($$gamma => '-Infinity'$$),
             ('gamma => 10.5'), ($$agent_gamma => 'NaN'$$), ('agent_gamma => -11'), ($$mix => '{1,1,-1,1,1,1}'$$), ($$mix => '{1,1,1}'$$),
             ($$mix => '{0,0,0,0,0,0}'$$), ($$mix => '{1,1,NULL,1,1,1}'$$),
             ($$mix => '{1,1,NaN,1,1,1}'$$), ($$mix => '{{1,1,1},{1,1,1}}'$$),
             ($$topology => 'ring'$$), ($$topology => NULL$$),
             ('context_window => 0'), ('depth_limit => -1'), ('token_budget => 0'),
             ('subtasks => -1'), ('subtasks => 100001'), ('dependency_prob => 1.5'),
             ($$dependency_prob => 'NaN'$$), ('max_fanin => 1'), ('max_fanin => 65'),
             ('mean_tokens => 0'), ('runs => 0'), ('seed => NULL'), ($$run_prefix => ''$$),
             ($$run_prefix => repeat('x', 241)$$), ($$start_time => 'infinity'$$),
             ('dti_c => 1'), ('dti_c => -1, dti_beta => 1, dti_tau => 1'),
             ('dti_c => 1, dti_beta => -1, dti_tau => 1'),
             ($$dti_c => 1, dti_beta => 1, dti_tau => 'NaN'$$)) v(q);
SELECT pg_temp.err($$CALL simulate_routing_into(topology => 'ring')$$) AS procedure_error;
-- Timestamps past the end of the timestamp range are an error, not garbage.
SELECT pg_temp.err($$SELECT count(*) FROM simulate_routing(start_time => '294276-12-31 23:59:00+00')$$)
       AS timestamp_error;
-- A long simulation stops at a cancel or timeout (here inside one run of the runs function).
SET statement_timeout = '200ms';
SELECT count(*) FROM simulate_routing_runs(steps => 1000000000);
SELECT count(*) FROM (SELECT simulate_routing(steps => 1000000000) OFFSET 0) s;
RESET statement_timeout;

DROP TABLE refs, owned, oracle, rr, levels, ratio;
DROP EXTENSION collcog;
