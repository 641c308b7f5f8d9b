/*
 * h3: extreme events (paper 000, H3, Fig. 7): mean ln M_N against ln N with the fitted line
 * and the line extreme-value theory predicts from the tail exponent.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report.h"
#include "strbuf.h"

static const char scaling_sql[] =
	"SELECT n_agents, runs, runs_with_instances, instances_per_run, mean_max, mean_ln_max,\n"
	"       ln(n_agents) AS ln_n, slope, slope_lo, slope_hi, c, alpha_model, xmin, alpha,\n"
	"       alpha_se, evt_prediction\n"
	"FROM @.extreme_scaling($1, $2::text[])";

/*
 * A line of slope b through the centroid of the points (ln N, mean ln M): where the
 * unweighted least-squares line passes, so that both lines meet the data there.
 */
static void
add_line(cc_plot *plot, const char *label, double b, const double *x, const double *y, int n)
{
	double		mx = 0,
				my = 0,
				lo = INFINITY,
				hi = -INFINITY;
	double		ends[2],
				ys[2];

	if (!isfinite(b) || n < 2)
		return;
	for (int i = 0; i < n; i++)
	{
		mx += x[i] / n;
		my += y[i] / n;
		lo = fmin(lo, x[i]);
		hi = fmax(hi, x[i]);
	}
	ends[0] = lo;
	ends[1] = hi;
	ys[0] = my + b * (lo - mx);
	ys[1] = my + b * (hi - mx);
	cc_plot_add(plot, CC_SERIES_LINE, label, true, ends, ys, NULL, NULL, 2, NULL);
}

static void
scaling_figure(Report *r, const char *observable)
{
	char	   *sql = query_sql(r, scaling_sql);
	const char *params[2] = {observable, query_built_runs(r)};
	PGresult   *res = query_run(r, sql, 2, params);
	StrBuf		t;

	strbuf_init(&t);
	if (res != NULL)
	{
		int			rows = PQntuples(res);
		int			last = rows - 1;
		double	   *x = xmalloc(sizeof(double) * (size_t) (rows + 1));
		double	   *y = xmalloc(sizeof(double) * (size_t) (rows + 1));
		int			n = 0;
		cc_plot		plot;

		for (int i = 0; i < rows; i++)
		{
			double		lx = query_double(res, i, query_col(res, "ln_n"));
			double		ly = query_double(res, i, query_col(res, "mean_ln_max"));

			if (!PQgetisnull(res, i, 0) && isfinite(lx) && isfinite(ly))
			{
				x[n] = lx;
				y[n++] = ly;
			}
		}
		strbuf_appendf(&t, "Extreme scaling of %s", observable);
		series_plot(&plot, t.data, "ln N", "mean ln M_N (largest instance per run)",
					CC_AXIS_LINEAR, CC_AXIS_LINEAR);
		series_add(&plot, CC_SERIES_POINTS, "mean ln M_N", false, res, 0, rows,
				   query_col(res, "ln_n"), query_col(res, "mean_ln_max"), -1, -1);
		if (last >= 0 && PQgetisnull(res, last, 0))
		{
			add_line(&plot, "fitted slope", query_double(res, last, query_col(res, "slope")), x, y, n);
			add_line(&plot, "EVT prediction c/(alpha-1)",
					 query_double(res, last, query_col(res, "evt_prediction")), x, y, n);
		}
		page_figure(r, &plot, "Mean over runs of ln M_N, the largest instance of a run, against "
					"ln N, with the least-squares line and a line of the slope extreme-value "
					"theory predicts from the pooled tail (both through the points' centroid).");
		if (n < 2)
			page_missing(r, "Fewer than two system sizes have instances: no slope to fit.");
		free(x);
		free(y);
	}
	page_table(r, res);
	strbuf_reset(&t);
	strbuf_appendf(&t, "%s\n-- $1 = '%s', $2 = the built runs (NULL: every run)", sql, observable);
	page_sql(r, t.data);
	PQclear(res);
	free(sql);
	strbuf_free(&t);
}

void
section_h3(Report *r)
{
	long long	cascades = query_count(r, "SELECT count(*) FROM @.cascades");

	page_section(r, "h3", "H3: extreme events grow with N",
				 "How the largest coordination event of a run grows with the number of agents, "
				 "measured and as extreme-value theory predicts it from the tail exponent.");
	if (!query_has_function(r, "extreme_scaling"))
		page_missing(r, "This version of collcog lacks extreme_scaling().");
	else if (cascades <= 0)
		page_missing(r, "No cascades built: SELECT build_cascades() first.");
	else
	{
		scaling_figure(r, "tce");
		scaling_figure(r, "size");
	}
	cc_text_puts(&r->html, "</section>\n");
}
