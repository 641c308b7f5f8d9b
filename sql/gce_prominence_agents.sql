-- The reader of messages finds each agent's type in a table per run: ids of 1 to 7 bytes
-- with one of the first 255 types in one word each, the others in a general table
-- (src/pg/gce/agent_table.c). Ids of every length and more types than a word holds (those
-- past the 255th in sorted order leave the words once the types are sorted) give the masses
-- a plain-SQL sum gives.
CREATE EXTENSION collcog;
INSERT INTO runs (run_id) VALUES ('wide');
-- 2400 agents with ids of 1 to 43 bytes, of 300 types: the words grow as they are added
INSERT INTO agents (run_id, agent_id, agent_type)
SELECT 'wide', CASE WHEN i < 10 THEN i::text
                    WHEN i % 8 < 6 THEN 'a' || i
                    ELSE i || '-' || repeat('x', i % 40) END,
       'T' || (i % 300)
FROM generate_series(1, 2400) i;
SELECT count(*) FILTER (WHERE octet_length(agent_id) <= 7) AS short_ids,
       count(*) FILTER (WHERE octet_length(agent_id) > 7) AS long_ids,
       count(DISTINCT agent_type) AS types
FROM agents WHERE run_id = 'wide';
-- 20 rounds of 50 messages between agents drawn by a fixed rule, weights (j, t)
INSERT INTO messages (run_id, t, source, target, weight)
SELECT DISTINCT ON (t, s.agent_id, g.agent_id) 'wide', t, s.agent_id, g.agent_id, ARRAY[j, t]::float8[]
FROM generate_series(1, 20) t, generate_series(1, 50) j,
     LATERAL (SELECT agent_id FROM agents WHERE run_id = 'wide' ORDER BY agent_id
              OFFSET (t * 37 + j * 11) % 2400 LIMIT 1) s,
     LATERAL (SELECT agent_id FROM agents WHERE run_id = 'wide' ORDER BY agent_id
              OFFSET (t * 53 + j * 29 + 1) % 2400 LIMIT 1) g
WHERE s.agent_id <> g.agent_id
ORDER BY t, s.agent_id, g.agent_id, j;
-- D_in and D_out of each type at each round with messages: the weights received and sent by
-- its agents up to that round
CREATE TEMP TABLE expect AS
SELECT r.t, a.agent_type,
       ARRAY[coalesce(sum(m.weight[1]) FILTER (WHERE ta.agent_type = a.agent_type), 0),
             coalesce(sum(m.weight[2]) FILTER (WHERE ta.agent_type = a.agent_type), 0)] AS d_in,
       ARRAY[coalesce(sum(m.weight[1]) FILTER (WHERE sa.agent_type = a.agent_type), 0),
             coalesce(sum(m.weight[2]) FILTER (WHERE sa.agent_type = a.agent_type), 0)] AS d_out
FROM (SELECT DISTINCT t FROM messages WHERE run_id = 'wide') r
CROSS JOIN (SELECT DISTINCT agent_type FROM agents WHERE run_id = 'wide') a
JOIN messages m ON m.run_id = 'wide' AND m.t <= r.t
JOIN agents sa ON sa.run_id = 'wide' AND sa.agent_id = m.source
JOIN agents ta ON ta.run_id = 'wide' AND ta.agent_id = m.target
GROUP BY r.t, a.agent_type;
CREATE TEMP TABLE got AS SELECT * FROM type_prominence(ARRAY['wide']);
SELECT (SELECT count(*) FROM expect) AS expected_rows, count(*) AS rows,
       count(*) FILTER (WHERE g.d_in = e.d_in AND g.d_out = e.d_out) AS equal
FROM got g JOIN expect e USING (t, agent_type);
DROP EXTENSION collcog CASCADE;
