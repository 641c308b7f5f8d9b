/*
 * collcog-dti-listen: LISTEN on channel collcog_dti and print the payload of every DTI trigger
 * the live watcher (dti_watch(), docs/guide-dti-live.md) notifies, one JSON object per line,
 * as the inserting transactions commit.
 *
 *   collcog-dti-listen [-d DBNAME] [-h HOST] [-p PORT] [-U USER] [-n COUNT]
 *
 * "listening on collcog_dti" goes to stderr once the LISTEN is in place. It runs until COUNT
 * payloads have been printed (-n), or until it is interrupted or the connection is lost (exit
 * status 1; 2 for usage errors).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/select.h>

#include "pg_client.h"

static void
usage(FILE *f)
{
	fprintf(f,
			"Usage: collcog-dti-listen [OPTION]...\n"
			"Print the payload of every DTI trigger notified on channel collcog_dti (one JSON\n"
			"object per line), as the transactions that insert the events commit.\n"
			"\n"
			"  -d, --dbname=DBNAME     database name or connection string\n"
			"  -h, --host=HOST         database server host or socket directory\n"
			"  -p, --port=PORT         database server port\n"
			"  -U, --username=USER     database user name\n"
			"  -n, --count=COUNT       exit after COUNT payloads\n"
			"      --help              show this help\n"
			"\n"
			"Install the watcher first: SELECT dti_watch('dti_params');\n");
}

/* Print every notification received so far; false once count payloads are out. */
static bool
print_notifications(PGconn *conn, long *left)
{
	PGnotify   *note;

	while ((note = PQnotifies(conn)) != NULL)
	{
		printf("%s\n", note->extra);
		PQfreemem(note);
		if (*left > 0 && --*left == 0)
		{
			fflush(stdout);
			return false;
		}
	}
	fflush(stdout);
	return true;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"host", required_argument, NULL, 'h'},
		{"port", required_argument, NULL, 'p'},
		{"username", required_argument, NULL, 'U'},
		{"count", required_argument, NULL, 'n'},
		{"help", no_argument, NULL, 1},
		{NULL, 0, NULL, 0}
	};
	PgConnOptions opts = {NULL, NULL, NULL, NULL, "collcog-dti-listen"};
	long		left = 0;
	StrBuf		err;
	PGconn	   *conn;
	int			c;

	while ((c = getopt_long(argc, argv, "d:h:p:U:n:", longopts, NULL)) != -1)
	{
		char	   *end;

		switch (c)
		{
			case 'n':
				errno = 0;
				left = strtol(optarg, &end, 10);
				if (errno != 0 || *end != '\0' || left <= 0)
				{
					fprintf(stderr, "collcog-dti-listen: -n needs a positive count, not \"%s\"\n", optarg);
					return 2;
				}
				break;
			case 1:
				usage(stdout);
				return 0;
			default:
				if (pgc_conn_option(&opts, c, optarg))
					break;
				usage(stderr);
				return 2;
		}
	}
	if (optind < argc)
	{
		usage(stderr);
		return 2;
	}
	strbuf_init(&err);
	if ((conn = pgc_connect(&opts, &err)) == NULL || !pgc_command(conn, "LISTEN collcog_dti", &err))
	{
		fprintf(stderr, "collcog-dti-listen: %s\n", err.data);
		return 1;
	}
	fprintf(stderr, "listening on collcog_dti\n");
	for (;;)
	{
		int			sock = PQsocket(conn);
		fd_set		in;

		FD_ZERO(&in);
		FD_SET(sock, &in);
		if (select(sock + 1, &in, NULL, NULL, NULL) < 0)
		{
			if (errno == EINTR)
				continue;
			perror("collcog-dti-listen: select");
			break;
		}
		if (!PQconsumeInput(conn))
		{
			fprintf(stderr, "collcog-dti-listen: %s", PQerrorMessage(conn));
			break;
		}
		if (!print_notifications(conn, &left))
		{
			PQfinish(conn);
			strbuf_free(&err);
			return 0;
		}
	}
	PQfinish(conn);
	strbuf_free(&err);
	return 1;
}
