/*
 * docs/limits.md says what include/collcog/common.h defines, and the install script's
 * trace_id domain checks CC_MAX_ID_BYTES: every CC_ limit of the header is a row of the
 * table with the header's value, and every row names a limit of the header.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "collcog/common.h"

/* Every limit is a whole number; compared exactly (as doubles 2^63 and 2^63 - 1 agree). */
typedef struct limit
{
	const char *name;
	uint64_t	value;
	int			seen;
} limit;

/* Every limit of common.h (a new one must be added here and to docs/limits.md). */
static limit limits[] = {
	{"CC_MAX_ID_BYTES", CC_MAX_ID_BYTES, 0},
	{"CC_LOAD_LINE_DEFAULT", CC_LOAD_LINE_DEFAULT, 0},
	{"CC_LOAD_LINE_LIMIT", CC_LOAD_LINE_LIMIT, 0},
	{"CC_TAIL_MAX_DISCRETE", (uint64_t) CC_TAIL_MAX_DISCRETE, 0},
	{"CC_ATT_MAX_LEVEL", CC_ATT_MAX_LEVEL, 0},
	{"CC_TAIL_MAX_COUNT", CC_TAIL_MAX_COUNT, 0},
	{"CC_TAIL_MAX_VALUES", CC_TAIL_MAX_VALUES, 0},
	{"CC_TAIL_MAX_REPLICATES", CC_TAIL_MAX_REPLICATES, 0},
	{"CC_INEQ_MAX_POINTS", CC_INEQ_MAX_POINTS, 0},
	{"CC_SIM_MAX_AGENTS", CC_SIM_MAX_AGENTS, 0},
	{"CC_SIM_MAX_SUBTASKS", CC_SIM_MAX_SUBTASKS, 0},
	{"CC_SIM_MAX_FANIN", CC_SIM_MAX_FANIN, 0},
	{"CC_SIM_MAX_RUNS", CC_SIM_MAX_RUNS, 0},
	{"CC_SIM_MAX_DIM", CC_SIM_MAX_DIM, 0},
	{"CC_SIM_MAX_TRIALS", CC_SIM_MAX_TRIALS, 0},
	{"CC_GCE_MAX_PAIR_TYPES", CC_GCE_MAX_PAIR_TYPES, 0},
	{"CC_GCE_MAX_PAIR_DIM", CC_GCE_MAX_PAIR_DIM, 0},
	{"CC_GCE_MAX_DIM", CC_GCE_MAX_DIM, 0},
	{"CC_GCE_MAX_STEPS", CC_GCE_MAX_STEPS, 0},
	{"CC_GCE_MAX_REPLICATES", CC_GCE_MAX_REPLICATES, 0},
};

#define NLIMITS (sizeof(limits) / sizeof(limits[0]))

static char *
slurp(const char *path)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t) n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t) n, f), (size_t) n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
docs_table_matches_the_header(void **state)
{
	char	   *doc = slurp(COLLCOG_SRCDIR "/docs/limits.md");
	char	   *line = strtok(doc, "\n");
	int			rows = 0;

	(void) state;
	for (; line; line = strtok(NULL, "\n"))
	{
		char		name[64];
		unsigned long long value;
		size_t		k;

		if (sscanf(line, "| `%63[A-Z_]` | %llu", name, &value) != 2)
			continue;
		rows++;
		for (k = 0; k < NLIMITS && strcmp(limits[k].name, name) != 0; k++)
			;
		if (k == NLIMITS)
			fail_msg("docs/limits.md names %s, which common.h does not define", name);
		if (value != limits[k].value)
			fail_msg("docs/limits.md gives %s = %llu, common.h %llu", name, value,
					 (unsigned long long) limits[k].value);
		limits[k].seen++;
	}
	for (size_t k = 0; k < NLIMITS; k++)
		if (limits[k].seen != 1)
			fail_msg("%s is in docs/limits.md %d times", limits[k].name, limits[k].seen);
	assert_int_equal(rows, NLIMITS);
	free(doc);
}

static void
header_names_no_other_limit(void **state)
{
	char	   *h = slurp(COLLCOG_SRCDIR "/include/collcog/common.h");
	char	   *p = h;
	int			defined = 0;

	(void) state;
	while ((p = strstr(p, "#define CC_")) != NULL)
	{
		char		name[64];

		p += strlen("#define ");
		if (sscanf(p, "%63[A-Z_]", name) != 1)
			continue;
		if (strstr(name, "MAX") == NULL && strstr(name, "LIMIT") == NULL &&
			strstr(name, "LOAD_LINE") == NULL)
			continue;
		defined++;
		for (size_t k = 0;; k++)
		{
			if (k == NLIMITS)
				fail_msg("common.h defines %s, which this test and docs/limits.md lack", name);
			if (strcmp(limits[k].name, name) == 0)
				break;
		}
	}
	assert_int_equal(defined, NLIMITS);
	free(h);
}

static void
sql_domain_uses_the_id_limit(void **state)
{
	char	   *sql = slurp(COLLCOG_SRCDIR "/src/sql/10_trace_tables.sql");
	char		check[64];

	(void) state;
	snprintf(check, sizeof(check), "octet_length(VALUE) <= %d)", CC_MAX_ID_BYTES);
	assert_non_null(strstr(sql, check));
	free(sql);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(docs_table_matches_the_header),
		cmocka_unit_test(header_names_no_other_limit),
		cmocka_unit_test(sql_domain_uses_the_id_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
