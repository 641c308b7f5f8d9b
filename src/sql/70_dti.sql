-- Deficit-Triggered Integration (paper 000, Sec. 6 and App. C; DESIGN section 6).

-- The parameters of each condition class (topology x task family), from the built cascades
-- of baseline runs: beta_c the least-squares slope of ln(1 + contradictions) on ln(events),
-- c = sum(merges) / sum(events ^ beta_c), tau the mean plus one sample standard deviation of
-- the deficit c events^beta_c - merges at cascade termination.
CREATE FUNCTION @extschema@.dti_estimate(run_ids text[] DEFAULT NULL)
RETURNS TABLE (topology text, task_family text, cascades bigint, beta_c double precision,
               c double precision, tau double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM @extschema@.check_built_runs(run_ids);
    RETURN QUERY
    WITH class_cascades AS (
        SELECT k.topology, k.task_family, k.tce::float8 AS n, k.n_merge::float8 AS m,
               ln(k.tce::float8) AS x, ln(1 + k.n_contradict::float8) AS y
        FROM @extschema@.cascades k
        WHERE run_ids IS NULL OR k.run_id = ANY (run_ids)
    ), slopes AS (
        SELECT k.topology, k.task_family, count(*) AS cascades, regr_slope(k.y, k.x) AS beta_c
        FROM class_cascades k GROUP BY k.topology, k.task_family
    ), scales AS (
        SELECT s.topology, s.task_family, s.cascades, s.beta_c,
               sum(k.m) / sum(k.n ^ s.beta_c) AS c
        FROM slopes s JOIN class_cascades k
          ON k.topology IS NOT DISTINCT FROM s.topology
         AND k.task_family IS NOT DISTINCT FROM s.task_family
        GROUP BY s.topology, s.task_family, s.cascades, s.beta_c
    )
    SELECT s.topology, s.task_family, s.cascades, s.beta_c, s.c,
           avg(s.c * k.n ^ s.beta_c - k.m) + stddev_samp(s.c * k.n ^ s.beta_c - k.m)
    FROM scales s JOIN class_cascades k
      ON k.topology IS NOT DISTINCT FROM s.topology
     AND k.task_family IS NOT DISTINCT FROM s.task_family
    GROUP BY s.topology, s.task_family, s.cascades, s.beta_c, s.c
    ORDER BY s.topology NULLS LAST, s.task_family NULLS LAST;
END $$;
COMMENT ON FUNCTION @extschema@.dti_estimate(text[]) IS
    'DTI parameters per condition class (topology, task_family) from the built cascades of baseline runs (all, or those named): beta_c, c and tau as DESIGN section 6 defines them; NULL where the class cannot determine them.';

-- Replay: the runs' events through the DTI state machine the simulator runs (DESIGN
-- section 6, src/core/dti/replay.c), with the parameters given or read per class from a
-- table shaped like dti_estimate()'s result (topology, task_family, beta_c, c, tau).
CREATE FUNCTION @extschema@.dti_replay(
    beta_c    double precision,
    c         double precision,
    tau       double precision,
    run_ids   text[]  DEFAULT NULL,
    max_heads integer DEFAULT 10)
RETURNS TABLE (run_id text, root_claim_id text, step_id bigint, n bigint, m bigint,
               pressure double precision, deficit double precision,
               threshold double precision, integrated boolean, n_heads integer, heads text[])
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_replay';
COMMENT ON FUNCTION @extschema@.dti_replay(double precision, double precision, double precision, text[], integer) IS
    'Every point where a cascade''s deficit c n^beta_c - m crosses tau when the runs (all, or those named) are replayed in step order with DTI''s state machine: the segment (n, m), pressure, deficit, whether the trace''s next event is the DTI merge, and the cascade''s branch heads (n_heads of them; the newest max_heads listed, all when NULL).';
