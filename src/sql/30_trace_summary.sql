-- A first look at a warehouse: what is loaded, per topology.

CREATE FUNCTION @extschema@.trace_summary()
RETURNS TABLE (topology text, runs bigint, agents bigint, events bigint, claims bigint,
               success_rate double precision)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    -- Every function and operator qualified, so no caller's search_path reaches them (the
    -- function stays inlinable and parallel safe, which a SET clause would prevent).
    SELECT r.topology,
           pg_catalog.count(*),
           pg_catalog.sum(a.n)::pg_catalog.int8,
           pg_catalog.sum(e.n_events)::pg_catalog.int8,
           pg_catalog.sum(e.n_claims)::pg_catalog.int8,
           pg_catalog.avg(r.success::pg_catalog.int4)::pg_catalog.float8
    FROM @extschema@.runs r
    CROSS JOIN LATERAL (SELECT pg_catalog.count(*) AS n FROM @extschema@.agents x
                        WHERE x.run_id OPERATOR(pg_catalog.=) r.run_id) a
    CROSS JOIN LATERAL (SELECT pg_catalog.count(*) AS n_events,
                               pg_catalog.count(claim_id) AS n_claims
                        FROM @extschema@.events x
                        WHERE x.run_id OPERATOR(pg_catalog.=) r.run_id) e
    GROUP BY r.topology
    ORDER BY r.topology NULLS LAST
$$;
COMMENT ON FUNCTION @extschema@.trace_summary() IS
    'Runs, agents, events and claims loaded per topology, with the success rate of runs whose outcome is recorded.';
