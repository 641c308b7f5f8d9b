/*
 * Model comparison at a common xmin (Vuong 1989): l_i = ln p1(x_i) - ln p2(x_i),
 * R = sum l_i, normalised R / (s sqrt n) with s^2 = (1/n) sum (l_i - mean)^2, two-sided
 * p = erfc(|R_n| / sqrt 2). PL against TPL is nested: the likelihood-ratio test 2|R|
 * against chi-squared(1), halved because lambda >= 0 is on the boundary (Self & Liang
 * 1987). Positive R favours the first model. Two fits that are one law (a power law reached
 * by two models, see SameLaw) give R = 0 and p = 1 outright.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "tail_internal.h"

/* The law of a fit that is a power law: 1 for the discrete (Hurwitz-zeta) PL, 2 for the
 * continuous PL, 3 for the discrete LN/SE limit (binned continuous PL); 0 for any other. */
static int
PowerLawFamily(const cc_tail_fit *f, double *alpha)
{
	int			discrete = f->kind == CC_TAIL_DISCRETE;

	if (f->model == CC_TAIL_PL || (f->model == CC_TAIL_TPL && f->boundary))
	{
		*alpha = f->par[0];
		return discrete ? 1 : 2;
	}
	if ((f->model == CC_TAIL_LN || f->model == CC_TAIL_SE) && f->boundary)
	{
		*alpha = f->alpha_limit;
		return discrete ? 3 : 2;
	}
	return 0;
}

/*
 * Whether two fits are one law: a power law (or the TPL at lambda = 0, or the LN or SE at
 * their power-law limit) of the same family with exponents equal to 1e-12. Their pointwise
 * log-likelihood ratios are then zero but for rounding, whose sign is not evidence.
 */
static int
SameLaw(const cc_tail_fit *f1, const cc_tail_fit *f2)
{
	double		a1,
				a2;
	int			k = PowerLawFamily(f1, &a1);

	return k != 0 && k == PowerLawFamily(f2, &a2) && fabs(a1 - a2) <= 1e-12 * fmax(a1, a2);
}

cc_status
cc_tail_vuong_test(const cc_tail_sample *s, const cc_tail_fit *f1, const cc_tail_fit *f2,
				   cc_tail_vuong *out, cc_error *err)
{
	tail_view	v;
	cc_status	st;
	long double R = 0,
				ss = 0;
	double		mean,
				sd,
				n;
	size_t		i;

	memset(out, 0, sizeof(*out));
	if (f1->xmin != f2->xmin || f1->kind != f2->kind || f1->kind != s->kind)
	{
		cc_fail(err, CC_EINVAL, "fits to compare have different xmin (%g and %g) or kinds",
				f1->xmin, f2->xmin);
		cc_fail_detail(err, "Vuong's test compares two models on the same tail.");
		return CC_EINVAL;
	}
	if (f1->n_par == 0 || f2->n_par == 0)
		return cc_fail(err, CC_EINVAL, "cannot compare an empty fit");
	if ((st = tail_view_init(&v, s, f1->xmin, err)) != CC_OK)
		return st;
	n = v.n;
	if (!(n >= 2))
		return cc_fail(err, CC_ETOOFEW, "tail from xmin %g has fewer than two observations", f1->xmin);
	out->m1 = f1->model;
	out->m2 = f2->model;
	out->xmin = f1->xmin;
	out->n = tail_view_count(&v);
	out->nested = (f1->model == CC_TAIL_PL && f2->model == CC_TAIL_TPL) ||
		(f1->model == CC_TAIL_TPL && f2->model == CC_TAIL_PL);
	if (SameLaw(f1, f2))
	{
		/* one law: no evidence either way */
		out->R = out->stat = 0.0;
		out->p = 1.0;
		return CC_OK;
	}
	for (i = 0; i < v.d; i++)
		R += (long double) v.c[i] * (cc_tail_logpdf(f1, v.x[i]) - cc_tail_logpdf(f2, v.x[i]));
	mean = (double) (R / n);
	for (i = 0; i < v.d; i++)
	{
		double		l = cc_tail_logpdf(f1, v.x[i]) - cc_tail_logpdf(f2, v.x[i]) - mean;

		ss += (long double) v.c[i] * l * l;
	}
	out->R = (double) R;
	if (!isfinite(out->R))
		return cc_fail(err, CC_ENOCONV, "log-likelihood ratio of %s and %s is not finite",
					   cc_tail_model_name(f1->model), cc_tail_model_name(f2->model));
	if (out->nested)
	{
		double		stat = 2.0 * fabs(out->R);
		/* the PL can only lose: R favouring the PL is a numerical zero */
		int			tpl_better = (f1->model == CC_TAIL_TPL) ? out->R > 0 : out->R < 0;

		out->stat = tpl_better ? stat : 0.0;
		out->p = tpl_better ? 0.5 * gsl_cdf_chisq_Q(stat, 1.0) : 1.0;
		return CC_OK;
	}
	sd = sqrt((double) (ss / n));
	if (!(sd > 0.0))
	{
		/* identical log-likelihoods everywhere: no evidence either way */
		out->stat = 0.0;
		out->p = 1.0;
		return CC_OK;
	}
	out->stat = out->R / (sd * sqrt(n));
	out->p = erfc(fabs(out->stat) / M_SQRT2);
	return CC_OK;
}

cc_status
cc_tail_compare(const cc_tail_sample *s, double xmin, cc_tail_fit fits[CC_TAIL_NMODELS],
				cc_tail_vuong pairs[CC_TAIL_NPAIRS], cc_error *err)
{
	int			m,
				a,
				b,
				k = 0;
	cc_error	ferr;
	cc_status	st;

	for (m = 0; m < CC_TAIL_NMODELS; m++)
	{
		if (cc_poll(m, 1))
			return cc_fail(err, CC_ECANCEL, "model comparison canceled");
		st = cc_tail_fit_at(s, (cc_tail_model) m, xmin, &fits[m], &ferr);
		if (st != CC_OK)
		{
			if (m == CC_TAIL_PL || st == CC_ENOMEM || st == CC_EINVAL)
			{
				*err = ferr;
				return st;
			}
			memset(&fits[m], 0, sizeof(fits[m]));
			fits[m].model = (cc_tail_model) m;
			fits[m].xmin = xmin;
		}
	}
	for (a = 0; a < CC_TAIL_NMODELS; a++)
		for (b = a + 1; b < CC_TAIL_NMODELS; b++, k++)
		{
			if (fits[a].n_par == 0 || fits[b].n_par == 0 ||
				cc_tail_vuong_test(s, &fits[a], &fits[b], &pairs[k], &ferr) != CC_OK)
			{
				memset(&pairs[k], 0, sizeof(pairs[k]));
				pairs[k].m1 = (cc_tail_model) a;
				pairs[k].m2 = (cc_tail_model) b;
				pairs[k].xmin = xmin;
				pairs[k].R = pairs[k].stat = pairs[k].p = NAN;
			}
		}
	return CC_OK;
}
