-- collcog 0.1.0 -> 0.2.0 (CHANGELOG.md says what changed; test/integration/50_upgrade.t.sh
-- compares the result with a fresh install).
\echo Use "ALTER EXTENSION collcog UPDATE TO '0.2.0'" to load this file. \quit

-- simulate_routing_into and simulate_network_into insert by column name, not position, and
-- set their search_path.
CREATE OR REPLACE PROCEDURE @extschema@.simulate_routing_into(
    n_agents integer DEFAULT 8,
    steps bigint DEFAULT 200,
    gamma double precision DEFAULT 1.0,
    agent_gamma double precision DEFAULT NULL,
    mix double precision[] DEFAULT '{0.15,0.30,0.15,0.10,0.10,0.20}',
    topology text DEFAULT 'fully_connected',
    context_window bigint DEFAULT NULL,
    depth_limit integer DEFAULT NULL,
    token_budget bigint DEFAULT NULL,
    subtasks integer DEFAULT NULL,
    dependency_prob double precision DEFAULT 0.1,
    max_fanin integer DEFAULT 4,
    mean_tokens double precision DEFAULT 200,
    runs integer DEFAULT 1,
    seed bigint DEFAULT 1,
    run_prefix text DEFAULT 'sim',
    start_time timestamptz DEFAULT '2026-01-01 00:00:00+00',
    task_family text DEFAULT 'synthetic',
    dti_c double precision DEFAULT NULL,
    dti_beta double precision DEFAULT NULL,
    dti_tau double precision DEFAULT NULL)
LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$
    -- Columns by name, so that neither side depends on the other's order.
    INSERT INTO @extschema@.runs (run_id, benchmark, task_family, topology, n_agents, model, seed, success, score, started_at, meta)
        SELECT run_id, benchmark, task_family, topology, n_agents, model, seed, success, score, started_at, meta
        FROM @extschema@.simulate_routing_runs(n_agents, steps, gamma, agent_gamma, mix, topology, context_window, depth_limit, token_budget, subtasks, dependency_prob, max_fanin, mean_tokens, runs, seed, run_prefix, start_time, task_family, dti_c, dti_beta, dti_tau);
    INSERT INTO @extschema@.agents (run_id, agent_id, agent_type, model, role)
        SELECT run_id, agent_id, agent_type, model, role
        FROM @extschema@.simulate_routing_agents(n_agents, steps, gamma, agent_gamma, mix, topology, context_window, depth_limit, token_budget, subtasks, dependency_prob, max_fanin, mean_tokens, runs, seed, run_prefix, start_time, task_family, dti_c, dti_beta, dti_tau);
    -- In the select list the function streams one row per call (no tuplestore).
    INSERT INTO @extschema@.events (run_id, step_id, ts, agent_id, event_type, claim_id, parent_claim_ids, target_claim_id, subtask_id, parent_subtask_id, message_length, payload)
        SELECT (e).run_id, (e).step_id, (e).ts, (e).agent_id, (e).event_type, (e).claim_id, (e).parent_claim_ids, (e).target_claim_id, (e).subtask_id, (e).parent_subtask_id, (e).message_length, (e).payload
        FROM (SELECT @extschema@.simulate_routing(n_agents, steps, gamma, agent_gamma, mix, topology, context_window, depth_limit, token_budget, subtasks, dependency_prob, max_fanin, mean_tokens, runs, seed, run_prefix, start_time, task_family, dti_c, dti_beta, dti_tau) AS e OFFSET 0) s;
$$;

CREATE OR REPLACE PROCEDURE @extschema@.simulate_network_into(
    steps bigint DEFAULT 100,
    p double precision DEFAULT 0.25,
    q double precision DEFAULT 0.25,
    r double precision DEFAULT 0.5,
    m1 integer DEFAULT 3,
    m2 integer DEFAULT 3,
    m3 integer DEFAULT 3,
    d integer DEFAULT 3,
    delta double precision DEFAULT 1.5,
    xi double precision DEFAULT 1.5,
    initial_r integer DEFAULT 2,
    initial_b integer DEFAULT 2,
    initial_weight double precision DEFAULT 0.05,
    mu double precision[] DEFAULT '{1,1,1,1}',
    noise double precision DEFAULT 0.5,
    beta double precision DEFAULT 0,
    uniform_within_type boolean DEFAULT false,
    runs integer DEFAULT 1,
    seed bigint DEFAULT 1,
    run_prefix text DEFAULT 'net',
    start_time timestamptz DEFAULT '2026-01-01 00:00:00+00')
LANGUAGE sql SET search_path = pg_catalog, pg_temp
AS $$
    -- Columns by name, so that neither side depends on the other's order.
    INSERT INTO @extschema@.runs (run_id, benchmark, task_family, topology, n_agents, model, seed, success, score, started_at, meta)
        SELECT run_id, benchmark, task_family, topology, n_agents, model, seed, success, score, started_at, meta
        FROM @extschema@.simulate_network_runs(steps, p, q, r, m1, m2, m3, d, delta, xi, initial_r, initial_b, initial_weight, mu, noise, beta, uniform_within_type, runs, seed, run_prefix, start_time);
    INSERT INTO @extschema@.agents (run_id, agent_id, agent_type, model, role)
        SELECT run_id, agent_id, agent_type, model, role
        FROM @extschema@.simulate_network_agents(steps, p, q, r, m1, m2, m3, d, delta, xi, initial_r, initial_b, initial_weight, mu, noise, beta, uniform_within_type, runs, seed, run_prefix, start_time);
    -- In the select list the function streams one row per call (no tuplestore).
    INSERT INTO @extschema@.messages (run_id, t, source, target, weight)
        SELECT (m).run_id, (m).t, (m).source, (m).target, (m).weight
        FROM (SELECT @extschema@.simulate_network(steps, p, q, r, m1, m2, m3, d, delta, xi, initial_r, initial_b, initial_weight, mu, noise, beta, uniform_within_type, runs, seed, run_prefix, start_time) AS m OFFSET 0) s;
$$;

-- No caller's search_path reaches the SQL the extension runs: the routines that run SQL set
-- their own, trace_summary qualifies every name.
CREATE OR REPLACE FUNCTION @extschema@.trace_summary()
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
ALTER FUNCTION @extschema@.build_cascades(text[], bigint, interval, text)
    SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.claims_from(regclass, bigint, interval)
    SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.subtasks_from(regclass) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.cascades_from(regclass) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.event_sizes_from(regclass, bigint, interval)
    SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION @extschema@.cascade_anatomy(regclass, text) SET search_path = pg_catalog, pg_temp;

-- Deleting runs takes the locks build_cascades() takes, so that a run deleted while it is
-- being built leaves no derived rows behind, and removes the runs' build records and
-- cascade_agents rows (both below).
CREATE OR REPLACE FUNCTION @extschema@.delete_derived_rows() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    run text;
    waits_fail boolean := current_setting('transaction_isolation') <> 'read committed';
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE @extschema@.claims, @extschema@.subtasks, @extschema@.cascades, @extschema@.event_sizes,
                 @extschema@.cascade_agents, @extschema@.run_builds;
        RETURN NULL;
    END IF;
    IF NOT pg_try_advisory_xact_lock_shared(TG_RELID::bigint) THEN
        IF waits_fail THEN
            RAISE EXCEPTION 'could not serialize access due to a concurrent change of the derived tables'
                USING ERRCODE = 'serialization_failure', HINT = 'Retry the transaction.';
        END IF;
        PERFORM pg_advisory_xact_lock_shared(TG_RELID::bigint);
    END IF;
    FOR run IN SELECT DISTINCT r.run_id::text COLLATE "C" FROM deleted_runs r ORDER BY 1 LOOP
        IF NOT pg_try_advisory_xact_lock(TG_RELID::int4, hashtext(run)) THEN
            IF waits_fail THEN
                RAISE EXCEPTION 'could not serialize access due to a concurrent change of run "%"', run
                    USING ERRCODE = 'serialization_failure', HINT = 'Retry the transaction.';
            END IF;
            PERFORM pg_advisory_xact_lock(TG_RELID::int4, hashtext(run));
        END IF;
    END LOOP;
    DELETE FROM @extschema@.claims d USING deleted_runs r WHERE d.run_id = r.run_id;
    DELETE FROM @extschema@.subtasks d USING deleted_runs r WHERE d.run_id = r.run_id;
    DELETE FROM @extschema@.cascades d USING deleted_runs r WHERE d.run_id = r.run_id;
    DELETE FROM @extschema@.event_sizes d USING deleted_runs r WHERE d.run_id = r.run_id;
    DELETE FROM @extschema@.cascade_agents d USING deleted_runs r WHERE d.run_id = r.run_id;
    DELETE FROM @extschema@.run_builds d USING deleted_runs r WHERE d.run_id = r.run_id;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@.delete_derived_rows() IS
    'Trigger on runs: removes the derived rows (claims, subtasks, cascades, event_sizes, cascade_agents) and the build records of deleted or truncated runs.';

-- Heavy tails: tail_bootstrap reports the replicates whose fit sat at the model's boundary
-- apart (a new result column, so the function is replaced; the C function is the same and fills the columns its SQL has). The aggregates'
-- FINALFUNC_MODIFY, now written out, is READ_ONLY as 0.1.0's default was: no change.
DROP FUNCTION @extschema@.tail_bootstrap(@extschema@.tail_hist, text, integer, bigint, double precision, double precision);
CREATE FUNCTION @extschema@.tail_bootstrap(
    h          @extschema@.tail_hist,
    model      text             DEFAULT 'power_law',
    replicates integer          DEFAULT 1000,
    seed       bigint           DEFAULT 1,
    level      double precision DEFAULT 0.95,
    xmin       double precision DEFAULT NULL)
RETURNS TABLE (parameter text, estimate double precision, lo double precision,
               hi double precision, replicates integer, boundary_replicates integer)
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 3
AS 'MODULE_PATHNAME', 'tail_bootstrap_hist';
COMMENT ON FUNCTION @extschema@.tail_bootstrap(@extschema@.tail_hist, text, integer, bigint, double precision, double precision) IS
    'Nonparametric bootstrap percentile intervals at level for the parameters of model (over the replicates whose fit is interior) and for xmin (over all that gave a fit; re-selected under the power law in every replicate unless xmin is fixed); seeded (mt19937), cancellable; replicates = replicates that gave a fit, boundary_replicates = those whose fit sat at the model''s boundary.';

-- build_cascades() records its builds in run_builds; triggers mark a built run whose trace
-- changes; stale_runs lists what needs rebuilding (runs built by 0.1.0 show as not built).
CREATE TABLE @extschema@.run_builds (
    run_id         @extschema@.trace_id PRIMARY KEY,
    built_at       timestamptz NOT NULL,
    skipped        boolean NOT NULL,
    n_events       bigint NOT NULL CHECK (n_events >= 0),
    burst_steps    bigint,
    burst_interval interval,
    changed_at     timestamptz
);
COMMENT ON TABLE @extschema@.run_builds IS
    'One row per run build_cascades() has built or skipped: when, with which options, from how many events, and when its events or attributes changed afterwards (NULL: not since).';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.run_builds', '');
CREATE FUNCTION @extschema@.mark_runs_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE @extschema@.run_builds SET changed_at = now() WHERE changed_at IS NULL;
    ELSIF TG_TABLE_NAME = 'runs' THEN
        -- A run whose run_id changed has no events (their foreign key forbids it): its build
        -- record goes.
        DELETE FROM @extschema@.run_builds b
        WHERE b.run_id IN (SELECT run_id FROM old_rows EXCEPT SELECT run_id FROM new_rows);
        UPDATE @extschema@.run_builds b SET changed_at = now()
        FROM new_rows n
        WHERE b.run_id = n.run_id AND b.changed_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM old_rows o
                          WHERE o.run_id = n.run_id
                            AND (o.topology, o.task_family, o.n_agents, o.model)
                                IS NOT DISTINCT FROM (n.topology, n.task_family, n.n_agents, n.model));
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE @extschema@.run_builds b SET changed_at = now()
        WHERE b.changed_at IS NULL
          AND (b.run_id IN (SELECT run_id FROM old_rows) OR b.run_id IN (SELECT run_id FROM new_rows));
    ELSE
        UPDATE @extschema@.run_builds b SET changed_at = now()
        WHERE b.changed_at IS NULL AND b.run_id IN (SELECT run_id FROM old_rows);
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@.mark_runs_changed() IS
    'Trigger on events and runs: records in run_builds that a built run''s events or cascade attributes changed.';
CREATE TRIGGER events_update_mark_changed AFTER UPDATE ON @extschema@.events
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.mark_runs_changed();
CREATE TRIGGER events_delete_mark_changed AFTER DELETE ON @extschema@.events
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.mark_runs_changed();
CREATE TRIGGER events_truncate_mark_changed AFTER TRUNCATE ON @extschema@.events
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.mark_runs_changed();
CREATE TRIGGER runs_update_mark_changed AFTER UPDATE ON @extschema@.runs
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.mark_runs_changed();
CREATE VIEW @extschema@.stale_runs AS
SELECT r.run_id, b.built_at, b.changed_at,
       CASE WHEN b.run_id IS NULL THEN 'not built'
            WHEN b.skipped THEN 'skipped by build_cascades (see rejects)'
            WHEN b.changed_at IS NOT NULL THEN 'events or run attributes changed since the build'
            ELSE 'events added since the build'
       END AS reason
FROM @extschema@.runs r
LEFT JOIN @extschema@.run_builds b ON b.run_id = r.run_id
LEFT JOIN (SELECT run_id, count(*) AS n FROM @extschema@.events GROUP BY run_id) e
       ON e.run_id = r.run_id
WHERE b.run_id IS NULL OR b.skipped OR b.changed_at IS NOT NULL
   OR coalesce(e.n, 0) <> b.n_events;
COMMENT ON VIEW @extschema@.stale_runs IS
    'Runs to rebuild with build_cascades(): never built, skipped as bad, or changed since their build; build_cascades(ARRAY(SELECT run_id FROM stale_runs)) brings them up to date.';

-- Deficit-Triggered Integration: dti_estimate() (new).
-- The parameters of each condition class (topology x task family), from the built cascades
-- of baseline runs: beta_c the least-squares slope of ln(1 + contradictions) on ln(events),
-- c = sum(merges) / sum(events ^ beta_c), tau the mean plus one sample standard deviation of
-- the deficit c events^beta_c - merges at cascade termination.
CREATE FUNCTION @extschema@.dti_estimate(run_ids text[] DEFAULT NULL)
RETURNS TABLE (topology text, task_family text, cascades bigint, beta_c double precision,
               c double precision, tau double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM @extschema@.check_built_runs(run_ids);
    RETURN QUERY
    WITH class_cascades AS (
        SELECT k.topology, k.task_family, k.tce::float8 AS n, k.n_merge::float8 AS m,
               ln(k.tce::float8) AS x, ln(1 + k.n_contradict::float8) AS y
        FROM @extschema@.cascades k
        WHERE run_ids IS NULL OR k.run_id = ANY (run_ids)
    ), slopes AS (
        SELECT k.topology, k.task_family, count(*) AS cascades, regr_slope(k.y, k.x) AS beta_c
        FROM class_cascades k GROUP BY k.topology, k.task_family
    ), scales AS (
        SELECT s.topology, s.task_family, s.cascades, s.beta_c,
               sum(k.m) / sum(k.n ^ s.beta_c) AS c
        FROM slopes s JOIN class_cascades k
          ON k.topology IS NOT DISTINCT FROM s.topology
         AND k.task_family IS NOT DISTINCT FROM s.task_family
        GROUP BY s.topology, s.task_family, s.cascades, s.beta_c
    )
    SELECT s.topology, s.task_family, s.cascades, s.beta_c, s.c,
           avg(s.c * k.n ^ s.beta_c - k.m) + stddev_samp(s.c * k.n ^ s.beta_c - k.m)
    FROM scales s JOIN class_cascades k
      ON k.topology IS NOT DISTINCT FROM s.topology
     AND k.task_family IS NOT DISTINCT FROM s.task_family
    GROUP BY s.topology, s.task_family, s.cascades, s.beta_c, s.c
    ORDER BY s.topology NULLS LAST, s.task_family NULLS LAST;
END $$;
COMMENT ON FUNCTION @extschema@.dti_estimate(text[]) IS
    'DTI parameters per condition class (topology, task_family) from the built cascades of baseline runs (all, or those named): beta_c, c and tau as DESIGN section 6 defines them; NULL where the class cannot determine them.';

-- Cascades: cascade_anatomy's bands are rank bands (each cascade in at most one band, ties
-- split by a fixed order) and say which ranks and sizes they hold: rank_from, rank_to,
-- size_min, size_max replace size_above and size_to, so the function is replaced.
DROP FUNCTION @extschema@.cascade_anatomy(regclass, text);
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

