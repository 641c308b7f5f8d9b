/*
 * type_prominence_support: the planner's estimate of what a call of type_prominence_part()
 * reads and returns (SupportRequestRows, SupportRequestCost), from the size of collcog's
 * messages table, the runs asked for and the number of parts. Without it the planner would
 * take every call for the same small function; with it, it runs the parts of
 * type_prominence() in parallel workers where the messages are many and in one process
 * where they are few.
 */
#include "postgres.h"

#include "access/table.h"
#include "nodes/primnodes.h"
#include "nodes/supportnodes.h"
#include "optimizer/optimizer.h"
#include "optimizer/plancat.h"
#include "utils/array.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(type_prominence_support);

/*
 * What one message costs, in units of cpu_operator_cost: on the benchmark of
 * docs/performance.md the planner costs a serial sum() over the messages at about 0.025 a
 * message, and a serial type_prominence takes about 3.7 times as long, of which its rows
 * (about 0.012 a message) are costed apart. An estimate above what the call takes would
 * also buy the query JIT compilation it does not use (jit_inline_above_cost).
 */
#define COST_PER_MESSAGE 32.0
/* Rows per message (one per round and type): about 2/3 in simulate_network's runs. */
#define ROWS_PER_MESSAGE (2.0 / 3.0)

/* The planner's row count of table name of schema nsp; 0 when there is none. */
static double
TableRows(Oid nsp, const char *name)
{
	Oid			relid = get_relname_relid(name, nsp);
	Relation	rel;
	BlockNumber pages;
	double		tuples;
	double		allvisfrac;

	if (!OidIsValid(relid))
		return 0;
	rel = table_open(relid, AccessShareLock);
	estimate_rel_size(rel, NULL, &pages, &tuples, &allvisfrac);
	table_close(rel, NoLock);	/* held to the end of the transaction, as the planner does */
	return tuples;
}

/* Argument i of the call when it is a constant; NULL otherwise. */
static Const *
ConstArg(const FuncExpr *call, int i)
{
	Node	   *arg = list_length(call->args) > i ? list_nth(call->args, i) : NULL;

	return arg != NULL && IsA(arg, Const) ? (Const *) arg : NULL;
}

/* The messages one part reads: its share of the runs asked for (all when not constant). */
static double
PartMessages(Oid funcid, const FuncExpr *call)
{
	Oid			nsp = get_func_namespace(funcid);
	double		messages = TableRows(nsp, "messages");
	Const	   *run_ids = ConstArg(call, 0);
	Const	   *parts = ConstArg(call, 2);

	if (run_ids != NULL && !run_ids->constisnull)
	{
		ArrayType  *ids = DatumGetArrayTypeP(run_ids->constvalue);
		double		runs = TableRows(nsp, "runs");
		double		asked = ArrayGetNItems(ARR_NDIM(ids), ARR_DIMS(ids));

		if (runs > asked)
			messages *= asked / runs;
	}
	if (parts != NULL && !parts->constisnull && DatumGetInt32(parts->constvalue) > 1)
		messages /= DatumGetInt32(parts->constvalue);
	return messages;
}

Datum
type_prominence_support(PG_FUNCTION_ARGS)
{
	Node	   *req = (Node *) PG_GETARG_POINTER(0);

	if (IsA(req, SupportRequestRows))
	{
		SupportRequestRows *rows = (SupportRequestRows *) req;

		if (rows->node == NULL || !IsA(rows->node, FuncExpr))
			PG_RETURN_POINTER(NULL);
		rows->rows = Max(1.0, ROWS_PER_MESSAGE *
						 PartMessages(rows->funcid, (FuncExpr *) rows->node));
		PG_RETURN_POINTER(rows);
	}
	if (IsA(req, SupportRequestCost))
	{
		SupportRequestCost *cost = (SupportRequestCost *) req;

		if (cost->node == NULL || !IsA(cost->node, FuncExpr))
			PG_RETURN_POINTER(NULL);
		cost->startup = 0;
		cost->per_tuple = COST_PER_MESSAGE * cpu_operator_cost *
			Max(1.0, PartMessages(cost->funcid, (FuncExpr *) cost->node));
		PG_RETURN_POINTER(cost);
	}
	PG_RETURN_POINTER(NULL);
}
