/*
 * Type-level communication of one run (paper 001, Eq. 1-2, 4-5, 9-10): the cumulative in
 * and out mass of every type and the measures read from it. See collcog/gce.h.
 */
#include "collcog/gce.h"

#include <math.h>
#include <string.h>

cc_status
cc_gce_types_init(cc_gce_types *s, int ntypes, int dim, cc_error *err)
{
	memset(s, 0, sizeof(*s));
	if (ntypes < 1 || dim < 1)
		return cc_fail(err, CC_EINVAL, "%d types of dimension %d cannot be measured", ntypes, dim);
	s->ntypes = ntypes;
	s->dim = dim;
	s->din = cc_calloc((size_t) ntypes * dim, sizeof(double));
	s->dout = cc_calloc((size_t) ntypes * dim, sizeof(double));
	if (s->din == NULL || s->dout == NULL)
	{
		cc_gce_types_free(s);
		return cc_fail(err, CC_ENOMEM, "out of memory for the type masses");
	}
	return CC_OK;
}

void
cc_gce_types_free(cc_gce_types *s)
{
	cc_free(s->din);
	cc_free(s->dout);
	s->din = s->dout = NULL;
}

void
cc_gce_types_reset(cc_gce_types *s)
{
	memset(s->din, 0, sizeof(double) * s->ntypes * s->dim);
	memset(s->dout, 0, sizeof(double) * s->ntypes * s->dim);
}

void
cc_gce_types_add(cc_gce_types *s, int src, int tgt, const double *w)
{
	double	   *out = s->dout + (size_t) src * s->dim;
	double	   *in = s->din + (size_t) tgt * s->dim;

	for (int k = 0; k < s->dim; k++)
	{
		out[k] += w[k];
		in[k] += w[k];
	}
}

double
cc_gce_ratio(double num, double den)
{
	if (den > 0.0)
		return num / den;
	return num > 0.0 ? INFINITY : NAN;
}

void
cc_gce_types_measures(const cc_gce_types *s, int a, double *theta_in, double *theta_out,
					  cc_gce_type_measures *m)
{
	int			d = s->dim;
	double		in_a = 0.0,
				out_a = 0.0,
				in_rest = 0.0,
				out_rest = 0.0;

	for (int k = 0; k < d; k++)
	{
		double		tin = 0.0,
					tout = 0.0;

		for (int b = 0; b < s->ntypes; b++)
		{
			tin += s->din[(size_t) b * d + k];
			tout += s->dout[(size_t) b * d + k];
		}
		theta_in[k] = tin > 0.0 ? s->din[(size_t) a * d + k] / tin : NAN;
		theta_out[k] = tout > 0.0 ? s->dout[(size_t) a * d + k] / tout : NAN;
		in_a += s->din[(size_t) a * d + k];
		out_a += s->dout[(size_t) a * d + k];
	}
	/* the rest as sums of its own types, not differences, so no rounding residue appears */
	for (int b = 0; b < s->ntypes; b++)
		if (b != a)
			for (int k = 0; k < d; k++)
			{
				in_rest += s->din[(size_t) b * d + k];
				out_rest += s->dout[(size_t) b * d + k];
			}
	m->influence = cc_gce_ratio(out_a, in_a);
	m->influence_rest = cc_gce_ratio(out_rest, in_rest);
}
