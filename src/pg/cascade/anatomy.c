/*
 * cascade_anatomy(): the composition of cascades by rank band of their size (paper 000,
 * App. D.3, Fig. 11), from any relation with the columns of cascades (the cascades table by
 * default, or a view selecting a topology, or cascades_from(...) stored in a table).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "collcog/cascade.h"
#include "pg/common/args.h"
#include "pg/common/core_error.h"
#include "pg/common/result_row.h"
#include "pg/common/spi_exec.h"

PG_FUNCTION_INFO_V1(cascade_anatomy);

/* The two words of a tie key from the 32 hex digits of an md5, most significant first. */
static void
TieKey(text *md5_hex, uint64_t tie[2])
{
	const char *hex = VARDATA_ANY(md5_hex);
	int			i;

	Assert(VARSIZE_ANY_EXHDR(md5_hex) == 32);
	tie[0] = tie[1] = 0;
	for (i = 0; i < 32; i++)
	{
		char		h = hex[i];

		tie[i / 16] = tie[i / 16] << 4 | (uint64_t) (h <= '9' ? h - '0' : h - 'a' + 10);
	}
}

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

/*
 * The cascades of the source relation, as the core's input. Their tie key is the md5 of the
 * length-prefixed run id and the root claim id, in the order of its hex text (a fixed order
 * that owes nothing to the cascades' composition or to how runs are named). A NULL measure
 * or id is an error.
 */
static cc_anatomy_cascade *
ReadCascades(Oid relid, const char *measure, size_t *n)
{
	cc_anatomy_cascade *cascades;
	int			rc;
	uint64		i;

	rc = SPI_execute(psprintf(
		"SELECT %s::float8, tce::int8, n_delegate::int8, n_contradict::int8, n_merge::int8, "
		"n_revise::int8, md5(octet_length(run_id::text)::text || ':' || run_id::text || "
		"root_claim_id::text) FROM %s", measure, SpiRelationName(relid)), true, 0);
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
		Datum		tie;
		int			k;

		cascades[i].size = DatumGetFloat8(SPI_getbinval(tup, desc, 1, &isnull));
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("relation \"%s\" has a cascade whose %s is NULL",
							get_rel_name(relid), measure)));
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
		tie = SPI_getbinval(tup, desc, 7, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("relation \"%s\" has a cascade whose run_id or root_claim_id is NULL",
							get_rel_name(relid))));
		TieKey(DatumGetTextPP(tie), cascades[i].tie);
	}
	return cascades;
}

/* The columns of cascade_anatomy's rows. */
enum
{
	ANAT_BAND, ANAT_QUANTILE_LO, ANAT_QUANTILE_HI, ANAT_N_CASCADES, ANAT_RANK_FROM, ANAT_RANK_TO,
	ANAT_SIZE_MIN, ANAT_SIZE_MAX, ANAT_SHARE_DELEGATION, ANAT_SHARE_CONTRADICTION,
	ANAT_SHARE_MERGE, ANAT_MERGE_CONVERSION, ANAT_POOLED_MERGE_CONVERSION, ANAT_NCOLS
};

static const ResultColumn anatomy_columns[ANAT_NCOLS] = {
	{"band", TEXTOID}, {"quantile_lo", FLOAT8OID}, {"quantile_hi", FLOAT8OID},
	{"n_cascades", INT8OID}, {"rank_from", INT8OID}, {"rank_to", INT8OID},
	{"size_min", FLOAT8OID}, {"size_max", FLOAT8OID},
	{"share_delegation", FLOAT8OID}, {"share_contradiction", FLOAT8OID},
	{"share_merge", FLOAT8OID}, {"merge_conversion", FLOAT8OID},
	{"pooled_merge_conversion", FLOAT8OID}
};

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
	ResultRow	row;

	InitMaterializedSRF(fcinfo, 0);
	SPI_connect();
	cascades = ReadCascades(PG_GETARG_OID(0), measure, &n);
	cc_check(cc_cascade_anatomy(cascades, n, CC_ANATOMY_DEFAULT_BANDS,
								CC_ANATOMY_N_DEFAULT_BANDS, rows, &err), &err);
	SPI_finish();

	ResultRowInit(&row, rsinfo->setDesc, ANAT_NCOLS, anatomy_columns);
	for (b = 0; b < CC_ANATOMY_N_DEFAULT_BANDS; b++)
	{
		const cc_anatomy_row *r = &rows[b];
		bool		empty = r->n_cascades == 0;

		ResultRowClear(&row);
		ResultRowSet(&row, ANAT_BAND, CStringGetTextDatum(band_names[b]));
		ResultRowSet(&row, ANAT_QUANTILE_LO, Float8GetDatum(CC_ANATOMY_DEFAULT_BANDS[b].lo));
		ResultRowSet(&row, ANAT_QUANTILE_HI, Float8GetDatum(CC_ANATOMY_DEFAULT_BANDS[b].hi));
		ResultRowSet(&row, ANAT_N_CASCADES, Int64GetDatum(r->n_cascades));
		if (!empty)
		{
			ResultRowSet(&row, ANAT_RANK_FROM, Int64GetDatum(r->rank_from));
			ResultRowSet(&row, ANAT_RANK_TO, Int64GetDatum(r->rank_to));
		}
		ResultRowSetFloat(&row, ANAT_SIZE_MIN, r->size_min);
		ResultRowSetFloat(&row, ANAT_SIZE_MAX, r->size_max);
		ResultRowSetFloat(&row, ANAT_SHARE_DELEGATION, empty ? NAN : r->share_delegation);
		ResultRowSetFloat(&row, ANAT_SHARE_CONTRADICTION, empty ? NAN : r->share_contradiction);
		ResultRowSetFloat(&row, ANAT_SHARE_MERGE, empty ? NAN : r->share_merge);
		ResultRowSetFloat(&row, ANAT_MERGE_CONVERSION, r->merge_conversion);
		ResultRowSetFloat(&row, ANAT_POOLED_MERGE_CONVERSION, r->pooled_merge_conversion);
		ResultRowPut(&row, rsinfo->setResult);
	}
	return (Datum) 0;
}
