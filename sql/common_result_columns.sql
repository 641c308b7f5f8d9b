-- Results are built by column name: a row type with collcog's columns in another order,
-- with a column collcog does not fill (NULL) and without some it fills, works with the same
-- C function; a named column of another type is refused. This is what lets the shared
-- library serve an older or newer version's SQL during ALTER EXTENSION UPDATE.
CREATE EXTENSION collcog;
\set VERBOSITY terse
-- A deterministic discrete sample: quantiles of a power law with alpha 2.5.
CREATE TABLE sample AS
SELECT floor((1 - (i - 0.5) / 2000) ^ (-1 / 1.5))::int AS x FROM generate_series(1, 2000) i;
CREATE TABLE h AS SELECT tail_hist(x) AS h FROM sample;

-- A composite result: pl_fit_result's columns shuffled, one dropped (n), one added (note).
CREATE TYPE my_pl AS (ks float8, note text, alpha float8, xmin float8, n_tail bigint,
                      alpha_se float8, loglik float8, discrete boolean);
CREATE FUNCTION my_pl_fit(h tail_hist, xmin float8 DEFAULT NULL, xmin_lo float8 DEFAULT NULL,
                          xmin_hi float8 DEFAULT NULL, max_candidates integer DEFAULT NULL,
                          xmin_model text DEFAULT 'power_law')
RETURNS my_pl LANGUAGE C IMMUTABLE AS '$libdir/collcog', 'pl_fit_hist';
SELECT m.note IS NULL AS note_is_null,
       (m.ks, m.alpha, m.xmin, m.n_tail, m.alpha_se, m.loglik, m.discrete)
       = (p.ks, p.alpha, p.xmin, p.n_tail, p.alpha_se, p.loglik, p.discrete) AS same_values
FROM h, my_pl_fit(h.h) m, pl_fit(h.h) p;

-- A set-returning result: cascades_from's columns in another order, one added.
INSERT INTO runs (run_id) VALUES ('r');
INSERT INTO agents (run_id, agent_id) VALUES ('r', 'a');
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids) VALUES
    ('r', 1, 'a', 'propose', 'c1', '{}'), ('r', 2, 'a', 'revise', 'c2', '{c1}'),
    ('r', 3, 'a', 'propose', 'c3', '{}');
CREATE FUNCTION my_cascades_from(source regclass)
RETURNS TABLE (tce integer, extra text, root_claim_id text, run_id text)
LANGUAGE C STABLE STRICT AS '$libdir/collcog', 'cascades_from';
SELECT * FROM my_cascades_from('events') ORDER BY root_claim_id;

-- The simulator's event rows into a row type that names only some columns, reordered.
CREATE FUNCTION my_simulate_routing(n_agents integer, steps bigint, gamma float8,
    agent_gamma float8, mix float8[], topology text, context_window bigint,
    depth_limit integer, token_budget bigint, subtasks integer, dependency_prob float8,
    max_fanin integer, mean_tokens float8, runs integer, seed bigint, run_prefix text,
    start_time timestamptz, task_family text, dti_c float8, dti_beta float8, dti_tau float8)
RETURNS TABLE (event_type event_type, step_id bigint, run_id text)
LANGUAGE C IMMUTABLE AS '$libdir/collcog', 'simulate_routing';
CREATE TEMP TABLE mine AS
SELECT run_id, step_id, event_type FROM my_simulate_routing(8, 50, 1, NULL,
    '{0.15,0.30,0.15,0.10,0.10,0.20}', 'fully_connected', NULL, NULL, NULL, NULL, 0.1,
    4, 200, 2, 7, 'sim', '2026-01-01', NULL, NULL, NULL, NULL);
CREATE TEMP TABLE theirs AS
SELECT run_id::text, step_id, event_type FROM simulate_routing(runs => 2, seed => 7, steps => 50);
SELECT (SELECT count(*) FROM mine) AS events,
       (SELECT count(*) FROM (SELECT * FROM mine EXCEPT ALL SELECT * FROM theirs) a)
     + (SELECT count(*) FROM (SELECT * FROM theirs EXCEPT ALL SELECT * FROM mine) b) AS rows_differ;

-- A named column of another type is an internal error, not a wrong value.
CREATE TYPE bad_pl AS (alpha text);
CREATE FUNCTION bad_pl_fit(h tail_hist, xmin float8 DEFAULT NULL, xmin_lo float8 DEFAULT NULL,
                           xmin_hi float8 DEFAULT NULL, max_candidates integer DEFAULT NULL,
                           xmin_model text DEFAULT 'power_law')
RETURNS bad_pl LANGUAGE C IMMUTABLE AS '$libdir/collcog', 'pl_fit_hist';
SELECT bad_pl_fit(h) FROM h;

DROP FUNCTION my_pl_fit, my_cascades_from, my_simulate_routing, bad_pl_fit;
DROP TYPE my_pl, bad_pl;
DROP TABLE sample, h, mine, theirs;
DROP EXTENSION collcog;
