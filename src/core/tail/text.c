/*
 * The text form of a tail sample (the text input of tail_hist):
 *
 *     discrete:1*10,2*5,7*1          integers from 1 to 2^53, each with its count
 *     continuous:0.5*1,2.25*3        finite reals > 0
 *
 * The prefix in any case (after blank lines and blanks), then value[*count] items separated
 * by commas, values strictly ascending, counts from 1 to 2^63 - 1 (a missing "*count" is 1,
 * the total at most 2^63 - 1: CC_ERANGE beyond), spaces and tabs around every token. "discrete:" alone is the empty
 * sample. Numbers are read with strtod and strtoll, which use the C locale's decimal point
 * (the server's LC_NUMERIC is always C).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tail_internal.h"

/* How much of an item a message quotes. */
#define ITEM_QUOTE 200

typedef struct text_reader
{
	const char *p;
	cc_error   *err;
} text_reader;

static int
IsDigit(char c)
{
	return c >= '0' && c <= '9';
}

static void
SkipBlanks(text_reader *r, int newlines)
{
	while (*r->p == ' ' || *r->p == '\t' || (newlines && (*r->p == '\n' || *r->p == '\r')))
		r->p++;
}

/* The prefix, ASCII case-insensitively, and the kind it names; 0 if absent. */
static int
ReadPrefix(text_reader *r, const char *prefix, cc_tail_kind kind, cc_tail_kind *out)
{
	size_t		n = strlen(prefix);

	for (size_t i = 0; i < n; i++)
	{
		char		c = r->p[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != prefix[i])
			return 0;
	}
	r->p += n;
	*out = kind;
	return 1;
}

/* An error about the item starting at item (the whole text when NULL): code, message, and
 * the reason as the detail, a full sentence. */
static cc_status
Reject(text_reader *r, cc_status code, const char *message, const char *reason,
	   const char *item)
{
	cc_fail(r->err, code, "%s", message);
	if (item == NULL)
		cc_fail_detail(r->err, "%s", reason);
	else
	{
		size_t		len = strcspn(item, ",");

		cc_fail_detail(r->err, reason, (int) (len < ITEM_QUOTE ? len : ITEM_QUOTE), item);
	}
	return code;
}

/* A syntax error. */
static cc_status
Bad(text_reader *r, const char *reason, const char *item)
{
	return Reject(r, CC_ESYNTAX, "invalid tail sample text", reason, item);
}

/* A count, or the total, past CC_TAIL_MAX_COUNT. */
static cc_status
OutOfRange(text_reader *r, const char *reason, const char *item)
{
	char		message[64];

	snprintf(message, sizeof(message), "tail sample count exceeds %llu",
			 (unsigned long long) CC_TAIL_MAX_COUNT);
	return Reject(r, CC_ERANGE, message, reason, item);
}

/* One value; 0 on success. */
static int
ReadValue(text_reader *r, cc_tail_kind kind, const char *item, double *x)
{
	char	   *end;

	if (kind == CC_TAIL_DISCRETE)
	{
		long long	v;

		if (!IsDigit(*r->p))
			return Bad(r, "Item \"%.*s\" does not start with a positive integer.", item);
		errno = 0;
		v = strtoll(r->p, &end, 10);
		if (errno != 0 || v < 1 || v > (long long) CC_TAIL_MAX_DISCRETE)
			return Bad(r, "Value \"%.*s\" is not an integer from 1 to 2^53.", item);
		*x = (double) v;
	}
	else
	{
		errno = 0;
		*x = strtod(r->p, &end);
		if (end == r->p)
			return Bad(r, "Item \"%.*s\" does not start with a number.", item);
		if (!isfinite(*x) || !(*x > 0.0))
			return Bad(r, "Value \"%.*s\" is not a finite number greater than zero.", item);
	}
	r->p = end;
	return 0;
}