-- Traces written by paper 000's own logger (collcog-load --format e3): endorsements and
-- delegations may create a claim (its status is 'endorsed' or 'delegated'), and events keep
-- the step and lineage their logger wrote beside collcog's.
ALTER TYPE @extschema@.claim_status ADD VALUE 'delegated';
ALTER TYPE @extschema@.claim_status ADD VALUE 'endorsed';
COMMENT ON TYPE @extschema@.claim_status IS
    'How a claim came to be (paper 000, App. E.3): by a propose, revise, contradict or merge event, or by a delegate or endorse event that creates one.';
COMMENT ON TYPE @extschema@.event_type IS
    'Coordination event kinds of paper 000 (App. E.2): propose, revise, contradict and merge create a claim; delegate creates a subtask; endorse supports an existing claim; delegate and endorse may also create a claim (as real E.3 logs do).';
ALTER TABLE @extschema@.events
    DROP CONSTRAINT creates_claim,
    ADD CONSTRAINT creates_claim CHECK (claim_id IS NOT NULL
                                        OR event_type NOT IN ('propose', 'revise', 'contradict', 'merge')),
    DROP CONSTRAINT endorse_has_target,
    ADD CONSTRAINT endorse_has_target CHECK (event_type <> 'endorse' OR target_claim_id IS NOT NULL
                                             OR claim_id IS NOT NULL),
    ADD COLUMN logged_step bigint,
    ADD COLUMN logged_root_claim_id @extschema@.trace_id,
    ADD COLUMN logged_claim_depth integer CHECK (logged_claim_depth >= 0);

-- Logged lineage against reconstructed lineage: claim_lineage and lineage_agreement() (new).
CREATE VIEW @extschema@.claim_lineage AS
SELECT c.run_id, c.claim_id, c.step_id, c.claim_status,
       c.root_claim_id, e.logged_root_claim_id,
       c.root_claim_id = e.logged_root_claim_id AS root_agrees,
       c.claim_depth, e.logged_claim_depth,
       c.claim_depth = e.logged_claim_depth AS depth_agrees
FROM @extschema@.claims c
JOIN @extschema@.events e ON e.run_id = c.run_id AND e.step_id = c.step_id;
COMMENT ON VIEW @extschema@.claim_lineage IS
    'Each built claim''s cascade root and depth beside the ones its event logged (NULL where none was logged); root_agrees and depth_agrees compare them.';
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

-- Heavy tails, the minimum tail: the automatic xmin considers only candidates that leave a
-- tail of min_tail values and min_tail_distinct distinct values (default 3), on which the
-- model can be fitted; a sample that cannot be fitted gives a row with NULL parameters,
-- quality 'unfitted' and the reason instead of an error. Every fit result type gains
-- attributes (boundary where it lacked one, n_tail_distinct, quality, reason), added in
-- place so that views on the aggregates survive; the C functions fill the result types by column
-- name. New aggregate form M_fit(x, xmin_lo, xmin_hi, max_candidates, min_tail,
-- min_tail_distinct) with its transition functions; M_fit(tail_hist, ...) gains min_tail
-- and min_tail_distinct (a new signature, so the function is replaced; the C function is
-- the same and reads the arguments its SQL has). The comments of the scanning forms and of
-- the result types name the minimum tail and the new columns.
ALTER TYPE @extschema@.pl_fit_result
    ADD ATTRIBUTE boundary boolean,
    ADD ATTRIBUTE n_tail_distinct integer,
    ADD ATTRIBUTE quality text,
    ADD ATTRIBUTE reason text;
COMMENT ON TYPE @extschema@.pl_fit_result IS
    'Power-law fit p(x) ~ x^-alpha on x >= xmin: n_tail observations of n, alpha and its standard error (observed information), tail log-likelihood, KS distance; boundary always false; n_tail_distinct = distinct values in the tail, quality = ok, boundary, small_tail, few_distinct or unfitted, reason = why there is no fit (then the parameters are NULL).';
ALTER TYPE @extschema@.tpl_fit_result
    ADD ATTRIBUTE n_tail_distinct integer,
    ADD ATTRIBUTE quality text,
    ADD ATTRIBUTE reason text;
COMMENT ON TYPE @extschema@.tpl_fit_result IS
    'Truncated power-law fit p(x) ~ x^-alpha e^(-lambda x): cutoff = 1/lambda (NULL when lambda = 0); boundary when lambda = 0 (the fit is the power law); n_tail_distinct, quality and reason as in pl_fit_result.';
ALTER TYPE @extschema@.lognormal_fit_result
    ADD ATTRIBUTE n_tail_distinct integer,
    ADD ATTRIBUTE quality text,
    ADD ATTRIBUTE reason text;
COMMENT ON TYPE @extschema@.lognormal_fit_result IS
    'Log-normal fit truncated at xmin: mu, sigma of ln x; boundary when the likelihood rises towards the power-law limit (sigma -> inf), then mu and sigma are not identified; n_tail_distinct, quality and reason as in pl_fit_result.';
ALTER TYPE @extschema@.exponential_fit_result
    ADD ATTRIBUTE boundary boolean,
    ADD ATTRIBUTE n_tail_distinct integer,
    ADD ATTRIBUTE quality text,
    ADD ATTRIBUTE reason text;
COMMENT ON TYPE @extschema@.exponential_fit_result IS
    'Exponential fit p(x) ~ e^(-lambda x) (geometric law for discrete data); boundary always false; n_tail_distinct, quality and reason as in pl_fit_result.';
ALTER TYPE @extschema@.stretched_exp_fit_result
    ADD ATTRIBUTE n_tail_distinct integer,
    ADD ATTRIBUTE quality text,
    ADD ATTRIBUTE reason text;
COMMENT ON TYPE @extschema@.stretched_exp_fit_result IS
    'Stretched exponential (Weibull) fit P(X >= x) ~ e^(-lambda x^beta); boundary when the likelihood rises towards the power-law limit (beta -> 0); n_tail_distinct, quality and reason as in pl_fit_result.';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision, double precision, integer, bigint, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int4';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision, double precision, integer, bigint, integer) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision, double precision, integer, bigint, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision, double precision, integer, bigint, integer) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision, double precision, integer, bigint, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_float8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision, double precision, integer, bigint, integer) IS 'Transition function of the tail fit aggregates (continuous values).';
CREATE AGGREGATE @extschema@.pl_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.pl_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.pl_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood power law fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.pl_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.pl_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.pl_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood power law fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.pl_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.pl_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.pl_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood power law fit of the continuous values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.tpl_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.tpl_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tpl_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood truncated power law fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.tpl_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.tpl_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tpl_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood truncated power law fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.tpl_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.tpl_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tpl_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood truncated power law fit of the continuous values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.lognormal_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.lognormal_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.lognormal_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood log-normal fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.lognormal_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.lognormal_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.lognormal_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood log-normal fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.lognormal_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.lognormal_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.lognormal_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood log-normal fit of the continuous values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.exponential_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.exponential_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.exponential_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood exponential fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.exponential_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.exponential_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.exponential_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood exponential fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.exponential_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.exponential_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.exponential_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood exponential fit of the continuous values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.stretched_exp_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.stretched_exp_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.stretched_exp_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood stretched exponential fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.stretched_exp_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.stretched_exp_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.stretched_exp_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood stretched exponential fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
CREATE AGGREGATE @extschema@.stretched_exp_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.stretched_exp_fit_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.stretched_exp_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer, min_tail bigint, min_tail_distinct integer) IS
    'Maximum-likelihood stretched exponential fit of the continuous values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values (NULL: the defaults); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.pl_fit(x integer) IS
    'Maximum-likelihood power law fit of the discrete values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.pl_fit(x integer, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood power law fit of the discrete values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.pl_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood power law fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.pl_fit(x bigint) IS
    'Maximum-likelihood power law fit of the discrete values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.pl_fit(x bigint, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood power law fit of the discrete values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.pl_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood power law fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.pl_fit(x double precision) IS
    'Maximum-likelihood power law fit of the continuous values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.pl_fit(x double precision, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood power law fit of the continuous values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.pl_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood power law fit of the continuous values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.tpl_fit(x integer) IS
    'Maximum-likelihood truncated power law fit of the discrete values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.tpl_fit(x integer, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood truncated power law fit of the discrete values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.tpl_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood truncated power law fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.tpl_fit(x bigint) IS
    'Maximum-likelihood truncated power law fit of the discrete values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.tpl_fit(x bigint, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood truncated power law fit of the discrete values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.tpl_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood truncated power law fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.tpl_fit(x double precision) IS
    'Maximum-likelihood truncated power law fit of the continuous values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.tpl_fit(x double precision, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood truncated power law fit of the continuous values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.tpl_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood truncated power law fit of the continuous values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.lognormal_fit(x integer) IS
    'Maximum-likelihood log-normal fit of the discrete values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.lognormal_fit(x integer, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood log-normal fit of the discrete values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.lognormal_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood log-normal fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.lognormal_fit(x bigint) IS
    'Maximum-likelihood log-normal fit of the discrete values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.lognormal_fit(x bigint, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood log-normal fit of the discrete values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.lognormal_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood log-normal fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.lognormal_fit(x double precision) IS
    'Maximum-likelihood log-normal fit of the continuous values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.lognormal_fit(x double precision, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood log-normal fit of the continuous values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.lognormal_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood log-normal fit of the continuous values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.exponential_fit(x integer) IS
    'Maximum-likelihood exponential fit of the discrete values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.exponential_fit(x integer, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood exponential fit of the discrete values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.exponential_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood exponential fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.exponential_fit(x bigint) IS
    'Maximum-likelihood exponential fit of the discrete values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.exponential_fit(x bigint, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood exponential fit of the discrete values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.exponential_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood exponential fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.exponential_fit(x double precision) IS
    'Maximum-likelihood exponential fit of the continuous values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.exponential_fit(x double precision, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood exponential fit of the continuous values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.exponential_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood exponential fit of the continuous values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.stretched_exp_fit(x integer) IS
    'Maximum-likelihood stretched exponential fit of the discrete values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.stretched_exp_fit(x integer, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood stretched exponential fit of the discrete values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.stretched_exp_fit(x integer, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood stretched exponential fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.stretched_exp_fit(x bigint) IS
    'Maximum-likelihood stretched exponential fit of the discrete values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.stretched_exp_fit(x bigint, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood stretched exponential fit of the discrete values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.stretched_exp_fit(x bigint, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood stretched exponential fit of the discrete values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.stretched_exp_fit(x double precision) IS
    'Maximum-likelihood stretched exponential fit of the continuous values x (NULLs skipped), xmin chosen by minimising the KS distance over the distinct values that leave the default minimum tail (3 distinct values); NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.stretched_exp_fit(x double precision, xmin_lo double precision, xmin_hi double precision) IS
    'Maximum-likelihood stretched exponential fit of the continuous values x (NULLs skipped), xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded) that leave the default minimum tail; NULL for no rows.';
COMMENT ON AGGREGATE @extschema@.stretched_exp_fit(x double precision, xmin_lo double precision, xmin_hi double precision, max_candidates integer) IS
    'Maximum-likelihood stretched exponential fit of the continuous values x (NULLs skipped), xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi] that leave the default minimum tail, evenly spaced by rank; NULL for no rows.';
DROP FUNCTION @extschema@.pl_fit(@extschema@.tail_hist, double precision, double precision, double precision, integer, text);
DROP FUNCTION @extschema@.tpl_fit(@extschema@.tail_hist, double precision, double precision, double precision, integer, text);
DROP FUNCTION @extschema@.lognormal_fit(@extschema@.tail_hist, double precision, double precision, double precision, integer, text);
DROP FUNCTION @extschema@.exponential_fit(@extschema@.tail_hist, double precision, double precision, double precision, integer, text);
DROP FUNCTION @extschema@.stretched_exp_fit(@extschema@.tail_hist, double precision, double precision, double precision, integer, text);
CREATE FUNCTION @extschema@.pl_fit(
    h              @extschema@.tail_hist,
    xmin           double precision DEFAULT NULL,
    xmin_lo        double precision DEFAULT NULL,
    xmin_hi        double precision DEFAULT NULL,
    max_candidates integer          DEFAULT NULL,
    xmin_model     text             DEFAULT 'power_law',
    min_tail       bigint           DEFAULT NULL,
    min_tail_distinct integer       DEFAULT NULL)
RETURNS @extschema@.pl_fit_result
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'pl_fit_hist';
COMMENT ON FUNCTION @extschema@.pl_fit(@extschema@.tail_hist, double precision, double precision, double precision, integer, text, bigint, integer) IS
    'Maximum-likelihood power law fit of a tail_hist at the fixed xmin, or at the xmin that minimises the KS distance of the xmin_model fit (among distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values, default 3, at most max_candidates of them); NULL parameters with the reason when no fit can be made; NULL for NULL or empty h.';
CREATE FUNCTION @extschema@.tpl_fit(
    h              @extschema@.tail_hist,
    xmin           double precision DEFAULT NULL,
    xmin_lo        double precision DEFAULT NULL,
    xmin_hi        double precision DEFAULT NULL,
    max_candidates integer          DEFAULT NULL,
    xmin_model     text             DEFAULT 'power_law',
    min_tail       bigint           DEFAULT NULL,
    min_tail_distinct integer       DEFAULT NULL)
RETURNS @extschema@.tpl_fit_result
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'tpl_fit_hist';
COMMENT ON FUNCTION @extschema@.tpl_fit(@extschema@.tail_hist, double precision, double precision, double precision, integer, text, bigint, integer) IS
    'Maximum-likelihood truncated power law fit of a tail_hist at the fixed xmin, or at the xmin that minimises the KS distance of the xmin_model fit (among distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values, default 3, at most max_candidates of them); NULL parameters with the reason when no fit can be made; NULL for NULL or empty h.';
CREATE FUNCTION @extschema@.lognormal_fit(
    h              @extschema@.tail_hist,
    xmin           double precision DEFAULT NULL,
    xmin_lo        double precision DEFAULT NULL,
    xmin_hi        double precision DEFAULT NULL,
    max_candidates integer          DEFAULT NULL,
    xmin_model     text             DEFAULT 'power_law',
    min_tail       bigint           DEFAULT NULL,
    min_tail_distinct integer       DEFAULT NULL)
RETURNS @extschema@.lognormal_fit_result
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'lognormal_fit_hist';
COMMENT ON FUNCTION @extschema@.lognormal_fit(@extschema@.tail_hist, double precision, double precision, double precision, integer, text, bigint, integer) IS
    'Maximum-likelihood log-normal fit of a tail_hist at the fixed xmin, or at the xmin that minimises the KS distance of the xmin_model fit (among distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values, default 3, at most max_candidates of them); NULL parameters with the reason when no fit can be made; NULL for NULL or empty h.';
CREATE FUNCTION @extschema@.exponential_fit(
    h              @extschema@.tail_hist,
    xmin           double precision DEFAULT NULL,
    xmin_lo        double precision DEFAULT NULL,
    xmin_hi        double precision DEFAULT NULL,
    max_candidates integer          DEFAULT NULL,
    xmin_model     text             DEFAULT 'power_law',
    min_tail       bigint           DEFAULT NULL,
    min_tail_distinct integer       DEFAULT NULL)
RETURNS @extschema@.exponential_fit_result
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'exponential_fit_hist';
COMMENT ON FUNCTION @extschema@.exponential_fit(@extschema@.tail_hist, double precision, double precision, double precision, integer, text, bigint, integer) IS
    'Maximum-likelihood exponential fit of a tail_hist at the fixed xmin, or at the xmin that minimises the KS distance of the xmin_model fit (among distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values, default 3, at most max_candidates of them); NULL parameters with the reason when no fit can be made; NULL for NULL or empty h.';
