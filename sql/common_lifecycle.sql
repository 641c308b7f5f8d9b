-- DROP EXTENSION removes every collcog object; CREATE again starts empty.
CREATE EXTENSION collcog;
INSERT INTO runs (run_id) VALUES ('r1');
DROP EXTENSION collcog;
SELECT count(*) AS leftover_tables FROM pg_class WHERE relname IN
    ('runs', 'agents', 'events', 'messages', 'rejects', 'claims', 'subtasks', 'cascades');
SELECT count(*) AS leftover_types FROM pg_type WHERE typname IN ('event_type', 'claim_status', 'trace_id');
CREATE EXTENSION collcog;
SELECT count(*) AS runs FROM runs;
-- A second CREATE is an error, not a silent success.
\set VERBOSITY terse
CREATE EXTENSION collcog;
-- Installing into a chosen schema keeps the objects there.
DROP EXTENSION collcog;
CREATE SCHEMA traces;
CREATE EXTENSION collcog SCHEMA traces;
SELECT count(*) AS tables_in_schema FROM pg_tables WHERE schemaname = 'traces';
SELECT * FROM traces.trace_summary();
DROP EXTENSION collcog;
DROP SCHEMA traces;
-- Creating the extension, loading traces and building cascades in one transaction (the
-- derived tables are new in it, and the reload empties them in place).
BEGIN;
CREATE EXTENSION collcog;
CALL simulate_routing_into(n_agents => 4, steps => 30, runs => 2, seed => 3);
SELECT runs_built, claims > 0 AS has_claims FROM build_cascades();
SELECT count(*) > 0 AS claims_readable FROM claims;
SET LOCAL enable_seqscan = off;  -- through the rebuilt primary key
SELECT count(*) = (SELECT count(*) FROM claims WHERE run_id LIKE 'sim/%') AS index_agrees
FROM claims WHERE run_id IN ('sim/1', 'sim/2');
COMMIT;
DROP EXTENSION collcog;
