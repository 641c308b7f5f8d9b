/*
 * tail_hist: the stored, mergeable state of the tail aggregates (DESIGN section 9).
 *
 * The on-disk form is exactly the core's serialisation (cc_tail_sample_serialize: magic,
 * version byte, kind, reserved bytes, then (value, count) pairs ascending), so every entry
 * point validates through cc_tail_sample_deserialize. Text form:
 *
 *     discrete:1*10,2*5,7*1          integers >= 1 (at most 2^53), each with its count
 *     continuous:0.5*1,2.25*3        finite reals > 0, shortest round-trip digits
 *
 * Values strictly ascending, counts from 1 to 2^63 (total at most 2^63); "*count" may be
 * omitted on input (count 1) but is always written. "discrete:" alone is the empty sample.
 */
#include "postgres.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>

#include "common/shortest_dec.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "common/core_error.h"
#include "tail_pg.h"

PG_FUNCTION_INFO_V1(tail_hist_in);
PG_FUNCTION_INFO_V1(tail_hist_out);
PG_FUNCTION_INFO_V1(tail_hist_recv);
PG_FUNCTION_INFO_V1(tail_hist_send);
PG_FUNCTION_INFO_V1(tail_hist_from_bytea);

#define TAIL_MAX_COUNT (UINT64CONST(1) << 63)

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

	if (len > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("tail_hist of %zu distinct values is too large", s->n)));
	result = (bytea *) palloc(len + VARHDRSZ);
	SET_VARSIZE(result, len + VARHDRSZ);
	cc_check(cc_tail_sample_serialize(s, (unsigned char *) VARDATA(result), len, &err), &err);
	return PointerGetDatum(result);
}

/* Raise a text-input error about str. */
static void
BadText(const char *str, const char *fmt, const char *item) pg_attribute_noreturn();
static void
BadText(const char *str, const char *fmt, const char *item)
{
	char	   *detail = psprintf(fmt, item);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type tail_hist: \"%s\"", str),
			 errdetail("%s", detail)));
}

/* The text of one item (up to the next comma) for error messages. */
static char *
ItemText(const char *p)
{
	const char *e = strchr(p, ',');

	return e ? pnstrdup(p, e - p) : pstrdup(p);
}

/* Text input: "discrete:" or "continuous:" then value[*count] items, comma-separated. */
Datum
tail_hist_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *p = str;
	cc_tail_kind kind;
	double	   *xs;
	uint64	   *cs;
	size_t		n = 0,
				cap = 16;
	uint64		total = 0;
	cc_tail_sample s;
	cc_error	err;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (pg_strncasecmp(p, "discrete:", 9) == 0)
	{
		kind = CC_TAIL_DISCRETE;
		p += 9;
	}
	else if (pg_strncasecmp(p, "continuous:", 11) == 0)
	{
		kind = CC_TAIL_CONTINUOUS;
		p += 11;
	}
	else
		BadText(str, "%sA tail_hist starts with \"discrete:\" or \"continuous:\".", "");

	xs = palloc(cap * sizeof(double));
	cs = palloc(cap * sizeof(uint64));
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0')
	{
		for (;;)
		{
			const char *item;
			char	   *end;
			double		x;
			uint64		c = 1;

			while (*p == ' ' || *p == '\t')
				p++;
			item = p;
			if (kind == CC_TAIL_DISCRETE)
			{
				long long	v;

				if (!isdigit((unsigned char) *p))
					BadText(str, "Item \"%s\" does not start with a positive integer.", ItemText(item));
				errno = 0;
				v = strtoll(p, &end, 10);
				if (errno != 0 || v < 1 || v > INT64CONST(9007199254740992))
					BadText(str, "Value \"%s\" is not an integer from 1 to 2^53.", ItemText(item));
				x = (double) v;
			}
			else
			{
				errno = 0;
				x = strtod(p, &end);
				if (end == p)
					BadText(str, "Item \"%s\" does not start with a number.", ItemText(item));
				if (!isfinite(x) || !(x > 0.0))
					BadText(str, "Value \"%s\" is not a finite number greater than zero.", ItemText(item));
			}
			p = end;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == '*')
			{
				unsigned long long v;

				p++;
				while (*p == ' ' || *p == '\t')
					p++;
				if (!isdigit((unsigned char) *p))
					BadText(str, "Count in \"%s\" is not a positive integer.", ItemText(item));
				errno = 0;
				v = strtoull(p, &end, 10);
				if (errno != 0 || v < 1 || v > TAIL_MAX_COUNT)
					BadText(str, "Count in \"%s\" is not an integer from 1 to 2^63.", ItemText(item));
				c = (uint64) v;
				p = end;
				while (*p == ' ' || *p == '\t')
					p++;
			}
			if (n > 0 && !(x > xs[n - 1]))
				BadText(str, "Value \"%s\" is not greater than the value before it (values must be strictly ascending).",
						ItemText(item));
			if (total > TAIL_MAX_COUNT - c)
				BadText(str, "Counts up to \"%s\" add up to more than 2^63.", ItemText(item));
			total += c;
			if (n == cap)
			{
				if (cap >= MaxAllocSize / 32)
					ereport(ERROR,
							(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							 errmsg("tail_hist has too many values")));
				cap *= 2;
				xs = repalloc(xs, cap * sizeof(double));
				cs = repalloc(cs, cap * sizeof(uint64));
			}
			xs[n] = x;
			cs[n++] = c;
			if (*p == '\0')
				break;
			if (*p != ',')
				BadText(str, "Item \"%s\" is not followed by a comma or the end.", ItemText(item));
			p++;
		}
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
	}
	if (cc_tail_sample_from_hist(&s, kind, xs, cs, n, &err) != CC_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type tail_hist: \"%s\"", str),
				 errdetail("%s", err.message)));
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