CREATE FUNCTION @extschema@.stretched_exp_fit(
    h              @extschema@.tail_hist,
    xmin           double precision DEFAULT NULL,
    xmin_lo        double precision DEFAULT NULL,
    xmin_hi        double precision DEFAULT NULL,
    max_candidates integer          DEFAULT NULL,
    xmin_model     text             DEFAULT 'power_law',
    min_tail       bigint           DEFAULT NULL,
    min_tail_distinct integer       DEFAULT NULL)
RETURNS @extschema@.stretched_exp_fit_result
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'stretched_exp_fit_hist';
COMMENT ON FUNCTION @extschema@.stretched_exp_fit(@extschema@.tail_hist, double precision, double precision, double precision, integer, text, bigint, integer) IS
    'Maximum-likelihood stretched exponential fit of a tail_hist at the fixed xmin, or at the xmin that minimises the KS distance of the xmin_model fit (among distinct values in [xmin_lo, xmin_hi] that leave a tail of at least min_tail values and min_tail_distinct distinct values, default 3, at most max_candidates of them); NULL parameters with the reason when no fit can be made; NULL for NULL or empty h.';

-- Who did the work (paper 000, Eq. 3): build_cascades() also fills cascade_agents (rows
-- appear when a run is rebuilt; stale_runs lists every run built by 0.1.0), and
-- agent_effort gives each agent's effort in its run from events. cascades.n_agents_active
-- now counts the agents who created a claim of the cascade, as the paper's "active" does
-- (0.1.0 counted every agent with an event in its TCE).
CREATE TABLE @extschema@.cascade_agents (
    run_id        @extschema@.trace_id NOT NULL,
    root_claim_id @extschema@.trace_id NOT NULL,
    agent_id      @extschema@.trace_id NOT NULL,
    claims        integer NOT NULL CHECK (claims >= 0),
    events        integer NOT NULL CHECK (events >= 1),
    n_propose     integer NOT NULL CHECK (n_propose >= 0),
    n_revise      integer NOT NULL CHECK (n_revise >= 0),
    n_contradict  integer NOT NULL CHECK (n_contradict >= 0),
    n_merge       integer NOT NULL CHECK (n_merge >= 0),
    n_delegate    integer NOT NULL CHECK (n_delegate >= 0),
    n_endorse     integer NOT NULL CHECK (n_endorse >= 0),
    PRIMARY KEY (run_id, root_claim_id, agent_id)
);
COMMENT ON COLUMN @extschema@.cascades.n_agents_active IS
    'Agents who created at least one claim of the cascade (the paper''s active agents); cascade_agents has every agent of its TCE.';
COMMENT ON TABLE @extschema@.cascade_agents IS
    'One row per agent of each cascade: the claims it created in the cascade (paper 000, Eq. 3) and its events counted in the cascade''s TCE, by type.';

CREATE FUNCTION @extschema@.cascade_agents_from(source regclass)
RETURNS TABLE (run_id text, root_claim_id text, agent_id text, claims integer,
               events integer, n_propose integer, n_revise integer, n_contradict integer,
               n_merge integer, n_delegate integer, n_endorse integer)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'cascade_agents_from';
COMMENT ON FUNCTION @extschema@.cascade_agents_from(regclass) IS
    'The cascade_agents rows build_cascades() would write, computed from any relation shaped like events.';

COMMENT ON FUNCTION @extschema@.build_cascades(text[], bigint, interval, text) IS
    'Rebuild claims, subtasks, cascades, event_sizes and cascade_agents from events, for all runs or the runs named; contradiction bursts over the whole run, or windows of burst_steps steps or burst_interval of ts; on_error => ''skip'' records runs with bad lineage in rejects instead of failing.';

CREATE VIEW @extschema@.agent_effort AS
SELECT a.run_id, a.agent_id, a.agent_type, a.role,
       coalesce(e.claims, 0) AS claims, coalesce(e.events, 0) AS events,
       coalesce(e.n_propose, 0) AS n_propose, coalesce(e.n_revise, 0) AS n_revise,
       coalesce(e.n_contradict, 0) AS n_contradict, coalesce(e.n_merge, 0) AS n_merge,
       coalesce(e.n_delegate, 0) AS n_delegate, coalesce(e.n_endorse, 0) AS n_endorse
FROM @extschema@.agents a
LEFT JOIN (SELECT run_id, agent_id, count(claim_id) AS claims, count(*) AS events,
                  count(*) FILTER (WHERE event_type = 'propose') AS n_propose,
                  count(*) FILTER (WHERE event_type = 'revise') AS n_revise,
                  count(*) FILTER (WHERE event_type = 'contradict') AS n_contradict,
                  count(*) FILTER (WHERE event_type = 'merge') AS n_merge,
                  count(*) FILTER (WHERE event_type = 'delegate') AS n_delegate,
                  count(*) FILTER (WHERE event_type = 'endorse') AS n_endorse
           FROM @extschema@.events GROUP BY run_id, agent_id) e
       ON e.run_id = a.run_id AND e.agent_id = a.agent_id;
COMMENT ON VIEW @extschema@.agent_effort IS
    'One row per agent of every run: the claims it created and its events, by type, in the run (zeros for an agent with no events); read from events, so it needs no build.';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.cascade_agents', '');
-- Extreme events and outcomes: extreme_scaling() and outcome_by_intensity() (new), with
-- check_built_runs(), the check of the runs they read.

-- The runs named (all when run_ids is NULL) must exist and have been built: a NULL name or a
-- missing run is an error, a run never built is an error, a run skipped as bad is left out
-- with a NOTICE, a run changed since its build is used as built with a WARNING.
CREATE FUNCTION @extschema@.check_built_runs(run_ids text[])
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    unbuilt bigint;
    first_unbuilt text;
    skipped bigint;
    changed bigint;
BEGIN
    PERFORM @extschema@.check_run_ids(run_ids);
    SELECT count(*) FILTER (WHERE s.reason = 'not built'),
           min(s.run_id COLLATE "C") FILTER (WHERE s.reason = 'not built'),
           count(*) FILTER (WHERE s.reason LIKE 'skipped%'),
           count(*) FILTER (WHERE s.reason <> 'not built' AND s.reason NOT LIKE 'skipped%')
      INTO unbuilt, first_unbuilt, skipped, changed
    FROM @extschema@.stale_runs s
    WHERE run_ids IS NULL OR s.run_id = ANY (run_ids);
    IF unbuilt > 0 THEN
        RAISE EXCEPTION '% run(s) have no cascades built, the first "%"', unbuilt, first_unbuilt
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Run build_cascades() first (stale_runs lists what needs building).';
    END IF;
    IF skipped > 0 THEN
        RAISE NOTICE '% run(s) skipped by build_cascades for bad lineage are left out (see rejects)', skipped;
    END IF;
    IF changed > 0 THEN
        RAISE WARNING '% run(s) changed since their cascades were built (see stale_runs)', changed;
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.check_built_runs(text[]) IS
    'Raises unless the runs named (all when NULL) exist and have been built by build_cascades(); notes runs skipped as bad (left out) and warns of runs changed since their build (used as built).';

-- Extreme-event scaling (H3). Per number of agents N: the runs, the mean per-run maximum
-- M_N of the observable and the mean of ln M_N over the runs with an instance, and the mean
-- number of instances per run. Over the sizes (a row with n_agents NULL): the least-squares
-- slope of mean ln M_N on ln N with a percentile bootstrap interval (runs resampled with
-- replacement within each N, drawn by hashing (seed, replicate, N, draw)), the slope c of
-- ln(instances per run) on ln N, the tail exponent alpha of the pooled instances (tpl_fit or
-- pl_fit, named in alpha_model), and the EVT prediction c / (alpha - 1).
CREATE FUNCTION @extschema@.extreme_scaling(
    observable text             DEFAULT 'tce',
    run_ids    text[]           DEFAULT NULL,
    model      text             DEFAULT 'truncated_power_law',
    replicates integer          DEFAULT 200,
    seed       bigint           DEFAULT 1,
    level      double precision DEFAULT 0.95)
RETURNS TABLE (n_agents integer, runs bigint, runs_with_instances bigint,
               instances_per_run double precision, mean_max double precision,
               mean_ln_max double precision, slope double precision, slope_lo double precision,
               slope_hi double precision, c double precision, alpha_model text,
               xmin double precision, alpha double precision, alpha_se double precision,
               evt_prediction double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
-- A query of milliseconds that the planner costs high: compiling it would take a second.
SET jit = off AS $$
#variable_conflict use_column
DECLARE
    obs text := extreme_scaling.observable;
    fit text := extreme_scaling.model;
    reps integer := extreme_scaling.replicates;
    lvl double precision := extreme_scaling.level;
    names text[] := ARRAY['tce', 'size', 'delegation', 'revision', 'contradiction', 'merge'];
    choices text := '''tce'', ''size'', ''delegation'', ''revision'', ''contradiction'' or ''merge''';
    unsized bigint;
BEGIN
    IF obs IS NULL THEN
        RAISE EXCEPTION 'observable must be %, not NULL', choices
            USING ERRCODE = 'null_value_not_allowed';
    ELSIF obs <> ALL (names) THEN
        RAISE EXCEPTION 'observable must be %, not "%"', choices, obs
            USING ERRCODE = 'invalid_parameter_value';
    ELSIF fit IS NULL THEN
        RAISE EXCEPTION 'model must be ''truncated_power_law'' or ''power_law'', not NULL'
            USING ERRCODE = 'null_value_not_allowed';
    ELSIF fit NOT IN ('truncated_power_law', 'power_law') THEN
        RAISE EXCEPTION 'model must be ''truncated_power_law'' or ''power_law'', not "%"', fit
            USING ERRCODE = 'invalid_parameter_value';
    ELSIF reps IS NULL OR extreme_scaling.seed IS NULL OR lvl IS NULL THEN
        RAISE EXCEPTION 'replicates, seed and level must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    ELSIF reps < 1 THEN
        RAISE EXCEPTION 'replicates must be positive, not %', reps
            USING ERRCODE = 'invalid_parameter_value';
    ELSIF NOT (lvl > 0 AND lvl < 1) THEN
        RAISE EXCEPTION 'level must be between 0 and 1 (exclusive), not %', lvl
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM @extschema@.check_built_runs(extreme_scaling.run_ids);
    SELECT count(*) INTO unsized
    FROM @extschema@.runs r JOIN @extschema@.run_builds b ON b.run_id = r.run_id
    WHERE NOT b.skipped AND r.n_agents IS NULL
      AND (extreme_scaling.run_ids IS NULL OR r.run_id = ANY (extreme_scaling.run_ids));
    IF unsized > 0 THEN
        RAISE NOTICE '% run(s) without n_agents are left out', unsized;
    END IF;
    RETURN QUERY
    WITH chosen AS (
        SELECT r.run_id, r.n_agents
        FROM @extschema@.runs r JOIN @extschema@.run_builds b ON b.run_id = r.run_id
        WHERE NOT b.skipped AND r.n_agents IS NOT NULL
          AND (extreme_scaling.run_ids IS NULL OR r.run_id = ANY (extreme_scaling.run_ids))
    ), instances AS (
        SELECT k.run_id, k.tce::bigint AS x FROM @extschema@.cascades k WHERE obs = 'tce'
        UNION ALL
        SELECT k.run_id, k.size::bigint FROM @extschema@.cascades k WHERE obs = 'size'
        UNION ALL
        SELECT s.run_id, s.size FROM @extschema@.event_sizes s WHERE s.observable = obs
    ), pooled AS (
        SELECT i.x FROM instances i JOIN chosen USING (run_id)
    ), per_run AS MATERIALIZED (
        SELECT ch.run_id, ch.n_agents, count(i.x) AS k, ln(max(i.x)::float8) AS ln_m,
               max(i.x)::float8 AS m
        FROM chosen ch LEFT JOIN instances i ON i.run_id = ch.run_id
        GROUP BY ch.run_id, ch.n_agents
    ), levels AS MATERIALIZED (
        SELECT p.n_agents, count(*) AS runs, count(p.m) AS runs_with_instances,
               avg(p.k::float8) AS instances_per_run, avg(p.m) AS mean_max,
               avg(p.ln_m) AS mean_ln_max
        FROM per_run p GROUP BY p.n_agents
    ), fitted AS (
        SELECT regr_slope(l.mean_ln_max, ln(l.n_agents::float8)) AS slope,
               regr_slope(ln(l.instances_per_run), ln(l.n_agents::float8)) AS c
        FROM levels l WHERE l.runs_with_instances > 0
    ), strata AS (
        SELECT p.n_agents, count(*) AS k, array_agg(p.ln_m ORDER BY p.run_id COLLATE "C") AS ln_m
        FROM per_run p WHERE p.m IS NOT NULL GROUP BY p.n_agents
    ), draws AS (
        SELECT r.i AS replicate, s.n_agents,
               avg(s.ln_m[1 + ((hashtextextended(r.i || ':' || s.n_agents || ':' || j.i,
                                                  extreme_scaling.seed) % s.k) + s.k) % s.k])
                   AS mean_ln_max
        FROM generate_series(1, reps) r(i) CROSS JOIN strata s
             CROSS JOIN LATERAL generate_series(1, s.k) j(i)
        GROUP BY r.i, s.n_agents
    ), boot AS (
        SELECT percentile_cont((1 - lvl) / 2) WITHIN GROUP (ORDER BY b.slope) AS lo,
               percentile_cont((1 + lvl) / 2) WITHIN GROUP (ORDER BY b.slope) AS hi
        FROM (SELECT regr_slope(d.mean_ln_max, ln(d.n_agents::float8)) AS slope
              FROM draws d GROUP BY d.replicate) b
        WHERE b.slope IS NOT NULL
    ), tail AS (
        SELECT (q.f).xmin, (q.f).alpha, (q.f).alpha_se
        FROM (SELECT @extschema@.pl_fit(x) AS f FROM pooled WHERE fit = 'power_law') q
        WHERE fit = 'power_law'
        UNION ALL
        SELECT (q.f).xmin, (q.f).alpha, (q.f).alpha_se
        FROM (SELECT @extschema@.tpl_fit(x) AS f FROM pooled WHERE fit = 'truncated_power_law') q
        WHERE fit = 'truncated_power_law'
    )
    SELECT l.n_agents, l.runs, l.runs_with_instances, l.instances_per_run, l.mean_max,
           l.mean_ln_max, NULL::float8, NULL::float8, NULL::float8, NULL::float8, NULL::text,
           NULL::float8, NULL::float8, NULL::float8, NULL::float8
    FROM levels l
    UNION ALL
    SELECT NULL::integer, (SELECT coalesce(sum(l.runs), 0)::bigint FROM levels l),
           (SELECT coalesce(sum(l.runs_with_instances), 0)::bigint FROM levels l), NULL, NULL, NULL,
           f.slope, b.lo, b.hi, f.c, fit, t.xmin, t.alpha, t.alpha_se,
           CASE WHEN t.alpha > 1 THEN f.c / (t.alpha - 1) END
    FROM fitted f, boot b, tail t
    ORDER BY 1 NULLS LAST;
END $$;
COMMENT ON FUNCTION @extschema@.extreme_scaling(text, text[], text, integer, bigint, double precision) IS
    'Extreme-event scaling (paper 000, H3): per n_agents the runs, mean per-run maximum M_N, mean ln M_N and instances per run of the observable (tce, size, delegation, revision, contradiction or merge); in the row with n_agents NULL the slope of mean ln M_N on ln N with a seeded percentile bootstrap interval over runs, the slope c of ln(instances per run) on ln N, the pooled tail exponent alpha (alpha_model) and the EVT prediction c / (alpha - 1).';

-- Task outcome by coordination intensity (paper 000, Fig. 6): the runs ranked by their TCE
-- (the events of their cascades; ties in run_id order) and cut into bins of equal count
-- (ntile); per bin the runs, the TCE range, the runs that succeeded and failed, the success
-- rate among runs with an outcome, and the mean contradiction and merge shares (of the run's
-- TCE) of the failed and of the successful runs.
CREATE FUNCTION @extschema@.outcome_by_intensity(
    bins    integer DEFAULT 10,
    run_ids text[]  DEFAULT NULL)
RETURNS TABLE (bin integer, runs bigint, tce_min bigint, tce_max bigint, successful bigint,
               failed bigint, success_rate double precision,
               failed_contradiction_share double precision, failed_merge_share double precision,
               successful_contradiction_share double precision,
               successful_merge_share double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
-- A query of milliseconds that the planner costs high: compiling it would take a second.
SET jit = off AS $$
#variable_conflict use_column
BEGIN
    IF outcome_by_intensity.bins IS NULL THEN
        RAISE EXCEPTION 'bins must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    ELSIF outcome_by_intensity.bins < 1 THEN
        RAISE EXCEPTION 'bins must be positive, not %', outcome_by_intensity.bins
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM @extschema@.check_built_runs(outcome_by_intensity.run_ids);
    RETURN QUERY
    WITH per_run AS (
        SELECT r.run_id, r.success, coalesce(sum(k.tce), 0)::bigint AS tce,
               sum(k.n_contradict)::float8 / sum(k.tce) AS contradiction_share,
               sum(k.n_merge)::float8 / sum(k.tce) AS merge_share
        FROM @extschema@.runs r
        JOIN @extschema@.run_builds b ON b.run_id = r.run_id
        LEFT JOIN @extschema@.cascades k ON k.run_id = r.run_id
        WHERE NOT b.skipped
          AND (outcome_by_intensity.run_ids IS NULL OR r.run_id = ANY (outcome_by_intensity.run_ids))
        GROUP BY r.run_id, r.success
    ), binned AS (
        SELECT p.*, ntile(outcome_by_intensity.bins)
                        OVER (ORDER BY p.tce, p.run_id COLLATE "C") AS bin
        FROM per_run p
    )
    SELECT b.bin, count(*), min(b.tce), max(b.tce),
           count(*) FILTER (WHERE b.success), count(*) FILTER (WHERE NOT b.success),
           avg(b.success::int::float8),
           avg(b.contradiction_share) FILTER (WHERE NOT b.success),
           avg(b.merge_share) FILTER (WHERE NOT b.success),
           avg(b.contradiction_share) FILTER (WHERE b.success),
           avg(b.merge_share) FILTER (WHERE b.success)
    FROM binned b
    GROUP BY b.bin
    ORDER BY b.bin;
END $$;
COMMENT ON FUNCTION @extschema@.outcome_by_intensity(integer, text[]) IS
    'Task outcome by coordination intensity (paper 000, Fig. 6): built runs in equal-count bins of their TCE (ties by run_id), per bin the runs, TCE range, successes, failures, success rate, and the mean contradiction and merge shares of the failed and of the successful runs.';

-- Deficit-Triggered Integration, replayed: dti_replay(), dti_series() and dti_summary() (new),
-- with the parameters as numbers or per class from a table; dti_estimate() checks its runs
-- with check_built_runs() (the same checks as before).
-- Replay: the runs' events through the DTI state machine the simulator runs (DESIGN
-- section 6, src/core/dti/replay.c), with the parameters given or read per class from a
-- table shaped like dti_estimate()'s result (topology, task_family, beta_c, c, tau).
CREATE FUNCTION @extschema@.dti_replay(
    beta_c    double precision,
    c         double precision,
    tau       double precision,
    run_ids   text[]  DEFAULT NULL,
    max_heads integer DEFAULT 10)
RETURNS TABLE (run_id text, root_claim_id text, step_id bigint, n bigint, m bigint,
               pressure double precision, deficit double precision,
               threshold double precision, integrated boolean, n_heads integer, heads text[])
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_replay';
COMMENT ON FUNCTION @extschema@.dti_replay(double precision, double precision, double precision, text[], integer) IS
    'Every point where a cascade''s deficit c n^beta_c - m crosses tau when the runs (all, or those named) are replayed in step order with DTI''s state machine: the segment (n, m), pressure, deficit, whether the trace''s next event is the DTI merge, and the cascade''s branch heads (n_heads of them; the newest max_heads listed, all when NULL).';
CREATE FUNCTION @extschema@.dti_replay(params regclass, run_ids text[] DEFAULT NULL,
                                       max_heads integer DEFAULT 10)
RETURNS TABLE (run_id text, root_claim_id text, step_id bigint, n bigint, m bigint,
               pressure double precision, deficit double precision,
               threshold double precision, integrated boolean, n_heads integer, heads text[])
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_replay';
COMMENT ON FUNCTION @extschema@.dti_replay(regclass, text[], integer) IS
    'dti_replay with the parameters of each run''s class (topology, task_family) read from params, a table with the columns of dti_estimate()''s result.';

CREATE FUNCTION @extschema@.dti_series(
    beta_c  double precision,
    c       double precision,
    tau     double precision,
    run_ids text[] DEFAULT NULL)
RETURNS TABLE (run_id text, root_claim_id text, step_id bigint, n bigint, m bigint,
               deficit double precision, threshold double precision, triggered boolean)
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_series';
COMMENT ON FUNCTION @extschema@.dti_series(double precision, double precision, double precision, text[]) IS
    'The deficit of each cascade after every event attached to it in the replay of dti_replay (for plotting): the segment (n, m), the deficit and whether the event triggered.';
CREATE FUNCTION @extschema@.dti_series(params regclass, run_ids text[] DEFAULT NULL)
RETURNS TABLE (run_id text, root_claim_id text, step_id bigint, n bigint, m bigint,
               deficit double precision, threshold double precision, triggered boolean)
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_series';
COMMENT ON FUNCTION @extschema@.dti_series(regclass, text[]) IS
    'dti_series with the parameters of each run''s class read from params (as dti_replay).';

-- How often DTI fires, by condition class and cascade-size band (Fig. 9 of paper 000): the
-- built cascades of each class ranked by size (ties by run_id, then root_claim_id) into the
-- bands of cascade_anatomy (rank k in band (lo, hi] when (k - 1/2) / n lies in it), with
-- the replay's triggers per cascade and the pooled merge conversion (merges / (delegations
-- + contradictions + revisions)) of the cascades with and without a trigger.
CREATE FUNCTION @extschema@.dti_summary_of_triggers(
    run_ids text[], trigger_runs text[], trigger_roots text[])
