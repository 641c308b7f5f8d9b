/*
 * Numerical minimisation of negative log-likelihoods in one or two parameters: damped
 * Newton, else GSL's Nelder-Mead simplex with restarts, then Newton steps on central
 * differences to polish the optimum far below the simplex tolerance. Standard errors from a
 * model's analytic Hessian.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_vector.h>

#include "collcog/stats.h"

typedef struct obj_ctx
{
	cc_objective_fn f;
	void	   *ctx;
} obj_ctx;

static double
GslObj(const gsl_vector *v, void *p)
{
	obj_ctx    *o = p;
	double		th[2];
	double		r;
	size_t		i;

	for (i = 0; i < v->size; i++)
		th[i] = gsl_vector_get(v, i);
	r = o->f(th, o->ctx);
	return isnan(r) ? INFINITY : r;
}

/* 1-D: expand a bracket from theta by step, then golden-section search. */
static int
Golden(obj_ctx *o, double *theta, double step, double *fmin)
{
	const double gr = 0.61803398874989484820;
	double		a = theta[0] - step,
				b = theta[0],
				c = theta[0] + step,
				fa = o->f(&a, o->ctx),
				fb = o->f(&b, o->ctx),
				fc = o->f(&c, o->ctx);
	int			it;

	if (!isfinite(fb))
		return -1;
	/* expand until fb is below both ends */
	for (it = 0; it < 60 && !(fb <= fa && fb <= fc); it++)
	{
		if (fa < fb || !isfinite(fc))
		{
			c = b;
			fc = fb;
			b = a;
			fb = fa;
			a = b - 2.0 * (c - b);
			fa = o->f(&a, o->ctx);
		}
		else
		{
			a = b;
			fa = fb;
			b = c;
			fb = fc;
			c = b + 2.0 * (b - a);
			fc = o->f(&c, o->ctx);
		}
		if (isnan(fa))
			fa = INFINITY;
		if (isnan(fc))
			fc = INFINITY;
	}
	if (!(fb <= fa && fb <= fc))
		return -1;
	for (it = 0; it < 200 && c - a > 1e-12 * (fabs(b) + 1e-12); it++)
	{
		double		x = (b - a > c - b) ? b - (1.0 - gr) * (b - a) : b + (1.0 - gr) * (c - b),
					fx = o->f(&x, o->ctx);

		if (fx < fb)
		{
			if (x < b)
				c = b;
			else
				a = b;
			b = x;
			fb = fx;
		}
		else if (x < b)
			a = x;
		else
			c = x;
	}
	theta[0] = b;
	*fmin = fb;
	return 0;
}

/* One Nelder-Mead run from theta (golden section in 1-D); returns the best value found. */
static int
Simplex(obj_ctx *o, int dim, double *theta, const double *step, double *fmin)
{
	const gsl_multimin_fminimizer_type *T = gsl_multimin_fminimizer_nmsimplex2;
	gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(T, dim);
	gsl_vector *x = gsl_vector_alloc(dim),
			   *ss = gsl_vector_alloc(dim);
	gsl_multimin_function fn;
	int			it,
				rc = -1,
				i,
				iterated = 0;

	if (dim == 1)
	{
		rc = Golden(o, theta, step[0], fmin);
		goto done;
	}
	if (m == NULL || x == NULL || ss == NULL)
		goto done;
	for (i = 0; i < dim; i++)
	{
		gsl_vector_set(x, i, theta[i]);
		gsl_vector_set(ss, i, step[i]);
	}
	fn.n = dim;
	fn.f = GslObj;
	fn.params = o;
	/* (the minimiser's fval is only defined after a successful iteration) */
	if (!isfinite(GslObj(x, o)) || gsl_multimin_fminimizer_set(m, &fn, x, ss) != GSL_SUCCESS)
		goto done;
	for (it = 0; it < 600; it++)
	{
		if (gsl_multimin_fminimizer_iterate(m) != GSL_SUCCESS)
			break;
		iterated = 1;
		if (gsl_multimin_fminimizer_size(m) < 1e-7)
		{
			rc = 0;
			break;
		}
	}
	if (iterated && isfinite(m->fval))
	{
		for (i = 0; i < dim; i++)
			theta[i] = gsl_vector_get(m->x, i);
		*fmin = m->fval;
		if (rc != 0)
			rc = 1;				/* usable, not converged */
	}
done:
	if (m)
		gsl_multimin_fminimizer_free(m);
	if (x)
		gsl_vector_free(x);
	if (ss)
		gsl_vector_free(ss);
	return rc;
}

/* Gradient and Hessian of f at theta by central differences with steps h. */
static int
Derivs(cc_objective_fn f, void *ctx, int dim, const double *theta, const double *h, double f0,
	   double *g, double H[2][2])
{
	double		t[2];
	int			i,
				j;

	for (i = 0; i < dim; i++)
	{
		double		fp,
					fm;

		memcpy(t, theta, dim * sizeof(double));
		t[i] = theta[i] + h[i];
		fp = f(t, ctx);
		t[i] = theta[i] - h[i];
		fm = f(t, ctx);
		if (!isfinite(fp) || !isfinite(fm))
			return -1;
		g[i] = (fp - fm) / (2.0 * h[i]);
		H[i][i] = (fp - 2.0 * f0 + fm) / (h[i] * h[i]);
	}
	for (i = 0; i < dim; i++)
		for (j = i + 1; j < dim; j++)
		{
			double		fpp,
						fpm,
						fmp,
						fmm;

			memcpy(t, theta, dim * sizeof(double));
			t[i] = theta[i] + h[i];
			t[j] = theta[j] + h[j];
			fpp = f(t, ctx);
			t[j] = theta[j] - h[j];
			fpm = f(t, ctx);
			t[i] = theta[i] - h[i];
			fmm = f(t, ctx);
			t[j] = theta[j] + h[j];
			fmp = f(t, ctx);
			if (!isfinite(fpp) || !isfinite(fpm) || !isfinite(fmp) || !isfinite(fmm))
				return -1;
			H[i][j] = H[j][i] = (fpp - fpm - fmp + fmm) / (4.0 * h[i] * h[j]);
		}
	return 0;
}

