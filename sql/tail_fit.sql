-- Tail fit aggregates and pl_fit(tail_hist) & friends (src/pg/tail/agg.c, api.c).
-- Data come from seeded inverse-CDF generators; expected values are closed forms computed
-- in the same query, compared with a relative tolerance.
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

-- Continuous power law, alpha 2.5, xmin 1.5: x = xmin (1-u)^(-1/(alpha-1)).
SELECT setseed(0.5);
CREATE TEMP TABLE cpl AS
SELECT 1.5 * (1 - random()) ^ (-1 / 1.5) AS x FROM generate_series(1, 4000);
-- Continuous exponential, lambda 0.7 above xmin 2: x = xmin - ln(1-u)/lambda.
CREATE TEMP TABLE cexp AS
SELECT 2.0 - ln(1 - random()) / 0.7 AS x FROM generate_series(1, 4000);
-- Discrete power-law-like integers (floor of a continuous PL with alpha 2.2).
CREATE TEMP TABLE dpl AS
SELECT floor((1 - random()) ^ (-1 / 1.2))::bigint AS k FROM generate_series(1, 4000);

-- PL at fixed xmin: alpha = 1 + n / sum ln(x/xmin), se = (alpha-1)/sqrt(n),
-- loglik = n ln((alpha-1)/xmin) - alpha sum ln(x/xmin). Relative error < 1e-9.
SELECT abs(f.alpha / c.alpha - 1) < 1e-9 AS alpha_closed_form,
       abs(f.alpha_se / ((c.alpha - 1) / sqrt(c.n)) - 1) < 1e-9 AS se_closed_form,
       abs(f.loglik / (c.n * ln((c.alpha - 1) / 1.5) - c.alpha * c.s) - 1) < 1e-9 AS loglik_closed_form,
       f.n_tail = c.n AND f.n = c.n AND f.xmin = 1.5 AND NOT f.discrete AS counts,
       round(f.alpha::numeric, 2) AS alpha
FROM (SELECT (pl_fit(x, 1.5)).* FROM cpl) f,
     (SELECT count(*) AS n, sum(ln(x / 1.5)) AS s, 1 + count(*) / sum(ln(x / 1.5)) AS alpha FROM cpl) c;
-- the same at a higher fixed xmin (only the tail counts)
SELECT abs(f.alpha / (1 + c.n / c.s) - 1) < 1e-9 AS alpha_closed_form_xmin_3, f.n_tail = c.n AS n_tail
FROM (SELECT (pl_fit(x, 3)).* FROM cpl) f,
     (SELECT count(*) AS n, sum(ln(x / 3)) AS s FROM cpl WHERE x >= 3) c;
-- Exponential at fixed xmin: lambda = 1 / (mean(x) - xmin), se = lambda / sqrt(n).
SELECT abs(f.lambda / c.lambda - 1) < 1e-9 AS lambda_closed_form,
       abs(f.lambda_se / (c.lambda / sqrt(c.n)) - 1) < 1e-9 AS se_closed_form,
       abs(f.loglik / (c.n * ln(c.lambda) - c.lambda * c.sx) - 1) < 1e-9 AS loglik_closed_form,
       round(f.lambda::numeric, 2) AS lambda
FROM (SELECT (exponential_fit(x, 2)).* FROM cexp) f,
     (SELECT count(*) AS n, sum(x - 2) AS sx, 1 / avg(x - 2) AS lambda FROM cexp) c;

-- xmin selection: a distinct value of the data; the aggregate equals the tail_hist function.
SELECT (f).xmin IN (SELECT x FROM cpl) AS xmin_is_a_value, round((f).alpha::numeric, 1) AS alpha,
       (f).n_tail < (f).n AS tail_is_part
