-- vuong, tail_compare, tail_bootstrap, pl_gof and ccdf (src/pg/tail/api.c).
CREATE EXTENSION collcog;
\set VERBOSITY terse
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
SELECT setseed(0.125);
-- Continuous power law, alpha 2.5, xmin 1.
CREATE TEMP TABLE cpl AS SELECT (1 - random()) ^ (-1 / 1.5) AS x FROM generate_series(1, 3000);
-- Discrete integers with a cutoff: floor of a PL (alpha 1.8) thinned by e^(-x/50).
CREATE TEMP TABLE dtpl AS
SELECT k FROM (SELECT floor((1 - random()) ^ (-1 / 0.8))::bigint AS k, random() AS u
               FROM generate_series(1, 20000)) s
WHERE u < exp(-least(k, 1000) / 50.0::float8);
CREATE TEMP TABLE h AS
SELECT (SELECT tail_hist(x) FROM cpl) AS hc, (SELECT tail_hist(k) FROM dtpl) AS hd;

-- Vuong aggregate equals the tail_hist function; xmin defaults to the PL's xmin.
SELECT (SELECT vuong(x, 'power_law', 'exponential') FROM cpl)
       IS NOT DISTINCT FROM vuong(hc, 'power_law', 'exponential') AS agg_equals_fn,
       (vuong(hc, 'power_law', 'exponential')).xmin = (pl_fit(hc)).xmin AS at_pl_xmin,
       (SELECT vuong(x, 'power_law', 'lognormal', 2.0) FROM cpl)
       IS NOT DISTINCT FROM vuong(hc, 'power_law', 'lognormal', 2.0) AS agg_equals_fn_fixed_xmin,
       (SELECT vuong(k::int, 'power_law', 'exponential') FROM dtpl)
       IS NOT DISTINCT FROM vuong(hd, 'power_law', 'exponential') AS integer_overload
FROM h;
-- Sign convention: positive r favours model_a; swapping the models flips r, keeps p.
SELECT v.model_a, v.model_b, v.r > 0 AS favours_a, round(v.r_normalized::numeric, 1) > 2 AS significant,
       v.p_value < 0.05 AS small_p, NOT v.nested AS not_nested,
       abs(v.r + w.r) < 1e-9 * abs(v.r) AND abs(v.p_value - w.p_value) < 1e-12 AS swap_flips_sign
FROM h, vuong(hc, 'power_law', 'exponential') v, vuong(hc, 'exponential', 'power_law') w;
-- r is the sum of pointwise log-likelihood ratios: for PL vs EXP at a fixed xmin it equals
-- the difference of the fits' log-likelihoods.
SELECT abs(v.r - (p.loglik - e.loglik)) < 1e-9 * abs(v.r) AS r_is_loglik_difference, v.n_tail = p.n_tail AS n_tail
FROM h, vuong(hc, 'power_law', 'exponential', 1.5) v, pl_fit(hc, 1.5) p, exponential_fit(hc, 1.5) e;
-- Nested PL vs TPL: likelihood-ratio test, p from chi-squared(1) halved (so at most 0.5),
-- r_normalized NULL; on data with a cutoff the TPL wins clearly.
SELECT v.nested, v.r_normalized IS NULL AS no_normalized_ratio, v.p_value <= 0.5 AS halved,
       v.r < 0 AS tpl_favoured, v.p_value < 1e-3 AS significant
FROM h, vuong(hd, 'power_law', 'truncated_power_law', 1) v;
SELECT v.nested, v.r > 0 AS tpl_first_positive, abs(v.p_value - w.p_value) < 1e-12 AS same_p
FROM h, vuong(hd, 'truncated_power_law', 'power_law', 1) v, vuong(hd, 'power_law', 'truncated_power_law', 1) w;
-- the same model against itself: r = 0, p = 1
SELECT r = 0 AS zero, p_value = 1 AS p_one FROM h, vuong(hc, 'lognormal', 'lognormal', 1.5);
SELECT pg_temp.err($$SELECT vuong(hc, 'power_law', 'pareto') FROM h$$) AS unknown_model,
       pg_temp.err($$SELECT vuong(hc, 'pl', 'tpl') FROM h$$) AS short_names_refused,
       pg_temp.err($$SELECT vuong(x, 'power_law', 'weibull') FROM cpl$$) AS unknown_in_aggregate,
       pg_temp.err($$SELECT vuong(x, 'power_law', NULL) FROM cpl$$) AS null_model,
       pg_temp.err($$SELECT vuong(hc, 'power_law', 'lognormal', 'NaN') FROM h$$) AS nan_xmin;
SELECT vuong(x, 'power_law', 'lognormal') IS NULL AS empty_is_null FROM cpl WHERE false;

