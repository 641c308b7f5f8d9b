-- How build_cascades() writes the derived tables: all runs are reloaded in bulk (truncate,
-- heap, index build), named runs are replaced row by row with their index entries. Both
-- give the same rows; tables the bulk writer cannot fill as INSERT would are refused.
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- Three simulated runs: claims, subtasks, cascades and event sizes of every kind.
CALL simulate_routing_into(n_agents => 8, steps => 400, runs => 3, seed => 11, run_prefix => 'w');
SELECT runs_built FROM build_cascades();

-- A reload writes the heap in primary-key order (runs, then keys, bytewise), so the index
-- build after it finds its input sorted: the physical order is the key order.
SELECT bool_and(rn = kn) AS claims_in_key_order FROM (
    SELECT row_number() OVER (ORDER BY ctid) rn, row_number() OVER (ORDER BY run_id, claim_id) kn
    FROM claims) x;
CREATE TEMP TABLE full_claims AS SELECT * FROM claims;
CREATE TEMP TABLE full_cascades AS SELECT * FROM cascades;
CREATE TEMP TABLE full_sizes AS SELECT * FROM event_sizes;
CREATE TEMP TABLE full_subtasks AS SELECT * FROM subtasks;

-- A user's own index is kept right by both ways of writing: after each rebuild, a scan of
-- it finds the same rows as a sequential scan.
CREATE INDEX claims_by_root ON claims (run_id, root_claim_id);
CREATE FUNCTION index_agrees() RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE by_index bigint; by_heap bigint;
BEGIN
    SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;
    SELECT count(*) INTO by_index FROM claims WHERE run_id >= '' AND root_claim_id >= '';
    SET LOCAL enable_seqscan = on; SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off;
    SELECT count(*) INTO by_heap FROM claims;
    RETURN by_index = by_heap AND by_heap > 0;
END $$;
SELECT runs_built FROM build_cascades(ARRAY(SELECT run_id FROM runs));
SELECT index_agrees() AS after_named_runs;
SELECT runs_built FROM build_cascades();
SELECT index_agrees() AS after_all_runs;
EXPLAIN (COSTS OFF) SELECT claim_id FROM claims WHERE run_id = 'w/1' AND root_claim_id = 'x';

-- Named runs and all runs give the same rows (the full build was taken before the index).
SELECT runs_built FROM build_cascades(ARRAY['w/2', 'w/1', 'w/3']);
SELECT (SELECT count(*) FROM (SELECT * FROM claims EXCEPT ALL SELECT * FROM full_claims) d)
     + (SELECT count(*) FROM (SELECT * FROM full_claims EXCEPT ALL SELECT * FROM claims) d)
     + (SELECT count(*) FROM (SELECT * FROM cascades EXCEPT ALL SELECT * FROM full_cascades) d)
     + (SELECT count(*) FROM (SELECT * FROM full_cascades EXCEPT ALL SELECT * FROM cascades) d)
     + (SELECT count(*) FROM (SELECT * FROM event_sizes EXCEPT ALL SELECT * FROM full_sizes) d)
     + (SELECT count(*) FROM (SELECT * FROM full_sizes EXCEPT ALL SELECT * FROM event_sizes) d)
     + (SELECT count(*) FROM (SELECT * FROM subtasks EXCEPT ALL SELECT * FROM full_subtasks) d)
     + (SELECT count(*) FROM (SELECT * FROM full_subtasks EXCEPT ALL SELECT * FROM subtasks) d)
       AS rows_differing,
       (SELECT count(*) FROM claims) = (SELECT count(*) FROM full_claims) AS same_claim_count;

