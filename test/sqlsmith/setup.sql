-- The database sqlsmith runs against (test/sqlsmith/run): collcog in a schema of its own,
-- with the sample traces loaded and build_cascades() run before this file.
--
-- Two login roles, neither a superuser: smith_all sees every routine of the server;
-- smith_focus sees only collcog's. sqlsmith reads the routines from "pg_proc" without a
-- schema, and a schema named in search_path before pg_catalog hides the catalog's table of
-- that name, so smith_focus reads a copy of collcog's rows instead. A materialized view,
-- because information_schema.tables (where sqlsmith finds the tables its queries use) does
-- not list those: as a plain view, it was in three queries of four.
CREATE SCHEMA smith_focus;
CREATE MATERIALIZED VIEW smith_focus.pg_proc AS
SELECT p.*
FROM pg_catalog.pg_proc p
WHERE p.oid IN (SELECT d.objid
                FROM pg_catalog.pg_depend d
                JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
                WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                  AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                  AND d.deptype = 'e' AND e.extname = 'collcog');

CREATE ROLE smith_all LOGIN;
CREATE ROLE smith_focus LOGIN;
ALTER ROLE smith_focus SET search_path = smith_focus, pg_catalog;
GRANT USAGE ON SCHEMA smith_focus TO smith_focus;
GRANT SELECT ON smith_focus.pg_proc TO smith_focus;

-- Both may read and change the traces (collcog's writers run too) but own nothing.
GRANT USAGE ON SCHEMA collcog TO smith_all, smith_focus;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA collcog TO smith_all, smith_focus;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA collcog TO smith_all, smith_focus;

-- A session may end its own role's sessions; that is not a crash, so it is not offered.
REVOKE EXECUTE ON FUNCTION pg_catalog.pg_terminate_backend(integer, bigint) FROM PUBLIC;
