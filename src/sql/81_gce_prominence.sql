-- Glass ceilings between agent types: type-level communication, per-agent influence, the
-- tail ratio, type-pair weights and propagation (paper 001, Sec. 3.1, 4.2, 5.3; DESIGN
-- section 7). docs/reference/type_prominence.md and the pages it links say what each
-- column means. With more than two types each type is compared with all others pooled.

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
