-- cascade_anatomy(): composition by size band (paper 000, App. D.3).
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- 100 cascades of sizes 1..100, each with tce 10: 1 delegation, 2 contradictions,
-- 3 revisions, and one merge when the size is odd. Rank bands: rank k (here the size) is in
-- (lo, hi] when (k - 1/2) / 100 is, worked out by hand:
--   median (0.40, 0.60]: ranks 41..60, 20 cascades, 10 odd;
--   90th   (0.85, 0.95]: ranks 86..95, 10 cascades, 5 odd;
--   99th   (0.98, 0.99]: rank 99, odd;  top 1% (0.99, 1]: rank 100, even.
-- Shares: delegation 1/10, contradiction 2/10, merge (odd share)/10; merge conversion per
-- cascade = merges / (1 + 2 + 3) = 1/6 when odd, so its band mean = (odd share)/6, and the
-- pooled ratio is the same here because every cascade has 6 expansion events.
CREATE TABLE my_cascades AS
SELECT 'r' || s % 3 AS run_id, 'c' || s AS root_claim_id, s AS size, 10 AS tce, 1 AS n_delegate,
       2 AS n_contradict, s % 2 AS n_merge, 3 AS n_revise
FROM generate_series(1, 100) s;
SELECT band, quantile_lo, quantile_hi, n_cascades, rank_from, rank_to, size_min, size_max,
       abs(share_delegation - 0.1) < 1e-12 AS delegation_ok,
       abs(share_contradiction - 0.2) < 1e-12 AS contradiction_ok,
       round(share_merge::numeric, 6) AS share_merge,
       round(merge_conversion::numeric, 6) AS merge_conversion,
       round(pooled_merge_conversion::numeric, 6) AS pooled
FROM cascade_anatomy('my_cascades');
-- Expected share_merge: 0.05, 0.05, 0.1, 0; conversion: 1/12, 1/12, 1/6, 0.

-- Ordered by tce instead, all equal here: the ties are split by rank, so the bands hold
-- 20, 10, 1 and 1 cascades of tce 10 (not all 100 each, as 0.1.0 counted them).
SELECT band, n_cascades, rank_from, rank_to, size_min, size_max FROM cascade_anatomy('my_cascades', 'tce');

-- Heavy ties, against an independent computation: 301 cascades, 70% of size 1, the rest
-- of sizes 2..6, with compositions that differ within a size. The documented ranking (by
-- size, ties by the md5 text of the length-prefixed run id and the root claim id, in "C"
-- order) in SQL; a band
-- holds the ranks k with lo n < k - 1/2 <= hi n (exact numeric bounds).
CREATE TABLE tied AS
SELECT 'run-' || i % 11 AS run_id, 'c' || i AS root_claim_id,
       CASE WHEN i <= 210 THEN 1 ELSE 2 + i % 5 END AS size,
       1 + i % 4 AS tce, i % 2 AS n_delegate, (i / 2) % 2 AS n_contradict,
       (i / 3) % 2 AS n_merge, i % 3 AS n_revise
FROM generate_series(1, 301) i;
CREATE TEMP TABLE expected_bands AS
WITH ranked AS (
    SELECT t.*, row_number() OVER (ORDER BY size, md5(octet_length(run_id)::text || ':' || run_id || root_claim_id) COLLATE "C") AS k,
           count(*) OVER () AS n
    FROM tied t),
bands (band, lo, hi) AS (VALUES ('median', 0.40, 0.60), ('90th percentile', 0.85, 0.95),
                                ('99th percentile', 0.98, 0.99), ('top 1%', 0.99, 1.00))
SELECT b.band, count(r.k) AS n_cascades, min(r.k) AS rank_from, max(r.k) AS rank_to,
       min(r.size) AS size_min, max(r.size) AS size_max,
       avg(r.n_delegate::float8 / r.tce) AS share_delegation,
       avg(r.n_contradict::float8 / r.tce) AS share_contradiction,
       avg(r.n_merge::float8 / r.tce) AS share_merge,
       avg(r.n_merge::float8 / nullif(r.n_delegate + r.n_contradict + r.n_revise, 0)) AS merge_conversion,
       sum(r.n_merge)::float8 / nullif(sum(r.n_delegate + r.n_contradict + r.n_revise), 0) AS pooled
