-- Heavy-tail statistics (paper 000, Sec. 3.4 and App. D.1; DESIGN section 4):
-- the tail_hist type, fit/vuong/tail_hist aggregates, and functions on tail_hist.
-- Reference: docs/reference/tail_hist.md, tail_fits.md, tail_vuong.md, tail_bootstrap.md,
-- tail_ccdf.md.

-- tail_hist: the mergeable sample state (distinct values with counts).
CREATE TYPE @extschema@.tail_hist;

CREATE FUNCTION @extschema@.tail_hist_in(cstring) RETURNS @extschema@.tail_hist
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_in';
CREATE FUNCTION @extschema@.tail_hist_out(@extschema@.tail_hist) RETURNS cstring
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_out';
CREATE FUNCTION @extschema@.tail_hist_recv(internal) RETURNS @extschema@.tail_hist
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_recv';
CREATE FUNCTION @extschema@.tail_hist_send(@extschema@.tail_hist) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_send';

CREATE TYPE @extschema@.tail_hist (
    INPUT = @extschema@.tail_hist_in,
    OUTPUT = @extschema@.tail_hist_out,
    RECEIVE = @extschema@.tail_hist_recv,
    SEND = @extschema@.tail_hist_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended);
COMMENT ON TYPE @extschema@.tail_hist IS
    'Tail sample: distinct values ascending with counts, discrete (integers >= 1) or continuous (reals > 0); text form discrete:1*10,2*5 or continuous:0.5*1,2.25*3; mergeable with tail_hist_merge.';
COMMENT ON FUNCTION @extschema@.tail_hist_in(cstring) IS 'Text input of tail_hist (validated).';
COMMENT ON FUNCTION @extschema@.tail_hist_out(@extschema@.tail_hist) IS 'Text output of tail_hist (shortest round-trip digits).';
COMMENT ON FUNCTION @extschema@.tail_hist_recv(internal) IS 'Binary input of tail_hist (validated).';
COMMENT ON FUNCTION @extschema@.tail_hist_send(@extschema@.tail_hist) IS 'Binary output of tail_hist (the stored bytes).';

CREATE FUNCTION @extschema@.tail_hist_from_bytea(bytea) RETURNS @extschema@.tail_hist
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_from_bytea';
COMMENT ON FUNCTION @extschema@.tail_hist_from_bytea(bytea) IS
    'The tail_hist whose stored bytes are the argument (validated like binary input); the cast bytea::tail_hist.';
CREATE CAST (bytea AS @extschema@.tail_hist) WITH FUNCTION @extschema@.tail_hist_from_bytea(bytea);
CREATE CAST (@extschema@.tail_hist AS bytea) WITHOUT FUNCTION;
COMMENT ON CAST (bytea AS @extschema@.tail_hist) IS 'Read stored tail_hist bytes (validated like binary input).';
COMMENT ON CAST (@extschema@.tail_hist AS bytea) IS 'The stored bytes of a tail_hist (the core serialisation).';

CREATE TYPE @extschema@.pl_fit_result AS (
    discrete boolean,
    xmin float8,
    n_tail bigint,
    n bigint,
    alpha float8,
    alpha_se float8,
    loglik float8,
    ks float8,
    boundary boolean,
    n_tail_distinct integer,
    quality text,
    reason text);
COMMENT ON TYPE @extschema@.pl_fit_result IS
    'Power-law fit p(x) ~ x^-alpha on x >= xmin: n_tail observations of n, alpha and its standard error (observed information), tail log-likelihood, KS distance; boundary always false; n_tail_distinct = distinct values in the tail, quality = ok, boundary, small_tail, few_distinct or unfitted, reason = why there is no fit (then the parameters are NULL).';
