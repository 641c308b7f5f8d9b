-- The choice of xmin where Clauset et al.'s plain scan goes wrong, the minimum tail, fits
-- that cannot be made (a row with the reason, never an error), and the diagnostics of every
-- fit (src/core/tail/xmin.c, quality.c; src/pg/tail/api.c). Expected choices come from a
-- brute-force scan in SQL: the power law at every fixed xmin and the smallest KS distance.
CREATE EXTENSION collcog;
\set VERBOSITY terse
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- Three groups, as the mission's query SELECT topology, tpl_fit(tce) ... GROUP BY topology
-- meets them on real traces:
--   spike   20 each of 1, 3, 9, 27 and 81, and 20 more at 82: equal counts on values a
--           factor 3 apart, which no power law follows, and a spike at the top (as a
--           context limit makes one). The power law fitted to the two-value tail {81, 82}
--           (alpha about 90) puts two thirds of its mass at 81 where the data put half:
--           KS = P(81) - 1/2, about 0.17, checked below by a sum in SQL; every tail from
--           1, 3, 9 or 27 has KS 0.25 or more. So the plain scan picks xmin 81, a tail of
--           two distinct values, on which the truncated power law cannot be fitted: 0.1.0
--           aborted the whole query there.
--   pair    90 each of 5 and 6: no tail of three distinct values at all.
--   smooth  the floor of 2000 exact power-law quantiles (alpha 2.5).
CREATE TEMP TABLE groups AS
SELECT 'spike' AS g, v FROM unnest(ARRAY[1, 3, 9, 27, 81, 82]) v, generate_series(1, 20)
UNION ALL
SELECT 'pair', v FROM unnest(ARRAY[5, 6]) v, generate_series(1, 90)
UNION ALL
SELECT 'smooth', floor((1 - (i - 0.5) / 2000) ^ (-1 / 1.5))::int FROM generate_series(1, 2000) i;
CREATE TEMP TABLE hists AS SELECT g, tail_hist(v) AS h FROM groups GROUP BY g;

-- The brute-force scan: every distinct value x as a fixed xmin, its tail and KS distance.
CREATE TEMP TABLE scan AS
SELECT s.g, c.x, (f).n_tail, (f).n_tail_distinct, (f).ks
FROM hists s,
     LATERAL (SELECT DISTINCT v::float8 AS x FROM groups WHERE groups.g = s.g) c,
     LATERAL (SELECT pl_fit(s.h, xmin => c.x) AS f) p
WHERE (f).ks IS NOT NULL;
CREATE FUNCTION pg_temp.best(grp text, min_tail bigint, min_distinct int) RETURNS float8
LANGUAGE sql AS $$
    SELECT x FROM scan WHERE g = grp AND n_tail >= min_tail AND n_tail_distinct >= min_distinct
    ORDER BY ks, x LIMIT 1
$$;
SELECT g, pg_temp.best(g, 2, 2) AS plain_scan_xmin,
       (SELECT n_tail_distinct FROM scan WHERE scan.g = h.g AND x = pg_temp.best(g, 2, 2)) AS its_distinct,
       pg_temp.best(g, 2, 3) AS admissible_xmin
FROM hists h ORDER BY g;
-- The spike's KS distance, independently: P(81) of the discrete power law with the fit's
-- alpha, by a sum over k = 81 .. 2000 (the terms past 2000 are below 1e-100).
SELECT round(f.alpha::numeric, 1) AS alpha,
       abs(f.ks - (81 ^ -f.alpha / (SELECT sum(k::float8 ^ -f.alpha) FROM generate_series(81, 2000) k) - 0.5)) < 1e-12 AS ks_checked,
       round(f.ks::numeric, 4) AS ks
FROM hists, pl_fit(h, xmin => 81) f WHERE g = 'spike';

-- The mission's query answers for every group: xmin the admissible one, the pair group a
-- row with NULL parameters and the reason.
SELECT g, (f).xmin, (f).xmin IS NOT DISTINCT FROM pg_temp.best(g, 2, 3) AS xmin_as_brute_force,
       (f).n_tail, (f).n_tail_distinct, (f).n, (f).alpha IS NOT NULL AS has_alpha,
       (f).cutoff IS NOT NULL AS has_cutoff, (f).boundary, (f).quality, (f).reason
