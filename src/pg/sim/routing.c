/*
 * SQL entry points of the reinforced-routing simulator: simulate_routing (events),
 * simulate_routing_runs and simulate_routing_agents. All three take the same arguments, so
 * for equal arguments they describe the same runs. Value-per-call SRFs: the generator state
 * lives in the multi-call memory context and one row is built per call, so memory does not
 * grow with the number of rows (only with the size of the run in progress).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "collcog/sim.h"
#include "pg/common/args.h"
#include "pg/common/core_error.h"
#include "pg/common/enum_labels.h"
#include "sim_pg.h"

PG_FUNCTION_INFO_V1(simulate_routing);
PG_FUNCTION_INFO_V1(simulate_routing_runs);
PG_FUNCTION_INFO_V1(simulate_routing_agents);

/* Argument positions, shared by the three functions (see src/sql/40_sim.sql). */
enum
{
	A_N_AGENTS = 0, A_STEPS, A_GAMMA, A_AGENT_GAMMA, A_MIX, A_TOPOLOGY, A_CONTEXT_WINDOW, A_DEPTH_LIMIT,
	A_TOKEN_BUDGET, A_SUBTASKS, A_DEPENDENCY_PROB, A_MAX_FANIN, A_MEAN_TOKENS, A_RUNS,
	A_SEED, A_RUN_PREFIX, A_START_TIME, A_TASK_FAMILY, A_DTI_C, A_DTI_BETA, A_DTI_TAU,
	A_NARGS
};

typedef struct routing_args
{
	cc_sim_routing_params p;
	char	   *run_prefix;
	char	   *task_family;
	TimestampTz start;
	int64		user_seed;
} routing_args;

/* Read and check every argument; errors name the argument. */
static void
read_args(FunctionCallInfo fcinfo, routing_args *a)
{
	cc_sim_routing_params *p = &a->p;
	cc_error	err;
	double	   *mix;
	int			nmix,
				ndim,
				dims[2];
	char	   *topology;
	int			ndti = 0;

	if (PG_NARGS() != A_NARGS)
		elog(ERROR, "simulate_routing: expected %d arguments, got %d", A_NARGS, PG_NARGS());
	cc_sim_routing_defaults(p);
	p->n_agents = ArgInt32(fcinfo, A_N_AGENTS, "n_agents");
	p->steps = ArgInt64(fcinfo, A_STEPS, "steps");
	p->gamma = ArgFloat8(fcinfo, A_GAMMA, "gamma");
	p->agent_gamma = ArgGiven(fcinfo, A_AGENT_GAMMA) ? PG_GETARG_FLOAT8(A_AGENT_GAMMA) : p->gamma;
	mix = ArgFloat8Array(fcinfo, A_MIX, "mix", &nmix, &ndim, dims);
	if (nmix != CC_EV_NTYPES || ndim != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mix must be a one-dimensional array of 6 weights"),
				 errdetail("The weights are those of propose, revise, contradict, merge, delegate and endorse, in this order.")));
	for (int k = 0; k < CC_EV_NTYPES; k++)
		p->mix[k] = mix[k];
	topology = ArgCString(fcinfo, A_TOPOLOGY, "topology");
	if (cc_sim_topology_parse(topology, &p->topology, &err) != CC_OK)
		cc_report(&err);
	p->context_window = ArgInt64AtLeast(fcinfo, A_CONTEXT_WINDOW, "context_window", 1, 0,
										"Pass NULL for an unlimited context window.");
	p->depth_limit = ArgInt32AtLeast(fcinfo, A_DEPTH_LIMIT, "depth_limit", 1, 0,
									 "Pass NULL for no depth limit.");
	p->token_budget = ArgInt64AtLeast(fcinfo, A_TOKEN_BUDGET, "token_budget", 1, 0,
									  "Pass NULL for an unlimited token budget.");
	p->n_subtasks = ArgInt32AtLeast(fcinfo, A_SUBTASKS, "subtasks", 0, -1,
									"Pass NULL for ceil(n_agents / 4) subtasks.");
	p->dependency_prob = ArgFloat8(fcinfo, A_DEPENDENCY_PROB, "dependency_prob");
	p->max_fanin = ArgInt32(fcinfo, A_MAX_FANIN, "max_fanin");
	p->mean_tokens = ArgFloat8(fcinfo, A_MEAN_TOKENS, "mean_tokens");
	p->runs = ArgInt32(fcinfo, A_RUNS, "runs");
	a->user_seed = ArgInt64(fcinfo, A_SEED, "seed");
	p->seed = (uint64_t) a->user_seed;
	a->run_prefix = sim_arg_run_prefix(fcinfo, A_RUN_PREFIX);
	a->start = ArgTimestamptz(fcinfo, A_START_TIME, "start_time");
	a->task_family = ArgGiven(fcinfo, A_TASK_FAMILY) ? text_to_cstring(PG_GETARG_TEXT_PP(A_TASK_FAMILY))
		: NULL;
	ndti = ArgGiven(fcinfo, A_DTI_C) + ArgGiven(fcinfo, A_DTI_BETA) + ArgGiven(fcinfo, A_DTI_TAU);
	if (ndti != 0 && ndti != 3)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("dti_c, dti_beta and dti_tau must be given together"),
				 errdetail("Deficit-triggered integration needs all three parameters; leave all three NULL to simulate without it.")));
	if (ndti == 3)
	{
		p->dti = 1;
		p->dti_params.c = PG_GETARG_FLOAT8(A_DTI_C);
		p->dti_params.beta = PG_GETARG_FLOAT8(A_DTI_BETA);
		p->dti_params.tau = PG_GETARG_FLOAT8(A_DTI_TAU);
	}
	if (cc_sim_routing_check(p, &err) != CC_OK)
		cc_report(&err);
}

