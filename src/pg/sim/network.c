/*
 * SQL entry points of the network-formation simulator (paper 001, Sec. 2.2 and 5.4):
 * simulate_network (messages), simulate_network_runs and simulate_network_agents, with the
 * same arguments. Value-per-call SRFs with the generator state in the multi-call context.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "collcog/sim.h"
#include "pg/common/args.h"
#include "pg/common/core_error.h"
#include "sim_pg.h"

PG_FUNCTION_INFO_V1(simulate_network);
PG_FUNCTION_INFO_V1(simulate_network_runs);
PG_FUNCTION_INFO_V1(simulate_network_agents);

enum
{
	A_STEPS = 0, A_P, A_Q, A_R, A_M1, A_M2, A_M3, A_D, A_DELTA, A_XI, A_INITIAL_R,
	A_INITIAL_B, A_INITIAL_WEIGHT, A_MU, A_NOISE, A_BETA, A_UNIFORM, A_RUNS, A_SEED,
	A_RUN_PREFIX, A_START_TIME, A_NARGS
};

typedef struct network_args
{
	cc_sim_network_params p;
	char	   *run_prefix;
	TimestampTz start;
	int64		user_seed;
} network_args;

static void
read_args(FunctionCallInfo fcinfo, network_args *a)
{
	cc_sim_network_params *p = &a->p;
	cc_error	err;
	double	   *mu;
	int			nmu,
				ndim,
				dims[2];

	if (PG_NARGS() != A_NARGS)
		elog(ERROR, "simulate_network: expected %d arguments, got %d", A_NARGS, PG_NARGS());
	cc_sim_network_defaults(p);
	p->steps = ArgInt64(fcinfo, A_STEPS, "steps");
	p->p = ArgFloat8(fcinfo, A_P, "p");
	p->q = ArgFloat8(fcinfo, A_Q, "q");
	p->r = ArgFloat8(fcinfo, A_R, "r");
	p->trials[0] = ArgInt32(fcinfo, A_M1, "m1");
	p->trials[1] = ArgInt32(fcinfo, A_M2, "m2");
	p->trials[2] = ArgInt32(fcinfo, A_M3, "m3");
	p->dim = ArgInt32(fcinfo, A_D, "d");
	p->delta = ArgFloat8(fcinfo, A_DELTA, "delta");
	p->xi = ArgFloat8(fcinfo, A_XI, "xi");
	p->initial_r = ArgInt32(fcinfo, A_INITIAL_R, "initial_r");
	p->initial_b = ArgInt32(fcinfo, A_INITIAL_B, "initial_b");
	p->initial_weight = ArgFloat8(fcinfo, A_INITIAL_WEIGHT, "initial_weight");
	p->noise = ArgFloat8(fcinfo, A_NOISE, "noise");
	p->beta = ArgFloat8(fcinfo, A_BETA, "beta");
	p->uniform_within_type = ArgBool(fcinfo, A_UNIFORM, "uniform_within_type");
	p->runs = ArgInt32(fcinfo, A_RUNS, "runs");
	a->user_seed = ArgInt64(fcinfo, A_SEED, "seed");
	p->seed = (uint64_t) a->user_seed;
	a->run_prefix = sim_arg_run_prefix(fcinfo, A_RUN_PREFIX);
	a->start = ArgTimestamptz(fcinfo, A_START_TIME, "start_time");
	if (p->dim < 1 || p->dim > CC_SIM_MAX_DIM)
	{
		cc_sim_network_check(p, &err);	/* p->mu is still NULL: reports d first */
		cc_report(&err);
	}

	/* mu: 4 values (one per type pair, every dimension) or a 4 x d array */
	mu = ArgFloat8Array(fcinfo, A_MU, "mu", &nmu, &ndim, dims);
	if (ndim == 1 && nmu == 4)
	{
		p->mu = palloc(sizeof(double) * 4 * p->dim);
		for (int ab = 0; ab < 4; ab++)
			for (int k = 0; k < p->dim; k++)
				p->mu[ab * p->dim + k] = mu[ab];
	}
	else if (ndim == 2 && dims[0] == 4 && dims[1] == p->dim)
		p->mu = mu;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mu must have 4 elements or 4 rows of d = %d elements", p->dim),
				 errdetail("The rows are the mean weights of the type pairs (target, source) = (R, R), (R, B), (B, R), (B, B).")));
	if (cc_sim_network_check(p, &err) != CC_OK)
		cc_report(&err);
}

static cc_sim_network *
create_sim(network_args *a)
{
	cc_sim_network *sim;
	cc_error	err;

	cc_check(cc_sim_network_create(&a->p, &sim, &err), &err);
	return sim;
}

static cc_sim_what
advance(cc_sim_network *sim, cc_sim_message *msg)
{
	cc_sim_what what;
	cc_error	err;

	CHECK_FOR_INTERRUPTS();
	if (cc_sim_network_next(sim, msg, &what, &err) != CC_OK)
		cc_report(&err);
	return what;
}