CREATE FUNCTION @extschema@.dti_replay(params regclass, run_ids text[] DEFAULT NULL,
                                       max_heads integer DEFAULT 10)
RETURNS TABLE (run_id text, root_claim_id text, step_id bigint, n bigint, m bigint,
               pressure double precision, deficit double precision,
               threshold double precision, integrated boolean, n_heads integer, heads text[])
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_replay';
COMMENT ON FUNCTION @extschema@.dti_replay(regclass, text[], integer) IS
    'dti_replay with the parameters of each run''s class (topology, task_family) read from params, a table with the columns of dti_estimate()''s result.';

CREATE FUNCTION @extschema@.dti_series(
    beta_c  double precision,
    c       double precision,
    tau     double precision,
    run_ids text[] DEFAULT NULL)
RETURNS TABLE (run_id text, root_claim_id text, step_id bigint, n bigint, m bigint,
               deficit double precision, threshold double precision, triggered boolean)
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_series';
COMMENT ON FUNCTION @extschema@.dti_series(double precision, double precision, double precision, text[]) IS
    'The deficit of each cascade after every event attached to it in the replay of dti_replay (for plotting): the segment (n, m), the deficit and whether the event triggered.';
CREATE FUNCTION @extschema@.dti_series(params regclass, run_ids text[] DEFAULT NULL)
RETURNS TABLE (run_id text, root_claim_id text, step_id bigint, n bigint, m bigint,
               deficit double precision, threshold double precision, triggered boolean)
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_series';
COMMENT ON FUNCTION @extschema@.dti_series(regclass, text[]) IS
    'dti_series with the parameters of each run''s class read from params (as dti_replay).';

-- How often DTI fires, by condition class and cascade-size band (Fig. 9 of paper 000): the
-- built cascades of each class ranked by size (ties by run_id, then root_claim_id) into the
-- bands of cascade_anatomy (rank k in band (lo, hi] when (k - 1/2) / n lies in it), with
-- the replay's triggers per cascade and the pooled merge conversion (merges / (delegations
-- + contradictions + revisions)) of the cascades with and without a trigger.
CREATE FUNCTION @extschema@.dti_summary_of_triggers(
    run_ids text[], trigger_runs text[], trigger_roots text[])
