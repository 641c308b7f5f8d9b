-- The BI views (src/sql/95_bi_views.sql) against the functions they are built on, each
-- computed here another way (the fits straight from the rows by the aggregates, the
-- concentration from agent_effort, the rest by calling the functions with the runs of each
-- group); their materialised copies and refresh; what a read-only role may read.
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- An empty warehouse: no errors; the pooled concentration row counts no runs, every
-- observable's scaling row has no fit, and the anatomy's bands are empty.
SELECT v.view_name, x.rows
FROM bi_views() v
CROSS JOIN LATERAL (SELECT (xpath('/row/c/text()',
    query_to_xml(format('SELECT count(*) AS c FROM %I', v.view_name), false, true, '')))[1]::text::int AS rows) x
ORDER BY v.view_name;

CALL simulate_routing_into(n_agents => 8, steps => 600, runs => 3, context_window => 50,
                           topology => 'fully_connected', seed => 1, run_prefix => 'fc8');
CALL simulate_routing_into(n_agents => 16, steps => 600, runs => 3, context_window => 50,
                           topology => 'chain', seed => 2, run_prefix => 'ch16');
CALL simulate_routing_into(n_agents => 16, steps => 600, runs => 2, context_window => 50,
                           topology => 'chain', task_family => 'other', seed => 3, run_prefix => 'ch16o');
SELECT runs_built FROM build_cascades();

-- The view read once for the checks below (each read fits every group anew).
CREATE TEMP TABLE tf AS SELECT * FROM bi_tail_fits;

-- Every level holds one row per group and observable: 3 conditions, 3 topology x task
-- pairs, 2 topologies, 2 sizes and the pool, for each of the six observables present.
SELECT level, count(*) AS rows, count(DISTINCT observable) AS observables,
       bool_and(topology IS NULL) AS no_topology, bool_and(task_family IS NULL) AS no_task,
       bool_and(n_agents IS NULL) AS no_n, bool_and(model IS NULL) AS no_model
FROM tf GROUP BY level ORDER BY level;

-- TCE by topology: the view's row against tpl_fit and vuong over the cascades' rows.
CREATE TEMP TABLE direct AS
SELECT topology, count(*) AS n, tpl_fit(tce) AS f,
       vuong(tce, 'truncated_power_law', 'lognormal') AS ln,
       vuong(tce, 'truncated_power_law', 'power_law') AS pl
FROM cascades GROUP BY topology;
CREATE FUNCTION pg_temp.near(a float8, b float8) RETURNS boolean LANGUAGE sql IMMUTABLE AS
    'SELECT (a IS NULL AND b IS NULL) OR abs(a - b) <= 1e-9 * greatest(1, abs(a), abs(b))';
SELECT v.topology, v.alpha, (d.f).alpha AS direct_alpha, v.r_tpl_ln, (d.ln).r AS direct_r_ln
FROM tf v JOIN direct d ON d.topology = v.topology
WHERE v.level = 'topology' AND v.observable = 'tce'
  AND NOT (v.n = d.n AND v.x_min = (d.f).xmin AND v.n_tail = (d.f).n_tail
           AND v.n_tail_distinct = (d.f).n_tail_distinct AND v.quality = (d.f).quality
           AND pg_temp.near(v.alpha, (d.f).alpha) AND pg_temp.near(v.alpha_se, (d.f).alpha_se)
           AND pg_temp.near(v.lambda, (d.f).lambda) AND pg_temp.near(v.cutoff, (d.f).cutoff)
           AND pg_temp.near(v.ks, (d.f).ks)
           AND pg_temp.near(v.r_tpl_ln, (d.ln).r) AND pg_temp.near(v.p_tpl_ln, (d.ln).p_value)
           AND pg_temp.near(v.r_tpl_pl, (d.pl).r) AND pg_temp.near(v.p_tpl_pl, (d.pl).p_value));
SELECT count(*) AS topologies_compared FROM tf v JOIN direct d USING (topology)
WHERE v.level = 'topology' AND v.observable = 'tce';
DROP TABLE direct;

-- Merge fan-in per condition and cascade size pooled: the same, from event_sizes and runs.
CREATE TEMP TABLE direct AS
SELECT 'merge' AS observable, r.topology, r.task_family, r.n_agents, r.model, count(*) AS n,
       tpl_fit(s.size) AS f, vuong(s.size, 'truncated_power_law', 'lognormal') AS ln
FROM event_sizes s JOIN runs r USING (run_id) WHERE s.observable = 'merge'
GROUP BY r.topology, r.task_family, r.n_agents, r.model
UNION ALL
SELECT 'size', NULL, NULL, NULL, NULL, count(*), tpl_fit(size),
       vuong(size, 'truncated_power_law', 'lognormal')
FROM cascades;
SELECT v.level, v.observable, v.topology, v.task_family, v.n_agents
FROM tf v
JOIN direct d ON d.observable = v.observable AND d.topology IS NOT DISTINCT FROM v.topology
             AND d.task_family IS NOT DISTINCT FROM v.task_family
             AND d.n_agents IS NOT DISTINCT FROM v.n_agents AND d.model IS NOT DISTINCT FROM v.model
