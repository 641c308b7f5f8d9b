/*
 * Fitting a model at a given xmin: the tail view, dispatch to the models, the generic
 * log-likelihood and KS distance, model names.
 */
#include <math.h>
#include <string.h>

#include "tail_internal.h"

static const char *const ModelNames[CC_TAIL_NMODELS] = {
	"power_law", "truncated_power_law", "lognormal", "exponential", "stretched_exponential"
};
static const int ModelNPar[CC_TAIL_NMODELS] = {1, 2, 2, 1, 2};

const char *
cc_tail_model_name(cc_tail_model m)
{
	return (m >= 0 && m < CC_TAIL_NMODELS) ? ModelNames[m] : "unknown";
}

int
cc_tail_model_npar(cc_tail_model m)
{
	return (m >= 0 && m < CC_TAIL_NMODELS) ? ModelNPar[m] : 0;
}

cc_status
cc_tail_model_parse(const char *name, cc_tail_model *m, cc_error *err)
{
	int			i;

	for (i = 0; name != NULL && i < CC_TAIL_NMODELS; i++)
		if (strcmp(name, ModelNames[i]) == 0)
		{
			*m = (cc_tail_model) i;
			return CC_OK;
		}
	cc_fail(err, CC_EINVAL, "unknown tail model \"%s\"", name ? name : "(null)");
	cc_fail_detail(err, "Known models are power_law, truncated_power_law, lognormal, "
				   "exponential and stretched_exponential.");
	return CC_EINVAL;
}

