/*
 * collcog-report: write one self-contained HTML file (inline SVG and CSS, no script, no
 * network) with the analyses of the warehouse: an overview, H1 (heavy tails), H2 (elites
 * and attachment), H3 (extremes), DTI and paper 001's glass ceilings. See docs/report.md.
 *
 *   collcog-report [-d DBNAME] [-h HOST] [-p PORT] [-U USER] [--schema=SCHEMA] [-o FILE]
 *
 * It reads one snapshot (a REPEATABLE READ, READ ONLY transaction) and writes nothing to the
 * database. A section whose data or functions are absent says so. Exit status 0 when the
 * report is written (even if some of its queries failed: the report says which), 1 when the
 * file cannot be written, 2 for usage errors, 3 for connection or server failures.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_client.h"
#include "report/report.h"

#define EXIT_USAGE 2
#define EXIT_CONNECTION 3

static void
usage(FILE *f)
{
	fputs("Usage: collcog-report [OPTION]...\n"
		  "Write the collective-cognition report of the warehouse as one HTML file\n"
		  "(inline SVG figures, no script, no network).\n"
		  "\n"
		  "  -o, --output=FILE       the HTML file (default: standard output)\n"
		  "      --schema=SCHEMA     schema of the extension (default: where it is installed)\n"
		  "  -v, --verbose           each query's time on standard error\n"
		  "\n"
		  "Connection (libpq; PG* environment variables apply):\n"
		  "  -d, --dbname=DBNAME     database name or connection string\n"
		  "  -h, --host=HOST         database server host or socket directory\n"
		  "  -p, --port=PORT         database server port\n"
		  "  -U, --username=USER     database user name\n"
		  "      --help              show this help\n", f);
}

/* Write the whole text to path ("-" or NULL: stdout); false with errno's message printed. */
static bool
write_file(const char *path, const cc_text *text)
{
	FILE	   *f = (path == NULL || strcmp(path, "-") == 0) ? stdout : fopen(path, "wb");
	bool		ok;

	if (f == NULL)
	{
		perror(path);
		return false;
	}
	ok = fwrite(text->data, 1, text->len, f) == text->len;
	ok = (f == stdout ? fflush(f) == 0 : fclose(f) == 0) && ok;
	if (!ok)
		perror(path ? path : "stdout");
	return ok;
}

int
main(int argc, char **argv)
{
	enum
	{
		OPT_HELP = 256, OPT_SCHEMA
	};
	static const struct option longopts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"host", required_argument, NULL, 'h'},
		{"port", required_argument, NULL, 'p'},
		{"username", required_argument, NULL, 'U'},
		{"output", required_argument, NULL, 'o'},
		{"schema", required_argument, NULL, OPT_SCHEMA},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	PgConnOptions opts = {NULL, NULL, NULL, NULL, "collcog-report"};
	const char *output = NULL;
	const char *schema = NULL;
	Report		r;
	StrBuf		err;
	char	   *plain_schema;
	int			c;

	memset(&r, 0, sizeof(r));
	while ((c = getopt_long(argc, argv, "d:h:p:U:o:v", longopts, NULL)) != -1)
	{
		switch (c)
		{
			case 'o':
				output = optarg;
				break;
			case 'v':
				r.verbose = true;
				break;
			case OPT_SCHEMA:
				schema = optarg;
				break;
			case OPT_HELP:
				usage(stdout);
				return 0;
			default:
				if (pgc_conn_option(&opts, c, optarg))
					break;
				usage(stderr);
				return EXIT_USAGE;
		}
	}
	if (optind < argc)
	{
		usage(stderr);
		return EXIT_USAGE;
	}
	strbuf_init(&err);
	if ((r.conn = pgc_connect(&opts, &err)) == NULL ||
		!pgc_command(r.conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", &err) ||
		!pgc_command(r.conn, "SET LOCAL search_path = pg_catalog", &err) ||
		(plain_schema = schema ? xstrdup(schema) : pgc_extension_schema(r.conn, "collcog", &err)) == NULL)
	{
		fprintf(stderr, "collcog-report: %s\n", err.data);
		return EXIT_CONNECTION;
	}
	r.schema = pgc_quote_ident(r.conn, plain_schema);
	if (r.schema == NULL)
	{
		fprintf(stderr, "collcog-report: cannot quote the schema name\n");
		return EXIT_CONNECTION;
	}
	if (schema != NULL)
	{
		const char *params[1] = {schema};
		bool		found;

		if (!pgc_exists(r.conn, "SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n "
						"ON n.oid = p.pronamespace WHERE n.nspname = $1 AND p.proname = 'trace_summary'",
						1, params, &found, &err) || !found)
		{
			fprintf(stderr, "collcog-report: %s\n", err.len ? err.data :
					"the schema given has no collcog functions (trace_summary)");
			return EXIT_CONNECTION;
		}
	}
	cc_text_init(&r.html);
	page_begin(&r, PQdb(r.conn));
	section_overview(&r);
	section_h1(&r);
	section_h2(&r);
	section_h3(&r);
	section_dti(&r);
	section_gce(&r);
	page_end(&r);
	if (!pgc_command(r.conn, "COMMIT", &err))
	{
		fprintf(stderr, "collcog-report: %s\n", err.data);
		return EXIT_CONNECTION;
	}
	PQfinish(r.conn);
	if (r.html.failed)
	{
		fprintf(stderr, "collcog-report: out of memory\n");
		return 1;
	}
	if (!write_file(output, &r.html))
		return 1;
	if (output != NULL && strcmp(output, "-") != 0)
		fprintf(stderr, "collcog-report: wrote %s (%d figures%s)\n", output, r.figures,
				r.failed_queries ? ", some queries failed: see the report" : "");
	cc_text_free(&r.html);
	free(r.built_runs);
	free(r.schema);
	free(plain_schema);
	strbuf_free(&err);
	return 0;
}
