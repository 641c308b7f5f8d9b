-- The live DTI watcher (DESIGN section 6): dti_watch(params) installs a trigger on events
-- that keeps each run's cascade segments in the tables below and sends NOTIFY collcog_dti
-- when a cascade's deficit crosses tau; dti_unwatch() removes it and empties the tables.
-- They hold rows only while the watcher is installed (docs/reference/dti_watch.md). The
-- state tables (runs, claims, cascades) are UNLOGGED and not dumped: a run without state is
-- rebuilt from its events by its next insert (after a crash, a restore, an update or delete).
-- Their keys compare bytewise (COLLATE "C"), as the watcher orders ids: cheaper to index.
-- A cascade's row is updated at most once per statement: its pages keep room for the new
-- versions (fillfactor), so that the updates need no new index entries (HOT).
CREATE UNLOGGED TABLE @extschema@.dti_watch_runs (
    run_id       @extschema@.trace_id COLLATE "C" PRIMARY KEY,
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
    root_claim_id @extschema@.trace_id NOT NULL
);
COMMENT ON TABLE @extschema@.dti_watch_claims IS
    'The DTI watcher''s claims: the cascade each belongs to (its root). Written, never read by the watcher, so without an index.';

CREATE UNLOGGED TABLE @extschema@.dti_watch_cascades (
    run_id        @extschema@.trace_id COLLATE "C" NOT NULL,
    root_claim_id @extschema@.trace_id COLLATE "C" NOT NULL,
    root_step     bigint NOT NULL,
    n             bigint NOT NULL,
    m             bigint NOT NULL,
    triggered     boolean NOT NULL,
    heads         text[] NOT NULL,
    n_heads       integer NOT NULL,
    PRIMARY KEY (run_id, root_claim_id)
) WITH (fillfactor = 30);
COMMENT ON TABLE @extschema@.dti_watch_cascades IS
    'The DTI watcher''s cascade segments: the root''s step, events n and merges m since the last restart, whether the segment has crossed tau and waits for the run''s next event, the cascade''s newest branch heads (claims no later claim builds on; at most ten, oldest first) and how many it has (n_heads).';

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
