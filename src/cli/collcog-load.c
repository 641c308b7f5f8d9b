/*
 * collcog-load: load traces (JSONL, or CSV for one table) into collcog's canonical tables.
 *
 *   collcog-load [OPTION]... [FILE]...
 *   collcog-load --format e3 [OPTION]... PATH...
 *
 * Each input (a file, or - for stdin; stdin when none is given) is loaded in one transaction:
 * all or nothing, or with --quarantine all but its bad runs. The first input that fails stops
 * the command; the inputs before it stay loaded. Exit codes: 0 loaded, 1 an input was refused
 * or unreadable, 2 usage, 3 connection, extension, schema or server failure. See
 * docs/collcog-load.md and docs/trace-format.md.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "describe.h"
#include "load.h"
#include "pg_client.h"

#define EXIT_USAGE 2
#define EXIT_CONNECTION 3

#define DEFAULT_BATCH_BYTES ((size_t) 8 << 20)

typedef struct Options
{
	PgConnOptions conn;
	const char *schema;			/* --schema, or NULL to ask pg_extension */
	bool		csv;
	bool		e3;
	const char *table;
	LoadOptions load;
	bool		verbose;
} Options;

static void
usage(FILE *out)
{
	fputs("Usage: collcog-load [OPTION]... [FILE]...\n"
		  "       collcog-load --format=e3 [OPTION]... PATH...\n"
		  "Load traces into the canonical tables of the collcog extension with COPY.\n"
		  "Each FILE (- or none: standard input) is loaded in one transaction; with e3, each\n"
		  "PATH: a run folder, a tree of run folders or an events.jsonl file.\n"
		  "\n"
		  "Input:\n"
		  "  -f, --format=jsonl|csv|e3  input format (default jsonl; see docs/trace-format.md;\n"
		  "                             e3: the run folders of paper 000's logger, App. E.3)\n"
		  "  -t, --table=TABLE          with --format=csv: runs, agents, events or messages\n"
		  "      --quarantine           jsonl, e3: load the good runs, record bad ones in rejects\n"
		  "      --max-line-bytes=N     longest accepted line (default 64M; suffixes k, M, G)\n"
		  "      --batch-bytes=N        jsonl, e3: COPY data buffered before sending (default 8M)\n"
		  "\n"
		  "Connection (libpq; PG* environment variables apply):\n"
		  "  -d, --dbname=DBNAME        database name or connection string\n"
		  "  -h, --host=HOSTNAME        server host or socket directory\n"
		  "  -p, --port=PORT            server port\n"
		  "  -U, --username=USERNAME    user name\n"
		  "      --schema=SCHEMA        schema of the extension (default: where it is installed)\n"
		  "\n"
		  "Output:\n"
		  "  -q, --quiet                print errors only\n"
		  "  -v, --verbose              print a summary of each input (e3: and of each run)\n"
		  "      --help                 show this help and exit\n"
		  "\n"
		  "Exit status: 0 loaded, 1 an input was refused or unreadable (it left nothing\n"
		  "behind; earlier inputs stay loaded), 2 usage error, 3 cannot connect, no extension,\n"
		  "a schema without the tables, or a server failure.\n",
		  out);
}

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("collcog-load: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry \"collcog-load --help\" for more information.\n", stderr);
	return EXIT_USAGE;
}

/* A byte count with an optional binary suffix k, M or G. */
static bool
parse_bytes(const char *s, size_t *out)
{
	char	   *end;
	unsigned long long v;
	unsigned long long mult = 1;

	errno = 0;
	if (*s < '0' || *s > '9')
		return false;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return false;
	if (*end == 'k' || *end == 'K')
		mult = 1ULL << 10;
	else if (*end == 'm' || *end == 'M')
		mult = 1ULL << 20;
	else if (*end == 'g' || *end == 'G')
		mult = 1ULL << 30;
	if (mult > 1)
		end++;
	if (*end != '\0' || v == 0 || v > SIZE_MAX / mult)
		return false;
	*out = (size_t) (v * mult);
	return true;
}

