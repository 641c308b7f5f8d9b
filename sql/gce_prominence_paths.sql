-- type_prominence reads collcog's messages through their primary key where that reads what
-- a query would, else with a query (row-level security here): both ways give the same rows,
-- the query applies the policy, and long weights (compressed, out of line) read as short ones.
CREATE EXTENSION collcog;
CALL simulate_network_into(runs => 2, steps => 200, seed => 11);
-- a run with weights of 3000 values: the first compressed in line, the second out of line
INSERT INTO runs (run_id) VALUES ('long');
INSERT INTO agents (run_id, agent_id, agent_type) VALUES ('long', 'a', 'R'), ('long', 'b', 'B');
INSERT INTO messages VALUES ('long', 1, 'a', 'b', array_fill(0.5::float8, ARRAY[3000]));
ALTER TABLE messages ALTER weight SET STORAGE EXTERNAL;
INSERT INTO messages
SELECT 'long', 2, 'b', 'a', array_agg(i / 7.0::float8 ORDER BY i) FROM generate_series(1, 3000) i;
SELECT t, pg_column_compression(weight) AS compression, pg_column_size(weight) < 3000 * 8 AS smaller
FROM messages WHERE run_id = 'long' ORDER BY t;
-- at t = 2 each type has received and sent one message: D_in and D_out are their weights
CREATE FUNCTION long_ok() RETURNS TABLE (agent_type text, d_in_ok boolean, d_out_ok boolean)
LANGUAGE sql AS $$
    SELECT p.agent_type, p.d_in = i.weight, p.d_out = o.weight
    FROM type_prominence(ARRAY['long']) p
    JOIN agents a ON a.run_id = 'long' AND a.agent_type = p.agent_type
    JOIN messages i ON i.run_id = 'long' AND i.target = a.agent_id
    JOIN messages o ON o.run_id = 'long' AND o.source = a.agent_id
    WHERE p.t = 2 ORDER BY 1
$$;
SELECT * FROM long_ok();
CREATE TEMP TABLE by_key AS SELECT * FROM type_prominence();
-- rows that differ between two results, to a tolerance (the ways read a round's messages in
-- the same order, the key's, so they agree to the bit: checked below with EXCEPT too)
CREATE FUNCTION differ(a regclass, b regclass) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    EXECUTE format($q$
        SELECT count(*) FROM %s x FULL JOIN %s y USING (run_id, t, agent_type)
        WHERE x.run_id IS NULL OR y.run_id IS NULL
           OR EXISTS (SELECT 1 FROM unnest(x.d_in || x.d_out || x.theta_in || x.theta_out,
                                           y.d_in || y.d_out || y.theta_in || y.theta_out) u(p, q)
                      WHERE p IS DISTINCT FROM q AND NOT abs(p - q) <= 1e-12 * greatest(1, abs(p)))
           OR EXISTS (SELECT 1 FROM (VALUES (x.influence, y.influence),
                                            (x.influence_rest, y.influence_rest),
                                            (x.gce_ratio, y.gce_ratio)) v(p, q)
                      WHERE p IS DISTINCT FROM q AND NOT abs(p - q) <= 1e-12 * greatest(1, abs(p)))
    $q$, a, b) INTO n;
    RETURN n;
END $$;

-- a reader under row-level security: the key way would not apply the policy, so the query
-- reads; with a policy that shows every row, the same rows
CREATE ROLE regress_gce_reader;
GRANT SELECT ON runs, agents, messages TO regress_gce_reader;
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY every_row ON messages USING (true);
SET ROLE regress_gce_reader;
CREATE TEMP TABLE by_query AS SELECT * FROM type_prominence();
SELECT * FROM long_ok();
RESET ROLE;
SELECT (SELECT count(*) FROM by_key) AS rows, differ('by_key', 'by_query'),
       (SELECT count(*) FROM (SELECT * FROM by_key EXCEPT ALL SELECT * FROM by_query) d)
       + (SELECT count(*) FROM (SELECT * FROM by_query EXCEPT ALL SELECT * FROM by_key) d)
         AS differ_in_bits;
-- the agents too: under row-level security they are read with a query, the same rows
DROP POLICY every_row ON messages;
ALTER TABLE messages DISABLE ROW LEVEL SECURITY;
ALTER TABLE agents ENABLE ROW LEVEL SECURITY;
CREATE POLICY every_agent ON agents USING (true);
SET ROLE regress_gce_reader;
CREATE TEMP TABLE agents_by_query AS SELECT * FROM type_prominence();
RESET ROLE;
SELECT differ('by_key', 'agents_by_query');
DROP POLICY every_agent ON agents;
ALTER TABLE agents DISABLE ROW LEVEL SECURITY;
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
-- a policy that hides run net/2: its rows are gone, the others stay
CREATE POLICY not_net2 ON messages USING (run_id <> 'net/2');
SET ROLE regress_gce_reader;
CREATE TEMP TABLE hidden AS SELECT * FROM type_prominence();
RESET ROLE;
CREATE TEMP TABLE by_key_shown AS SELECT * FROM by_key WHERE run_id <> 'net/2';
SELECT (SELECT count(*) FROM by_key WHERE run_id = 'net/2') > 0 AS net2_had_rows,
       (SELECT count(*) FROM hidden WHERE run_id = 'net/2') AS net2_rows,
       differ('by_key_shown', 'hidden');
-- without the privilege to read messages: refused as the query is
DROP POLICY not_net2 ON messages;
ALTER TABLE messages DISABLE ROW LEVEL SECURITY;
REVOKE SELECT ON messages FROM regress_gce_reader;
SET ROLE regress_gce_reader;
SELECT count(*) FROM type_prominence();
RESET ROLE;
-- the primary key again: the same rows as at first
CREATE TEMP TABLE by_key_again AS SELECT * FROM type_prominence();
SELECT differ('by_key', 'by_key_again');
DROP OWNED BY regress_gce_reader;
DROP ROLE regress_gce_reader;
DROP TABLE by_key, by_key_shown, by_key_again;
DROP FUNCTION long_ok(), differ(regclass, regclass);
DROP EXTENSION collcog;
