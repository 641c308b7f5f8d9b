-- Derived tables: rebuilt from events by collcog's functions, never typed by hand.
-- They have no foreign keys to runs: only build_cascades() writes them, for runs it has
-- just read, and per-row key checks would cost a third of its time. The triggers at the
-- end of this file remove a run's derived rows with the run.

CREATE TYPE @extschema@.claim_status AS ENUM ('proposed', 'revised', 'contradictory', 'merged',
                                               'delegated', 'endorsed');
COMMENT ON TYPE @extschema@.claim_status IS
    'How a claim came to be (paper 000, App. E.3): by a propose, revise, contradict or merge event, or by a delegate or endorse event that creates one.';

CREATE TABLE @extschema@.claims (
    run_id                 @extschema@.trace_id NOT NULL,
    claim_id               @extschema@.trace_id NOT NULL,
    step_id                bigint NOT NULL,
    root_claim_id          @extschema@.trace_id NOT NULL,
    claim_depth            integer NOT NULL CHECK (claim_depth >= 0),
    claim_status           @extschema@.claim_status NOT NULL,
    revision_chain_id      @extschema@.trace_id,
    contradiction_group_id @extschema@.trace_id,
    merge_id               @extschema@.trace_id,
    PRIMARY KEY (run_id, claim_id)
);
COMMENT ON TABLE @extschema@.claims IS
    'The claim DAG of every run, derived from events: each claim''s cascade root, depth, status and grouping identifiers.';

CREATE TABLE @extschema@.subtasks (
    run_id            @extschema@.trace_id NOT NULL,
    subtask_id        @extschema@.trace_id NOT NULL,
    parent_subtask_id @extschema@.trace_id,
    subtask_depth     integer NOT NULL CHECK (subtask_depth >= 0),
    assigned_agent    @extschema@.trace_id,
    subtree_subtasks  bigint NOT NULL CHECK (subtree_subtasks >= 1),
    subtree_events    bigint NOT NULL CHECK (subtree_events >= 0),
    PRIMARY KEY (run_id, subtask_id)
);
COMMENT ON TABLE @extschema@.subtasks IS
    'The subtask forest of every run, derived from delegate events.';

CREATE TABLE @extschema@.cascades (
    run_id          @extschema@.trace_id NOT NULL,
    root_claim_id   @extschema@.trace_id NOT NULL,
    size            integer NOT NULL CHECK (size >= 1),
    tce             integer NOT NULL CHECK (tce >= size),
    n_propose       integer NOT NULL CHECK (n_propose >= 0),
    n_revise        integer NOT NULL CHECK (n_revise >= 0),
    n_contradict    integer NOT NULL CHECK (n_contradict >= 0),
    n_merge         integer NOT NULL CHECK (n_merge >= 0),
    n_delegate      integer NOT NULL CHECK (n_delegate >= 0),
    n_endorse       integer NOT NULL CHECK (n_endorse >= 0),
    n_agents_active integer NOT NULL CHECK (n_agents_active >= 1),
    depth           integer NOT NULL CHECK (depth >= 0),
    merge_conversion double precision CHECK (merge_conversion >= 0),
    -- The run's attributes, copied at build time so GROUP BY topology needs no join.
    topology        text,
    task_family     text,
    n_agents        integer,
    model           text,
    PRIMARY KEY (run_id, root_claim_id)
);
CREATE TABLE @extschema@.event_sizes (
    run_id     @extschema@.trace_id NOT NULL,
    observable text COLLATE "C" NOT NULL
               CHECK (observable IN ('delegation', 'revision', 'contradiction', 'merge')),
    anchor_id  @extschema@.trace_id NOT NULL,
    size       bigint NOT NULL CHECK (size >= 1),
    n_events   bigint CHECK (n_events >= 0),
    PRIMARY KEY (run_id, observable, anchor_id)
);
COMMENT ON TABLE @extschema@.event_sizes IS
    'One row per instance of an event-level observable (paper 000, Table 1): delegation cascade size, revision wave length, contradiction burst size, merge fan-in.';

-- Who did the work of each cascade (paper 000, Eq. 3: n_i(C) is claims here).
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

-- When each run's derived rows were built, and whether its trace changed since: the triggers
-- below mark updated and deleted events and updated run attributes; inserted events show as
-- a different count (no trigger on INSERT, so loading costs nothing more).
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

COMMENT ON TABLE @extschema@.cascades IS
    'One row per coordination cascade (run, root claim): size in claims, total cognitive effort (TCE) in events, composition, and the run''s attributes.';

-- Deleting or truncating runs removes their derived rows too. The trigger takes the locks
-- build_cascades() takes (src/pg/cascade/run_locks.c): the warehouse shared, then each
-- deleted run in run_id order, so that a run deleted while it is being built leaves no
-- derived rows behind. Under READ COMMITTED it waits for a builder, and its DELETE
-- statements then see what the builder committed; under REPEATABLE READ or SERIALIZABLE
-- they could not, and a wait is a serialization failure instead.
CREATE FUNCTION @extschema@.delete_derived_rows() RETURNS trigger
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
CREATE TRIGGER runs_delete_derived AFTER DELETE ON @extschema@.runs
    REFERENCING OLD TABLE AS deleted_runs
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.delete_derived_rows();
CREATE TRIGGER runs_truncate_derived AFTER TRUNCATE ON @extschema@.runs
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.delete_derived_rows();

-- Updating or deleting events, or updating the attributes a cascade copies from its run,
-- marks the run's build as changed (stale_runs lists it until it is rebuilt).
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

-- The runs whose derived rows are missing or may not match their trace, and why.
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

-- Logged lineage against reconstructed lineage: each claim's cascade root and depth as
-- build_cascades() derives them from the parents, beside what the trace's own logger wrote
-- (events.logged_root_claim_id, logged_claim_depth; E.3 imports).
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

-- Each agent's effort in its run, read from events (so never stale), with a row of zeros
-- for an agent that did nothing: the paper's all-agents denominator counts them, its
-- active-agents one is FILTER (WHERE claims > 0).
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