enum
{
	OPT_QUARANTINE = 256,
	OPT_MAX_LINE,
	OPT_BATCH_BYTES,
	OPT_SCHEMA,
	OPT_HELP
};

/* Parse the command line; returns -1 to go on, or an exit code. */
static int
parse_options(int argc, char **argv, Options *o)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"table", required_argument, NULL, 't'},
		{"quarantine", no_argument, NULL, OPT_QUARANTINE},
		{"max-line-bytes", required_argument, NULL, OPT_MAX_LINE},
		{"batch-bytes", required_argument, NULL, OPT_BATCH_BYTES},
		{"dbname", required_argument, NULL, 'd'},
		{"host", required_argument, NULL, 'h'},
		{"port", required_argument, NULL, 'p'},
		{"username", required_argument, NULL, 'U'},
		{"schema", required_argument, NULL, OPT_SCHEMA},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	int			c;

	memset(o, 0, sizeof(*o));
	o->conn.application_name = "collcog-load";
	o->load.max_line = CC_LOAD_LINE_DEFAULT;
	o->load.batch_bytes = DEFAULT_BATCH_BYTES;
	while ((c = getopt_long(argc, argv, "f:t:d:h:p:U:qv", longopts, NULL)) != -1)
	{
		switch (c)
		{
			case 'f':
				o->csv = strcmp(optarg, "csv") == 0;
				o->e3 = strcmp(optarg, "e3") == 0;
				if (!o->csv && !o->e3 && strcmp(optarg, "jsonl") != 0)
					return usage_error("unknown format \"%s\" (expected jsonl, csv or e3)", optarg);
				break;
			case 't':
				o->table = optarg;
				if (!trace_table_by_name(optarg, &o->load.csv_table))
					return usage_error("unknown table \"%s\" (expected runs, agents, events "
									   "or messages)", optarg);
				break;
			case OPT_QUARANTINE:
				o->load.quarantine = true;
				break;
			case OPT_MAX_LINE:
				if (!parse_bytes(optarg, &o->load.max_line) || o->load.max_line >= CC_LOAD_LINE_LIMIT)
					return usage_error("invalid --max-line-bytes \"%s\" (a size below 1G)",
									   optarg);
				break;
			case OPT_BATCH_BYTES:
				if (!parse_bytes(optarg, &o->load.batch_bytes))
					return usage_error("invalid --batch-bytes \"%s\"", optarg);
				break;
			case OPT_SCHEMA:
				o->schema = optarg;
				break;
			case 'q':
				o->load.quiet = true;
				break;
			case 'v':
				o->verbose = true;
				break;
			case OPT_HELP:
				usage(stdout);
				return EXIT_SUCCESS;
			default:
				if (pgc_conn_option(&o->conn, c, optarg))
					break;
				fputs("Try \"collcog-load --help\" for more information.\n", stderr);
				return EXIT_USAGE;
		}
	}
	if (o->csv && o->table == NULL)
		return usage_error("%s needs --table", "--format=csv");
	if (!o->csv && o->table != NULL)
		return usage_error("%s applies to --format=csv only", "--table");
	if (o->csv && o->load.quarantine)
		return usage_error("%s applies to --format=jsonl only", "--quarantine");
	if (o->load.quiet && o->verbose)
		return usage_error("%s", "--quiet and --verbose exclude each other");
	if (o->e3 && optind == argc)
		return usage_error("%s", "--format=e3 needs a PATH (a run folder, a tree of them or an "
						   "events.jsonl file)");
	for (c = optind; o->e3 && c < argc; c++)
		if (strcmp(argv[c], "-") == 0)
			return usage_error("%s", "--format=e3 reads run folders, not standard input");
	o->load.verbose = o->verbose;
	o->load.progress = !o->load.quiet && isatty(STDERR_FILENO);
	return -1;
}

