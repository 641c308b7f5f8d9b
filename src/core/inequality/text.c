/*
 * The text form of an effort histogram (the text input of effort_hist):
 *
 *     0*12,1*30,2.5*1,7          finite values >= 0 ascending, each with its count
 *
 * value[*count] items separated by commas, values strictly ascending, counts from 1 to
 * 2^63 - 1 (a missing "*count" is 1; the total at most 2^63 - 1: CC_ERANGE beyond), spaces
 * and tabs around every token; blanks alone are the empty histogram. Numbers are read with
 * strtod and strtoull in the C locale (the server's LC_NUMERIC is always C).
 */
#include <errno.h>
#include <stdlib.h>

#include "collcog/inequality.h"

/* How much of an item a message quotes. */
#define ITEM_QUOTE 200

static const char *
SkipBlanks(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* The length of the item at p, as a message quotes it. */
static int
ItemLen(const char *p)
{
	int			n = 0;

	while (p[n] != '\0' && p[n] != ',' && n < ITEM_QUOTE)
		n++;
	return n;
}

/* A syntax error about the item at item; reason has one %.*s for it. */
static cc_status
Bad(cc_error *err, const char *reason, const char *item)
{
	cc_fail(err, CC_ESYNTAX, "invalid effort histogram text");
	cc_fail_detail(err, reason, ItemLen(item), item);
	return CC_ESYNTAX;
}

/* One item at *pp: its value and count. */
static cc_status
ReadItem(const char **pp, double *x, uint64_t *c, cc_error *err)
{
	const char *item = *pp,
			   *p = item;
	char	   *end;
	unsigned long long v;
	cc_error	verr;

	*x = strtod(p, &end);
	if (end == p || (*p != '+' && *p != '-' && *p != '.' && (*p < '0' || *p > '9')))
		return Bad(err, "Item \"%.*s\" does not start with a number.", item);
	if (cc_ineq_check_value(*x, &verr) != CC_OK)
		return Bad(err, "Value \"%.*s\" is not a finite number >= 0.", item);
	p = SkipBlanks(end);
	*c = 1;
	if (*p == '*')
	{
		p = SkipBlanks(p + 1);
		if (*p < '0' || *p > '9')
			return Bad(err, "Count in \"%.*s\" is not a positive integer.", item);
		errno = 0;
		v = strtoull(p, &end, 10);
		if (v < 1)
			return Bad(err, "Count in \"%.*s\" is not a positive integer.", item);
		if (errno != 0 || v > CC_TAIL_MAX_COUNT)
		{
			cc_value_hist_count_range("effort histogram", err);
			cc_fail_detail(err, "Count in \"%.*s\" is more than 2^63 - 1.", ItemLen(item), item);
			return CC_ERANGE;
		}
		*c = (uint64_t) v;
		p = SkipBlanks(end);
	}
	*pp = p;
	return CC_OK;
}

cc_status
cc_ineq_hist_parse(const char *text, cc_value_hist *h, cc_error *err)
{
	const char *p = SkipBlanks(text);
	cc_status	st = CC_OK;

	cc_ineq_hist_init(h);
	while (*p != '\0')
	{
		const char *item = p;
		double		x;
		uint64_t	c;

		if ((st = ReadItem(&p, &x, &c, err)) != CC_OK)
			break;
		if (h->n > 0 && !(x > h->x[h->n - 1]))
		{
			st = Bad(err, "Value \"%.*s\" is not greater than the value before it (values must be strictly ascending).",
					 item);
			break;
		}
		if (h->n >= CC_TAIL_MAX_VALUES)
		{
			st = cc_fail(err, CC_ELIMIT, "effort histogram has more than %d distinct values",
						 CC_TAIL_MAX_VALUES);
			break;
		}
		/* ascending: each value extends the sorted part, nothing to compact */
		if ((st = cc_ineq_hist_add(h, x, c, err)) != CC_OK)
			break;
		if (*p == ',')
		{
			p = SkipBlanks(p + 1);
			if (*p == '\0')
			{
				st = Bad(err, "Item \"%.*s\" is followed by a comma and nothing.", item);
				break;
			}
		}
		else if (*p != '\0')
		{
			st = Bad(err, "Item \"%.*s\" is not followed by a comma or the end.", item);
			break;
		}
		else
			break;
	}
	if (st != CC_OK)
		cc_value_hist_free(h);
	return st;
}