FROM (SELECT g, tpl_fit(v) AS f FROM groups GROUP BY g) s ORDER BY g;
-- The same for the other fits and for the stored samples (one query each, every group).
SELECT g, (p).xmin AS pl, (l).xmin AS ln, (e).xmin AS exp, (s).xmin AS se,
       (p).quality AS pl_q, (l).quality AS ln_q, (e).quality AS exp_q, (s).quality AS se_q
FROM (SELECT g, pl_fit(v) AS p, lognormal_fit(v) AS l, exponential_fit(v) AS e, stretched_exp_fit(v) AS s
      FROM groups GROUP BY g) f ORDER BY g;
SELECT g, (f).xmin, (f).quality, (f).reason FROM (SELECT g, tpl_fit(h) AS f FROM hists) s ORDER BY g;

-- The plain scan on demand (min_tail_distinct 2, the least the power law needs) picks the
-- spike; the truncated power law is never put on it, even when asked for less.
SELECT g, (p).xmin AS pl_plain, (p).n_tail_distinct, round((p).alpha::numeric, 1) AS alpha,
       (p).quality, (p).xmin = pg_temp.best(g, 2, 2) AS as_brute_force,
       (t).xmin AS tpl_asked_for_2, (t).xmin IS NOT DISTINCT FROM pg_temp.best(g, 2, 3) AS tpl_needs_3
FROM (SELECT g, pl_fit(v, NULL, NULL, NULL, NULL, 2) AS p, tpl_fit(v, NULL, NULL, NULL, NULL, 2) AS t
      FROM groups GROUP BY g) s ORDER BY g;

-- The minimum tail, as the aggregate's last two arguments and as named arguments of the
-- function on a tail_hist (the same fit): xmin is the brute-force choice among the tails
-- that hold min_tail values and min_tail_distinct distinct values.
SELECT m.min_tail, m.min_distinct, (f).xmin, (f).n_tail, (f).n_tail_distinct,
       (f).xmin = pg_temp.best('smooth', coalesce(m.min_tail, 2), coalesce(m.min_distinct, 3)) AS as_brute_force,
       f = (SELECT pl_fit(h, min_tail => m.min_tail, min_tail_distinct => m.min_distinct) FROM hists WHERE g = 'smooth') AS agg_equals_fn
FROM (VALUES (NULL::bigint, 38), (300, NULL::int), (300, 20), (1999, 2), (NULL, 1)) m(min_tail, min_distinct),
     LATERAL (SELECT pl_fit(v, NULL, NULL, NULL, m.min_tail, m.min_distinct) AS f FROM groups WHERE g = 'smooth') a
ORDER BY 1, 2;
-- with a range and a candidate limit
SELECT (f).xmin, (f).xmin = (SELECT x FROM scan WHERE g = 'smooth' AND x BETWEEN 2 AND 6 AND n_tail >= 200
                             ORDER BY ks, x LIMIT 1) AS as_brute_force
FROM (SELECT pl_fit(v, 2, 6, NULL, 200, NULL) AS f FROM groups WHERE g = 'smooth') s;
-- more than there is: no fit, the reason says what was asked and what there is
SELECT f.xmin, f.n, f.quality, f.reason FROM hists, pl_fit(h, min_tail => 2001) f WHERE g = 'smooth';
SELECT f.xmin, f.quality, f.reason FROM hists, tpl_fit(h, xmin_lo => 30, xmin_hi => 40) f WHERE g = 'smooth';

