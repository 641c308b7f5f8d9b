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
	"FROM @.dti_estimate($1::text[])\n"
	"ORDER BY topology COLLATE \"C\" NULLS LAST, task_family COLLATE \"C\" NULLS LAST";

/* The cascade with the largest TCE (cascades holds built runs only). */
static const char largest_sql[] =
	"SELECT c.run_id, c.root_claim_id, c.tce, c.topology, c.task_family\n"
	"FROM @.cascades c\n"
	"ORDER BY c.tce DESC, c.run_id, c.root_claim_id\n"
	"LIMIT 1";

static const char series_sql[] =
	"SELECT step_id, n, m, deficit, threshold, triggered\n"
	"FROM @.dti_series($1::float8, $2::float8, $3::float8, ARRAY[$4::text])\n"
	"WHERE root_claim_id = $5\n"
	"ORDER BY step_id";

/*
 * A class replayed with its own parameters, over its own built runs; all runs ($6 NULL)
 * when every run is built and of this class.
 */
static const char summary_sql[] =
	"SELECT *\n"
	"FROM @.dti_summary($1::float8, $2::float8, $3::float8,\n"
	"     CASE WHEN $6::boolean THEN NULL ELSE\n"
	"     ARRAY(SELECT r.run_id::text FROM @.runs r\n"
	"           JOIN @.run_builds b ON b.run_id = r.run_id AND NOT b.skipped AND b.n_events > 0\n"
	"           WHERE r.topology IS NOT DISTINCT FROM $4::text\n"
	"             AND r.task_family IS NOT DISTINCT FROM $5::text) END)\n"
	"ORDER BY quantile_hi";

/* Whether two cells (NULL equal to NULL) hold the same text. */
static bool
same_cell(const PGresult *a, int ra, int ca, const PGresult *b, int rb, int cb)
{
	if (PQgetisnull(a, ra, ca) || PQgetisnull(b, rb, cb))
		return PQgetisnull(a, ra, ca) && PQgetisnull(b, rb, cb);
	return strcmp(PQgetvalue(a, ra, ca), PQgetvalue(b, rb, cb)) == 0;
}

/*
 * Whether row i of the estimate can be replayed: all three parameters, and c > 0 (a class
 * whose cascades never merge estimates c = 0, which dti_replay refuses).
 */
static bool
has_params(const PGresult *est, int i)
{
	return !PQgetisnull(est, i, 3) && !PQgetisnull(est, i, 4) && !PQgetisnull(est, i, 5) &&
		query_double(est, i, 4) > 0;
}

/* Say which classes have parameters but cannot be replayed (c = 0: no merges). */
static void
note_merge_less(Report *r, const PGresult *est)
{
	StrBuf		t;
	int			n = 0;

	strbuf_init(&t);
	strbuf_appends(&t, "Not replayed, because their cascades never merge (c = 0, which the "
				   "deficit D = c n^beta_c - m cannot use):");
	for (int i = 0; i < PQntuples(est); i++)
		if (!PQgetisnull(est, i, 4) && !has_params(est, i))
			strbuf_appendf(&t, "%s %s / %s", n++ > 0 ? "," : "",
						   series_group_label(est, i, 0, "(no topology)"),
						   series_group_label(est, i, 1, "(no task family)"));
	strbuf_appendc(&t, '.');
	if (n > 0)
		page_missing(r, t.data);
	strbuf_free(&t);
}

