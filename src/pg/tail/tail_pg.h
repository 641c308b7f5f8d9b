/*
 * Glue for the heavy-tail statistics (DESIGN section 4): the tail_hist type, the fit and
 * comparison aggregates, and the functions on tail_hist share these helpers.
 */
#ifndef COLLCOG_TAIL_PG_H
#define COLLCOG_TAIL_PG_H

#include "fmgr.h"

#include "collcog/tail.h"

/* Which options a TailOpts carries (bits of TailOpts.has). */
#define TAIL_HAS_XMIN	0x01
#define TAIL_HAS_LO		0x02
#define TAIL_HAS_HI		0x04
#define TAIL_HAS_MAXC	0x08
#define TAIL_HAS_MINT	0x10
#define TAIL_HAS_MIND	0x20
#define TAIL_HAS_ALL	0x3f

/*
 * Options of a fit or a comparison: the sample kind, a fixed xmin or the range, number of
 * candidates and minimum tail of the xmin scan, the model under which xmin is chosen, and
 * the two models of a Vuong test (-1 when not used).
 */
typedef struct TailOpts
{
	int32		kind;			/* cc_tail_kind */
	int32		has;			/* TAIL_HAS_* */
	double		xmin;
	double		xmin_lo;
	double		xmin_hi;
	int32		max_candidates;
	int64		min_tail;		/* observations in the tail */
	int32		min_distinct;	/* distinct values in the tail */
	int32		xmin_model;		/* cc_tail_model */
	int32		model_a;		/* vuong only, else -1 */
	int32		model_b;
} TailOpts;

/* hist.c: the stored type. */
extern cc_tail_sample *TailHistUnpack(Datum d);
extern Datum TailHistPack(const cc_tail_sample *s);

/* api.c: shared by the aggregates and the functions on tail_hist. */
extern void TailOptsInit(TailOpts *o, cc_tail_kind kind);
extern const char *TailOptsProblem(const TailOpts *o);
extern void TailOptsCheck(const TailOpts *o);
extern void TailOptFloat(FunctionCallInfo fcinfo, int argno, int flag, double *dst, TailOpts *o);
extern void TailOptInt(FunctionCallInfo fcinfo, int argno, int flag, int32 *dst, TailOpts *o);
extern void TailOptInt64(FunctionCallInfo fcinfo, int argno, int flag, int64 *dst, TailOpts *o);
extern cc_tail_model TailParseModel(Datum name);
extern void TailRunFit(const cc_tail_sample *s, cc_tail_model m, const TailOpts *o,
					   cc_tail_fit *out);
extern Datum TailFitResult(FunctionCallInfo fcinfo, const cc_tail_sample *s, cc_tail_model m,
						   const TailOpts *o);
extern Datum TailVuongDatum(FunctionCallInfo fcinfo, const cc_tail_sample *s,
							const TailOpts *o);

#endif							/* COLLCOG_TAIL_PG_H */