CREATE TYPE @extschema@.tpl_fit_result AS (
    discrete boolean,
    xmin float8,
    n_tail bigint,
    n bigint,
    alpha float8,
    alpha_se float8,
    lambda float8,
    lambda_se float8,
    cutoff float8,
    loglik float8,
    ks float8,
    boundary boolean,
    n_tail_distinct integer,
    quality text,
    reason text);
COMMENT ON TYPE @extschema@.tpl_fit_result IS
    'Truncated power-law fit p(x) ~ x^-alpha e^(-lambda x): cutoff = 1/lambda (NULL when lambda = 0); boundary when lambda = 0 (the fit is the power law); n_tail_distinct, quality and reason as in pl_fit_result.';
CREATE TYPE @extschema@.lognormal_fit_result AS (
    discrete boolean,
    xmin float8,
    n_tail bigint,
    n bigint,
    mu float8,
    mu_se float8,
    sigma float8,
    sigma_se float8,
    loglik float8,
    ks float8,
    boundary boolean,
    n_tail_distinct integer,
    quality text,
    reason text);
COMMENT ON TYPE @extschema@.lognormal_fit_result IS
    'Log-normal fit truncated at xmin: mu, sigma of ln x; boundary when the likelihood rises towards the power-law limit (sigma -> inf), then mu and sigma are not identified; n_tail_distinct, quality and reason as in pl_fit_result.';
CREATE TYPE @extschema@.exponential_fit_result AS (
    discrete boolean,
    xmin float8,
    n_tail bigint,
    n bigint,
    lambda float8,
    lambda_se float8,
    loglik float8,
    ks float8,
    boundary boolean,
    n_tail_distinct integer,
    quality text,
    reason text);
COMMENT ON TYPE @extschema@.exponential_fit_result IS
    'Exponential fit p(x) ~ e^(-lambda x) (geometric law for discrete data); boundary always false; n_tail_distinct, quality and reason as in pl_fit_result.';
CREATE TYPE @extschema@.stretched_exp_fit_result AS (
    discrete boolean,
    xmin float8,
    n_tail bigint,
    n bigint,
    beta float8,
    beta_se float8,
    lambda float8,
    lambda_se float8,
    loglik float8,
    ks float8,
    boundary boolean,
    n_tail_distinct integer,
    quality text,
    reason text);
COMMENT ON TYPE @extschema@.stretched_exp_fit_result IS
    'Stretched exponential (Weibull) fit P(X >= x) ~ e^(-lambda x^beta); boundary when the likelihood rises towards the power-law limit (beta -> 0); n_tail_distinct, quality and reason as in pl_fit_result.';
CREATE TYPE @extschema@.vuong_result AS (
    model_a text,
    model_b text,
    xmin float8,
    n_tail bigint,
    r float8,
    r_normalized float8,
    p_value float8,
    nested boolean);
COMMENT ON TYPE @extschema@.vuong_result IS
    'Model comparison at xmin on n_tail observations: r = sum of log-likelihood ratios (positive favours model_a), r_normalized = r/(s sqrt n) (NULL for the nested pair), two-sided p-value (halved chi-squared likelihood-ratio test when nested).';

-- Aggregate support (shared by every tail aggregate; see src/pg/tail/agg.c).
CREATE FUNCTION @extschema@.tail_agg_combine(internal, internal) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_agg_combine';
COMMENT ON FUNCTION @extschema@.tail_agg_combine(internal, internal) IS 'Combine function of the tail aggregates: merges two samples.';
CREATE FUNCTION @extschema@.tail_agg_serialize(internal) RETURNS bytea
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_agg_serialize';
COMMENT ON FUNCTION @extschema@.tail_agg_serialize(internal) IS 'Serialisation function of the tail aggregates.';
CREATE FUNCTION @extschema@.tail_agg_deserialize(bytea, internal) RETURNS internal
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_agg_deserialize';
COMMENT ON FUNCTION @extschema@.tail_agg_deserialize(bytea, internal) IS 'Deserialisation function of the tail aggregates (validates everything).';

