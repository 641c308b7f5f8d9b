-- Extreme events and outcomes (paper 000, Sec. 5.2-5.3, Fig. 6 and 7; DESIGN section 5):
-- how the largest instance of an observable grows with the number of agents, and task
-- success by coordination intensity. Both read the derived tables, so the runs they use must
-- have been built.

-- Extreme-event scaling (H3). Per number of agents N: the runs, the mean per-run maximum
-- M_N of the observable and the mean of ln M_N over the runs with an instance, and the mean
-- number of instances per run. Over the sizes (a row with n_agents NULL): the least-squares
-- slope of mean ln M_N on ln N with a percentile bootstrap interval (runs resampled with
-- replacement within each N, drawn by hashing (seed, replicate, N, draw)), the slope c of
-- ln(instances per run) on ln N, the tail exponent alpha of the pooled instances (tpl_fit or
-- pl_fit, named in alpha_model), and the EVT prediction c / (alpha - 1).
CREATE FUNCTION @extschema@.extreme_scaling(
    observable text             DEFAULT 'tce',
    run_ids    text[]           DEFAULT NULL,
    model      text             DEFAULT 'truncated_power_law',
    replicates integer          DEFAULT 200,
    seed       bigint           DEFAULT 1,
    level      double precision DEFAULT 0.95)
