/*
 * effort_hist: the stored, mergeable state of the inequality aggregates (DESIGN section 9).
 *
 * The stored bytes are exactly the core's serialisation (cc_ineq_hist_serialize: magic,
 * version byte, reserved bytes, then (value, count) pairs ascending), so every entry point
 * validates through cc_ineq_hist_deserialize. The text form is the core's
 * (cc_ineq_hist_parse); output writes every "*count" and each value in the shortest digits
 * that read back to the same double.
 */
#include "postgres.h"

#include "common/shortest_dec.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "pg/common/core_error.h"
#include "ineq_pg.h"

PG_FUNCTION_INFO_V1(effort_hist_in);
PG_FUNCTION_INFO_V1(effort_hist_out);
PG_FUNCTION_INFO_V1(effort_hist_recv);
PG_FUNCTION_INFO_V1(effort_hist_send);
PG_FUNCTION_INFO_V1(effort_hist_from_bytea);

/* Validate serialised bytes; 22P03 when they are malformed. */
static cc_value_hist *
BytesToHist(const unsigned char *buf, size_t len)
{
	cc_value_hist *h = palloc0(sizeof(cc_value_hist));
	cc_error	err;
	cc_status	st = cc_ineq_hist_deserialize(h, buf, len, &err);

	if (st == CC_ECORRUPT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid effort_hist: %s", err.message),
				 err.detail[0] ? errdetail("%s", err.detail) : 0));
	cc_check(st, &err);
	return h;
}

/* A copy of validated bytes as an effort_hist. */
static Datum
BytesDatum(const unsigned char *buf, size_t len)
{
	bytea	   *result = (bytea *) palloc(len + VARHDRSZ);

	SET_VARSIZE(result, len + VARHDRSZ);
	memcpy(VARDATA(result), buf, len);
	return PointerGetDatum(result);
}

/* Unpack and validate an effort_hist argument (every function taking one calls this). */
cc_value_hist *
EffortHistUnpack(Datum d)
{
	bytea	   *b = DatumGetByteaPP(d);

	return BytesToHist((const unsigned char *) VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
}

/* Pack a compacted histogram as an effort_hist. */
Datum
EffortHistPack(const cc_value_hist *h)
{
	size_t		len = cc_ineq_hist_serial_size(h);
	bytea	   *result;
	cc_error	err;

	if (h->n > CC_TAIL_MAX_VALUES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("effort_hist of %zu distinct values is too large", h->n),
				 errdetail("An effort_hist holds at most %d distinct values.", CC_TAIL_MAX_VALUES)));
	result = (bytea *) palloc(len + VARHDRSZ);
	SET_VARSIZE(result, len + VARHDRSZ);
	cc_check(cc_ineq_hist_serialize(h, (unsigned char *) VARDATA(result), len, &err), &err);
	return PointerGetDatum(result);
}

/* Text input: the core's parser, errors named as PostgreSQL does. */
Datum
effort_hist_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	cc_value_hist h;
	cc_error	err;
	cc_status	st = cc_ineq_hist_parse(str, &h, &err);

	if (st == CC_ESYNTAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type effort_hist: \"%.200s\"", str),
				 errdetail("%s", err.detail)));
	cc_check(st, &err);
	PG_RETURN_DATUM(EffortHistPack(&h));
}

/* Text output: the canonical form that effort_hist_in reads back to the same bytes. */
Datum
effort_hist_out(PG_FUNCTION_ARGS)
{
	cc_value_hist *h = EffortHistUnpack(PG_GETARG_DATUM(0));
	StringInfoData buf;

	initStringInfo(&buf);
	for (size_t i = 0; i < h->n; i++)
	{
		char		num[DOUBLE_SHORTEST_DECIMAL_LEN];

		if (i > 0)
			appendStringInfoChar(&buf, ',');
		double_to_shortest_decimal_buf(h->x[i], num);
		appendStringInfo(&buf, "%s*" UINT64_FORMAT, num, (uint64) h->count[i]);
	}
	PG_RETURN_CSTRING(buf.data);
}

/* Binary input: the core's serialised bytes, fully validated. */
Datum
effort_hist_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len = buf->len - buf->cursor;
	const char *bytes = pq_getmsgbytes(buf, len);

	(void) BytesToHist((const unsigned char *) bytes, (size_t) len);
	PG_RETURN_DATUM(BytesDatum((const unsigned char *) bytes, (size_t) len));
}

/* Binary output: the stored bytes, validated again. */
Datum
effort_hist_send(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;

	(void) EffortHistUnpack(PointerGetDatum(b));
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Cast bytea -> effort_hist: the same validation as binary input. */
Datum
effort_hist_from_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	const unsigned char *bytes = (const unsigned char *) VARDATA_ANY(b);
	size_t		len = VARSIZE_ANY_EXHDR(b);

	(void) BytesToHist(bytes, len);
	PG_RETURN_DATUM(BytesDatum(bytes, len));
}
