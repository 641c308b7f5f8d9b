-- effort_hist: text and binary I/O, validation, merging, and the measures of a stored
-- histogram (src/pg/inequality/hist.c, api.c).
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
SELECT h0::effort_hist::text = h0 AS round_trip, h0
FROM (VALUES ('0*12,1*30,2.5*1'), ('0*1'), (''), ('0.1*1,0.30000000000000004*2'),
             ('5e-324*1,1.7976931348623157e+308*9223372036854775806')) AS t(h0);
-- Non-canonical input is accepted and printed canonically; -0 is 0.
SELECT ' 0 * 2 , 1,3.50 ' ::effort_hist AS spaces_and_implicit_counts,
       '-0*3,0x1p-1'::effort_hist AS negative_zero_and_hex;
-- Shortest round-trip digits: every float8 comes back bit for bit (seeded values).
SELECT bool_and(format('%s*1', v::text)::effort_hist::text = format('%s*1', v::text)) AS shortest_digits_round_trip
FROM (SELECT (('x' || substr(md5(i::text), 1, 8))::bit(32)::bigint)::float8 / 7.0 AS v
      FROM generate_series(1, 500) i) s;

-- Garbage text: 22P02 naming the problem (a count past a bigint: 22003).
SELECT g, pg_temp.err(format('SELECT %L::effort_hist', g)) AS error
FROM (VALUES ('x'), ('-1'), ('1,1'), ('2,1'), ('1,'), (',1'), ('1 2'), ('1;2'), ('1*0'),
             ('1*-1'), ('1*'), ('1**2'), ('NaN'), ('Infinity'), ('-Infinity'), ('1e400'),
             ('1*9223372036854775808'), ('1*9223372036854775807,2*1')) AS t(g);

-- Stored bytes: "CCEH", version 1, three reserved zero bytes, n, then (value, count) pairs.
SELECT '0*2,3*1'::effort_hist::bytea AS stored_bytes;
SELECT '\x434345480100000002000000000000000000000000000000020000000000000000000000000008400100000000000000'::bytea::effort_hist AS from_bytes;
-- Garbage bytes: every case is 22P03 naming the problem (a count past a bigint: 22003).
SELECT what, pg_temp.err(format('SELECT %L::bytea::effort_hist', b)) AS error FROM (VALUES
  ('empty',            '\x'),
  ('short header',     '\x4343454801'),
  ('bad magic',        '\x4343545301000000' || '0000000000000000'),
  ('version 2',        '\x4343454802000000' || '0000000000000000'),
  ('reserved',         '\x4343454801000100' || '0000000000000000'),
  ('truncated',        '\x4343454801000000' || '0100000000000000' || '000000000000f03f'),
  ('n too large',      '\x4343454801000000' || 'ffffffffffffffff' || '000000000000f03f0100000000000000'),
  ('trailing byte',    '\x4343454801000000' || '0100000000000000' || '000000000000f03f010000000000000000'),
  ('zero count',       '\x4343454801000000' || '0100000000000000' || '000000000000f03f0000000000000000'),
  ('negative',         '\x4343454801000000' || '0100000000000000' || '000000000000f0bf0100000000000000'),
  ('negative zero',    '\x4343454801000000' || '0100000000000000' || '00000000000000800100000000000000'),
  ('NaN',              '\x4343454801000000' || '0100000000000000' || '000000000000f87f0100000000000000'),
  ('Infinity',         '\x4343454801000000' || '0100000000000000' || '000000000000f07f0100000000000000'),
  ('duplicate',        '\x4343454801000000' || '0200000000000000' || '000000000000f03f0100000000000000000000000000f03f0100000000000000'),
  ('descending',       '\x4343454801000000' || '0200000000000000' || '00000000000000400100000000000000000000000000f03f0100000000000000'),
  ('count 2^63',       '\x4343454801000000' || '0100000000000000' || '000000000000f03f0000000000000080'),
  ('total 2^63',       '\x4343454801000000' || '0200000000000000' || '0000000000000000ffffffffffffff7f' || '000000000000f03f0100000000000000')
) AS t(what, b);
-- A measure of a corrupt stored value is refused the same way.
SELECT pg_temp.err($$SELECT gini('\x4343454801000000ffffffffffffffff'::bytea::effort_hist)$$) AS gini_on_garbage;