size_t
tail_lower_bound(const cc_tail_sample *s, double xmin)
{
	size_t		lo = 0,
				hi = s->n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (s->x[mid] < xmin)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

cc_status
tail_view_init(tail_view *v, const cc_tail_sample *s, double xmin, cc_error *err)
{
	size_t		i0,
				i;
	long double n = 0,
				sl = 0,
				sl2 = 0,
				sx = 0;

	memset(v, 0, sizeof(*v));
	if (s->n != s->nsorted)
		return cc_fail(err, CC_EINVAL, "tail sample is not compacted");
	if (s->kind == CC_TAIL_DISCRETE && !(xmin >= 1.0 && xmin == floor(xmin) && xmin <= CC_TAIL_MAX_DISCRETE))
	{
		cc_fail(err, CC_EINVAL, "xmin %g is not an integer >= 1", xmin);
		cc_fail_detail(err, "A discrete tail starts at an integer.");
		return CC_EINVAL;
	}
	if (s->kind == CC_TAIL_CONTINUOUS && !(xmin > 0.0 && isfinite(xmin)))
		return cc_fail(err, CC_EINVAL, "xmin %g is not a positive number", xmin);
	i0 = tail_lower_bound(s, xmin);
	v->kind = s->kind;
	v->xmin = xmin;
	v->x = s->x + i0;
	v->c = s->count + i0;
	v->d = s->n - i0;
	for (i = 0; i < v->d; i++)
	{
		long double c = (long double) v->c[i],
					l = logl((long double) v->x[i]);

		n += c;
		sl += c * l;
		sl2 += c * l * l;
		sx += c * (long double) v->x[i];
	}
	v->n = (double) n;
	v->s_lnx = (double) sl;
	v->s_ln2x = (double) sl2;
	v->s_x = (double) sx;
	return CC_OK;
}

uint64_t
tail_view_count(const tail_view *v)
{
	uint64_t	n = 0;
	size_t		i;

	for (i = 0; i < v->d; i++)
		n += v->c[i];
	return n;
}

double
cc_tail_logpdf(const cc_tail_fit *f, double x)
{
	if (!(x >= f->xmin) || !isfinite(x))
		return -INFINITY;
	if (f->kind == CC_TAIL_DISCRETE && x != floor(x))
		return -INFINITY;
	switch (f->model)
	{
		case CC_TAIL_PL:
			return tail_pl_logpdf(f, x);
		case CC_TAIL_TPL:
			return tail_tpl_logpdf(f, x);
		case CC_TAIL_LN:
			return tail_ln_logpdf(f, x);
		case CC_TAIL_EXP:
			return tail_exp_logpdf(f, x);
		case CC_TAIL_SE:
			return tail_se_logpdf(f, x);
		default:
			return NAN;
	}
}

double
cc_tail_ccdf_at(const cc_tail_fit *f, double x)
{
	if (x <= f->xmin)
		return 1.0;
	if (x == INFINITY)
		return 0.0;
	switch (f->model)
	{
		case CC_TAIL_PL:
			return tail_pl_ccdf(f, x);
		case CC_TAIL_TPL:
			return tail_tpl_ccdf(f, x);
		case CC_TAIL_LN:
			return tail_ln_ccdf(f, x);
		case CC_TAIL_EXP:
			return tail_exp_ccdf(f, x);
		case CC_TAIL_SE:
			return tail_se_ccdf(f, x);
		default:
			return NAN;
	}
}

/* KS distance between the view's empirical CDF and the fit (exact at integers if discrete). */
static double
tail_ks(const cc_tail_fit *f, const tail_view *v)
{
	double		D = 0.0,
				n = v->n,
				C = 0.0;
	size_t		j;

	if (v->kind == CC_TAIL_CONTINUOUS)
	{
		for (j = 0; j < v->d; j++)
		{
			double		F = 1.0 - cc_tail_ccdf_at(f, v->x[j]);

			D = fmax(D, fabs(F - C / n));
			C += (double) v->c[j];
			D = fmax(D, fabs(F - C / n));
		}
		return D;
	}
	/* Discrete: sup over integers k >= xmin; between data points the extremes are at
	 * k = x_j and k = x_{j+1} - 1. */
	if (v->d > 0 && v->x[0] > v->xmin)
		D = 1.0 - cc_tail_ccdf_at(f, v->x[0]);
	for (j = 0; j < v->d; j++)
	{
		double		Femp;

		C += (double) v->c[j];
		Femp = C / n;
		D = fmax(D, fabs(Femp - (1.0 - cc_tail_ccdf_at(f, v->x[j] + 1.0))));
		if (j + 1 < v->d && v->x[j + 1] > v->x[j] + 1.0)
			D = fmax(D, fabs(Femp - (1.0 - cc_tail_ccdf_at(f, v->x[j + 1]))));
	}
	return D;
}

cc_status
cc_tail_fit_at(const cc_tail_sample *s, cc_tail_model m, double xmin, cc_tail_fit *out,
			   cc_error *err)
{
	tail_view	v;
	cc_status	st;

	memset(out, 0, sizeof(*out));
	out->se[0] = out->se[1] = NAN;
	out->alpha_limit = NAN;
	if (m < 0 || m >= CC_TAIL_NMODELS)
		return cc_fail(err, CC_EINVAL, "invalid tail model %d", (int) m);
	if ((st = tail_view_init(&v, s, xmin, err)) != CC_OK)
		return st;
	out->model = m;
	out->kind = s->kind;
	out->xmin = xmin;
	out->n_total = s->total;
	out->n_tail = tail_view_count(&v);
	out->n_tail_distinct = v.d;
	out->n_par = ModelNPar[m];
	if (v.d < (size_t) ModelNPar[m] + 1)
	{
		cc_fail(err, CC_ETOOFEW, "tail from xmin %g has %zu distinct value%s, too few to fit the %s model",
				xmin, v.d, v.d == 1 ? "" : "s", ModelNames[m]);
		cc_fail_detail(err, "A model with %d parameter%s needs at least %d distinct values at or above xmin.",
					   ModelNPar[m], ModelNPar[m] == 1 ? "" : "s", ModelNPar[m] + 1);
		return CC_ETOOFEW;
	}
	switch (m)
	{
		case CC_TAIL_PL:
			st = tail_pl_fit(&v, out, err);
			break;
		case CC_TAIL_TPL:
			st = tail_tpl_fit(&v, out, err);
			break;
		case CC_TAIL_LN:
			st = tail_ln_fit(&v, out, err);
			break;
		case CC_TAIL_EXP:
			st = tail_exp_fit(&v, out, err);
			break;
		default:
			st = tail_se_fit(&v, out, err);
			break;
	}
	if (st != CC_OK)
		return st;
	if (!isfinite(out->loglik))
		return cc_fail(err, CC_ENOCONV, "%s fit at xmin %g has a non-finite log-likelihood",
					   ModelNames[m], xmin);
	out->ks = tail_ks(out, &v);
	return CC_OK;
}
