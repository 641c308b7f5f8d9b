/*
 * cascade_anatomy(): the composition of cascades by size band (paper 000, App. D.3,
 * Fig. 11), from any relation with the columns of cascades (the cascades table by default,
 * or a view selecting a topology, or cascades_from(...) stored in a table).
 */
#include "postgres.h"

#include <math.h>

#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "collcog/cascade.h"
#include "pg/common/args.h"
#include "pg/common/core_error.h"

PG_FUNCTION_INFO_V1(cascade_anatomy);

/* The paper's names of CC_ANATOMY_DEFAULT_BANDS, in the same order. */
static const char *const band_names[CC_ANATOMY_N_DEFAULT_BANDS] = {
	"median", "90th percentile", "99th percentile", "top 1%"
};

/* The column that orders cascades: size (claims) or tce (events). */
static const char *
MeasureColumn(FunctionCallInfo fcinfo, int argno)
{
	static const char *const measures[] = {"size", "tce"};

	return measures[ArgChoice(fcinfo, argno, "measure", measures, lengthof(measures))];
}

/* The cascades of the source relation, as the core's input. */
static cc_anatomy_cascade *
ReadCascades(Oid relid, const char *measure, size_t *n)
{
	char	   *rel = get_rel_name(relid);
	cc_anatomy_cascade *cascades;
	int			rc;
	uint64		i;

	if (rel == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	rc = SPI_execute(psprintf(
		"SELECT %s::float8, tce::int8, n_delegate::int8, n_contradict::int8, n_merge::int8, "
		"n_revise::int8 FROM %s WHERE %s IS NOT NULL", measure,
		quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)), rel),
		measure), true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "collcog: SPI_execute returned %s", SPI_result_code_string(rc));
	*n = (size_t) SPI_processed;
	cascades = palloc_array(cc_anatomy_cascade, Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		int64		counts[5];
		int			k;

		cascades[i].size = DatumGetFloat8(SPI_getbinval(tup, desc, 1, &isnull));
		for (k = 0; k < 5; k++)
		{
			Datum		d = SPI_getbinval(tup, desc, k + 2, &isnull);

			counts[k] = isnull ? 0 : DatumGetInt64(d);
		}
		cascades[i].tce = counts[0];
		cascades[i].n_delegate = counts[1];
		cascades[i].n_contradict = counts[2];
		cascades[i].n_merge = counts[3];
		cascades[i].n_revise = counts[4];
	}
	return cascades;
}

/* NaN (nothing to average) is SQL NULL. */
static void
SetFloat(Datum *value, bool *isnull, double x)
{
	*isnull = isnan(x);
	*value = Float8GetDatum(x);
}

/*
 * cascade_anatomy(source regclass, measure text) -> one row per size band
 */
Datum
cascade_anatomy(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const char *measure = MeasureColumn(fcinfo, 1);
	cc_anatomy_row rows[CC_ANATOMY_N_DEFAULT_BANDS];
	cc_anatomy_cascade *cascades;
	cc_error	err;
	size_t		n;
	int			b;

	InitMaterializedSRF(fcinfo, 0);
	SPI_connect();
	cascades = ReadCascades(PG_GETARG_OID(0), measure, &n);
	cc_check(cc_cascade_anatomy(cascades, n, CC_ANATOMY_DEFAULT_BANDS,
								CC_ANATOMY_N_DEFAULT_BANDS, rows, &err), &err);
	SPI_finish();

	for (b = 0; b < CC_ANATOMY_N_DEFAULT_BANDS; b++)
	{
		const cc_anatomy_row *r = &rows[b];
		Datum		values[11];
		bool		nulls[11] = {false};

		values[0] = CStringGetTextDatum(band_names[b]);
		values[1] = Float8GetDatum(CC_ANATOMY_DEFAULT_BANDS[b].lo);
		values[2] = Float8GetDatum(CC_ANATOMY_DEFAULT_BANDS[b].hi);
		values[3] = Int64GetDatum(r->n_cascades);
		/* The lower edge of the first band is -infinity: no lower bound. */
		nulls[4] = isinf(r->size_lo) || r->n_cascades == 0;
		values[4] = Float8GetDatum(r->size_lo);
		nulls[5] = r->n_cascades == 0;
		values[5] = Float8GetDatum(r->size_hi);
		SetFloat(&values[6], &nulls[6], r->n_cascades ? r->share_delegation : NAN);
		SetFloat(&values[7], &nulls[7], r->n_cascades ? r->share_contradiction : NAN);
		SetFloat(&values[8], &nulls[8], r->n_cascades ? r->share_merge : NAN);
		SetFloat(&values[9], &nulls[9], r->merge_conversion);
		SetFloat(&values[10], &nulls[10], r->pooled_merge_conversion);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
