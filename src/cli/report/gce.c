/*
 * gce: glass ceilings between agent types (paper 001): the mean prominence trajectory of
 * type R over the runs with messages, beside the mean-field prediction (the ODE) from the
 * weights the data give (type_pair_weights' mu_step, per macro step as the drift expects)
 * and the protocol's parameters recorded in runs.meta.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "strbuf.h"

/* The types of the agents of runs with messages, and the protocol's parameters. */
static const char setup_sql[] =
	"WITH mr AS (SELECT r.* FROM @.runs r WHERE EXISTS (SELECT 1 FROM @.messages m WHERE m.run_id = r.run_id))\n"
	"SELECT (SELECT array_agg(DISTINCT a.agent_type ORDER BY a.agent_type) FROM @.agents a\n"
	"        WHERE a.run_id IN (SELECT run_id FROM mr)) AS types,\n"
	"       (SELECT min(a.agent_type COLLATE \"C\") FROM @.agents a\n"
	"        WHERE a.run_id IN (SELECT run_id FROM mr)) AS first_type,\n"
	"       count(*) AS runs,\n"
	"       count(DISTINCT ROW(meta->>'p', meta->>'q', meta->>'r', meta->>'delta', meta->>'xi')) AS parameter_sets,\n"
	"       bool_and(coalesce(meta ?& ARRAY['p', 'q', 'r', 'delta', 'xi'], false)) AS have_parameters,\n"
	"       min(meta->>'p') AS p, min(meta->>'q') AS q, min(meta->>'r') AS r,\n"
	"       min(meta->>'delta') AS delta, min(meta->>'xi') AS xi\n"
	"FROM mr";

static const char empirical_sql[] =
	"SELECT t, count(*) AS runs, avg(theta_in[1]) AS theta_in_1, avg(theta_out[1]) AS theta_out_1\n"
	"FROM @.type_prominence(" MESSAGE_RUNS_SQL ")\n"
	"WHERE agent_type = $1\n"
	"GROUP BY t\n"
	"ORDER BY t";

static const char predicted_sql[] =
	"WITH e AS MATERIALIZED (\n"
	"       SELECT t, theta_in || theta_out AS theta\n"
	"       FROM @.type_prominence(" MESSAGE_RUNS_SQL ")\n"
	"       WHERE agent_type = 'R'),\n"
	"     emp AS (SELECT t, count(*) AS runs, avg(theta[1]) AS theta_in_1,\n"
	"                    avg(theta[array_length(theta, 1) / 2 + 1]) AS theta_out_1\n"
	"             FROM e GROUP BY t),\n"
	"     span AS (SELECT min(t) AS t0, max(t) AS t1 FROM e),\n"
	"     theta0 AS (SELECT array_agg(v ORDER BY i) AS theta\n"
	"                FROM (SELECT u.i, avg(u.x) AS v FROM e, span, unnest(e.theta) WITH ORDINALITY u(x, i)\n"
	"                      WHERE e.t = span.t0 GROUP BY u.i) s),\n"
	"     mu AS (SELECT array_agg(mu_step ORDER BY target_type <> 'R', source_type <> 'R') AS mu\n"
	"            FROM @.type_pair_weights(" MESSAGE_RUNS_SQL ")),\n"
	"     pred AS (SELECT span.t0 + m.t AS t, m.ode_theta[1] AS predicted_in_1,\n"
	"                     m.ode_theta[array_length(m.ode_theta, 1) / 2 + 1] AS predicted_out_1\n"
	"              FROM span, theta0, mu,\n"
	"                   LATERAL @.meanfield_trajectory(theta0.theta, span.t1 - span.t0,\n"
	"                       $1::float8, $2::float8, $3::float8, $4::float8, $5::float8, mu.mu) m)\n"
	"SELECT emp.t, emp.runs, emp.theta_in_1, pred.predicted_in_1, emp.theta_out_1, pred.predicted_out_1\n"
	"FROM emp LEFT JOIN pred ON pred.t = emp.t\n"
	"ORDER BY emp.t";