/* Solve H d = -g (dim 1 or 2); -1 unless H is positive definite. */
static int
NewtonStep(int dim, double H[2][2], const double *g, double *d)
{
	if (dim == 1)
	{
		if (!(H[0][0] > 0.0))
			return -1;
		d[0] = -g[0] / H[0][0];
		return 0;
	}
	else
	{
		double		det = H[0][0] * H[1][1] - H[0][1] * H[1][0];

		if (!(H[0][0] > 0.0) || !(det > 0.0))
			return -1;
		d[0] = -(H[1][1] * g[0] - H[0][1] * g[1]) / det;
		d[1] = -(-H[1][0] * g[0] + H[0][0] * g[1]) / det;
		return 0;
	}
}

/*
 * Damped Newton on central differences from theta. Returns 1 when it converged (positive
 * definite Hessian, predicted decrease below 1e-13 |f|), 0 when it stopped early; theta and
 * *fv always hold the best point seen.
 */
static int
DampedNewton(cc_objective_fn f, void *ctx, int dim, double *th, double *fv, int maxit)
{
	int			it,
				k;

	for (it = 0; it < maxit; it++)
	{
		double		g[2],
					H[2][2],
					d[2],
					h[2],
					tn[2],
					fn = INFINITY,
					pred = 0.0,
					t;

		for (k = 0; k < dim; k++)
			h[k] = 1e-5 * fmax(fabs(th[k]), 1e-2);
		if (Derivs(f, ctx, dim, th, h, *fv, g, H) != 0 || NewtonStep(dim, H, g, d) != 0)
			return 0;
		for (k = 0; k < dim; k++)
			pred -= 0.5 * g[k] * d[k];
		if (pred < 1e-13 * fmax(fabs(*fv), 1.0))
			return 1;
		for (t = 1.0; t > 1e-6; t *= 0.5)
		{
			for (k = 0; k < dim; k++)
				tn[k] = th[k] + t * d[k];
			fn = f(tn, ctx);
			if (fn <= *fv)
				break;
		}
		if (!(fn <= *fv))
			return 0;
		memcpy(th, tn, dim * sizeof(double));
		*fv = fn;
	}
	return 0;
}

/* The work of cc_minimize: Newton first, then the simplex and a Newton polish. */
static int
Minimize(cc_objective_fn f, void *ctx, int dim, double *th, const double *step, double *pfv)
{
	obj_ctx		o = {f, ctx};
	double		start[2],
				fv;

	memcpy(start, th, dim * sizeof(double));
	/* Newton first: from a good start it converges in a few steps. */
	fv = f(th, ctx);
	if (isfinite(fv) && DampedNewton(f, ctx, dim, th, &fv, 40))
	{
		*pfv = fv;
		return 0;
	}
	/* Otherwise the simplex, from Newton's best point (or the start). */
	if (!isfinite(fv))
		memcpy(th, start, dim * sizeof(double));
	if (Simplex(&o, dim, th, step, &fv) < 0)
		return -1;
	/* A restart from the best point catches a collapsed simplex. */
	if (dim == 2)
	{
		double		th2[2],
					fv2 = INFINITY,
					st2[2];
		int			k;

		memcpy(th2, th, sizeof(th2));
		for (k = 0; k < dim; k++)
			st2[k] = fmax(1e-3 * fabs(th[k]), 1e-3);
		if (Simplex(&o, dim, th2, st2, &fv2) >= 0 && fv2 <= fv)
		{
			memcpy(th, th2, sizeof(th2));
			fv = fv2;
		}
	}
	/* Newton polish on finite differences. */
	DampedNewton(f, ctx, dim, th, &fv, 30);
	*pfv = fv;
	return isfinite(fv) ? 0 : -1;
}

int
cc_minimize(cc_objective_fn f, void *ctx, int dim, double *theta, const double *step,
			  double *fmin)
{
	double		th[2],
				fv = INFINITY;
	int			r;
	gsl_error_handler_t *old;

	if (dim < 1 || dim > 2)
		return -1;
	memcpy(th, theta, dim * sizeof(double));
	/* GSL's default handler aborts; the minimiser's failures are handled here instead. */
	old = gsl_set_error_handler_off();
	r = Minimize(f, ctx, dim, th, step, &fv);
	gsl_set_error_handler(old);
	if (r != 0)
		return -1;
	memcpy(theta, th, dim * sizeof(double));
	*fmin = fv;
	return 0;
}

void
cc_se_from_hessian(int dim, const double H[2][2], double *se)
{
	int			k;

	for (k = 0; k < dim && k < 2; k++)
		se[k] = NAN;
	if (dim == 1)
	{
		if (H[0][0] > 0.0 && isfinite(H[0][0]))
			se[0] = 1.0 / sqrt(H[0][0]);
	}
	else if (dim == 2)
	{
		double		det = H[0][0] * H[1][1] - H[0][1] * H[1][0];

		if (H[0][0] > 0.0 && det > 0.0 && isfinite(det))
		{
			se[0] = sqrt(H[1][1] / det);
			se[1] = sqrt(H[0][0] / det);
		}
	}
}
