/*
 * pg_client: the libpq chores of the command-line tools: connecting with the standard options,
 * running commands, one-row existence checks, and turning error results into one line.
 */
#ifndef COLLCOG_CLI_PG_CLIENT_H
#define COLLCOG_CLI_PG_CLIENT_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "strbuf.h"

typedef struct PgConnOptions
{
	const char *dbname;			/* a database name or a conninfo string/URI; NULL for PG* */
	const char *host;
	const char *port;
	const char *user;
	const char *application_name;
} PgConnOptions;

/* The standard connection options -d, -h, -p and -U: sets the one opt names and returns
 * true, or returns false for any other option. */
bool		pgc_conn_option(PgConnOptions *opts, int opt, const char *arg);
/* Connect (client_encoding UTF8); on failure returns NULL with the reason in err. */
PGconn	   *pgc_connect(const PgConnOptions *opts, StrBuf *err);
/* Append a failed result's message, and its detail when there is one, as one line. */
void		pgc_result_message(const PGresult *res, StrBuf *out);
/* Clear res and the results still to come of the command in progress (such as a COPY's),
 * so that the connection is ready for the next command. */
void		pgc_clear_results(PGconn *conn, PGresult *res);
/* Run a command that returns no rows; false with the message in err on failure. */
bool		pgc_command(PGconn *conn, const char *sql, StrBuf *err);
/* Run a parameterised command (text parameters, NULL for SQL NULL); false on failure. */
bool		pgc_command_params(PGconn *conn, const char *sql, int nparams,
							   const char *const *params, StrBuf *err);
/* Run a query with text parameters and tell whether it returned a row. */
bool		pgc_exists(PGconn *conn, const char *sql, int nparams, const char *const *params,
					   bool *exists, StrBuf *err);
/* The schema of an installed extension, malloc'd, or NULL (err says why). */
char	   *pgc_extension_schema(PGconn *conn, const char *extname, StrBuf *err);
/* name quoted as an SQL identifier, malloc'd. */
char	   *pgc_quote_ident(PGconn *conn, const char *name);

#endif
