/*
 * Enum values by label (see enum_labels.h).
 */
#include "postgres.h"

#include "catalog/pg_enum.h"
#include "utils/syscache.h"

#include "pg/common/enum_labels.h"

void
EnumLabelValues(Oid enum_type, const char *const *labels, int n, Datum *out)
{
	for (int i = 0; i < n; i++)
		out[i] = ObjectIdGetDatum(GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid,
												  ObjectIdGetDatum(enum_type),
												  CStringGetDatum(labels[i])));
}
