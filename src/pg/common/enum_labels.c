/*
 * Enum values by label (see enum_labels.h).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "pg/common/enum_labels.h"

void
EnumLabelValues(Oid enum_type, const char *const *labels, int n, Datum *out)
{
	for (int i = 0; i < n; i++)
		out[i] = DirectFunctionCall2(enum_in, CStringGetDatum(labels[i]),
									 ObjectIdGetDatum(enum_type));
}
