-- Views for BI tools and scheduled reports (docs/guide-reports-and-bi.md): the analyses of
-- paper 000 as plain views with one row per unit and stable column names, built on the
-- functions of the analytics topics (tail, inequality, attach, extremes, cascade), and the
-- two helpers that materialise them in a schema of the caller's and refresh them
-- (docs/guide-scheduling.md). Columns are only ever added at the end of a view; the tail's
-- xmin is called x_min, since a materialised copy cannot have a column named xmin.

-- Tail fits per condition and observable (paper 000, Tables 2, 3 and D.1). One tail_hist per
-- finest condition (one scan of cascades and event_sizes); the coarser levels merge those
-- samples (tail_hist_merge), and every fit and comparison of a row reads its one sample.
-- level names the grouping: condition (topology, task_family, n_agents, model),
-- topology_task, topology, n_agents, pooled; the columns a level does not group by are NULL.
CREATE VIEW @extschema@.bi_tail_fits AS
WITH instances AS (
    SELECT 'tce'::text AS observable, k.topology, k.task_family, k.n_agents, k.model,
           k.tce::bigint AS x
    FROM @extschema@.cascades k
    UNION ALL
    SELECT 'size', k.topology, k.task_family, k.n_agents, k.model, k.size::bigint
    FROM @extschema@.cascades k
    UNION ALL
    SELECT s.observable, r.topology, r.task_family, r.n_agents, r.model, s.size
    FROM @extschema@.event_sizes s JOIN @extschema@.runs r ON r.run_id = s.run_id
), conditions AS (
    SELECT i.observable, i.topology, i.task_family, i.n_agents, i.model, count(*) AS n,
           @extschema@.tail_hist(i.x) AS h
    FROM instances i
    GROUP BY i.observable, i.topology, i.task_family, i.n_agents, i.model
), levels AS (
    SELECT CASE GROUPING(c.topology, c.task_family, c.n_agents, c.model)
               WHEN 0 THEN 'condition' WHEN 3 THEN 'topology_task' WHEN 7 THEN 'topology'
               WHEN 13 THEN 'n_agents' ELSE 'pooled' END AS level,
           c.observable, c.topology, c.task_family, c.n_agents, c.model, sum(c.n)::bigint AS n,
           @extschema@.tail_hist_merge(c.h) AS h
    FROM conditions c
    GROUP BY GROUPING SETS ((c.observable, c.topology, c.task_family, c.n_agents, c.model),
                            (c.observable, c.topology, c.task_family),
                            (c.observable, c.topology), (c.observable, c.n_agents),
                            (c.observable))
)
SELECT l.level, l.observable, l.topology, l.task_family, l.n_agents, l.model, l.n,
       f.xmin AS x_min, f.n_tail, f.n_tail_distinct, f.n_tail::float8 / l.n AS tail_fraction,
       f.alpha, f.alpha_se,
       f.alpha - 1.959963984540054 * f.alpha_se AS alpha_lo,
       f.alpha + 1.959963984540054 * f.alpha_se AS alpha_hi,
       f.lambda, f.cutoff, f.ks, f.boundary, f.quality, f.reason,
       ln.r AS r_tpl_ln, ln.p_value AS p_tpl_ln, pl.r AS r_tpl_pl, pl.p_value AS p_tpl_pl
FROM levels l
CROSS JOIN LATERAL @extschema@.tpl_fit(l.h) f
CROSS JOIN LATERAL @extschema@.vuong(l.h, 'truncated_power_law', 'lognormal') ln
CROSS JOIN LATERAL @extschema@.vuong(l.h, 'truncated_power_law', 'power_law') pl;
COMMENT ON VIEW @extschema@.bi_tail_fits IS
    'Per level (condition, topology_task, topology, n_agents, pooled), observable (tce, size, delegation, revision, contradiction, merge) and group: the truncated power law fitted with xmin by KS (alpha with its 95% Wald interval, cutoff, n_tail, quality) and Vuong''s tests of the TPL against the log-normal and the power law (r > 0 favours the TPL), all from one tail_hist per group (paper 000, Tables 2, 3, D.1).';

