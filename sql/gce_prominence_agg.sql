-- type_prominence_agg: the measures of type_prominence as an aggregate over any group of
-- messages. Over a run's messages up to round t it gives type_prominence's row of that run,
-- round and type (the same sums, up to the order of additions: a relative tolerance of
-- 1e-12); over other groups (several runs, a window of rounds) the same formulas; the
-- parallel plan (partial states combined) agrees with the serial one.
CREATE EXTENSION collcog;
CALL simulate_network_into(runs => 3, steps => 400, seed => 21, mu => '{2,1,0.5,1}');
-- a run of three types: each type against the two others pooled
INSERT INTO runs (run_id) VALUES ('three');
INSERT INTO agents VALUES ('three', 'a', 'R'), ('three', 'b', 'B'), ('three', 'c', 'G');
INSERT INTO messages VALUES ('three', 1, 'a', 'b', '{1,2}'), ('three', 1, 'b', 'c', '{3,1}'),
                            ('three', 2, 'c', 'a', '{2,2}'), ('three', 2, 'c', 'b', '{0.5,4}'),
                            ('three', 3, 'b', 'a', '{1,0}');
CREATE TEMP TABLE typed AS
SELECT m.run_id, m.t, m.weight, s.agent_type AS source_type, g.agent_type AS target_type
FROM messages m JOIN agents s ON s.run_id = m.run_id AND s.agent_id = m.source
JOIN agents g ON g.run_id = m.run_id AND g.agent_id = m.target;
CREATE TEMP TABLE srf AS SELECT * FROM type_prominence();
-- the measures of a composite x and y that differ beyond the tolerance (NULL = NULL)
CREATE FUNCTION apart(p double precision, q double precision) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT p IS DISTINCT FROM q AND NOT abs(p - q) <= 1e-12 * greatest(1, abs(p))
$$;
CREATE FUNCTION apart(p double precision[], q double precision[]) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT array_length(p, 1) IS DISTINCT FROM array_length(q, 1)
        OR EXISTS (SELECT 1 FROM unnest(p, q) u(x, y) WHERE apart(x, y))
$$;
CREATE FUNCTION apart(x type_prominence_agg_result, y type_prominence_agg_result)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT apart(x.d_in, y.d_in) OR apart(x.d_out, y.d_out) OR apart(x.theta_in, y.theta_in)
        OR apart(x.theta_out, y.theta_out) OR apart(x.influence, y.influence)
        OR apart(x.influence_rest, y.influence_rest) OR apart(x.gce_ratio, y.gce_ratio)
$$;

-- every run, type and round of type_prominence: the aggregate over the run's messages up
-- to that round (rounds 1, 10, 100 and the last of each run; every round of 'three')
CREATE TEMP TABLE cut AS
SELECT DISTINCT run_id, t FROM srf
WHERE t IN (1, 10, 100) OR run_id = 'three' OR t = (SELECT max(t) FROM srf x WHERE x.run_id = srf.run_id);
SELECT count(*) AS compared,
       count(*) FILTER (WHERE apart(a.r, (s.d_in, s.d_out, s.theta_in, s.theta_out, s.influence,
                                          s.influence_rest, s.gce_ratio)::type_prominence_agg_result)) AS differ,
       count(*) FILTER (WHERE s.run_id = 'three') AS three_types,
       count(*) FILTER (WHERE (a.r).gce_ratio = 'Infinity') AS infinite_ratios
FROM srf s JOIN cut USING (run_id, t)
CROSS JOIN LATERAL (SELECT type_prominence_agg(y.weight, y.source_type = s.agent_type,
                                               y.target_type = s.agent_type) AS r
                    FROM typed y WHERE y.run_id = s.run_id AND y.t <= s.t) a;
-- 'three' at its last round, by hand: R sent {1,2}, received {2,2} + {1,0}: D_out(R) = {1,2},
-- D_in(R) = {3,2}, I(R) = 3/5; the rest sent {3,1}+{2,2}+{0.5,4}+{1,0} = {6.5,7} and
-- received {1,2}+{3,1}+{0.5,4} = {4.5,7}: I(rest) = 13.5/11.5; theta_in = {3/7.5, 2/9}
SELECT (r).d_in, (r).d_out, abs((r).influence - 0.6) < 1e-15 AS influence,
       abs((r).influence_rest - 13.5 / 11.5) < 1e-15 AS influence_rest,
       abs((r).theta_in[1] - 3 / 7.5) < 1e-15 AND abs((r).theta_in[2] - 2 / 9.0) < 1e-15 AS theta_in
FROM (SELECT type_prominence_agg(weight, source_type = 'R', target_type = 'R') AS r
      FROM typed WHERE run_id = 'three') x;

-- pooled over the simulated runs: D_in and D_out are the sums of the runs' last rows
SELECT g.agent_type,
       NOT apart((g.r).d_in, l.d_in) AND NOT apart((g.r).d_out, l.d_out) AS pooled_sums
FROM (SELECT a.agent_type, type_prominence_agg(y.weight, y.source_type = a.agent_type,
                                               y.target_type = a.agent_type) AS r
      FROM typed y, (VALUES ('B'), ('R')) a(agent_type)
      WHERE y.run_id LIKE 'net/%' GROUP BY a.agent_type) g