typedef struct net_state
{
	network_args a;
	cc_sim_network *sim;
	MemoryContext mcxt;
	ResultRow  *row;
	int64		cur_run;
	Datum		run_id;
	int32		agent;			/* agents: next agent of the run that ended */
	int			listing;		/* agents: a run ended, list its agents */
} net_state;

static net_state *
first_call(FunctionCallInfo fcinfo, FuncCallContext *funcctx, int ncols,
		   const ResultColumn *cols)
{
	MemoryContext old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
	net_state  *st = palloc0(sizeof(*st));

	st->mcxt = funcctx->multi_call_memory_ctx;
	read_args(fcinfo, &st->a);
	st->row = sim_result_row(fcinfo, ncols, cols);
	st->sim = create_sim(&st->a);
	st->cur_run = -1;
	funcctx->user_fctx = st;
	MemoryContextSwitchTo(old);
	return st;
}

/*
 * Advance to the next record of kind want (a message, or the end of a run), or to the end,
 * which frees the simulation. The core allocates in the multi-call context, so its state
 * survives between calls.
 */
static cc_sim_what
advance_to(net_state *st, cc_sim_what want, cc_sim_message *msg)
{
	MemoryContext old = MemoryContextSwitchTo(st->mcxt);
	cc_sim_what what;

	do
		what = advance(st->sim, msg);
	while (what != want && what != CC_SIM_DONE);
	MemoryContextSwitchTo(old);
	if (what == CC_SIM_DONE)
	{
		cc_sim_network_free(st->sim);
		st->sim = NULL;
	}
	return what;
}

/* simulate_network: the messages, with the columns of the messages table. */
enum
{
	MSG_RUN_ID, MSG_T, MSG_SOURCE, MSG_TARGET, MSG_WEIGHT, MSG_NCOLS
};

static const ResultColumn message_columns[MSG_NCOLS] = {
	{"run_id", TEXTOID}, {"t", INT4OID}, {"source", TEXTOID}, {"target", TEXTOID},
	{"weight", FLOAT8ARRAYOID}
};

Datum
simulate_network(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	net_state  *st;
	cc_sim_message msg;
	Datum	   *w;

	if (SRF_IS_FIRSTCALL())
		first_call(fcinfo, SRF_FIRSTCALL_INIT(), MSG_NCOLS, message_columns);
	funcctx = SRF_PERCALL_SETUP();
	st = funcctx->user_fctx;
	if (advance_to(st, CC_SIM_EVENT, &msg) == CC_SIM_DONE)
		SRF_RETURN_DONE(funcctx);
	if (msg.run != st->cur_run)
	{
		MemoryContext old = MemoryContextSwitchTo(st->mcxt);

		if (st->cur_run >= 0)
			pfree(DatumGetPointer(st->run_id));
		st->cur_run = msg.run;
		st->run_id = sim_text_printf("%s/" INT64_FORMAT, st->a.run_prefix, msg.run + 1);
		MemoryContextSwitchTo(old);
	}
	w = palloc(sizeof(Datum) * st->a.p.dim);
	for (int k = 0; k < st->a.p.dim; k++)
		w[k] = Float8GetDatum(msg.weight[k]);
	ResultRowClear(st->row);
	ResultRowSet(st->row, MSG_RUN_ID, st->run_id);
	ResultRowSet(st->row, MSG_T, Int32GetDatum((int32) msg.t));
	ResultRowSet(st->row, MSG_SOURCE, sim_text_printf("a%d", msg.source));
	ResultRowSet(st->row, MSG_TARGET, sim_text_printf("a%d", msg.target));
	ResultRowSet(st->row, MSG_WEIGHT,
				 PointerGetDatum(construct_array(w, st->a.p.dim, FLOAT8OID, sizeof(float8),
												 FLOAT8PASSBYVAL, TYPALIGN_DOUBLE)));
	SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(ResultRowTuple(st->row)));
}

static void
json_vector(StringInfo buf, const double *x, int n)
{
	appendStringInfoChar(buf, '[');
	for (int k = 0; k < n; k++)
	{
		if (k > 0)
			appendStringInfoString(buf, ", ");
		sim_json_float(buf, x[k]);
	}
	appendStringInfoChar(buf, ']');
}

