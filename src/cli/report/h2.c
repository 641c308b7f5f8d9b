/*
 * h2: elites and preferential attachment (paper 000, H2): Lorenz curves of effort by system
 * size N with Gini and top-10% shares, and the routing ratio R(k) on log-log axes with
 * intervals, with the attachment exponent beta.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report.h"
#include "strbuf.h"

/* Effort = events per agent of the run, agents without events counted as 0. */
static const char lorenz_sql[] =
	"WITH effort AS (\n"
	"  SELECT a.run_id, a.agent_id, count(e.run_id) AS events\n"
	"  FROM @.agents a\n"
	"  LEFT JOIN (SELECT run_id, agent_id FROM @.events) e\n"
	"         ON e.run_id = a.run_id AND e.agent_id = a.agent_id\n"
	"  WHERE EXISTS (SELECT 1 FROM @.events x WHERE x.run_id = a.run_id)\n"
	"  GROUP BY a.run_id, a.agent_id)\n"
	"SELECT r.n_agents, count(DISTINCT r.run_id) AS runs, count(*) AS agents,\n"
	"       @.gini(f.events) AS gini, @.top_share(f.events, 0.10) AS top10_share,\n"
	"       @.effective_agents(f.events) AS effective_agents, @.lorenz(f.events, 20) AS lorenz\n"
	"FROM effort f JOIN @.runs r ON r.run_id = f.run_id\n"
	"GROUP BY r.n_agents\n"
	"ORDER BY r.n_agents NULLS LAST";

/*
 * The interval is R exp(-+1.96 / sqrt(selections)): a Poisson count's approximate 95%
 * interval on ln R, the expected count taken as known.
 */
static const char ratio_sql[] =
	"SELECT n_agents, k, selections, expected, ratio,\n"
	"       CASE WHEN selections > 0 THEN ratio * exp(-1.96 / sqrt(selections)) END AS ratio_lo,\n"
	"       CASE WHEN selections > 0 THEN ratio * exp(1.96 / sqrt(selections)) END AS ratio_hi\n"
	"FROM @.routing_ratio()\n"
	"WHERE event_type IS NULL\n"
	"ORDER BY n_agents NULLS LAST, k";

static const char beta_sql[] =
	"SELECT n_agents, runs, selections, levels, beta, beta_lo, beta_hi, beta_mle, beta_mle_se\n"
	"FROM @.attachment_exponent()\n"
	"WHERE event_type IS NULL\n"
	"ORDER BY n_agents NULLS LAST";

/* "N = 8", or "N unknown". */
static void
n_label(StrBuf *b, const PGresult *res, int row, int col)
{
	strbuf_reset(b);
	if (PQgetisnull(res, row, col))
		strbuf_appends(b, "N unknown");
	else
		strbuf_appendf(b, "N = %s", PQgetvalue(res, row, col));
}

static void
lorenz_figure(Report *r)
{
	char	   *sql = query_sql(r, lorenz_sql);
	PGresult   *res = query_run(r, sql, 0, NULL);
	StrBuf		label;
	cc_plot		plot;

	strbuf_init(&label);
	if (res != NULL && PQntuples(res) == 0)
		page_missing(r, "No run has events: no effort to measure.");
	else if (res != NULL)
	{
		const double diag[] = {0, 1};
		int			shown = 0;

		series_plot(&plot, "Lorenz curves of effort by N", "share of agents (least active first)",
					"share of events", CC_AXIS_LINEAR, CC_AXIS_LINEAR);
		cc_plot_add(&plot, CC_SERIES_LINE, "equality", true, diag, diag, NULL, NULL, 2, NULL);
		for (int i = 0; i < PQntuples(res) && shown < CC_PLOT_MAX_SERIES - 1; i++)
		{
			int			n;
			double	   *y = query_double_array(res, i, query_col(res, "lorenz"), &n);
			double	   *xs;
			double	   *ys;

			if (y == NULL)
				continue;
			xs = xmalloc(sizeof(double) * (size_t) (n + 1));
			ys = xmalloc(sizeof(double) * (size_t) (n + 1));
			xs[0] = ys[0] = 0;
			for (int j = 0; j < n; j++)
			{
				xs[j + 1] = (double) (j + 1) / n;
				ys[j + 1] = y[j];
			}
			n_label(&label, res, i, 0);
			cc_plot_add(&plot, CC_SERIES_LINE, label.data, false, xs, ys, NULL, NULL,
						(size_t) n + 1, NULL);
			shown++;
			free(y);
			free(xs);
			free(ys);
		}
		page_figure(r, &plot, "The share of all events made by the least active fraction of "
					"the agents, pooled over the runs of each N (agents without events count).");
	}
	page_table(r, res);
	page_sql(r, sql);
	PQclear(res);
	free(sql);
	strbuf_free(&label);
}

static void
ratio_figure(Report *r)
{
	char	   *sql = query_sql(r, ratio_sql);
	PGresult   *res = query_run(r, sql, 0, NULL);
	StrBuf		label;
	cc_plot		plot;

	strbuf_init(&label);
	if (res != NULL && PQntuples(res) == 0)
		page_missing(r, "No event referenced an earlier claim: R(k) is empty.");
	else if (res != NULL)
	{
		series_plot(&plot, "Routing ratio R(k) by N", "activity k (earlier references)",
					"R(k) = selections / uniform expectation", CC_AXIS_LOG, CC_AXIS_LOG);
		for (int i = 0; i < PQntuples(res);)
		{
			int			end = series_group_end(res, i, 0);

			n_label(&label, res, i, 0);
			series_add(&plot, CC_SERIES_BARS, label.data, false, res, i, end, 1, 4, 5, 6);
			i = end;
		}
		page_figure(r, &plot, "R(k) of all event types with approximate 95% intervals "
					"(R exp(-+1.96/sqrt(selections))); k = 0 and levels never selected cannot "
					"show on log axes and are counted below the plot. Uniform routing gives R = 1.");
	}
	page_table(r, res);
	page_sql(r, sql);
	PQclear(res);
	free(sql);
	strbuf_free(&label);
}

static void
beta_table(Report *r)
{
	char	   *sql = query_sql(r, beta_sql);
	PGresult   *res = query_run(r, sql, 0, NULL);

	page_para(r, "The attachment exponent beta (weighted least-squares slope of ln R(k) on ln k, "
			  "k >= 1, bootstrap interval over runs) and the choice model's maximum-likelihood beta.");
	page_table(r, res);
	page_sql(r, sql);
	PQclear(res);
	free(sql);
}

void
section_h2(Report *r)
{
	long long	events = query_count(r, "SELECT count(*) FROM @.events");

	page_section(r, "h2", "H2: elites and preferential attachment",
				 "How unequally the agents share the work, by system size N, and whether "
				 "claims that were built on are built on again (R(k) rising with k).");
	if (events <= 0)
	{
		page_missing(r, "No events in the warehouse: no effort and no routing to measure.");
		cc_text_puts(&r->html, "</section>\n");
		return;
	}
	page_subsection(r, "Concentration of effort");
	if (query_has_function(r, "lorenz") && query_has_function(r, "gini"))
		lorenz_figure(r);
	else
		page_missing(r, "This version of collcog lacks lorenz() and gini().");
	page_subsection(r, "Preferential attachment");
	if (query_has_function(r, "routing_ratio") && query_has_function(r, "attachment_exponent"))
	{
		ratio_figure(r);
		beta_table(r);
	}
	else
		page_missing(r, "This version of collcog lacks routing_ratio() and attachment_exponent().");
	cc_text_puts(&r->html, "</section>\n");
}