JOIN (SELECT s.agent_type, array_agg(k.v ORDER BY k.k) FILTER (WHERE k.part = 'in') AS d_in,
             array_agg(k.v ORDER BY k.k) FILTER (WHERE k.part = 'out') AS d_out
      FROM (SELECT s.agent_type, x.part, x.k, sum(x.v) AS v
            FROM srf s CROSS JOIN LATERAL (
                SELECT 'in' AS part, k, v FROM unnest(s.d_in) WITH ORDINALITY u(v, k)
                UNION ALL SELECT 'out', k, v FROM unnest(s.d_out) WITH ORDINALITY u(v, k)) x
            WHERE s.run_id LIKE 'net/%' AND s.t = (SELECT max(t) FROM srf z WHERE z.run_id = s.run_id)
            GROUP BY 1, 2, 3) k
      JOIN (SELECT DISTINCT agent_type FROM srf) s USING (agent_type)
      GROUP BY s.agent_type) l USING (agent_type)
ORDER BY 1;
-- a window of rounds is a group like any other: rounds 101..200 of net/1 by hand
SELECT NOT apart((r).d_in, (SELECT array_agg(v ORDER BY k) FROM (
           SELECT k, sum(v) AS v FROM typed, unnest(weight) WITH ORDINALITY u(v, k)
           WHERE run_id = 'net/1' AND t BETWEEN 101 AND 200 AND target_type = 'R' GROUP BY k) z)) AS window_d_in
FROM (SELECT type_prominence_agg(weight, source_type = 'R', target_type = 'R') AS r
      FROM typed WHERE run_id = 'net/1' AND t BETWEEN 101 AND 200) x;

-- NULL weights are skipped; no weights (no rows, or only NULLs): NULL
SELECT (type_prominence_agg(w, true, false)).d_out
FROM (VALUES (NULL::float8[]), ('{1,2}')) v(w);
SELECT type_prominence_agg(w, true, false) IS NULL AS only_nulls
FROM (VALUES (NULL::float8[]), (NULL)) v(w);
SELECT type_prominence_agg(w, true, false) IS NULL AS empty FROM (VALUES ('{1}'::float8[])) v(w) WHERE false;

-- the parallel plan: partial states combined
CREATE TABLE prominence_par AS SELECT * FROM typed;
ANALYZE prominence_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT type_prominence_agg(weight, source_type = 'R', target_type = 'R') FROM prominence_par;
SELECT NOT apart(s.r, p.r) AS same
FROM (SELECT type_prominence_agg(weight, source_type = 'R', target_type = 'R') AS r
      FROM typed WHERE run_id LIKE 'net/%') s,
     (SELECT type_prominence_agg(weight, source_type = 'R', target_type = 'R') AS r
      FROM prominence_par WHERE run_id LIKE 'net/%') p;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- bad input: clear errors
CREATE FUNCTION err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
-- an agent without a type (the join gives NULL); weights of two dimensions in one group
SELECT err($q$SELECT type_prominence_agg(w, NULL, true) FROM (VALUES ('{1}'::float8[])) v(w)$q$);
SELECT err($q$SELECT type_prominence_agg(w, true, NULL) FROM (VALUES ('{1}'::float8[])) v(w)$q$);
SELECT err($q$SELECT type_prominence_agg(w, true, false) FROM (VALUES ('{1}'::float8[]), ('{1,2}')) v(w)$q$);
SELECT err($q$SELECT type_prominence_agg(w, true, false) FROM (VALUES ('{1,NULL}'::float8[])) v(w)$q$);
-- garbage straight to the support functions
SELECT err($q$SELECT type_prominence_agg_trans(NULL, '{1}', true, true)$q$);
SELECT err($q$SELECT type_prominence_agg_trans('{1.5}', '{1}', true, true)$q$);
SELECT err($q$SELECT type_prominence_agg_trans('{1,2}', '{1}', true, true)$q$);
SELECT err($q$SELECT type_prominence_agg_trans('{0}', '{1}', true, true)$q$);
SELECT err($q$SELECT type_prominence_agg_combine('{2,1,1,1,1,1,1,1,1}', '{1,1,1,1,1}')$q$);
SELECT err($q$SELECT type_prominence_agg_combine('{-1}', '{0}')$q$);
SELECT err($q$SELECT type_prominence_agg_combine('{1e300}', '{0}')$q$);
SELECT err($q$SELECT type_prominence_agg_final('{NaN}')$q$);
SELECT err($q$SELECT type_prominence_agg_final('{{1}}')$q$);
SELECT err($q$SELECT type_prominence_agg_final('{1,NULL,1,1,1}')$q$);
-- a valid state: the final function reads it
SELECT (type_prominence_agg_final('{1,2,6,1,3}')).*;
DROP TABLE prominence_par, typed, srf, cut;
DROP FUNCTION err(text), apart(double precision, double precision),
              apart(double precision[], double precision[]),
              apart(type_prominence_agg_result, type_prominence_agg_result);
DROP EXTENSION collcog;
