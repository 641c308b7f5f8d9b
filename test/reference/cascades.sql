-- A deliberately simple SQL reference for cascade reconstruction (DESIGN section 3), written
-- from the definitions with recursive CTEs and no cleverness. The property tests compare
-- build_cascades() with it on random runs, and the benchmark times it as the baseline.
--
--   CALL cc_ref.build();   -- fills cc_ref.claims, cc_ref.cascades, cc_ref.cascade_agents,
--                          -- cc_ref.event_sizes
--
-- It reads the events table found through search_path (collcog's schema). Each step is one
-- recursive CTE or aggregate, stored (and indexed) before the next step reads it.
-- Contradiction bursts are over the whole run. Identifiers are ordered bytewise (COLLATE "C").

CREATE SCHEMA cc_ref;

CREATE PROCEDURE cc_ref.build() LANGUAGE plpgsql AS $$
BEGIN
    DROP TABLE IF EXISTS cc_ref.claim_events, cc_ref.edges, cc_ref.roots, cc_ref.depths,
        cc_ref.claims, cc_ref.cascade_events, cc_ref.cascades, cc_ref.cascade_agents,
        cc_ref.event_sizes;

    -- Every claim with the event that created it, and the parent -> child edges.
    CREATE TABLE cc_ref.claim_events AS
    SELECT run_id::text, claim_id::text COLLATE "C" AS claim_id, step_id, agent_id::text,
           event_type, parent_claim_ids::text[] AS parents
    FROM events WHERE claim_id IS NOT NULL;
    CREATE INDEX ON cc_ref.claim_events (run_id, claim_id);
    CREATE TABLE cc_ref.edges AS
    SELECT run_id, p COLLATE "C" AS parent, claim_id AS child
    FROM cc_ref.claim_events, unnest(parents) AS p;
    CREATE INDEX ON cc_ref.edges (run_id, child);
    CREATE INDEX ON cc_ref.edges (run_id, parent);
    ANALYZE cc_ref.claim_events, cc_ref.edges;

    -- root_claim_id: among the roots a claim descends from (its ancestors, itself included,
    -- that have no parents), the earliest by step, then id.
    CREATE TABLE cc_ref.roots AS
    WITH RECURSIVE up(run_id, claim_id, ancestor) AS (
        SELECT run_id, claim_id, claim_id FROM cc_ref.claim_events
        UNION
        SELECT u.run_id, u.claim_id, e.parent
        FROM up u JOIN cc_ref.edges e ON e.run_id = u.run_id AND e.child = u.ancestor
    )
    SELECT DISTINCT ON (u.run_id, u.claim_id) u.run_id, u.claim_id, r.claim_id AS root_claim_id
    FROM up u JOIN cc_ref.claim_events r ON r.run_id = u.run_id AND r.claim_id = u.ancestor
    WHERE cardinality(r.parents) = 0
    ORDER BY u.run_id, u.claim_id, r.step_id, r.claim_id;
    CREATE INDEX ON cc_ref.roots (run_id, claim_id);
    ANALYZE cc_ref.roots;

    -- claim_depth: the longest path from the claim's root. Every claim on such a path has
    -- the same root (an ancestor's root is never later than a descendant's), so the walk
    -- down from a root stays within its cascade.
    CREATE TABLE cc_ref.depths AS
    WITH RECURSIVE down(run_id, root, claim_id, depth) AS (
        SELECT run_id, claim_id, claim_id, 0 FROM cc_ref.claim_events WHERE cardinality(parents) = 0
        UNION
        SELECT d.run_id, d.root, e.child, d.depth + 1
        FROM down d
        JOIN cc_ref.edges e ON e.run_id = d.run_id AND e.parent = d.claim_id
        JOIN cc_ref.roots r ON r.run_id = e.run_id AND r.claim_id = e.child AND r.root_claim_id = d.root
    )
    SELECT run_id, claim_id, max(depth) AS claim_depth FROM down GROUP BY run_id, claim_id;
    CREATE INDEX ON cc_ref.depths (run_id, claim_id);

    CREATE TABLE cc_ref.claims AS
    SELECT c.run_id, c.claim_id, c.step_id, r.root_claim_id, d.claim_depth,
           (CASE c.event_type WHEN 'propose' THEN 'proposed' WHEN 'revise' THEN 'revised'
                              WHEN 'contradict' THEN 'contradictory' ELSE 'merged' END) AS claim_status
    FROM cc_ref.claim_events c
    JOIN cc_ref.roots r USING (run_id, claim_id)
    JOIN cc_ref.depths d USING (run_id, claim_id);
    CREATE INDEX ON cc_ref.claims (run_id, claim_id);
    ANALYZE cc_ref.claims;

    -- A cascade's events: those creating its claims, and endorse/delegate events whose
    -- target claim is in it.
    -- Each event creating a claim counts as that agent's claim; an endorse or delegate
    -- that creates none counts only as an event.
    CREATE TABLE cc_ref.cascade_events AS
    SELECT c.run_id, c.root_claim_id, e.event_type, e.agent_id::text COLLATE "C" AS agent_id,
           true AS creates
    FROM cc_ref.claims c JOIN events e ON e.run_id = c.run_id AND e.claim_id = c.claim_id
    UNION ALL
    SELECT c.run_id, c.root_claim_id, e.event_type, e.agent_id::text, false
    FROM cc_ref.claims c JOIN events e ON e.run_id = c.run_id AND e.target_claim_id = c.claim_id
    WHERE e.event_type IN ('endorse', 'delegate') AND e.claim_id IS NULL;

    CREATE TABLE cc_ref.cascade_agents AS
    SELECT run_id, root_claim_id, agent_id,
           count(*) FILTER (WHERE creates) AS claims, count(*) AS events,
           count(*) FILTER (WHERE event_type = 'propose') AS n_propose,
           count(*) FILTER (WHERE event_type = 'revise') AS n_revise,
           count(*) FILTER (WHERE event_type = 'contradict') AS n_contradict,
           count(*) FILTER (WHERE event_type = 'merge') AS n_merge,
           count(*) FILTER (WHERE event_type = 'delegate') AS n_delegate,
           count(*) FILTER (WHERE event_type = 'endorse') AS n_endorse
    FROM cc_ref.cascade_events GROUP BY run_id, root_claim_id, agent_id;

    CREATE TABLE cc_ref.cascades AS
    WITH ev AS (
        SELECT * FROM cc_ref.cascade_events
    ), shape AS (
        SELECT run_id, root_claim_id, count(*) AS size, max(claim_depth) AS depth
        FROM cc_ref.claims GROUP BY run_id, root_claim_id
    )
    SELECT ev.run_id, ev.root_claim_id, shape.size,
           count(*) AS tce,
           count(*) FILTER (WHERE event_type = 'propose') AS n_propose,
           count(*) FILTER (WHERE event_type = 'revise') AS n_revise,
           count(*) FILTER (WHERE event_type = 'contradict') AS n_contradict,
           count(*) FILTER (WHERE event_type = 'merge') AS n_merge,
           count(*) FILTER (WHERE event_type = 'delegate') AS n_delegate,
           count(*) FILTER (WHERE event_type = 'endorse') AS n_endorse,
           count(DISTINCT agent_id) FILTER (WHERE creates) AS n_agents_active,
           shape.depth
    FROM ev JOIN shape USING (run_id, root_claim_id)
    GROUP BY ev.run_id, ev.root_claim_id, shape.size, shape.depth;

    CREATE TABLE cc_ref.event_sizes AS
    -- Revision waves: from a claim that is not a revision down the revise edges to a claim
    -- never revised, anchored at that last claim; the length counts the first claim.
    WITH RECURSIVE revise_edges AS (
        SELECT run_id, parents[1] COLLATE "C" AS parent, claim_id AS child
        FROM cc_ref.claim_events WHERE event_type = 'revise'
    ), wave(run_id, claim_id, length) AS (
        SELECT c.run_id, c.claim_id, 1 FROM cc_ref.claim_events c
        WHERE c.event_type <> 'revise'
          AND EXISTS (SELECT 1 FROM revise_edges r WHERE r.run_id = c.run_id AND r.parent = c.claim_id)
        UNION ALL
        SELECT w.run_id, r.child, w.length + 1
        FROM wave w JOIN revise_edges r ON r.run_id = w.run_id AND r.parent = w.claim_id
    ),
    -- Delegation cascades: the subtasks under each delegated subtask (itself included) and
    -- the events that belong to them (a delegate belongs to the subtask it creates).
    sub(run_id, top, subtask_id) AS (
        SELECT run_id::text, subtask_id::text COLLATE "C", subtask_id::text COLLATE "C"
        FROM events WHERE event_type = 'delegate'
        UNION
        SELECT s.run_id, s.top, e.subtask_id::text COLLATE "C"
        FROM sub s JOIN events e ON e.run_id = s.run_id AND e.event_type = 'delegate'
                                AND e.parent_subtask_id = s.subtask_id
    )
    SELECT w.run_id, 'revision'::text AS observable, w.claim_id AS anchor_id,
           w.length::bigint AS size, NULL::bigint AS n_events
    FROM wave w
    WHERE w.length > 1
      AND NOT EXISTS (SELECT 1 FROM revise_edges r WHERE r.run_id = w.run_id AND r.parent = w.claim_id)
    UNION ALL
    -- Contradiction bursts over the whole run: distinct agents contradicting each claim,
    -- anchored at the first contradicting claim.
    SELECT run_id, 'contradiction', (array_agg(claim_id ORDER BY step_id))[1],
           count(DISTINCT agent_id), NULL
    FROM cc_ref.claim_events WHERE event_type = 'contradict'
    GROUP BY run_id, parents[1]
    UNION ALL
    SELECT run_id, 'merge', claim_id, cardinality(parents), NULL
    FROM cc_ref.claim_events WHERE event_type = 'merge'
    UNION ALL
    SELECT s.run_id, 'delegation', s.top, count(DISTINCT s.subtask_id), count(e.step_id)
    FROM sub s LEFT JOIN events e ON e.run_id = s.run_id AND e.subtask_id = s.subtask_id
    GROUP BY s.run_id, s.top;
END $$;
