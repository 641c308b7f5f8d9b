/*
 * Exact samplers for every fitted law. Discrete PL: inverse CDF through the Hurwitz zeta
 * (a continuous guess, then bracketing and bisection on the exact CCDF). EXP, LN, SE:
 * inverse CDF (discrete LN and SE round a draw of the continuous law on [xmin - 1/2, inf),
 * which is exactly their definition). TPL: rejection from a PL or an exponential proposal,
 * whichever accepts more often.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "collcog/tail_impl.h"

#define MAX_REJECT 10000000L

/* Uniform in (0, 1]. */
static double
U01(gsl_rng *r)
{
	return 1.0 - gsl_rng_uniform(r);
}

/* Discrete PL: largest x >= xmin with S(x) = zeta(a, x)/zeta(a, xmin) >= u. */
static double
DrawDiscretePL(double a, double xmin, double lnz0, double u)
{
	double		x0 = floor((xmin - 0.5) * pow(u, -1.0 / (a - 1.0)) + 0.5),
				lo,
				hi,
				step = 1.0;

	if (!(x0 >= xmin))
		x0 = xmin;
	if (x0 > CC_TAIL_MAX_DISCRETE)
		x0 = CC_TAIL_MAX_DISCRETE;
#define S_GE(x) (tail_lnhzeta(a, (x)) - lnz0 >= log(u))
	if (S_GE(x0))
	{
		lo = x0;
		for (;;)
		{
			hi = x0 + step;
			if (hi > CC_TAIL_MAX_DISCRETE)
				return CC_TAIL_MAX_DISCRETE;
			if (!S_GE(hi))
				break;
			lo = hi;
			step *= 2.0;
		}
	}
	else
	{
		hi = x0;
		for (;;)
		{
			lo = x0 - step;
			if (lo <= xmin)
			{
				lo = xmin;
				break;
			}
			if (S_GE(lo))
				break;
			hi = lo;
			step *= 2.0;
		}
	}
	/* invariant: S(lo) >= u > S(hi) */
	while (hi - lo > 1.0)
	{
		double		mid = floor(0.5 * (lo + hi));

		if (S_GE(mid))
			lo = mid;
		else
			hi = mid;
	}
#undef S_GE
	return lo;
}

/* One draw from a TPL by rejection. */
static int
DrawTPL(const cc_tail_fit *f, gsl_rng *r, int use_pl, double *out)
{
	double		a = f->par[0],
				lam = f->par[1],
				xmin = f->xmin,
				lnz0 = use_pl ? tail_tpl_lnorm(f->kind, a, 0.0, xmin) : 0.0;
	long		t;

	for (t = 0; t < MAX_REJECT; t++)
	{
		double		x,
					lacc;

		if (use_pl)
		{
			if (f->kind == CC_TAIL_DISCRETE)
				x = DrawDiscretePL(a, xmin, lnz0, U01(r));
			else
				x = xmin * pow(U01(r), -1.0 / (a - 1.0));
			lacc = -lam * (x - xmin);
		}
		else
		{
			double		e = -log(U01(r)) / lam;

			x = xmin + (f->kind == CC_TAIL_DISCRETE ? floor(e) : e);
			lacc = -a * (log(x) - log(xmin));
		}
		if (log(U01(r)) <= lacc)
		{
			*out = x;
			return 0;
		}
	}
	return -1;
}