CREATE FUNCTION @extschema@.tail_fit_trans(internal, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int4';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, integer) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int4';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int4';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision, double precision) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision, double precision, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int4';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision, double precision, integer) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision, double precision, integer, bigint, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int4';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, integer, double precision, double precision, integer, bigint, integer) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, bigint) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision, double precision) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision, double precision, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision, double precision, integer) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision, double precision, integer, bigint, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_int8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, bigint, double precision, double precision, integer, bigint, integer) IS 'Transition function of the tail fit aggregates (discrete values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_float8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, double precision) IS 'Transition function of the tail fit aggregates (continuous values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_float8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision) IS 'Transition function of the tail fit aggregates (continuous values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_float8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision, double precision) IS 'Transition function of the tail fit aggregates (continuous values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision, double precision, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_float8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision, double precision, integer) IS 'Transition function of the tail fit aggregates (continuous values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision, double precision, integer, bigint, integer) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_float8';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, double precision, double precision, double precision, integer, bigint, integer) IS 'Transition function of the tail fit aggregates (continuous values).';
CREATE FUNCTION @extschema@.tail_fit_trans(internal, double precision, boolean) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_fit_trans_float8_kind';
COMMENT ON FUNCTION @extschema@.tail_fit_trans(internal, double precision, boolean) IS 'Transition function of the tail fit aggregates (kind given by the discrete argument).';
CREATE FUNCTION @extschema@.vuong_trans(internal, integer, text, text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_trans_int4';
COMMENT ON FUNCTION @extschema@.vuong_trans(internal, integer, text, text) IS 'Transition function of the vuong aggregate.';
CREATE FUNCTION @extschema@.vuong_trans(internal, integer, text, text, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_trans_int4';
COMMENT ON FUNCTION @extschema@.vuong_trans(internal, integer, text, text, double precision) IS 'Transition function of the vuong aggregate.';
CREATE FUNCTION @extschema@.vuong_trans(internal, bigint, text, text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_trans_int8';
COMMENT ON FUNCTION @extschema@.vuong_trans(internal, bigint, text, text) IS 'Transition function of the vuong aggregate.';
CREATE FUNCTION @extschema@.vuong_trans(internal, bigint, text, text, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_trans_int8';
COMMENT ON FUNCTION @extschema@.vuong_trans(internal, bigint, text, text, double precision) IS 'Transition function of the vuong aggregate.';
CREATE FUNCTION @extschema@.vuong_trans(internal, double precision, text, text) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_trans_float8';
COMMENT ON FUNCTION @extschema@.vuong_trans(internal, double precision, text, text) IS 'Transition function of the vuong aggregate.';
CREATE FUNCTION @extschema@.vuong_trans(internal, double precision, text, text, double precision) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_trans_float8';
COMMENT ON FUNCTION @extschema@.vuong_trans(internal, double precision, text, text, double precision) IS 'Transition function of the vuong aggregate.';
CREATE FUNCTION @extschema@.tail_hist_trans(internal, bigint, bigint) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_trans_int8_count';
COMMENT ON FUNCTION @extschema@.tail_hist_trans(internal, bigint, bigint) IS 'Transition function of tail_hist(value, count).';
CREATE FUNCTION @extschema@.tail_hist_merge_trans(internal, @extschema@.tail_hist) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_merge_trans';
COMMENT ON FUNCTION @extschema@.tail_hist_merge_trans(internal, @extschema@.tail_hist) IS 'Transition function of tail_hist_merge.';

CREATE FUNCTION @extschema@.pl_fit_final(internal) RETURNS @extschema@.pl_fit_result
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'pl_fit_final';
COMMENT ON FUNCTION @extschema@.pl_fit_final(internal) IS 'Final function of pl_fit: the power law fit.';
CREATE FUNCTION @extschema@.tpl_fit_final(internal) RETURNS @extschema@.tpl_fit_result
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tpl_fit_final';
COMMENT ON FUNCTION @extschema@.tpl_fit_final(internal) IS 'Final function of tpl_fit: the truncated power law fit.';
CREATE FUNCTION @extschema@.lognormal_fit_final(internal) RETURNS @extschema@.lognormal_fit_result
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'lognormal_fit_final';
COMMENT ON FUNCTION @extschema@.lognormal_fit_final(internal) IS 'Final function of lognormal_fit: the log-normal fit.';
CREATE FUNCTION @extschema@.exponential_fit_final(internal) RETURNS @extschema@.exponential_fit_result
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'exponential_fit_final';
COMMENT ON FUNCTION @extschema@.exponential_fit_final(internal) IS 'Final function of exponential_fit: the exponential fit.';
CREATE FUNCTION @extschema@.stretched_exp_fit_final(internal) RETURNS @extschema@.stretched_exp_fit_result
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'stretched_exp_fit_final';
COMMENT ON FUNCTION @extschema@.stretched_exp_fit_final(internal) IS 'Final function of stretched_exp_fit: the stretched exponential fit.';
CREATE FUNCTION @extschema@.vuong_final(internal) RETURNS @extschema@.vuong_result
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'vuong_final';
COMMENT ON FUNCTION @extschema@.vuong_final(internal) IS 'Final function of vuong: the model comparison.';
CREATE FUNCTION @extschema@.tail_hist_final(internal) RETURNS @extschema@.tail_hist
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'tail_hist_final';
COMMENT ON FUNCTION @extschema@.tail_hist_final(internal) IS 'Final function of tail_hist and tail_hist_merge.';

-- The overload families -- M_fit(x, ...) and vuong(x, ...) aggregates over each value type
-- and M_fit(h tail_hist, ...) -- are generated from one definition each by 61_tail_overloads.sh.

-- Every tail aggregate is FINALFUNC_MODIFY = READ_ONLY: a final function compacts the
-- sample in place (sorts and merges values added since), which changes no content and from
-- which the transition function goes on as before (src/pg/tail/agg.c, FinalState). So
-- aggregates over the same arguments with the same transition function share one state
-- (pl_fit(x), tpl_fit(x) and tail_hist(x) in one query scan and store x once), and they
-- work as window functions.

-- tail_hist aggregates
CREATE AGGREGATE @extschema@.tail_hist(x integer) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.tail_hist_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tail_hist(integer) IS
    'The discrete tail_hist of the values x (NULLs skipped); NULL for no rows.';
CREATE AGGREGATE @extschema@.tail_hist(x bigint) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.tail_hist_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tail_hist(bigint) IS
    'The discrete tail_hist of the values x (NULLs skipped); NULL for no rows.';
CREATE AGGREGATE @extschema@.tail_hist(x double precision) (
    SFUNC = @extschema@.tail_fit_trans, STYPE = internal, FINALFUNC = @extschema@.tail_hist_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tail_hist(double precision) IS
    'The continuous tail_hist of the values x (NULLs skipped); NULL for no rows.';
CREATE AGGREGATE @extschema@.tail_hist(x bigint, count bigint) (
    SFUNC = @extschema@.tail_hist_trans, STYPE = internal, FINALFUNC = @extschema@.tail_hist_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tail_hist(bigint, bigint) IS
    'The discrete tail_hist of histogram rows: count copies of x (rows with NULL or zero count skipped, negative count an error).';
CREATE AGGREGATE @extschema@.tail_hist_merge(h @extschema@.tail_hist) (
    SFUNC = @extschema@.tail_hist_merge_trans, STYPE = internal, FINALFUNC = @extschema@.tail_hist_final,
    FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = @extschema@.tail_agg_combine, SERIALFUNC = @extschema@.tail_agg_serialize,
    DESERIALFUNC = @extschema@.tail_agg_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tail_hist_merge(@extschema@.tail_hist) IS
    'Merge of tail_hist values of one kind (the sample of all their observations).';

-- Functions on tail_hist (the M_fit ones are generated, see above)
CREATE FUNCTION @extschema@.vuong(
    h       @extschema@.tail_hist,
    model_a text,
    model_b text,
    xmin    double precision DEFAULT NULL)
RETURNS @extschema@.vuong_result
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'vuong_hist';
COMMENT ON FUNCTION @extschema@.vuong(@extschema@.tail_hist, text, text, double precision) IS
    'Vuong''s likelihood-ratio test of model_a against model_b on a tail_hist at xmin (default: the power law''s xmin); positive r favours model_a; the nested power_law/truncated_power_law pair uses the chi-squared likelihood-ratio test halved for the boundary lambda >= 0.';

CREATE FUNCTION @extschema@.tail_compare(
    h    @extschema@.tail_hist,
    xmin double precision DEFAULT NULL)
RETURNS SETOF @extschema@.vuong_result
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10
AS 'MODULE_PATHNAME', 'tail_compare_hist';
COMMENT ON FUNCTION @extschema@.tail_compare(@extschema@.tail_hist, double precision) IS
    'Every pair of the five tail models compared at xmin (default: the power law''s xmin), one vuong_result row per pair; NULL r and p_value for a pair whose fit failed.';

CREATE FUNCTION @extschema@.tail_bootstrap(
    h          @extschema@.tail_hist,
    model      text             DEFAULT 'power_law',
    replicates integer          DEFAULT 1000,
    seed       bigint           DEFAULT 1,
    level      double precision DEFAULT 0.95,
    xmin       double precision DEFAULT NULL)
RETURNS TABLE (parameter text, estimate double precision, lo double precision,
               hi double precision, replicates integer, boundary_replicates integer)
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 3
AS 'MODULE_PATHNAME', 'tail_bootstrap_hist';
COMMENT ON FUNCTION @extschema@.tail_bootstrap(@extschema@.tail_hist, text, integer, bigint, double precision, double precision) IS
    'Nonparametric bootstrap percentile intervals at level for the parameters of model (over the replicates whose fit is interior) and for xmin (over all that gave a fit; re-selected under the power law in every replicate unless xmin is fixed); seeded (mt19937), cancellable; replicates = replicates that gave a fit, boundary_replicates = those whose fit sat at the model''s boundary.';

CREATE FUNCTION @extschema@.pl_gof(
    h          @extschema@.tail_hist,
    replicates integer DEFAULT 1000,
    seed       bigint  DEFAULT 1)
RETURNS TABLE (xmin double precision, alpha double precision, ks double precision,
               p_value double precision, replicates integer)
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1
AS 'MODULE_PATHNAME', 'pl_gof_hist';
COMMENT ON FUNCTION @extschema@.pl_gof(@extschema@.tail_hist, integer, bigint) IS
    'Clauset''s semi-parametric bootstrap goodness-of-fit p-value of the power-law fit (xmin re-estimated in every replicate); seeded, cancellable; replicates = replicates that gave a fit.';

CREATE FUNCTION @extschema@.ccdf(
    h      @extschema@.tail_hist,
    models text[] DEFAULT ARRAY['power_law', 'truncated_power_law', 'lognormal',
                                'exponential', 'stretched_exponential'],
    xmin   double precision DEFAULT NULL)
RETURNS TABLE (x double precision, empirical double precision, power_law double precision,
               truncated_power_law double precision, lognormal double precision,
               exponential double precision, stretched_exponential double precision)
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'ccdf_hist';
COMMENT ON FUNCTION @extschema@.ccdf(@extschema@.tail_hist, text[], double precision) IS
    'Empirical P(X >= x) at every distinct value and the fitted CCDF of each model asked for, fitted at xmin (default: the power law''s xmin) and scaled by n_tail/n to meet the empirical curve at xmin; NULL below xmin, for models not asked, or whose fit failed.';
