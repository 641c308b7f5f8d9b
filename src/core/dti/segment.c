/*
 * The DTI segment state machine (see collcog/dti.h).
 */
#include <math.h>

#include "collcog/dti.h"

cc_status
cc_dti_check(const cc_dti_params *p, const char *const names[3], cc_error *err)
{
	if (!(isfinite(p->c) && p->c > 0.0))
		return cc_fail(err, CC_EINVAL, "%s = %s must be positive and finite", names[0],
					   cc_num(p->c).s);
	if (!(isfinite(p->beta) && p->beta >= 0.0 && p->beta <= 10.0))
		return cc_fail(err, CC_EINVAL, "%s = %s is not in [0, 10]", names[1], cc_num(p->beta).s);
	if (!isfinite(p->tau))
		return cc_fail(err, CC_EINVAL, "%s = %s must be finite", names[2], cc_num(p->tau).s);
	return CC_OK;
}

void
cc_dti_start(cc_dti_segment *s)
{
	s->n = 0.0;
	s->m = 0.0;
	s->phase = CC_DTI_COUNTING;
}

double
cc_dti_deficit(const cc_dti_params *p, const cc_dti_segment *s)
{
	return p->c * pow(s->n, p->beta) - s->m;
}

int
cc_dti_attach(const cc_dti_params *p, cc_dti_segment *s, int is_merge, double *deficit)
{
	s->n += 1.0;
	if (is_merge)
		s->m += 1.0;
	*deficit = cc_dti_deficit(p, s);
	if (s->phase == CC_DTI_COUNTING && *deficit > p->tau)
	{
		s->phase = CC_DTI_TRIGGERED;
		return 1;
	}
	return 0;
}

void
cc_dti_integrated(cc_dti_segment *s)
{
	s->n = 0.0;
	s->m = 1.0;
	s->phase = CC_DTI_COUNTING;
}

void
cc_dti_nothing_to_integrate(cc_dti_segment *s)
{
	cc_dti_start(s);
}

bool
cc_dti_settle(cc_dti_segment *s, bool next_is_its_merge, int32_t n_heads)
{
	if (next_is_its_merge || n_heads >= 2)
		cc_dti_integrated(s);
	else
		cc_dti_nothing_to_integrate(s);
	return next_is_its_merge;
}
