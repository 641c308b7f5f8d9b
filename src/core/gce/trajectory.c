/*
 * The predicted trajectories of the mean-field model (paper 001, Sec. 3.2): the
 * stochastic-approximation recursion with its noise left out, and the limiting ODE
 * dTheta/dtau = F(Theta) - Theta solved with GSL's odeiv2 and read at the ODE times of the
 * recursion's steps. They agree as t grows (both tend to Theta*) but not step by step: the
 * recursion takes Euler steps of length 1/(t+1), the ODE is the exact flow.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>

#include "collcog/gce.h"

/* Absolute and relative tolerance of the ODE integration. */
#define ODE_TOLERANCE 1e-10

/* dy/dtau = F(y) - y. */
static int
OdeRhs(double tau, const double y[], double dydt[], void *params)
{
	const cc_mf_model *m = params;

	(void) tau;
	cc_mf_drift(m, y, dydt);
	for (int i = 0; i < 2 * m->dim; i++)
		dydt[i] -= y[i];
	return GSL_SUCCESS;
}

/* The ODE read at tau[0..steps] into ode; GSL's driver is allocated and freed here. */
static cc_status
SolveOde(const cc_mf_model *m, const double *theta0, int64_t steps, const double *tau,
		 double *ode, cc_error *err)
{
	int			n = 2 * m->dim;
	gsl_odeiv2_system sys = {OdeRhs, NULL, (size_t) n, (void *) m};
	gsl_odeiv2_driver *drv;
	gsl_error_handler_t *old;
	double		t = 0.0;
	int			status = GSL_SUCCESS;
	int64_t		k;

	memcpy(ode, theta0, sizeof(double) * n);
	if (steps == 0)
		return CC_OK;
	old = gsl_set_error_handler_off();
	drv = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rk8pd, 1e-3, ODE_TOLERANCE,
										ODE_TOLERANCE);
	if (drv == NULL)
	{
		gsl_set_error_handler(old);
		return cc_fail(err, CC_ENOMEM, "out of memory for the ODE solver");
	}
	for (k = 1; k <= steps && status == GSL_SUCCESS; k++)
	{
		double	   *row = ode + k * n;

		if (cc_poll((uint64_t) k, 4096))
			break;
		memcpy(row, row - n, sizeof(double) * n);
		status = gsl_odeiv2_driver_apply(drv, &t, tau[k], row);
	}
	gsl_odeiv2_driver_free(drv);
	gsl_set_error_handler(old);
	if (k <= steps && status == GSL_SUCCESS)
		return cc_fail(err, CC_ECANCEL, "canceled");
	if (status != GSL_SUCCESS)
		return cc_fail(err, CC_ENOCONV, "the mean-field ODE could not be integrated to tau = %s: %s",
					   cc_num(tau[k - 1]).s, gsl_strerror(status));
	return CC_OK;
}

cc_status
cc_mf_trajectory(const cc_mf_model *m, const double *theta0, int64_t steps, double *tau,
				 double *sa, double *ode, cc_error *err)
{
	int			n = 2 * m->dim;

	if (steps < 0)
		return cc_fail(err, CC_EINVAL, "steps must not be negative, not %lld", (long long) steps);
	if (steps > CC_GCE_MAX_STEPS)
		return cc_fail(err, CC_ELIMIT, "steps = %lld exceeds the limit of %d",
					   (long long) steps, CC_GCE_MAX_STEPS);
	tau[0] = 0.0;
	for (int64_t t = 1; t <= steps; t++)
		tau[t] = tau[t - 1] + 1.0 / (double) t;
	if (sa != NULL)
	{
		memcpy(sa, theta0, sizeof(double) * n);
		for (int64_t t = 0; t < steps; t++)
		{
			const double *cur = sa + t * n;
			double	   *next = sa + (t + 1) * n;

			cc_mf_drift(m, cur, next);
			for (int i = 0; i < n; i++)
				next[i] = cur[i] + (next[i] - cur[i]) / (double) (t + 1);
		}
	}
	if (ode != NULL)
		return SolveOde(m, theta0, steps, tau, ode, err);
	return CC_OK;
}
