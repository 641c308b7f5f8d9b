/*
 * h1: heavy tails (paper 000, H1): per observable, the CCDF of all instances on log-log axes
 * with the fitted power law, truncated power law and log-normal, the empirical CCDF of each
 * topology, and the table of fits and Vuong comparisons per topology (Tables 2 and 3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "strbuf.h"

typedef struct Observable
{
	const char *name;
	const char *what;
	const char *sample;			/* SELECT topology, x FROM ...: one row per instance */
} Observable;

static const Observable observables[] = {
	{"tce", "total cognitive effort of a cascade (events)",
	"SELECT c.topology, c.tce AS x FROM @.cascades c"},
	{"size", "cascade size (claims)",
	"SELECT c.topology, c.size AS x FROM @.cascades c"},
	{"delegation", "delegation cascade size (subtasks)",
	"SELECT r.topology, e.size AS x FROM @.event_sizes e JOIN @.runs r ON r.run_id = e.run_id WHERE e.observable = 'delegation'"},
	{"revision", "revision wave length (claims)",
	"SELECT r.topology, e.size AS x FROM @.event_sizes e JOIN @.runs r ON r.run_id = e.run_id WHERE e.observable = 'revision'"},
	{"contradiction", "contradiction burst size (agents)",
	"SELECT r.topology, e.size AS x FROM @.event_sizes e JOIN @.runs r ON r.run_id = e.run_id WHERE e.observable = 'contradiction'"},
	{"merge", "merge fan-in (parents)",
	"SELECT r.topology, e.size AS x FROM @.event_sizes e JOIN @.runs r ON r.run_id = e.run_id WHERE e.observable = 'merge'"},
};

/* The pooled CCDF with the three fitted laws (none when the power law finds no xmin). */
static const char pooled_sql[] =
	"WITH s AS (%s),\n"
	"     h AS (SELECT @.tail_hist(x) AS h FROM s)\n"
	"SELECT c.x, c.empirical, c.power_law, c.truncated_power_law, c.lognormal\n"
	"FROM h, LATERAL @.ccdf(h.h, CASE WHEN (@.pl_fit(h.h)).xmin IS NULL THEN NULL\n"
	"     ELSE ARRAY['power_law', 'truncated_power_law', 'lognormal'] END) c\n"
	"WHERE h.h IS NOT NULL\n"
	"ORDER BY c.x";

static const char by_group_sql[] =
	"WITH s AS (%s)\n"
	"SELECT g.topology, c.x, c.empirical\n"
	"FROM (SELECT topology, @.tail_hist(x) AS h FROM s GROUP BY topology) g,\n"
	"     LATERAL @.ccdf(g.h, NULL::text[]) c\n"
	"ORDER BY g.topology COLLATE \"C\" NULLS LAST, c.x";

static const char fits_sql[] =
	"WITH s AS (%s),\n"
	"     g AS (SELECT false AS pooled, topology, @.tail_hist(x) AS h FROM s GROUP BY topology\n"
	"           UNION ALL SELECT true, NULL, @.tail_hist(x) FROM s)\n"
	"SELECT CASE WHEN g.pooled THEN 'all' ELSE 'topology' END AS rows_of, g.topology,\n"
	"       t.n, t.xmin, t.n_tail, t.alpha AS tpl_alpha, t.alpha_se AS tpl_alpha_se,\n"
	"       t.cutoff AS tpl_cutoff, p.alpha AS pl_alpha, p.alpha_se AS pl_alpha_se,\n"
	"       v1.r AS r_tpl_vs_ln, v1.p_value AS p_tpl_vs_ln,\n"
	"       v2.r AS r_tpl_vs_pl, v2.p_value AS p_tpl_vs_pl, t.quality, t.reason\n"
	"FROM g, LATERAL @.tpl_fit(g.h) t, LATERAL @.pl_fit(g.h) p,\n"
	"     LATERAL @.vuong(g.h, 'truncated_power_law', 'lognormal') v1,\n"
	"     LATERAL @.vuong(g.h, 'truncated_power_law', 'power_law') v2\n"
	"WHERE g.h IS NOT NULL\n"
	"ORDER BY g.pooled DESC, g.topology COLLATE \"C\" NULLS LAST";

/* sql_format with the observable's sample in place of %s, then schema-qualified. */
static char *
observable_sql(Report *r, const char *sql_format, const Observable *o)
{
	StrBuf		t;
	char	   *sql;

	strbuf_init(&t);
	strbuf_appendf(&t, sql_format, o->sample);
	sql = query_sql(r, t.data);
	strbuf_free(&t);
	return sql;
}

