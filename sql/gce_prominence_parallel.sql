-- type_prominence is the union of six parts (type_prominence_part), each every sixth run
-- in run_id order, which the planner may run in parallel workers; its support function
-- estimates a part's rows and cost from the size of the messages table.
CREATE EXTENSION collcog;
CALL simulate_network_into(runs => 7, steps => 120, seed => 5);
ANALYZE runs, agents, messages;
CREATE TEMP TABLE whole AS SELECT * FROM type_prominence();
-- three parts of the runs: together the same rows, bit for bit, each run in one part
CREATE TEMP TABLE parts AS
SELECT k AS part, p.* FROM generate_series(1, 3) k, type_prominence_part(NULL, k, 3) p;
SELECT (SELECT count(*) FROM whole) AS rows,
       (SELECT count(*) FROM (SELECT run_id, t, agent_type, d_in, d_out, theta_in, theta_out,
                                     influence, influence_rest, gce_ratio FROM parts
                              EXCEPT ALL SELECT * FROM whole) d) AS not_in_whole,
       (SELECT count(*) FROM (SELECT * FROM whole
                              EXCEPT ALL SELECT run_id, t, agent_type, d_in, d_out, theta_in,
                                     theta_out, influence, influence_rest, gce_ratio
                              FROM parts) d) AS missing;
-- runs in run_id order go to parts 1, 2, 3, 1, 2, 3, 1
SELECT part, array_agg(DISTINCT run_id ORDER BY run_id) AS runs FROM parts GROUP BY 1 ORDER BY 1;
-- the runs asked for are split the same way
SELECT k, array_agg(DISTINCT run_id ORDER BY run_id)
FROM generate_series(1, 2) k, type_prominence_part(ARRAY['net/2', 'net/5', 'net/6'], k, 2)
GROUP BY 1 ORDER BY 1;
-- a part without runs returns nothing
SELECT count(*) FROM type_prominence_part(ARRAY['net/1'], 2, 2);

-- Called in a select list, as type_prominence calls the parts, a part streams its rows (value
-- per call). A LIMIT stops it before its last row (its scan closed: no leak warning) ...
SELECT count(*) FROM (SELECT (p).* FROM (SELECT type_prominence_part(NULL, 1, 1) AS p) s LIMIT 5) x;
-- ... a part called again for each outer row starts afresh, whether it ran to its end or not ...
SELECT k, (SELECT count(*) FROM (SELECT type_prominence_part(NULL, k, 3) AS p) s)
            = (SELECT count(*) FROM parts WHERE part = k) AS all_rows,
       (SELECT (p).run_id FROM (SELECT type_prominence_part(NULL, k, 3) AS p) s LIMIT 1) AS first_run
FROM generate_series(1, 3) k;
-- ... and a cursor's rows come in the function's order across fetches, with other SQL of
-- collcog (which uses SPI) run between them; after n rows, the rest are as many as the part
-- has left
CREATE FUNCTION fetch_streamed(part integer, n integer, OUT fetched text, OUT rest bigint)
LANGUAGE plpgsql AS $$
DECLARE
    c refcursor;
    r record;
    other bigint;
BEGIN
    fetched := '';
    OPEN c NO SCROLL FOR
        SELECT (p).* FROM (SELECT type_prominence_part(NULL, part, 3) AS p) s;
    FOR k IN 1..n LOOP
        FETCH c INTO r;
        SELECT count(*) INTO other FROM type_pair_weights();
        fetched := fetched || format('%s %s %s %s;', r.run_id, r.t, r.agent_type, r.d_in);
    END LOOP;
    MOVE FORWARD ALL IN c;
    GET DIAGNOSTICS rest = ROW_COUNT;
    CLOSE c;
END $$;
SELECT f.fetched = (SELECT string_agg(format('%s %s %s %s;', o.run_id, o.t, o.agent_type, o.d_in),
                                      '' ORDER BY o.n)
                    FROM type_prominence_part(NULL, 2, 3)
                         WITH ORDINALITY AS o(run_id, t, agent_type, d_in, d_out, theta_in,
                                              theta_out, influence, influence_rest, gce_ratio, n)
                    WHERE o.n <= 8) AS same_rows,
       8 + f.rest = (SELECT count(*) FROM parts WHERE part = 2) AS all_rows
FROM fetch_streamed(2, 8) f;

-- in parallel workers (costs set so that the planner takes them): the same rows
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT count(*) FROM type_prominence();
CREATE TEMP TABLE in_parallel AS SELECT * FROM type_prominence();
SELECT count(*) AS rows,
       (SELECT count(*) FROM (SELECT * FROM in_parallel EXCEPT ALL SELECT * FROM whole) d)
         + (SELECT count(*) FROM (SELECT * FROM whole EXCEPT ALL SELECT * FROM in_parallel) d)
         AS differ
FROM in_parallel;
-- and in one process with the default costs, on these few messages
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
EXPLAIN (COSTS OFF) SELECT count(*) FROM type_prominence();

-- the estimate: 2/3 of a row per message of the part's share of the runs asked for
CREATE FUNCTION plan_rows(q text) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::double precision;
END $$;
SELECT round(plan_rows('SELECT * FROM type_prominence_part(NULL, 1, 6)')) AS estimated,
       round(reltuples * 2 / 3 / 6) AS expected
FROM pg_class WHERE oid = 'messages'::regclass;
SELECT round(plan_rows($q$SELECT * FROM type_prominence_part('{net/1,net/2}', 1, 1)$q$))
         AS estimated,
       round((SELECT reltuples FROM pg_class WHERE oid = 'messages'::regclass) * 2 / 3
             * 2 / (SELECT reltuples FROM pg_class WHERE oid = 'runs'::regclass)) AS expected;

-- agent ids longer than the 8 bytes kept in the reader's table: the same rows as net/1
INSERT INTO runs (run_id) VALUES ('long ids');
INSERT INTO agents (run_id, agent_id, agent_type)
SELECT 'long ids', 'an agent with a long id, ' || agent_id, agent_type FROM agents
WHERE run_id = 'net/1';
INSERT INTO messages
SELECT 'long ids', t, 'an agent with a long id, ' || source, 'an agent with a long id, ' || target,
       weight
FROM messages WHERE run_id = 'net/1';
SELECT count(*) AS rows,
       count(*) FILTER (WHERE (l.d_in, l.d_out, l.theta_in, l.theta_out, l.influence,
                               l.influence_rest, l.gce_ratio)
                              IS NOT DISTINCT FROM
                              (w.d_in, w.d_out, w.theta_in, w.theta_out, w.influence,
                               w.influence_rest, w.gce_ratio)) AS equal
FROM type_prominence(ARRAY['long ids']) l
JOIN whole w ON w.run_id = 'net/1' AND w.t = l.t AND w.agent_type = l.agent_type;

-- bad parts
SELECT * FROM type_prominence_part(NULL, 0, 3);
SELECT * FROM type_prominence_part(NULL, 4, 3);
SELECT * FROM type_prominence_part(NULL, 1, 0);
SELECT * FROM type_prominence_part(NULL, NULL, 3);
DROP FUNCTION plan_rows(text);
DROP TABLE whole, parts, in_parallel;
DROP EXTENSION collcog;
