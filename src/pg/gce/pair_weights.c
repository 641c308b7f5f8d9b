/*
 * type_pair_weights(run_ids): the mean weight of every ordered pair of agent types
 * (target, source), from the messages of the runs grouped by macro step (a run's round t):
 * the mean step-normalised weight, the utility up to a factor from contrasts within
 * steps, and the weight in the mean-field drift's scale (collcog/gce.h). The runs are pooled; their weights must share one dimension.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"

#include "collcog/gce.h"
#include "pg/common/core_error.h"
#include "pg/common/result_row.h"

#include "gce_pg.h"

PG_FUNCTION_INFO_V1(type_pair_weights);

enum
{
	COL_TARGET, COL_SOURCE, COL_MESSAGES, COL_STEPS, COL_MEAN, COL_MU, COL_MU_STEP, NCOLS
};

static const ResultColumn columns[NCOLS] = {
	{"target_type", TEXTOID}, {"source_type", TEXTOID}, {"n_messages", INT8OID},
	{"n_steps", INT8OID}, {"mean_weight", FLOAT8ARRAYOID}, {"mu", FLOAT8ARRAYOID},
	{"mu_step", FLOAT8ARRAYOID}
};

/* The messages of one step, kept until the step ends. */
typedef struct StepBuffer
{
	int32		n;
	int32		cap;
	int32	   *pair;
	double	   *w;
} StepBuffer;

static void
StepAdd(StepBuffer *b, int32 pair, const double *w, int dim)
{
	if (b->n == b->cap)
	{
		b->cap = b->cap ? 2 * b->cap : 64;
		b->pair = b->pair ? repalloc_array(b->pair, int32, b->cap) : palloc_array(int32, b->cap);
		b->w = b->w ? repalloc_array(b->w, double, (size_t) b->cap * dim) :
			palloc_array(double, (size_t) b->cap * dim);
	}
	b->pair[b->n] = pair;
	memcpy(b->w + (size_t) b->n * dim, w, sizeof(double) * dim);
	b->n++;
}

static void
StepFlush(cc_gce_pairs *s, StepBuffer *b)
{
	cc_error	err;

	if (b->n > 0)
		cc_check(cc_gce_pairs_add_step(s, b->n, b->pair, b->w, &err), &err);
	b->n = 0;
}

Datum
type_pair_weights(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MessagesReader *reader;
	ResultRow	row;
	MessageRow	m;
	cc_gce_pairs *s = NULL;
	StepBuffer	step = {0};
	cc_error	err;
	int			ntypes;
	int			run = -1,
				dim = 0,
				dim_run = -1;
	int32		t = 0;

	InitMaterializedSRF(fcinfo, 0);
	ResultRowInit(&row, rsinfo->setDesc, NCOLS, columns);
	reader = MessagesReaderBegin(fcinfo, 0, 1, 1);
	ntypes = MessagesReaderTypeCount(reader);
	while (MessagesReaderNext(reader, &m))
	{
		if (s == NULL)
		{
			dim = m.dim;
			dim_run = m.run;
			cc_check(cc_gce_pairs_create(ntypes, dim, &s, &err), &err);
		}
		else if (m.dim != dim)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the weights of run \"%s\" have dimension %d, those of run \"%s\" %d",
							MessagesReaderRunName(reader, m.run), m.dim,
							MessagesReaderRunName(reader, dim_run), dim),
					 errdetail("type_pair_weights pools the runs it reads: their weights must have the same dimension.")));
		if (m.run != run || m.t != t)
			StepFlush(s, &step);
		run = m.run;
		t = m.t;
		StepAdd(&step, m.tgt_type * ntypes + m.src_type, m.w, dim);
	}
	MessagesReaderEnd(reader);
	if (s == NULL)
		return (Datum) 0;
	StepFlush(s, &step);
	cc_check(cc_gce_pairs_finish(s, &err), &err);
	for (int a = 0; a < ntypes; a++)
		for (int b = 0; b < ntypes; b++)
		{
			cc_gce_pair_result res;

			cc_gce_pairs_result(s, a * ntypes + b, &res);
			ResultRowClear(&row);
			ResultRowSet(&row, COL_TARGET, MessagesReaderTypeName(reader, a));
			ResultRowSet(&row, COL_SOURCE, MessagesReaderTypeName(reader, b));
			ResultRowSet(&row, COL_MESSAGES, Int64GetDatum(res.n_messages));
			ResultRowSet(&row, COL_STEPS, Int64GetDatum(res.n_steps));
			if (res.mean_weight != NULL)
			{
				ResultRowSet(&row, COL_MEAN, Float8ArrayWithNulls(res.mean_weight, dim));
				ResultRowSet(&row, COL_MU, Float8ArrayWithNulls(res.mu, dim));
				ResultRowSet(&row, COL_MU_STEP, Float8ArrayWithNulls(res.mu_step, dim));
			}
			ResultRowPut(&row, rsinfo->setResult);
		}
	cc_gce_pairs_free(s);
	return (Datum) 0;
}
