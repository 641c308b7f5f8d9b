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
DECLARE
    missing text;
    unbuilt bigint;
    first_unbuilt text;
    skipped bigint;
    changed bigint;
BEGIN
    IF array_position(run_ids, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'run_ids must not contain NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT n INTO missing FROM unnest(run_ids) n
    WHERE NOT EXISTS (SELECT 1 FROM @extschema@.runs r WHERE r.run_id = n) LIMIT 1;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'run "%" does not exist', missing USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT count(*) FILTER (WHERE s.reason = 'not built'),
           min(s.run_id COLLATE "C") FILTER (WHERE s.reason = 'not built'),
           count(*) FILTER (WHERE s.reason LIKE 'skipped%'),
           count(*) FILTER (WHERE s.reason NOT IN ('not built') AND s.reason NOT LIKE 'skipped%')
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