static cc_sim_routing *
create_sim(routing_args *a)
{
	cc_sim_routing *sim;
	cc_error	err;

	cc_check(cc_sim_routing_create(&a->p, &sim, &err), &err);
	return sim;
}

/*
 * Advance to the next record of kind want (an event, or the end of a run), or to the end,
 * which frees the simulation; raises core errors (cancel included). The core allocates in
 * the multi-call context mcxt, so its state survives between calls.
 */
static cc_sim_what
advance_to(cc_sim_routing **sim, MemoryContext mcxt, cc_sim_what want, cc_sim_event *ev)
{
	MemoryContext old = MemoryContextSwitchTo(mcxt);
	cc_sim_what what;
	cc_error	err;

	do
	{
		CHECK_FOR_INTERRUPTS();
		cc_check(cc_sim_routing_next(*sim, ev, &what, &err), &err);
	} while (what != want && what != CC_SIM_DONE);
	MemoryContextSwitchTo(old);
	if (what == CC_SIM_DONE)
	{
		cc_sim_routing_free(*sim);
		*sim = NULL;
	}
	return what;
}


/* ---------------------------------------------------------------------------------------
 * simulate_routing: the events, with the columns of the events table.
 * --------------------------------------------------------------------------------------- */
enum
{
	EV_RUN_ID, EV_STEP_ID, EV_TS, EV_AGENT_ID, EV_EVENT_TYPE, EV_CLAIM_ID, EV_PARENT_CLAIM_IDS,
	EV_TARGET_CLAIM_ID, EV_SUBTASK_ID, EV_PARENT_SUBTASK_ID, EV_MESSAGE_LENGTH, EV_PAYLOAD,
	EV_NCOLS
};

/* event_type and parent_claim_ids take their types from the row type (collcog's enum and
 * an array of trace_id) */
static const ResultColumn event_columns[EV_NCOLS] = {
	{"run_id", TEXTOID}, {"step_id", INT8OID}, {"ts", TIMESTAMPTZOID}, {"agent_id", TEXTOID},
	{"event_type", InvalidOid}, {"claim_id", TEXTOID}, {"parent_claim_ids", InvalidOid},
	{"target_claim_id", TEXTOID}, {"subtask_id", TEXTOID}, {"parent_subtask_id", TEXTOID},
	{"message_length", INT4OID}, {"payload", JSONBOID}
};

typedef struct events_state
{
	routing_args a;
	cc_sim_routing *sim;
	ResultRow  *row;
	Datum	   *agent_ids;		/* text Datums a0 .. a(N-1) */
	Datum		kind_values[CC_EV_NTYPES];	/* event_type enum values */
	Oid			claim_elem_type;	/* the element type of parent_claim_ids */
	Datum		no_parents;		/* '{}' */
	int64		cur_run;
	Datum		run_id;			/* of cur_run, in the multi-call context */
	MemoryContext mcxt;
} events_state;