-- Concentration of claims among agents per condition (paper 000, Table D.2 and Fig. 4): the
-- means over runs of agent_concentration, with their spread across runs, at the levels of
-- bi_tail_fits.
CREATE VIEW @extschema@.bi_concentration AS
SELECT CASE GROUPING(a.topology, a.task_family, a.n_agents, a.model)
           WHEN 0 THEN 'condition' WHEN 3 THEN 'topology_task' WHEN 7 THEN 'topology'
           WHEN 13 THEN 'n_agents' ELSE 'pooled' END AS level,
       a.topology, a.task_family, a.n_agents, a.model, count(*) AS runs,
       avg(a.top1_share_active) AS top1_share, avg(a.top10_share_active) AS top10_share,
       stddev_samp(a.top10_share_active) AS top10_share_sd,
       avg(a.top10_excess_active) AS top10_excess, avg(a.gini_active) AS gini,
       stddev_samp(a.gini_active) AS gini_sd,
       avg(a.effective_fraction_active) AS effective_fraction,
       stddev_samp(a.effective_fraction_active) AS effective_fraction_sd,
       avg(a.top10_share_all) AS top10_share_all, avg(a.gini_all) AS gini_all,
       avg(a.effective_fraction_all) AS effective_fraction_all
FROM @extschema@.agent_concentration a
GROUP BY GROUPING SETS ((a.topology, a.task_family, a.n_agents, a.model),
                        (a.topology, a.task_family), (a.topology), (a.n_agents), ());
COMMENT ON VIEW @extschema@.bi_concentration IS
    'Per level (as bi_tail_fits) and group: the runs and the means over them of the top-1 and top-10% shares, top-10% excess, Gini and effective fraction of agents among active agents (with the standard deviations across runs), and of the top-10% share, Gini and effective fraction over all agents (paper 000, Table D.2).';

-- The attachment exponent per condition (paper 000, Sec. 5.2, Fig. 5): attachment_exponent
-- over the condition's runs, all event types together.
CREATE VIEW @extschema@.bi_attachment AS
SELECT c.topology, c.task_family, c.n_agents, c.model, c.runs, e.selections, e.levels,
       e.beta, e.beta_lo, e.beta_hi, e.beta_mle, e.beta_mle_se
FROM (SELECT r.topology, r.task_family, r.n_agents, r.model, count(*) AS runs,
             array_agg(r.run_id::text ORDER BY r.run_id) AS ids
      FROM @extschema@.runs r
      GROUP BY r.topology, r.task_family, r.n_agents, r.model) c
LEFT JOIN LATERAL @extschema@.attachment_exponent(c.ids) e ON e.event_type IS NULL;
COMMENT ON VIEW @extschema@.bi_attachment IS
    'Per condition (topology, task_family, n_agents, model): the runs and the attachment exponent of their events, all event types together (attachment_exponent with its defaults): beta with its bootstrap interval and beta_mle with its standard error; NULL where the runs have too few activity levels.';

-- Extreme-event scaling (paper 000, Sec. 5.3, Fig. 7): extreme_scaling with its defaults for
-- each observable, its rows per N here and its fit in bi_extreme_scaling.
CREATE VIEW @extschema@.bi_extreme_levels AS
SELECT o.observable, e.n_agents, e.runs, e.runs_with_instances, e.instances_per_run,
       e.mean_max, e.mean_ln_max
FROM unnest(ARRAY['tce', 'size', 'delegation', 'revision', 'contradiction', 'merge']) o(observable)
CROSS JOIN LATERAL @extschema@.extreme_scaling(o.observable) e
WHERE e.n_agents IS NOT NULL;
COMMENT ON VIEW @extschema@.bi_extreme_levels IS
    'Per observable and n_agents: the runs, the mean number of instances per run, the mean per-run maximum M_N and the mean of ln M_N (extreme_scaling; paper 000, Fig. 7).';

CREATE VIEW @extschema@.bi_extreme_scaling AS
SELECT o.observable, e.runs, e.runs_with_instances, e.slope, e.slope_lo, e.slope_hi, e.c,
       e.alpha_model, e.xmin AS x_min, e.alpha, e.alpha_se, e.evt_prediction
FROM unnest(ARRAY['tce', 'size', 'delegation', 'revision', 'contradiction', 'merge']) o(observable)
CROSS JOIN LATERAL @extschema@.extreme_scaling(o.observable) e
WHERE e.n_agents IS NULL;
COMMENT ON VIEW @extschema@.bi_extreme_scaling IS
    'Per observable: the slope of mean ln M_N on ln N with its bootstrap interval, the growth c of instances per run, the pooled tail exponent alpha and the EVT prediction c / (alpha - 1) (extreme_scaling; paper 000, Sec. 5.3, Fig. 7).';

