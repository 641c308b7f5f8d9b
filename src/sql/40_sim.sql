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
COMMENT ON PROCEDURE @extschema@.simulate_network_into(bigint, double precision, double precision, double precision, integer, integer, integer, integer, double precision, double precision, integer, integer, double precision, double precision[], double precision, double precision, boolean, integer, bigint, text, timestamptz) IS
    'Write simulated networks into the canonical tables runs, agents and messages (the rows of simulate_network_runs, simulate_network_agents and simulate_network with the same arguments), streaming the messages in constant memory.';
