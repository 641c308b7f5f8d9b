-- Seeded random runs for property tests of cascade reconstruction: claims with parents
-- chosen among earlier claims (so merges cross cascades), long revision chains, wide
-- contradiction bursts and deep delegation trees, in proportions set per run.
--
--   SELECT cc_ref.random_runs(n_runs, events_per_run, seed);
--
-- PostgreSQL's random() after setseed() is a documented generator (xoshiro256**), so a seed
-- gives the same runs on every platform.

CREATE FUNCTION cc_ref.random_runs(n_runs int, n_events int, seed double precision)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    run text;
    claims text[];
    subtasks text[];
    kind text;
    parents text[];
    target text;
    n_agents int;
    -- Event mix per run shape: propose, revise, contradict, merge, delegate, endorse.
    mix float8[];
    shape int;
    u float8;
    acc float8;
    k int;
BEGIN
    PERFORM setseed(seed);
    FOR r IN 1 .. n_runs LOOP
        run := 'rand' || r;
        shape := r % 4;
        mix := CASE shape
            WHEN 0 THEN ARRAY[3, 3, 2, 2, 1, 1]     -- balanced
            WHEN 1 THEN ARRAY[1, 12, 1, 1, 0, 1]    -- long revision chains
            WHEN 2 THEN ARRAY[2, 1, 10, 1, 0, 1]    -- wide contradiction bursts
            ELSE ARRAY[2, 1, 1, 2, 8, 1]            -- deep delegation trees
        END;
        n_agents := 2 + floor(random() * 6)::int;
        INSERT INTO runs (run_id, topology, n_agents) VALUES (run, 'shape' || shape, n_agents);
        INSERT INTO agents (run_id, agent_id) SELECT run, 'a' || i FROM generate_series(1, n_agents) i;
        claims := '{}';
        subtasks := ARRAY['T0'];
        FOR s IN 0 .. n_events - 1 LOOP
            u := random() * (SELECT sum(x) FROM unnest(mix) x);
            acc := 0;
            kind := NULL;
            FOR i IN 1 .. 6 LOOP
                acc := acc + mix[i];
                IF kind IS NULL AND u < acc THEN
                    kind := (ARRAY['propose', 'revise', 'contradict', 'merge', 'delegate', 'endorse'])[i];
                END IF;
            END LOOP;
            IF cardinality(claims) = 0 AND kind <> 'delegate' THEN kind := 'propose'; END IF;
            IF kind = 'merge' AND cardinality(claims) < 2 THEN kind := 'propose'; END IF;
            parents := '{}';
            target := NULL;
            IF kind IN ('revise', 'contradict') THEN
                -- Mostly the newest claims, so chains grow long; sometimes any claim.
                IF shape = 1 OR random() < 0.5 THEN
                    k := greatest(1, cardinality(claims) - floor(random() * 3)::int);
                ELSIF shape = 2 THEN
                    k := 1 + floor(random() * least(3, cardinality(claims)))::int;
                ELSE
                    k := 1 + floor(random() * cardinality(claims))::int;
                END IF;
                parents := ARRAY[claims[k]];
            ELSIF kind = 'merge' THEN
                FOR i IN 1 .. 2 + floor(random() * 3)::int LOOP
                    k := 1 + floor(random() * cardinality(claims))::int;
                    IF NOT claims[k] = ANY (parents) THEN parents := parents || claims[k]; END IF;
                END LOOP;
                IF cardinality(parents) < 2 THEN kind := 'propose'; parents := '{}'; END IF;
            ELSIF kind = 'endorse' OR (kind = 'delegate' AND cardinality(claims) > 0 AND random() < 0.5) THEN
                target := claims[1 + floor(random() * cardinality(claims))::int];
            END IF;
            IF kind = 'delegate' THEN
                INSERT INTO events (run_id, step_id, agent_id, event_type, subtask_id, parent_subtask_id, target_claim_id)
                VALUES (run, s, 'a' || (1 + floor(random() * n_agents)::int), 'delegate', 'D' || s,
                        subtasks[greatest(1, cardinality(subtasks) - floor(random() * 2)::int)], target);
                subtasks := subtasks || ('D' || s);
            ELSIF kind = 'endorse' THEN
                INSERT INTO events (run_id, step_id, agent_id, event_type, target_claim_id, subtask_id)
                VALUES (run, s, 'a' || (1 + floor(random() * n_agents)::int), 'endorse', target,
                        subtasks[1 + floor(random() * cardinality(subtasks))::int]);
            ELSE
                INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, subtask_id)
                VALUES (run, s, 'a' || (1 + floor(random() * n_agents)::int), kind::event_type, 'c' || s, parents,
                        subtasks[1 + floor(random() * cardinality(subtasks))::int]);
                claims := claims || ('c' || s);
            END IF;
        END LOOP;
    END LOOP;
END $$;
