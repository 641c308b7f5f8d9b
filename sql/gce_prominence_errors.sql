-- Bad input to the type-level functions: clear errors with SQLSTATEs naming the value.
CREATE EXTENSION collcog;
-- each error as SQLSTATE: message
CREATE FUNCTION err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
INSERT INTO runs (run_id) VALUES ('ok'), ('one'), ('mixed'), ('untyped'), ('single');
INSERT INTO agents VALUES ('ok', 'a', 'R'), ('ok', 'b', 'B'), ('one', 'a', 'R'), ('one', 'b', 'B'),
                          ('mixed', 'a', 'R'), ('mixed', 'b', 'B'),
                          ('untyped', 'a', 'R'), ('untyped', 'b', NULL),
                          ('single', 'a', 'R'), ('single', 'b', 'R');
INSERT INTO messages VALUES ('ok', 1, 'a', 'b', '{1,2}'), ('ok', 2, 'b', 'a', '{1,1}'),
                            ('one', 1, 'a', 'b', '{1}'),
                            ('mixed', 1, 'a', 'b', '{1,2}'), ('mixed', 2, 'b', 'a', '{1}'),
                            ('single', 1, 'a', 'b', '{1}');
SELECT count(*) FROM type_prominence(ARRAY['ok']);
-- NULL and unknown run ids
SELECT err($q$SELECT * FROM type_prominence(ARRAY['ok', NULL])$q$);
SELECT err($q$SELECT * FROM type_prominence(ARRAY['nope'])$q$);
SELECT err($q$SELECT * FROM type_pair_weights(ARRAY['nope'])$q$);
SELECT err($q$SELECT * FROM agent_influence(ARRAY['nope'])$q$);
SELECT err($q$SELECT * FROM agent_influence(ARRAY[NULL])$q$);
-- mixed dimensions in a run
SELECT err($q$SELECT * FROM type_prominence(ARRAY['mixed'])$q$);
SELECT err($q$SELECT * FROM type_pair_weights(ARRAY['mixed'])$q$);
-- runs of different dimensions pooled by type_pair_weights
SELECT err($q$SELECT * FROM type_pair_weights(ARRAY['ok', 'one'])$q$);
-- agents without a type
SELECT err($q$SELECT * FROM type_prominence(ARRAY['untyped'])$q$);
SELECT err($q$SELECT * FROM tail_gce_ratio(ARRAY['untyped'])$q$);
-- one type only
SELECT err($q$SELECT * FROM type_prominence(ARRAY['single'])$q$);
SELECT err($q$SELECT * FROM tail_gce_ratio(ARRAY['single'])$q$);
-- thresholds
SELECT err($q$SELECT * FROM tail_gce_ratio(ARRAY['ok'], gamma => 'NaN')$q$);
SELECT err($q$SELECT * FROM tail_gce_ratio(ARRAY['ok'], tail_quantile => 1)$q$);
SELECT err($q$SELECT * FROM tail_gce_ratio(ARRAY['ok'], tail_quantile => NULL)$q$);
-- too many types for type_pair_weights
INSERT INTO runs (run_id) VALUES ('many');
INSERT INTO agents SELECT 'many', 'a' || i, 'T' || i FROM generate_series(1, 17) i;
INSERT INTO messages VALUES ('many', 1, 'a1', 'a2', '{1}');
SELECT err($q$SELECT * FROM type_pair_weights(ARRAY['many'])$q$);
-- propagation: bad outcome tables
CREATE TABLE outcome (run_id text, round int, agent_id text, hallucinated boolean, correct boolean);
INSERT INTO outcome VALUES ('q', 1, 'a', true, true);
SELECT err($q$SELECT * FROM propagation('outcome')$q$);
TRUNCATE outcome;
INSERT INTO outcome VALUES ('q', 1, 'a', NULL, false);
SELECT err($q$SELECT * FROM propagation('outcome')$q$);
TRUNCATE outcome;
INSERT INTO outcome VALUES ('q', 1, 'a', false, false), ('q', 1, 'a', true, false);
SELECT err($q$SELECT * FROM propagation('outcome')$q$);
SELECT err($q$SELECT * FROM propagation(NULL)$q$);
CREATE TABLE wrong (run_id text, round int, agent_id text);
SELECT err($q$SELECT * FROM propagation('wrong')$q$);
DROP TABLE outcome, wrong;
DROP FUNCTION err(text);
DROP EXTENSION collcog;