static void
pooled_figure(Report *r, const Observable *o)
{
	char	   *sql = observable_sql(r, pooled_sql, o);
	PGresult   *res = query_run(r, sql, 0, NULL);
	StrBuf		title;
	cc_plot		plot;

	if (res != NULL)
	{
		int			rows = PQntuples(res);
		bool		fitted = false;

		for (int i = 0; i < rows; i++)
			fitted |= !PQgetisnull(res, i, 2);

		strbuf_init(&title);
		strbuf_appendf(&title, "CCDF of %s, all runs", o->name);
		series_plot(&plot, title.data, o->what, "P(X >= x)", CC_AXIS_LOG, CC_AXIS_LOG);
		series_add(&plot, CC_SERIES_STEP, "empirical", false, res, 0, rows, 0, 1, -1, -1);
		series_add(&plot, CC_SERIES_LINE, "power law", true, res, 0, rows, 0, 2, -1, -1);
		series_add(&plot, CC_SERIES_LINE, "truncated power law", true, res, 0, rows, 0, 3, -1, -1);
		series_add(&plot, CC_SERIES_LINE, "log-normal", true, res, 0, rows, 0, 4, -1, -1);
		page_figure(r, &plot, fitted
					? "Empirical CCDF of every instance, and the three laws fitted by maximum "
					"likelihood at the xmin the power law selects (scaled to meet the data there)."
					: "Empirical CCDF of every instance; too little tail for the fitted laws.");
		strbuf_free(&title);
		if (!fitted)
			page_missing(r, "No fitted laws: the power law finds no xmin that leaves a tail of "
						 "at least three distinct values.");
	}
	page_table(r, res);
	page_sql(r, sql);
	PQclear(res);
	free(sql);
}

static void
group_figure(Report *r, const Observable *o)
{
	char	   *sql = observable_sql(r, by_group_sql, o);
	PGresult   *res = query_run(r, sql, 0, NULL);
	StrBuf		title;
	cc_plot		plot;
	int			shown = 0;
	int			groups = 0;

	if (res != NULL)
	{
		strbuf_init(&title);
		strbuf_appendf(&title, "CCDF of %s by topology", o->name);
		series_plot(&plot, title.data, o->what, "P(X >= x)", CC_AXIS_LOG, CC_AXIS_LOG);
		for (int i = 0; i < PQntuples(res); groups++)
		{
			int			end = series_group_end(res, i, 0);

			shown += series_add(&plot, CC_SERIES_STEP, series_group_label(res, i, 0, "(no topology)"),
								false, res, i, end, 1, 2, -1, -1);
			i = end;
		}
		page_figure(r, &plot, "Empirical CCDF of the instances of each topology.");
		strbuf_free(&title);
		if (shown < groups)
		{
			strbuf_init(&title);
			strbuf_appendf(&title, "Only the first %d of %d topologies are drawn; the table has them all.",
						   shown, groups);
			page_missing(r, title.data);
			strbuf_free(&title);
		}
	}
	page_table(r, res);
	page_sql(r, sql);
	PQclear(res);
	free(sql);
}

static void
fits_table(Report *r, const Observable *o)
{
	char	   *sql = observable_sql(r, fits_sql, o);
	PGresult   *res = query_run(r, sql, 0, NULL);

	page_para(r, "Fits and comparisons (Vuong; positive r favours the truncated power law; "
			  "TPL against PL is the nested likelihood-ratio test, p halved at the boundary).");
	page_table(r, res);
	page_sql(r, sql);
	PQclear(res);
	free(sql);
}

void
section_h1(Report *r)
{
	bool		have = query_has_function(r, "tail_hist") && query_has_function(r, "ccdf") &&
		query_has_function(r, "tpl_fit") && query_has_function(r, "vuong");

	page_section(r, "h1", "H1: heavy-tailed coordination events",
				 "Per observable, the complementary CDF P(X >= x) on log-log axes with the "
				 "fitted laws, then the fits per topology: alpha, xmin and the cutoff of the "
				 "truncated power law (TPL), the power law's alpha, and the comparisons TPL vs "
				 "log-normal and TPL vs power law.");
	if (!have)
	{
		page_missing(r, "This version of collcog lacks the tail functions (tail_hist, ccdf, "
					 "tpl_fit, vuong): nothing to show.");
		cc_text_puts(&r->html, "</section>\n");
		return;
	}
	for (size_t i = 0; i < sizeof(observables) / sizeof(observables[0]); i++)
	{
		const Observable *o = &observables[i];
		StrBuf		t;
		char	   *sql;
		long long	n;

		strbuf_init(&t);
		strbuf_appendf(&t, "SELECT count(*) FROM (%s) s", o->sample);
		n = query_count(r, t.data);
		strbuf_reset(&t);
		strbuf_appendf(&t, "%s: %s", o->name, o->what);
		page_subsection(r, t.data);
		strbuf_free(&t);
		if (n <= 0)
		{
			sql = query_sql(r, o->sample);
			page_missing(r, n == 0 ? "No instances of this observable in the built derived "
						 "tables (no cascades built, or none of this kind)." :
						 "The instances could not be counted.");
			page_sql(r, sql);
			free(sql);
			continue;
		}
		pooled_figure(r, o);
		group_figure(r, o);
		fits_table(r, o);
	}
	cc_text_puts(&r->html, "</section>\n");
}