-- Privileges: rebuilding all runs truncates (TRUNCATE privilege); named runs need DELETE and
-- INSERT only (and both need INSERT, UPDATE on run_builds). Row-level security that applies
-- to the caller is refused, not bypassed.
CREATE ROLE regress_collcog_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO regress_collcog_writer;
GRANT INSERT, DELETE ON claims, subtasks, cascades, event_sizes, cascade_agents, rejects TO regress_collcog_writer;
GRANT INSERT, UPDATE ON run_builds TO regress_collcog_writer;
SET ROLE regress_collcog_writer;
SELECT runs_built FROM build_cascades();
SELECT runs_built FROM build_cascades(ARRAY['w/1']);
RESET ROLE;
GRANT TRUNCATE ON claims, subtasks, cascades, event_sizes, cascade_agents, run_builds TO regress_collcog_writer;
ALTER TABLE claims ENABLE ROW LEVEL SECURITY;
SET ROLE regress_collcog_writer;
SELECT runs_built FROM build_cascades();
RESET ROLE;
ALTER TABLE claims DISABLE ROW LEVEL SECURITY;
REVOKE INSERT ON cascades FROM regress_collcog_writer;
SET ROLE regress_collcog_writer;
SELECT runs_built FROM build_cascades(ARRAY['w/1']);
RESET ROLE;
GRANT INSERT ON cascades TO regress_collcog_writer;
-- Events are read through their primary key, not a query: SELECT on the columns read is
-- checked as a query would, and row-level security on events is refused.
REVOKE SELECT ON events FROM regress_collcog_writer;
GRANT SELECT (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids,
              target_claim_id, subtask_id, parent_subtask_id) ON events TO regress_collcog_writer;
SET ROLE regress_collcog_writer;
SELECT runs_built FROM build_cascades();
RESET ROLE;
GRANT SELECT (ts) ON events TO regress_collcog_writer;
SET ROLE regress_collcog_writer;
SELECT runs_built FROM build_cascades();
RESET ROLE;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
SET ROLE regress_collcog_writer;
SELECT runs_built FROM build_cascades();
RESET ROLE;
ALTER TABLE events DISABLE ROW LEVEL SECURITY;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM regress_collcog_writer;
DROP ROLE regress_collcog_writer;

-- Tables the bulk writer cannot fill as INSERT would: refused, with the table named, and the
-- derived rows left as they were.
CREATE FUNCTION no_op() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER audit BEFORE INSERT ON cascades FOR EACH ROW EXECUTE FUNCTION no_op();
SELECT runs_built FROM build_cascades();
SELECT runs_built FROM build_cascades(ARRAY['w/1']);
DROP TRIGGER audit ON cascades;
ALTER TABLE event_sizes ADD COLUMN note text;
SELECT runs_built FROM build_cascades();
ALTER TABLE event_sizes DROP COLUMN note;
ALTER TABLE subtasks ALTER COLUMN subtask_depth TYPE bigint;
SELECT runs_built FROM build_cascades();
ALTER TABLE subtasks ALTER COLUMN subtask_depth TYPE integer;
ALTER TABLE cascades RENAME COLUMN tce TO total_events;
SELECT runs_built FROM build_cascades();
ALTER TABLE cascades RENAME COLUMN total_events TO tce;
SELECT count(*) = (SELECT count(*) FROM full_claims) AS claims_unchanged FROM claims;

-- A dropped column (event_sizes.note above) is skipped: the rebuild works and is unchanged.
SELECT runs_built FROM build_cascades();
SELECT count(*) AS sizes_differing FROM (SELECT * FROM event_sizes EXCEPT ALL SELECT * FROM full_sizes) d;

-- The events reader needs the primary key (run_id, step_id) and the column types of events.
BEGIN;
ALTER TABLE events DROP CONSTRAINT events_pkey;
SELECT runs_built FROM build_cascades();
ROLLBACK;
BEGIN;
ALTER TABLE events ALTER COLUMN ts TYPE timestamp;
SELECT runs_built FROM build_cascades();
ROLLBACK;

DROP TABLE full_claims, full_cascades, full_sizes, full_subtasks;
DROP FUNCTION index_agrees();
DROP FUNCTION no_op();
DROP EXTENSION collcog;