static Datum
run_meta(const network_args *a, const cc_sim_network_summary *r)
{
	const cc_sim_network_params *p = &a->p;
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"generator\": \"simulate_network\", \"run\": " INT64_FORMAT
					 ", \"run_seed\": %u, \"steps\": " INT64_FORMAT ", \"p\": ",
					 r->run + 1, r->run_seed, p->steps);
	sim_json_float(&buf, p->p);
	appendStringInfoString(&buf, ", \"q\": ");
	sim_json_float(&buf, p->q);
	appendStringInfoString(&buf, ", \"r\": ");
	sim_json_float(&buf, p->r);
	appendStringInfo(&buf, ", \"m\": [%d, %d, %d], \"d\": %d, \"delta\": ",
					 p->trials[0], p->trials[1], p->trials[2], p->dim);
	sim_json_float(&buf, p->delta);
	appendStringInfoString(&buf, ", \"xi\": ");
	sim_json_float(&buf, p->xi);
	appendStringInfoString(&buf, ", \"noise\": ");
	sim_json_float(&buf, p->noise);
	appendStringInfoString(&buf, ", \"beta\": ");
	sim_json_float(&buf, p->beta);
	appendStringInfo(&buf, ", \"uniform_within_type\": %s, \"initial\": [%d, %d]"
					 ", \"initial_weight\": ",
					 p->uniform_within_type ? "true" : "false", p->initial_r, p->initial_b);
	sim_json_float(&buf, p->initial_weight);
	appendStringInfoString(&buf, ", \"mu\": [");
	for (int ab = 0; ab < 4; ab++)
	{
		if (ab > 0)
			appendStringInfoString(&buf, ", ");
		json_vector(&buf, p->mu + ab * p->dim, p->dim);
	}
	appendStringInfo(&buf, "], \"events\": [" INT64_FORMAT ", " INT64_FORMAT ", " INT64_FORMAT
					 "], \"n_r\": %d, \"messages\": " INT64_FORMAT ", \"theta_in\": ",
					 r->event_count[0], r->event_count[1], r->event_count[2], r->n_r,
					 r->messages);
	json_vector(&buf, r->theta_in, p->dim);
	appendStringInfoString(&buf, ", \"theta_out\": ");
	json_vector(&buf, r->theta_out, p->dim);
	appendStringInfoChar(&buf, '}');
	return sim_jsonb(buf.data);
}

/* simulate_network_runs: one row per run, in the columns and order of the runs table. */
Datum
simulate_network_runs(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	net_state  *st;
	cc_sim_message msg;
	const cc_sim_network_summary *r;

	if (SRF_IS_FIRSTCALL())
		first_call(fcinfo, SRF_FIRSTCALL_INIT(), RUN_NCOLS, sim_run_columns);
	funcctx = SRF_PERCALL_SETUP();
	st = funcctx->user_fctx;
	if (advance_to(st, CC_SIM_RUN_END, &msg) == CC_SIM_DONE)
		SRF_RETURN_DONE(funcctx);
	r = cc_sim_network_summary_get(st->sim);
	ResultRowClear(st->row);
	ResultRowSet(st->row, RUN_RUN_ID,
				 sim_text_printf("%s/" INT64_FORMAT, st->a.run_prefix, r->run + 1));
	ResultRowSet(st->row, RUN_BENCHMARK, CStringGetTextDatum("simulate_network"));
	ResultRowSet(st->row, RUN_TOPOLOGY, CStringGetTextDatum("network_formation"));
	ResultRowSet(st->row, RUN_N_AGENTS, Int32GetDatum(r->n_agents));
	ResultRowSet(st->row, RUN_SEED, Int64GetDatum(st->a.user_seed));
	ResultRowSet(st->row, RUN_STARTED_AT, TimestampTzGetDatum(sim_timestamp(st->a.start, r->run, 0)));
	ResultRowSet(st->row, RUN_META, run_meta(&st->a, r));
	SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(ResultRowTuple(st->row)));
}

/*
 * simulate_network_agents: every agent of every run (the initial ones and those born),
 * in the columns and order of the agents table; agent_type is R or B.
 */
Datum
simulate_network_agents(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	net_state  *st;
	cc_sim_message msg;
	int			ty;

	if (SRF_IS_FIRSTCALL())
		first_call(fcinfo, SRF_FIRSTCALL_INIT(), AGENT_NCOLS, sim_agent_columns);
	funcctx = SRF_PERCALL_SETUP();
	st = funcctx->user_fctx;
	CHECK_FOR_INTERRUPTS();
	if (st->listing && cc_sim_network_agent_type(st->sim, st->agent) < 0)
		st->listing = 0;
	if (!st->listing)
	{
		if (advance_to(st, CC_SIM_RUN_END, &msg) == CC_SIM_DONE)
			SRF_RETURN_DONE(funcctx);
		st->listing = 1;
		st->agent = 0;
		st->cur_run = cc_sim_network_summary_get(st->sim)->run;
	}
	ty = cc_sim_network_agent_type(st->sim, st->agent);
	ResultRowClear(st->row);
	ResultRowSet(st->row, AGENT_RUN_ID,
				 sim_text_printf("%s/" INT64_FORMAT, st->a.run_prefix, st->cur_run + 1));
	ResultRowSet(st->row, AGENT_AGENT_ID, sim_text_printf("a%d", st->agent));
	ResultRowSet(st->row, AGENT_TYPE, CStringGetTextDatum(ty == 0 ? "R" : "B"));
	st->agent++;
	SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(ResultRowTuple(st->row)));
}
