-- A first look at a warehouse: what is loaded, per topology.

CREATE FUNCTION @extschema@.trace_summary()
RETURNS TABLE (topology text, runs bigint, agents bigint, events bigint, claims bigint,
               success_rate double precision)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT r.topology,
           count(*),
           sum(a.n)::bigint,
           sum(e.n_events)::bigint,
           sum(e.n_claims)::bigint,
           avg(r.success::int)::double precision
    FROM @extschema@.runs r
    CROSS JOIN LATERAL (SELECT count(*) AS n FROM @extschema@.agents x
                        WHERE x.run_id = r.run_id) a
    CROSS JOIN LATERAL (SELECT count(*) AS n_events, count(claim_id) AS n_claims
                        FROM @extschema@.events x WHERE x.run_id = r.run_id) e
    GROUP BY r.topology
    ORDER BY r.topology NULLS LAST
$$;
COMMENT ON FUNCTION @extschema@.trace_summary() IS
    'Runs, agents, events and claims loaded per topology, with the success rate of runs whose outcome is recorded.';