/* An optional "*count" (1 when absent). */
static cc_status
ReadCount(text_reader *r, const char *item, uint64_t *c)
{
	unsigned long long v;
	char	   *end;

	*c = 1;
	SkipBlanks(r, 0);
	if (*r->p != '*')
		return CC_OK;
	r->p++;
	SkipBlanks(r, 0);
	if (!IsDigit(*r->p))
		return Bad(r, "Count in \"%.*s\" is not a positive integer.", item);
	errno = 0;
	v = strtoull(r->p, &end, 10);
	if (v < 1)
		return Bad(r, "Count in \"%.*s\" is not a positive integer.", item);
	if (errno != 0 || v > CC_TAIL_MAX_COUNT)
		return OutOfRange(r, "Count in \"%.*s\" is more than 2^63 - 1.", item);
	*c = (uint64_t) v;
	r->p = end;
	SkipBlanks(r, 0);
	return CC_OK;
}

/* Make room for one more (value, count) pair. */
static cc_status
Grow(double **xs, uint64_t **cs, size_t n, size_t *cap, cc_error *err)
{
	double	   *nx;
	uint64_t   *nc;

	if (n < *cap)
		return CC_OK;
	if (n >= CC_TAIL_MAX_VALUES)
		return cc_fail(err, CC_ELIMIT, "tail sample has more than %d distinct values",
					   CC_TAIL_MAX_VALUES);
	*cap = *cap * 2 > CC_TAIL_MAX_VALUES ? CC_TAIL_MAX_VALUES : *cap * 2;
	nx = cc_realloc(*xs, *cap * sizeof(double));
	if (nx == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for a tail sample of %zu values", *cap);
	*xs = nx;
	nc = cc_realloc(*cs, *cap * sizeof(uint64_t));
	if (nc == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for a tail sample of %zu values", *cap);
	*cs = nc;
	return CC_OK;
}

/* The items after the prefix into xs/cs. */
static cc_status
ReadItems(text_reader *r, cc_tail_kind kind, double **xs, uint64_t **cs, size_t *n,
		  size_t *cap)
{
	uint64_t	total = 0;
	cc_status	st;

	SkipBlanks(r, 0);
	if (*r->p == '\0')
		return CC_OK;
	for (;;)
	{
		const char *item;
		double		x = 0.0;
		uint64_t	c = 1;

		SkipBlanks(r, 0);
		item = r->p;
		if (ReadValue(r, kind, item, &x) != 0)
			return CC_ESYNTAX;
		if ((st = ReadCount(r, item, &c)) != CC_OK)
			return st;
		if (*n > 0 && !(x > (*xs)[*n - 1]))
			return Bad(r, "Value \"%.*s\" is not greater than the value before it (values must be strictly ascending).",
					   item);
		if (total > CC_TAIL_MAX_COUNT - c)
			return OutOfRange(r, "Counts up to \"%.*s\" add up to more than 2^63 - 1.", item);
		total += c;
		if ((st = Grow(xs, cs, *n, cap, r->err)) != CC_OK)
			return st;
		(*xs)[*n] = x;
		(*cs)[(*n)++] = c;
		if (*r->p == '\0')
			return CC_OK;
		if (*r->p != ',')
			return Bad(r, "Item \"%.*s\" is not followed by a comma or the end.", item);
		r->p++;
	}
}

cc_status
cc_tail_sample_parse(const char *text, cc_tail_sample *s, cc_error *err)
{
	text_reader r = {text, err};
	cc_tail_kind kind;
	size_t		n = 0,
				cap = 16;
	double	   *xs;
	uint64_t   *cs;
	cc_status	st;

	memset(s, 0, sizeof(*s));
	s->kind = CC_TAIL_DISCRETE;
	SkipBlanks(&r, 1);
	if (!ReadPrefix(&r, "discrete:", CC_TAIL_DISCRETE, &kind) &&
		!ReadPrefix(&r, "continuous:", CC_TAIL_CONTINUOUS, &kind))
		return Bad(&r, "A tail_hist starts with \"discrete:\" or \"continuous:\".", NULL);
	xs = cc_malloc(cap * sizeof(double));
	cs = cc_malloc(cap * sizeof(uint64_t));
	if (xs == NULL || cs == NULL)
		st = cc_fail(err, CC_ENOMEM, "out of memory for a tail sample");
	else if ((st = ReadItems(&r, kind, &xs, &cs, &n, &cap)) == CC_OK)
		st = cc_tail_sample_from_hist(s, kind, xs, cs, n, err);
	cc_free(xs);
	cc_free(cs);
	return st;
}