static void
trajectory_figure(Report *r, const PGresult *setup, const char *type, bool predict)
{
	char	   *sql = query_sql(r, predict ? predicted_sql : empirical_sql);
	const char *params[5];
	PGresult   *res;
	StrBuf		t;

	if (predict)
		for (int i = 0; i < 5; i++)
			params[i] = PQgetvalue(setup, 0, query_col(setup, "p") + i);
	else
		params[0] = type;
	res = query_run(r, sql, predict ? 5 : 1, params);
	strbuf_init(&t);
	if (res != NULL && PQntuples(res) > 0)
	{
		cc_plot		plot;
		int			rows = PQntuples(res);

		strbuf_appendf(&t, "Prominence of type %s, dimension 1", type);
		series_plot(&plot, t.data, "round t", "theta (share of the weight)",
					CC_AXIS_LINEAR, CC_AXIS_LINEAR);
		series_add(&plot, CC_SERIES_LINE, "theta_in (data)", false, res, 0, rows, 0,
				   query_col(res, "theta_in_1"), -1, -1);
		series_add(&plot, CC_SERIES_LINE, "theta_out (data)", false, res, 0, rows, 0,
				   query_col(res, "theta_out_1"), -1, -1);
		if (predict)
		{
			series_add(&plot, CC_SERIES_LINE, "theta_in (mean field)", true, res, 0, rows, 0,
					   query_col(res, "predicted_in_1"), -1, -1);
			series_add(&plot, CC_SERIES_LINE, "theta_out (mean field)", true, res, 0, rows, 0,
					   query_col(res, "predicted_out_1"), -1, -1);
		}
		page_figure(r, &plot, predict
					? "Mean over runs of type R's in- and out-prominence (Eq. 4), and the "
					"mean-field ODE from the mean state at the first round, with mu from "
					"type_pair_weights() (mu_step, the scale of the model's drift) and p, q, r, "
					"delta, xi from runs.meta."
					: "Mean over runs of the type's in- and out-prominence (Eq. 4).");
	}
	else if (res != NULL)
		page_missing(r, "type_prominence() gave no rows for this type.");
	page_table(r, res);
	strbuf_reset(&t);
	if (predict)
		strbuf_appendf(&t, "%s\n-- $1 .. $5 = p, q, r, delta, xi = %s, %s, %s, %s, %s", sql,
					   params[0], params[1], params[2], params[3], params[4]);
	else
		strbuf_appendf(&t, "%s\n-- $1 = the agent type", sql);
	page_sql(r, t.data);
	PQclear(res);
	free(sql);
	strbuf_free(&t);
}

void
section_gce(Report *r)
{
	long long	messages = query_count(r, "SELECT count(*) FROM @.messages");
	char	   *sql;
	PGresult   *setup;

	page_section(r, "gce", "Glass ceilings between agent types (paper 001)",
				 "The prominence of type R as the network forms, beside the mean-field prediction.");
	if (!query_has_function(r, "type_prominence") || !query_has_function(r, "meanfield_trajectory"))
	{
		page_missing(r, "This version of collcog lacks type_prominence() and meanfield_trajectory().");
		cc_text_puts(&r->html, "</section>\n");
		return;
	}
	if (messages <= 0)
	{
		page_missing(r, "The messages table has no rows: nothing for paper 001's analyses "
					 "(CALL simulate_network_into(...) simulates some).");
		cc_text_puts(&r->html, "</section>\n");
		return;
	}
	sql = query_sql(r, setup_sql);
	setup = query_run(r, sql, 0, NULL);
	page_table(r, setup);
	page_sql(r, sql);
	if (setup != NULL && PQntuples(setup) == 1)
	{
		bool		two_types = strcmp(PQgetvalue(setup, 0, query_col(setup, "types")), "{B,R}") == 0;
		bool		params = strcmp(PQgetvalue(setup, 0, query_col(setup, "parameter_sets")), "1") == 0 &&
			strcmp(PQgetvalue(setup, 0, query_col(setup, "have_parameters")), "t") == 0;
		const char *first = PQgetvalue(setup, 0, query_col(setup, "first_type"));

		if (!two_types)
			page_missing(r, "The mean-field model has two types named R and B; these runs have "
						 "other types, so only the trajectory of the first type is shown.");
		else if (!params)
			page_missing(r, "No mean-field prediction: the runs do not record one set of the "
						 "protocol's parameters p, q, r, delta, xi in runs.meta (as "
						 "simulate_network does).");
		trajectory_figure(r, setup, two_types ? "R" : first, two_types && params);
	}
	PQclear(setup);
	free(sql);
	cc_text_puts(&r->html, "</section>\n");
}