-- tail_compare: ten pairs in enum order, each equal to vuong of the pair.
SELECT model_a, model_b, nested, n_tail = (pl_fit(hd)).n_tail AS n_tail_at_pl_xmin
FROM h, tail_compare(hd);
SELECT count(*) AS pairs_differing_from_vuong
FROM h, tail_compare(hd, 2) c
WHERE (c.*)::vuong_result IS DISTINCT FROM vuong(hd, c.model_a, c.model_b, 2);
SELECT count(*) AS rows FROM tail_compare('discrete:'::tail_hist);
SELECT count(*) AS rows FROM tail_compare(NULL);

-- tail_bootstrap: seeded; the interval brackets the estimate; same seed, same answer.
SELECT parameter, round(estimate::numeric, 2) AS estimate, lo <= estimate AND estimate <= hi AS brackets, replicates
FROM h, tail_bootstrap(hc, replicates => 200, seed => 7);
SELECT parameter, round(estimate::numeric, 3) AS estimate, lo < hi AS interval, replicates
FROM h, tail_bootstrap(hd, 'truncated_power_law', 100, 3, 0.9, 1);
SELECT count(*) AS rows_differing
FROM ((SELECT b.* FROM h, tail_bootstrap(hc, replicates => 100, seed => 11) b)
      EXCEPT (SELECT b.* FROM h, tail_bootstrap(hc, replicates => 100, seed => 11) b)) d;
SELECT (SELECT array_agg(lo ORDER BY parameter) FROM h, tail_bootstrap(hc, replicates => 100, seed => 11))
       <> (SELECT array_agg(lo ORDER BY parameter) FROM h, tail_bootstrap(hc, replicates => 100, seed => 12))
       AS other_seed_differs;
-- Every bit of the seed counts: 11 and 11 + 2^32 differ (0.1.0 used the low 32 bits only).
SELECT (SELECT array_agg(lo ORDER BY parameter) FROM h, tail_bootstrap(hc, replicates => 100, seed => 11))
       <> (SELECT array_agg(lo ORDER BY parameter) FROM h, tail_bootstrap(hc, replicates => 100, seed => 4294967307))
       AS high_bits_count,
       (SELECT array_agg(p_value ORDER BY s) FROM generate_series(1, 3) s, h, pl_gof(hc, 50, s))
       <> (SELECT array_agg(p_value ORDER BY s) FROM generate_series(1, 3) s, h, pl_gof(hc, 50, s + 4294967296))
       AS high_bits_count_in_gof;
