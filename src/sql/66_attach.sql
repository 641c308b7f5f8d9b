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