FROM (SELECT pl_fit(x) AS f FROM cpl) s;
SELECT (SELECT pl_fit(x) FROM cpl) IS NOT DISTINCT FROM (SELECT pl_fit(tail_hist(x)) FROM cpl) AS pl_agg_equals_fn,
       (SELECT tpl_fit(x) FROM cpl) IS NOT DISTINCT FROM (SELECT tpl_fit(tail_hist(x)) FROM cpl) AS tpl_agg_equals_fn,
       (SELECT lognormal_fit(k) FROM dpl) IS NOT DISTINCT FROM (SELECT lognormal_fit(tail_hist(k)) FROM dpl) AS ln_agg_equals_fn,
       (SELECT exponential_fit(k) FROM dpl) IS NOT DISTINCT FROM (SELECT exponential_fit(tail_hist(k)) FROM dpl) AS exp_agg_equals_fn,
       (SELECT stretched_exp_fit(x, 2, 4) FROM cexp) IS NOT DISTINCT FROM
           (SELECT stretched_exp_fit(tail_hist(x), xmin_lo => 2, xmin_hi => 4) FROM cexp) AS se_agg_equals_fn;

-- Discrete fits: xmin an integer; the four x types and the explicit discrete flag agree.
SELECT (f).discrete, (f).xmin, round((f).alpha::numeric, 2) AS alpha, (f).n_tail, (f).n
FROM (SELECT pl_fit(k) AS f FROM dpl) s;
SELECT (SELECT pl_fit(k::int) FROM dpl) = (SELECT pl_fit(k) FROM dpl) AS integer_overload,
       (SELECT pl_fit(k::float8, true) FROM dpl) = (SELECT pl_fit(k) FROM dpl) AS explicit_discrete,
       (SELECT (pl_fit(k::float8, false)).discrete FROM dpl) AS explicit_continuous,
       (SELECT (tpl_fit(k::int)).discrete FROM dpl) AS tpl_of_int_column_is_discrete;
-- tpl_fit(bigint, 1) is the fixed-xmin form: the whole sample is the tail.
SELECT (f).xmin = 1 AS xmin_fixed, (f).n_tail = 4000 AS whole_sample, (f).discrete
FROM (SELECT tpl_fit(k, 1) AS f FROM dpl) s;
SELECT (f).xmin = 1 AS xmin_fixed FROM (SELECT tpl_fit(k::int, 1) AS f FROM dpl) s;
-- range and candidate limit
SELECT (f).xmin BETWEEN 3 AND 6 AS in_range FROM (SELECT pl_fit(k, 3, 6) AS f FROM dpl) s;
SELECT (f).xmin >= 10 AS above_lo FROM (SELECT pl_fit(k, 10, NULL) AS f FROM dpl) s;
SELECT (SELECT pl_fit(k, NULL, NULL, 1) FROM dpl) = (SELECT pl_fit(k, 1) FROM dpl) AS one_candidate_is_the_smallest;
SELECT (pl_fit(tail_hist(k), xmin_lo => 2, xmin_hi => 9, max_candidates => 3)).xmin IN (2, 5, 9) AS three_candidates FROM dpl;
-- xmin chosen under another model
SELECT (f).xmin IN (SELECT k FROM dpl) AS xmin_under_tpl, (f).discrete
FROM (SELECT tpl_fit(tail_hist(k), xmin_model => 'truncated_power_law') AS f FROM dpl) s;
-- fields of every result type
-- (a row IS NULL when every column is, IS NOT NULL when none is: reason is NULL in a fit)
SELECT NOT tpl_fit(k) IS NULL AS has_result, (tpl_fit(k)).alpha_se > 0 AS alpha_se FROM dpl;
SELECT round(lambda::numeric, 3) AS lambda, lambda_se > 0 AS se FROM (SELECT (exponential_fit(x, 2)).* FROM cexp) f;
SELECT round(beta::numeric, 1) AS beta, boundary, loglik > (SELECT (exponential_fit(x, 2)).loglik FROM cexp) - 1e-6 AS at_least_exp
FROM (SELECT (stretched_exp_fit(x, 2)).* FROM cexp) f;
-- log-normal continuous data: ln x ~ N(1, 0.5^2) via Box-Muller, fitted at xmin = min
CREATE TEMP TABLE cln AS
SELECT exp(1 + 0.5 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) AS x FROM generate_series(1, 4000);
SELECT round(mu::numeric, 1) AS mu, round(sigma::numeric, 1) AS sigma, NOT boundary AS interior,
       mu_se > 0 AND sigma_se > 0 AS se
