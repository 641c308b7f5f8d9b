-- Inequality aggregates against plain-SQL window-function computations of the same
-- definitions (src/pg/inequality/agg.c; docs/reference/gini.md, top_share.md,
-- effective_agents.md, lorenz.md), on seeded data: ties, zeros, one row, all equal, all
-- zero, empty. Only booleans are printed, with tolerances; a mismatch prints its group.
CREATE EXTENSION collcog;
\set VERBOSITY terse
-- u(i, seed): a seeded uniform in [0, 1) from md5 (no random()).
CREATE FUNCTION pg_temp.u(i bigint, seed int) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT (('x' || substr(md5(seed || ':' || i), 1, 8))::bit(32)::bigint)::float8 / 4294967296.0 $$;
CREATE TABLE ineq AS
-- g 1: 5000 skewed values with ties and zeros (floor(u^-1.2) - 1), a NULL every 97th row
SELECT 1 AS g, i, CASE WHEN i % 97 = 0 THEN NULL
                       ELSE floor((1 - pg_temp.u(i, 1)) ^ (-1 / 1.2))::bigint - 1 END AS x
FROM generate_series(1, 5000) i
UNION ALL SELECT 2, 1, 7                                            -- one row
UNION ALL SELECT 3, i, 3 FROM generate_series(1, 100) i              -- all equal
UNION ALL SELECT 4, i, 0 FROM generate_series(1, 50) i               -- all zero
UNION ALL SELECT 5, i, floor(pg_temp.u(i, 5) * 5)::bigint FROM generate_series(1, 1000) i  -- 0..4, many ties
UNION ALL SELECT 6, i, NULL FROM generate_series(1, 10) i            -- only NULLs: empty
UNION ALL SELECT 7, i, CASE WHEN i = 1 THEN 12 ELSE 0 END FROM generate_series(1, 30) i;  -- one has all
-- a continuous column beside it: x plus a seeded fraction (zeros stay zero)
ALTER TABLE ineq ADD COLUMN xf double precision;
UPDATE ineq SET xf = CASE WHEN x = 0 THEN 0 ELSE x + pg_temp.u(i, 9) END;
ANALYZE ineq;
SELECT g, count(x) AS n, sum(x) AS total, count(*) FILTER (WHERE x = 0) AS zeros,
       count(DISTINCT x) AS distinct_values
FROM ineq GROUP BY g ORDER BY g;

-- The reference, in plain SQL over exact numerics: ranks by a window ordered by value.
CREATE TEMP TABLE ranked AS
SELECT g, x::numeric AS x, xf,
       row_number() OVER (PARTITION BY g ORDER BY x) AS i,              -- ascending rank
       row_number() OVER (PARTITION BY g ORDER BY x DESC) AS r,         -- descending rank
       count(*) OVER (PARTITION BY g) AS n,
       sum(x) OVER (PARTITION BY g) AS s
FROM ineq WHERE x IS NOT NULL;
CREATE TEMP TABLE ref AS
SELECT g, max(n) AS n,
       -- Gini, population form: 2 sum i x_(i) / (n S) - (n + 1) / n; 0 when S = 0
       CASE WHEN max(s) = 0 THEN 0 ELSE 2 * sum(i * x) / (max(n) * max(s)) - (max(n) + 1.0) / max(n) END AS gini,
       -- top 10%: k = ceil(0.1 n) (exact decimal arithmetic)
       sum(x) FILTER (WHERE r <= ceil(0.1 * n)) / NULLIF(max(s), 0) AS top10,
       sum(x) FILTER (WHERE r <= ceil(0.5 * n)) / NULLIF(max(s), 0) AS top50,
       sum(x) FILTER (WHERE r <= 1) / NULLIF(max(s), 0) AS top1,
       sum(x) FILTER (WHERE r <= 5) / NULLIF(max(s), 0) AS top5,
       max(s) ^ 2 / NULLIF(sum(x * x), 0) AS effective
FROM ranked GROUP BY g;

SELECT g, gini IS NOT NULL AS has_gini, top10 IS NOT NULL AS has_shares FROM ref ORDER BY g;

-- Every aggregate over bigint against the reference; groups that differ are printed.
CREATE TEMP TABLE got AS
SELECT g, gini(x) AS gini, gini(x, true) AS gini_u, gini(x, false) AS gini_p,
       top_share(x, 0.1) AS top10, top_share(x, 0.5) AS top50, top_k_share(x, 1) AS top1,
       top_k_share(x, 5) AS top5, effective_agents(x) AS effective
