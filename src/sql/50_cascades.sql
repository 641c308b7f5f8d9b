-- Cascade reconstruction (paper 000, Sec. 3.2-3.3 and App. E; DESIGN section 3).

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
LANGUAGE C VOLATILE PARALLEL UNSAFE
AS 'MODULE_PATHNAME', 'build_cascades';
COMMENT ON FUNCTION @extschema@.build_cascades(text[], bigint, interval, text) IS
    'Rebuild claims, subtasks, cascades and event_sizes from events, for all runs or the runs named; contradiction bursts over the whole run, or windows of burst_steps steps or burst_interval of ts; on_error => ''skip'' records runs with bad lineage in rejects instead of failing.';
