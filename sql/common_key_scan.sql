-- collcog's readers take a run's rows through its table's primary key (pg/common/key_scan.c):
-- the B-tree finds the run's first leaf page, the pages to its right are read one after the
-- other, and each entry's row version is checked against the snapshot. Here type_prominence
-- reads messages that way and, under row-level security, with a query; the two agree to the
-- bit through row versions the snapshot does or does not see, entries folded into posting
-- lists and rows removed by VACUUM; cascades_from reads a user's events whose long run ids
-- the key keeps compressed as it reads them with a query.
CREATE EXTENSION collcog;
CREATE EXTENSION pageinspect;
CALL simulate_network_into(runs => 3, steps => 600, seed => 5);
-- each run spans several pages of the table and of its key (about 100 entries fill a leaf)
SELECT run_id, count(DISTINCT (ctid::text::point)[0]) > 3 AS several_heap_pages,
       count(*) > 1000 AS several_leaf_pages
FROM messages GROUP BY 1 ORDER BY 1;
CREATE ROLE regress_key_reader;
GRANT SELECT ON runs, agents, messages TO regress_key_reader;
CREATE POLICY every_row ON messages USING (true);
-- rows of a and b that differ in any bit, both ways round
CREATE FUNCTION differ_in_bits(a regclass, b regclass) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    EXECUTE format('SELECT (SELECT count(*) FROM (TABLE %1$s EXCEPT ALL TABLE %2$s) d)
                         + (SELECT count(*) FROM (TABLE %2$s EXCEPT ALL TABLE %1$s) d)', a, b)
        INTO n;
    RETURN n;
END $$;
-- type_prominence by the key into table key_name, and by a query into query_name
CREATE FUNCTION read_both(key_name text, query_name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TEMP TABLE %I AS SELECT * FROM type_prominence()', key_name);
    ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
    SET LOCAL ROLE regress_key_reader;
    EXECUTE format('CREATE TEMP TABLE %I AS SELECT * FROM type_prominence()', query_name);
    RESET ROLE;
    ALTER TABLE messages DISABLE ROW LEVEL SECURITY;
END $$;
BEGIN;
SELECT read_both('first_key', 'first_query');
SELECT (SELECT count(*) FROM first_key) > 0 AS has_rows, differ_in_bits('first_key', 'first_query');
-- three versions of every message of net/2, each weight twice the last, in one transaction:
-- the key holds four entries per message, which it folds into posting lists as pages fill
UPDATE messages SET weight = (SELECT array_agg(2 * w ORDER BY i) FROM unnest(weight) WITH ORDINALITY u(w, i))
WHERE run_id = 'net/2';
UPDATE messages SET weight = (SELECT array_agg(2 * w ORDER BY i) FROM unnest(weight) WITH ORDINALITY u(w, i))
WHERE run_id = 'net/2';
UPDATE messages SET weight = (SELECT array_agg(2 * w ORDER BY i) FROM unnest(weight) WITH ORDINALITY u(w, i))
WHERE run_id = 'net/2';
SELECT count(*) > 0 AS posting_lists
FROM generate_series(1, (pg_relation_size('messages_pkey') / 8192)::int - 1) AS b,
     bt_page_items('messages_pkey', b) AS i
WHERE i.tids IS NOT NULL;
SELECT read_both('updated_key', 'updated_query');
SELECT differ_in_bits('updated_key', 'updated_query');
-- the snapshot sees the last version: net/2's masses are 8 times the first (exactly, as
-- doubling is), its shares and ratios the same; the other runs unchanged
SELECT count(*) AS rows,
       count(*) FILTER (WHERE u.d_in = (SELECT array_agg(8 * w ORDER BY i) FROM unnest(f.d_in) WITH ORDINALITY x(w, i))
                          AND u.d_out = (SELECT array_agg(8 * w ORDER BY i) FROM unnest(f.d_out) WITH ORDINALITY x(w, i))
                          AND u.theta_in = f.theta_in AND u.theta_out = f.theta_out
                          AND u.gce_ratio IS NOT DISTINCT FROM f.gce_ratio) AS scaled
FROM updated_key u JOIN first_key f USING (run_id, t, agent_type)
WHERE run_id = 'net/2';
SELECT differ_in_bits('updated_key', 'first_key') =
       (SELECT count(*) FROM first_key WHERE run_id = 'net/2') * 2 AS only_net2_changed;
COMMIT;
-- committed: the old versions are dead, their entries still in the key
SELECT read_both('committed_key', 'committed_query');
SELECT differ_in_bits('committed_key', 'committed_query'), differ_in_bits('committed_key', 'updated_key');
-- rounds 100 to 299 of net/1 deleted and vacuumed away: their leaf pages emptied
DELETE FROM messages WHERE run_id = 'net/1' AND t BETWEEN 100 AND 299;
VACUUM messages;
SELECT read_both('vacuumed_key', 'vacuumed_query');
SELECT differ_in_bits('vacuumed_key', 'vacuumed_query');
-- before round 100 nothing changed; from it on, net/1 has other masses
SELECT count(*) FILTER (WHERE t < 100) > 0 AND bool_and(v.d_in = c.d_in) FILTER (WHERE t < 100) AS before_same,
       bool_and(v.d_in <> c.d_in) FILTER (WHERE t >= 300) AS after_differ
FROM vacuumed_key v JOIN committed_key c USING (run_id, t, agent_type)
WHERE run_id = 'net/1';
-- a user's events keyed by (run_id, step_id) whose run ids are so long that the key keeps
-- them compressed: read through the key, as a copy without a key is read with a query
CREATE TABLE long_run_events (run_id text, step_id bigint, agent_id text, event_type event_type,
    claim_id text, parent_claim_ids text[], target_claim_id text, subtask_id text,
    parent_subtask_id text, ts timestamptz, PRIMARY KEY (run_id, step_id));
INSERT INTO long_run_events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids)
SELECT r || repeat('-', 3000), s, 'a' || s % 3, (CASE WHEN s = 0 THEN 'propose' ELSE 'revise' END)::event_type,
       'c' || s, CASE WHEN s = 0 THEN '{}'::text[] ELSE ARRAY['c' || (s - 1)] END
FROM generate_series(1, 3) r, generate_series(0, 400) s;
SELECT count(*) > 0 AS compressed_in_key
FROM bt_page_items('long_run_events_pkey', 1) WHERE length(data) < 2 * 3000;
-- (each run is one cascade: a proposal and 400 revisions, each of the one before, so its
-- size and TCE are 401)
CREATE TABLE long_run_events_copy AS TABLE long_run_events;
SELECT left(run_id, 1) AS run, size, tce FROM cascades_from('long_run_events') ORDER BY 1;
SELECT (SELECT count(*) FROM (SELECT * FROM cascades_from('long_run_events') EXCEPT ALL
        SELECT * FROM cascades_from('long_run_events_copy')) d) AS differ;
DROP TABLE long_run_events, long_run_events_copy;
DROP OWNED BY regress_key_reader;
DROP TABLE first_key, updated_key, committed_key, vacuumed_key;
DROP ROLE regress_key_reader;
DROP EXTENSION pageinspect;
DROP EXTENSION collcog;