FROM bands b LEFT JOIN ranked r ON r.k - 0.5 > b.lo * r.n AND r.k - 0.5 <= b.hi * r.n
GROUP BY b.band;
SELECT band, n_cascades, rank_from, rank_to, size_min, size_max FROM expected_bands ORDER BY rank_from;
SELECT a.band, a.n_cascades = e.n_cascades AND a.rank_from = e.rank_from AND a.rank_to = e.rank_to
           AND a.size_min = e.size_min AND a.size_max = e.size_max AS ranks_agree,
       abs(a.share_delegation - e.share_delegation) < 1e-12
           AND abs(a.share_contradiction - e.share_contradiction) < 1e-12
           AND abs(a.share_merge - e.share_merge) < 1e-12
           AND abs(a.merge_conversion - e.merge_conversion) < 1e-12
           AND abs(a.pooled_merge_conversion - e.pooled) < 1e-12 AS summaries_agree
FROM cascade_anatomy('tied') a JOIN expected_bands e USING (band) ORDER BY a.rank_from;
-- The median cascade (rank 151 of 301) lies in the median band; no cascade is in two bands.
SELECT rank_from <= 151 AND 151 <= rank_to AS holds_the_median FROM cascade_anatomy('tied') WHERE band = 'median';
SELECT count(*) AS ranks_in_two_bands FROM cascade_anatomy('tied') a JOIN cascade_anatomy('tied') b
    ON a.band < b.band AND a.rank_from <= b.rank_to AND b.rank_from <= a.rank_to;
-- The ranking does not depend on the order rows are read in.
CREATE TABLE tied_shuffled AS SELECT * FROM tied ORDER BY md5(root_claim_id || 'x');
SELECT count(*) AS rows_differ FROM (SELECT * FROM cascade_anatomy('tied')
    EXCEPT SELECT * FROM cascade_anatomy('tied_shuffled')) d;

-- A cascade without expansion events has no conversion ratio of its own (left out of the
-- mean) and adds nothing to the pooled one; with none at all both are NULL.
CREATE TABLE flat AS SELECT 'r' AS run_id, 'c' || i AS root_claim_id, 1 AS size, 1 AS tce, 0 AS n_delegate, 0 AS n_contradict,
    0 AS n_merge, 0 AS n_revise FROM generate_series(1, 5) i;
SELECT band, n_cascades, merge_conversion, pooled_merge_conversion FROM cascade_anatomy('flat');

-- The default source is the cascades table: empty here, so every band is empty.
SELECT band, n_cascades, rank_from, size_min, share_merge FROM cascade_anatomy();

-- Bad input.
SELECT * FROM cascade_anatomy('my_cascades', 'claims');
CREATE TABLE wrong AS SELECT 1 AS size;
SELECT * FROM cascade_anatomy('wrong');
INSERT INTO my_cascades VALUES ('r0', 'x', NULL, 10, 0, 0, 0, 0);
\set VERBOSITY sqlstate
SELECT * FROM cascade_anatomy('my_cascades');
\set VERBOSITY terse
SELECT * FROM cascade_anatomy('my_cascades');
UPDATE my_cascades SET size = 1, run_id = NULL WHERE root_claim_id = 'x';
SELECT * FROM cascade_anatomy('my_cascades');
UPDATE my_cascades SET run_id = 'r0', n_delegate = -1 WHERE root_claim_id = 'x';
SELECT * FROM cascade_anatomy('my_cascades');
SELECT count(*) FROM cascade_anatomy(NULL);

DROP EXTENSION collcog;
DROP TABLE my_cascades, flat, wrong, tied, tied_shuffled;
