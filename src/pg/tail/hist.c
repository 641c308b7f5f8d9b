/*
 * tail_hist: the stored, mergeable state of the tail aggregates (DESIGN section 9).
 *
 * The on-disk form is exactly the core's serialisation (cc_tail_sample_serialize: magic,
 * version byte, kind, reserved bytes, then (value, count) pairs ascending), so every entry
 * point validates through cc_tail_sample_deserialize. The text form is the core's
 * (cc_tail_sample_parse); output writes every "*count" and continuous values in the
 * shortest digits that read back to the same double.
 */
#include "postgres.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "pg/common/core_error.h"
#include "tail_pg.h"

PG_FUNCTION_INFO_V1(tail_hist_in);
PG_FUNCTION_INFO_V1(tail_hist_out);
PG_FUNCTION_INFO_V1(tail_hist_recv);
PG_FUNCTION_INFO_V1(tail_hist_send);
PG_FUNCTION_INFO_V1(tail_hist_from_bytea);

/* Build a tail_hist varlena from validated serialised bytes. */
static Datum
BytesToHist(const unsigned char *buf, size_t len)
{
	bytea	   *result;

	if (len > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("tail_hist of %zu bytes is too large", len)));
	result = (bytea *) palloc(len + VARHDRSZ);
	SET_VARSIZE(result, len + VARHDRSZ);
	memcpy(VARDATA(result), buf, len);
	return PointerGetDatum(result);
}

/* Validate serialised bytes from outside (binary input, bytea cast); errcode on failure. */
static cc_tail_sample *
BytesToSample(const unsigned char *buf, size_t len, int errcode_on_bad)
{
	cc_tail_sample *s = palloc0(sizeof(cc_tail_sample));
	cc_error	err;
	cc_status	st = cc_tail_sample_deserialize(s, buf, len, &err);

	if (st == CC_ECORRUPT)
		ereport(ERROR,
				(errcode(errcode_on_bad),
				 errmsg("invalid tail_hist: %s", err.message),
				 err.detail[0] ? errdetail("%s", err.detail) : 0));
	cc_check(st, &err);
	return s;
}

/* Unpack and validate a tail_hist argument (every function taking a tail_hist calls this). */
cc_tail_sample *
TailHistUnpack(Datum d)
{
	bytea	   *b = DatumGetByteaPP(d);

	return BytesToSample((const unsigned char *) VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b),
						 ERRCODE_INVALID_BINARY_REPRESENTATION);
}

/* Pack a compacted sample as a tail_hist. */
Datum
TailHistPack(const cc_tail_sample *s)
{
	size_t		len = cc_tail_sample_serial_size(s);
	bytea	   *result;
	cc_error	err;

	if (s->n > CC_TAIL_MAX_VALUES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("tail_hist of %zu distinct values is too large", s->n),
				 errdetail("A tail_hist holds at most %d distinct values.", CC_TAIL_MAX_VALUES)));
	result = (bytea *) palloc(len + VARHDRSZ);
	SET_VARSIZE(result, len + VARHDRSZ);
	cc_check(cc_tail_sample_serialize(s, (unsigned char *) VARDATA(result), len, &err), &err);
	return PointerGetDatum(result);
}

/* Text input: the core's parser (cc_tail_sample_parse), errors named as PostgreSQL does. */
Datum
tail_hist_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	cc_tail_sample s;
	cc_error	err;
	cc_status	st = cc_tail_sample_parse(str, &s, &err);

	if (st == CC_ESYNTAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type tail_hist: \"%s\"", str),
				 errdetail("%s", err.detail)));
	cc_check(st, &err);
	PG_RETURN_DATUM(TailHistPack(&s));
}

/* Text output: the canonical form that tail_hist_in reads back to the same bytes. */
Datum
tail_hist_out(PG_FUNCTION_ARGS)
{
	cc_tail_sample *s = TailHistUnpack(PG_GETARG_DATUM(0));
	StringInfoData buf;
	size_t		i;

	initStringInfo(&buf);
	appendStringInfoString(&buf, s->kind == CC_TAIL_DISCRETE ? "discrete:" : "continuous:");
	for (i = 0; i < s->n; i++)
	{
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		if (s->kind == CC_TAIL_DISCRETE)
			appendStringInfo(&buf, INT64_FORMAT, (int64) s->x[i]);
		else
		{
			char		num[DOUBLE_SHORTEST_DECIMAL_LEN];

			double_to_shortest_decimal_buf(s->x[i], num);
			appendStringInfoString(&buf, num);
		}
		appendStringInfo(&buf, "*" UINT64_FORMAT, (uint64) s->count[i]);
	}
	PG_RETURN_CSTRING(buf.data);
}

/* Binary input: the core's serialised bytes, fully validated. */
Datum
tail_hist_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len = buf->len - buf->cursor;
	const char *bytes = pq_getmsgbytes(buf, len);

	(void) BytesToSample((const unsigned char *) bytes, (size_t) len,
						 ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_DATUM(BytesToHist((const unsigned char *) bytes, (size_t) len));
}

/* Binary output: the stored bytes (already validated on the way in). */
Datum
tail_hist_send(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;

	/* validate anyway: a stored value may predate a stricter checker */
	(void) TailHistUnpack(PointerGetDatum(b));
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Cast bytea -> tail_hist: the same validation as binary input. */
Datum
tail_hist_from_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	const unsigned char *bytes = (const unsigned char *) VARDATA_ANY(b);
	size_t		len = VARSIZE_ANY_EXHDR(b);

	(void) BytesToSample(bytes, len, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_DATUM(BytesToHist(bytes, len));
}