/* The base type of named column col of the row type, InvalidOid when it lacks the column. */
static Oid
column_type(const ResultRow *row, int col)
{
	int			p = ResultRowPosition(row, col);

	return p < 0 ? InvalidOid : getBaseType(TupleDescAttr(row->desc, p)->atttypid);
}

static inline Datum
claim_text(int64 c)
{
	return sim_text_printf("c" INT64_FORMAT, c);
}

Datum
simulate_routing(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	events_state *st;
	cc_sim_event ev;
	ResultRow  *row;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;

		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		st = palloc0(sizeof(*st));
		st->mcxt = funcctx->multi_call_memory_ctx;
		read_args(fcinfo, &st->a);
		st->row = row = sim_result_row(fcinfo, EV_NCOLS, event_columns);
		if (OidIsValid(column_type(row, EV_EVENT_TYPE)))
			EnumLabelValues(column_type(row, EV_EVENT_TYPE), cc_event_type_names, CC_EV_NTYPES,
							st->kind_values);
		if (OidIsValid(column_type(row, EV_PARENT_CLAIM_IDS)))
		{
			st->claim_elem_type = get_element_type(column_type(row, EV_PARENT_CLAIM_IDS));
			if (!OidIsValid(st->claim_elem_type))
				elog(ERROR, "simulate_routing: parent_claim_ids is not an array");
			st->no_parents = PointerGetDatum(construct_empty_array(st->claim_elem_type));
		}
		st->agent_ids = palloc(sizeof(Datum) * st->a.p.n_agents);
		for (int32 i = 0; i < st->a.p.n_agents; i++)
			st->agent_ids[i] = sim_text_printf("a%d", i);
		st->cur_run = -1;
		st->sim = create_sim(&st->a);
		funcctx->user_fctx = st;
		MemoryContextSwitchTo(old);
	}
	funcctx = SRF_PERCALL_SETUP();
	st = funcctx->user_fctx;

	if (advance_to(&st->sim, st->mcxt, CC_SIM_EVENT, &ev) == CC_SIM_DONE)
		SRF_RETURN_DONE(funcctx);
	if (ev.run != st->cur_run)
	{
		MemoryContext old = MemoryContextSwitchTo(st->mcxt);

		if (st->cur_run >= 0)
			pfree(DatumGetPointer(st->run_id));
		st->cur_run = ev.run;
		st->run_id = sim_text_printf("%s/" INT64_FORMAT, st->a.run_prefix, ev.run + 1);
		MemoryContextSwitchTo(old);
	}

	row = st->row;
	ResultRowClear(row);
	ResultRowSet(row, EV_RUN_ID, st->run_id);
	ResultRowSet(row, EV_STEP_ID, Int64GetDatum(ev.step));
	ResultRowSet(row, EV_TS, TimestampTzGetDatum(sim_timestamp(st->a.start, ev.run, ev.ts_usec)));
	ResultRowSet(row, EV_AGENT_ID, st->agent_ids[ev.agent]);
	ResultRowSet(row, EV_EVENT_TYPE, st->kind_values[ev.kind]);
	if (ev.claim != 0)
		ResultRowSet(row, EV_CLAIM_ID, claim_text(ev.claim));
	if (ResultRowPosition(row, EV_PARENT_CLAIM_IDS) < 0)
		;						/* the row type has no parent_claim_ids */
	else if (ev.n_parents > 0)
	{
		Datum		parents[CC_SIM_MAX_FANIN];

		for (int i = 0; i < ev.n_parents; i++)
			parents[i] = claim_text(ev.parents[i]);
		ResultRowSet(row, EV_PARENT_CLAIM_IDS,
					 PointerGetDatum(construct_array(parents, ev.n_parents, st->claim_elem_type,
													 -1, false, TYPALIGN_INT)));
	}
	else
		ResultRowSet(row, EV_PARENT_CLAIM_IDS, st->no_parents);
	if (ev.target != 0)
		ResultRowSet(row, EV_TARGET_CLAIM_ID, claim_text(ev.target));
	ResultRowSet(row, EV_SUBTASK_ID, sim_text_printf("T%d", ev.subtask));
	if (ev.parent_subtask >= 0)
		ResultRowSet(row, EV_PARENT_SUBTASK_ID, sim_text_printf("T%d", ev.parent_subtask));
	ResultRowSet(row, EV_MESSAGE_LENGTH, Int32GetDatum(ev.message_length));
	if (ev.dti)
	{
		StringInfoData buf;

		initStringInfo(&buf);
		appendStringInfoString(&buf, "{\"dti\": true, \"deficit\": ");
		sim_json_float(&buf, ev.deficit);
		appendStringInfoChar(&buf, '}');
		ResultRowSet(row, EV_PAYLOAD, sim_jsonb(buf.data));
	}
	SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(ResultRowTuple(row)));
}