FROM ineq GROUP BY g;
SELECT g, got.*, ref.*
FROM got FULL JOIN ref USING (g)
WHERE g <> 6 AND NOT (
      abs(got.gini - ref.gini) < 1e-12 AND got.gini_p = got.gini
  AND (CASE WHEN ref.n = 1 THEN got.gini_u IS NULL
            ELSE abs(got.gini_u - ref.gini * ref.n / (ref.n - 1)) < 1e-12 END)
  AND coalesce(abs(got.top10 - ref.top10) < 1e-12, got.top10 IS NULL AND ref.top10 IS NULL)
  AND coalesce(abs(got.top50 - ref.top50) < 1e-12, got.top50 IS NULL AND ref.top50 IS NULL)
  AND coalesce(abs(got.top1 - ref.top1) < 1e-12, got.top1 IS NULL AND ref.top1 IS NULL)
  AND coalesce(abs(got.top5 - ref.top5) < 1e-12, got.top5 IS NULL AND ref.top5 IS NULL)
  AND coalesce(abs(got.effective - ref.effective) < 1e-9 * ref.effective,
               got.effective IS NULL AND ref.effective IS NULL));
-- The cases by name: one row, all equal, all zero (Gini 0, shares NULL), only NULLs (NULL),
-- one agent has everything (G = 1 - 1/N, unbiased 1).
SELECT g, gini, gini_u, top10, top1, effective FROM got WHERE g IN (2, 3, 4, 6) ORDER BY g;
SELECT round(gini::numeric, 12) AS gini_one_has_all, round(gini_u::numeric, 12) AS unbiased,
       top1, effective FROM got WHERE g = 7;
-- No rows at all: NULL.
SELECT gini(x), gini(x, true), top_share(x, 0.1), top_k_share(x, 3), effective_agents(x),
       lorenz(x, 4), effort_hist(x) FROM ineq WHERE false;

-- The same over integer, numeric (by its implicit cast to double precision) and double
-- precision columns: equal to the bigint answers.
SELECT g FROM (
    SELECT g, gini(x) AS a, gini(x::integer) AS b, gini(x::numeric) AS c, gini(x::float8) AS d,
           top_share(x, 0.1) AS e, top_share(x::integer, 0.1) AS f, top_share(x::numeric, 0.1) AS h,
           effective_agents(x) AS j, effective_agents(x::int) AS k, effective_agents(x::numeric) AS l
    FROM ineq GROUP BY g) s
WHERE a IS DISTINCT FROM b OR a IS DISTINCT FROM c OR a IS DISTINCT FROM d
   OR e IS DISTINCT FROM f OR e IS DISTINCT FROM h OR j IS DISTINCT FROM k OR j IS DISTINCT FROM l;
-- smallint and real resolve to the double precision aggregate
SELECT gini(x::smallint) = gini(x) AS smallint_ok, gini(x::real) = gini(x) AS real_ok FROM ineq WHERE g = 5;

-- Continuous values (double precision) against the reference on them.
SELECT g FROM (
    SELECT g, gini(xf) AS gini, top_share(xf, 0.1) AS top10, effective_agents(xf) AS eff
    FROM ineq GROUP BY g) got
JOIN (
    SELECT g, CASE WHEN max(s) = 0 THEN 0 ELSE 2 * sum(i * xf) / (max(n) * max(s)) - (max(n) + 1.0) / max(n) END AS gini,
           sum(xf) FILTER (WHERE r <= ceil(0.1 * n)) / NULLIF(max(s), 0) AS top10,
           max(s) ^ 2 / NULLIF(sum(xf * xf), 0) AS eff
    FROM (SELECT g, xf, row_number() OVER (PARTITION BY g ORDER BY xf) AS i,
                 row_number() OVER (PARTITION BY g ORDER BY xf DESC) AS r,
                 count(*) OVER (PARTITION BY g) AS n, sum(xf) OVER (PARTITION BY g) AS s
          FROM ineq WHERE xf IS NOT NULL) w GROUP BY g) ref USING (g)
WHERE NOT (abs(got.gini - ref.gini) < 1e-12
       AND coalesce(abs(got.top10 - ref.top10) < 1e-12, got.top10 IS NULL AND ref.top10 IS NULL)
       AND coalesce(abs(got.eff - ref.eff) < 1e-9 * ref.eff, got.eff IS NULL AND ref.eff IS NULL));

-- Top shares at every k and at fractions whose k = ceil(p N) is an exact decimal product
-- (0.1 x 30 is 3, not 4): group 5 (N = 1000) and group 7 (N = 30).
SELECT g, p FROM (SELECT g, count(x) AS n FROM ineq WHERE g IN (5, 7) GROUP BY g) gs,
     (VALUES (0.001), (0.01), (0.1), (0.2), (0.3), (0.7), (0.9), (0.999), (1.0)) v(p)
WHERE (SELECT top_share(x, p) FROM ineq i WHERE i.g = gs.g) IS DISTINCT FROM
      (SELECT top_k_share(x, ceil(p * gs.n)::bigint) FROM ineq i WHERE i.g = gs.g);
SELECT top_share(x, 0.1) = top_k_share(x, 3) AS k_is_3, top_share(x, 0.1) < top_k_share(x, 4) AS not_4,
       top_share(x, 0.3) = top_k_share(x, 9) AS k_is_9, top_share(x, 0.7) = top_k_share(x, 21) AS k_is_21
