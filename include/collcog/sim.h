/*
 * collcog core: simulators of agent societies with known laws (DESIGN section 8).
 *
 * Two generators, both pure C + GSL, both streaming: the caller asks for one record at a
 * time and the generator keeps only the state of the run in progress, so memory does not
 * grow with the number of runs.
 *
 *   reinforced routing (paper 000, Sec. 4): events, claims and subtasks of multi-agent runs;
 *   network formation  (paper 001, Sec. 2.2 and 5.4): directed vector-weighted messages
 *                       between agents of two types R and B.
 *
 * Randomness. Every run draws from its own generator (cc_rng, collcog/common.h), seeded with
 * stream seed cc_rng_stream_seed(seed, run), so run k is the same whatever the number of
 * runs asked for. The integer stream is the same on every platform; the floating-point
 * decisions use IEEE-754 double arithmetic and the C library's pow, exp and log (glibc's are
 * correctly rounded or within 1 ulp, so a different result needs a tie at the last bit).
 *
 * The exact model of each simulator is documented above its parameters below and, with
 * the equations, in docs/reference/simulate_routing.md and simulate_network.md.
 */
#ifndef COLLCOG_SIM_H
#define COLLCOG_SIM_H

#include <stdint.h>

#include "collcog/common.h"
#include "collcog/dti.h"

/* Topologies of paper 000 (Sec. 3.1): who may see, and build on, whose claims. */
typedef enum cc_sim_topology
{
	CC_TOPO_CHAIN = 0,
	CC_TOPO_STAR,
	CC_TOPO_TREE,
	CC_TOPO_HIERARCHICAL,
	CC_TOPO_FULLY_CONNECTED,
	CC_TOPO_SPARSE_MESH,
	CC_TOPO_REPUTATION,
	CC_TOPO_N
} cc_sim_topology;

extern const char *const cc_sim_topology_names[CC_TOPO_N];

/* Parse a topology name (as in cc_sim_topology_names, case-sensitive). */
cc_status	cc_sim_topology_parse(const char *name, cc_sim_topology *out, cc_error *err);

/* Limits: CC_SIM_MAX_* in collcog/common.h (checked, CC_ELIMIT). */

/* ---------------------------------------------------------------------------------------
 * Reinforced routing (paper 000, Sec. 4; DTI of Sec. 6 / App. C; task trees of App. H).
 *
 * Each run has N agents a0..a(N-1), a task tree of subtasks T0 (the run's task) .. Tn and
 * at most `steps` events. At every step:
 *  1. the acting agent a is drawn with probability proportional to (1 + A_a)^agent_gamma,
 *     where A_a counts the references received so far by a's claims (agent_gamma = 0:
 *     uniformly; agents whose claims are built on are drawn into the work, paper 000 H2);
 *  2. the event kind is drawn from mix (propose, revise, contradict, merge, delegate,
 *     endorse); delegate is redrawn without delegate once every subtask exists;
 *  3. the claims it builds on are drawn from the claims a may see (those of the agents
 *     visible to a under the topology, within the context window, below the depth limit)
 *     with probability proportional to (1 + k_c)^gamma (Eq. 4), where the activity k_c is
 *     the number of earlier events that referenced c (as a parent or target);
 *     revise/contradict/endorse take one claim, merge takes f distinct ones (f = 2, then
 *     each further parent with probability 0.35, up to max_fanin), delegate targets one
 *     claim when any is visible; propose creates a root claim. When too few claims are
 *     visible, a merge becomes a revise (one claim) and a revise, contradict or endorse
 *     becomes a propose (none);
 *  4. the message length is lognormal with mean mean_tokens * factor(kind) (factors 1.0,
 *     0.8, 0.6, 1.2, 0.4, 0.2) and sigma 0.5, rounded, at least 1; the run stops before the
 *     event that would exceed token_budget.
 * DTI (when enabled), with the segment state machine of collcog/dti.h: every event attached
 * to a cascade (creating a claim in it, or an endorse/delegate targeting one of its claims)
 * attaches to its segment (n += 1, merges also m += 1); when D = c n^beta - m > tau the next
 * step is an integration: the acting agent merges the cascade's active branch heads (its
 * newest selectable claims that no claim builds on, up to max_fanin, among its 64 newest
 * claims), and the segment restarts at n = 0, m = 1 (App. C, Eq. A5), that merge not being
 * attached again. With fewer than two heads nothing is merged and the segment restarts at
 * n = m = 0.
 * Success: subtask j is resolved when it exists (T0 always does), some claim was created in
 * it and every subtask it depends on is resolved; coverage = resolved / (n + 1);
 * integration = merges / (revises + contradictions + delegations) (0 when there are
 * none); P(success) = coverage * (1 - exp(-integration / 0.15)), and success is a
 * Bernoulli draw with that probability at the end of the run.
 * --------------------------------------------------------------------------------------- */
