-- tail_hist: text and binary I/O, validation, merging (src/pg/tail/hist.c, agg.c).
CREATE EXTENSION collcog;
\set VERBOSITY terse
-- err(query): the SQLSTATE and message of the error query raises, or 'no error'
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    detail text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN SQLSTATE || ': ' || SQLERRM || CASE WHEN detail <> '' THEN ' (' || detail || ')' ELSE '' END;
END $$;

-- Text form round trips exactly (canonical input -> same text).
SELECT h0::tail_hist::text = h0 AS round_trip, h0
FROM (VALUES ('discrete:1*10,2*5,7*1'),
             ('continuous:0.5*1,2.25*3'),
             ('continuous:0.1*1,0.30000000000000004*2'),
             ('discrete:9007199254740992*9223372036854775807'),
             ('continuous:1.7976931348623157e+308*1'),
             ('continuous:5e-324*1'),
             ('discrete:'), ('continuous:')) AS t(h0);
-- Non-canonical input is accepted and printed canonically.
SELECT ' Discrete: 1 , 2*3 ,5'::tail_hist AS spaces_and_implicit_counts,
       'continuous:0.50*1,2.250e0*3'::tail_hist AS non_shortest_digits,
       'continuous:0x1p-1*2'::tail_hist AS hex_float;
-- Shortest round-trip digits: every float8 comes back bit for bit.
SELECT bool_and(((format('continuous:%s*1', v::text))::tail_hist)::text = format('continuous:%s*1', v::text)) AS shortest_digits_round_trip
FROM (SELECT DISTINCT (random() * 1000)::float8 + 1e-9 AS v FROM generate_series(1, 500)) s;

-- Garbage text: every case is 22P02 naming the problem (a count past a bigint: 22003).
SELECT g, pg_temp.err(format('SELECT %L::tail_hist', g)) AS error
FROM (VALUES (''), ('1*2'), ('discret:1'), ('discrete'), ('discrete:0*1'), ('discrete:-1'),
             ('discrete:1.5'), ('discrete:1e3'), ('discrete:9007199254740993'),
             ('discrete:1*0'), ('discrete:1*-1'), ('discrete:1*9223372036854775809'),
             ('discrete:1*9223372036854775808,2*1'), ('discrete:2,1'), ('discrete:1,1'),
             ('discrete:1,'), ('discrete:1;2'), ('discrete:1*'), ('discrete:1**2'),
             ('continuous:0'), ('continuous:-0.5'), ('continuous:NaN'), ('continuous:Infinity'),
             ('continuous:1e400'), ('continuous:abc'), ('continuous:1*2x'), ('continuous:2,1e0')) AS t(g);