/*
 * Whether the schema exists, may be used, and holds the tables the load writes (those of
 * --table, or the four and, with --quarantine, rejects); false with the reason in err.
 */
static bool
check_schema(PGconn *conn, const Options *o, const char *schema, StrBuf *err)
{
	const char *sql =
		"SELECT pg_catalog.has_schema_privilege(n.oid, 'USAGE'), "
		"       (SELECT pg_catalog.string_agg(t.name, ', ' ORDER BY t.i) "
		"          FROM pg_catalog.unnest($2::pg_catalog.text[]) WITH ORDINALITY AS t(name, i) "
		"         WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_class c "
		"                            WHERE c.relnamespace = n.oid AND c.relname = t.name "
		"                              AND c.relkind IN ('r', 'p', 'f', 'v'))) "
		"  FROM pg_catalog.pg_namespace n WHERE n.nspname = $1";
	StrBuf		tables;
	const char *params[2];
	PGresult   *res;
	char		shown[160];
	bool		ok = false;
	int			t;

	strbuf_init(&tables);
	for (t = 0; t < TRACE_NTABLES; t++)
		if (!o->csv || (TraceTable) t == o->load.csv_table)
			strbuf_appendf(&tables, "%s%s", tables.len > 0 ? "," : "{",
						   trace_table_name((TraceTable) t));
	strbuf_appends(&tables, o->load.quarantine ? ",rejects}" : "}");
	params[0] = schema;
	params[1] = tables.data;
	describe_text(shown, sizeof(shown), schema, strlen(schema));
	res = PQexecParams(conn, sql, 2, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		pgc_result_message(res, err);
	else if (PQntuples(res) == 0)
		strbuf_appendf(err, "schema %s does not exist", shown);
	else if (strcmp(PQgetvalue(res, 0, 0), "t") != 0)
		strbuf_appendf(err, "permission denied for schema %s", shown);
	else if (!PQgetisnull(res, 0, 1))
		strbuf_appendf(err, "schema %s lacks tables the load writes to: %s (give the schema "
					   "the collcog extension is installed in)", shown, PQgetvalue(res, 0, 1));
	else
		ok = true;
	PQclear(res);
	strbuf_free(&tables);
	return ok;
}

/* The schema given with --schema or the one the extension is installed in, checked. */
static char *
find_schema(PGconn *conn, const Options *o, StrBuf *err)
{
	char	   *schema = o->schema != NULL ? xstrdup(o->schema) :
		pgc_extension_schema(conn, "collcog", err);

	if (schema != NULL && !check_schema(conn, o, schema, err))
	{
		free(schema);
		schema = NULL;
	}
	return schema;
}

/*
 * The columns the schema's tables have (an older version of the extension lacks the columns
 * added since); false with the reason in err.
 */
static bool
find_columns(PGconn *conn, const char *schema, TraceColumns *cols, StrBuf *err)
{
	const char *sql =
		"SELECT c.relname, a.attname FROM pg_catalog.pg_attribute a "
		"  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
		"  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
		" WHERE n.nspname = $1 AND a.attnum > 0 AND NOT a.attisdropped";
	const char *params[1] = {schema};
	PGresult   *res = PQexecParams(conn, sql, 1, NULL, params, NULL, NULL, 0);
	bool		ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	int			i;

	memset(cols, 0, sizeof(*cols));
	if (!ok)
		pgc_result_message(res, err);
	for (i = 0; ok && i < PQntuples(res); i++)
	{
		TraceTable	t;
		int			c;

		if (trace_table_by_name(PQgetvalue(res, i, 0), &t) &&
			(c = trace_table_column_index(t, PQgetvalue(res, i, 1))) >= 0)
			cols->present[t] |= UINT32_C(1) << c;
	}
	PQclear(res);
	return ok;
}

/* Connect and find the tables' schema, quoted; returns NULL after printing why not. */
static PGconn *
connect_database(Options *o, char **schema_quoted)
{
	StrBuf		err;
	PGconn	   *conn;
	char	   *schema = NULL;

	strbuf_init(&err);
	conn = pgc_connect(&o->conn, &err);
	if (conn != NULL)
		schema = find_schema(conn, o, &err);
	if (schema != NULL && !find_columns(conn, schema, &o->load.columns, &err))
	{
		free(schema);
		schema = NULL;
	}
	if (schema != NULL)
		*schema_quoted = pgc_quote_ident(conn, schema);
	if (conn != NULL && (schema == NULL || *schema_quoted == NULL))
	{
		if (schema != NULL)
			strbuf_appends(&err, PQerrorMessage(conn));
		PQfinish(conn);
		conn = NULL;
	}
	if (conn == NULL)
		fprintf(stderr, "collcog-load: %s\n", err.data);
	free(schema);
	strbuf_free(&err);
	return conn;
}

static void
print_summary(const LoadInput *in, const LoadStats *st)
{
	int64_t		total = 0;
	int			t;

	for (t = 0; t < TRACE_NTABLES; t++)
		total += st->rows[t];
	fprintf(stderr, "%s: loaded %" PRId64 " runs, %" PRId64 " agents, %" PRId64 " events, %"
			PRId64 " messages in %.2f s (%.0f rows/s)", in->name, st->rows[TRACE_RUNS],
			st->rows[TRACE_AGENTS], st->rows[TRACE_EVENTS], st->rows[TRACE_MESSAGES],
			st->seconds, st->seconds > 0 ? (double) total / st->seconds : 0.0);
	if (st->rejected_runs > 0)
		fprintf(stderr, "; quarantined %" PRId64 " runs (%" PRId64 " more records skipped)",
				st->rejected_runs, st->skipped_records);
	fputc('\n', stderr);
}

/* Load one input (a path or -); returns its status as an exit code. */
static int
load_input(PGconn *conn, const Options *o, const char *path)
{
	LoadInput	in;
	LoadStats	stats;
	struct stat sb;
	LoadStatus	status;
	bool		is_stdin = strcmp(path, "-") == 0;

	if (o->e3)
	{
		status = load_e3(conn, &o->load, path, &stats);
		in.name = path;
		if (status == LOAD_OK && stats.records > 0 && (o->verbose || o->load.progress))
			print_summary(&in, &stats);
		return status;
	}
	in.name = is_stdin ? "<stdin>" : path;
	in.fp = is_stdin ? stdin : fopen(path, "rb");
	if (in.fp == NULL)
	{
		fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
		return LOAD_DATA_ERROR;
	}
	in.size = (fstat(fileno(in.fp), &sb) == 0 && S_ISREG(sb.st_mode)) ? (int64_t) sb.st_size : -1;
	status = o->csv ? load_csv(conn, &o->load, &in, &stats) : load_jsonl(conn, &o->load, &in, &stats);
	if (status == LOAD_OK && stats.records > 0 && (o->verbose || o->load.progress))
		print_summary(&in, &stats);
	if (!is_stdin)
		fclose(in.fp);
	return status;
}

int
main(int argc, char **argv)
{
	Options		o;
	PGconn	   *conn;
	char	   *schema_quoted = NULL;
	int			rc;
	int			i;

	rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	conn = connect_database(&o, &schema_quoted);
	if (conn == NULL)
		return EXIT_CONNECTION;
	o.load.schema = schema_quoted;

	rc = EXIT_SUCCESS;
	if (optind == argc)
		rc = load_input(conn, &o, "-");
	for (i = optind; i < argc && rc == EXIT_SUCCESS; i++)
		rc = load_input(conn, &o, argv[i]);

	free(schema_quoted);
	PQfinish(conn);
	return rc;
}
