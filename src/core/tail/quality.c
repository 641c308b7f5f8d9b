/*
 * The quality flag of a fit (tail.h, cc_tail_quality): collcog's own rule, on what the fit
 * rests on rather than on how well it fits (the KS distance, the comparisons and the
 * goodness-of-fit test say that).
 */
#include "tail_internal.h"

static const char *const QualityNames[] = {
	"ok", "boundary", "small_tail", "few_distinct", "unfitted"
};

cc_tail_quality
cc_tail_fit_quality(const cc_tail_fit *f)
{
	if (f->n_tail_distinct < CC_TAIL_QUALITY_DISTINCT)
		return CC_TAIL_QUALITY_FEW_DISTINCT;
	if (f->n_tail < CC_TAIL_QUALITY_N_TAIL)
		return CC_TAIL_QUALITY_SMALL_TAIL;
	if (f->boundary)
		return CC_TAIL_QUALITY_BOUNDARY;
	return CC_TAIL_QUALITY_OK;
}

const char *
cc_tail_quality_name(cc_tail_quality q)
{
	return (q >= CC_TAIL_QUALITY_OK && q <= CC_TAIL_QUALITY_UNFITTED) ? QualityNames[q] : "unknown";
}
