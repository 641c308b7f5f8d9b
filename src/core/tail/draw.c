/*
 * Exact samplers for every fitted law. Discrete PL: inverse CDF; a table of the CCDF over
 * the first integers answers most draws by binary search, the Hurwitz zeta (a continuous
 * guess, then bracketing and bisection on the exact CCDF) the rare draws beyond it. EXP, LN, SE:
 * inverse CDF (discrete LN and SE round a draw of the continuous law on [xmin - 1/2, inf),
 * which is exactly their definition). TPL: rejection from a PL or an exponential proposal,
 * whichever accepts more often.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "tail_internal.h"

#define MAX_REJECT 10000000L

/* Uniform in (0, 1]. */
static double
U01(gsl_rng *r)
{
	return 1.0 - gsl_rng_uniform(r);
}

/*
 * A discrete PL prepared for drawing: S(x) = zeta(a, x)/zeta(a, xmin), and S at xmin + j
 * for j < n (n = 0: no table). The table is summed backwards from an exact zeta value at
 * its end, small terms first, so it is accurate to a few ulps.
 */
typedef struct PLTable
{
	double		a;
	double		xmin;
	double		lnz0;			/* ln zeta(a, xmin) */
	int			n;
	double	   *ccdf;
} PLTable;

#define PL_TABLE_MAX 65536
#define PL_TABLE_TAIL 1e-3		/* the table ends where S falls to about this */

static cc_status
PLTableInit(PLTable *t, double a, double xmin, double lnz0, cc_error *err)
{
	double		span = xmin * pow(PL_TABLE_TAIL, 1.0 / (1.0 - a));
	int			j;

	t->a = a;
	t->xmin = xmin;
	t->lnz0 = lnz0;
	t->n = 0;
	t->ccdf = NULL;
	if (!(a > 1.0) || !isfinite(span))
		return CC_OK;
	t->n = (int) fmin(fmax(span, 16.0), (double) PL_TABLE_MAX);
	if (xmin + t->n > CC_TAIL_MAX_DISCRETE)
	{
		t->n = 0;
		return CC_OK;
	}
	t->ccdf = cc_malloc((size_t) t->n * sizeof(double));
	if (t->ccdf == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory drawing from a power law");
	t->ccdf[t->n - 1] = exp(cc_lnhzeta(a, xmin + t->n - 1) - lnz0);
	for (j = t->n - 2; j >= 0; j--)
		t->ccdf[j] = t->ccdf[j + 1] + exp(-a * log(xmin + j) - lnz0);
	return CC_OK;
}

static void
PLTableFree(PLTable *t)
{
	cc_free(t->ccdf);
	t->ccdf = NULL;
}

/* Discrete PL: largest x >= xmin with S(x) >= u. */
static double
DrawDiscretePL(const PLTable *t, double u)
{
	double		a = t->a,
				xmin = t->xmin,
				lnz0 = t->lnz0,
				x0 = floor((xmin - 0.5) * pow(u, -1.0 / (a - 1.0)) + 0.5),
				lo,
				hi,
				step = 1.0;

	if (t->n > 0 && u > t->ccdf[t->n - 1])
	{
		/* in the table: the largest j with ccdf[j] >= u (ccdf[0] = 1 >= u) */
		int			l = 0,
					h = t->n - 1;

		while (h - l > 1)
		{
			int			m = (l + h) / 2;

			if (t->ccdf[m] >= u)
				l = m;
			else
				h = m;
		}
		return xmin + l;
	}

	if (!(x0 >= xmin))
		x0 = xmin;
	if (x0 > CC_TAIL_MAX_DISCRETE)
		x0 = CC_TAIL_MAX_DISCRETE;
#define S_GE(x) (cc_lnhzeta(a, (x)) - lnz0 >= log(u))
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

/* One draw from a TPL by rejection (pl: the PL proposal, discrete fits). */
static int
DrawTPL(const cc_tail_fit *f, gsl_rng *r, int use_pl, const PLTable *pl, double *out)
{
	double		a = f->par[0],
				lam = f->par[1],
				xmin = f->xmin;
	long		t;

	for (t = 0; t < MAX_REJECT; t++)
	{
		double		x,
					lacc;

		if (use_pl)
		{
			if (f->kind == CC_TAIL_DISCRETE)
				x = DrawDiscretePL(pl, U01(r));
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

/* The n draws of cc_tail_draw, with the power-law table pl already prepared. */
static cc_status
DrawValues(const cc_tail_fit *f, gsl_rng *rng, int use_pl, const PLTable *pl, double *x,
		   size_t n, cc_error *err)
{
	size_t		i;
	double		xmin = f->xmin,
				e = f->kind == CC_TAIL_DISCRETE ? xmin - 0.5 : xmin;

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
					if (DrawTPL(f, rng, use_pl, pl, &x[i]) != 0)
						return cc_fail(err, CC_ENOCONV, "truncated power-law sampler rejected too often");
				}
				else if (f->kind == CC_TAIL_DISCRETE)
					x[i] = DrawDiscretePL(pl, u);
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
								lq = cc_lnQ(z0) + log(u),
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

cc_status
cc_tail_draw(const cc_tail_fit *f, cc_rng *rng, double *x, size_t n, cc_error *err)
{
	double		xmin = f->xmin;
	int			use_pl = 0;
	PLTable		pl = {0};
	cc_status	st;

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
			lexp = f->lnorm + cc_log1mexp(lam) + a * log(xmin) + lam * xmin;
		else
			lexp = f->lnorm + log(lam) + a * log(xmin) + lam * xmin;
		if (a < 0.0)
			lexp = -INFINITY;	/* x^-a grows: the exponential proposal does not bound it */
		use_pl = lpl >= lexp;
		if (!isfinite(use_pl ? lpl : lexp))
			return cc_fail(err, CC_EINVAL, "cannot sample a truncated power law with alpha %g and lambda %g",
						   a, lam);
	}
	/* the discrete PL, itself or as the TPL's proposal, draws from a table */
	if (f->kind == CC_TAIL_DISCRETE && (f->model == CC_TAIL_PL || f->model == CC_TAIL_TPL)
		&& !(f->model == CC_TAIL_TPL && f->par[1] > 0.0 && !use_pl))
	{
		double		lnz0 = f->model == CC_TAIL_PL ? f->lnorm
			: tail_tpl_lnorm(f->kind, f->par[0], 0.0, xmin);

		if ((st = PLTableInit(&pl, f->par[0], xmin, lnz0, err)) != CC_OK)
			return st;
	}
	st = DrawValues(f, &rng->r, use_pl, &pl, x, n, err);
	PLTableFree(&pl);
	return st;
}
