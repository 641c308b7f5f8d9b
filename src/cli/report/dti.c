/*
 * dti: Deficit-Triggered Integration (paper 000, Sec. 6): the parameters of each condition
 * class, the deficit series of the largest cascade, and where and how often DTI would fire.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "strbuf.h"

static const char estimate_sql[] =
	"SELECT topology, task_family, cascades, beta_c, c, tau\n"
	"FROM @.dti_estimate(" BUILT_RUNS_SQL ")\n"
	"ORDER BY topology COLLATE \"C\" NULLS LAST, task_family COLLATE \"C\" NULLS LAST";

/* The largest cascade by TCE, with its class's parameters. */
static const char largest_sql[] =
	"SELECT c.run_id, c.root_claim_id, c.tce, p.beta_c, p.c, p.tau\n"
	"FROM @.cascades c\n"
	"JOIN @.dti_estimate(" BUILT_RUNS_SQL ") p ON p.topology IS NOT DISTINCT FROM c.topology\n"
	"                       AND p.task_family IS NOT DISTINCT FROM c.task_family\n"
	"WHERE p.beta_c IS NOT NULL AND p.c IS NOT NULL AND p.tau IS NOT NULL\n"
	"ORDER BY c.tce DESC, c.run_id, c.root_claim_id\n"
	"LIMIT 1";

static const char series_sql[] =
	"SELECT step_id, n, m, deficit, threshold, triggered\n"
	"FROM @.dti_series($1::float8, $2::float8, $3::float8, ARRAY[$4::text])\n"
	"WHERE root_claim_id = $5\n"
	"ORDER BY step_id";

/* Each class replayed with its own parameters, over its own runs. */
static const char summary_sql[] =
	"SELECT s.*\n"
	"FROM @.dti_estimate(" BUILT_RUNS_SQL ") p,\n"
	"     LATERAL @.dti_summary(p.beta_c, p.c, p.tau,\n"
	"         ARRAY(SELECT r.run_id::text FROM @.runs r\n"
	"               WHERE r.topology IS NOT DISTINCT FROM p.topology\n"
	"                 AND r.task_family IS NOT DISTINCT FROM p.task_family\n"
	"                 AND r.run_id::text = ANY (" BUILT_RUNS_SQL "))) s\n"
	"WHERE p.beta_c IS NOT NULL AND p.c IS NOT NULL AND p.tau IS NOT NULL\n"
	"ORDER BY s.topology COLLATE \"C\" NULLS LAST, s.task_family COLLATE \"C\" NULLS LAST, s.quantile_hi";

static void
show_table(Report *r, const char *sql_template, const char *intro)
{
	char	   *sql = query_sql(r, sql_template);
	PGresult   *res = query_run(r, sql, 0, NULL);

	if (intro)
		page_para(r, intro);
	page_table(r, res);
	page_sql(r, sql);
	PQclear(res);
	free(sql);
}

