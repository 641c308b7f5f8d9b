/* pg_client: connecting, commands and error messages over libpq. */
#include "pg_client.h"

#include <stdlib.h>
#include <string.h>

/* Append text without its trailing newlines. */
static void
append_trimmed(StrBuf *out, const char *text)
{
	size_t		len = strlen(text);

	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	strbuf_append(out, text, len);
}

/* Add keyword = value to the connection parameters, unless value is NULL (not given). */
static void
add_param(const char **keywords, const char **values, int *n, const char *keyword,
		  const char *value)
{
	if (value == NULL)
		return;
	keywords[*n] = keyword;
	values[(*n)++] = value;
}

bool
pgc_conn_option(PgConnOptions *opts, int opt, const char *arg)
{
	switch (opt)
	{
		case 'd':
			opts->dbname = arg;
			return true;
		case 'h':
			opts->host = arg;
			return true;
		case 'p':
			opts->port = arg;
			return true;
		case 'U':
			opts->user = arg;
			return true;
		default:
			return false;
	}
}

PGconn *
pgc_connect(const PgConnOptions *opts, StrBuf *err)
{
	const char *keywords[7];
	const char *values[7];
	int			n = 0;
	PGconn	   *conn;

	/* dbname first: with expand_dbname its conninfo must not override the explicit options */
	add_param(keywords, values, &n, "dbname", opts->dbname);
	add_param(keywords, values, &n, "host", opts->host);
	add_param(keywords, values, &n, "port", opts->port);
	add_param(keywords, values, &n, "user", opts->user);
	add_param(keywords, values, &n, "fallback_application_name", opts->application_name);
	add_param(keywords, values, &n, "client_encoding", "UTF8");
	keywords[n] = NULL;
	values[n] = NULL;

	conn = PQconnectdbParams(keywords, values, 1);
	if (conn == NULL)
	{
		strbuf_appends(err, "out of memory");
		return NULL;
	}
	if (PQstatus(conn) != CONNECTION_OK)
	{
		append_trimmed(err, PQerrorMessage(conn));
		PQfinish(conn);
		return NULL;
	}
	return conn;
}

void
pgc_result_message(const PGresult *res, StrBuf *out)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;

	if (msg == NULL)
	{
		append_trimmed(out, res ? PQresultErrorMessage(res) : "no result from the server");
		return;
	}
	strbuf_appends(out, msg);
	if (detail != NULL)
	{
		strbuf_appends(out, ": ");
		append_trimmed(out, detail);
	}
}

void
pgc_clear_results(PGconn *conn, PGresult *res)
{
	PQclear(res);
	while ((res = PQgetResult(conn)) != NULL)
		PQclear(res);
}

/* Check a result; on failure put its message (or the connection's) in err. */
static bool
result_ok(PGconn *conn, PGresult *res, StrBuf *err)
{
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return true;
	if (res != NULL)
		pgc_result_message(res, err);
	else
		append_trimmed(err, PQerrorMessage(conn));
	return false;
}

bool
pgc_command(PGconn *conn, const char *sql, StrBuf *err)
{
	PGresult   *res = PQexec(conn, sql);
	bool		ok = result_ok(conn, res, err);

	PQclear(res);
	return ok;
}

bool
pgc_command_params(PGconn *conn, const char *sql, int nparams, const char *const *params,
				   StrBuf *err)
{
	PGresult   *res = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
	bool		ok = result_ok(conn, res, err);

	PQclear(res);
	return ok;
}

bool
pgc_exists(PGconn *conn, const char *sql, int nparams, const char *const *params,
		   bool *exists, StrBuf *err)
{
	PGresult   *res = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
	bool		ok = result_ok(conn, res, err);

	if (ok)
		*exists = PQntuples(res) > 0;
	PQclear(res);
	return ok;
}

char *
pgc_extension_schema(PGconn *conn, const char *extname, StrBuf *err)
{
	const char *params[1] = {extname};
	PGresult   *res = PQexecParams(conn,
								   "SELECT n.nspname FROM pg_catalog.pg_extension e "
								   "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
								   "WHERE e.extname = $1",
								   1, NULL, params, NULL, NULL, 0);
	char	   *schema = NULL;

	if (result_ok(conn, res, err))
	{
		if (PQntuples(res) == 1)
			schema = xstrdup(PQgetvalue(res, 0, 0));
		else
			strbuf_appendf(err, "extension \"%s\" is not installed in this database "
						   "(CREATE EXTENSION %s, or give --schema)", extname, extname);
	}
	PQclear(res);
	return schema;
}

char *
pgc_quote_ident(PGconn *conn, const char *name)
{
	char	   *quoted = PQescapeIdentifier(conn, name, strlen(name));
	char	   *copy;

	if (quoted == NULL)
		return NULL;
	copy = xstrdup(quoted);
	PQfreemem(quoted);
	return copy;
}
