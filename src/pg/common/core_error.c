/*
 * Turn a core error record into ereport(ERROR) with a proper SQLSTATE.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "pg/common/core_error.h"

/* The SQLSTATE for each core status code. */
static int
cc_sqlstate(cc_status code)
{
	switch (code)
	{
		case CC_EINVAL:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case CC_ETOOFEW:
		case CC_ENOCONV:
			return ERRCODE_DATA_EXCEPTION;
		case CC_ELINEAGE:
			return ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION;
		case CC_ECORRUPT:
			return ERRCODE_INVALID_BINARY_REPRESENTATION;
		case CC_ESYNTAX:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case CC_ELIMIT:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case CC_ERANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case CC_ENOMEM:
			return ERRCODE_OUT_OF_MEMORY;
		case CC_ECANCEL:
			return ERRCODE_QUERY_CANCELED;
		case CC_OK:
			break;
	}
	return ERRCODE_INTERNAL_ERROR;
}

void
cc_report(const cc_error *err)
{
	if (err->code == CC_ECANCEL)
	{
		/* Let PostgreSQL report the cancel or timeout in its own words. */
		CHECK_FOR_INTERRUPTS();
	}
	if (err->code == CC_OK)
		elog(ERROR, "collcog: error reported without an error code");
	ereport(ERROR,
			(errcode(cc_sqlstate(err->code)),
			 errmsg("%s", err->message),
			 err->detail[0] ? errdetail("%s", err->detail) : 0));
}
