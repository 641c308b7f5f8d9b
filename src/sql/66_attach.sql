-- Preferential attachment (paper 000, Sec. 5.2, Eq. 5-6; DESIGN section 5): the routing
-- ratio R(k) and the attachment exponent beta, from the events of stored runs (the derived
-- tables of build_cascades() are not needed). Reference: docs/reference/routing_ratio.md,
-- attachment_exponent.md.

CREATE FUNCTION @extschema@.routing_ratio(run_ids text[] DEFAULT NULL)
RETURNS TABLE (n_agents integer, event_type @extschema@.event_type, k integer,
               selections bigint, expected double precision, ratio double precision)
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'routing_ratio';
COMMENT ON FUNCTION @extschema@.routing_ratio(text[]) IS
    'Routing ratio R(k) = selections / expected of claims at activity k, per n_agents, for all event types together (event_type NULL) and per type, summed over the runs named (all by default), replayed from events in step order.';

CREATE FUNCTION @extschema@.attachment_exponent(
    run_ids        text[]  DEFAULT NULL,
    min_selections integer DEFAULT 5,
    replicates     integer DEFAULT 200,
    seed           bigint  DEFAULT 1)
RETURNS TABLE (n_agents integer, event_type @extschema@.event_type, runs integer,
               selections bigint, levels integer, beta double precision,
               beta_lo double precision, beta_hi double precision, replicates integer,
               beta_mle double precision, beta_mle_se double precision)
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'attachment_exponent';
COMMENT ON FUNCTION @extschema@.attachment_exponent(text[], integer, integer, bigint) IS
    'Attachment exponent per n_agents and event type (NULL: all types): beta the selections-weighted least-squares slope of ln R(k) on ln k over levels k >= 1 with at least min_selections selections, its 95% percentile bootstrap interval over runs (seeded, cancellable), and beta_mle the maximum-likelihood exponent of P(c) ~ (1 + k_c)^beta over the available claims, with its standard error.';

-- The across-condition link of paper 000 (Sec. 5.2: "Across conditions, beta predicts
-- S_top10"): per condition (topology, task_family, n_agents) the attachment exponent of its
-- runs (all event types together, or the one named) and the mean top-10% share of their
-- active agents (agent_concentration), with the least-squares line of the share on beta over
-- the conditions that have both (slope, intercept, R^2 and their number, on every row).
CREATE FUNCTION @extschema@.elite_attachment_link(
    event_type     text    DEFAULT NULL,
    min_selections integer DEFAULT 5,
    run_ids        text[]  DEFAULT NULL)
RETURNS TABLE (topology text, task_family text, n_agents integer, runs bigint,
               beta double precision, beta_mle double precision,
               top10_share double precision, conditions bigint, slope double precision,
               intercept double precision, r2 double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF event_type IS NOT NULL
       AND NOT event_type = ANY (enum_range(NULL::@extschema@.event_type)::text[]) THEN
        RAISE EXCEPTION 'event_type must be NULL or one of %, not "%"',
            array_to_string(enum_range(NULL::@extschema@.event_type)::text[], ', '), event_type
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM @extschema@.check_run_ids(run_ids);
    RETURN QUERY
    WITH conditions AS (
        SELECT a.topology, a.task_family, a.n_agents, count(*) AS runs,
               avg(a.top10_share_active) AS top10_share, array_agg(a.run_id::text) AS ids
        FROM @extschema@.agent_concentration a
        WHERE run_ids IS NULL OR a.run_id = ANY (run_ids)
        GROUP BY a.topology, a.task_family, a.n_agents
    ), linked AS (
        SELECT c.topology, c.task_family, c.n_agents, c.runs, x.beta, x.beta_mle, c.top10_share
        FROM conditions c
        LEFT JOIN LATERAL (
            SELECT e.beta, e.beta_mle
            FROM @extschema@.attachment_exponent(c.ids, min_selections, 0) e
            WHERE e.event_type::text IS NOT DISTINCT FROM elite_attachment_link.event_type) x
          ON true
    )
    SELECT l.topology, l.task_family, l.n_agents, l.runs, l.beta, l.beta_mle, l.top10_share,
           regr_count(l.top10_share, l.beta) OVER (), regr_slope(l.top10_share, l.beta) OVER (),
           regr_intercept(l.top10_share, l.beta) OVER (), regr_r2(l.top10_share, l.beta) OVER ()
    FROM linked l
    ORDER BY l.topology NULLS LAST, l.task_family NULLS LAST, l.n_agents NULLS LAST;
END $$;
COMMENT ON FUNCTION @extschema@.elite_attachment_link(text, integer, text[]) IS
    'Per condition (topology, task_family, n_agents): the attachment exponent beta (and beta_mle) of its runs and their mean top-10% share of claims among active agents, with the least-squares line of the share on beta over the conditions (paper 000, Sec. 5.2).';