cc_status
cc_tail_draw(const cc_tail_fit *f, gsl_rng *rng, double *x, size_t n, cc_error *err)
{
	size_t		i;
	double		xmin = f->xmin,
				e = f->kind == CC_TAIL_DISCRETE ? xmin - 0.5 : xmin;
	int			use_pl = 0;

	if (f->n_par == 0)
		return cc_fail(err, CC_EINVAL, "cannot draw from an empty fit");
	if (f->model == CC_TAIL_TPL && f->par[1] > 0.0)
	{
		/* acceptance rates of the two proposals, in logs */
		double		a = f->par[0],
					lam = f->par[1],
					lpl = -INFINITY,
					lexp;

		if (a > 1.0)
			lpl = f->lnorm + lam * xmin - tail_tpl_lnorm(f->kind, a, 0.0, xmin);
		if (f->kind == CC_TAIL_DISCRETE)
			lexp = f->lnorm + tail_log1mexp(lam) + a * log(xmin) + lam * xmin;
		else
			lexp = f->lnorm + log(lam) + a * log(xmin) + lam * xmin;
		if (a < 0.0)
			lexp = -INFINITY;	/* x^-a grows: the exponential proposal does not bound it */
		use_pl = lpl >= lexp;
		if (!isfinite(use_pl ? lpl : lexp))
			return cc_fail(err, CC_EINVAL, "cannot sample a truncated power law with alpha %g and lambda %g",
						   a, lam);
	}
	for (i = 0; i < n; i++)
	{
		double		u = U01(rng),
					y;

		if ((f->model == CC_TAIL_LN || f->model == CC_TAIL_SE) && f->boundary)
		{
			/* the power-law limit on [e, inf), rounded for discrete fits */
			y = e * pow(u, -1.0 / (f->alpha_limit - 1.0));
			x[i] = f->kind == CC_TAIL_DISCRETE ? fmax(xmin, floor(y + 0.5)) : y;
			if (!isfinite(x[i]) || x[i] > CC_TAIL_MAX_DISCRETE)
				return cc_fail(err, CC_ELIMIT, "draw from the %s fit overflowed", cc_tail_model_name(f->model));
			continue;
		}
		switch (f->model)
		{
			case CC_TAIL_PL:
			case CC_TAIL_TPL:
				if (f->model == CC_TAIL_TPL && f->par[1] > 0.0)
				{
					if (DrawTPL(f, rng, use_pl, &x[i]) != 0)
						return cc_fail(err, CC_ENOCONV, "truncated power-law sampler rejected too often");
				}
				else if (f->kind == CC_TAIL_DISCRETE)
					x[i] = DrawDiscretePL(f->par[0], xmin, f->model == CC_TAIL_PL ? f->lnorm : tail_tpl_lnorm(f->kind, f->par[0], 0.0, xmin), u);
				else
					x[i] = xmin * pow(u, -1.0 / (f->par[0] - 1.0));
				break;
			case CC_TAIL_EXP:
				y = -log(u) / f->par[0];
				x[i] = xmin + (f->kind == CC_TAIL_DISCRETE ? floor(y) : y);
				break;
			case CC_TAIL_LN:
				{
					double		z0 = (log(e) - f->par[0]) / f->par[1],
								lq = tail_lnQ(z0) + log(u),
								z;

					if (lq < -700.0)
						return cc_fail(err, CC_EINVAL, "log-normal tail too far out to sample");
					z = gsl_cdf_ugaussian_Qinv(exp(lq));
					if (z < z0)
						z = z0;
					y = exp(f->par[0] + f->par[1] * z);
					x[i] = f->kind == CC_TAIL_DISCRETE ? fmax(xmin, floor(y + 0.5)) : fmax(xmin, y);
				}
				break;
			case CC_TAIL_SE:
				y = pow(pow(e, f->par[1]) - log(u) / f->par[0], 1.0 / f->par[1]);
				x[i] = f->kind == CC_TAIL_DISCRETE ? fmax(xmin, floor(y + 0.5)) : y;
				break;
			default:
				return cc_fail(err, CC_EINVAL, "invalid tail model %d", (int) f->model);
		}
		if (!isfinite(x[i]) || (f->kind == CC_TAIL_DISCRETE && x[i] > CC_TAIL_MAX_DISCRETE))
			return cc_fail(err, CC_ELIMIT, "draw from the %s fit overflowed", cc_tail_model_name(f->model));
	}
	return CC_OK;
}