WHERE v.level IN ('condition', 'pooled')
  AND NOT (v.n = d.n AND v.n_tail = (d.f).n_tail AND pg_temp.near(v.alpha, (d.f).alpha)
           AND pg_temp.near(v.cutoff, (d.f).cutoff) AND pg_temp.near(v.r_tpl_ln, (d.ln).r)
           AND pg_temp.near(v.p_tpl_ln, (d.ln).p_value));
SELECT count(*) AS groups_compared FROM tf v
JOIN direct d ON d.observable = v.observable AND d.topology IS NOT DISTINCT FROM v.topology
             AND d.task_family IS NOT DISTINCT FROM v.task_family
             AND d.n_agents IS NOT DISTINCT FROM v.n_agents AND d.model IS NOT DISTINCT FROM v.model
WHERE v.level IN ('condition', 'pooled');
DROP TABLE direct;

-- The interval is alpha -/+ 1.96 standard errors; the tail fraction is n_tail / n.
SELECT bool_and(pg_temp.near((alpha_hi - alpha_lo) / 2, 1.959963984540054 * alpha_se)
                AND pg_temp.near((alpha_hi + alpha_lo) / 2, alpha)) AS wald_interval,
       bool_and(pg_temp.near(tail_fraction, n_tail::float8 / n)) AS tail_fraction
FROM tf WHERE alpha_se IS NOT NULL;

-- Concentration per topology: the mean over runs of gini and top_share of the active
-- agents' claims, computed per run from agent_effort.
SELECT v.topology, v.runs, d.runs AS direct_runs
FROM bi_concentration v
JOIN (SELECT topology, count(*) AS runs, avg(g) AS gini, avg(s) AS top10, stddev_samp(s) AS top10_sd
      FROM (SELECT r.topology, gini(e.claims) FILTER (WHERE e.claims > 0) AS g,
                   top_share(e.claims, 0.1) FILTER (WHERE e.claims > 0) AS s
            FROM agent_effort e JOIN runs r USING (run_id) GROUP BY r.run_id, r.topology) p
      GROUP BY topology) d ON d.topology = v.topology
WHERE v.level = 'topology'
  AND NOT (v.runs = d.runs AND pg_temp.near(v.gini, d.gini) AND pg_temp.near(v.top10_share, d.top10)
           AND pg_temp.near(v.top10_share_sd, d.top10_sd));
SELECT level, count(*) AS rows, sum(runs) AS runs FROM bi_concentration GROUP BY level ORDER BY level;

-- The attachment exponent of each condition: attachment_exponent over its runs.
SELECT v.topology, v.task_family, v.n_agents
FROM bi_attachment v
CROSS JOIN LATERAL attachment_exponent(ARRAY(SELECT run_id FROM runs r
    WHERE r.topology = v.topology AND r.task_family = v.task_family AND r.n_agents = v.n_agents)) d
WHERE d.event_type IS NULL
  AND NOT (v.selections = d.selections AND v.levels = d.levels AND pg_temp.near(v.beta, d.beta)
           AND pg_temp.near(v.beta_lo, d.beta_lo) AND pg_temp.near(v.beta_hi, d.beta_hi)
           AND pg_temp.near(v.beta_mle, d.beta_mle) AND pg_temp.near(v.beta_mle_se, d.beta_mle_se));
SELECT count(*) AS conditions, sum(runs) AS runs, bool_and(beta IS NOT NULL) AS all_fitted
FROM bi_attachment;

-- Extreme scaling of TCE and merge fan-in: the rows of extreme_scaling.
SELECT o, d.n_agents
FROM unnest(ARRAY['tce', 'merge']) o CROSS JOIN LATERAL extreme_scaling(o) d
LEFT JOIN bi_extreme_levels l ON l.observable = o AND l.n_agents = d.n_agents
LEFT JOIN bi_extreme_scaling s ON s.observable = o AND d.n_agents IS NULL
WHERE NOT CASE WHEN d.n_agents IS NULL
               THEN s.runs = d.runs AND pg_temp.near(s.slope, d.slope)
                    AND pg_temp.near(s.slope_lo, d.slope_lo) AND pg_temp.near(s.slope_hi, d.slope_hi)
                    AND pg_temp.near(s.c, d.c) AND pg_temp.near(s.alpha, d.alpha)
                    AND s.x_min = d.xmin AND pg_temp.near(s.evt_prediction, d.evt_prediction)
               ELSE l.runs = d.runs AND pg_temp.near(l.mean_max, d.mean_max)
                    AND pg_temp.near(l.mean_ln_max, d.mean_ln_max)
                    AND pg_temp.near(l.instances_per_run, d.instances_per_run) END
   OR (l.observable IS NULL AND s.observable IS NULL);
