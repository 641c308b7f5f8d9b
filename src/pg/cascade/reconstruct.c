/*
 * Reconstruction of one run from the glue: the contradiction-burst windows from the
 * arguments, and the core call.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "pg/common/args.h"
#include "pg/common/core_error.h"

#include "cascade_pg.h"

cc_cascade_options
CascadeWindowOptions(FunctionCallInfo fcinfo, int steps_arg, int interval_arg)
{
	cc_cascade_options opt = {CC_WINDOW_RUN, 0};
	bool		by_steps = ArgGiven(fcinfo, steps_arg);
	bool		by_time = ArgGiven(fcinfo, interval_arg);

	if (by_steps && by_time)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("burst_steps and burst_interval cannot both be given")));
	if (by_steps)
	{
		int64		w = PG_GETARG_INT64(steps_arg);

		if (w <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("burst_steps must be positive, not " INT64_FORMAT, w)));
		opt.burst_window = CC_WINDOW_STEPS;
		opt.burst_width = w;
	}
	else if (by_time)
	{
		Interval   *iv = PG_GETARG_INTERVAL_P(interval_arg);

		if (iv->month != 0 || iv->day != 0 || iv->time <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("burst_interval must be a positive interval of hours, minutes or seconds, not \"%s\"",
							DatumGetCString(DirectFunctionCall1(interval_out,
																IntervalPGetDatum(iv))))));
		opt.burst_window = CC_WINDOW_TIME;
		opt.burst_width = iv->time;
	}
	return opt;
}

cc_status
CascadeReconstruct(const cc_cascade_input *in, cc_cascade_result *res, cc_error *err,
				   bool skip_bad)
{
	cc_status	status = cc_cascade_reconstruct(in, res, err);

	if (status != CC_OK && !(skip_bad && (status == CC_ELINEAGE || status == CC_EINVAL)))
		cc_report(err);
	return status;
}
