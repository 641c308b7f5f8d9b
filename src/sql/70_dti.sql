-- Deficit-Triggered Integration (paper 000, Sec. 6 and App. C; DESIGN section 6).

-- The parameters of each condition class (topology x task family), from the built cascades
-- of baseline runs: beta_c the least-squares slope of ln(1 + contradictions) on ln(events),
-- c = sum(merges) / sum(events ^ beta_c), tau the mean plus one sample standard deviation of
-- the deficit c events^beta_c - merges at cascade termination.
CREATE FUNCTION @extschema@.dti_estimate(run_ids text[] DEFAULT NULL)
RETURNS TABLE (topology text, task_family text, cascades bigint, beta_c double precision,
               c double precision, tau double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    missing text;
    unbuilt bigint;
    first_unbuilt text;
    skipped bigint;
    changed bigint;
BEGIN
    IF array_position(run_ids, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'run_ids must not contain NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT n INTO missing FROM unnest(run_ids) n
    WHERE NOT EXISTS (SELECT 1 FROM @extschema@.runs r WHERE r.run_id = n) LIMIT 1;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'run "%" does not exist', missing USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT count(*) FILTER (WHERE s.reason = 'not built'),
           min(s.run_id COLLATE "C") FILTER (WHERE s.reason = 'not built'),
           count(*) FILTER (WHERE s.reason LIKE 'skipped%'),
           count(*) FILTER (WHERE s.reason NOT IN ('not built') AND s.reason NOT LIKE 'skipped%')
      INTO unbuilt, first_unbuilt, skipped, changed
    FROM @extschema@.stale_runs s
    WHERE run_ids IS NULL OR s.run_id = ANY (run_ids);
    IF unbuilt > 0 THEN
        RAISE EXCEPTION '% run(s) have no cascades built, the first "%"', unbuilt, first_unbuilt
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Run build_cascades() first (stale_runs lists what needs building).';
    END IF;
    IF skipped > 0 THEN
        RAISE NOTICE '% run(s) skipped by build_cascades for bad lineage are left out (see rejects)', skipped;
    END IF;
    IF changed > 0 THEN
        RAISE WARNING '% run(s) changed since their cascades were built (see stale_runs)', changed;
    END IF;
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
    beta_c  double precision,
    c       double precision,
    tau     double precision,
    run_ids text[] DEFAULT NULL)
RETURNS TABLE (run_id text, root_claim_id text, step_id bigint, n bigint, m bigint,
               pressure double precision, deficit double precision,
               threshold double precision, integrated boolean, n_heads integer, heads text[])
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_replay';
COMMENT ON FUNCTION @extschema@.dti_replay(double precision, double precision, double precision, text[]) IS
    'Every point where a cascade''s deficit c n^beta_c - m crosses tau when the runs (all, or those named) are replayed in step order with DTI''s state machine: the segment (n, m), pressure, deficit, whether the trace''s next event is the DTI merge, and the cascade''s branch heads, newest first.';
CREATE FUNCTION @extschema@.dti_replay(params regclass, run_ids text[] DEFAULT NULL)
RETURNS TABLE (run_id text, root_claim_id text, step_id bigint, n bigint, m bigint,
               pressure double precision, deficit double precision,
               threshold double precision, integrated boolean, n_heads integer, heads text[])
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_replay';
COMMENT ON FUNCTION @extschema@.dti_replay(regclass, text[]) IS
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