static void
series_figure(Report *r)
{
	char	   *sql = query_sql(r, largest_sql);
	PGresult   *largest = query_run(r, sql, 0, NULL);
	char	   *series = query_sql(r, series_sql);
	PGresult   *res = NULL;
	StrBuf		t;

	strbuf_init(&t);
	if (largest != NULL && PQntuples(largest) == 1)
	{
		const char *params[5] = {
			PQgetvalue(largest, 0, 3), PQgetvalue(largest, 0, 4), PQgetvalue(largest, 0, 5),
			PQgetvalue(largest, 0, 0), PQgetvalue(largest, 0, 1)
		};
		cc_plot		plot;
		int			rows;
		double	   *trig_x;
		double	   *trig_y;
		int			nt = 0;

		res = query_run(r, series, 5, params);
		if (res != NULL)
		{
			rows = PQntuples(res);
			trig_x = malloc(sizeof(double) * (size_t) (rows + 1));
			trig_y = malloc(sizeof(double) * (size_t) (rows + 1));
			for (int i = 0; i < rows; i++)
				if (strcmp(PQgetvalue(res, i, 5), "t") == 0)
				{
					trig_x[nt] = query_double(res, i, 0);
					trig_y[nt++] = query_double(res, i, 3);
				}
			strbuf_appendf(&t, "DTI deficit of the largest cascade (run %s, root %s)",
						   params[3], params[4]);
			series_plot(&plot, t.data, "step", "deficit D = c n^beta_c - m",
						CC_AXIS_LINEAR, CC_AXIS_LINEAR);
			series_add(&plot, CC_SERIES_LINE, "deficit", false, res, 0, rows, 0, 3, -1, -1);
			series_add(&plot, CC_SERIES_LINE, "threshold tau", true, res, 0, rows, 0, 4, -1, -1);
			cc_plot_add(&plot, CC_SERIES_POINTS, "trigger", false, trig_x, trig_y, NULL, NULL,
						(size_t) nt, NULL);
			page_figure(r, &plot, "The deficit of the segment after every event of the "
						"cascade with the largest TCE, replayed with its class's parameters; "
						"a trigger restarts the segment.");
			free(trig_x);
			free(trig_y);
		}
	}
	else if (largest != NULL)
		page_missing(r, "No cascade of a class with estimated parameters: no deficit series.");
	page_table(r, largest);
	page_sql(r, sql);
	page_table(r, res);
	strbuf_reset(&t);
	strbuf_appendf(&t, "%s\n-- $1, $2, $3 = beta_c, c, tau; $4, $5 = run_id, root_claim_id of the cascade above",
				   series);
	page_sql(r, t.data);
	PQclear(largest);
	PQclear(res);
	free(sql);
	free(series);
	strbuf_free(&t);
}

static void
summary_figure(Report *r)
{
	char	   *sql = query_sql(r, summary_sql);
	PGresult   *res = query_run(r, sql, 0, NULL);
	StrBuf		label;

	strbuf_init(&label);
	if (res != NULL && PQntuples(res) > 0)
	{
		cc_plot		plot;
		int			col = query_col(res, "triggered_share");
		int			qcol = query_col(res, "quantile_hi");

		series_plot(&plot, "How often DTI would fire, by cascade-size band",
					"upper size quantile of the band", "share of cascades with a trigger",
					CC_AXIS_LINEAR, CC_AXIS_LINEAR);
		plot.legend_left = true;
		for (int i = 0; i < PQntuples(res);)
		{
			int			end = i + 1;

			while (end < PQntuples(res) &&
				   PQgetisnull(res, end, 0) == PQgetisnull(res, i, 0) &&
				   strcmp(PQgetvalue(res, end, 0), PQgetvalue(res, i, 0)) == 0 &&
				   PQgetisnull(res, end, 1) == PQgetisnull(res, i, 1) &&
				   strcmp(PQgetvalue(res, end, 1), PQgetvalue(res, i, 1)) == 0)
				end++;
			strbuf_reset(&label);
			strbuf_appendf(&label, "%s / %s", series_group_label(res, i, 0, "(no topology)"),
						   series_group_label(res, i, 1, "(no task family)"));
			series_add(&plot, CC_SERIES_LINE, label.data, false, res, i, end, qcol, col, -1, -1);
			i = end;
		}
		page_figure(r, &plot, "The share of a class's cascades in each size band (median, "
					"90th, 99th percentile, top 1%) where DTI would fire at least once.");
	}
	else if (res != NULL)
		page_missing(r, "No condition class has parameters (too few cascades to estimate them).");
	page_table(r, res);
	page_sql(r, sql);
	PQclear(res);
	free(sql);
	strbuf_free(&label);
}

void
section_dti(Report *r)
{
	long long	cascades = query_count(r, "SELECT count(*) FROM @.cascades");

	page_section(r, "dti", "Deficit-Triggered Integration",
				 "The parameters of each condition class estimated from the built cascades, "
				 "the deficit of the largest cascade replayed event by event, and where and how "
				 "often DTI would fire.");
	if (!query_has_function(r, "dti_estimate") || !query_has_function(r, "dti_series") ||
		!query_has_function(r, "dti_summary"))
		page_missing(r, "This version of collcog lacks dti_estimate(), dti_series() or dti_summary().");
	else if (cascades <= 0)
		page_missing(r, "No cascades built: SELECT build_cascades() first.");
	else
	{
		show_table(r, estimate_sql, "Parameters per condition class (dti_estimate).");
		series_figure(r);
		summary_figure(r);
	}
	cc_text_puts(&r->html, "</section>\n");
}
