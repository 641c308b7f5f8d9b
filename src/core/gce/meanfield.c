/*
 * The mean-field model of paper 001 (Sec. 3.2, App. A): the drift F, App. A's a-priori
 * contraction modulus, the fixed point Theta* = F(Theta*) by iteration, and the limits of
 * the influence ratios at a state. The formulas are in collcog/gce.h.
 */
#include <math.h>
#include <string.h>

#include "collcog/gce.h"

cc_status
cc_mf_check(const cc_mf_model *m, cc_error *err)
{
	if (!(m->p >= 0.0 && m->p <= 1.0))
		return cc_fail(err, CC_EINVAL, "p = %s is not a probability in [0, 1]", cc_num(m->p).s);
	if (!(m->q >= 0.0 && m->q <= 1.0))
		return cc_fail(err, CC_EINVAL, "q = %s is not a probability in [0, 1]", cc_num(m->q).s);
	if (!(m->r >= 0.0 && m->r <= 1.0))
		return cc_fail(err, CC_EINVAL, "r = %s is not a probability in [0, 1]", cc_num(m->r).s);
	if (m->p + m->q > 1.0 + 1e-12)
	{
		cc_fail(err, CC_EINVAL, "p + q = %s exceeds 1", cc_num(m->p + m->q).s);
		cc_fail_detail(err, "Event 3 has probability 1 - p - q, which must not be negative.");
		return CC_EINVAL;
	}
	if (!(isfinite(m->delta) && m->delta > 0.0))
		return cc_fail(err, CC_EINVAL, "delta = %s must be positive and finite", cc_num(m->delta).s);
	if (!(isfinite(m->xi) && m->xi > 0.0))
		return cc_fail(err, CC_EINVAL, "xi = %s must be positive and finite", cc_num(m->xi).s);
	if (m->dim < 1 || m->dim > CC_GCE_MAX_DIM)
		return cc_fail(err, CC_EINVAL, "d = %d is not between 1 and %d", m->dim, CC_GCE_MAX_DIM);
	for (int i = 0; i < 4 * m->dim; i++)
		if (!(isfinite(m->mu[i]) && m->mu[i] >= 0.0))
		{
			static const char *const pair[4] = {"RR", "RB", "BR", "BB"};

			return cc_fail(err, CC_EINVAL, "mu_%s[%d] = %s must be nonnegative and finite",
						   pair[i / m->dim], i % m->dim + 1, cc_num(m->mu[i]).s);
		}
	return CC_OK;
}

cc_status
cc_mf_check_theta(const cc_mf_model *m, const double *theta, const char *name, cc_error *err)
{
	for (int i = 0; i < 2 * m->dim; i++)
		if (!(theta[i] >= 0.0 && theta[i] <= 1.0))
		{
			cc_fail(err, CC_EINVAL, "%s[%d] = %s is not a share in [0, 1]", name, i + 1,
					cc_num(theta[i]).s);
			cc_fail_detail(err, "%s holds theta_in (elements 1 to %d) then theta_out (%d to %d).",
						   name, m->dim, m->dim + 1, 2 * m->dim);
			return CC_EINVAL;
		}
	return CC_OK;
}

void
cc_mf_drift(const cc_mf_model *m, const double *theta, double *f)
{
	int			d = m->dim;
	double		nu = m->p + m->q,
				p3 = fmax(0.0, 1.0 - m->p - m->q),
				r = m->r,
				sum_in = 0.0,
				sum_out = 0.0,
				tR,
				tB,
				sR,
				sB;

	for (int k = 0; k < d; k++)
	{
		sum_in += theta[k];
		sum_out += theta[d + k];
	}
	/* the mean-field attachment probabilities pi_bar of App. A */
	tR = (sum_in + nu * r * m->delta) / (d + nu * m->delta);
	sR = (sum_out + nu * r * m->xi) / (d + nu * m->xi);
	tB = 1.0 - tR;
	sB = 1.0 - sR;
	for (int k = 0; k < d; k++)
	{
		double		RR = m->mu[0 * d + k],
					RB = m->mu[1 * d + k],
					BR = m->mu[2 * d + k];

		f[k] = m->p * tR * (r * RR + (1.0 - r) * RB)
			+ m->q * r * (sR * RR + sB * RB)
			+ p3 * tR * (sR * RR + sB * RB);
		f[d + k] = m->p * r * (tR * RR + tB * BR)
			+ m->q * sR * (r * RR + (1.0 - r) * BR)
			+ p3 * sR * (tR * RR + tB * BR);
	}
}

