/*
 * The parameters of a run's condition class (topology, task_family) from a table shaped like
 * dti_estimate()'s result, with the same errors for the replay and the live watcher.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "dti_pg.h"
#include "pg/common/core_error.h"
#include "pg/common/spi_exec.h"

const char *const dti_param_names[3] = {"c", "beta_c", "tau"};

char *
DtiParamsJoin(Oid params)
{
	return psprintf(" LEFT JOIN %s p ON p.topology::text IS NOT DISTINCT FROM r.topology "
					"AND p.task_family::text IS NOT DISTINCT FROM r.task_family",
					SpiRelationName(params));
}

/* A class column of the row as a literal for a message, or NULL. */
static const char *
ClassValue(HeapTuple tup, TupleDesc desc, int col)
{
	char	   *v = SPI_getvalue(tup, desc, col);

	return v ? quote_literal_cstr(v) : "NULL";
}

cc_dti_params
DtiClassParams(HeapTuple tup, TupleDesc desc, Oid params, const char *prev_run)
{
	char	   *run = SPI_getvalue(tup, desc, 1);
	const char *table = get_rel_name(params);
	bool		isnull[3];
	double		v[3];
	cc_dti_params p;
	cc_error	err;

	if (prev_run != NULL && strcmp(prev_run, run) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_CARDINALITY_VIOLATION),
				 errmsg("%s has more than one row for the class of run \"%s\" (topology %s, task_family %s)",
						table, run, ClassValue(tup, desc, 2), ClassValue(tup, desc, 3))));
	for (int k = 0; k < 3; k++)
		v[k] = DatumGetFloat8(SPI_getbinval(tup, desc, 4 + k, &isnull[k]));
	if (isnull[0] && isnull[1] && isnull[2])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has no parameters for the class of run \"%s\" (topology %s, task_family %s)",
						table, run, ClassValue(tup, desc, 2), ClassValue(tup, desc, 3)),
				 errhint("Estimate them with dti_estimate() over baseline runs of that class.")));
	for (int k = 0; k < 3; k++)
		if (isnull[k])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s has a NULL %s for the class of run \"%s\"",
							table, dti_param_names[k], run),
					 errdetail("dti_estimate() gives NULL parameters where a class cannot determine them.")));
	p.c = v[0];
	p.beta = v[1];
	p.tau = v[2];
	if (cc_dti_check(&p, dti_param_names, &err) != CC_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the parameters of the class of run \"%s\" in %s are not usable: %s",
						run, table, err.message)));
	return p;
}