-- Cascade anatomy by size band (paper 000, Table D.3), cascades ranked by size and by TCE.
CREATE VIEW @extschema@.bi_cascade_anatomy AS
SELECT m.measure, a.band, a.quantile_lo, a.quantile_hi, a.n_cascades, a.size_min, a.size_max,
       a.share_delegation, a.share_contradiction, a.share_merge, a.merge_conversion,
       a.pooled_merge_conversion
FROM unnest(ARRAY['size', 'tce']) m(measure)
CROSS JOIN LATERAL @extschema@.cascade_anatomy('@extschema@.cascades'::regclass, m.measure) a;
COMMENT ON VIEW @extschema@.bi_cascade_anatomy IS
    'Per measure (size, tce) and size band (median, 90th, 99th percentile, top 1%): the shares of delegation, contradiction and merge events and the merge conversion ratio of the cascades in the band (cascade_anatomy; paper 000, Table D.3).';

-- The BI views and the columns that identify a row of each (the unique key of its
-- materialised copy; NULLs in a key count as equal).
CREATE FUNCTION @extschema@.bi_views()
RETURNS TABLE (view_name text, key_columns text[])
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    VALUES ('bi_tail_fits', ARRAY['level', 'observable', 'topology', 'task_family', 'n_agents', 'model']),
           ('bi_concentration', ARRAY['level', 'topology', 'task_family', 'n_agents', 'model']),
           ('bi_attachment', ARRAY['topology', 'task_family', 'n_agents', 'model']),
           ('bi_extreme_levels', ARRAY['observable', 'n_agents']),
           ('bi_extreme_scaling', ARRAY['observable']),
           ('bi_cascade_anatomy', ARRAY['measure', 'band'])
$$;
COMMENT ON FUNCTION @extschema@.bi_views() IS
    'The BI views of collcog and the columns that identify a row of each (the unique key of their materialised copies).';

-- Materialised copies of the BI views in a schema of the caller's (created if missing),
-- owned by the caller and not by the extension, each with the unique index on its key that
-- REFRESH ... CONCURRENTLY needs (docs/guide-scheduling.md explains why).
CREATE FUNCTION @extschema@.bi_materialize(target_schema text DEFAULT 'collcog_bi')
RETURNS SETOF regclass
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v record;
BEGIN
    IF target_schema IS NULL THEN
        RAISE EXCEPTION 'target_schema must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', target_schema);
    FOR v IN SELECT * FROM @extschema@.bi_views() LOOP
        EXECUTE format('CREATE MATERIALIZED VIEW %I.%I AS SELECT * FROM @extschema@.%I',
                       target_schema, v.view_name, v.view_name);
        EXECUTE format('CREATE UNIQUE INDEX %I ON %I.%I (%s) NULLS NOT DISTINCT',
                       v.view_name || '_key', target_schema, v.view_name,
                       (SELECT string_agg(quote_ident(k), ', ') FROM unnest(v.key_columns) k));
        RETURN NEXT format('%I.%I', target_schema, v.view_name)::regclass;
    END LOOP;
END $$;
COMMENT ON FUNCTION @extschema@.bi_materialize(text) IS
    'Create in target_schema (created if missing) a materialized view of each BI view, owned by the caller, with a unique index on its key so that REFRESH ... CONCURRENTLY works; returns them.';

-- Refresh the materialised copies bi_materialize made in target_schema.
CREATE FUNCTION @extschema@.bi_refresh(
    target_schema text    DEFAULT 'collcog_bi',
    concurrent    boolean DEFAULT true)
RETURNS SETOF regclass
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v record;
    mv regclass;
BEGIN
    IF target_schema IS NULL OR concurrent IS NULL THEN
        RAISE EXCEPTION 'target_schema and concurrent must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    FOR v IN SELECT * FROM @extschema@.bi_views() LOOP
        mv := to_regclass(format('%I.%I', target_schema, v.view_name));
        IF mv IS NULL THEN
            RAISE EXCEPTION 'no materialized view %.% to refresh', target_schema, v.view_name
                USING ERRCODE = 'undefined_table',
                      HINT = 'Create the copies with bi_materialize() first.';
        END IF;
        EXECUTE format('REFRESH MATERIALIZED VIEW %s %s',
                       CASE WHEN concurrent THEN 'CONCURRENTLY' ELSE '' END, mv);
        RETURN NEXT mv;
    END LOOP;
END $$;
COMMENT ON FUNCTION @extschema@.bi_refresh(text, boolean) IS
    'Refresh the materialized views bi_materialize made in target_schema (CONCURRENTLY by default: readers keep reading the old rows meanwhile); returns them.';
