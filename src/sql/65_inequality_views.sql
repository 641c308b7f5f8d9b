-- Concentration of effort per run, from agent_effort with the aggregates of
-- 65_inequality_overloads.sh (which this file follows).

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
