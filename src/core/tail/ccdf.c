/*
 * CCDF table for log-log plots: at every distinct value x, the empirical P(X >= x) over the
 * whole sample and, for each fit given, the fitted P(X >= x) scaled by n_tail / n so the
 * curves meet at xmin (NaN below xmin), as powerlaw's plot_ccdf draws them.
 */
#include <math.h>
#include <string.h>

#include "tail_internal.h"

void
cc_tail_ccdf_free(cc_tail_ccdf *c)
{
	int			m;

	cc_free(c->x);
	cc_free(c->emp);
	for (m = 0; m < CC_TAIL_NMODELS; m++)
		cc_free(c->fit[m]);
	memset(c, 0, sizeof(*c));
}

cc_status
cc_tail_ccdf_table(const cc_tail_sample *s, const cc_tail_fit *fits, size_t nfits,
				   cc_tail_ccdf *out, cc_error *err)
{
	size_t		i,
				k;
	double		above;

	memset(out, 0, sizeof(*out));
	if (s->n != s->nsorted)
		return cc_fail(err, CC_EINVAL, "tail sample is not compacted");
	if (s->n == 0)
		return cc_fail(err, CC_ETOOFEW, "tail sample is empty");
	for (k = 0; k < nfits; k++)
		if (fits[k].n_par == 0 || fits[k].model < 0 || fits[k].model >= CC_TAIL_NMODELS ||
			fits[k].kind != s->kind)
			return cc_fail(err, CC_EINVAL, "fit %zu does not belong to this sample", k);
	out->n = s->n;
	out->x = cc_malloc(s->n * sizeof(double));
	out->emp = cc_malloc(s->n * sizeof(double));
	if (!out->x || !out->emp)
		goto nomem;
	for (k = 0; k < nfits; k++)
	{
		cc_tail_model m = fits[k].model;

		if (out->fit[m] == NULL && (out->fit[m] = cc_malloc(s->n * sizeof(double))) == NULL)
			goto nomem;
	}
	above = (double) s->total;
	for (i = 0; i < s->n; i++)
	{
		out->x[i] = s->x[i];
		out->emp[i] = above / (double) s->total;
		above -= (double) s->count[i];
	}
	for (k = 0; k < nfits; k++)
	{
		const cc_tail_fit *f = &fits[k];
		double		scale = (double) f->n_tail / (double) s->total;

		for (i = 0; i < s->n; i++)
		{
			if (cc_poll(i, 1))
			{
				cc_tail_ccdf_free(out);
				return cc_fail(err, CC_ECANCEL, "ccdf canceled");
			}
			out->fit[f->model][i] = s->x[i] < f->xmin ? NAN : scale * cc_tail_ccdf_at(f, s->x[i]);
		}
	}
	return CC_OK;
nomem:
	cc_tail_ccdf_free(out);
	return cc_fail(err, CC_ENOMEM, "out of memory for a ccdf table of %zu rows", s->n);
}
