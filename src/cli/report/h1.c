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

/*
 * The one scan of an observable's instances: a tail_hist per topology and one of them all
 * (the first row), which every query below takes as parameters.
 */
static const char hist_sql[] =
	"WITH s AS (%s)\n"
	"SELECT g.rows_of, g.topology, g.n, g.h::text AS h\n"
	"FROM (SELECT 'all' AS rows_of, NULL::text AS topology, count(*) AS n, @.tail_hist(x) AS h FROM s\n"
	"      UNION ALL\n"
	"      SELECT 'topology', topology, count(*), @.tail_hist(x) FROM s GROUP BY topology) g\n"
	"ORDER BY g.rows_of = 'topology', g.topology COLLATE \"C\" NULLS LAST";

/* The pooled CCDF with the three fitted laws (none when the power law finds no xmin). */
static const char pooled_sql[] =
	"SELECT c.x, c.empirical, c.power_law, c.truncated_power_law, c.lognormal\n"
	"FROM @.ccdf($1::@.tail_hist,\n"
	"     CASE WHEN (@.pl_fit($1::@.tail_hist)).xmin IS NULL THEN NULL\n"
	"     ELSE ARRAY['power_law', 'truncated_power_law', 'lognormal'] END) c\n"
	"ORDER BY c.x";

static const char by_group_sql[] =
	"SELECT g.topology, c.x, c.empirical\n"
	"FROM unnest($1::text[], $2::text[]) WITH ORDINALITY g(topology, h, i),\n"
	"     LATERAL @.ccdf(g.h::@.tail_hist, NULL::text[]) c\n"
	"ORDER BY g.i, c.x";

static const char fits_sql[] =
	"SELECT g.rows_of, g.topology, t.n, t.xmin, t.n_tail, t.alpha AS tpl_alpha,\n"
	"       t.alpha_se AS tpl_alpha_se, t.cutoff AS tpl_cutoff, p.alpha AS pl_alpha,\n"
	"       p.alpha_se AS pl_alpha_se, v1.r AS r_tpl_vs_ln, v1.p_value AS p_tpl_vs_ln,\n"
	"       v2.r AS r_tpl_vs_pl, v2.p_value AS p_tpl_vs_pl, t.quality, t.reason\n"
	"FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY g(rows_of, topology, h, i),\n"
	"     LATERAL @.tpl_fit(g.h::@.tail_hist) t, LATERAL @.pl_fit(g.h::@.tail_hist) p,\n"
	"     LATERAL @.vuong(g.h::@.tail_hist, 'truncated_power_law', 'lognormal') v1,\n"
	"     LATERAL @.vuong(g.h::@.tail_hist, 'truncated_power_law', 'power_law') v2\n"
	"ORDER BY g.i";

/* SQL, with a comment saying what the parameters are, below a figure or table. */
static void
show_sql(Report *r, const char *sql, const char *params)
{
	StrBuf		t;

	strbuf_init(&t);
	strbuf_appendf(&t, "%s\n-- %s", sql, params);
	page_sql(r, t.data);
	strbuf_free(&t);
}

static void
pooled_figure(Report *r, const Observable *o, const PGresult *hist)
{
	char	   *sql = query_sql(r, pooled_sql);
	const char *params[1] = {PQgetvalue(hist, 0, 3)};
	PGresult   *res = query_run(r, sql, 1, params);
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
	show_sql(r, sql, "$1 = the tail_hist of all instances (the row 'all' of the table above)");
	PQclear(res);
	free(sql);
}

static void
group_figure(Report *r, const Observable *o, const PGresult *hist)
{
	char	   *sql = query_sql(r, by_group_sql);
	PGresult   *res;
	StrBuf		title;
	cc_plot		plot;
	int			shown = 0;
	int			groups = 0;
	/* the rows after the first (all instances) are the topologies */
	char	   *names = query_array_literal(hist, 1, 1);
	char	   *hists = query_array_literal(hist, 3, 1);
	const char *params[2] = {names, hists};

	res = query_run(r, sql, 2, params);
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
	show_sql(r, sql, "$1, $2 = the topologies and their tail_hist (the table above)");
	PQclear(res);
	free(sql);
	free(names);
	free(hists);
}

static void
fits_table(Report *r, const PGresult *hist)
{
	char	   *sql = query_sql(r, fits_sql);
	char	   *rows_of = query_array_literal(hist, 0, 0);
	char	   *names = query_array_literal(hist, 1, 0);
	char	   *hists = query_array_literal(hist, 3, 0);
	const char *params[3] = {rows_of, names, hists};
	PGresult   *res = query_run(r, sql, 3, params);

	page_para(r, "Fits and comparisons (Vuong; positive r favours the truncated power law; "
			  "TPL against PL is the nested likelihood-ratio test, p halved at the boundary).");
	page_table(r, res);
	show_sql(r, sql, "$1, $2, $3 = the columns rows_of, topology and h of the table of tail_hist above");
	PQclear(res);
	free(sql);
	free(rows_of);
	free(names);
	free(hists);
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
		PGresult   *hist;

		strbuf_init(&t);
		strbuf_appendf(&t, "%s: %s", o->name, o->what);
		page_subsection(r, t.data);
		strbuf_reset(&t);
		strbuf_appendf(&t, hist_sql, o->sample);
		sql = query_sql(r, t.data);
		strbuf_free(&t);
		hist = query_run(r, sql, 0, NULL);
		if (hist != NULL && (PQntuples(hist) == 0 || PQgetisnull(hist, 0, 3)))
			page_missing(r, "No instances of this observable in the built derived tables (no "
						 "cascades built, or none of this kind).");
		else if (hist != NULL)
		{
			pooled_figure(r, o, hist);
			group_figure(r, o, hist);
			fits_table(r, hist);
		}
		page_para(r, "The instances, one tail_hist per topology and one of them all: the one "
				  "scan of the data the figures and fits of this observable share.");
		page_table(r, hist);
		page_sql(r, sql);
		PQclear(hist);
		free(sql);
	}
	cc_text_puts(&r->html, "</section>\n");
}
