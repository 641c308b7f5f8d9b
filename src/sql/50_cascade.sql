-- Cascade reconstruction (paper 000, Sec. 3.2-3.3 and App. E; DESIGN section 3). The
-- functions that run SQL set their search_path, so the caller's never reaches into them.

CREATE FUNCTION @extschema@.build_cascades(
    run_ids        text[]   DEFAULT NULL,
    burst_steps    bigint   DEFAULT NULL,
    burst_interval interval DEFAULT NULL,
    on_error       text     DEFAULT 'error',
    OUT runs_built   bigint,
    OUT runs_skipped bigint,
    OUT claims       bigint,
    OUT cascades     bigint)
RETURNS record
LANGUAGE C VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'build_cascades';
COMMENT ON FUNCTION @extschema@.build_cascades(text[], bigint, interval, text) IS
    'Rebuild claims, subtasks, cascades, event_sizes and cascade_agents from events, for all runs or the runs named; contradiction bursts over the whole run, or windows of burst_steps steps or burst_interval of ts; on_error => ''skip'' records runs with bad lineage in rejects instead of failing.';

-- The same rows for any relation with the columns of events (run_id, step_id, agent_id,
-- event_type, claim_id, parent_claim_ids, target_claim_id, subtask_id, parent_subtask_id,
-- ts), without writing anything.
CREATE FUNCTION @extschema@.claims_from(
    source regclass, burst_steps bigint DEFAULT NULL, burst_interval interval DEFAULT NULL)
RETURNS TABLE (run_id text, claim_id text, step_id bigint, root_claim_id text,
               claim_depth integer, claim_status @extschema@.claim_status,
               revision_chain_id text, contradiction_group_id text, merge_id text)
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'claims_from';
COMMENT ON FUNCTION @extschema@.claims_from(regclass, bigint, interval) IS
    'The claims rows build_cascades() would write, computed from any relation shaped like events.';

CREATE FUNCTION @extschema@.subtasks_from(source regclass)
RETURNS TABLE (run_id text, subtask_id text, parent_subtask_id text, subtask_depth integer,
               assigned_agent text, subtree_subtasks bigint, subtree_events bigint)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'subtasks_from';
COMMENT ON FUNCTION @extschema@.subtasks_from(regclass) IS
    'The subtasks rows build_cascades() would write, computed from any relation shaped like events.';

CREATE FUNCTION @extschema@.cascades_from(source regclass)
RETURNS TABLE (run_id text, root_claim_id text, size integer, tce integer, n_propose integer,
               n_revise integer, n_contradict integer, n_merge integer, n_delegate integer,
               n_endorse integer, n_agents_active integer, depth integer,
               merge_conversion double precision)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'cascades_from';
COMMENT ON FUNCTION @extschema@.cascades_from(regclass) IS
    'The cascades rows build_cascades() would write (without the run attributes), computed from any relation shaped like events.';

CREATE FUNCTION @extschema@.event_sizes_from(
    source regclass, burst_steps bigint DEFAULT NULL, burst_interval interval DEFAULT NULL)
RETURNS TABLE (run_id text, observable text, anchor_id text, size bigint, n_events bigint)
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'event_sizes_from';
COMMENT ON FUNCTION @extschema@.event_sizes_from(regclass, bigint, interval) IS
    'The event_sizes rows build_cascades() would write, computed from any relation shaped like events.';

CREATE FUNCTION @extschema@.cascade_agents_from(source regclass)
RETURNS TABLE (run_id text, root_claim_id text, agent_id text, claims integer,
               events integer, n_propose integer, n_revise integer, n_contradict integer,
               n_merge integer, n_delegate integer, n_endorse integer)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'cascade_agents_from';
COMMENT ON FUNCTION @extschema@.cascade_agents_from(regclass) IS
    'The cascade_agents rows build_cascades() would write, computed from any relation shaped like events.';

CREATE FUNCTION @extschema@.cascade_anatomy(
    source  regclass DEFAULT '@extschema@.cascades',
    measure text     DEFAULT 'size')
RETURNS TABLE (band text, quantile_lo double precision, quantile_hi double precision,
               n_cascades bigint, rank_from bigint, rank_to bigint,
               size_min double precision, size_max double precision,
               share_delegation double precision, share_contradiction double precision,
               share_merge double precision, merge_conversion double precision,
               pooled_merge_conversion double precision)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'cascade_anatomy';
COMMENT ON FUNCTION @extschema@.cascade_anatomy(regclass, text) IS
    'Cascade composition by size band (paper 000, App. D.3): shares of delegation, contradiction and merge events and the merge conversion ratio, for the median, 90th, 99th percentile and top 1% of cascades ranked by size or tce (each cascade in at most one band).';

-- Agreement of logged and reconstructed lineage, per run and over all of them (run_id NULL).
CREATE FUNCTION @extschema@.lineage_agreement(run_ids text[] DEFAULT NULL)
RETURNS TABLE (run_id text, claims bigint, roots_logged bigint, roots_agree bigint,
               root_agreement double precision, depths_logged bigint, depths_agree bigint,
               depth_agreement double precision)
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT l.run_id::text, count(*), count(l.logged_root_claim_id),
           count(*) FILTER (WHERE l.root_agrees),
           (count(*) FILTER (WHERE l.root_agrees))::float8 / nullif(count(l.logged_root_claim_id), 0),
           count(l.logged_claim_depth),
           count(*) FILTER (WHERE l.depth_agrees),
           (count(*) FILTER (WHERE l.depth_agrees))::float8 / nullif(count(l.logged_claim_depth), 0)
    FROM @extschema@.claim_lineage l
    WHERE run_ids IS NULL OR l.run_id = ANY (run_ids)
    GROUP BY GROUPING SETS ((l.run_id), ())
    ORDER BY l.run_id COLLATE "C" NULLS LAST
$$;
COMMENT ON FUNCTION @extschema@.lineage_agreement(text[]) IS
    'How often the logged cascade root and depth of a claim agree with the ones build_cascades() reconstructs, per run (all or those named) and overall (run_id NULL); rates over the claims whose event logged them.';