/* ---------------------------------------------------------------------------------------
 * simulate_routing_runs: one row per run, in the columns and order of the runs table.
 * --------------------------------------------------------------------------------------- */
typedef struct runs_state
{
	routing_args a;
	cc_sim_routing *sim;
	ResultRow  *row;
	MemoryContext mcxt;
} runs_state;

static Datum
run_meta(const routing_args *a, const cc_sim_routing *sim, const cc_sim_run_summary *r)
{
	const cc_sim_routing_params *p = &a->p;
	StringInfoData buf;
	const int32_t *from,
			   *to;
	int64		ndeps = cc_sim_routing_dependencies(sim, &from, &to);

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"generator\": \"simulate_routing\", \"run\": " INT64_FORMAT
					 ", \"run_seed\": %u, \"gamma\": ", r->run + 1, r->run_seed);
	sim_json_float(&buf, p->gamma);
	appendStringInfoString(&buf, ", \"agent_gamma\": ");
	sim_json_float(&buf, p->agent_gamma);
	appendStringInfoString(&buf, ", \"mix\": [");
	for (int k = 0; k < CC_EV_NTYPES; k++)
	{
		if (k > 0)
			appendStringInfoString(&buf, ", ");
		sim_json_float(&buf, p->mix[k]);
	}
	appendStringInfoString(&buf, "], \"steps\": ");
	appendStringInfo(&buf, INT64_FORMAT, p->steps);
	appendStringInfoString(&buf, ", \"context_window\": ");
	if (p->context_window > 0)
		appendStringInfo(&buf, INT64_FORMAT, p->context_window);
	else
		appendStringInfoString(&buf, "null");
	appendStringInfoString(&buf, ", \"depth_limit\": ");
	if (p->depth_limit > 0)
		appendStringInfo(&buf, "%d", p->depth_limit);
	else
		appendStringInfoString(&buf, "null");
	appendStringInfoString(&buf, ", \"token_budget\": ");
	if (p->token_budget > 0)
		appendStringInfo(&buf, INT64_FORMAT, p->token_budget);
	else
		appendStringInfoString(&buf, "null");
	appendStringInfo(&buf, ", \"max_fanin\": %d, \"mean_tokens\": ", p->max_fanin);
	sim_json_float(&buf, p->mean_tokens);
	appendStringInfo(&buf, ", \"events\": " INT64_FORMAT ", \"claims\": " INT64_FORMAT
					 ", \"tokens\": " INT64_FORMAT ", \"truncated_by_budget\": %s",
					 r->events, r->claims, r->tokens, r->truncated_by_budget ? "true" : "false");
	appendStringInfo(&buf, ", \"subtasks\": %d, \"subtasks_created\": %d"
					 ", \"subtasks_resolved\": %d, \"dependency_prob\": ",
					 r->subtasks, r->subtasks_created, r->subtasks_resolved);
	sim_json_float(&buf, p->dependency_prob);
	if (ndeps <= 1000)
	{
		appendStringInfoString(&buf, ", \"dependencies\": [");
		for (int64 k = 0; k < ndeps; k++)
			appendStringInfo(&buf, "%s[\"T%d\", \"T%d\"]", k > 0 ? ", " : "", from[k], to[k]);
		appendStringInfoString(&buf, "]");
	}
	else
		appendStringInfo(&buf, ", \"dependencies_count\": " INT64_FORMAT, ndeps);
	appendStringInfoString(&buf, ", \"coverage\": ");
	sim_json_float(&buf, r->coverage);
	appendStringInfoString(&buf, ", \"integration\": ");
	sim_json_float(&buf, r->integration);
	appendStringInfoString(&buf, ", \"dti\": ");
	if (p->dti)
	{
		appendStringInfoString(&buf, "{\"c\": ");
		sim_json_float(&buf, p->dti_params.c);
		appendStringInfoString(&buf, ", \"beta\": ");
		sim_json_float(&buf, p->dti_params.beta);
		appendStringInfoString(&buf, ", \"tau\": ");
		sim_json_float(&buf, p->dti_params.tau);
		appendStringInfo(&buf, ", \"triggers\": " INT64_FORMAT "}", r->dti_triggers);
	}
	else
		appendStringInfoString(&buf, "null");
	appendStringInfoChar(&buf, '}');
	return sim_jsonb(buf.data);
}