RETURNS TABLE (topology text, task_family text, band text, quantile_lo double precision,
               quantile_hi double precision, cascades bigint, cascades_triggered bigint,
               triggers bigint, triggered_share double precision,
               triggers_per_cascade double precision,
               merge_conversion_triggered double precision,
               merge_conversion_untriggered double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM @extschema@.check_built_runs(run_ids);
    RETURN QUERY
    WITH per_cascade AS (
        SELECT t.run_id, t.root_claim_id, count(*) AS n
        FROM unnest(trigger_runs, trigger_roots) AS t(run_id, root_claim_id)
        GROUP BY 1, 2
    ), ranked AS (
        SELECT k.topology, k.task_family, k.n_merge,
               k.n_delegate + k.n_contradict + k.n_revise AS expansions,
               coalesce(p.n, 0) AS n_triggers,
               row_number() OVER w AS rank, count(*) OVER (PARTITION BY k.topology, k.task_family) AS n
        FROM @extschema@.cascades k
        LEFT JOIN per_cascade p ON p.run_id = k.run_id::text AND p.root_claim_id = k.root_claim_id::text
        WHERE run_ids IS NULL OR k.run_id = ANY (run_ids)
        WINDOW w AS (PARTITION BY k.topology, k.task_family
                     ORDER BY k.size, k.run_id::text COLLATE "C", k.root_claim_id::text COLLATE "C")
    ), bands(band, lo, hi, ord) AS (
        VALUES ('median', 0.40::float8, 0.60::float8, 1), ('90th', 0.85, 0.95, 2),
               ('99th', 0.98, 0.99, 3), ('top 1%', 0.99, 1.0, 4)
    )
    SELECT c.topology, c.task_family, b.band, b.lo, b.hi, count(r.rank),
           count(r.rank) FILTER (WHERE r.n_triggers > 0), coalesce(sum(r.n_triggers), 0)::bigint,
           (count(r.rank) FILTER (WHERE r.n_triggers > 0))::float8 / nullif(count(r.rank), 0),
           sum(r.n_triggers)::float8 / nullif(count(r.rank), 0),
           sum(r.n_merge) FILTER (WHERE r.n_triggers > 0)::float8
             / nullif(sum(r.expansions) FILTER (WHERE r.n_triggers > 0), 0),
           sum(r.n_merge) FILTER (WHERE r.n_triggers = 0)::float8
             / nullif(sum(r.expansions) FILTER (WHERE r.n_triggers = 0), 0)
    FROM (SELECT DISTINCT q.topology, q.task_family FROM ranked q) c
    CROSS JOIN bands b
    LEFT JOIN ranked r ON r.topology IS NOT DISTINCT FROM c.topology
                      AND r.task_family IS NOT DISTINCT FROM c.task_family
                      AND (r.rank - 0.5) / r.n > b.lo AND (r.rank - 0.5) / r.n <= b.hi
    GROUP BY c.topology, c.task_family, b.band, b.lo, b.hi, b.ord
    ORDER BY c.topology NULLS LAST, c.task_family NULLS LAST, b.ord;
END $$;
COMMENT ON FUNCTION @extschema@.dti_summary_of_triggers(text[], text[], text[]) IS
    'The body of dti_summary: the bands of the built cascades of the runs (all, or those named), given the cascade (run, root) of every trigger.';

CREATE FUNCTION @extschema@.dti_summary(
    beta_c  double precision,
    c       double precision,
    tau     double precision,
    run_ids text[] DEFAULT NULL)
RETURNS TABLE (topology text, task_family text, band text, quantile_lo double precision,
               quantile_hi double precision, cascades bigint, cascades_triggered bigint,
               triggers bigint, triggered_share double precision,
               triggers_per_cascade double precision,
               merge_conversion_triggered double precision,
               merge_conversion_untriggered double precision)
LANGUAGE sql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
    SELECT s.*
    FROM (SELECT coalesce(array_agg(r.run_id), '{}') AS runs,
                 coalesce(array_agg(r.root_claim_id), '{}') AS roots
          FROM @extschema@.dti_replay(beta_c, c, tau, run_ids, 0) r) t,
         @extschema@.dti_summary_of_triggers(run_ids, t.runs, t.roots) s
$$;
COMMENT ON FUNCTION @extschema@.dti_summary(double precision, double precision, double precision, text[]) IS
    'How often DTI fires in the replay, per condition class and cascade-size band (median, 90th, 99th percentile, top 1%): cascades, those with a trigger, triggers, and the pooled merge conversion of the cascades with and without one (paper 000, Fig. 9).';
CREATE FUNCTION @extschema@.dti_summary(params regclass, run_ids text[] DEFAULT NULL)
RETURNS TABLE (topology text, task_family text, band text, quantile_lo double precision,
               quantile_hi double precision, cascades bigint, cascades_triggered bigint,
               triggers bigint, triggered_share double precision,
               triggers_per_cascade double precision,
               merge_conversion_triggered double precision,
               merge_conversion_untriggered double precision)
LANGUAGE sql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
    SELECT s.*
    FROM (SELECT coalesce(array_agg(r.run_id), '{}') AS runs,
                 coalesce(array_agg(r.root_claim_id), '{}') AS roots
          FROM @extschema@.dti_replay(params, run_ids, 0) r) t,
         @extschema@.dti_summary_of_triggers(run_ids, t.runs, t.roots) s
$$;
COMMENT ON FUNCTION @extschema@.dti_summary(regclass, text[]) IS
    'dti_summary with the parameters of each run''s class read from params (as dti_replay).';
-- Preferential attachment: routing_ratio() and attachment_exponent() (new).

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

-- gce: type-level communication, per-agent influence, the tail ratio, type-pair weights and
-- propagation (paper 001; src/sql/81_gce_prominence.sql).
CREATE FUNCTION @extschema@.type_prominence_support(internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'type_prominence_support'
LANGUAGE C STRICT;
COMMENT ON FUNCTION @extschema@.type_prominence_support(internal) IS
    'Planner support of type_prominence_part: its rows and cost, from the size of the messages table and the runs asked for, so that the parts of type_prominence run in parallel workers where the messages are many.';

CREATE FUNCTION @extschema@.type_prominence_part(run_ids text[], part integer, parts integer)
RETURNS TABLE (run_id @extschema@.trace_id, t integer, agent_type text,
               d_in double precision[], d_out double precision[],
               theta_in double precision[], theta_out double precision[],
               influence double precision, influence_rest double precision,
               gce_ratio double precision)
AS 'MODULE_PATHNAME', 'type_prominence_part'
LANGUAGE C STABLE PARALLEL SAFE
SUPPORT @extschema@.type_prominence_support;
COMMENT ON FUNCTION @extschema@.type_prominence_part(text[], integer, integer) IS
    'type_prominence over part part (1 to parts) of the runs asked for: every parts-th run in run_id order, starting with the part-th.';

-- The union of six parts, which the planner may hand to parallel workers (a Parallel
-- Append). Every name qualified and no SET clause, so that the function is inlined into
-- the caller's query, which is what lets it plan the parts in parallel. Each part is called
-- in a select list, where its rows stream to the consumer (in FROM they would be stored
-- first); the one-row FROM is there because the planner never runs a query without FROM in
-- a parallel worker.
CREATE FUNCTION @extschema@.type_prominence(run_ids text[] DEFAULT NULL)
RETURNS TABLE (run_id @extschema@.trace_id, t integer, agent_type text,
               d_in double precision[], d_out double precision[],
               theta_in double precision[], theta_out double precision[],
               influence double precision, influence_rest double precision,
               gce_ratio double precision)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT (p).* FROM (SELECT @extschema@.type_prominence_part(run_ids, 1, 6) AS p
                    FROM pg_catalog.generate_series(1, 1)) AS part_1
UNION ALL
SELECT (p).* FROM (SELECT @extschema@.type_prominence_part(run_ids, 2, 6) AS p
                    FROM pg_catalog.generate_series(1, 1)) AS part_2
UNION ALL
SELECT (p).* FROM (SELECT @extschema@.type_prominence_part(run_ids, 3, 6) AS p
                    FROM pg_catalog.generate_series(1, 1)) AS part_3
UNION ALL
SELECT (p).* FROM (SELECT @extschema@.type_prominence_part(run_ids, 4, 6) AS p
                    FROM pg_catalog.generate_series(1, 1)) AS part_4
UNION ALL
SELECT (p).* FROM (SELECT @extschema@.type_prominence_part(run_ids, 5, 6) AS p
                    FROM pg_catalog.generate_series(1, 1)) AS part_5
UNION ALL
SELECT (p).* FROM (SELECT @extschema@.type_prominence_part(run_ids, 6, 6) AS p
                    FROM pg_catalog.generate_series(1, 1)) AS part_6
$$;
COMMENT ON FUNCTION @extschema@.type_prominence(text[]) IS
    'Per run, round t (each round with messages) and agent type a: the cumulative D_in(a), D_out(a) (paper 001, Eq. 1), the prominence theta_in, theta_out (Eq. 4), the influence ratio I(a) = |D_out(a)|_1 / |D_in(a)|_1 (Eq. 10), that of all other types pooled, and gce_ratio = I(a) / I(rest) (Eq. 9 for two types). The rows of a run come together in round order; the runs in no fixed order.';

CREATE FUNCTION @extschema@.type_pair_weights(run_ids text[] DEFAULT NULL)
RETURNS TABLE (target_type text, source_type text, n_messages bigint, n_steps bigint,
               mean_weight double precision[], mu double precision[],
               mu_step double precision[])
AS 'MODULE_PATHNAME', 'type_pair_weights'
LANGUAGE C STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp
ROWS 4;
COMMENT ON FUNCTION @extschema@.type_pair_weights(text[]) IS
    'For every ordered pair of agent types (target a, source b) of the runs pooled: the messages and macro steps, the mean weight normalised within its step (Sec. 2.2 step 3), mu_ab, the type-pair utility up to a factor per dimension from contrasts within steps (scaled so that the messages'' mean mu is 1), and mu_step, the pair''s weight in the scale meanfield_drift takes (each message''s step-normalised weight times its step''s number of messages: over all messages 1 on average).';

CREATE FUNCTION @extschema@.agent_influence(run_ids text[] DEFAULT NULL, at_t integer DEFAULT NULL)
RETURNS TABLE (run_id @extschema@.trace_id, agent_id @extschema@.trace_id, agent_type text,
               d_in double precision, d_out double precision, influence double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM @extschema@.check_run_ids(run_ids);
    RETURN QUERY
    WITH m AS (
        SELECT m.run_id, m.source, m.target, (SELECT sum(x) FROM unnest(m.weight) x) AS l1
        FROM @extschema@.messages m
        WHERE (agent_influence.run_ids IS NULL OR m.run_id = ANY (agent_influence.run_ids))
          AND (at_t IS NULL OR m.t <= at_t)
    ), inc AS (
        SELECT m.run_id, m.target AS agent_id, sum(m.l1) AS mass FROM m GROUP BY 1, 2
    ), outg AS (
        SELECT m.run_id, m.source AS agent_id, sum(m.l1) AS mass FROM m GROUP BY 1, 2
    )
    SELECT a.run_id, a.agent_id, a.agent_type,
           coalesce(i.mass, 0), coalesce(o.mass, 0),
           CASE WHEN i.mass > 0 THEN coalesce(o.mass, 0) / i.mass
                WHEN o.mass > 0 THEN 'Infinity'::double precision END
    FROM @extschema@.agents a
    LEFT JOIN inc i ON i.run_id = a.run_id AND i.agent_id = a.agent_id
    LEFT JOIN outg o ON o.run_id = a.run_id AND o.agent_id = a.agent_id
    WHERE agent_influence.run_ids IS NULL OR a.run_id = ANY (agent_influence.run_ids)
    ORDER BY a.run_id, a.agent_id;
END
$$;
COMMENT ON FUNCTION @extschema@.agent_influence(text[], integer) IS
    'Per agent of the runs: the L1 mass received and sent up to round at_t (NULL: all), and the influence I_i = d_out / d_in (Infinity for an agent that only sends, NULL for one without messages), the agent-level measure of the tail glass-ceiling effect (paper 001, Eq. 11).';

CREATE FUNCTION @extschema@.tail_gce_ratio(run_ids text[] DEFAULT NULL,
                                           gamma double precision DEFAULT NULL,
                                           tail_quantile double precision DEFAULT 0.9,
                                           at_t integer DEFAULT NULL)
RETURNS TABLE (run_id @extschema@.trace_id, agent_type text, threshold double precision,
               n_agents bigint, n_tail bigint, p_tail double precision,
               n_rest bigint, n_tail_rest bigint, p_tail_rest double precision,
               tail_ratio double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    bad record;
BEGIN
    IF gamma IS NOT NULL AND NOT (gamma > '-Infinity' AND gamma < 'Infinity') THEN
        RAISE EXCEPTION 'gamma = % is not a finite threshold', gamma
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF gamma IS NULL AND NOT coalesce(tail_quantile > 0 AND tail_quantile < 1, false) THEN
        RAISE EXCEPTION 'tail_quantile = % is not in (0, 1)', coalesce(tail_quantile::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Without gamma the threshold is this upper quantile of the influence of each run''s agents.';
    END IF;
    SELECT a.run_id, a.agent_id INTO bad FROM @extschema@.agents a
    WHERE (run_ids IS NULL OR a.run_id = ANY (run_ids)) AND a.agent_type IS NULL LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'agent "%" of run "%" has no agent_type', bad.agent_id, bad.run_id
            USING ERRCODE = 'null_value_not_allowed',
                  DETAIL = 'Type-level measures need the type of every agent of the runs they read.';
    END IF;
    SELECT a.run_id, min(a.agent_type) AS agent_type INTO bad FROM @extschema@.agents a
    WHERE (run_ids IS NULL OR a.run_id = ANY (run_ids))
      AND EXISTS (SELECT 1 FROM @extschema@.messages m WHERE m.run_id = a.run_id)
    GROUP BY a.run_id HAVING count(DISTINCT a.agent_type) < 2 ORDER BY a.run_id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the agents of run "%" are all of type "%"', bad.run_id, bad.agent_type
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Type-level measures compare a type with the others: a run needs agents of at least two types.';
    END IF;
    RETURN QUERY
    WITH ai AS (
        SELECT i.run_id, i.agent_type, i.influence
        FROM @extschema@.agent_influence(run_ids, at_t) i WHERE i.influence IS NOT NULL
    ), thr AS (
        SELECT ai.run_id,
               coalesce(gamma, percentile_disc(tail_quantile) WITHIN GROUP (ORDER BY ai.influence)
                                   FILTER (WHERE ai.influence < 'Infinity')) AS g
        FROM ai GROUP BY ai.run_id
    ), per AS (
        SELECT ai.run_id, ai.agent_type, thr.g, count(*) AS n,
               count(*) FILTER (WHERE ai.influence > thr.g) AS nt
        FROM ai JOIN thr ON thr.run_id = ai.run_id GROUP BY 1, 2, 3
    ), tot AS (
        SELECT per.run_id, sum(per.n)::bigint AS n, sum(per.nt)::bigint AS nt FROM per GROUP BY 1
    ), p AS (
        SELECT per.run_id, per.agent_type, per.g, per.n, per.nt,
               per.nt::double precision / per.n AS pt,
               tot.n - per.n AS nr, tot.nt - per.nt AS ntr,
               (tot.nt - per.nt)::double precision / nullif(tot.n - per.n, 0) AS ptr
        FROM per JOIN tot ON tot.run_id = per.run_id
    )
    SELECT p.run_id, p.agent_type, p.g, p.n, p.nt, p.pt, p.nr, p.ntr, p.ptr,
           CASE WHEN p.ptr > 0 THEN p.pt / p.ptr
                WHEN p.pt > 0 AND p.ptr = 0 THEN 'Infinity'::double precision END
    FROM p ORDER BY p.run_id, p.agent_type;
END
$$;
COMMENT ON FUNCTION @extschema@.tail_gce_ratio(text[], double precision, double precision, integer) IS
    'Per run and agent type a: the share of a''s agents whose influence I_i exceeds the threshold (gamma, or else the tail_quantile quantile of the run''s finite I_i), the same share among all other types, and their ratio P(I_i > gamma | a) / P(I_i > gamma | rest), the tail glass-ceiling ratio of paper 001, Eq. 11.';

CREATE FUNCTION @extschema@.propagation(outcomes regclass)
RETURNS TABLE (run_id text, round bigint, n_agents bigint, n_hallucinated bigint,
               n_correct bigint, h double precision, r double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    bad record;
BEGIN
    IF outcomes IS NULL THEN
        RAISE EXCEPTION 'outcomes must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    EXECUTE format('SELECT o.run_id::text AS run_id, o.round::bigint AS round, o.agent_id::text AS agent_id,
                           o.hallucinated, o.correct, count(*) OVER w AS dup
                    FROM %s o
                    WHERE o.run_id IS NULL OR o.round IS NULL OR o.agent_id IS NULL
                       OR o.hallucinated IS NULL OR o.correct IS NULL
                       OR (o.hallucinated AND o.correct)
                    WINDOW w AS (PARTITION BY o.run_id, o.round, o.agent_id) LIMIT 1', outcomes)
        INTO bad;
    IF bad.run_id IS NOT NULL OR bad.round IS NOT NULL OR bad.agent_id IS NOT NULL
       OR bad.hallucinated IS NOT NULL THEN
        IF bad.hallucinated AND bad.correct THEN
            RAISE EXCEPTION 'agent "%" of run "%" is both hallucinated and correct at round %',
                bad.agent_id, bad.run_id, bad.round USING ERRCODE = 'invalid_parameter_value';
        END IF;
        RAISE EXCEPTION 'a row of % has a NULL (run "%", round %, agent "%")', outcomes,
            bad.run_id, bad.round, bad.agent_id USING ERRCODE = 'null_value_not_allowed',
            DETAIL = 'run_id, round, agent_id, hallucinated and correct must all be given.';
    END IF;
    EXECUTE format('SELECT o.run_id::text AS run_id, o.round::bigint AS round, o.agent_id::text AS agent_id
                    FROM %s o GROUP BY 1, 2, 3 HAVING count(*) > 1 ORDER BY 1, 2, 3 LIMIT 1', outcomes)
        INTO bad;
    IF bad.run_id IS NOT NULL THEN
        RAISE EXCEPTION 'agent "%" of run "%" has more than one outcome at round %',
            bad.agent_id, bad.run_id, bad.round USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY EXECUTE format(
        'WITH o AS (SELECT o.run_id::text AS run_id, o.round::bigint AS round,
                           o.agent_id::text AS agent_id, o.hallucinated, o.correct FROM %s o),
              v AS (SELECT o.run_id, count(DISTINCT o.agent_id) AS n FROM o GROUP BY 1)
         SELECT o.run_id, o.round, v.n, count(*) FILTER (WHERE o.hallucinated),
                count(*) FILTER (WHERE o.correct),
                count(*) FILTER (WHERE o.hallucinated)::double precision / v.n,
                count(*) FILTER (WHERE o.correct)::double precision / v.n
         FROM o JOIN v ON v.run_id = o.run_id
         GROUP BY o.run_id, o.round, v.n ORDER BY 1, 2', outcomes);
END
$$;
COMMENT ON FUNCTION @extschema@.propagation(regclass) IS
    'Hallucination and truthfulness propagation (paper 001, Sec. 5.3): per run and round k of a relation of per-agent round outcomes (run_id, round, agent_id, hallucinated boolean, correct boolean), the fractions h_k and r_k of the run''s agents (those the relation names in any round) that hallucinate and that answer correctly.';

-- gce: the mean-field model of glass ceilings and the trajectory diagnostics (paper 001,
-- App. A and B.4); as src/sql/80_gce_meanfield.sql.
CREATE FUNCTION @extschema@.meanfield_drift(theta double precision[], p double precision,
    q double precision, r double precision, delta double precision, xi double precision,
    mu double precision[])
RETURNS double precision[]
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'meanfield_drift';
COMMENT ON FUNCTION @extschema@.meanfield_drift(double precision[], double precision, double precision, double precision, double precision, double precision, double precision[]) IS
    'The mean-field drift F(theta) = (F_in, F_out) of paper 001 App. A, with the mean-field attachment probabilities; theta and the result are theta_in then theta_out (2d values), mu is 2 x 2 x d (target type, source type, dimension; R first) or 4 x d.';

CREATE TYPE @extschema@.meanfield_fixed_point_result AS (
    theta double precision[],
    rho double precision,
    contraction boolean,
    iterations integer,
    step double precision,
    step_ratio double precision,
    error_bound double precision,
    residual double precision,
    influence_r double precision,
    influence_b double precision,
    gce_ratio double precision);
COMMENT ON TYPE @extschema@.meanfield_fixed_point_result IS
    'The fixed point Theta* = F(Theta*): theta (theta_in then theta_out), App. A''s a-priori contraction modulus rho and contraction = (rho < 1), the iterations, the last step, the observed step ratio (geometric mean, not a proof), the error bound rho / (1 - rho) * step (NULL unless rho < 1), the residual |F(theta) - theta|, and the limits of the influence ratios I(R), I(B) (Eq. 10) and I(R) / I(B) (Eq. 9).';

CREATE FUNCTION @extschema@.meanfield_fixed_point(p double precision, q double precision,
    r double precision, delta double precision, xi double precision, mu double precision[],
    theta0 double precision[] DEFAULT NULL, tolerance double precision DEFAULT 1e-12,
    max_iterations integer DEFAULT 10000)
RETURNS @extschema@.meanfield_fixed_point_result
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'meanfield_fixed_point';
COMMENT ON FUNCTION @extschema@.meanfield_fixed_point(double precision, double precision, double precision, double precision, double precision, double precision[], double precision[], double precision, integer) IS
    'Iterate Theta <- F(Theta) from theta0 (NULL: r everywhere) until a step is at most tolerance; fails (22000) when it does not settle within max_iterations. Returns the fixed point with App. A''s contraction modulus, an error bound only when rho < 1, and the limits of I(R), I(B).';

CREATE FUNCTION @extschema@.meanfield_trajectory(theta0 double precision[], steps integer,
    p double precision, q double precision, r double precision, delta double precision,
    xi double precision, mu double precision[])
RETURNS TABLE (t integer, tau double precision, sa_theta double precision[],
               ode_theta double precision[])
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 101
AS 'MODULE_PATHNAME', 'meanfield_trajectory';
COMMENT ON FUNCTION @extschema@.meanfield_trajectory(double precision[], integer, double precision, double precision, double precision, double precision, double precision, double precision[]) IS
    'Two predicted trajectories from theta0, rows t = 0 .. steps: sa_theta, the stochastic-approximation recursion Theta(t+1) = Theta(t) + (F(Theta(t)) - Theta(t)) / (t + 1), and ode_theta, the ODE dTheta/dtau = F - Theta (GSL odeiv2) at tau = sum over s < t of 1 / (s + 1).';

CREATE TYPE @extschema@.trajectory_fit_result AS (
    t_points integer,
    series integer,
    mse double precision,
    bias double precision,
    max_acf double precision,
    max_acf_lag integer,
    statistic text,
    q double precision,
    lags integer,
    df bigint,
    p_chisq double precision,
    p_monte_carlo double precision,
    replicates integer);
COMMENT ON TYPE @extschema@.trajectory_fit_result IS
    'Diagnostics of residuals predicted - empirical (paper 001 App. B.4): T time points and K series, MSE, bias, the largest spectral norm of the standardised residual autocorrelation matrices up to lags (at max_acf_lag), the portmanteau statistic named in statistic (hosking) with q, its chi-squared p-value on df = K^2 lags degrees of freedom, and the Monte Carlo permutation p-value over replicates orderings (NULL for 0).';

CREATE FUNCTION @extschema@.trajectory_fit(empirical double precision[],
    predicted double precision[], lags integer DEFAULT 10, replicates integer DEFAULT 0,
    seed bigint DEFAULT 1)
RETURNS @extschema@.trajectory_fit_result
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'trajectory_fit';
COMMENT ON FUNCTION @extschema@.trajectory_fit(double precision[], double precision[], integer, integer, bigint) IS
    'Compare an empirical theta series with a prediction, both T x K arrays (one row per time point): MSE, bias, MaxACF and Hosking''s multivariate portmanteau test at lags with chi-squared and seeded Monte Carlo permutation p-values.';

-- Inequality of effort (issue 13): the effort_hist type and its aggregates, gini, top_share,
-- top_k_share, effective_agents and lorenz over integer, bigint and double precision values
-- and on a stored effort_hist, effort_hist_merge (new; as src/sql/65_inequality.sql and the
-- aggregates 65_inequality_overloads.sh prints).

-- effort_hist: the mergeable state (values >= 0 with counts, zeros included).
CREATE TYPE @extschema@.effort_hist;

CREATE FUNCTION @extschema@.effort_hist_in(cstring) RETURNS @extschema@.effort_hist
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'effort_hist_in';
CREATE FUNCTION @extschema@.effort_hist_out(@extschema@.effort_hist) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'effort_hist_out';
CREATE FUNCTION @extschema@.effort_hist_recv(internal) RETURNS @extschema@.effort_hist
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'effort_hist_recv';
CREATE FUNCTION @extschema@.effort_hist_send(@extschema@.effort_hist) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'effort_hist_send';

CREATE TYPE @extschema@.effort_hist (
    INPUT = @extschema@.effort_hist_in,
    OUTPUT = @extschema@.effort_hist_out,
    RECEIVE = @extschema@.effort_hist_recv,
    SEND = @extschema@.effort_hist_send,
    INTERNALLENGTH = VARIABLE,
    STORAGE = extended);
COMMENT ON TYPE @extschema@.effort_hist IS
    'Effort histogram: distinct values >= 0 ascending with their counts, zeros included; text form 0*12,1*30,2.5*1; mergeable with effort_hist_merge; gini, top_share, top_k_share, effective_agents and lorenz take it.';
COMMENT ON FUNCTION @extschema@.effort_hist_in(cstring) IS 'Text input of effort_hist (validated).';
COMMENT ON FUNCTION @extschema@.effort_hist_out(@extschema@.effort_hist) IS 'Text output of effort_hist (shortest round-trip digits).';
COMMENT ON FUNCTION @extschema@.effort_hist_recv(internal) IS 'Binary input of effort_hist (validated).';
COMMENT ON FUNCTION @extschema@.effort_hist_send(@extschema@.effort_hist) IS 'Binary output of effort_hist (the stored bytes).';

CREATE FUNCTION @extschema@.effort_hist_from_bytea(bytea) RETURNS @extschema@.effort_hist
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'effort_hist_from_bytea';
COMMENT ON FUNCTION @extschema@.effort_hist_from_bytea(bytea) IS
    'The effort_hist whose stored bytes are the argument (validated like binary input); the cast bytea::effort_hist.';
CREATE CAST (bytea AS @extschema@.effort_hist) WITH FUNCTION @extschema@.effort_hist_from_bytea(bytea);
CREATE CAST (@extschema@.effort_hist AS bytea) WITHOUT FUNCTION;
COMMENT ON CAST (bytea AS @extschema@.effort_hist) IS 'Read stored effort_hist bytes (validated like binary input).';
COMMENT ON CAST (@extschema@.effort_hist AS bytea) IS 'The stored bytes of an effort_hist (the core serialisation).';

-- Aggregate support (shared by every inequality aggregate; see src/pg/inequality/agg.c).
-- The option of a call (unbiased, fraction, k, points) is the transition's third argument,
-- told apart by its type; every aggregate is FINALFUNC_MODIFY = READ_ONLY (the final
-- function only compacts the histogram), so gini(x) and effective_agents(x) in one query
-- share one state.
CREATE FUNCTION @extschema@.ineq_trans(internal, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_int4';
CREATE FUNCTION @extschema@.ineq_trans(internal, bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_int8';
CREATE FUNCTION @extschema@.ineq_trans(internal, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_float8';
CREATE FUNCTION @extschema@.ineq_trans(internal, integer, boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_int4';
CREATE FUNCTION @extschema@.ineq_trans(internal, bigint, boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_int8';
CREATE FUNCTION @extschema@.ineq_trans(internal, double precision, boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_float8';
CREATE FUNCTION @extschema@.ineq_trans(internal, integer, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_int4';
CREATE FUNCTION @extschema@.ineq_trans(internal, bigint, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_int8';
CREATE FUNCTION @extschema@.ineq_trans(internal, double precision, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_float8';
CREATE FUNCTION @extschema@.ineq_trans(internal, integer, bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_int4';
CREATE FUNCTION @extschema@.ineq_trans(internal, bigint, bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_int8';
CREATE FUNCTION @extschema@.ineq_trans(internal, double precision, bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_float8';
CREATE FUNCTION @extschema@.ineq_trans(internal, integer, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_int4';
CREATE FUNCTION @extschema@.ineq_trans(internal, bigint, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_int8';
CREATE FUNCTION @extschema@.ineq_trans(internal, double precision, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_trans_float8';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, integer) IS 'Transition function of the inequality aggregates over integer values.';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, bigint) IS 'Transition function of the inequality aggregates over bigint values.';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, double precision) IS 'Transition function of the inequality aggregates over double precision values.';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, integer, boolean) IS 'Transition function of gini(integer, unbiased).';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, bigint, boolean) IS 'Transition function of gini(bigint, unbiased).';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, double precision, boolean) IS 'Transition function of gini(double precision, unbiased).';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, integer, double precision) IS 'Transition function of top_share(integer, fraction).';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, bigint, double precision) IS 'Transition function of top_share(bigint, fraction).';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, double precision, double precision) IS 'Transition function of top_share(double precision, fraction).';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, integer, bigint) IS 'Transition function of top_k_share(integer, k).';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, bigint, bigint) IS 'Transition function of top_k_share(bigint, k).';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, double precision, bigint) IS 'Transition function of top_k_share(double precision, k).';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, integer, integer) IS 'Transition function of lorenz(integer, points).';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, bigint, integer) IS 'Transition function of lorenz(bigint, points).';
COMMENT ON FUNCTION @extschema@.ineq_trans(internal, double precision, integer) IS 'Transition function of lorenz(double precision, points).';
CREATE FUNCTION @extschema@.effort_hist_merge_trans(internal, @extschema@.effort_hist) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'effort_hist_merge_trans';
COMMENT ON FUNCTION @extschema@.effort_hist_merge_trans(internal, @extschema@.effort_hist) IS 'Transition function of effort_hist_merge.';
CREATE FUNCTION @extschema@.ineq_agg_combine(internal, internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_agg_combine';
COMMENT ON FUNCTION @extschema@.ineq_agg_combine(internal, internal) IS 'Combine function of the inequality aggregates: merges two histograms.';
CREATE FUNCTION @extschema@.ineq_agg_serialize(internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_agg_serialize';
COMMENT ON FUNCTION @extschema@.ineq_agg_serialize(internal) IS 'Serialize function of the inequality aggregates.';
CREATE FUNCTION @extschema@.ineq_agg_deserialize(bytea, internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'ineq_agg_deserialize';
COMMENT ON FUNCTION @extschema@.ineq_agg_deserialize(bytea, internal) IS 'Deserialize function of the inequality aggregates (validates everything).';
CREATE FUNCTION @extschema@.gini_final(internal) RETURNS double precision
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'gini_final';
COMMENT ON FUNCTION @extschema@.gini_final(internal) IS 'Final function of gini.';
CREATE FUNCTION @extschema@.top_share_final(internal) RETURNS double precision
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'top_share_final';
COMMENT ON FUNCTION @extschema@.top_share_final(internal) IS 'Final function of top_share.';
CREATE FUNCTION @extschema@.top_k_share_final(internal) RETURNS double precision
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'top_k_share_final';
COMMENT ON FUNCTION @extschema@.top_k_share_final(internal) IS 'Final function of top_k_share.';
CREATE FUNCTION @extschema@.effective_agents_final(internal) RETURNS double precision
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'effective_agents_final';
COMMENT ON FUNCTION @extschema@.effective_agents_final(internal) IS 'Final function of effective_agents.';
CREATE FUNCTION @extschema@.lorenz_final(internal) RETURNS double precision[]
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'lorenz_final';
COMMENT ON FUNCTION @extschema@.lorenz_final(internal) IS 'Final function of lorenz.';
CREATE FUNCTION @extschema@.effort_hist_final(internal) RETURNS @extschema@.effort_hist
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'effort_hist_final';
COMMENT ON FUNCTION @extschema@.effort_hist_final(internal) IS 'Final function of effort_hist and effort_hist_merge.';

CREATE AGGREGATE @extschema@.effort_hist_merge(h @extschema@.effort_hist) (
    SFUNC = @extschema@.effort_hist_merge_trans, STYPE = internal,
    FINALFUNC = @extschema@.effort_hist_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.effort_hist_merge(@extschema@.effort_hist) IS
    'Merge of effort_hist values (the histogram of all their values); NULLs skipped, NULL for no rows.';

-- The measures of a stored effort_hist (NULL h gives NULL, or no rows).
CREATE FUNCTION @extschema@.gini(h @extschema@.effort_hist, unbiased boolean DEFAULT false)
RETURNS double precision
LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'effort_hist_gini';
COMMENT ON FUNCTION @extschema@.gini(@extschema@.effort_hist, boolean) IS
    'Gini coefficient of the values of h, zeros included: the population form 2 sum i x_(i) / (N sum x) - (N + 1) / N, or times N / (N - 1) when unbiased (NULL for N = 1); 0 when every value is 0; NULL for an empty h.';
CREATE FUNCTION @extschema@.top_share(h @extschema@.effort_hist, fraction double precision)
RETURNS double precision
LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'effort_hist_top_share';
COMMENT ON FUNCTION @extschema@.top_share(@extschema@.effort_hist, double precision) IS
    'Share of the total held by the k = ceil(fraction N) largest of the N values of h (fraction in (0, 1]); NULL when h is empty or every value is 0.';
CREATE FUNCTION @extschema@.top_k_share(h @extschema@.effort_hist, k bigint)
RETURNS double precision
LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'effort_hist_top_k_share';
COMMENT ON FUNCTION @extschema@.top_k_share(@extschema@.effort_hist, bigint) IS
    'Share of the total held by the k >= 1 largest values of h (1 when k >= N); NULL when h is empty or every value is 0.';
CREATE FUNCTION @extschema@.effective_agents(h @extschema@.effort_hist)
RETURNS double precision
LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'effort_hist_effective_agents';
COMMENT ON FUNCTION @extschema@.effective_agents(@extschema@.effort_hist) IS
    'Effective number of agents (sum x)^2 / sum x^2 of the values of h; NULL when h is empty or every value is 0.';
CREATE FUNCTION @extschema@.lorenz(h @extschema@.effort_hist, points integer)
RETURNS TABLE (population_share double precision, effort_share double precision)
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 100 AS 'MODULE_PATHNAME', 'effort_hist_lorenz';
COMMENT ON FUNCTION @extschema@.lorenz(@extschema@.effort_hist, integer) IS
    'Lorenz curve of the values of h: the share of the total held by the poorest population_share = j / points of the values, j = 1..points (linear between values); no rows when h is NULL, empty or all 0.';

CREATE AGGREGATE @extschema@.effort_hist(x integer) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.effort_hist_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.effort_hist(x integer) IS
    'The effort_hist of the values x (NULLs skipped, zeros kept); NULL for no rows.';
CREATE AGGREGATE @extschema@.effort_hist(x bigint) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.effort_hist_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.effort_hist(x bigint) IS
    'The effort_hist of the values x (NULLs skipped, zeros kept); NULL for no rows.';
CREATE AGGREGATE @extschema@.effort_hist(x double precision) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.effort_hist_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.effort_hist(x double precision) IS
    'The effort_hist of the values x (NULLs skipped, zeros kept); NULL for no rows.';
CREATE AGGREGATE @extschema@.gini(x integer) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.gini_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.gini(x integer) IS
    'Gini coefficient of the values x, zeros included (NULLs skipped), population form 2 sum i x_(i) / (N sum x) - (N + 1) / N; 0 when every value is 0; NULL for no rows.';
CREATE AGGREGATE @extschema@.gini(x bigint) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.gini_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.gini(x bigint) IS
    'Gini coefficient of the values x, zeros included (NULLs skipped), population form 2 sum i x_(i) / (N sum x) - (N + 1) / N; 0 when every value is 0; NULL for no rows.';
CREATE AGGREGATE @extschema@.gini(x double precision) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.gini_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.gini(x double precision) IS
    'Gini coefficient of the values x, zeros included (NULLs skipped), population form 2 sum i x_(i) / (N sum x) - (N + 1) / N; 0 when every value is 0; NULL for no rows.';
CREATE AGGREGATE @extschema@.gini(x integer, unbiased boolean) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.gini_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.gini(x integer, unbiased boolean) IS
    'Gini coefficient of the values x, zeros included, times N / (N - 1) when unbiased (NULL for one value); 0 when every value is 0; NULL for no rows.';
CREATE AGGREGATE @extschema@.gini(x bigint, unbiased boolean) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.gini_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.gini(x bigint, unbiased boolean) IS
    'Gini coefficient of the values x, zeros included, times N / (N - 1) when unbiased (NULL for one value); 0 when every value is 0; NULL for no rows.';
CREATE AGGREGATE @extschema@.gini(x double precision, unbiased boolean) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.gini_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.gini(x double precision, unbiased boolean) IS
    'Gini coefficient of the values x, zeros included, times N / (N - 1) when unbiased (NULL for one value); 0 when every value is 0; NULL for no rows.';
CREATE AGGREGATE @extschema@.top_share(x integer, fraction double precision) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.top_share_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.top_share(x integer, fraction double precision) IS
    'Share of the total held by the k = ceil(fraction N) largest of the N values x, zeros included (fraction in (0, 1]); NULL for no rows or when every value is 0.';
CREATE AGGREGATE @extschema@.top_share(x bigint, fraction double precision) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.top_share_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.top_share(x bigint, fraction double precision) IS
    'Share of the total held by the k = ceil(fraction N) largest of the N values x, zeros included (fraction in (0, 1]); NULL for no rows or when every value is 0.';
CREATE AGGREGATE @extschema@.top_share(x double precision, fraction double precision) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.top_share_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.top_share(x double precision, fraction double precision) IS
    'Share of the total held by the k = ceil(fraction N) largest of the N values x, zeros included (fraction in (0, 1]); NULL for no rows or when every value is 0.';
CREATE AGGREGATE @extschema@.top_k_share(x integer, k bigint) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.top_k_share_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.top_k_share(x integer, k bigint) IS
    'Share of the total held by the k >= 1 largest values x (1 when k >= N); NULL for no rows or when every value is 0.';
CREATE AGGREGATE @extschema@.top_k_share(x bigint, k bigint) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.top_k_share_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.top_k_share(x bigint, k bigint) IS
    'Share of the total held by the k >= 1 largest values x (1 when k >= N); NULL for no rows or when every value is 0.';
CREATE AGGREGATE @extschema@.top_k_share(x double precision, k bigint) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.top_k_share_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.top_k_share(x double precision, k bigint) IS
    'Share of the total held by the k >= 1 largest values x (1 when k >= N); NULL for no rows or when every value is 0.';
CREATE AGGREGATE @extschema@.effective_agents(x integer) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.effective_agents_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.effective_agents(x integer) IS
    'Effective number of agents (sum x)^2 / sum x^2 of the values x; NULL for no rows or when every value is 0.';
CREATE AGGREGATE @extschema@.effective_agents(x bigint) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.effective_agents_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.effective_agents(x bigint) IS
    'Effective number of agents (sum x)^2 / sum x^2 of the values x; NULL for no rows or when every value is 0.';
CREATE AGGREGATE @extschema@.effective_agents(x double precision) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.effective_agents_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.effective_agents(x double precision) IS
    'Effective number of agents (sum x)^2 / sum x^2 of the values x; NULL for no rows or when every value is 0.';
CREATE AGGREGATE @extschema@.lorenz(x integer, points integer) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.lorenz_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.lorenz(x integer, points integer) IS
    'Lorenz curve of the values x, zeros included: element j is the share of the total held by the poorest j / points of the values, j = 1..points; NULL for no rows or when every value is 0.';
CREATE AGGREGATE @extschema@.lorenz(x bigint, points integer) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.lorenz_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.lorenz(x bigint, points integer) IS
    'Lorenz curve of the values x, zeros included: element j is the share of the total held by the poorest j / points of the values, j = 1..points; NULL for no rows or when every value is 0.';
CREATE AGGREGATE @extschema@.lorenz(x double precision, points integer) (
    SFUNC = @extschema@.ineq_trans, STYPE = internal, FINALFUNC = @extschema@.lorenz_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.ineq_agg_combine, SERIALFUNC = @extschema@.ineq_agg_serialize,
    DESERIALFUNC = @extschema@.ineq_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.lorenz(x double precision, points integer) IS
    'Lorenz curve of the values x, zeros included: element j is the share of the total held by the poorest j / points of the values, j = 1..points; NULL for no rows or when every value is 0.';

-- Who forms the elite: the view agent_concentration (per run, over active and all agents)
-- and elite_attachment_link() (the top-10% share regressed on beta over conditions).
-- How concentrated each run's claims are among its agents (paper 000, Sec. 5.2, Fig. 4 and
-- Table D.2): over the active agents (those with a claim) and over all agents of the run
-- (idle ones count as zeros), from agent_effort. k = ceil(p N) for the top p share; the
-- excess is S - k / N, the share above an equal split. NULL where a measure is undefined:
-- the active-agent measures of a run without claims, the shares of an all-zero run.
CREATE VIEW @extschema@.agent_concentration AS
SELECT r.run_id, r.topology, r.task_family, r.n_agents, r.model, r.seed, r.success,
       e.agents, e.agents_active, e.agents_active::float8 / e.agents AS active_fraction,
       e.top1_share_active, e.top10_share_active,
       e.top10_share_active - ceil(0.1 * e.agents_active) / nullif(e.agents_active, 0)
         AS top10_excess_active,
       e.gini_active, e.effective_agents_active,
       e.effective_agents_active / nullif(e.agents_active, 0) AS effective_fraction_active,
       e.top1_share_all, e.top10_share_all,
       e.top10_share_all - ceil(0.1 * e.agents) / e.agents AS top10_excess_all,
       e.gini_all, e.effective_agents_all, e.effective_agents_all / e.agents AS effective_fraction_all
FROM @extschema@.runs r
JOIN (SELECT a.run_id, count(*) AS agents, count(*) FILTER (WHERE a.claims > 0) AS agents_active,
             @extschema@.top_k_share(a.claims, 1::bigint) FILTER (WHERE a.claims > 0) AS top1_share_active,
             @extschema@.top_share(a.claims, 0.1) FILTER (WHERE a.claims > 0) AS top10_share_active,
             @extschema@.gini(a.claims) FILTER (WHERE a.claims > 0) AS gini_active,
             @extschema@.effective_agents(a.claims) FILTER (WHERE a.claims > 0) AS effective_agents_active,
             @extschema@.top_k_share(a.claims, 1::bigint) AS top1_share_all,
             @extschema@.top_share(a.claims, 0.1) AS top10_share_all,
             @extschema@.gini(a.claims) AS gini_all,
             @extschema@.effective_agents(a.claims) AS effective_agents_all
      FROM @extschema@.agent_effort a GROUP BY a.run_id) e ON e.run_id = r.run_id;
COMMENT ON VIEW @extschema@.agent_concentration IS
    'One row per run with agents: the run''s attributes and how concentrated its claims are among its agents (top-1 and top-10% shares, the top-10% excess over an equal split, Gini, effective agents and their fraction of N), over the active agents (with a claim) and over all agents (paper 000, Sec. 5.2, Table D.2).';

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

-- check_run_ids(): the one check of a run_ids argument (check_built_runs,
-- elite_attachment_link and the gce functions call it).
-- The run_ids argument of the functions that read runs: NULL means every run; a NULL element
-- is an error (22004), and so is a run that does not exist (22023, naming it).
CREATE FUNCTION @extschema@.check_run_ids(run_ids text[])
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    missing text;
BEGIN
    IF array_position(run_ids, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'run_ids must not contain NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT n INTO missing FROM unnest(run_ids) n
    WHERE NOT EXISTS (SELECT 1 FROM @extschema@.runs r WHERE r.run_id = n) LIMIT 1;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'run "%" does not exist', missing USING ERRCODE = 'invalid_parameter_value';
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.check_run_ids(text[]) IS
    'Raises unless every run named exists (NULL: every run); the check of the run_ids argument of collcog''s functions.';

-- Deficit-Triggered Integration, live: dti_watch() and dti_unwatch() with the watcher's
-- tables and trigger function (new).
CREATE UNLOGGED TABLE @extschema@.dti_watch_runs (
    run_id       @extschema@.trace_id PRIMARY KEY,
    c            double precision NOT NULL,
    beta_c       double precision NOT NULL,
    tau          double precision NOT NULL,
    last_step    bigint NOT NULL,
    pending_root @extschema@.trace_id
);
COMMENT ON TABLE @extschema@.dti_watch_runs IS
    'The DTI watcher''s runs: the parameters of the run''s class when its first watched event arrived, the last step applied, and the cascade whose trigger the run''s next event settles (pending_root).';

CREATE UNLOGGED TABLE @extschema@.dti_watch_claims (
    run_id        @extschema@.trace_id NOT NULL,
    claim_id      @extschema@.trace_id NOT NULL,
    root_claim_id @extschema@.trace_id NOT NULL,
    PRIMARY KEY (run_id, claim_id)
);
COMMENT ON TABLE @extschema@.dti_watch_claims IS
    'The DTI watcher''s claims: the cascade each belongs to (its root).';

CREATE UNLOGGED TABLE @extschema@.dti_watch_cascades (
    run_id        @extschema@.trace_id NOT NULL,
    root_claim_id @extschema@.trace_id NOT NULL,
    root_step     bigint NOT NULL,
    n             bigint NOT NULL,
    m             bigint NOT NULL,
    triggered     boolean NOT NULL,
    heads         text[] NOT NULL,
    PRIMARY KEY (run_id, root_claim_id)
);
COMMENT ON TABLE @extschema@.dti_watch_cascades IS
    'The DTI watcher''s cascade segments: the root''s step, events n and merges m since the last restart, whether the segment has crossed tau and waits for the run''s next event, and the cascade''s branch heads (claims no later claim builds on), oldest first.';

CREATE TABLE @extschema@.dti_watch_triggers (
    trigger_id    bigserial PRIMARY KEY,
    run_id        @extschema@.trace_id NOT NULL,
    root_claim_id @extschema@.trace_id NOT NULL,
    step_id       bigint NOT NULL,
    n             bigint NOT NULL,
    m             bigint NOT NULL,
    pressure      double precision NOT NULL,
    deficit       double precision NOT NULL,
    tau           double precision NOT NULL,
    n_heads       integer NOT NULL,
    heads         text[] NOT NULL
);
COMMENT ON TABLE @extschema@.dti_watch_triggers IS
    'Every crossing of tau the DTI watcher has notified on channel collcog_dti, with the payload''s values (trigger_id is the payload''s).';

CREATE FUNCTION @extschema@.dti_watch_events()
RETURNS trigger
LANGUAGE C SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_watch_events';
COMMENT ON FUNCTION @extschema@.dti_watch_events() IS
    'The DTI watcher''s statement-level trigger on events, installed by dti_watch().';

CREATE FUNCTION @extschema@.dti_watch_forget()
RETURNS trigger
LANGUAGE C SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_watch_forget';
COMMENT ON FUNCTION @extschema@.dti_watch_forget() IS
    'The DTI watcher''s statement-level trigger on updates, deletes and truncations of events, installed by dti_watch(): the runs they touch lose their watcher state, which their next insert rebuilds from their events.';

CREATE FUNCTION @extschema@.dti_watch(params regclass)
RETURNS void
LANGUAGE C VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_watch';
COMMENT ON FUNCTION @extschema@.dti_watch(regclass) IS
    'Install the live DTI watcher: a trigger on events that keeps every run''s cascade segments (parameters by class from params, as dti_replay) and sends NOTIFY collcog_dti with a JSON payload when a cascade''s deficit crosses tau; the runs already stored are caught up without notifications.';

CREATE FUNCTION @extschema@.dti_unwatch()
RETURNS void
LANGUAGE C VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'dti_unwatch';
COMMENT ON FUNCTION @extschema@.dti_unwatch() IS
    'Remove the live DTI watcher and empty its tables (dti_watch_runs, dti_watch_claims, dti_watch_cascades, dti_watch_triggers).';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.dti_watch_triggers', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.dti_watch_triggers_trigger_id_seq', '');

-- Views for BI tools and scheduled reports (issue 16): bi_tail_fits, bi_concentration,
-- bi_attachment, bi_extreme_levels, bi_extreme_scaling, bi_cascade_anatomy, bi_views(),
-- bi_materialize() and bi_refresh() (new); as src/sql/95_bi_views.sql.
-- Tail fits per condition and observable (paper 000, Tables 2, 3 and D.1). One tail_hist per
-- finest condition (one scan of cascades and event_sizes); the coarser levels merge those
-- samples (tail_hist_merge), and every fit and comparison of a row reads its one sample.
-- level names the grouping: condition (topology, task_family, n_agents, model),
-- topology_task, topology, n_agents, pooled; the columns a level does not group by are NULL.
CREATE VIEW @extschema@.bi_tail_fits AS
WITH instances AS (
    SELECT 'tce'::text AS observable, k.topology, k.task_family, k.n_agents, k.model,
           k.tce::bigint AS x
    FROM @extschema@.cascades k
    UNION ALL
    SELECT 'size', k.topology, k.task_family, k.n_agents, k.model, k.size::bigint
    FROM @extschema@.cascades k
    UNION ALL
    SELECT s.observable, r.topology, r.task_family, r.n_agents, r.model, s.size
    FROM @extschema@.event_sizes s JOIN @extschema@.runs r ON r.run_id = s.run_id
), conditions AS (
    SELECT i.observable, i.topology, i.task_family, i.n_agents, i.model, count(*) AS n,
           @extschema@.tail_hist(i.x) AS h
    FROM instances i
    GROUP BY i.observable, i.topology, i.task_family, i.n_agents, i.model
), levels AS (
    SELECT CASE GROUPING(c.topology, c.task_family, c.n_agents, c.model)
               WHEN 0 THEN 'condition' WHEN 3 THEN 'topology_task' WHEN 7 THEN 'topology'
               WHEN 13 THEN 'n_agents' ELSE 'pooled' END AS level,
           c.observable, c.topology, c.task_family, c.n_agents, c.model, sum(c.n)::bigint AS n,
           @extschema@.tail_hist_merge(c.h) AS h
    FROM conditions c
    GROUP BY GROUPING SETS ((c.observable, c.topology, c.task_family, c.n_agents, c.model),
                            (c.observable, c.topology, c.task_family),
                            (c.observable, c.topology), (c.observable, c.n_agents),
                            (c.observable))
)
SELECT l.level, l.observable, l.topology, l.task_family, l.n_agents, l.model, l.n,
       f.xmin AS x_min, f.n_tail, f.n_tail_distinct, f.n_tail::float8 / l.n AS tail_fraction,
       f.alpha, f.alpha_se,
       f.alpha - 1.959963984540054 * f.alpha_se AS alpha_lo,
       f.alpha + 1.959963984540054 * f.alpha_se AS alpha_hi,
       f.lambda, f.cutoff, f.ks, f.boundary, f.quality, f.reason,
       ln.r AS r_tpl_ln, ln.p_value AS p_tpl_ln, pl.r AS r_tpl_pl, pl.p_value AS p_tpl_pl
FROM levels l
CROSS JOIN LATERAL @extschema@.tpl_fit(l.h) f
CROSS JOIN LATERAL @extschema@.vuong(l.h, 'truncated_power_law', 'lognormal') ln
CROSS JOIN LATERAL @extschema@.vuong(l.h, 'truncated_power_law', 'power_law') pl;
COMMENT ON VIEW @extschema@.bi_tail_fits IS
    'Per level (condition, topology_task, topology, n_agents, pooled), observable (tce, size, delegation, revision, contradiction, merge) and group: the truncated power law fitted with xmin by KS (alpha with its 95% Wald interval, cutoff, n_tail, quality) and Vuong''s tests of the TPL against the log-normal and the power law (r > 0 favours the TPL), all from one tail_hist per group (paper 000, Tables 2, 3, D.1).';

-- Concentration of claims among agents per condition (paper 000, Table D.2 and Fig. 4): the
-- means over runs of agent_concentration, with their spread across runs, at the levels of
-- bi_tail_fits.
CREATE VIEW @extschema@.bi_concentration AS
SELECT CASE GROUPING(a.topology, a.task_family, a.n_agents, a.model)
           WHEN 0 THEN 'condition' WHEN 3 THEN 'topology_task' WHEN 7 THEN 'topology'
           WHEN 13 THEN 'n_agents' ELSE 'pooled' END AS level,
       a.topology, a.task_family, a.n_agents, a.model, count(*) AS runs,
       avg(a.top1_share_active) AS top1_share, avg(a.top10_share_active) AS top10_share,
       stddev_samp(a.top10_share_active) AS top10_share_sd,
       avg(a.top10_excess_active) AS top10_excess, avg(a.gini_active) AS gini,
       stddev_samp(a.gini_active) AS gini_sd,
       avg(a.effective_fraction_active) AS effective_fraction,
       stddev_samp(a.effective_fraction_active) AS effective_fraction_sd,
       avg(a.top10_share_all) AS top10_share_all, avg(a.gini_all) AS gini_all,
       avg(a.effective_fraction_all) AS effective_fraction_all
FROM @extschema@.agent_concentration a
GROUP BY GROUPING SETS ((a.topology, a.task_family, a.n_agents, a.model),
                        (a.topology, a.task_family), (a.topology), (a.n_agents), ());
COMMENT ON VIEW @extschema@.bi_concentration IS
    'Per level (as bi_tail_fits) and group: the runs and the means over them of the top-1 and top-10% shares, top-10% excess, Gini and effective fraction of agents among active agents (with the standard deviations across runs), and of the top-10% share, Gini and effective fraction over all agents (paper 000, Table D.2).';

-- The attachment exponent per condition (paper 000, Sec. 5.2, Fig. 5): attachment_exponent
-- over the condition's runs, all event types together.
CREATE VIEW @extschema@.bi_attachment AS
SELECT c.topology, c.task_family, c.n_agents, c.model, c.runs, e.selections, e.levels,
       e.beta, e.beta_lo, e.beta_hi, e.beta_mle, e.beta_mle_se
FROM (SELECT r.topology, r.task_family, r.n_agents, r.model, count(*) AS runs,
             array_agg(r.run_id::text ORDER BY r.run_id) AS ids
      FROM @extschema@.runs r
      GROUP BY r.topology, r.task_family, r.n_agents, r.model) c
LEFT JOIN LATERAL @extschema@.attachment_exponent(c.ids) e ON e.event_type IS NULL;
COMMENT ON VIEW @extschema@.bi_attachment IS
    'Per condition (topology, task_family, n_agents, model): the runs and the attachment exponent of their events, all event types together (attachment_exponent with its defaults): beta with its bootstrap interval and beta_mle with its standard error; NULL where the runs have too few activity levels.';

-- Extreme-event scaling (paper 000, Sec. 5.3, Fig. 7): extreme_scaling with its defaults for
-- each observable, its rows per N here and its fit in bi_extreme_scaling.
CREATE VIEW @extschema@.bi_extreme_levels AS
SELECT o.observable, e.n_agents, e.runs, e.runs_with_instances, e.instances_per_run,
       e.mean_max, e.mean_ln_max
FROM unnest(ARRAY['tce', 'size', 'delegation', 'revision', 'contradiction', 'merge']) o(observable)
CROSS JOIN LATERAL @extschema@.extreme_scaling(o.observable) e
WHERE e.n_agents IS NOT NULL;
COMMENT ON VIEW @extschema@.bi_extreme_levels IS
    'Per observable and n_agents: the runs, the mean number of instances per run, the mean per-run maximum M_N and the mean of ln M_N (extreme_scaling; paper 000, Fig. 7).';

CREATE VIEW @extschema@.bi_extreme_scaling AS
SELECT o.observable, e.runs, e.runs_with_instances, e.slope, e.slope_lo, e.slope_hi, e.c,
       e.alpha_model, e.xmin AS x_min, e.alpha, e.alpha_se, e.evt_prediction
FROM unnest(ARRAY['tce', 'size', 'delegation', 'revision', 'contradiction', 'merge']) o(observable)
CROSS JOIN LATERAL @extschema@.extreme_scaling(o.observable) e
WHERE e.n_agents IS NULL;
COMMENT ON VIEW @extschema@.bi_extreme_scaling IS
    'Per observable: the slope of mean ln M_N on ln N with its bootstrap interval, the growth c of instances per run, the pooled tail exponent alpha and the EVT prediction c / (alpha - 1) (extreme_scaling; paper 000, Sec. 5.3, Fig. 7).';

-- Cascade anatomy by size band (paper 000, Table D.3), cascades ranked by size and by TCE.
CREATE VIEW @extschema@.bi_cascade_anatomy AS
SELECT m.measure, a.band, a.quantile_lo, a.quantile_hi, a.n_cascades, a.size_min, a.size_max,
       a.share_delegation, a.share_contradiction, a.share_merge, a.merge_conversion,
       a.pooled_merge_conversion
FROM unnest(ARRAY['size', 'tce']) m(measure)
CROSS JOIN LATERAL @extschema@.cascade_anatomy('@extschema@.cascades'::regclass, m.measure) a;
COMMENT ON VIEW @extschema@.bi_cascade_anatomy IS
    'Per measure (size, tce) and size band (median, 90th, 99th percentile, top 1%): the shares of delegation, contradiction and merge events and the merge conversion ratio of the cascades in the band (cascade_anatomy; paper 000, Table D.3).';

-- The BI views and the columns that identify a row of each (the unique key of its
-- materialised copy; NULLs in a key count as equal).
CREATE FUNCTION @extschema@.bi_views()
RETURNS TABLE (view_name text, key_columns text[])
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    VALUES ('bi_tail_fits', ARRAY['level', 'observable', 'topology', 'task_family', 'n_agents', 'model']),
           ('bi_concentration', ARRAY['level', 'topology', 'task_family', 'n_agents', 'model']),
           ('bi_attachment', ARRAY['topology', 'task_family', 'n_agents', 'model']),
           ('bi_extreme_levels', ARRAY['observable', 'n_agents']),
           ('bi_extreme_scaling', ARRAY['observable']),
           ('bi_cascade_anatomy', ARRAY['measure', 'band'])
$$;
COMMENT ON FUNCTION @extschema@.bi_views() IS
    'The BI views of collcog and the columns that identify a row of each (the unique key of their materialised copies).';

-- Materialised copies of the BI views in a schema of the caller's (created if missing),
-- owned by the caller and not by the extension, each with the unique index on its key that
-- REFRESH ... CONCURRENTLY needs (docs/guide-scheduling.md explains why).
CREATE FUNCTION @extschema@.bi_materialize(target_schema text DEFAULT 'collcog_bi')
RETURNS SETOF regclass
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v record;
BEGIN
    IF target_schema IS NULL THEN
        RAISE EXCEPTION 'target_schema must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', target_schema);
    FOR v IN SELECT * FROM @extschema@.bi_views() LOOP
        EXECUTE format('CREATE MATERIALIZED VIEW %I.%I AS SELECT * FROM @extschema@.%I',
                       target_schema, v.view_name, v.view_name);
        EXECUTE format('CREATE UNIQUE INDEX %I ON %I.%I (%s) NULLS NOT DISTINCT',
                       v.view_name || '_key', target_schema, v.view_name,
                       (SELECT string_agg(quote_ident(k), ', ') FROM unnest(v.key_columns) k));
        RETURN NEXT format('%I.%I', target_schema, v.view_name)::regclass;
    END LOOP;
END $$;
COMMENT ON FUNCTION @extschema@.bi_materialize(text) IS
    'Create in target_schema (created if missing) a materialized view of each BI view, owned by the caller, with a unique index on its key so that REFRESH ... CONCURRENTLY works; returns them.';

-- Refresh the materialised copies bi_materialize made in target_schema.
CREATE FUNCTION @extschema@.bi_refresh(
    target_schema text    DEFAULT 'collcog_bi',
    concurrent    boolean DEFAULT true)
RETURNS SETOF regclass
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v record;
    mv regclass;
BEGIN
    IF target_schema IS NULL OR concurrent IS NULL THEN
        RAISE EXCEPTION 'target_schema and concurrent must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    FOR v IN SELECT * FROM @extschema@.bi_views() LOOP
        mv := to_regclass(format('%I.%I', target_schema, v.view_name));
        IF mv IS NULL THEN
            RAISE EXCEPTION 'no materialized view %.% to refresh', target_schema, v.view_name
                USING ERRCODE = 'undefined_table',
                      HINT = 'Create the copies with bi_materialize() first.';
        END IF;
        EXECUTE format('REFRESH MATERIALIZED VIEW %s %s',
                       CASE WHEN concurrent THEN 'CONCURRENTLY' ELSE '' END, mv);
        RETURN NEXT mv;
    END LOOP;
END $$;
COMMENT ON FUNCTION @extschema@.bi_refresh(text, boolean) IS
    'Refresh the materialized views bi_materialize made in target_schema (CONCURRENTLY by default: readers keep reading the old rows meanwhile); returns them.';
-- issue 15: type_prominence_agg, the measures of type_prominence as an aggregate over any
-- group of messages
CREATE TYPE @extschema@.type_prominence_agg_result AS (
    d_in double precision[], d_out double precision[],
    theta_in double precision[], theta_out double precision[],
    influence double precision, influence_rest double precision, gce_ratio double precision);
COMMENT ON TYPE @extschema@.type_prominence_agg_result IS
    'The result of type_prominence_agg: the columns of type_prominence for one type against the rest, over the messages of a group.';
CREATE FUNCTION @extschema@.type_prominence_agg_trans(state double precision[],
    weight double precision[], source_is_type boolean, target_is_type boolean)
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'type_prominence_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.type_prominence_agg_trans(double precision[], double precision[], boolean, boolean) IS
    'Transition function of type_prominence_agg: adds one message''s weight to the state {d, D_in of the type and of the rest, D_out of both}.';
CREATE FUNCTION @extschema@.type_prominence_agg_combine(a double precision[], b double precision[])
RETURNS double precision[]
AS 'MODULE_PATHNAME', 'type_prominence_agg_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.type_prominence_agg_combine(double precision[], double precision[]) IS
    'Combine function of type_prominence_agg: the sum of two states.';
CREATE FUNCTION @extschema@.type_prominence_agg_final(state double precision[])
RETURNS @extschema@.type_prominence_agg_result
AS 'MODULE_PATHNAME', 'type_prominence_agg_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.type_prominence_agg_final(double precision[]) IS
    'Final function of type_prominence_agg: the measures from a state (NULL for a group without weights).';
CREATE AGGREGATE @extschema@.type_prominence_agg(weight double precision[],
                                                 source_is_type boolean, target_is_type boolean) (
    SFUNC = @extschema@.type_prominence_agg_trans, STYPE = double precision[], INITCOND = '{0}',
    FINALFUNC = @extschema@.type_prominence_agg_final,
    COMBINEFUNC = @extschema@.type_prominence_agg_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.type_prominence_agg(double precision[], boolean, boolean) IS
    'Over any group of messages (weight, whether its source is of type a, whether its target is): D_in(a), D_out(a), theta_in, theta_out (paper 001, Eq. 1, 4), I(a) = |D_out(a)|_1 / |D_in(a)|_1 (Eq. 10), the same for all other types pooled, and their ratio (Eq. 9). NULL weights are skipped; a NULL type is an error.';

-- Scaling out (issue 17): collcog_build(), shard_states(), shard_tail_hist(),
-- shard_effort_hist() and shard_build_cascades() (new; src/sql/92_shard.sql).
CREATE FUNCTION @extschema@.collcog_build(anchor bigint)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$BEGIN RETURN 'collcog 0.2.0 (tail_hist format 1, effort_hist format 1)'; END$$;
COMMENT ON FUNCTION @extschema@.collcog_build(bigint) IS
    'The collcog release and state formats of the server that evaluates it; the argument is ignored (an aggregate over a foreign table as argument makes postgres_fdw evaluate the call on the shard).';

-- The states of column_name in every leaf partition of rel, computed where the partition
-- lives (one remote aggregate per foreign partition, all in one query so that partitions
-- whose server is async_capable work at the same time), in binary form (format version
-- included), after checking that each partition's server runs the coordinator's build.
CREATE FUNCTION @extschema@.shard_states(rel regclass, column_name name, state text)
RETURNS TABLE (partition regclass, build text, rows_seen bigint, state_bytes bytea)
LANGUAGE plpgsql STABLE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ext   text := (SELECT quote_ident(n.nspname) FROM pg_extension e
                   JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'collcog');
    mine  text;
    coltype regtype;
    parts regclass[];
    query text;
    msg   text;
    r     record;
BEGIN
    IF state NOT IN ('tail_hist', 'effort_hist') THEN
        RAISE EXCEPTION 'unknown state "%"', state
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The states a shard can compute are tail_hist and effort_hist.';
    END IF;
    -- The column's type, checked here: a type the state takes no values of is the caller's
    -- error, not a shard's (and text would read as a cast to the state type).
    SELECT coalesce(nullif(t.typbasetype, 0), t.oid)::regtype INTO coltype
    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
    WHERE a.attrelid = rel AND a.attname = column_name AND a.attnum > 0 AND NOT a.attisdropped;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'column "%" of relation "%" does not exist', column_name, rel
            USING ERRCODE = 'undefined_column';
    ELSIF coltype NOT IN ('smallint', 'integer', 'bigint', 'real', 'double precision') THEN
        RAISE EXCEPTION 'column "%" of relation "%" is %, not a number type % takes', column_name, rel, coltype, state
            USING ERRCODE = 'datatype_mismatch',
                  DETAIL = 'The states take smallint, integer, bigint, real and double precision values.';
    END IF;
    EXECUTE format('SELECT %s.collcog_build(0)', ext) INTO mine;
    SELECT array_agg(t.relid ORDER BY t.relid::text) INTO parts
    FROM pg_partition_tree(rel) t WHERE t.isleaf;
    IF parts IS NULL OR cardinality(parts) = 1 AND parts[1] = rel THEN
        RAISE EXCEPTION 'relation "%" is not a partitioned table with partitions', rel
            USING ERRCODE = 'wrong_object_type';
    END IF;
    -- The partition goes by its ordinal: a constant of the query is sent to the shard.
    SELECT string_agg(format('SELECT %s AS i, %s.collcog_build(count(*)) AS build,'
                             ' count(%I) AS rows_seen, %s.%I(%I)::bytea AS state_bytes FROM ONLY %s',
                             i, ext, column_name, ext, state, column_name, p), ' UNION ALL ')
    INTO query FROM unnest(parts) WITH ORDINALITY AS u(p, i);
    BEGIN
        FOR r IN EXECUTE query LOOP
            partition := parts[r.i];
            IF r.build IS DISTINCT FROM mine THEN
                RAISE EXCEPTION 'partition "%" runs another collcog build than the coordinator', partition
                    USING ERRCODE = 'object_not_in_prerequisite_state',
                          DETAIL = format('The partition''s server runs %s, the coordinator %s.', r.build, mine),
                          HINT = 'Install the same collcog on every shard and run ALTER EXTENSION collcog UPDATE there.';
            END IF;
            -- A state the coordinator cannot read (another format) is named by its partition.
            BEGIN
                EXECUTE format('SELECT $1::%s.%I', ext, state) USING r.state_bytes;
            EXCEPTION WHEN invalid_binary_representation THEN
                RAISE EXCEPTION 'partition "%" sent a % the coordinator cannot read', partition, state
                    USING ERRCODE = SQLSTATE, DETAIL = SQLERRM,
                          HINT = 'Install the same collcog on every shard and run ALTER EXTENSION collcog UPDATE there.';
            END;
            build := r.build; rows_seen := r.rows_seen;
            state_bytes := r.state_bytes;
            RETURN NEXT;
        END LOOP;
    EXCEPTION WHEN undefined_function THEN
        -- The query was planned here, where every function exists: a shard lacks one.
        GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
        RAISE EXCEPTION 'a partition''s server runs another collcog build than the coordinator'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = format('A shard reported: %s. The coordinator runs %s.', msg, mine),
                  HINT = 'Install the same collcog on every shard and run ALTER EXTENSION collcog UPDATE there.';
    END;
END
$$;
COMMENT ON FUNCTION @extschema@.shard_states(regclass, name, text) IS
    'Per leaf partition of rel: the collcog build of its server, the non-NULL values of column_name and their state (tail_hist or effort_hist, binary form), each computed where the partition lives (postgres_fdw pushes the aggregate down); an error when a server runs another build.';

CREATE FUNCTION @extschema@.shard_tail_hist(rel regclass, column_name name)
RETURNS @extschema@.tail_hist
LANGUAGE sql STABLE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT @extschema@.tail_hist_merge(s.state_bytes::@extschema@.tail_hist)
    FROM @extschema@.shard_states(rel, column_name, 'tail_hist') s;
END;
COMMENT ON FUNCTION @extschema@.shard_tail_hist(regclass, name) IS
    'The tail_hist of column_name over every partition of rel, merged from the states each partition''s server computes (see shard_states); NULL for no values.';

CREATE FUNCTION @extschema@.shard_effort_hist(rel regclass, column_name name)
RETURNS @extschema@.effort_hist
LANGUAGE sql STABLE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT @extschema@.effort_hist_merge(s.state_bytes::@extschema@.effort_hist)
    FROM @extschema@.shard_states(rel, column_name, 'effort_hist') s;
END;
COMMENT ON FUNCTION @extschema@.shard_effort_hist(regclass, name) IS
    'The effort_hist of column_name over every partition of rel, merged from the states each partition''s server computes (see shard_states); NULL for no values.';

-- build_cascades() on the server of every foreign partition of rel, started from the
-- coordinator through dblink (postgres_fdw runs no functions on its own), all servers at the
-- same time; each server builds all of its runs and commits on its own.
CREATE FUNCTION @extschema@.shard_build_cascades(rel regclass)
RETURNS TABLE (server name, runs_built bigint, runs_skipped bigint, claims bigint, cascades bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ext     text := (SELECT quote_ident(n.nspname) FROM pg_extension e
                     JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'collcog');
    dbl     text := (SELECT quote_ident(n.nspname) FROM pg_extension e
                     JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'dblink');
    mine    text;
    theirs  text;
    servers name[];
    open    text[] := '{}';
    s       name;
    c       text;
BEGIN
    IF dbl IS NULL THEN
        RAISE EXCEPTION 'shard_build_cascades needs the dblink extension'
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'CREATE EXTENSION dblink;';
    END IF;
    SELECT array_agg(DISTINCT fs.srvname ORDER BY fs.srvname) INTO servers
    FROM pg_partition_tree(rel) t
    JOIN pg_foreign_table ft ON ft.ftrelid = t.relid
    JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
    WHERE t.isleaf;
    IF servers IS NULL THEN
        RAISE EXCEPTION 'relation "%" has no foreign partitions', rel
            USING ERRCODE = 'wrong_object_type';
    END IF;
    EXECUTE format('SELECT %s.collcog_build(0)', ext) INTO mine;
    BEGIN
        FOREACH s IN ARRAY servers LOOP
            c := 'collcog_build_cascades_' || s;
            EXECUTE format('SELECT %s.dblink_connect(%L, %L)', dbl, c, s);
            open := open || c;
            EXECUTE format('SELECT b FROM %s.dblink(%L, %L) AS t(b text)', dbl, c,
                           format('SELECT %s.collcog_build(0)', ext)) INTO theirs;
            IF theirs IS DISTINCT FROM mine THEN
                RAISE EXCEPTION 'server "%" runs another collcog build than the coordinator', s
                    USING ERRCODE = 'object_not_in_prerequisite_state',
                          DETAIL = format('The server runs %s, the coordinator %s.', theirs, mine),
                          HINT = 'Install the same collcog on every shard and run ALTER EXTENSION collcog UPDATE there.';
            END IF;
        END LOOP;
        FOREACH c IN ARRAY open LOOP
            EXECUTE format('SELECT %s.dblink_send_query(%L, %L)', dbl, c,
                           format('SELECT runs_built, runs_skipped, claims, cascades FROM %s.build_cascades()', ext));
        END LOOP;
        FOR i IN 1 .. cardinality(servers) LOOP
            server := servers[i];
            EXECUTE format('SELECT * FROM %s.dblink_get_result(%L) AS t(a bigint, b bigint, c bigint, d bigint)',
                           dbl, open[i]) INTO runs_built, runs_skipped, claims, cascades;
            RETURN NEXT;
        END LOOP;
    EXCEPTION WHEN OTHERS THEN
        -- Named dblink connections outlive the statement: close them before the error goes on.
        FOREACH c IN ARRAY open LOOP
            EXECUTE format('SELECT %s.dblink_disconnect(%L)', dbl, c);
        END LOOP;
        IF SQLSTATE = '42883' THEN
            RAISE EXCEPTION 'a shard''s server runs another collcog build than the coordinator'
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = format('A shard reported: %s. The coordinator runs %s.', SQLERRM, mine),
                      HINT = 'Install the same collcog on every shard and run ALTER EXTENSION collcog UPDATE there.';
        END IF;
        RAISE;
    END;
    FOREACH c IN ARRAY open LOOP
        EXECUTE format('SELECT %s.dblink_disconnect(%L)', dbl, c);
    END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.shard_build_cascades(regclass) IS
    'Run build_cascades() for all runs on the server of every foreign partition of rel, all at the same time, through dblink (which must be installed); one row per server; an error when a server runs another build.';

-- The live DTI watcher, faster (issue 14's target): a cascade's row lists its newest ten
-- branch heads and counts them all (n_heads), instead of listing every head; the claims
-- lose their primary key (the watcher writes them, never reads them back); the keys of runs
-- and cascades compare bytewise (COLLATE "C"), cheaper to index, and the cascades' pages
-- keep room for their rows' next versions (fillfactor), updated without new index entries.
ALTER TABLE @extschema@.dti_watch_runs ALTER COLUMN run_id TYPE @extschema@.trace_id COLLATE "C";
ALTER TABLE @extschema@.dti_watch_cascades
    ALTER COLUMN run_id TYPE @extschema@.trace_id COLLATE "C",
    ALTER COLUMN root_claim_id TYPE @extschema@.trace_id COLLATE "C",
    SET (fillfactor = 30);
ALTER TABLE @extschema@.dti_watch_cascades ADD COLUMN n_heads integer NOT NULL;
COMMENT ON TABLE @extschema@.dti_watch_cascades IS
    'The DTI watcher''s cascade segments: the root''s step, events n and merges m since the last restart, whether the segment has crossed tau and waits for the run''s next event, the cascade''s newest branch heads (claims no later claim builds on; at most ten, oldest first) and how many it has (n_heads).';
ALTER TABLE @extschema@.dti_watch_claims DROP CONSTRAINT dti_watch_claims_pkey;
COMMENT ON TABLE @extschema@.dti_watch_claims IS
    'The DTI watcher''s claims: the cascade each belongs to (its root). Written, never read by the watcher, so without an index.';