FROM generate_series(1, 30) x;
SELECT k FROM generate_series(1, 1200, 7) k
WHERE abs((SELECT top_k_share(x, k) FROM ineq WHERE g = 5)
          - (SELECT sum(x) FILTER (WHERE r <= k) / sum(x) FROM ranked WHERE g = 5)) >= 1e-12;

-- Lorenz curve at points j / 20: linear between the cumulative sums of the sorted values.
CREATE TEMP TABLE lorenz_ref AS
SELECT g, j, (coalesce(sum(x) FILTER (WHERE i <= floor(t)), 0) + coalesce((t - floor(t)) * max(x) FILTER (WHERE i = floor(t) + 1), 0))
             / NULLIF(max(s), 0) AS share
FROM ranked, generate_series(1, 20) j, LATERAL (SELECT j * n / 20.0 AS t) tt
GROUP BY g, j, t;
SELECT g, j FROM (SELECT g, lorenz(x, 20) AS l FROM ineq GROUP BY g) got
CROSS JOIN generate_series(1, 20) j JOIN lorenz_ref USING (g, j)
WHERE NOT coalesce(abs(got.l[j] - lorenz_ref.share) < 1e-12, got.l IS NULL AND lorenz_ref.share IS NULL);
SELECT g, array_length(lorenz(x, 20), 1) AS points, (lorenz(x, 20))[20] AS last FROM ineq GROUP BY g ORDER BY g;

-- As window functions: the final function runs after every row and the state goes on from
-- it (past 4096 values the state counts small integers apart and folds them in each time).
CREATE TEMP TABLE running AS
SELECT i, gini(x) OVER w AS g, top_share(x, 0.1) OVER w AS t
FROM (SELECT i, (floor(pg_temp.u(i, 11) * 20) + CASE WHEN i % 7 = 0 THEN 0.5 ELSE 0 END)::float8 AS x
      FROM generate_series(1, 6000) i) s
WINDOW w AS (ORDER BY i);
SELECT r.i FROM running r
WHERE r.i IN (1, 1000, 4096, 4097, 5000, 6000)
  AND (r.g, r.t) IS DISTINCT FROM
      (SELECT ROW(gini(x), top_share(x, 0.1))
       FROM (SELECT i, (floor(pg_temp.u(i, 11) * 20) + CASE WHEN i % 7 = 0 THEN 0.5 ELSE 0 END)::float8 AS x
             FROM generate_series(1, r.i) i) s);
SELECT count(*) AS running_rows, count(*) FILTER (WHERE g BETWEEN 0 AND 1) AS in_range FROM running;

-- Errors: values out of the domain name the value (22023), as do bad fraction, k and points;
-- a NULL option is 22004; options must be the same in every row.
-- err(query): the SQLSTATE and message of the error query raises, or 'no error'
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT q, pg_temp.err(q) FROM (VALUES
    ('SELECT gini(x) FROM (VALUES (1), (-3)) v(x)'),
    ('SELECT gini(x) FROM (VALUES (1::bigint), (-12345678901)) v(x)'),
    ('SELECT gini(x) FROM (VALUES (1.5::float8), (-0.25)) v(x)'),
    ('SELECT top_share(x, 0.1) FROM (VALUES (''NaN''::float8)) v(x)'),
    ('SELECT effective_agents(x) FROM (VALUES (''Infinity''::float8)) v(x)'),
    ('SELECT effort_hist(x) FROM (VALUES (''-Infinity''::float8)) v(x)'),
    ('SELECT gini(x) FROM (VALUES (-1::numeric)) v(x)'),
    ('SELECT top_share(x, 0) FROM (VALUES (1)) v(x)'),
    ('SELECT top_share(x, 1.5) FROM (VALUES (1)) v(x)'),
    ('SELECT top_share(x, -0.1) FROM (VALUES (1)) v(x)'),
    ('SELECT top_share(x, ''NaN'') FROM (VALUES (1)) v(x)'),
    ('SELECT top_share(x, NULL) FROM (VALUES (1)) v(x)'),
    ('SELECT top_k_share(x, 0) FROM (VALUES (1)) v(x)'),
    ('SELECT top_k_share(x, -5) FROM (VALUES (1)) v(x)'),
    ('SELECT lorenz(x, 0) FROM (VALUES (1)) v(x)'),
    ('SELECT lorenz(x, 1000001) FROM (VALUES (1)) v(x)'),
    ('SELECT gini(x, NULL) FROM (VALUES (1)) v(x)'),
    ('SELECT top_share(x, p) FROM (VALUES (1, 0.1), (2, 0.2)) v(x, p)'),
    ('SELECT gini(x, u) FROM (VALUES (1, true), (2, false)) v(x, u)')) t(q);
-- zeros and -0 are values like any other; NULL values are skipped
SELECT gini(x) AS g, top_k_share(x, 1) AS top1, effort_hist(x)::text AS h
FROM (VALUES (0::float8), ('-0'), (NULL), (4)) v(x);

DROP TABLE ineq;
DROP EXTENSION collcog;