-- Binary form: the cast to bytea shows the stored bytes (core serialisation, version 1).
SELECT 'discrete:1*2'::tail_hist::bytea AS stored_bytes;
SELECT h::bytea::tail_hist::text = h::text AS bytea_round_trip
FROM (VALUES ('discrete:1*10,2*5,7*1'::tail_hist), ('continuous:0.5*1,2.25*3'), ('continuous:')) t(h);
-- Garbage bytes: header, version, kind, reserved, length, values, counts; all 22P03 but
-- counts past a bigint (22003).
SELECT what, pg_temp.err(format('SELECT %L::bytea::tail_hist', b)) AS error
FROM (VALUES
  ('empty',            '\x'),
  ('short header',     '\x4343545301'),
  ('bad magic',        '\x5858585801010000' || '0000000000000000'),
  ('version 2',        '\x4343545302010000' || '0000000000000000'),
  ('version 0',        '\x4343545300010000' || '0000000000000000'),
  ('kind 3',           '\x4343545301030000' || '0000000000000000'),
  ('reserved',         '\x4343545301010100' || '0000000000000000'),
  ('truncated',        '\x4343545301010000' || '0100000000000000' || '000000000000f03f'),
  ('n too large',      '\x4343545301010000' || 'ffffffffffffffff' || '000000000000f03f0100000000000000'),
  ('trailing byte',    '\x4343545301010000' || '0100000000000000' || '000000000000f03f010000000000000000'),
  ('zero count',       '\x4343545301010000' || '0100000000000000' || '000000000000f03f0000000000000000'),
  ('count 2^63 + 1',   '\x4343545301010000' || '0100000000000000' || '000000000000f03f0100000000000080'),
  ('value 0',          '\x4343545301010000' || '0100000000000000' || '00000000000000000100000000000000'),
  ('value 1.5 discrete','\x4343545301010000' || '0100000000000000' || '000000000000f83f0100000000000000'),
  ('NaN',              '\x4343545301020000' || '0100000000000000' || '000000000000f87f0100000000000000'),
  ('Infinity',         '\x4343545301020000' || '0100000000000000' || '000000000000f07f0100000000000000'),
  ('negative',         '\x4343545301020000' || '0100000000000000' || '000000000000f0bf0100000000000000'),
  ('duplicate',        '\x4343545301010000' || '0200000000000000' || '000000000000f03f0100000000000000000000000000f03f0100000000000000'),
  ('descending',       '\x4343545301010000' || '0200000000000000' || '00000000000000400100000000000000000000000000f03f0100000000000000'),
  ('count 2^63',       '\x4343545301010000' || '0100000000000000' || '000000000000f03f0000000000000080'),
  ('total 2^63',       '\x4343545301010000' || '0200000000000000' || '000000000000f03fffffffffffffff7f' || '00000000000000400100000000000000')
) AS t(what, b);
-- A fit on a corrupt stored value is refused the same way.
SELECT pg_temp.err($$SELECT pl_fit('\x4343545301010000ffffffffffffffff'::bytea::tail_hist)$$) AS fit_on_garbage;

-- COPY BINARY round trip (tail_hist_send / tail_hist_recv).
CREATE TEMP TABLE hb (id int, h tail_hist);
INSERT INTO hb VALUES (1, 'discrete:1*10,2*5,7*1'), (2, 'continuous:0.5*1,2.25*3'),
                      (3, 'discrete:'), (4, NULL);
-- a server-side file in the data directory (the server may run as another user)
SELECT current_setting('data_directory') || '/collcog_tail_hist_test.bin' AS binfile \gset
COPY hb TO :'binfile' WITH (FORMAT binary);
CREATE TEMP TABLE hb2 (LIKE hb);
COPY hb2 FROM :'binfile' WITH (FORMAT binary);
SELECT a.id, a.h::text IS NOT DISTINCT FROM b.h::text AS same, b.h
FROM hb a JOIN hb2 b USING (id) ORDER BY id;

-- Aggregates building a tail_hist.
SELECT setseed(0.25);
CREATE TEMP TABLE obs AS
SELECT i, i % 4 AS g, floor((1 - random()) ^ (-1 / 1.3))::bigint AS k,
       2.0 * (1 - random()) ^ (-1 / 1.5) AS x
FROM generate_series(1, 3000) i;
UPDATE obs SET k = NULL, x = NULL WHERE i % 17 = 0;
-- integer, bigint and double precision overloads
SELECT tail_hist(k::int)::text = tail_hist(k)::text AS int_equals_bigint,
       tail_hist(k)::text LIKE 'discrete:%' AS bigint_is_discrete,
       tail_hist(x)::text LIKE 'continuous:%' AS float_is_continuous,
       tail_hist(k::float8)::text LIKE 'continuous:%' AS float_of_integers_is_continuous
FROM obs;
-- merge of partial states equals the state of the whole (discrete and continuous)
SELECT (SELECT tail_hist_merge(h)::text FROM (SELECT tail_hist(k) h FROM obs GROUP BY g) s)
       = (SELECT tail_hist(k)::text FROM obs) AS discrete_merge_is_whole,
       (SELECT tail_hist_merge(h)::text FROM (SELECT tail_hist(x) h FROM obs GROUP BY g) s)
       = (SELECT tail_hist(x)::text FROM obs) AS continuous_merge_is_whole,
       (SELECT tail_hist_merge(h)::text FROM (VALUES ('discrete:1*2,5*1'::tail_hist), (NULL),
                                                      ('discrete:'), ('discrete:1*1,3*4')) v(h))
       AS merge_with_null_and_empty;
