-- A user's search_path never reaches into collcog's code: with hostile operators, functions
-- and aggregates in a schema ahead of the extension's and of pg_catalog, every collcog
-- function, procedure and trigger that runs SQL gives the same results and calls none of them
-- (each hostile object raises an error naming itself).
CREATE EXTENSION collcog;
\set VERBOSITY terse
CREATE SCHEMA evil;
CREATE FUNCTION evil.hijacked(what text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'hijacked by evil %', what;
END $$;

-- Operators for every pair of the types collcog's SQL compares or computes with, more
-- specific than pg_catalog's for trace_id (a domain) and equal to them for the rest.
DO $$
DECLARE
    types text[] := ARRAY['text', 'public.trace_id', 'bigint', 'integer', 'double precision',
                          'boolean', 'timestamp with time zone'];
    ops text[] := ARRAY['=', '<>', '<', '<=', '>', '>=', '+', '-', '*', '/', '||'];
    l text;
    r text;
    o text;
    n int := 0;
BEGIN
    FOREACH l IN ARRAY types LOOP
        FOREACH r IN ARRAY types LOOP
            n := n + 1;
            EXECUTE format('CREATE FUNCTION evil.op%s(%s, %s) RETURNS boolean LANGUAGE sql
                AS $f$ SELECT evil.hijacked(%L) $f$', n, l, r, 'operator on ' || l || ', ' || r);
            FOREACH o IN ARRAY ops LOOP
                EXECUTE format('CREATE OPERATOR evil.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = evil.op%s)',
                               o, l, r, n);
            END LOOP;
        END LOOP;
    END LOOP;
END $$;

-- Functions and aggregates by the names collcog's SQL uses, for the exact types it passes.
CREATE FUNCTION evil.unnest(text[]) RETURNS SETOF text LANGUAGE sql
    AS $$ SELECT 'x' WHERE evil.hijacked('unnest(text[])') $$;
CREATE FUNCTION evil.unnest(public.trace_id[]) RETURNS SETOF text LANGUAGE sql
    AS $$ SELECT 'x' WHERE evil.hijacked('unnest(trace_id[])') $$;
CREATE FUNCTION evil.length(text) RETURNS integer LANGUAGE sql
    AS $$ SELECT 1 WHERE evil.hijacked('length(text)') $$;
CREATE FUNCTION evil.cardinality(text[]) RETURNS integer LANGUAGE sql
    AS $$ SELECT 1 WHERE evil.hijacked('cardinality(text[])') $$;
CREATE FUNCTION evil.now() RETURNS timestamptz LANGUAGE sql
    AS $$ SELECT NULL::timestamptz WHERE evil.hijacked('now()') $$;
CREATE FUNCTION evil.agg_step(bigint, anyelement) RETURNS bigint LANGUAGE sql
    AS $$ SELECT 0::bigint WHERE evil.hijacked('an aggregate') $$;
CREATE FUNCTION evil.agg_step0(bigint) RETURNS bigint LANGUAGE sql
    AS $$ SELECT 0::bigint WHERE evil.hijacked('count(*)') $$;
CREATE AGGREGATE evil.count(*) (SFUNC = evil.agg_step0, STYPE = bigint);
CREATE AGGREGATE evil.count(text) (SFUNC = evil.agg_step, STYPE = bigint);
CREATE AGGREGATE evil.count(public.trace_id) (SFUNC = evil.agg_step, STYPE = bigint);
CREATE AGGREGATE evil.sum(bigint) (SFUNC = evil.agg_step, STYPE = bigint);
CREATE AGGREGATE evil.sum(integer) (SFUNC = evil.agg_step, STYPE = bigint);
CREATE AGGREGATE evil.avg(integer) (SFUNC = evil.agg_step, STYPE = bigint);

-- The hostile objects work: an unqualified query on that search_path calls them.
SET search_path = evil, public, pg_catalog;
SELECT 'a'::text = 'a'::text;
SELECT count(*) FROM (VALUES (1)) v;
RESET search_path;

-- Every collcog entry point that runs SQL, on the hostile search_path.
SET search_path = evil, public, pg_catalog;
CALL simulate_routing_into(n_agents => 6, steps => 40, runs => 3, seed => 5);
CALL simulate_network_into(steps => 10, runs => 2, seed => 5);
CREATE TEMP TABLE prominence AS SELECT * FROM type_prominence(ARRAY['net/1', 'net/2']);
CREATE TEMP TABLE pair_weights AS SELECT * FROM type_pair_weights(ARRAY['net/1', 'net/2']);
RESET search_path;
CREATE TEMP TABLE prominence_safe AS SELECT * FROM type_prominence(ARRAY['net/1', 'net/2']);
CREATE TEMP TABLE pair_weights_safe AS SELECT * FROM type_pair_weights(ARRAY['net/1', 'net/2']);
SET search_path = evil, public, pg_catalog;
CREATE TEMP TABLE built AS SELECT * FROM build_cascades();
CREATE TEMP TABLE rebuilt AS SELECT * FROM build_cascades(ARRAY['sim/1', 'sim/2']);
CREATE TEMP TABLE dti AS SELECT * FROM dti_estimate();
CREATE TEMP TABLE summary AS SELECT * FROM trace_summary();
CREATE TEMP TABLE from_key AS SELECT * FROM cascades_from('public.events');
CREATE VIEW public.events_view AS SELECT * FROM public.events;
CREATE TEMP TABLE from_query AS SELECT * FROM claims_from('public.events_view');
CREATE TEMP TABLE anatomy AS SELECT * FROM cascade_anatomy();
UPDATE public.events SET ts = ts WHERE step_id OPERATOR(pg_catalog.=) 1;
UPDATE public.runs SET topology = topology;
CREATE TEMP TABLE stale AS SELECT run_id, reason FROM public.stale_runs;
CREATE TEMP TABLE runs_touched AS SELECT DISTINCT run_id FROM public.events WHERE step_id OPERATOR(pg_catalog.=) 1;
DELETE FROM public.runs WHERE run_id OPERATOR(pg_catalog.=) 'sim/3';
CREATE TEMP TABLE after_delete AS SELECT run_id FROM public.claims;
TRUNCATE public.messages, public.runs CASCADE;
CREATE TEMP TABLE after_truncate AS SELECT run_id FROM public.claims;
RESET search_path;

-- ... and gave what they give on an ordinary search_path: the rows of three runs, the
-- derived rows of the deleted run gone with it, and none left after the truncation.
SELECT (SELECT runs_built FROM built) AS built, (SELECT runs_built FROM rebuilt) AS rebuilt,
       (SELECT runs FROM summary WHERE topology = 'fully_connected') AS summary_runs,
       (SELECT count(*) FROM from_key) = (SELECT cascades FROM built) AS cascades_from_agrees,
       (SELECT count(*) FROM from_query) = (SELECT claims FROM built) AS claims_from_agrees,
       (SELECT count(*) FROM anatomy) AS anatomy_bands,
       (SELECT count(*) FROM dti WHERE beta_c IS NOT NULL) AS dti_classes,
       (SELECT array_agg(run_id ORDER BY run_id) FROM stale)
         = (SELECT array_agg(run_id ORDER BY run_id) FROM runs_touched) AS stale_are_updated,
       (SELECT count(DISTINCT run_id) FROM after_delete) AS runs_left_after_delete,
       (SELECT count(*) FROM after_delete WHERE run_id = 'sim/3') AS claims_of_deleted_run,
       (SELECT count(*) FROM after_truncate) AS claims_left_after_truncate,
       (SELECT count(*) FROM prominence) > 0
         AND NOT EXISTS (SELECT * FROM prominence EXCEPT ALL SELECT * FROM prominence_safe)
         AND NOT EXISTS (SELECT * FROM prominence_safe EXCEPT ALL SELECT * FROM prominence)
         AS prominence_agrees,
       (SELECT count(*) FROM pair_weights) > 0
         AND NOT EXISTS (SELECT * FROM pair_weights EXCEPT ALL SELECT * FROM pair_weights_safe)
         AS pair_weights_agree;

-- Guard for routines to come: every SQL or PL/pgSQL routine of the extension sets its
-- search_path, but trace_summary and type_prominence, which qualify every name (and stay
-- inlinable).
SELECT p.proname, l.lanname
FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
JOIN pg_language l ON l.oid = p.prolang
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'collcog')
  AND l.lanname <> 'c' AND p.prokind <> 'a'
  AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false)
ORDER BY 1;

DROP TABLE prominence, prominence_safe, pair_weights, pair_weights_safe, built, rebuilt, dti, summary, from_key, from_query, anatomy, stale, runs_touched,
    after_delete, after_truncate;
DROP VIEW events_view;
DROP SCHEMA evil CASCADE;
DROP EXTENSION collcog;