Datum
simulate_routing_runs(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	runs_state *st;
	cc_sim_event ev;
	const cc_sim_run_summary *r;
	ResultRow  *row;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;

		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		st = palloc0(sizeof(*st));
		st->mcxt = funcctx->multi_call_memory_ctx;
		read_args(fcinfo, &st->a);
		st->row = sim_result_row(fcinfo, RUN_NCOLS, sim_run_columns);
		st->sim = create_sim(&st->a);
		funcctx->user_fctx = st;
		MemoryContextSwitchTo(old);
	}
	funcctx = SRF_PERCALL_SETUP();
	st = funcctx->user_fctx;
	if (advance_to(&st->sim, st->mcxt, CC_SIM_RUN_END, &ev) == CC_SIM_DONE)
		SRF_RETURN_DONE(funcctx);
	r = cc_sim_routing_summary(st->sim);
	row = st->row;
	ResultRowClear(row);
	ResultRowSet(row, RUN_RUN_ID, sim_text_printf("%s/" INT64_FORMAT, st->a.run_prefix, r->run + 1));
	ResultRowSet(row, RUN_BENCHMARK, CStringGetTextDatum("simulate_routing"));
	if (st->a.task_family)
		ResultRowSet(row, RUN_TASK_FAMILY, CStringGetTextDatum(st->a.task_family));
	ResultRowSet(row, RUN_TOPOLOGY, CStringGetTextDatum(cc_sim_topology_names[st->a.p.topology]));
	ResultRowSet(row, RUN_N_AGENTS, Int32GetDatum(st->a.p.n_agents));
	ResultRowSet(row, RUN_MODEL, CStringGetTextDatum("reinforced_routing"));
	ResultRowSet(row, RUN_SEED, Int64GetDatum(st->a.user_seed));
	ResultRowSet(row, RUN_SUCCESS, BoolGetDatum(r->success != 0));
	ResultRowSet(row, RUN_SCORE, Float8GetDatum(r->p_success));
	ResultRowSet(row, RUN_STARTED_AT, TimestampTzGetDatum(sim_timestamp(st->a.start, r->run, 0)));
	ResultRowSet(row, RUN_META, run_meta(&st->a, st->sim, r));
	SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(ResultRowTuple(row)));
}

/* ---------------------------------------------------------------------------------------
 * simulate_routing_agents: N agents per run, in the columns and order of the agents table.
 * No simulation is needed: agents and their roles depend only on N and the topology.
 * --------------------------------------------------------------------------------------- */
typedef struct agents_state
{
	routing_args a;
	ResultRow  *row;
	int64		run;
	int32		agent;
} agents_state;

Datum
simulate_routing_agents(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	agents_state *st;
	const char *role;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;

		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		st = palloc0(sizeof(*st));
		read_args(fcinfo, &st->a);
		st->row = sim_result_row(fcinfo, AGENT_NCOLS, sim_agent_columns);
		funcctx->user_fctx = st;
		MemoryContextSwitchTo(old);
	}
	funcctx = SRF_PERCALL_SETUP();
	st = funcctx->user_fctx;
	CHECK_FOR_INTERRUPTS();
	if (st->agent >= st->a.p.n_agents)
	{
		st->agent = 0;
		st->run++;
	}
	if (st->run >= st->a.p.runs)
		SRF_RETURN_DONE(funcctx);
	role = cc_sim_agent_role(st->a.p.topology, st->a.p.n_agents, st->agent);
	ResultRowClear(st->row);
	ResultRowSet(st->row, AGENT_RUN_ID,
				 sim_text_printf("%s/" INT64_FORMAT, st->a.run_prefix, st->run + 1));
	ResultRowSet(st->row, AGENT_AGENT_ID, sim_text_printf("a%d", st->agent));
	ResultRowSet(st->row, AGENT_TYPE, CStringGetTextDatum(role));
	ResultRowSet(st->row, AGENT_ROLE, CStringGetTextDatum(role));
	st->agent++;
	SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(ResultRowTuple(st->row)));
}