-- histogram rows (value, count) equal the expanded rows; zero and NULL counts skipped
SELECT (SELECT tail_hist(k, c)::text FROM (SELECT k, count(*) c FROM obs WHERE k IS NOT NULL GROUP BY k
                                            UNION ALL SELECT 99, 0 UNION ALL SELECT 98, NULL) s)
       = (SELECT tail_hist(k)::text FROM obs) AS histogram_rows_equal_expanded;
SELECT tail_hist(v, c) FROM (VALUES (3, 2), (1, 9223372036854775800), (3, 1)) t(v, c);
-- empty input and groups of only NULLs give NULL
SELECT tail_hist(k) IS NULL AS empty_is_null FROM obs WHERE false;
SELECT g, tail_hist(k) IS NULL AS null_group
FROM (VALUES (1, NULL::bigint), (1, NULL), (2, 5)) t(g, k) GROUP BY g ORDER BY g;
-- errors in the aggregates
SELECT pg_temp.err($$SELECT tail_hist(v) FROM (VALUES (1), (0)) t(v)$$) AS zero,
       pg_temp.err($$SELECT tail_hist(v) FROM (VALUES (1.5::float8), ('NaN')) t(v)$$) AS nan,
       pg_temp.err($$SELECT tail_hist(v) FROM (VALUES ('Infinity'::float8)) t(v)$$) AS inf,
       pg_temp.err($$SELECT tail_hist(v, c) FROM (VALUES (1, -1)) t(v, c)$$) AS negative_count,
       pg_temp.err($$SELECT tail_hist(v, c) FROM (VALUES (1, 9223372036854775807), (2, 9223372036854775807)) t(v, c)$$) AS count_overflow,
       pg_temp.err($$SELECT tail_hist(v) FROM (VALUES (9007199254740993)) t(v)$$) AS beyond_2_53,
       pg_temp.err($$SELECT tail_hist_merge(h) FROM (VALUES ('discrete:1'::tail_hist), ('continuous:1')) t(h)$$) AS mixed_kinds;

-- Counts: a count and the total of a tail_hist are at most 2^63 - 1, the largest bigint, so
-- that every count a function returns is one. Every way in refuses a total of 2^63 with
-- 22003 (0.1.0 accepted it, and pl_fit then failed); 2^63 - 1 is accepted and fitted. (The
-- combine function merges as tail_hist_merge does: test/unit/tail/test_sample.c.)
SELECT (pl_fit('discrete:1*9223372036854775806,2*1'::tail_hist, xmin => 1)).n AS largest_total;
SELECT pg_temp.err($$SELECT 'discrete:1*4611686018427387904,2*4611686018427387904'::tail_hist$$) AS text_total,
       pg_temp.err($$SELECT '\x43435453010100000200000000000000000000000000f03f000000000000004000000000000000400000000000000040'::bytea::tail_hist$$) AS bytes_total,
       pg_temp.err($$SELECT tail_hist(v, c) FROM (VALUES (1, 9223372036854775807), (2, 1)) t(v, c)$$) AS aggregate_total,
       pg_temp.err($$SELECT tail_hist_merge(h) FROM (VALUES ('discrete:1*9223372036854775807'::tail_hist), ('discrete:2')) t(h)$$) AS merge_total;

-- The aggregate support functions take internal, which SQL cannot construct (NULL::internal
-- is refused), so garbage cannot reach them from SQL. The aggregates' deserialize still
-- validates its header and then calls the core deserialiser tested above (and fuzzed in
-- test/fuzz/); the parallel tests exercise it with real states.

DROP TABLE hb, hb2;
DROP EXTENSION collcog;
