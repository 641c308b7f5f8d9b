-- collcog: install script, built by concatenating src/sql/*.sql in name order.
\echo Use "CREATE EXTENSION collcog" to load this file. \quit
-- The canonical trace tables (DESIGN section 2, after paper 000 App. E.3).
-- Rows typed by users or written by collcog-load. Every table is an extension
-- configuration table, so pg_dump keeps its rows.

CREATE TYPE @extschema@.event_type AS ENUM
    ('propose', 'revise', 'contradict', 'merge', 'delegate', 'endorse');
COMMENT ON TYPE @extschema@.event_type IS
    'Coordination event kinds of paper 000 (App. E.2): propose, revise, contradict and merge create a claim; delegate creates a subtask; endorse supports an existing claim.';

-- Identifiers are text as in the source systems; they must be non-empty and short enough
-- to index. They compare bytewise (COLLATE "C"): identifiers are not words, bytewise
-- comparison is several times cheaper in indexes, and it is the order the C core uses to
-- break ties between roots.
CREATE DOMAIN @extschema@.trace_id AS text COLLATE "C"
    CONSTRAINT trace_id_valid CHECK (VALUE <> '' AND octet_length(VALUE) <= 256);
COMMENT ON DOMAIN @extschema@.trace_id IS
    'Identifier of a run, agent, claim or subtask: non-empty text of at most 256 bytes, compared bytewise.';

CREATE TABLE @extschema@.runs (
    run_id      @extschema@.trace_id PRIMARY KEY,
    benchmark   text,
    task_family text,
    topology    text CHECK (topology <> ''),
    n_agents    integer CHECK (n_agents > 0),
    model       text,
    seed        bigint,
    success     boolean,
    -- NaN sorts above Infinity in PostgreSQL, so this also rejects NaN.
    score       double precision CHECK (score > '-Infinity' AND score < 'Infinity'),
    started_at  timestamptz,
    meta        jsonb CHECK (meta IS NULL OR jsonb_typeof(meta) = 'object')
);
COMMENT ON TABLE @extschema@.runs IS
    'One row per run of a multi-agent system: its configuration (benchmark, task family, topology, size, model, seed) and outcome.';

CREATE TABLE @extschema@.agents (
    run_id     @extschema@.trace_id NOT NULL REFERENCES @extschema@.runs ON DELETE CASCADE,
    agent_id   @extschema@.trace_id NOT NULL,
    agent_type text,
    model      text,
    role       text,
    PRIMARY KEY (run_id, agent_id)
);
COMMENT ON TABLE @extschema@.agents IS
    'Agents of each run; agent_type is the type of paper 001 (model family, size or role).';

CREATE TABLE @extschema@.events (
    run_id            @extschema@.trace_id NOT NULL,
    step_id           bigint NOT NULL CHECK (step_id >= 0),
    ts                timestamptz,
    agent_id          @extschema@.trace_id NOT NULL,
    event_type        @extschema@.event_type NOT NULL,
    claim_id          @extschema@.trace_id,
    parent_claim_ids  @extschema@.trace_id[] NOT NULL DEFAULT '{}',
    target_claim_id   @extschema@.trace_id,
    subtask_id        @extschema@.trace_id,
    parent_subtask_id @extschema@.trace_id,
    message_length    integer CHECK (message_length >= 0),
    payload           jsonb,
    PRIMARY KEY (run_id, step_id),
    UNIQUE (run_id, claim_id),
    FOREIGN KEY (run_id, agent_id) REFERENCES @extschema@.agents ON DELETE CASCADE,
    CONSTRAINT parents_flat CHECK (array_ndims(parent_claim_ids) IS NULL
                                   OR (array_ndims(parent_claim_ids) = 1
                                       AND array_position(parent_claim_ids, NULL) IS NULL)),
    CONSTRAINT claim_not_own_parent CHECK (claim_id IS NULL OR NOT claim_id = ANY (parent_claim_ids)),
    -- What each event type creates and references (paper 000, App. E.2 and E.4).
    CONSTRAINT creates_claim CHECK ((claim_id IS NOT NULL) =
                                    (event_type IN ('propose', 'revise', 'contradict', 'merge'))),
    CONSTRAINT revise_has_one_parent CHECK (event_type <> 'revise'
                                            OR cardinality(parent_claim_ids) = 1),
    CONSTRAINT contradict_has_one_parent CHECK (event_type <> 'contradict'
                                                OR (cardinality(parent_claim_ids) = 1
                                                    AND (target_claim_id IS NULL
                                                         OR target_claim_id = parent_claim_ids[1]))),
    CONSTRAINT merge_has_parents CHECK (event_type <> 'merge' OR cardinality(parent_claim_ids) >= 2),
    CONSTRAINT delegate_creates_subtask CHECK (event_type <> 'delegate' OR subtask_id IS NOT NULL),
    CONSTRAINT delegate_not_own_parent CHECK (parent_subtask_id IS NULL OR parent_subtask_id <> subtask_id),
    CONSTRAINT endorse_has_target CHECK (event_type <> 'endorse' OR target_claim_id IS NOT NULL),
    CONSTRAINT no_parents_without_claim CHECK (claim_id IS NOT NULL OR cardinality(parent_claim_ids) = 0)
);
COMMENT ON TABLE @extschema@.events IS
    'Coordination events in step order within each run (paper 000, App. E.3): the claim an event creates, its parent claims, the claim it targets and its subtask context.';

CREATE INDEX events_target_idx ON @extschema@.events (run_id, target_claim_id)
    WHERE target_claim_id IS NOT NULL;
CREATE INDEX events_agent_idx ON @extschema@.events (run_id, agent_id);

CREATE TABLE @extschema@.messages (
    run_id  @extschema@.trace_id NOT NULL,
    t       integer NOT NULL CHECK (t >= 0),
    source  @extschema@.trace_id NOT NULL,
    target  @extschema@.trace_id NOT NULL,
    weight  double precision[] NOT NULL
            -- array_ndims is NULL for an empty array, so also demand one element.
            CHECK (array_ndims(weight) = 1 AND cardinality(weight) >= 1
                   AND array_position(weight, NULL) IS NULL
                   AND 0 <= ALL (weight) AND 'Infinity' > ALL (weight)),
    PRIMARY KEY (run_id, t, source, target),
    FOREIGN KEY (run_id, source) REFERENCES @extschema@.agents ON DELETE CASCADE,
    FOREIGN KEY (run_id, target) REFERENCES @extschema@.agents ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.messages IS
    'Directed communication of paper 001: per round t, the vector weight (tokens, rounds, effort, ...) sent from source to target.';
CREATE INDEX messages_target_idx ON @extschema@.messages (run_id, target, t);

-- Runs a loader or build step refused, with the reason; nothing is dropped silently.
CREATE TABLE @extschema@.rejects (
    run_id      text NOT NULL,
    source      text NOT NULL,
    line        bigint CHECK (line > 0),
    reason      text NOT NULL,
    rejected_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.rejects IS
    'Runs quarantined by collcog-load --quarantine (or by a build step asked to skip bad runs), with the file, line and reason.';
-- Derived tables: rebuilt from events by collcog's functions, never typed by hand.
-- They have no foreign keys to runs: only build_cascades() writes them, for runs it has
-- just read, and per-row key checks would cost a third of its time. The triggers at the
-- end of this file remove a run's derived rows with the run.

CREATE TYPE @extschema@.claim_status AS ENUM ('proposed', 'revised', 'contradictory', 'merged');
COMMENT ON TYPE @extschema@.claim_status IS
    'How a claim came to be (paper 000, App. E.3): by a propose, revise, contradict or merge event.';

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

COMMENT ON TABLE @extschema@.cascades IS
    'One row per coordination cascade (run, root claim): size in claims, total cognitive effort (TCE) in events, composition, and the run''s attributes.';

-- Deleting or truncating runs removes their derived rows too.
CREATE FUNCTION @extschema@.delete_derived_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE @extschema@.claims, @extschema@.subtasks, @extschema@.cascades, @extschema@.event_sizes;
    ELSE
        DELETE FROM @extschema@.claims d USING deleted_runs r WHERE d.run_id = r.run_id;
        DELETE FROM @extschema@.subtasks d USING deleted_runs r WHERE d.run_id = r.run_id;
        DELETE FROM @extschema@.cascades d USING deleted_runs r WHERE d.run_id = r.run_id;
        DELETE FROM @extschema@.event_sizes d USING deleted_runs r WHERE d.run_id = r.run_id;
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@.delete_derived_rows() IS
    'Trigger on runs: removes the derived rows (claims, subtasks, cascades, event_sizes) of deleted or truncated runs.';
CREATE TRIGGER runs_delete_derived AFTER DELETE ON @extschema@.runs
    REFERENCING OLD TABLE AS deleted_runs
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.delete_derived_rows();
CREATE TRIGGER runs_truncate_derived AFTER TRUNCATE ON @extschema@.runs
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.delete_derived_rows();
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
-- Simulators (DESIGN section 8): agent societies with known laws, written in the columns of
-- the canonical tables. docs/reference/simulate_routing.md and simulate_network.md give the
-- models; include/collcog/sim.h the same in C.
--
-- Volatility. Every simulator function is a pure function of its arguments: the generator is
-- seeded from the seed argument only (GSL mt19937, see sim.h), reads no table, no clock and no
-- setting (start_time is an argument, timestamps are computed in UTC microseconds). So they
-- are IMMUTABLE: the same arguments give the same rows in every session and on every
-- platform. Rows may change between collcog versions only with a documented model change.
-- They are PARALLEL SAFE (no shared state) but not STRICT: NULL means "the same as gamma"
-- for agent_gamma, "no limit" for context_window, depth_limit and token_budget, "ceil(N / 4)"
-- for subtasks and "no DTI" for dti_*; a NULL elsewhere is an error naming the argument.
--
-- The three functions of each simulator take the same arguments and, for equal arguments,
-- describe the same runs: simulate_routing (events), simulate_routing_runs (runs),
-- simulate_routing_agents (agents); the procedures write all of them.

-- Reinforced routing (paper 000, Sec. 4; DTI of Sec. 6 / App. C; task trees of App. H).

CREATE FUNCTION @extschema@.simulate_routing(
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
RETURNS TABLE (run_id @extschema@.trace_id, step_id bigint, ts timestamptz, agent_id @extschema@.trace_id,
               event_type @extschema@.event_type, claim_id @extschema@.trace_id,
               parent_claim_ids @extschema@.trace_id[], target_claim_id @extschema@.trace_id,
               subtask_id @extschema@.trace_id, parent_subtask_id @extschema@.trace_id,
               message_length integer, payload jsonb)
AS 'MODULE_PATHNAME', 'simulate_routing'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 1000;
COMMENT ON FUNCTION @extschema@.simulate_routing(integer, bigint, double precision, double precision, double precision[], text, bigint, integer, bigint, integer, double precision, integer, double precision, integer, bigint, text, timestamptz, text, double precision, double precision, double precision) IS
    'Events of simulated multi-agent runs under reinforced routing (paper 000, Eq. 4: a claim is built on with probability proportional to (1 + activity)^gamma among the claims the agent may see; the acting agent with probability proportional to (1 + references to its claims)^agent_gamma), with topology, finite constraints, a task tree and optional deficit-triggered integration; seeded and deterministic. Columns of the events table.';

CREATE FUNCTION @extschema@.simulate_routing_runs(
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
RETURNS TABLE (run_id @extschema@.trace_id, benchmark text, task_family text, topology text,
               n_agents integer, model text, seed bigint, success boolean,
               score double precision, started_at timestamptz, meta jsonb)
AS 'MODULE_PATHNAME', 'simulate_routing_runs'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 1000;
COMMENT ON FUNCTION @extschema@.simulate_routing_runs(integer, bigint, double precision, double precision, double precision[], text, bigint, integer, bigint, integer, double precision, integer, double precision, integer, bigint, text, timestamptz, text, double precision, double precision, double precision) IS
    'The runs of simulate_routing with the same arguments: configuration, success drawn with probability coverage * (1 - exp(-integration / 0.15)) (score), and the model parameters and run statistics in meta. Columns of the runs table.';

CREATE FUNCTION @extschema@.simulate_routing_agents(
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
RETURNS TABLE (run_id @extschema@.trace_id, agent_id @extschema@.trace_id, agent_type text, model text, role text)
AS 'MODULE_PATHNAME', 'simulate_routing_agents'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 1000;
COMMENT ON FUNCTION @extschema@.simulate_routing_agents(integer, bigint, double precision, double precision, double precision[], text, bigint, integer, bigint, integer, double precision, integer, double precision, integer, bigint, text, timestamptz, text, double precision, double precision, double precision) IS
    'The agents of simulate_routing with the same arguments (a0 .. a(N-1) per run; agent_type and role give the position in the topology). Columns of the agents table.';

CREATE PROCEDURE @extschema@.simulate_routing_into(
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
LANGUAGE sql
AS $$
    INSERT INTO @extschema@.runs
        SELECT * FROM @extschema@.simulate_routing_runs(n_agents, steps, gamma, agent_gamma, mix, topology, context_window, depth_limit, token_budget, subtasks, dependency_prob, max_fanin, mean_tokens, runs, seed, run_prefix, start_time, task_family, dti_c, dti_beta, dti_tau);
    INSERT INTO @extschema@.agents
        SELECT * FROM @extschema@.simulate_routing_agents(n_agents, steps, gamma, agent_gamma, mix, topology, context_window, depth_limit, token_budget, subtasks, dependency_prob, max_fanin, mean_tokens, runs, seed, run_prefix, start_time, task_family, dti_c, dti_beta, dti_tau);
    -- In the select list the function streams one row per call (no tuplestore).
    INSERT INTO @extschema@.events
        SELECT (e).* FROM (SELECT @extschema@.simulate_routing(n_agents, steps, gamma, agent_gamma, mix, topology, context_window, depth_limit, token_budget, subtasks, dependency_prob, max_fanin, mean_tokens, runs, seed, run_prefix, start_time, task_family, dti_c, dti_beta, dti_tau) AS e OFFSET 0) s;
$$;
COMMENT ON PROCEDURE @extschema@.simulate_routing_into(integer, bigint, double precision, double precision, double precision[], text, bigint, integer, bigint, integer, double precision, integer, double precision, integer, bigint, text, timestamptz, text, double precision, double precision, double precision) IS
    'Write simulated runs into the canonical tables runs, agents and events (the rows of simulate_routing_runs, simulate_routing_agents and simulate_routing with the same arguments), streaming the events in constant memory.';

-- Network formation (paper 001, Sec. 2.2; bias coefficient beta of Sec. 5.4).

CREATE FUNCTION @extschema@.simulate_network(
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
RETURNS TABLE (run_id @extschema@.trace_id, t integer, source @extschema@.trace_id, target @extschema@.trace_id,
               weight double precision[])
AS 'MODULE_PATHNAME', 'simulate_network'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 1000;
COMMENT ON FUNCTION @extschema@.simulate_network(bigint, double precision, double precision, double precision, integer, integer, integer, integer, double precision, double precision, integer, integer, double precision, double precision[], double precision, double precision, boolean, integer, bigint, text, timestamptz) IS
    'Messages of simulated LLM-agent networks under the network-formation protocol of paper 001 (Sec. 2.2: events 1-3 with p, q, r, M_e trials, type-aware sampling with delta and xi, type-pair mean weights mu with lognormal noise, unit mass per dimension per macro step, plus beta on B-to-R edges, Sec. 5.4); seeded and deterministic. Columns of the messages table.';

CREATE FUNCTION @extschema@.simulate_network_runs(
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
RETURNS TABLE (run_id @extschema@.trace_id, benchmark text, task_family text, topology text,
               n_agents integer, model text, seed bigint, success boolean,
               score double precision, started_at timestamptz, meta jsonb)
AS 'MODULE_PATHNAME', 'simulate_network_runs'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 1000;
COMMENT ON FUNCTION @extschema@.simulate_network_runs(bigint, double precision, double precision, double precision, integer, integer, integer, integer, double precision, double precision, integer, integer, double precision, double precision[], double precision, double precision, boolean, integer, bigint, text, timestamptz) IS
    'The runs of simulate_network with the same arguments, with the parameters, event counts and final type-R prominence theta_in, theta_out (Eq. 4) in meta. Columns of the runs table.';

CREATE FUNCTION @extschema@.simulate_network_agents(
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
RETURNS TABLE (run_id @extschema@.trace_id, agent_id @extschema@.trace_id, agent_type text, model text, role text)
AS 'MODULE_PATHNAME', 'simulate_network_agents'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 1000;
COMMENT ON FUNCTION @extschema@.simulate_network_agents(bigint, double precision, double precision, double precision, integer, integer, integer, integer, double precision, double precision, integer, integer, double precision, double precision[], double precision, double precision, boolean, integer, bigint, text, timestamptz) IS
    'The agents of simulate_network with the same arguments, initial and born, with agent_type R or B. Columns of the agents table.';

CREATE PROCEDURE @extschema@.simulate_network_into(
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
LANGUAGE sql
AS $$
    INSERT INTO @extschema@.runs
        SELECT * FROM @extschema@.simulate_network_runs(steps, p, q, r, m1, m2, m3, d, delta, xi, initial_r, initial_b, initial_weight, mu, noise, beta, uniform_within_type, runs, seed, run_prefix, start_time);
    INSERT INTO @extschema@.agents
        SELECT * FROM @extschema@.simulate_network_agents(steps, p, q, r, m1, m2, m3, d, delta, xi, initial_r, initial_b, initial_weight, mu, noise, beta, uniform_within_type, runs, seed, run_prefix, start_time);
    INSERT INTO @extschema@.messages
        SELECT (m).* FROM (SELECT @extschema@.simulate_network(steps, p, q, r, m1, m2, m3, d, delta, xi, initial_r, initial_b, initial_weight, mu, noise, beta, uniform_within_type, runs, seed, run_prefix, start_time) AS m OFFSET 0) s;
$$;
COMMENT ON PROCEDURE @extschema@.simulate_network_into(bigint, double precision, double precision, double precision, integer, integer, integer, integer, double precision, double precision, integer, integer, double precision, double precision[], double precision, double precision, boolean, integer, bigint, text, timestamptz) IS
    'Write simulated networks into the canonical tables runs, agents and messages (the rows of simulate_network_runs, simulate_network_agents and simulate_network with the same arguments), streaming the messages in constant memory.';
-- Cascade reconstruction (paper 000, Sec. 3.2-3.3 and App. E; DESIGN section 3).

CREATE FUNCTION @extschema@.build_cascades(
    run_ids        text[]   DEFAULT NULL,
    burst_steps    bigint   DEFAULT NULL,
    burst_interval interval DEFAULT NULL,
    on_error       text     DEFAULT 'error',
    OUT runs_built   bigint,
    OUT runs_skipped bigint,
    OUT claims       bigint,
    OUT cascades     bigint)
RETURNS record
LANGUAGE C VOLATILE PARALLEL UNSAFE
AS 'MODULE_PATHNAME', 'build_cascades';
COMMENT ON FUNCTION @extschema@.build_cascades(text[], bigint, interval, text) IS
    'Rebuild claims, subtasks, cascades and event_sizes from events, for all runs or the runs named; contradiction bursts over the whole run, or windows of burst_steps steps or burst_interval of ts; on_error => ''skip'' records runs with bad lineage in rejects instead of failing.';

-- The same rows for any relation with the columns of events (run_id, step_id, agent_id,
-- event_type, claim_id, parent_claim_ids, target_claim_id, subtask_id, parent_subtask_id,
-- ts), without writing anything.
CREATE FUNCTION @extschema@.claims_from(
    source regclass, burst_steps bigint DEFAULT NULL, burst_interval interval DEFAULT NULL)
RETURNS TABLE (run_id text, claim_id text, step_id bigint, root_claim_id text,
               claim_depth integer, claim_status @extschema@.claim_status,
               revision_chain_id text, contradiction_group_id text, merge_id text)
LANGUAGE C STABLE PARALLEL RESTRICTED
AS 'MODULE_PATHNAME', 'claims_from';
COMMENT ON FUNCTION @extschema@.claims_from(regclass, bigint, interval) IS
    'The claims rows build_cascades() would write, computed from any relation shaped like events.';

CREATE FUNCTION @extschema@.subtasks_from(source regclass)
RETURNS TABLE (run_id text, subtask_id text, parent_subtask_id text, subtask_depth integer,
               assigned_agent text, subtree_subtasks bigint, subtree_events bigint)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
AS 'MODULE_PATHNAME', 'subtasks_from';
COMMENT ON FUNCTION @extschema@.subtasks_from(regclass) IS
    'The subtasks rows build_cascades() would write, computed from any relation shaped like events.';

CREATE FUNCTION @extschema@.cascades_from(source regclass)
RETURNS TABLE (run_id text, root_claim_id text, size integer, tce integer, n_propose integer,
               n_revise integer, n_contradict integer, n_merge integer, n_delegate integer,
               n_endorse integer, n_agents_active integer, depth integer,
               merge_conversion double precision)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
AS 'MODULE_PATHNAME', 'cascades_from';
COMMENT ON FUNCTION @extschema@.cascades_from(regclass) IS
    'The cascades rows build_cascades() would write (without the run attributes), computed from any relation shaped like events.';

CREATE FUNCTION @extschema@.event_sizes_from(
    source regclass, burst_steps bigint DEFAULT NULL, burst_interval interval DEFAULT NULL)
RETURNS TABLE (run_id text, observable text, anchor_id text, size bigint, n_events bigint)
LANGUAGE C STABLE PARALLEL RESTRICTED
AS 'MODULE_PATHNAME', 'event_sizes_from';
COMMENT ON FUNCTION @extschema@.event_sizes_from(regclass, bigint, interval) IS
    'The event_sizes rows build_cascades() would write, computed from any relation shaped like events.';

CREATE FUNCTION @extschema@.cascade_anatomy(
    source  regclass DEFAULT '@extschema@.cascades',
    measure text     DEFAULT 'size')
RETURNS TABLE (band text, quantile_lo double precision, quantile_hi double precision,
               n_cascades bigint, size_above double precision, size_to double precision,
               share_delegation double precision, share_contradiction double precision,
               share_merge double precision, merge_conversion double precision,
               pooled_merge_conversion double precision)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
AS 'MODULE_PATHNAME', 'cascade_anatomy';
COMMENT ON FUNCTION @extschema@.cascade_anatomy(regclass, text) IS
    'Cascade composition by size band (paper 000, App. D.3): shares of delegation, contradiction and merge events and the merge conversion ratio, for the median, 90th, 99th percentile and top 1% of cascades ordered by size or tce.';
-- Heavy-tail statistics (paper 000, Sec. 3.4 and App. D.1; DESIGN section 4):
-- the tail_hist type, fit/vuong/tail_hist aggregates, and functions on tail_hist.
-- Reference: docs/reference/tail_hist.md, tail_fits.md, tail_vuong.md, tail_bootstrap.md,
-- tail_ccdf.md.

-- tail_hist: the mergeable sample state (distinct values with counts).
CREATE TYPE @extschema@.tail_hist;

CREATE FUNCTION @extschema@.tail_hist_in(cstring) RETURNS @extschema@.tail_hist
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_in';
CREATE FUNCTION @extschema@.tail_hist_out(@extschema@.tail_hist) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_out';
CREATE FUNCTION @extschema@.tail_hist_recv(internal) RETURNS @extschema@.tail_hist
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_recv';
CREATE FUNCTION @extschema@.tail_hist_send(@extschema@.tail_hist) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_send';

CREATE TYPE @extschema@.tail_hist (
    INPUT = @extschema@.tail_hist_in,
    OUTPUT = @extschema@.tail_hist_out,
    RECEIVE = @extschema@.tail_hist_recv,
    SEND = @extschema@.tail_hist_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended);
COMMENT ON TYPE @extschema@.tail_hist IS
    'Tail sample: distinct values ascending with counts, discrete (integers >= 1) or continuous (reals > 0); text form discrete:1*10,2*5 or continuous:0.5*1,2.25*3; mergeable with tail_hist_merge.';
COMMENT ON FUNCTION @extschema@.tail_hist_in(cstring) IS 'Text input of tail_hist (validated).';
COMMENT ON FUNCTION @extschema@.tail_hist_out(@extschema@.tail_hist) IS 'Text output of tail_hist (shortest round-trip digits).';
COMMENT ON FUNCTION @extschema@.tail_hist_recv(internal) IS 'Binary input of tail_hist (validated).';
COMMENT ON FUNCTION @extschema@.tail_hist_send(@extschema@.tail_hist) IS 'Binary output of tail_hist (the stored bytes).';

CREATE FUNCTION @extschema@.tail_hist_from_bytea(bytea) RETURNS @extschema@.tail_hist
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_from_bytea';
COMMENT ON FUNCTION @extschema@.tail_hist_from_bytea(bytea) IS
    'The tail_hist whose stored bytes are the argument (validated like binary input); the cast bytea::tail_hist.';
CREATE CAST (bytea AS @extschema@.tail_hist) WITH FUNCTION @extschema@.tail_hist_from_bytea(bytea);
CREATE CAST (@extschema@.tail_hist AS bytea) WITHOUT FUNCTION;
COMMENT ON CAST (bytea AS @extschema@.tail_hist) IS 'Read stored tail_hist bytes (validated like binary input).';
COMMENT ON CAST (@extschema@.tail_hist AS bytea) IS 'The stored bytes of a tail_hist (the core serialisation).';

CREATE TYPE @extschema@.pl_fit_result AS (
    discrete boolean,
    xmin float8,
    n_tail bigint,
    n bigint,
    alpha float8,
    alpha_se float8,
    loglik float8,
    ks float8);
COMMENT ON TYPE @extschema@.pl_fit_result IS
    'Power-law fit p(x) ~ x^-alpha on x >= xmin: n_tail observations of n, alpha and its standard error (observed information), tail log-likelihood, KS distance.';
CREATE TYPE @extschema@.tpl_fit_result AS (
    discrete boolean,
    xmin float8,
    n_tail bigint,
    n bigint,
    alpha float8,
    alpha_se float8,
    lambda float8,
    lambda_se float8,
    cutoff float8,
    loglik float8,
    ks float8,
    boundary boolean);
COMMENT ON TYPE @extschema@.tpl_fit_result IS
    'Truncated power-law fit p(x) ~ x^-alpha e^(-lambda x): cutoff = 1/lambda (NULL when lambda = 0); boundary when lambda = 0 (the fit is the power law).';
CREATE TYPE @extschema@.lognormal_fit_result AS (
    discrete boolean,
    xmin float8,
    n_tail bigint,
    n bigint,
    mu float8,
    mu_se float8,
    sigma float8,
    sigma_se float8,
    loglik float8,
    ks float8,
    boundary boolean);
COMMENT ON TYPE @extschema@.lognormal_fit_result IS
    'Log-normal fit truncated at xmin: mu, sigma of ln x; boundary when the likelihood rises towards the power-law limit (sigma -> inf), then mu and sigma are not identified.';
CREATE TYPE @extschema@.exponential_fit_result AS (
    discrete boolean,
    xmin float8,
    n_tail bigint,
    n bigint,
    lambda float8,
    lambda_se float8,
    loglik float8,
    ks float8);
COMMENT ON TYPE @extschema@.exponential_fit_result IS
    'Exponential fit p(x) ~ e^(-lambda x) (geometric law for discrete data).';
CREATE TYPE @extschema@.stretched_exp_fit_result AS (
    discrete boolean,
    xmin float8,
    n_tail bigint,
    n bigint,
    beta float8,
    beta_se float8,
    lambda float8,
    lambda_se float8,
    loglik float8,
    ks float8,
    boundary boolean);
COMMENT ON TYPE @extschema@.stretched_exp_fit_result IS
    'Stretched exponential (Weibull) fit P(X >= x) ~ e^(-lambda x^beta); boundary when the likelihood rises towards the power-law limit (beta -> 0).';
CREATE TYPE @extschema@.vuong_result AS (
    model_a text,
    model_b text,
    xmin float8,
    n_tail bigint,
    r float8,
    r_normalized float8,
    p_value float8,
    nested boolean);
COMMENT ON TYPE @extschema@.vuong_result IS
    'Model comparison at xmin on n_tail observations: r = sum of log-likelihood ratios (positive favours model_a), r_normalized = r/(s sqrt n) (NULL for the nested pair), two-sided p-value (halved chi-squared likelihood-ratio test when nested).';

-- Aggregate support (shared by every tail aggregate; see src/pg/tail_agg.c).
CREATE FUNCTION @extschema@.tail_agg_combine(internal, internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_agg_combine';
COMMENT ON FUNCTION @extschema@.tail_agg_combine(internal, internal) IS 'Combine function of the tail aggregates: merges two samples.';
CREATE FUNCTION @extschema@.tail_agg_serialize(internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_agg_serialize';
COMMENT ON FUNCTION @extschema@.tail_agg_serialize(internal) IS 'Serialisation function of the tail aggregates.';
CREATE FUNCTION @extschema@.tail_agg_deserialize(bytea, internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_agg_deserialize';
COMMENT ON FUNCTION @extschema@.tail_agg_deserialize(bytea, internal) IS 'Deserialisation function of the tail aggregates (validates everything).';

CREATE FUNCTION @extschema@.tail_fit_trans(internal, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int4';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, integer) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int4';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int4';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision, double precision) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision, double precision, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int4';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision, double precision, integer) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, bigint) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision, double precision) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision, double precision, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision, double precision, integer) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_float8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, double precision) IS 'Transition function of the tail fit aggregates (continuous values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_float8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision) IS 'Transition function of the tail fit aggregates (continuous values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_float8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision, double precision) IS 'Transition function of the tail fit aggregates (continuous values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision, double precision, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_float8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision, double precision, integer) IS 'Transition function of the tail fit aggregates (continuous values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, double precision, boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_float8_kind';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, double precision, boolean) IS 'Transition function of the tail fit aggregates (kind given by the discrete argument).';
CREATE FUNCTION @extschema@.vuong_trans(internal, integer, text, text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_trans_int4';
COMMENT ON FUNCTION @extschema@.vuong_trans(internal, integer, text, text) IS 'Transition function of the vuong aggregate.';
CREATE FUNCTION @extschema@.vuong_trans(internal, integer, text, text, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_trans_int4';
COMMENT ON FUNCTION @extschema@.vuong_trans(internal, integer, text, text, double precision) IS 'Transition function of the vuong aggregate.';
CREATE FUNCTION @extschema@.vuong_trans(internal, bigint, text, text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_trans_int8';
COMMENT ON FUNCTION @extschema@.vuong_trans(internal, bigint, text, text) IS 'Transition function of the vuong aggregate.';
CREATE FUNCTION @extschema@.vuong_trans(internal, bigint, text, text, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_trans_int8';
COMMENT ON FUNCTION @extschema@.vuong_trans(internal, bigint, text, text, double precision) IS 'Transition function of the vuong aggregate.';
CREATE FUNCTION @extschema@.vuong_trans(internal, double precision, text, text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_trans_float8';
COMMENT ON FUNCTION @extschema@.vuong_trans(internal, double precision, text, text) IS 'Transition function of the vuong aggregate.';
CREATE FUNCTION @extschema@.vuong_trans(internal, double precision, text, text, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_trans_float8';
COMMENT ON FUNCTION @extschema@.vuong_trans(internal, double precision, text, text, double precision) IS 'Transition function of the vuong aggregate.';
CREATE FUNCTION @extschema@.tail_hist_trans(internal, bigint, bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_trans_int8_count';
COMMENT ON FUNCTION @extschema@.tail_hist_trans(internal, bigint, bigint) IS 'Transition function of tail_hist(value, count).';
CREATE FUNCTION @extschema@.tail_hist_merge_trans(internal, @extschema@.tail_hist) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_merge_trans';
COMMENT ON FUNCTION @extschema@.tail_hist_merge_trans(internal, @extschema@.tail_hist) IS 'Transition function of tail_hist_merge.';

CREATE FUNCTION @extschema@.pl_fit_final(internal) RETURNS @extschema@.pl_fit_result
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'pl_fit_final';
COMMENT ON FUNCTION @extschema@.pl_fit_final(internal) IS 'Final function of pl_fit: the power law fit.';
CREATE FUNCTION @extschema@.tpl_fit_final(internal) RETURNS @extschema@.tpl_fit_result
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tpl_fit_final';
COMMENT ON FUNCTION @extschema@.tpl_fit_final(internal) IS 'Final function of tpl_fit: the truncated power law fit.';
CREATE FUNCTION @extschema@.lognormal_fit_final(internal) RETURNS @extschema@.lognormal_fit_result
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'lognormal_fit_final';
COMMENT ON FUNCTION @extschema@.lognormal_fit_final(internal) IS 'Final function of lognormal_fit: the log-normal fit.';
CREATE FUNCTION @extschema@.exponential_fit_final(internal) RETURNS @extschema@.exponential_fit_result
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'exponential_fit_final';
COMMENT ON FUNCTION @extschema@.exponential_fit_final(internal) IS 'Final function of exponential_fit: the exponential fit.';
CREATE FUNCTION @extschema@.stretched_exp_fit_final(internal) RETURNS @extschema@.stretched_exp_fit_result
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'stretched_exp_fit_final';
COMMENT ON FUNCTION @extschema@.stretched_exp_fit_final(internal) IS 'Final function of stretched_exp_fit: the stretched exponential fit.';
CREATE FUNCTION @extschema@.vuong_final(internal) RETURNS @extschema@.vuong_result
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_final';
COMMENT ON FUNCTION @extschema@.vuong_final(internal) IS 'Final function of vuong: the model comparison.';
CREATE FUNCTION @extschema@.tail_hist_final(internal) RETURNS @extschema@.tail_hist
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_final';
COMMENT ON FUNCTION @extschema@.tail_hist_final(internal) IS 'Final function of tail_hist and tail_hist_merge.';

-- The fit aggregates: M_fit for the five models M, each over integer and bigint x (discrete)
-- and double precision x (continuous), in four forms (xmin by KS over all distinct values;
-- a fixed xmin; an xmin range; a range and a candidate limit), plus M_fit(double precision,
-- discrete boolean). Generated here because the 65 definitions differ only in these names.
DO $$
DECLARE
    model record;
    x record;
    form record;
    args text;
    signature text;
BEGIN
    FOR model IN SELECT * FROM (VALUES
        ('pl_fit', 'power law'), ('tpl_fit', 'truncated power law'),
        ('lognormal_fit', 'log-normal'), ('exponential_fit', 'exponential'),
        ('stretched_exp_fit', 'stretched exponential')) AS m(name, label)
    LOOP
        FOR x IN SELECT * FROM (VALUES ('integer', 'discrete'), ('bigint', 'discrete'),
                                       ('double precision', 'continuous')) AS t(type, kind)
        LOOP
            FOR form IN SELECT * FROM (VALUES
                ('', 'xmin chosen by minimising the KS distance over every distinct value'),
                (', xmin double precision', 'at the fixed xmin (NULL: chosen as without it)'),
                (', xmin_lo double precision, xmin_hi double precision',
                 'xmin chosen by KS among distinct values in [xmin_lo, xmin_hi] (NULL: unbounded)'),
                (', xmin_lo double precision, xmin_hi double precision, max_candidates integer',
                 'xmin chosen by KS among at most max_candidates distinct values in [xmin_lo, xmin_hi], evenly spaced by rank'))
                AS f(args, how)
            LOOP
                args := 'x ' || x.type || form.args;
                EXECUTE format('CREATE AGGREGATE @extschema@.%I(%s) (
                    SFUNC = @extschema@.tail_fit_trans, STYPE = internal,
                    FINALFUNC = @extschema@.%I, COMBINEFUNC = @extschema@.tail_agg_combine,
                    SERIALFUNC = @extschema@.tail_agg_serialize,
                    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE)',
                    model.name, args, model.name || '_final');
                EXECUTE format('COMMENT ON AGGREGATE @extschema@.%I(%s) IS %L', model.name, args,
                    format('Maximum-likelihood %s fit of the %s values x (NULLs skipped), %s; NULL for no rows.',
                           model.label, x.kind, form.how));
            END LOOP;
        END LOOP;
        signature := 'x double precision, discrete boolean';
        EXECUTE format('CREATE AGGREGATE @extschema@.%I(%s) (
            SFUNC = @extschema@.tail_fit_trans, STYPE = internal,
            FINALFUNC = @extschema@.%I, COMBINEFUNC = @extschema@.tail_agg_combine,
            SERIALFUNC = @extschema@.tail_agg_serialize,
            DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE)',
            model.name, signature, model.name || '_final');
        EXECUTE format('COMMENT ON AGGREGATE @extschema@.%I(%s) IS %L', model.name, signature,
            format('Maximum-likelihood %s fit of x, discrete (integers >= 1) or continuous as the discrete argument says; xmin chosen by KS.',
                   model.label));
    END LOOP;
END $$;

-- vuong(x, model_a, model_b [, xmin]) over integer, bigint and double precision x.
DO $$
DECLARE
    x record;
    args text;
BEGIN
    FOR x IN SELECT * FROM (VALUES ('integer', 'discrete'), ('bigint', 'discrete'),
                                   ('double precision', 'continuous')) AS t(type, kind)
    LOOP
        args := 'x ' || x.type || ', model_a text, model_b text';
        EXECUTE format('CREATE AGGREGATE @extschema@.vuong(%s) (
            SFUNC = @extschema@.vuong_trans, STYPE = internal, FINALFUNC = @extschema@.vuong_final,
            COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
            DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE)', args);
        EXECUTE format('COMMENT ON AGGREGATE @extschema@.vuong(%s) IS %L', args,
            format('Vuong''s likelihood-ratio test of model_a against model_b on the %s values x at the power law''s xmin (positive r favours model_a; nested power_law/truncated_power_law uses the halved chi-squared test).', x.kind));
        args := args || ', xmin double precision';
        EXECUTE format('CREATE AGGREGATE @extschema@.vuong(%s) (
            SFUNC = @extschema@.vuong_trans, STYPE = internal, FINALFUNC = @extschema@.vuong_final,
            COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
            DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE)', args);
        EXECUTE format('COMMENT ON AGGREGATE @extschema@.vuong(%s) IS %L', args,
            format('Vuong''s likelihood-ratio test of model_a against model_b on the %s values x at the given xmin (positive r favours model_a).', x.kind));
    END LOOP;
END $$;

-- tail_hist aggregates
CREATE AGGREGATE @extschema@.tail_hist(x integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.tail_hist_final,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tail_hist(integer) IS
    'The discrete tail_hist of the values x (NULLs skipped); NULL for no rows.';
CREATE AGGREGATE @extschema@.tail_hist(x bigint) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.tail_hist_final,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tail_hist(bigint) IS
    'The discrete tail_hist of the values x (NULLs skipped); NULL for no rows.';
CREATE AGGREGATE @extschema@.tail_hist(x double precision) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.tail_hist_final,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tail_hist(double precision) IS
    'The continuous tail_hist of the values x (NULLs skipped); NULL for no rows.';
CREATE AGGREGATE @extschema@.tail_hist(x bigint, count bigint) (
    SFUNC = @extschema@.tail_hist_trans, STYPE = internal, FINALFUNC = @extschema@.tail_hist_final,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tail_hist(bigint, bigint) IS
    'The discrete tail_hist of histogram rows: count copies of x (rows with NULL or zero count skipped, negative count an error).';
CREATE AGGREGATE @extschema@.tail_hist_merge(h @extschema@.tail_hist) (
    SFUNC = @extschema@.tail_hist_merge_trans, STYPE = internal, FINALFUNC = @extschema@.tail_hist_final,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tail_hist_merge(@extschema@.tail_hist) IS
    'Merge of tail_hist values of one kind (the sample of all their observations).';

-- Functions on tail_hist
-- M_fit(h tail_hist, ...) for the five models: the fits of a stored or merged sample.
DO $$
DECLARE
    model record;
BEGIN
    FOR model IN SELECT * FROM (VALUES
        ('pl_fit', 'power law'), ('tpl_fit', 'truncated power law'),
        ('lognormal_fit', 'log-normal'), ('exponential_fit', 'exponential'),
        ('stretched_exp_fit', 'stretched exponential')) AS m(name, label)
    LOOP
        EXECUTE format('CREATE FUNCTION @extschema@.%I(
                h              @extschema@.tail_hist,
                xmin           double precision DEFAULT NULL,
                xmin_lo        double precision DEFAULT NULL,
                xmin_hi        double precision DEFAULT NULL,
                max_candidates integer          DEFAULT NULL,
                xmin_model     text             DEFAULT %L)
            RETURNS @extschema@.%I
            LANGUAGE C IMMUTABLE PARALLEL SAFE
            AS %L, %L', model.name, 'power_law', model.name || '_result', 'MODULE_PATHNAME',
            model.name || '_hist');
        EXECUTE format('COMMENT ON FUNCTION @extschema@.%I(@extschema@.tail_hist, double precision, double precision, double precision, integer, text) IS %L',
            model.name,
            format('Maximum-likelihood %s fit of a tail_hist at the fixed xmin, or at the xmin that minimises the KS distance of the xmin_model fit (among distinct values in [xmin_lo, xmin_hi], at most max_candidates of them); NULL for NULL or empty h.',
                   model.label));
    END LOOP;
END $$;

CREATE FUNCTION @extschema@.vuong(
    h       @extschema@.tail_hist,
    model_a text,
    model_b text,
    xmin    double precision DEFAULT NULL)
RETURNS @extschema@.vuong_result
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'vuong_hist';
COMMENT ON FUNCTION @extschema@.vuong(@extschema@.tail_hist, text, text, double precision) IS
    'Vuong''s likelihood-ratio test of model_a against model_b on a tail_hist at xmin (default: the power law''s xmin); positive r favours model_a; the nested power_law/truncated_power_law pair uses the chi-squared likelihood-ratio test halved for the boundary lambda >= 0.';

CREATE FUNCTION @extschema@.tail_compare(
    h    @extschema@.tail_hist,
    xmin double precision DEFAULT NULL)
RETURNS SETOF @extschema@.vuong_result
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10
AS 'MODULE_PATHNAME', 'tail_compare_hist';
COMMENT ON FUNCTION @extschema@.tail_compare(@extschema@.tail_hist, double precision) IS
    'Every pair of the five tail models compared at xmin (default: the power law''s xmin), one vuong_result row per pair; NULL r and p_value for a pair whose fit failed.';

CREATE FUNCTION @extschema@.tail_bootstrap(
    h          @extschema@.tail_hist,
    model      text             DEFAULT 'power_law',
    replicates integer          DEFAULT 1000,
    seed       bigint           DEFAULT 1,
    level      double precision DEFAULT 0.95,
    xmin       double precision DEFAULT NULL)
RETURNS TABLE (parameter text, estimate double precision, lo double precision,
               hi double precision, replicates integer)
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 3
AS 'MODULE_PATHNAME', 'tail_bootstrap_hist';
COMMENT ON FUNCTION @extschema@.tail_bootstrap(@extschema@.tail_hist, text, integer, bigint, double precision, double precision) IS
    'Nonparametric bootstrap percentile intervals at level for the parameters of model and for xmin (re-selected under the power law in every replicate unless xmin is fixed); seeded (mt19937), cancellable; replicates = replicates that gave a fit.';

CREATE FUNCTION @extschema@.pl_gof(
    h          @extschema@.tail_hist,
    replicates integer DEFAULT 1000,
    seed       bigint  DEFAULT 1)
RETURNS TABLE (xmin double precision, alpha double precision, ks double precision,
               p_value double precision, replicates integer)
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1
AS 'MODULE_PATHNAME', 'pl_gof_hist';
COMMENT ON FUNCTION @extschema@.pl_gof(@extschema@.tail_hist, integer, bigint) IS
    'Clauset''s semi-parametric bootstrap goodness-of-fit p-value of the power-law fit (xmin re-estimated in every replicate); seeded, cancellable; replicates = replicates that gave a fit.';

CREATE FUNCTION @extschema@.ccdf(
    h      @extschema@.tail_hist,
    models text[] DEFAULT ARRAY['power_law', 'truncated_power_law', 'lognormal',
                                'exponential', 'stretched_exponential'],
    xmin   double precision DEFAULT NULL)
RETURNS TABLE (x double precision, empirical double precision, power_law double precision,
               truncated_power_law double precision, lognormal double precision,
               exponential double precision, stretched_exponential double precision)
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'ccdf_hist';
COMMENT ON FUNCTION @extschema@.ccdf(@extschema@.tail_hist, text[], double precision) IS
    'Empirical P(X >= x) at every distinct value and the fitted CCDF of each model asked for, fitted at xmin (default: the power law''s xmin) and scaled by n_tail/n to meet the empirical curve at xmin; NULL below xmin, for models not asked, or whose fit failed.';
-- pg_dump keeps the rows of every collcog table (they are extension members).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.runs', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.agents', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.events', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.messages', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.rejects', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.claims', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.subtasks', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.cascades', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.event_sizes', '');