typedef struct cc_sim_routing_params
{
	int32_t		n_agents;		/* N, 1 .. CC_SIM_MAX_AGENTS */
	int64_t		steps;			/* events per run at most, >= 0 */
	double		gamma;			/* routing strength, -10 .. 10 */
	double		agent_gamma;	/* reinforcement of the acting agent, -10 .. 10 */
	double		mix[CC_EV_NTYPES];	/* relative weights, finite, >= 0, sum > 0 */
	cc_sim_topology topology;
	int64_t		context_window; /* claims visible: the newest W of the run; 0 = all */
	int32_t		depth_limit;	/* claims at depth >= limit cannot be built on; 0 = none */
	int64_t		token_budget;	/* total message_length per run; 0 = unlimited */
	int32_t		n_subtasks;		/* subtasks below T0; -1 = ceil(N / 4) (App. H) */
	double		dependency_prob;	/* P(Tj depends on Ti), i < j, [0, 1] */
	int32_t		max_fanin;		/* 2 .. CC_SIM_MAX_FANIN */
	double		mean_tokens;	/* > 0, finite, <= 1e6 */
	int64_t		runs;			/* 1 .. CC_SIM_MAX_RUNS */
	uint64_t	seed;
	int			dti;			/* nonzero: deficit-triggered integration in the loop */
	cc_dti_params dti_params;	/* c, beta, tau (checked as dti_c, dti_beta, dti_tau) */
} cc_sim_routing_params;

/* Defaults (also the SQL defaults). */
void		cc_sim_routing_defaults(cc_sim_routing_params *p);

/* Check every parameter; CC_EINVAL or CC_ELIMIT with the parameter named. */
cc_status	cc_sim_routing_check(const cc_sim_routing_params *p, cc_error *err);

typedef struct cc_sim_event
{
	int64_t		run;			/* 0-based */
	int64_t		step;			/* 0-based within the run */
	int64_t		ts_usec;		/* microseconds since the run's start */
	int32_t		agent;
	cc_event_type kind;
	int64_t		claim;			/* claim number (1-based) created, 0 for none */
	int32_t		n_parents;
	const int64_t *parents;		/* claim numbers; valid until the next call */
	int64_t		target;			/* targeted claim number, 0 for none */
	int32_t		subtask;		/* subtask number (0 = T0) */
	int32_t		parent_subtask; /* delegate: the parent subtask; -1 otherwise */
	int32_t		message_length;
	int			dti;			/* this merge is a DTI integration step */
	double		deficit;		/* DTI: the deficit that triggered it */
} cc_sim_event;

typedef struct cc_sim_run_summary
{
	int64_t		run;
	uint32_t	run_seed;
	int64_t		events;
	int64_t		claims;
	int64_t		count[CC_EV_NTYPES];
	int64_t		tokens;
	int64_t		dti_triggers;
	int			truncated_by_budget;
	int32_t		subtasks;		/* n (T1..Tn) */
	int32_t		subtasks_created;	/* of T1..Tn */
	int32_t		subtasks_resolved;	/* of T0..Tn */
	int64_t		dependencies;	/* edges of the dependency DAG */
	int64_t		duration_usec;	/* ts of the last event + its own duration */
	double		coverage;
	double		integration;
	double		p_success;
	int			success;
} cc_sim_run_summary;

typedef struct cc_sim_routing cc_sim_routing;

typedef enum cc_sim_what
{
	CC_SIM_EVENT = 0,			/* *ev holds the next event */
	CC_SIM_RUN_END,				/* a run ended; cc_sim_routing_summary() describes it */
	CC_SIM_DONE					/* every run ended */
} cc_sim_what;

/* Create a simulation (checks p first). Free with cc_sim_routing_free. */
cc_status	cc_sim_routing_create(const cc_sim_routing_params *p, cc_sim_routing **out,
								  cc_error *err);
void		cc_sim_routing_free(cc_sim_routing *s);

/*
 * Advance: an event, the end of a run (once per run, after its last event), or the end.
 * Fails only on allocation failure (CC_ENOMEM) or cancellation (CC_ECANCEL).
 */
cc_status	cc_sim_routing_next(cc_sim_routing *s, cc_sim_event *ev, cc_sim_what *what,
								cc_error *err);

/* The run that just ended (valid after CC_SIM_RUN_END until the next call). */
const cc_sim_run_summary *cc_sim_routing_summary(const cc_sim_routing *s);

/* Role of agent i under the topology: "peer", "hub", "spoke", "root", "inner", "leaf", ... */
const char *cc_sim_agent_role(cc_sim_topology topology, int32_t n_agents, int32_t agent);