double
cc_mf_rho(const cc_mf_model *m)
{
	double		nu = m->p + m->q,
				mubar = 0.0,
				lt = 1.0 / (m->dim + nu * m->delta),
				ls = 1.0 / (m->dim + nu * m->xi);

	for (int i = 0; i < 4 * m->dim; i++)
		mubar = fmax(mubar, m->mu[i]);
	return m->dim * mubar * sqrt(2.0 * (lt * lt + ls * ls));
}

void
cc_mf_influence(int32_t dim, const double *theta, double *i_r, double *i_b)
{
	double		in = 0.0,
				out = 0.0,
				in_b = 0.0,
				out_b = 0.0;

	for (int k = 0; k < dim; k++)
	{
		in += theta[k];
		out += theta[dim + k];
		in_b += 1.0 - theta[k];
		out_b += 1.0 - theta[dim + k];
	}
	*i_r = in > 0.0 ? out / in : NAN;
	*i_b = in_b > 0.0 ? out_b / in_b : NAN;
}

static double
Distance(int n, const double *a, const double *b)
{
	double		s = 0.0;

	for (int i = 0; i < n; i++)
		s += (a[i] - b[i]) * (a[i] - b[i]);
	return sqrt(s);
}

cc_status
cc_mf_fixed_point_solve(const cc_mf_model *m, const double *theta0, double tol,
						int64_t max_iter, double *theta, cc_mf_fixed_point *fp, cc_error *err)
{
	int			n = 2 * m->dim;
	double	   *next,
				first = 0.0,
				step = INFINITY;
	int64_t		it,
				nonzero = 0;

	if (!(tol > 0.0 && isfinite(tol)))
		return cc_fail(err, CC_EINVAL, "tolerance = %s must be positive and finite", cc_num(tol).s);
	if (max_iter < 1)
		return cc_fail(err, CC_EINVAL, "max_iterations = %lld must be at least 1", (long long) max_iter);
	next = cc_malloc(sizeof(double) * n);
	if (next == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for the fixed point");
	memset(fp, 0, sizeof(*fp));
	fp->rho = cc_mf_rho(m);
	fp->contraction = fp->rho < 1.0;
	for (int i = 0; i < n; i++)
		theta[i] = theta0 ? theta0[i] : m->r;
	for (it = 1; it <= max_iter; it++)
	{
		if (cc_poll((uint64_t) it, 1024))
		{
			cc_free(next);
			return cc_fail(err, CC_ECANCEL, "canceled");
		}
		cc_mf_drift(m, theta, next);
		step = Distance(n, next, theta);
		memcpy(theta, next, sizeof(double) * n);
		if (!isfinite(step))
			break;
		if (step > 0.0)
		{
			if (nonzero == 0)
				first = step;
			else
				fp->step_ratio = pow(step / first, 1.0 / (double) nonzero);
			nonzero++;
		}
		if (step <= tol)
			break;
	}
	fp->iterations = it > max_iter ? max_iter : it;
	fp->step = step;
	if (nonzero < 2)
		fp->step_ratio = NAN;
	if (!(step <= tol))
	{
		cc_free(next);
		cc_fail(err, CC_ENOCONV, "the mean-field iteration did not settle in %lld iterations",
				(long long) fp->iterations);
		if (fp->contraction)
			cc_fail_detail(err, "App. A's contraction modulus rho = %s < 1, so it converges, but the last step was still %s > tolerance %s; raise max_iterations.",
						   cc_num(fp->rho).s, cc_num(step).s, cc_num(tol).s);
		else
			cc_fail_detail(err, "App. A's contraction modulus rho = %s is not below 1, so F is not known to be a contraction; the last step was %s > tolerance %s.",
						   cc_num(fp->rho).s, cc_num(step).s, cc_num(tol).s);
		return CC_ENOCONV;
	}
	/* the a-posteriori Banach bound |Theta_n - Theta*| <= rho / (1 - rho) |Theta_n - Theta_(n-1)| */
	fp->error_bound = fp->contraction ? fp->rho / (1.0 - fp->rho) * step : NAN;
	cc_mf_drift(m, theta, next);
	fp->residual = Distance(n, next, theta);
	cc_free(next);
	return CC_OK;
}
