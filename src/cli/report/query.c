/* query: the report's SQL, schema-qualified, each statement in a savepoint. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report.h"
#include "strbuf.h"
#include "pg_client.h"

char *
query_sql(Report *r, const char *sql_template)
{
	StrBuf		sql;
	const char *p = sql_template;
	const char *hit;

	strbuf_init(&sql);
	while ((hit = strstr(p, "@.")) != NULL)
	{
		strbuf_append(&sql, p, (size_t) (hit - p));
		strbuf_appends(&sql, r->schema);
		strbuf_appendc(&sql, '.');
		p = hit + 2;
	}
	strbuf_appends(&sql, p);
	return sql.data;
}

static double
seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

PGresult *
query_run(Report *r, const char *sql, int nparams, const char *const *params)
{
	StrBuf		err;
	PGresult   *res;
	double		t0 = seconds_now();

	strbuf_init(&err);
	if (!pgc_command(r->conn, "SAVEPOINT report_query", &err))
	{
		fprintf(stderr, "collcog-report: %s\n", err.data);
		exit(3);
	}
	res = PQexecParams(r->conn, sql, nparams, NULL, params, NULL, NULL, 0);
	if (r->verbose)
		fprintf(stderr, "%.3f s: %.100s\n", seconds_now() - t0, sql);
	if (PQresultStatus(res) == PGRES_TUPLES_OK)
	{
		if (!pgc_command(r->conn, "RELEASE SAVEPOINT report_query", &err))
		{
			fprintf(stderr, "collcog-report: %s\n", err.data);
			exit(3);
		}
		strbuf_free(&err);
		return res;
	}
	pgc_result_message(res, &err);
	PQclear(res);
	if (PQstatus(r->conn) != CONNECTION_OK)
	{
		fprintf(stderr, "collcog-report: %s\n", err.data);
		exit(3);
	}
	r->failed_queries++;
	{
		StrBuf		note;

		strbuf_init(&note);
		strbuf_appendf(&note, "This query failed, so what it would show is missing: %s", err.data);
		page_missing(r, note.data);
		strbuf_free(&note);
	}
	strbuf_reset(&err);
	if (!pgc_command(r->conn, "ROLLBACK TO SAVEPOINT report_query", &err))
	{
		fprintf(stderr, "collcog-report: %s\n", err.data);
		exit(3);
	}
	strbuf_free(&err);
	return NULL;
}

bool
query_has_function(Report *r, const char *name)
{
	char	   *sql = query_sql(r, "SELECT 1 FROM pg_catalog.pg_proc p "
								"WHERE p.proname = $1 AND p.pronamespace = "
								"(SELECT e.extnamespace FROM pg_catalog.pg_extension e "
								"WHERE e.extname = 'collcog')");
	const char *params[1] = {name};
	PGresult   *res = query_run(r, sql, 1, params);
	bool		has = res != NULL && PQntuples(res) > 0;

	PQclear(res);
	free(sql);
	return has;
}

long long
query_count(Report *r, const char *sql_template)
{
	char	   *sql = query_sql(r, sql_template);
	PGresult   *res = query_run(r, sql, 0, NULL);
	long long	n = -1;

	if (res != NULL && PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
		n = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	free(sql);
	return n;
}

char *
query_array_literal(const PGresult *res, int col, int from)
{
	StrBuf		lit;

	strbuf_init(&lit);
	strbuf_appendc(&lit, '{');
	for (int i = from; i < PQntuples(res); i++)
	{
		if (i > from)
			strbuf_appendc(&lit, ',');
		if (PQgetisnull(res, i, col))
		{
			strbuf_appends(&lit, "NULL");
			continue;
		}
		strbuf_appendc(&lit, '"');
		for (const char *c = PQgetvalue(res, i, col); *c; c++)
		{
			if (*c == '"' || *c == '\\')
				strbuf_appendc(&lit, '\\');
			strbuf_appendc(&lit, *c);
		}
		strbuf_appendc(&lit, '"');
	}
	strbuf_appendc(&lit, '}');
	return lit.data;
}

const char *
query_built_runs(Report *r)
{
	char	   *sql;
	PGresult   *res;

	if (r->built_runs_known)
		return r->built_runs;
	r->built_runs_known = true;
	if (query_count(r, "SELECT count(*) FROM @.runs r WHERE NOT EXISTS (SELECT 1 FROM @.run_builds b "
					"WHERE b.run_id = r.run_id AND NOT b.skipped AND b.n_events > 0)") == 0)
		return NULL;
	sql = query_sql(r, "SELECT b.run_id::text FROM @.run_builds b "
					"WHERE NOT b.skipped AND b.n_events > 0 ORDER BY 1");
	res = query_run(r, sql, 0, NULL);
	/* a failed look-up leaves an empty list: nothing read rather than runs not built */
	r->built_runs = res ? query_array_literal(res, 0, 0) : xstrdup("{}");
	PQclear(res);
	free(sql);
	return r->built_runs;
}

int
query_col(const PGresult *res, const char *name)
{
	return PQfnumber(res, name);
}

/* A number as PostgreSQL writes float8: digits, NaN, Infinity, -Infinity. */
static double
parse_double(const char *s, bool *ok)
{
	char	   *end;
	double		v;

	if (strcmp(s, "NaN") == 0)
		return *ok = true, NAN;
	if (strcmp(s, "Infinity") == 0)
		return *ok = true, INFINITY;
	if (strcmp(s, "-Infinity") == 0)
		return *ok = true, -INFINITY;
	v = strtod(s, &end);
	*ok = end != s && *end == '\0';
	return *ok ? v : NAN;
}

double
query_double(const PGresult *res, int row, int col)
{
	bool		ok;

	if (col < 0 || row >= PQntuples(res) || PQgetisnull(res, row, col))
		return NAN;
	return parse_double(PQgetvalue(res, row, col), &ok);
}

double *
query_double_array(const PGresult *res, int row, int col, int *n)
{
	const char *s;
	double	   *out;
	int			cap = 16;

	*n = 0;
	if (col < 0 || row >= PQntuples(res) || PQgetisnull(res, row, col))
		return NULL;
	s = PQgetvalue(res, row, col);
	out = xmalloc(sizeof(double) * (size_t) cap);
	while (*s)
	{
		size_t		len;
		char		item[64];
		bool		ok;

		s += strspn(s, "{},");
		len = strcspn(s, "{},");
		if (len == 0)
			break;
		if (*n == cap)
		{
			cap *= 2;
			out = xrealloc(out, sizeof(double) * (size_t) cap);
		}
		snprintf(item, sizeof(item), "%.*s", (int) (len < 63 ? len : 63), s);
		out[(*n)++] = strcmp(item, "NULL") == 0 ? NAN : parse_double(item, &ok);
		s += len;
	}
	return out;
}
