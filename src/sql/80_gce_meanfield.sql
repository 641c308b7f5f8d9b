-- The mean-field model of glass ceilings and the trajectory diagnostics (paper 001, Sec. 3.2,
-- Sec. 5.1, App. A and App. B.4; DESIGN section 7). docs/reference/meanfield_*.md and
-- trajectory_fit.md; include/collcog/gce.h gives the formulas.
--
-- Theta = (theta_in, theta_out), 2d values in [0, 1] (Eq. 5), is the state everywhere: an
-- argument or a column named theta holds theta_in (elements 1 .. d) then theta_out. mu is a
-- 2 x 2 x d array, mu[a][b][k] the mean weight in dimension k from a source of type b to a
-- target of type a (1 = R, 2 = B), or the 4 x d array simulate_network takes (the same
-- values in the same order). The functions are pure: IMMUTABLE, PARALLEL SAFE.

CREATE FUNCTION @extschema@.meanfield_drift(theta double precision[], p double precision,
    q double precision, r double precision, delta double precision, xi double precision,
    mu double precision[])
RETURNS double precision[]
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'meanfield_drift';
COMMENT ON FUNCTION @extschema@.meanfield_drift(double precision[], double precision, double precision, double precision, double precision, double precision, double precision[]) IS
    'The mean-field drift F(theta) = (F_in, F_out) of paper 001 App. A, with the mean-field attachment probabilities; theta and the result are theta_in then theta_out (2d values), mu is 2 x 2 x d (target type, source type, dimension; R first) or 4 x d.';

CREATE TYPE @extschema@.meanfield_fixed_point_result AS (
    theta double precision[],
    rho double precision,
    contraction boolean,
    iterations integer,
    step double precision,
    step_ratio double precision,
    error_bound double precision,
    residual double precision,
    influence_r double precision,
    influence_b double precision,
    gce_ratio double precision);
COMMENT ON TYPE @extschema@.meanfield_fixed_point_result IS
    'The fixed point Theta* = F(Theta*): theta (theta_in then theta_out), App. A''s a-priori contraction modulus rho and contraction = (rho < 1), the iterations, the last step, the observed step ratio (geometric mean, not a proof), the error bound rho / (1 - rho) * step (NULL unless rho < 1), the residual |F(theta) - theta|, and the limits of the influence ratios I(R), I(B) (Eq. 10) and I(R) / I(B) (Eq. 9).';

CREATE FUNCTION @extschema@.meanfield_fixed_point(p double precision, q double precision,
    r double precision, delta double precision, xi double precision, mu double precision[],
    theta0 double precision[] DEFAULT NULL, tolerance double precision DEFAULT 1e-12,
    max_iterations integer DEFAULT 10000)
RETURNS @extschema@.meanfield_fixed_point_result
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'meanfield_fixed_point';
COMMENT ON FUNCTION @extschema@.meanfield_fixed_point(double precision, double precision, double precision, double precision, double precision, double precision[], double precision[], double precision, integer) IS
    'Iterate Theta <- F(Theta) from theta0 (NULL: r everywhere) until a step is at most tolerance; fails (22000) when it does not settle within max_iterations. Returns the fixed point with App. A''s contraction modulus, an error bound only when rho < 1, and the limits of I(R), I(B).';

CREATE FUNCTION @extschema@.meanfield_trajectory(theta0 double precision[], steps integer,
    p double precision, q double precision, r double precision, delta double precision,
    xi double precision, mu double precision[])
RETURNS TABLE (t integer, tau double precision, sa_theta double precision[],
               ode_theta double precision[])
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 101
AS 'MODULE_PATHNAME', 'meanfield_trajectory';
COMMENT ON FUNCTION @extschema@.meanfield_trajectory(double precision[], integer, double precision, double precision, double precision, double precision, double precision, double precision[]) IS
    'Two predicted trajectories from theta0, rows t = 0 .. steps: sa_theta, the stochastic-approximation recursion Theta(t+1) = Theta(t) + (F(Theta(t)) - Theta(t)) / (t + 1), and ode_theta, the ODE dTheta/dtau = F - Theta (GSL odeiv2) at tau = sum over s < t of 1 / (s + 1).';

CREATE TYPE @extschema@.trajectory_fit_result AS (
    t_points integer,
    series integer,
    mse double precision,
    bias double precision,
    max_acf double precision,
    max_acf_lag integer,
    statistic text,
    q double precision,
    lags integer,
    df bigint,
    p_chisq double precision,
    p_monte_carlo double precision,
    replicates integer);
COMMENT ON TYPE @extschema@.trajectory_fit_result IS
    'Diagnostics of residuals predicted - empirical (paper 001 App. B.4): T time points and K series, MSE, bias, the largest spectral norm of the standardised residual autocorrelation matrices up to lags (at max_acf_lag), the portmanteau statistic named in statistic (hosking) with q, its chi-squared p-value on df = K^2 lags degrees of freedom, and the Monte Carlo permutation p-value over replicates orderings (NULL for 0).';

CREATE FUNCTION @extschema@.trajectory_fit(empirical double precision[],
    predicted double precision[], lags integer DEFAULT 10, replicates integer DEFAULT 0,
    seed bigint DEFAULT 1)
RETURNS @extschema@.trajectory_fit_result
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'trajectory_fit';
COMMENT ON FUNCTION @extschema@.trajectory_fit(double precision[], double precision[], integer, integer, bigint) IS
    'Compare an empirical theta series with a prediction, both T x K arrays (one row per time point): MSE, bias, MaxACF and Hosking''s multivariate portmanteau test at lags with chi-squared and seeded Monte Carlo permutation p-values.';