FROM (SELECT (lognormal_fit(x, (SELECT min(x) FROM cln))).* FROM cln) f;

-- Exact power-law quantiles (alpha 2.5, xmin 1.5): x_i = xmin (1 - (i - 1/2)/n)^(-1/(alpha-1)).
CREATE TEMP TABLE qpl AS SELECT 1.5 * (1 - (i - 0.5) / 4000) ^ (-1 / 1.5) AS x FROM generate_series(1, 4000) i;
-- TPL on it: lambda -> 0 (not significantly above 0), loglik at least the PL's, and the
-- nested likelihood-ratio test does not prefer the TPL.
SELECT t.lambda < 2 * t.lambda_se AS lambda_not_significant, (t.cutoff IS NULL) = (t.lambda = 0) AS cutoff_null_iff_lambda_zero,
       t.loglik >= p.loglik - 1e-9 AS at_least_pl, abs(t.alpha - 2.5) < 0.01 AS alpha_close,
       v.p_value > 0.05 AS lrt_keeps_pl
FROM (SELECT (tpl_fit(x, 1.5)).* FROM qpl) t, (SELECT (pl_fit(x, 1.5)).* FROM qpl) p,
     (SELECT (vuong(x, 'power_law', 'truncated_power_law', 1.5)).* FROM qpl) v;
-- lambda exactly 0 (boundary): cutoff NULL
SELECT cutoff IS NULL AS cutoff_null, boundary, lambda = 0 AS lambda_zero
FROM tpl_fit('continuous:1*1000,2*1,100000*1'::tail_hist, xmin => 1);
-- Log-normal on it: mu runs away to large negative values (sigma large) and the
-- log-likelihood approaches the PL's from above.
SELECT round(mu::numeric, -2) < -100 AS mu_runs_away, sigma > 10 AS sigma_large,
       loglik >= (SELECT (pl_fit(x, 1.5)).loglik FROM qpl) AS at_least_pl
FROM (SELECT (lognormal_fit(x, 1.5)).* FROM qpl) l;
-- Seeded power-law sample where LN and SE reach the boundary (sigma -> inf, beta -> 0):
-- boundary, parameters NULL (not identified), log-likelihood that of the PL limit.
SELECT setseed(0.42);
CREATE TEMP TABLE cpl2 AS SELECT 1.5 * (1 - random()) ^ (-1 / 1.5) AS x FROM generate_series(1, 5000);
SELECT l.boundary AS ln_boundary, l.mu IS NULL AND l.sigma IS NULL AND l.mu_se IS NULL AS ln_not_identified,
       abs(l.loglik - p.loglik) < 1e-6 AS ln_loglik_is_pl,
       s.boundary AS se_boundary, s.beta IS NULL AND s.lambda IS NULL AS se_not_identified,
       abs(s.loglik - p.loglik) < 1e-6 AS se_loglik_is_pl
FROM (SELECT (lognormal_fit(x)).* FROM cpl2) l, (SELECT (stretched_exp_fit(x)).* FROM cpl2) s,
     (SELECT (pl_fit(x)).* FROM cpl2) p;
-- There LN and SE are the power law itself: Vuong's test of any two of the three sees no
-- difference (r = 0, p = 1) rather than reading rounding as evidence (0.1.0 gave the PL
-- against the LN r = -1e-13 and p = 6e-11).
SELECT v.model_a, v.model_b, v.r = 0 AS r_zero, v.r_normalized = 0 AS stat_zero, v.p_value = 1 AS p_one
FROM tail_compare((SELECT tail_hist(x) FROM cpl2)) v
WHERE v.model_a IN ('power_law', 'lognormal') AND v.model_b IN ('lognormal', 'stretched_exponential')
ORDER BY 1, 2;

