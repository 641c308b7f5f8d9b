-- The tail aggregates' final functions only read their state (FINALFUNC_MODIFY = READ_ONLY),
-- so several aggregates over one column share one transition state, and they work as window
-- functions. At DEBUG1 the transition function says when it builds a state.
CREATE EXTENSION collcog;
CREATE TEMP TABLE t AS SELECT i, (i % 50 + 1)::bigint AS x, i % 2 AS g FROM generate_series(1, 1000) i;
SET max_parallel_workers_per_gather = 0;
-- the catalog: every aggregate of the extension is read-only in its final function
SELECT count(*) AS aggregates, count(*) FILTER (WHERE a.aggfinalmodify = 'r') AS read_only
FROM pg_aggregate a JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid
    AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'collcog';
SET client_min_messages = debug1;
-- six aggregates over x: one state
SELECT (pl_fit(x)).alpha > 1 AS pl, (tpl_fit(x)).alpha IS NOT NULL AS tpl,
       (lognormal_fit(x)).loglik < 0 AS ln, (exponential_fit(x)).lambda > 0 AS exp,
       (stretched_exp_fit(x)).loglik < 0 AS se, tail_hist(x) IS NOT NULL AS hist
FROM t;
-- per group: one state per group
SELECT g, (pl_fit(x)).n, (tpl_fit(x)).n FROM t GROUP BY g ORDER BY g;
-- other arguments (a fixed xmin) make another state; so does another transition function
SELECT (pl_fit(x)).n, (pl_fit(x, 2)).n_tail, (vuong(x, 'power_law', 'exponential')).n_tail IS NOT NULL AS vuong FROM t;
RESET client_min_messages;
-- The same fits share one state only because PostgreSQL may share it: an aggregate that
-- declares its final function READ_WRITE over the same functions gets a state of its own.
CREATE AGGREGATE pg_temp.pl_fit_rw(x bigint) (
    SFUNC = tail_fit_trans, STYPE = internal, FINALFUNC = pl_fit_final, FINALFUNC_MODIFY = READ_WRITE);
SET client_min_messages = debug1;
SELECT (pl_fit(x)).alpha = (pg_temp.pl_fit_rw(x)).alpha AS same_fit FROM t;
RESET client_min_messages;
-- As window functions (READ_ONLY allows it): over a frame that grows row by row the final
-- function runs after every row and the state goes on from its compacted sample; each frame's
-- fit equals the fit of the same rows as a plain aggregate.
SELECT bool_and(w.n = least(w.i + 1, 1000)) AS frame_sizes,
       bool_and(w.alpha = (SELECT (pl_fit(t.x, 1)).alpha FROM t WHERE t.i <= w.i + 1)) AS frame_fits
FROM (SELECT i, (pl_fit(x, 1) OVER o).n, (pl_fit(x, 1) OVER o).alpha
      FROM t WINDOW o AS (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING)) w
WHERE w.i IN (1, 2, 3, 50, 51, 400, 999, 1000);
DROP AGGREGATE pg_temp.pl_fit_rw(bigint);
DROP EXTENSION collcog;