static void
series_figure(Report *r, const PGresult *est)
{
	char	   *sql = query_sql(r, largest_sql);
	PGresult   *largest = query_run(r, sql, 0, NULL);
	char	   *series = query_sql(r, series_sql);
	PGresult   *res = NULL;
	int			cls = -1;
	StrBuf		t;

	strbuf_init(&t);
	page_subsection(r, "The deficit of the largest cascade");
	if (largest != NULL && PQntuples(largest) == 1)
		for (int i = 0; i < PQntuples(est); i++)
			if (same_cell(est, i, 0, largest, 0, 3) && same_cell(est, i, 1, largest, 0, 4) &&
				has_params(est, i))
				cls = i;
	if (cls >= 0)
	{
		const char *params[5] = {
			PQgetvalue(est, cls, 3), PQgetvalue(est, cls, 4), PQgetvalue(est, cls, 5),
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
			trig_x = xmalloc(sizeof(double) * (size_t) (rows + 1));
			trig_y = xmalloc(sizeof(double) * (size_t) (rows + 1));
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
		page_missing(r, "No built cascade of a class with estimated parameters: no deficit series.");
	page_table(r, largest);
	page_sql(r, sql);
	page_table(r, res);
	strbuf_reset(&t);
	strbuf_appendf(&t, "%s\n-- $1, $2, $3 = beta_c, c, tau of the cascade's class (above);"
				   " $4, $5 = its run_id, root_claim_id", series);
	page_sql(r, t.data);
	PQclear(largest);
	PQclear(res);
	free(sql);
	free(series);
	strbuf_free(&t);
}

static void
summary_figure(Report *r, const PGresult *est)
{
	char	   *sql = query_sql(r, summary_sql);
	StrBuf		label;
	cc_plot		plot;
	int			classes = 0;

	strbuf_init(&label);
	page_subsection(r, "How often DTI would fire");
	series_plot(&plot, "How often DTI would fire, by cascade-size band",
				"upper size quantile of the band", "share of cascades with a trigger",
				CC_AXIS_LINEAR, CC_AXIS_LINEAR);
	for (int i = 0; i < PQntuples(est); i++)
	{
		const char *params[6];
		PGresult   *res;

		if (!has_params(est, i))
			continue;
		for (int k = 0; k < 3; k++)
			params[k] = PQgetvalue(est, i, 3 + k);
		params[3] = PQgetisnull(est, i, 0) ? NULL : PQgetvalue(est, i, 0);
		params[4] = PQgetisnull(est, i, 1) ? NULL : PQgetvalue(est, i, 1);
		params[5] = query_built_runs(r) == NULL && PQntuples(est) == 1 ? "true" : "false";
		res = query_run(r, sql, 6, params);
		if (res == NULL)
			continue;
		strbuf_reset(&label);
		strbuf_appendf(&label, "%s / %s", series_group_label(est, i, 0, "(no topology)"),
					   series_group_label(est, i, 1, "(no task family)"));
		series_add(&plot, CC_SERIES_LINE, label.data, false, res, 0, PQntuples(res),
				   query_col(res, "quantile_hi"), query_col(res, "triggered_share"), -1, -1);
		page_para(r, label.data);
		page_table(r, res);
		classes++;
		PQclear(res);
	}
	if (classes > 0)
		page_figure(r, &plot, "The share of a class's cascades in each size band (median, "
					"90th, 99th percentile, top 1%) where DTI would fire at least once; the "
					"tables above, one per class.");
	else
	{
		cc_plot_free(&plot);
		page_missing(r, "No condition class has parameters (too few cascades to estimate them).");
	}
	strbuf_reset(&label);
	strbuf_appendf(&label, "%s\n-- once per class: $1, $2, $3 = its beta_c, c, tau; $4, $5 = "
				   "its topology, task_family; $6 = whether every run is built and of this class", sql);
	page_sql(r, label.data);
	free(sql);
	strbuf_free(&label);
}

void
section_dti(Report *r)
{
	long long	cascades = query_count(r, "SELECT count(*) FROM @.cascades");
	char	   *sql;
	PGresult   *est;

	page_section(r, "dti", "Deficit-Triggered Integration",
				 "The parameters of each condition class estimated from the built cascades, "
				 "the deficit of the largest cascade replayed event by event, and where and how "
				 "often DTI would fire.");
	if (!query_has_function(r, "dti_estimate") || !query_has_function(r, "dti_series") ||
		!query_has_function(r, "dti_summary"))
	{
		page_missing(r, "This version of collcog lacks dti_estimate(), dti_series() or dti_summary().");
		cc_text_puts(&r->html, "</section>\n");
		return;
	}
	if (cascades <= 0)
	{
		page_missing(r, "No cascades built: SELECT build_cascades() first.");
		cc_text_puts(&r->html, "</section>\n");
		return;
	}
	sql = query_sql(r, estimate_sql);
	{
		const char *params[1] = {query_built_runs(r)};

		est = query_run(r, sql, 1, params);
	}
	page_para(r, "Parameters per condition class (dti_estimate).");
	page_table(r, est);
	{
		StrBuf		t;

		strbuf_init(&t);
		strbuf_appendf(&t, "%s\n-- $1 = the built runs (NULL: every run)", sql);
		page_sql(r, t.data);
		strbuf_free(&t);
	}
	if (est != NULL)
	{
		note_merge_less(r, est);
		series_figure(r, est);
		summary_figure(r, est);
	}
	PQclear(est);
	free(sql);
	cc_text_puts(&r->html, "</section>\n");
}
