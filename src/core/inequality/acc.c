/*
 * The accumulating form of an effort histogram: small integers counted densely once the
 * state is large, everything else in the histogram (formulas and rules in inequality.h).
 */
#include "collcog/inequality.h"

void
cc_ineq_acc_init(cc_ineq_acc *a)
{
	cc_ineq_hist_init(&a->h);
	a->dense = NULL;
	a->ndense = 0;
}

cc_status
cc_ineq_acc_add(cc_ineq_acc *a, double x, cc_error *err)
{
	/* the dense path: 0 <= x < CC_INEQ_DENSE and an integer (NaN fails the first test) */
	if (x >= 0.0 && x < (double) CC_INEQ_DENSE && x == (double) (int) x)
	{
		if (a->dense == NULL && a->h.total >= CC_INEQ_DENSE_AFTER)
		{
			a->dense = cc_calloc(CC_INEQ_DENSE, sizeof(uint64_t));
			if (a->dense == NULL)
				return cc_fail(err, CC_ENOMEM, "out of memory for an effort histogram");
		}
		if (a->dense != NULL)
		{
			if (a->ndense >= CC_TAIL_MAX_COUNT - a->h.total)
				return cc_value_hist_count_range(a->h.what, err);
			a->dense[(int) x]++;
			a->ndense++;
			return CC_OK;
		}
	}
	if (a->ndense > CC_TAIL_MAX_COUNT - 1 - a->h.total)
		return cc_value_hist_count_range(a->h.what, err);
	return cc_ineq_hist_add(&a->h, x, 1, err);
}

cc_status
cc_ineq_acc_fold(cc_ineq_acc *a, cc_error *err)
{
	cc_status	st;

	if (a->ndense > 0)
	{
		for (int v = 0; v < CC_INEQ_DENSE; v++)
		{
			if (a->dense[v] == 0)
				continue;
			if ((st = cc_value_hist_add(&a->h, (double) v, a->dense[v], err)) != CC_OK)
				return st;
			a->ndense -= a->dense[v];
			a->dense[v] = 0;
		}
	}
	return cc_value_hist_compact(&a->h, err);
}
