/*
 * collcog-whowhen: turn the Who&When failure traces (Zhang et al., ICML 2025; 184 runs of
 * CaptainAgent and Magentic-One) into collcog trace JSONL, one record per line.
 *
 *   collcog-whowhen [-o FILE] PATH...
 *
 * PATH is the folder holding Algorithm-Generated/ and Hand-Crafted/, one of those two
 * folders, or single run files. Runs come out sorted by subset (AG, then HC) and numeric file
 * stem. Each run is a "run" record, then its "agent" records, then its "event" records in
 * step order. The mapping and its recorded/derived/inferred (R/D/I) status are documented in
 * docs/real-traces.md; every event carries payload.provenance with that status.
 *
 * Nothing is written unless every input converts: a malformed file is reported as
 * "FILE: what is wrong" on stderr and the exit status is 1 (2 for usage errors).
 */
#include <stdio.h>
#include <unistd.h>

#include "whowhen/whowhen.h"

static void
usage(FILE *f)
{
	fprintf(f,
			"Usage: collcog-whowhen [-o FILE] PATH...\n"
			"Convert Who&When failure traces into collcog trace JSONL (see docs/real-traces.md).\n"
			"\n"
			"PATH is the folder holding Algorithm-Generated/ and Hand-Crafted/, one of those\n"
			"folders, or single run files. Output goes to standard output unless -o is given;\n"
			"nothing is written when any input is malformed.\n"
			"\n"
			"  -o FILE   write the JSONL to FILE\n"
			"  -h        show this help\n"
			"\n"
			"Example: collcog-whowhen ../shared/data/real_traces/who_and_when | collcog-load -\n");
}

int
main(int argc, char **argv)
{
	const char *outpath = NULL;
	FileList	list;
	StrBuf		out;
	int			opt;
	int			status = 1;

	while ((opt = getopt(argc, argv, "o:h")) != -1)
	{
		switch (opt)
		{
			case 'o':
				outpath = optarg;
				break;
			case 'h':
				usage(stdout);
				return 0;
			default:
				usage(stderr);
				return 2;
		}
	}
	if (optind >= argc)
	{
		usage(stderr);
		return 2;
	}

	collect_inputs(&list, argv + optind, argc - optind);
	strbuf_init(&out);
	if (!had_error)				/* then convert them all, to report every bad file */
		for (size_t i = 0; i < list.n; i++)
			convert_file(&list.items[i], &out);
	if (!had_error)
		status = write_output(&out, outpath);
	file_list_free(&list);
	strbuf_free(&out);
	return status;
}
