-- claim_lineage and lineage_agreement(): logged lineage against reconstructed lineage.
CREATE EXTENSION collcog;
\set VERBOSITY terse

-- Run l: c1 and its revision c2 logged as collcog derives them (root c1, depths 0 and 1);
-- c3 is a new root (depth 0) that the logger put under c1 at depth 1: both disagree; the
-- merge c4 logged nothing. Run m logged nothing at all.
-- By hand: l has 4 claims, 3 roots and 3 depths logged, 2 of each agree (2/3); m has 1
-- claim and no rate; overall 5 claims, 2 of 3 agree.
INSERT INTO runs (run_id) VALUES ('l'), ('m');
INSERT INTO agents (run_id, agent_id) VALUES ('l', 'a'), ('m', 'a');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids,
                    logged_root_claim_id, logged_claim_depth) VALUES
    ('l', 1, 'a', 'propose', 'c1', '{}',      'c1', 0),
    ('l', 2, 'a', 'revise',  'c2', '{c1}',    'c1', 1),
    ('l', 3, 'a', 'propose', 'c3', '{}',      'c1', 1),
    ('l', 4, 'a', 'merge',   'c4', '{c2,c3}', NULL, NULL),
    ('m', 1, 'a', 'propose', 'x',  '{}',      NULL, NULL);
SELECT runs_built FROM build_cascades();
SELECT run_id, claim_id, root_claim_id, logged_root_claim_id, root_agrees,
       claim_depth, logged_claim_depth, depth_agrees
FROM claim_lineage ORDER BY run_id, step_id;
SELECT run_id, claims, roots_logged, roots_agree, round(root_agreement::numeric, 4) AS root_rate,
       depths_logged, depths_agree, round(depth_agreement::numeric, 4) AS depth_rate
FROM lineage_agreement();
SELECT run_id, claims, roots_agree FROM lineage_agreement(ARRAY['m']);
-- The disagreeing claims of a run.
SELECT claim_id, root_claim_id, logged_root_claim_id FROM claim_lineage
WHERE run_id = 'l' AND NOT root_agrees;

DROP EXTENSION collcog;