SELECT (SELECT count(*) FROM bi_extreme_levels) AS level_rows,
       (SELECT count(*) FROM bi_extreme_scaling) AS observables;

-- Cascade anatomy by TCE: the rows of cascade_anatomy.
SELECT d.band FROM cascade_anatomy('cascades', 'tce') d
LEFT JOIN bi_cascade_anatomy v ON v.measure = 'tce' AND v.band = d.band
WHERE v.band IS NULL OR NOT (v.n_cascades = d.n_cascades AND v.size_max = d.size_max
                             AND pg_temp.near(v.share_merge, d.share_merge)
                             AND pg_temp.near(v.merge_conversion, d.merge_conversion));
SELECT measure, count(*) AS bands FROM bi_cascade_anatomy GROUP BY measure ORDER BY measure;

-- Materialised copies: one per view, with a unique index on bi_views()' key, equal to it.
SELECT bi_materialize('regress_bi');
SELECT c.relname, i.indisunique, i.indnullsnotdistinct,
       (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(i.indkey) WITH ORDINALITY k(att, ord)
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.att)::text[]
         = (SELECT key_columns FROM bi_views() WHERE view_name = c.relname) AS key_of_bi_views
FROM pg_class c JOIN pg_index i ON i.indrelid = c.oid
WHERE c.relnamespace = 'regress_bi'::regnamespace ORDER BY c.relname;
CREATE FUNCTION pg_temp.copies_differ() RETURNS TABLE (view_name text, rows bigint)
LANGUAGE plpgsql AS $$
DECLARE v text;
BEGIN
    FOR v IN SELECT b.view_name FROM bi_views() b LOOP
        view_name := v;
        EXECUTE format('CREATE TEMP TABLE live AS SELECT * FROM %I', v);
        EXECUTE format('SELECT count(*) FROM ((SELECT * FROM regress_bi.%1$I EXCEPT ALL SELECT * FROM live)
                        UNION ALL (SELECT * FROM live EXCEPT ALL SELECT * FROM regress_bi.%1$I)) x', v)
            INTO rows;
        DROP TABLE live;
        RETURN NEXT;
    END LOOP;
END $$;
SELECT * FROM pg_temp.copies_differ() WHERE rows > 0;
-- New runs: the copies lag until refreshed (concurrently, inside a transaction too).
CALL simulate_routing_into(n_agents => 8, steps => 600, runs => 2, context_window => 50,
                           topology => 'star', seed => 4, run_prefix => 'st8');
SELECT runs_built FROM build_cascades(ARRAY(SELECT run_id FROM stale_runs));
SELECT view_name, rows > 0 AS lags FROM pg_temp.copies_differ() ORDER BY view_name;
BEGIN;
SELECT bi_refresh('regress_bi');
COMMIT;
SELECT * FROM pg_temp.copies_differ() WHERE rows > 0;
SELECT count(*) FROM bi_refresh('regress_bi', concurrent => false);
SELECT bi_refresh('no_such_schema');
SELECT bi_refresh(NULL);
SELECT bi_materialize(NULL);
SELECT bi_materialize('regress_bi');

-- A read-only role granted the copies reads them and nothing else: not the traces, not the
-- extension's views, no writes and no refresh.
CREATE ROLE regress_collcog_bi_reader;
GRANT USAGE ON SCHEMA regress_bi TO regress_collcog_bi_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA regress_bi TO regress_collcog_bi_reader;
SET ROLE regress_collcog_bi_reader;
SELECT count(*) > 0 AS reads_copies FROM regress_bi.bi_tail_fits;
SELECT count(*) > 0 AS reads_copies FROM regress_bi.bi_attachment;
SELECT count(*) FROM events;
SELECT count(*) FROM bi_tail_fits;
INSERT INTO regress_bi.bi_extreme_scaling (observable) VALUES ('x');
SELECT count(*) FROM bi_refresh('regress_bi');
SELECT runs_built FROM build_cascades();
RESET ROLE;
-- Granted a view of the extension, it reads the views that call no function reading the
-- traces (a view reads its tables with its owner's rights; a function with the caller's).
GRANT SELECT ON bi_tail_fits, bi_concentration, bi_attachment TO regress_collcog_bi_reader;
SET ROLE regress_collcog_bi_reader;
SELECT count(*) > 0 AS reads_view FROM bi_tail_fits;
SELECT count(*) > 0 AS reads_view FROM bi_concentration;
SELECT count(*) FROM bi_attachment;
RESET ROLE;
REVOKE ALL ON bi_tail_fits, bi_concentration, bi_attachment FROM regress_collcog_bi_reader;
REVOKE ALL ON ALL TABLES IN SCHEMA regress_bi FROM regress_collcog_bi_reader;
REVOKE ALL ON SCHEMA regress_bi FROM regress_collcog_bi_reader;
DROP ROLE regress_collcog_bi_reader;

DROP TABLE tf;
DROP SCHEMA regress_bi CASCADE;
DROP EXTENSION collcog;