-- A fixed xmin where the model cannot be fitted: the row describes that tail.
SELECT f.xmin, f.n_tail, f.n_tail_distinct, f.n, f.alpha, f.lambda, f.quality, f.reason
FROM hists, tpl_fit(h, xmin => 81) f WHERE g = 'spike';
-- A model that does not converge at the scan's choice gives way to the next candidate
-- (the stretched exponential on a tail spanning 500 decades, found by a random search; the
-- power law's scan prefers 2e-230); where it converges nowhere, the row says so.
SELECT (pl_fit(h)).xmin AS pl_xmin, (stretched_exp_fit(h, xmin => 2e-230)).reason AS se_at_pl_xmin,
       (stretched_exp_fit(h)).xmin AS se_xmin, (stretched_exp_fit(h)).quality
FROM (VALUES ('continuous:2e-230*4,4*3,5*2,9e288*3'::tail_hist)) t(h);
SELECT quality, reason FROM stretched_exp_fit('continuous:1e-300*5,1e-299*1,1e300*3'::tail_hist);

-- Diagnostics of every fit: n_tail_distinct is count(DISTINCT x) of the tail, boundary is
-- never NULL in a fit (false for the models without one), and quality follows the
-- documented rule (the first of few_distinct: < 10 distinct values, small_tail: < 50
-- values, boundary; else ok); an unfitted row has quality 'unfitted' and a reason.
-- Two more for the other flags: the smooth group above xmin 30 (small_tail), and a seeded
-- continuous power-law sample (alpha 2.5) on which the log-normal and the stretched
-- exponential reach their power-law limit (boundary; sql/tail_fit.sql shows why).
SELECT setseed(0.42);
CREATE TEMP TABLE cont AS SELECT 'continuous' AS g, 1.5 * (1 - random()) ^ (-1 / 1.5) AS v FROM generate_series(1, 5000);
INSERT INTO hists SELECT g, tail_hist(v) FROM cont GROUP BY g;
CREATE TEMP TABLE fits AS
SELECT g, 'pl' AS model, f.xmin AS tail_from, f.n_tail, f.n_tail_distinct, f.boundary, f.quality, f.reason FROM hists, pl_fit(h) f
UNION ALL SELECT g, 'tpl', f.xmin, f.n_tail, f.n_tail_distinct, f.boundary, f.quality, f.reason FROM hists, tpl_fit(h) f
UNION ALL SELECT g, 'ln', f.xmin, f.n_tail, f.n_tail_distinct, f.boundary, f.quality, f.reason FROM hists, lognormal_fit(h) f
UNION ALL SELECT g, 'exp', f.xmin, f.n_tail, f.n_tail_distinct, f.boundary, f.quality, f.reason FROM hists, exponential_fit(h) f
UNION ALL SELECT g, 'se', f.xmin, f.n_tail, f.n_tail_distinct, f.boundary, f.quality, f.reason FROM hists, stretched_exp_fit(h) f
UNION ALL SELECT g, 'tpl 30-40', f.xmin, f.n_tail, f.n_tail_distinct, f.boundary, f.quality, f.reason
          FROM hists, tpl_fit(h, xmin_lo => 30, xmin_hi => 40) f WHERE g = 'smooth';
SELECT g, model, quality, boundary,
       n_tail_distinct = (SELECT count(DISTINCT v) FROM (SELECT g, v::float8 FROM groups UNION ALL TABLE cont) w
                          WHERE w.g = f.g AND w.v >= f.tail_from) AS distinct_counted,
       quality = CASE WHEN n_tail_distinct < 10 THEN 'few_distinct' WHEN n_tail < 50 THEN 'small_tail'
                      WHEN boundary THEN 'boundary' ELSE 'ok' END AS rule_holds
FROM fits f WHERE reason IS NULL ORDER BY g, model;
SELECT g, model, quality, reason IS NOT NULL AS has_reason FROM fits WHERE reason IS NOT NULL OR quality = 'unfitted'
ORDER BY g, model;

-- Comparisons take the power law's admissible xmin: Vuong's test answers on the spike; on a
-- sample without an admissible xmin it is NULL, and the grouped query answers for the other
-- groups (the fits give the reason); tail_compare raises.
SELECT g, (v).xmin, (v).n_tail, (v).p_value IS NOT NULL AS has_p, v IS NULL AS no_test
FROM (SELECT g, vuong(v, 'power_law', 'truncated_power_law') AS v FROM groups GROUP BY g) s ORDER BY g;
SELECT pg_temp.err($$SELECT tail_compare(tail_hist(v)) FROM groups WHERE g = 'pair'$$) AS compare_pair;

-- Argument errors (22023).
SELECT pg_temp.err($$SELECT pl_fit(v, NULL, NULL, NULL, 0, NULL) FROM groups$$) AS zero_min_tail,
       pg_temp.err($$SELECT tpl_fit(h, min_tail_distinct => 0) FROM hists$$) AS zero_min_distinct,
       pg_temp.err($$SELECT tpl_fit(h, xmin => 5, min_tail_distinct => 3) FROM hists$$) AS fixed_xmin_and_minimum;

DROP TABLE groups, hists, scan, cont, fits;
DROP EXTENSION collcog;
