/* series: plot series from the columns of a query's result. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "strbuf.h"

bool
series_add(cc_plot *plot, cc_series_kind kind, const char *label, bool dashed,
		   const PGresult *res, int from, int to, int xcol, int ycol, int ylocol, int yhicol)
{
	size_t		cap = to > from ? (size_t) (to - from) : 1;
	double	   *x = xmalloc(sizeof(double) * cap);
	double	   *y = xmalloc(sizeof(double) * cap);
	double	   *lo = ylocol >= 0 ? xmalloc(sizeof(double) * cap) : NULL;
	double	   *hi = yhicol >= 0 ? xmalloc(sizeof(double) * cap) : NULL;
	size_t		n = 0;
	cc_error	err;
	cc_status	st;

	for (int i = from; i < to; i++)
	{
		if (PQgetisnull(res, i, xcol) || PQgetisnull(res, i, ycol))
			continue;
		x[n] = query_double(res, i, xcol);
		y[n] = query_double(res, i, ycol);
		if (lo)
			lo[n] = query_double(res, i, ylocol);
		if (hi)
			hi[n] = query_double(res, i, yhicol);
		n++;
	}
	st = cc_plot_add(plot, kind, label, dashed, x, y, lo, hi, n, &err);
	free(x);
	free(y);
	free(lo);
	free(hi);
	if (st == CC_ENOMEM || st == CC_EINVAL)
	{
		fprintf(stderr, "collcog-report: %s\n", err.message);
		exit(1);
	}
	return st == CC_OK;
}

void
series_plot(cc_plot *plot, const char *title, const char *xlabel, const char *ylabel,
			cc_axis_scale xscale, cc_axis_scale yscale)
{
	cc_error	err;

	if (cc_plot_init(plot, title, xlabel, ylabel, xscale, yscale, &err) != CC_OK)
	{
		fprintf(stderr, "collcog-report: %s\n", err.message);
		exit(1);
	}
}

int
series_group_end(const PGresult *res, int from, int col)
{
	int			rows = PQntuples(res);
	bool		null = PQgetisnull(res, from, col);
	const char *v = PQgetvalue(res, from, col);
	int			i = from + 1;

	while (i < rows && PQgetisnull(res, i, col) == null &&
		   (null || strcmp(PQgetvalue(res, i, col), v) == 0))
		i++;
	return i;
}

const char *
series_group_label(const PGresult *res, int row, int col, const char *null_label)
{
	return PQgetisnull(res, row, col) ? null_label : PQgetvalue(res, row, col);
}