/* Subtask dependency edges of the run in progress (j depends on i), for reporting. */
int64_t		cc_sim_routing_dependencies(const cc_sim_routing *s, const int32_t **from,
										const int32_t **to);

/* ---------------------------------------------------------------------------------------
 * Network formation (paper 001, Sec. 2.2; bias coefficient beta of Sec. 5.4).
 *
 * G0: initial_r agents of type R and initial_b of type B, every ordered pair joined at
 * t = 0 by initial_weight in each of the d dimensions. At each macro step t = 1..steps:
 * event 1 (probability p): a new node v (type R with probability r) sends to M1 targets
 * drawn from the existing nodes; event 2 (q): M2 existing sources send to a new node;
 * event 3 (1 - p - q): M3 (source, target) pairs of existing nodes. A target's type is
 * R with probability pi_tgt,R = (|D_in(R)|_1 + N(R) delta) / (|D_in|_1 + N delta)
 * (Eq. 3; a source's with pi_src,R and xi on D_out), then the node within the type is
 * drawn with probability proportional to |D_in(u)|_1 + delta (|D_out(u)|_1 + xi for a
 * source; App. B.2), or uniformly when uniform_within_type. In event 3 the target is drawn
 * among the chosen type without the source (from the other type if that is empty).
 * Each trial's raw weight is omega_k = mu[target type][source type][k] * exp(sigma Z -
 * sigma^2 / 2), Z standard normal (mean-preserving lognormal noise). The M_e weights of the
 * step are normalised per dimension to total 1 (Sec. 2.2 step 3; a dimension whose raw
 * total is 0 adds nothing), then beta is added to every dimension of each edge from a B
 * source to an R target (Sec. 5.4 with R = explainer, B = verifier), and trials on the same
 * ordered pair within the step are summed. All probabilities use G^(t-1).
 * --------------------------------------------------------------------------------------- */
typedef struct cc_sim_network_params
{
	int64_t		steps;			/* T >= 0 */
	double		p, q, r;		/* [0, 1], p + q <= 1 */
	int32_t		trials[3];		/* M1, M2, M3 in 1 .. CC_SIM_MAX_TRIALS */
	int32_t		dim;			/* d in 1 .. CC_SIM_MAX_DIM */
	double		delta, xi;		/* > 0, finite */
	int32_t		initial_r, initial_b;	/* >= 0 each, sum >= 2 */
	double		initial_weight; /* >= 0, finite */
	/* mu[(a * 2 + b) * dim + k]: mean raw weight, target type a, source type b (0 R, 1 B) */
	double	   *mu;
	double		noise;			/* sigma >= 0, finite, <= 10 */
	double		beta;			/* >= 0, finite */
	int			uniform_within_type;
	int64_t		runs;			/* 1 .. CC_SIM_MAX_RUNS */
	uint64_t	seed;
} cc_sim_network_params;

/* Defaults of Table 4 (T = 100, p = q = 0.25, r = 0.5, M = 3, d = 3, delta = xi = 1.5,
 * two initial nodes per type); mu must still be set (all ones is neutral). */
void		cc_sim_network_defaults(cc_sim_network_params *p);
cc_status	cc_sim_network_check(const cc_sim_network_params *p, cc_error *err);

typedef struct cc_sim_message
{
	int64_t		run;
	int64_t		t;
	int32_t		source;
	int32_t		target;
	const double *weight;		/* dim values; valid until the next call */
} cc_sim_message;

typedef struct cc_sim_network_summary
{
	int64_t		run;
	uint32_t	run_seed;
	int32_t		n_agents;		/* at the end */
	int32_t		n_r;
	int64_t		messages;
	int64_t		event_count[3];
	const double *theta_in;		/* prominence of R at the end (Eq. 4), dim values */
	const double *theta_out;
} cc_sim_network_summary;

typedef struct cc_sim_network cc_sim_network;

cc_status	cc_sim_network_create(const cc_sim_network_params *p, cc_sim_network **out,
								  cc_error *err);
void		cc_sim_network_free(cc_sim_network *s);

/* Next message (CC_SIM_EVENT), end of a run (CC_SIM_RUN_END) or the end (CC_SIM_DONE). */
cc_status	cc_sim_network_next(cc_sim_network *s, cc_sim_message *msg, cc_sim_what *what,
								cc_error *err);
const cc_sim_network_summary *cc_sim_network_summary_get(const cc_sim_network *s);

/* Type of agent i of the run that just ended (0 = R, 1 = B); -1 if out of range. */
int			cc_sim_network_agent_type(const cc_sim_network *s, int32_t agent);

#endif							/* COLLCOG_SIM_H */