RETURNS TABLE (n_agents integer, runs bigint, runs_with_instances bigint,
               instances_per_run double precision, mean_max double precision,
               mean_ln_max double precision, slope double precision, slope_lo double precision,
               slope_hi double precision, c double precision, alpha_model text,
               xmin double precision, alpha double precision, alpha_se double precision,
               evt_prediction double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
-- A query of milliseconds that the planner costs high: compiling it would take a second.
SET jit = off AS $$
#variable_conflict use_column
DECLARE
    obs text := extreme_scaling.observable;
    fit text := extreme_scaling.model;
    reps integer := extreme_scaling.replicates;
    lvl double precision := extreme_scaling.level;
    names text[] := ARRAY['tce', 'size', 'delegation', 'revision', 'contradiction', 'merge'];
    choices text := '''tce'', ''size'', ''delegation'', ''revision'', ''contradiction'' or ''merge''';
    unsized bigint;
BEGIN
    IF obs IS NULL THEN
        RAISE EXCEPTION 'observable must be %, not NULL', choices
            USING ERRCODE = 'null_value_not_allowed';
    ELSIF obs <> ALL (names) THEN
        RAISE EXCEPTION 'observable must be %, not "%"', choices, obs
            USING ERRCODE = 'invalid_parameter_value';
    ELSIF fit IS NULL THEN
        RAISE EXCEPTION 'model must be ''truncated_power_law'' or ''power_law'', not NULL'
            USING ERRCODE = 'null_value_not_allowed';
    ELSIF fit NOT IN ('truncated_power_law', 'power_law') THEN
        RAISE EXCEPTION 'model must be ''truncated_power_law'' or ''power_law'', not "%"', fit
            USING ERRCODE = 'invalid_parameter_value';
    ELSIF reps IS NULL OR extreme_scaling.seed IS NULL OR lvl IS NULL THEN
        RAISE EXCEPTION 'replicates, seed and level must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    ELSIF reps < 1 THEN
        RAISE EXCEPTION 'replicates must be positive, not %', reps
            USING ERRCODE = 'invalid_parameter_value';
    ELSIF NOT (lvl > 0 AND lvl < 1) THEN
        RAISE EXCEPTION 'level must be between 0 and 1 (exclusive), not %', lvl
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM @extschema@.check_built_runs(extreme_scaling.run_ids);
    SELECT count(*) INTO unsized
    FROM @extschema@.runs r JOIN @extschema@.run_builds b ON b.run_id = r.run_id
    WHERE NOT b.skipped AND r.n_agents IS NULL
      AND (extreme_scaling.run_ids IS NULL OR r.run_id = ANY (extreme_scaling.run_ids));
    IF unsized > 0 THEN
        RAISE NOTICE '% run(s) without n_agents are left out', unsized;
    END IF;
    RETURN QUERY
    WITH chosen AS (
        SELECT r.run_id, r.n_agents
        FROM @extschema@.runs r JOIN @extschema@.run_builds b ON b.run_id = r.run_id
        WHERE NOT b.skipped AND r.n_agents IS NOT NULL
          AND (extreme_scaling.run_ids IS NULL OR r.run_id = ANY (extreme_scaling.run_ids))
    ), instances AS (
        SELECT k.run_id, k.tce::bigint AS x FROM @extschema@.cascades k WHERE obs = 'tce'
        UNION ALL
        SELECT k.run_id, k.size::bigint FROM @extschema@.cascades k WHERE obs = 'size'
        UNION ALL
        SELECT s.run_id, s.size FROM @extschema@.event_sizes s WHERE s.observable = obs
    ), pooled AS (
        SELECT i.x FROM instances i JOIN chosen USING (run_id)
    ), per_run AS MATERIALIZED (
        SELECT ch.run_id, ch.n_agents, count(i.x) AS k, ln(max(i.x)::float8) AS ln_m,
               max(i.x)::float8 AS m
        FROM chosen ch LEFT JOIN instances i ON i.run_id = ch.run_id
        GROUP BY ch.run_id, ch.n_agents
    ), levels AS MATERIALIZED (
        SELECT p.n_agents, count(*) AS runs, count(p.m) AS runs_with_instances,
               avg(p.k::float8) AS instances_per_run, avg(p.m) AS mean_max,
               avg(p.ln_m) AS mean_ln_max
        FROM per_run p GROUP BY p.n_agents
    ), fitted AS (
        SELECT regr_slope(l.mean_ln_max, ln(l.n_agents::float8)) AS slope,
               regr_slope(ln(l.instances_per_run), ln(l.n_agents::float8)) AS c
        FROM levels l WHERE l.runs_with_instances > 0
    ), strata AS (
        SELECT p.n_agents, count(*) AS k, array_agg(p.ln_m ORDER BY p.run_id COLLATE "C") AS ln_m
        FROM per_run p WHERE p.m IS NOT NULL GROUP BY p.n_agents
    ), draws AS (
        SELECT r.i AS replicate, s.n_agents,
               avg(s.ln_m[1 + ((hashtextextended(r.i || ':' || s.n_agents || ':' || j.i,
                                                  extreme_scaling.seed) % s.k) + s.k) % s.k])
                   AS mean_ln_max
        FROM generate_series(1, reps) r(i) CROSS JOIN strata s
             CROSS JOIN LATERAL generate_series(1, s.k) j(i)
        GROUP BY r.i, s.n_agents
    ), boot AS (
        SELECT percentile_cont((1 - lvl) / 2) WITHIN GROUP (ORDER BY b.slope) AS lo,
               percentile_cont((1 + lvl) / 2) WITHIN GROUP (ORDER BY b.slope) AS hi
        FROM (SELECT regr_slope(d.mean_ln_max, ln(d.n_agents::float8)) AS slope
              FROM draws d GROUP BY d.replicate) b
        WHERE b.slope IS NOT NULL
    ), tail AS (
        SELECT (q.f).xmin, (q.f).alpha, (q.f).alpha_se
        FROM (SELECT @extschema@.pl_fit(x) AS f FROM pooled WHERE fit = 'power_law') q
        WHERE fit = 'power_law'
        UNION ALL
        SELECT (q.f).xmin, (q.f).alpha, (q.f).alpha_se
        FROM (SELECT @extschema@.tpl_fit(x) AS f FROM pooled WHERE fit = 'truncated_power_law') q
        WHERE fit = 'truncated_power_law'
    )
    SELECT l.n_agents, l.runs, l.runs_with_instances, l.instances_per_run, l.mean_max,
           l.mean_ln_max, NULL::float8, NULL::float8, NULL::float8, NULL::float8, NULL::text,
           NULL::float8, NULL::float8, NULL::float8, NULL::float8
    FROM levels l
    UNION ALL
    SELECT NULL::integer, (SELECT coalesce(sum(l.runs), 0)::bigint FROM levels l),
           (SELECT coalesce(sum(l.runs_with_instances), 0)::bigint FROM levels l), NULL, NULL, NULL,
           f.slope, b.lo, b.hi, f.c, fit, t.xmin, t.alpha, t.alpha_se,
           CASE WHEN t.alpha > 1 THEN f.c / (t.alpha - 1) END
    FROM fitted f, boot b, tail t
    ORDER BY 1 NULLS LAST;
END $$;
COMMENT ON FUNCTION @extschema@.extreme_scaling(text, text[], text, integer, bigint, double precision) IS
    'Extreme-event scaling (paper 000, H3): per n_agents the runs, mean per-run maximum M_N, mean ln M_N and instances per run of the observable (tce, size, delegation, revision, contradiction or merge); in the row with n_agents NULL the slope of mean ln M_N on ln N with a seeded percentile bootstrap interval over runs, the slope c of ln(instances per run) on ln N, the pooled tail exponent alpha (alpha_model) and the EVT prediction c / (alpha - 1).';

-- Task outcome by coordination intensity (paper 000, Fig. 6): the runs ranked by their TCE
-- (the events of their cascades; ties in run_id order) and cut into bins of equal count
-- (ntile); per bin the runs, the TCE range, the runs that succeeded and failed, the success
-- rate among runs with an outcome, and the mean contradiction and merge shares (of the run's
-- TCE) of the failed and of the successful runs.
CREATE FUNCTION @extschema@.outcome_by_intensity(
    bins    integer DEFAULT 10,
    run_ids text[]  DEFAULT NULL)
RETURNS TABLE (bin integer, runs bigint, tce_min bigint, tce_max bigint, successful bigint,
               failed bigint, success_rate double precision,
               failed_contradiction_share double precision, failed_merge_share double precision,
               successful_contradiction_share double precision,
               successful_merge_share double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
-- A query of milliseconds that the planner costs high: compiling it would take a second.
SET jit = off AS $$
#variable_conflict use_column
BEGIN
    IF outcome_by_intensity.bins IS NULL THEN
        RAISE EXCEPTION 'bins must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    ELSIF outcome_by_intensity.bins < 1 THEN
        RAISE EXCEPTION 'bins must be positive, not %', outcome_by_intensity.bins
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM @extschema@.check_built_runs(outcome_by_intensity.run_ids);
    RETURN QUERY
    WITH per_run AS (
        SELECT r.run_id, r.success, coalesce(sum(k.tce), 0)::bigint AS tce,
               sum(k.n_contradict)::float8 / sum(k.tce) AS contradiction_share,
               sum(k.n_merge)::float8 / sum(k.tce) AS merge_share
        FROM @extschema@.runs r
        JOIN @extschema@.run_builds b ON b.run_id = r.run_id
        LEFT JOIN @extschema@.cascades k ON k.run_id = r.run_id
        WHERE NOT b.skipped
          AND (outcome_by_intensity.run_ids IS NULL OR r.run_id = ANY (outcome_by_intensity.run_ids))
        GROUP BY r.run_id, r.success
    ), binned AS (
        SELECT p.*, ntile(outcome_by_intensity.bins)
                        OVER (ORDER BY p.tce, p.run_id COLLATE "C") AS bin
        FROM per_run p
    )
    SELECT b.bin, count(*), min(b.tce), max(b.tce),
           count(*) FILTER (WHERE b.success), count(*) FILTER (WHERE NOT b.success),
           avg(b.success::int::float8),
           avg(b.contradiction_share) FILTER (WHERE NOT b.success),
           avg(b.merge_share) FILTER (WHERE NOT b.success),
           avg(b.contradiction_share) FILTER (WHERE b.success),
           avg(b.merge_share) FILTER (WHERE b.success)
    FROM binned b
    GROUP BY b.bin
    ORDER BY b.bin;
END $$;
COMMENT ON FUNCTION @extschema@.outcome_by_intensity(integer, text[]) IS
    'Task outcome by coordination intensity (paper 000, Fig. 6): built runs in equal-count bins of their TCE (ties by run_id), per bin the runs, TCE range, successes, failures, success rate, and the mean contradiction and merge shares of the failed and of the successful runs.';