-- COPY BINARY round trip (effort_hist_send / effort_hist_recv).
CREATE TEMP TABLE hb (id int, h effort_hist);
INSERT INTO hb VALUES (1, '0*12,1*30,2.5*1'), (2, ''), (3, NULL);
-- a server-side file in the data directory (the server may run as another user)
SELECT current_setting('data_directory') || '/collcog_effort_hist_test.bin' AS binfile \gset
COPY hb TO :'binfile' WITH (FORMAT binary);
CREATE TEMP TABLE hb2 (LIKE hb);
COPY hb2 FROM :'binfile' WITH (FORMAT binary);
SELECT a.id, a.h::text IS NOT DISTINCT FROM b.h::text AS same, b.h
FROM hb a JOIN hb2 b USING (id) ORDER BY id;

-- Building and merging: effort_hist(x) over the three value types; effort_hist_merge skips
-- NULLs, gives NULL for no rows, and refuses a total past a bigint.
SELECT effort_hist(x) AS from_integer, effort_hist(x::bigint) AS from_bigint,
       effort_hist(x / 2.0) AS from_double
FROM (VALUES (0), (3), (1), (3), (NULL), (0), (0)) v(x);
SELECT effort_hist_merge(h) AS merged, effort_hist_merge(h) FILTER (WHERE false) AS no_rows
FROM (VALUES ('0*2,1*1'::effort_hist), (NULL), (''), ('1*4,7.5*1')) v(h);
SELECT pg_temp.err($$SELECT effort_hist_merge(h) FROM (VALUES ('0*9223372036854775807'::effort_hist), ('1')) v(h)$$) AS merge_total;

-- The measures of a stored histogram; NULL h gives NULL (lorenz: no rows); empty and all-zero
-- histograms as the aggregates (Gini 0 when every value is 0, shares NULL).
SELECT round(gini(h)::numeric, 12) AS gini, round(gini(h, true)::numeric, 12) AS unbiased,
       round(top_share(h, 0.25)::numeric, 12) AS top_quarter, round(top_k_share(h, 2)::numeric, 12) AS top_2,
       round(effective_agents(h)::numeric, 12) AS effective
FROM (VALUES ('0*2,1*1,4*1'::effort_hist)) v(h);
-- by hand for 0, 0, 1, 4 (N = 4, sum 5): Gini = 2 (3*1 + 4*4) / (4*5) - 5/4 = 0.65, unbiased
-- 0.65 * 4/3; top quarter (k = 1) 4/5; top 2 = 5/5; effective 25/17
SELECT round(0.65, 12) AS gini, round(0.65 * 4 / 3, 12) AS unbiased, 0.8 AS top_quarter,
       1 AS top_2, round(25 / 17.0, 12) AS effective;
SELECT * FROM lorenz('0*2,1*1,4*1'::effort_hist, 4);
SELECT * FROM lorenz('0*2,1*1,4*1'::effort_hist, 8);
SELECT gini(NULL::effort_hist) AS gini_null, top_share(NULL::effort_hist, 0.1) AS share_null,
       (SELECT count(*) FROM lorenz(NULL::effort_hist, 5)) AS lorenz_null_rows,
       gini(''::effort_hist) AS gini_empty, effective_agents(''::effort_hist) AS effective_empty,
       gini('0*5'::effort_hist) AS gini_all_zero, top_k_share('0*5'::effort_hist, 1) AS share_all_zero,
       (SELECT count(*) FROM lorenz('0*5'::effort_hist, 5)) AS lorenz_all_zero_rows,
       gini('3*1'::effort_hist, true) AS unbiased_one_value;
SELECT pg_temp.err($$SELECT top_share('1'::effort_hist, 0)$$) AS bad_fraction,
       pg_temp.err($$SELECT top_k_share('1'::effort_hist, 0)$$) AS bad_k,
       pg_temp.err($$SELECT * FROM lorenz('1'::effort_hist, 0)$$) AS bad_points,
       pg_temp.err($$SELECT * FROM lorenz(NULL::effort_hist, -1)$$) AS bad_points_null_h,
       pg_temp.err($$SELECT gini('1'::effort_hist, NULL)$$) AS null_unbiased;

-- The aggregate support functions take internal, which SQL cannot construct, so garbage
-- cannot reach them from SQL; the deserialize function validates its header and then calls
-- the core's deserialiser tested above (and fuzzed in test/fuzz/fuzz_ineq_deserialize.c);
-- inequality_parallel runs it on real states.

DROP TABLE hb, hb2;
DROP EXTENSION collcog;