RETURNS TABLE (topology text, task_family text, band text, quantile_lo double precision,
               quantile_hi double precision, cascades bigint, cascades_triggered bigint,
               triggers bigint, triggered_share double precision,
               triggers_per_cascade double precision,
               merge_conversion_triggered double precision,
               merge_conversion_untriggered double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM @extschema@.check_built_runs(run_ids);
    RETURN QUERY
    WITH per_cascade AS (
        SELECT t.run_id, t.root_claim_id, count(*) AS n
        FROM unnest(trigger_runs, trigger_roots) AS t(run_id, root_claim_id)
        GROUP BY 1, 2
    ), ranked AS (
        SELECT k.topology, k.task_family, k.n_merge,
               k.n_delegate + k.n_contradict + k.n_revise AS expansions,
               coalesce(p.n, 0) AS n_triggers,
               row_number() OVER w AS rank, count(*) OVER (PARTITION BY k.topology, k.task_family) AS n
        FROM @extschema@.cascades k
        LEFT JOIN per_cascade p ON p.run_id = k.run_id::text AND p.root_claim_id = k.root_claim_id::text
        WHERE run_ids IS NULL OR k.run_id = ANY (run_ids)
        WINDOW w AS (PARTITION BY k.topology, k.task_family
                     ORDER BY k.size, k.run_id::text COLLATE "C", k.root_claim_id::text COLLATE "C")
    ), bands(band, lo, hi, ord) AS (
        VALUES ('median', 0.40::float8, 0.60::float8, 1), ('90th', 0.85, 0.95, 2),
               ('99th', 0.98, 0.99, 3), ('top 1%', 0.99, 1.0, 4)
    )
    SELECT c.topology, c.task_family, b.band, b.lo, b.hi, count(r.rank),
           count(r.rank) FILTER (WHERE r.n_triggers > 0), coalesce(sum(r.n_triggers), 0)::bigint,
           (count(r.rank) FILTER (WHERE r.n_triggers > 0))::float8 / nullif(count(r.rank), 0),
           sum(r.n_triggers)::float8 / nullif(count(r.rank), 0),
           sum(r.n_merge) FILTER (WHERE r.n_triggers > 0)::float8
             / nullif(sum(r.expansions) FILTER (WHERE r.n_triggers > 0), 0),
           sum(r.n_merge) FILTER (WHERE r.n_triggers = 0)::float8
             / nullif(sum(r.expansions) FILTER (WHERE r.n_triggers = 0), 0)
    FROM (SELECT DISTINCT q.topology, q.task_family FROM ranked q) c
    CROSS JOIN bands b
    LEFT JOIN ranked r ON r.topology IS NOT DISTINCT FROM c.topology
                      AND r.task_family IS NOT DISTINCT FROM c.task_family
                      AND (r.rank - 0.5) / r.n > b.lo AND (r.rank - 0.5) / r.n <= b.hi
    GROUP BY c.topology, c.task_family, b.band, b.lo, b.hi, b.ord
    ORDER BY c.topology NULLS LAST, c.task_family NULLS LAST, b.ord;
END $$;
COMMENT ON FUNCTION @extschema@.dti_summary_of_triggers(text[], text[], text[]) IS
    'The body of dti_summary: the bands of the built cascades of the runs (all, or those named), given the cascade (run, root) of every trigger.';

CREATE FUNCTION @extschema@.dti_summary(
    beta_c  double precision,
    c       double precision,
    tau     double precision,
    run_ids text[] DEFAULT NULL)
RETURNS TABLE (topology text, task_family text, band text, quantile_lo double precision,
               quantile_hi double precision, cascades bigint, cascades_triggered bigint,
               triggers bigint, triggered_share double precision,
               triggers_per_cascade double precision,
               merge_conversion_triggered double precision,
               merge_conversion_untriggered double precision)
LANGUAGE sql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
    SELECT s.*
    FROM (SELECT coalesce(array_agg(r.run_id), '{}') AS runs,
                 coalesce(array_agg(r.root_claim_id), '{}') AS roots
          FROM @extschema@.dti_replay(beta_c, c, tau, run_ids, 0) r) t,
         @extschema@.dti_summary_of_triggers(run_ids, t.runs, t.roots) s
$$;
COMMENT ON FUNCTION @extschema@.dti_summary(double precision, double precision, double precision, text[]) IS
    'How often DTI fires in the replay, per condition class and cascade-size band (median, 90th, 99th percentile, top 1%): cascades, those with a trigger, triggers, and the pooled merge conversion of the cascades with and without one (paper 000, Fig. 9).';
CREATE FUNCTION @extschema@.dti_summary(params regclass, run_ids text[] DEFAULT NULL)
RETURNS TABLE (topology text, task_family text, band text, quantile_lo double precision,
               quantile_hi double precision, cascades bigint, cascades_triggered bigint,
               triggers bigint, triggered_share double precision,
               triggers_per_cascade double precision,
               merge_conversion_triggered double precision,
               merge_conversion_untriggered double precision)
LANGUAGE sql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
    SELECT s.*
    FROM (SELECT coalesce(array_agg(r.run_id), '{}') AS runs,
                 coalesce(array_agg(r.root_claim_id), '{}') AS roots
          FROM @extschema@.dti_replay(params, run_ids, 0) r) t,
         @extschema@.dti_summary_of_triggers(run_ids, t.runs, t.roots) s
$$;
COMMENT ON FUNCTION @extschema@.dti_summary(regclass, text[]) IS
    'dti_summary with the parameters of each run''s class read from params (as dti_replay).';
