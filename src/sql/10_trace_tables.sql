-- The canonical trace tables (DESIGN section 2, after paper 000 App. E.3).
-- Rows typed by users or written by collcog-load. Every table is an extension
-- configuration table, so pg_dump keeps its rows.

CREATE TYPE @extschema@.event_type AS ENUM
    ('propose', 'revise', 'contradict', 'merge', 'delegate', 'endorse');
COMMENT ON TYPE @extschema@.event_type IS
    'Coordination event kinds of paper 000 (App. E.2): propose, revise, contradict and merge create a claim; delegate creates a subtask; endorse supports an existing claim; delegate and endorse may also create a claim (as real E.3 logs do).';

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
    -- What the trace's own logger wrote, kept beside collcog's step and lineage (E.3 imports).
    logged_step          bigint,
    logged_root_claim_id @extschema@.trace_id,
    logged_claim_depth   integer CHECK (logged_claim_depth >= 0),
    PRIMARY KEY (run_id, step_id),
    UNIQUE (run_id, claim_id),
    FOREIGN KEY (run_id, agent_id) REFERENCES @extschema@.agents ON DELETE CASCADE,
    CONSTRAINT parents_flat CHECK (array_ndims(parent_claim_ids) IS NULL
                                   OR (array_ndims(parent_claim_ids) = 1
                                       AND array_position(parent_claim_ids, NULL) IS NULL)),
    CONSTRAINT claim_not_own_parent CHECK (claim_id IS NULL OR NOT claim_id = ANY (parent_claim_ids)),
    -- What each event type creates and references (paper 000, App. E.2 and E.4); delegate
    -- and endorse may create a claim too (docs/guide-cascades.md, "Claims made by
    -- endorsements and delegations").
    CONSTRAINT creates_claim CHECK (claim_id IS NOT NULL
                                    OR event_type NOT IN ('propose', 'revise', 'contradict', 'merge')),
    CONSTRAINT revise_has_one_parent CHECK (event_type <> 'revise'
                                            OR cardinality(parent_claim_ids) = 1),
    CONSTRAINT contradict_has_one_parent CHECK (event_type <> 'contradict'
                                                OR (cardinality(parent_claim_ids) = 1
                                                    AND (target_claim_id IS NULL
                                                         OR target_claim_id = parent_claim_ids[1]))),
    CONSTRAINT merge_has_parents CHECK (event_type <> 'merge' OR cardinality(parent_claim_ids) >= 2),
    CONSTRAINT delegate_creates_subtask CHECK (event_type <> 'delegate' OR subtask_id IS NOT NULL),
    CONSTRAINT delegate_not_own_parent CHECK (parent_subtask_id IS NULL OR parent_subtask_id <> subtask_id),
    CONSTRAINT endorse_has_target CHECK (event_type <> 'endorse' OR target_claim_id IS NOT NULL
                                         OR claim_id IS NOT NULL),
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