-- Replicates whose fit sits at the model's boundary are counted apart and left out of the
-- parameters' intervals (0.1.0 mixed them in). On the power-law sample hc, at xmin 1, the TPL
-- reaches lambda = 0 in some replicates, whose lambda = 0 no longer drags the interval to 0
-- (0.1.0: lo = 0), and the LN reaches its power-law limit in some, whose parameters are not
-- identified (0.1.0 took their last iterates: mu's interval started at -23472).
SELECT parameter, lo > 0 AS lo_positive, replicates, boundary_replicates > 0 AS some_boundary,
       boundary_replicates < replicates AS some_interior
FROM h, tail_bootstrap(hc, 'truncated_power_law', 60, 5, 0.95, 1);
SELECT parameter, round(lo::numeric) AS lo, round(hi::numeric) AS hi, replicates, boundary_replicates
FROM h, tail_bootstrap(hc, 'lognormal', 20, 5, 0.95, 1);
-- Where every replicate is at the boundary the parameters have no interval (and the point
-- fit's are not identified); xmin's interval is over every fit.
SELECT parameter, estimate, lo, hi, replicates, boundary_replicates
FROM tail_bootstrap('continuous:1*1000,2*10,100000*10', 'lognormal', 20, 5, 0.95, 1);
-- The power law and the exponential have no boundary.
SELECT DISTINCT boundary_replicates FROM h, tail_bootstrap(hc, replicates => 20);
SELECT parameter FROM h, tail_bootstrap(hd, 'stretched_exponential', 20, 1, 0.5, 1);
SELECT parameter FROM h, tail_bootstrap(hd, 'lognormal', 20, 1, 0.5, 1);
SELECT parameter FROM h, tail_bootstrap(hd, 'exponential', 20, 1, 0.5, 1);
SELECT pg_temp.err($$SELECT * FROM h, tail_bootstrap(hc, replicates => 0)$$) AS zero_replicates,
       pg_temp.err($$SELECT * FROM h, tail_bootstrap(hc, replicates => 2000000)$$) AS too_many,
       pg_temp.err($$SELECT * FROM h, tail_bootstrap(hc, level => 1)$$) AS level_one,
       pg_temp.err($$SELECT * FROM h, tail_bootstrap(hc, level => 'NaN')$$) AS level_nan,
       pg_temp.err($$SELECT * FROM h, tail_bootstrap(hc, model => 'gamma')$$) AS unknown_model,
       pg_temp.err($$SELECT * FROM h, tail_bootstrap(hc, xmin => -1)$$) AS negative_xmin;

-- pl_gof: p-value in [0, 1], seeded and reproducible; a power-law sample is not rejected.
SELECT g.xmin = (pl_fit(hc)).xmin AS at_pl_xmin, round(g.alpha::numeric, 1) AS alpha, g.p_value > 0.1 AS not_rejected, g.replicates
FROM h, pl_gof(hc, 100, 5) g;
SELECT (SELECT p_value FROM h, pl_gof(hc, 50, 9)) = (SELECT p_value FROM h, pl_gof(hc, 50, 9)) AS same_seed_same_p;
SELECT (SELECT array_agg(p_value) FROM generate_series(1, 3) s, h, pl_gof(hc, 50, s)) AS p_by_seed_differs_somewhere
\gset
SELECT cardinality(array(SELECT DISTINCT unnest(:'p_by_seed_differs_somewhere'::float8[]))) > 1 AS seeds_differ;
SELECT p_value BETWEEN 0 AND 1 AS p_in_range, replicates = 50 AS all_replicates
FROM pl_gof((SELECT tail_hist(1 - ln(1 - random()) / 0.5) FROM generate_series(1, 2000)), 50, 1);
SELECT pg_temp.err($$SELECT * FROM h, pl_gof(hc, -5)$$) AS negative_replicates,
       pg_temp.err($$SELECT * FROM h, pl_gof(hc, 10, NULL)$$) AS null_seed;

-- Long loops are cancellable: a statement timeout stops the bootstrap and the GOF test.
SET statement_timeout = '300ms';
SELECT count(*) FROM h, tail_bootstrap(hc, replicates => 1000000);
SELECT count(*) FROM h, pl_gof(hc, 1000000);
RESET statement_timeout;
SELECT count(*) AS still_works FROM h, pl_gof(hc, 5);

-- ccdf: empirical P(X >= x) starts at 1 and decreases; fitted columns NULL below xmin and
-- equal to the empirical value at xmin; the PL column is n_tail/n (x/xmin)^(1-alpha).
WITH p AS MATERIALIZED (SELECT (pl_fit(hc)).* FROM h)
SELECT count(*) = (SELECT count(DISTINCT x) FROM cpl) AS one_row_per_value,
       max(empirical) = 1 AS starts_at_one,
       bool_and(power_law IS NULL) FILTER (WHERE c.x < p.xmin) AS null_below_xmin,
       bool_and(abs(power_law - empirical) < 1e-12) FILTER (WHERE c.x = p.xmin) AS meets_at_xmin,
       bool_and(abs(power_law / ((p.n_tail::float8 / 3000) * (c.x / p.xmin) ^ (1 - p.alpha)) - 1) < 1e-9)
           FILTER (WHERE c.x >= p.xmin) AS pl_closed_form,
       bool_and(truncated_power_law IS NOT NULL AND lognormal IS NOT NULL AND exponential IS NOT NULL)
           FILTER (WHERE c.x >= p.xmin) AS all_models
FROM h, p, ccdf(hc) c;
SELECT bool_and(lag_emp >= empirical) AS decreasing
FROM (SELECT empirical, lag(empirical) OVER (ORDER BY x) AS lag_emp FROM h, ccdf(hd)) s WHERE lag_emp IS NOT NULL;
SELECT count(*) FILTER (WHERE power_law IS NOT NULL) > 0 AS pl,
       count(*) FILTER (WHERE exponential IS NOT NULL) > 0 AS exp,
       count(*) FILTER (WHERE truncated_power_law IS NOT NULL OR lognormal IS NOT NULL
                        OR stretched_exponential IS NOT NULL) = 0 AS others_null
FROM h, ccdf(hd, ARRAY['power_law', 'exponential'], 3);
SELECT round(x::numeric) AS x, round(empirical::numeric, 4) AS empirical, power_law IS NULL AS no_fit FROM ccdf('discrete:1*2,2*1,4*1'::tail_hist, '{}');
SELECT pg_temp.err($$SELECT * FROM h, ccdf(hc, ARRAY['power_law', 'zipf'])$$) AS unknown_model,
       pg_temp.err($$SELECT * FROM h, ccdf(hc, ARRAY['power_law', NULL])$$) AS null_model,
       pg_temp.err($$SELECT * FROM h, ccdf(hd, xmin => 2.5)$$) AS non_integer_xmin;

DROP TABLE h;
DROP EXTENSION collcog;