-- Discrete values near 1e15: a bin [x - 1/2, x + 1/2] is 1e-15 wide on the log scale, which
-- 0.1.0 computed as a difference of two logarithms that agree in 15 digits: the LN and SE
-- fits failed (22000). ln x ~ N(ln 1e15, 0.01^2) by Box-Muller, rounded down.
SELECT setseed(0.7);
CREATE TEMP TABLE big AS
SELECT floor(1e15 * exp(0.01 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::bigint AS k
FROM generate_series(1, 2000);
SELECT abs(l.mu - ln(1e15)) < 0.001 AS mu_close, abs(l.sigma / 0.01 - 1) < 0.1 AS sigma_close, NOT l.boundary AS interior,
       s.loglik IS NOT NULL AS se_fits
FROM (SELECT (lognormal_fit(k, (SELECT min(k) FROM big)::float8)).* FROM big) l,
     (SELECT (stretched_exp_fit(k, (SELECT min(k) FROM big)::float8)).* FROM big) s;
SELECT r > 0 AS ln_beats_exponential, p_value < 1e-6 AS significant
FROM vuong((SELECT tail_hist(k) FROM big), 'lognormal', 'exponential', (SELECT min(k) FROM big));

-- Degenerate inputs. Rule: a fit that cannot be made on the sample (too little tail data)
-- is a row with NULL parameters, quality 'unfitted' and the reason, never an error (0.1.0
-- raised 22000); with a fixed xmin the row describes that tail. Empty input (no rows, only
-- NULLs, an empty tail_hist) is NULL.
SELECT pl_fit(k) IS NULL AS no_rows FROM dpl WHERE false;
SELECT pl_fit(v) IS NULL AS only_nulls FROM (VALUES (NULL::bigint), (NULL)) t(v);
SELECT g, (tpl_fit(v)).xmin AS xmin FROM (VALUES (1, NULL::float8), (1, NULL), (2, 1.0), (2, 2.0), (2, 4.0), (2, 3.5)) t(g, v) GROUP BY g ORDER BY g;
SELECT pl_fit('discrete:'::tail_hist) IS NULL AS empty_hist, pl_fit(NULL::tail_hist) IS NULL AS null_hist;
SELECT 'all_equal' AS input, xmin, n_tail, n_tail_distinct, n, alpha IS NULL AND loglik IS NULL AND ks IS NULL AND boundary IS NULL AS no_fit, quality, reason
FROM (SELECT (pl_fit(v)).* FROM (VALUES (3), (3), (3)) t(v)) f
UNION ALL
SELECT 'single_value', xmin, n_tail, n_tail_distinct, n, alpha IS NULL AND loglik IS NULL, quality, reason FROM (SELECT (pl_fit(7)).*) f
UNION ALL
SELECT 'too_few_for_tpl', xmin, n_tail, n_tail_distinct, n, alpha IS NULL AND lambda IS NULL AND cutoff IS NULL, quality, reason
FROM (SELECT (tpl_fit(v, 1)).* FROM (VALUES (1), (2)) t(v)) f
UNION ALL
SELECT 'one_tail_point', xmin, n_tail, n_tail_distinct, n, alpha IS NULL, quality, reason
FROM (SELECT (pl_fit(v, 5)).* FROM (VALUES (1), (2), (6)) t(v)) f
UNION ALL
SELECT 'no_candidate', xmin, n_tail, n_tail_distinct, n, alpha IS NULL, quality, reason
FROM (SELECT (pl_fit(v, 1000, NULL)).* FROM (VALUES (1), (2), (6)) t(v)) f
UNION ALL
SELECT 'beyond_the_data', xmin, n_tail, n_tail_distinct, n, lambda IS NULL, quality, reason
FROM (SELECT (exponential_fit(v, 7)).* FROM (VALUES (1), (2), (6)) t(v)) f;
-- Out-of-domain values name the value (22023).
SELECT pg_temp.err($$SELECT pl_fit(v) FROM (VALUES (1), (0)) t(v)$$) AS zero_discrete,
       pg_temp.err($$SELECT pl_fit(v) FROM (VALUES (1::bigint), (-4)) t(v)$$) AS negative_discrete,
       pg_temp.err($$SELECT pl_fit(v, true) FROM (VALUES (1.5::float8)) t(v)$$) AS non_integer_discrete,
       pg_temp.err($$SELECT pl_fit(v, true) FROM (VALUES (0.5::float8)) t(v)$$) AS below_one_discrete;
SELECT pg_temp.err($$SELECT pl_fit(v) FROM (VALUES (1.0::float8), (0)) t(v)$$) AS zero_continuous,
       pg_temp.err($$SELECT pl_fit(v) FROM (VALUES (-2.5::float8)) t(v)$$) AS negative_continuous,
       pg_temp.err($$SELECT pl_fit(v) FROM (VALUES ('NaN'::float8)) t(v)$$) AS nan,
       pg_temp.err($$SELECT pl_fit(v) FROM (VALUES ('Infinity'::float8)) t(v)$$) AS infinity,
       pg_temp.err($$SELECT pl_fit(v) FROM (VALUES ('-Infinity'::float8)) t(v)$$) AS minus_infinity,
       pg_temp.err($$SELECT pl_fit(v) FROM (VALUES (9007199254740993::bigint)) t(v)$$) AS beyond_2_53;
-- Bad options (22023), NULL discrete flag (22004).
SELECT pg_temp.err($$SELECT pl_fit(k, 'NaN') FROM dpl$$) AS nan_xmin,
       pg_temp.err($$SELECT pl_fit(k, 0) FROM dpl$$) AS zero_xmin,
       pg_temp.err($$SELECT pl_fit(k, 2.5) FROM dpl$$) AS non_integer_xmin_discrete,
       pg_temp.err($$SELECT pl_fit(k, 10, 5) FROM dpl$$) AS lo_above_hi,
       pg_temp.err($$SELECT pl_fit(k, 1, 5, 0) FROM dpl$$) AS zero_candidates,
       pg_temp.err($$SELECT pl_fit(k, NULL, NULL, NULL, 0, NULL) FROM dpl$$) AS zero_min_tail,
       pg_temp.err($$SELECT pl_fit(tail_hist(k), min_tail_distinct => -1) FROM dpl$$) AS negative_min_distinct,
       pg_temp.err($$SELECT pl_fit(k, 'Infinity', NULL) FROM dpl$$) AS infinite_lo;
SELECT pg_temp.err($$SELECT pl_fit(k, k::float8) FROM dpl$$) AS xmin_varies_by_row,
       pg_temp.err($$SELECT pl_fit(k::float8, NULL::boolean) FROM dpl$$) AS null_discrete_flag,
       pg_temp.err($$SELECT pl_fit(tail_hist(k), xmin => 2, xmin_lo => 1) FROM dpl$$) AS xmin_and_range,
       pg_temp.err($$SELECT pl_fit(tail_hist(k), xmin => 2, min_tail => 10) FROM dpl$$) AS xmin_and_min_tail,
       pg_temp.err($$SELECT pl_fit(k, NULL, NULL, NULL, k, 3) FROM dpl$$) AS min_tail_varies_by_row,
       pg_temp.err($$SELECT pl_fit(tail_hist(k), xmin_model => 'pareto') FROM dpl$$) AS unknown_xmin_model,
       pg_temp.err($$SELECT pl_fit(tail_hist(k), xmin_hi => 'NaN') FROM dpl$$) AS nan_hi;

DROP TABLE cpl, cexp, dpl, cln, qpl, cpl2, big;
DROP EXTENSION collcog;
