/* overview: what the warehouse holds, and what the sections below can show. */
#include <stdlib.h>

#include "report.h"

static const char counts_sql[] =
	"SELECT (SELECT count(*) FROM @.runs) AS runs,\n"
	"       (SELECT count(*) FROM @.agents) AS agents,\n"
	"       (SELECT count(*) FROM @.events) AS events,\n"
	"       (SELECT count(*) FROM @.messages) AS messages,\n"
	"       (SELECT count(*) FROM @.cascades) AS cascades,\n"
	"       (SELECT count(*) FROM @.event_sizes) AS event_sizes";

/* Runs with events whose derived rows are missing or may not match them. */
static const char stale_sql[] =
	"SELECT s.reason, count(*) AS runs\n"
	"FROM @.stale_runs s\n"
	"WHERE EXISTS (SELECT 1 FROM @.events e WHERE e.run_id = s.run_id)\n"
	"GROUP BY s.reason\n"
	"ORDER BY s.reason";

static const char summary_sql[] =
	"SELECT topology, runs, agents, events, claims, success_rate\n"
	"FROM @.trace_summary()\n"
	"ORDER BY topology COLLATE \"C\" NULLS LAST";

static const char conditions_sql[] =
	"SELECT topology, task_family, n_agents, model, count(*) AS runs\n"
	"FROM @.runs\n"
	"GROUP BY topology, task_family, n_agents, model\n"
	"ORDER BY topology COLLATE \"C\" NULLS LAST, task_family COLLATE \"C\" NULLS LAST, n_agents NULLS LAST, model COLLATE \"C\" NULLS LAST";

/* Run a template, show its table and SQL. */
static void
show(Report *r, const char *sql_template)
{
	char	   *sql = query_sql(r, sql_template);
	PGresult   *res = query_run(r, sql, 0, NULL);

	page_table(r, res);
	page_sql(r, sql);
	PQclear(res);
	free(sql);
}

void
section_overview(Report *r)
{
	long long	runs = query_count(r, "SELECT count(*) FROM @.runs");
	char	   *sql;
	PGresult   *stale;

	page_section(r, "overview", "Overview of the warehouse", NULL);
	show(r, counts_sql);
	if (runs == 0)
	{
		page_missing(r, "The warehouse is empty: no runs. Load traces (collcog-load) or simulate "
					 "them (CALL simulate_routing_into(...)), then SELECT build_cascades().");
		cc_text_puts(&r->html, "</section>\n");
		return;
	}
	sql = query_sql(r, stale_sql);
	stale = query_run(r, sql, 0, NULL);
	if (stale != NULL && PQntuples(stale) > 0)
	{
		page_missing(r, "Some runs with events were not built, or changed since their build "
					 "(stale_runs): H1, H3 and DTI read the built cascades and leave them out. "
					 "SELECT build_cascades() rebuilds them.");
		page_table(r, stale);
		page_sql(r, sql);
	}
	PQclear(stale);
	free(sql);
	page_subsection(r, "Per topology");
	show(r, summary_sql);
	page_subsection(r, "Conditions");
	show(r, conditions_sql);
	cc_text_puts(&r->html, "</section>\n");
}
