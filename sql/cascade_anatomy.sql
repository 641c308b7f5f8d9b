-- cascade_anatomy(): composition by size band (paper 000, App. D.3).
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- 100 cascades of sizes 1..100, each with tce 10: 1 delegation, 2 contradictions,
-- 3 revisions, and one merge when the size is odd. Bands (q(lo), q(hi)] with the
-- nearest-rank quantile q(p) = the ceil(100 p)-th smallest size, worked out by hand:
--   median (0.40, 0.60]: sizes 41..60, 20 cascades, 10 odd;
--   90th   (0.85, 0.95]: sizes 86..95, 10 cascades, 5 odd;
--   99th   (0.98, 0.99]: size 99, odd;  top 1% (0.99, 1]: size 100, even.
-- Shares: delegation 1/10, contradiction 2/10, merge (odd share)/10; merge conversion per
-- cascade = merges / (1 + 2 + 3) = 1/6 when odd, so its band mean = (odd share)/6, and the
-- pooled ratio is the same here because every cascade has 6 expansion events.
CREATE TABLE my_cascades AS
SELECT s AS size, 10 AS tce, 1 AS n_delegate, 2 AS n_contradict, s % 2 AS n_merge, 3 AS n_revise
FROM generate_series(1, 100) s;
SELECT band, quantile_lo, quantile_hi, n_cascades, size_above, size_to,
       abs(share_delegation - 0.1) < 1e-12 AS delegation_ok,
       abs(share_contradiction - 0.2) < 1e-12 AS contradiction_ok,
       round(share_merge::numeric, 6) AS share_merge,
       round(merge_conversion::numeric, 6) AS merge_conversion,
       round(pooled_merge_conversion::numeric, 6) AS pooled
FROM cascade_anatomy('my_cascades');
-- Expected share_merge: 0.05, 0.05, 0.1, 0; conversion: 1/12, 1/12, 1/6, 0.

-- Ordered by tce instead, all equal here: every band's quantiles tie at 10, so every band
-- holds all 100 cascades (rather than none).
SELECT band, n_cascades FROM cascade_anatomy('my_cascades', 'tce');

-- A cascade without expansion events has no conversion ratio of its own (left out of the
-- mean) and adds nothing to the pooled one; with none at all both are NULL.
CREATE TABLE flat AS SELECT 1 AS size, 1 AS tce, 0 AS n_delegate, 0 AS n_contradict,
    0 AS n_merge, 0 AS n_revise FROM generate_series(1, 5);
SELECT band, n_cascades, merge_conversion, pooled_merge_conversion FROM cascade_anatomy('flat');

-- The default source is the cascades table: empty here, so every band is empty.
SELECT band, n_cascades, size_above, share_merge FROM cascade_anatomy();

-- Bad input.
SELECT * FROM cascade_anatomy('my_cascades', 'claims');
CREATE TABLE wrong AS SELECT 1 AS size;
SELECT * FROM cascade_anatomy('wrong');
INSERT INTO my_cascades VALUES (1, 10, -1, 0, 0, 0);
SELECT * FROM cascade_anatomy('my_cascades');
SELECT count(*) FROM cascade_anatomy(NULL);

DROP EXTENSION collcog;
DROP TABLE my_cascades, flat, wrong;
