/*
 * collcog core: reconstruction of one run's coordination structure (DESIGN section 3,
 * paper 000 App. E.3-E.6) from its events: the claim DAG and its cascades, the subtask
 * forest, and the four observables (delegation cascades, revision waves, contradiction
 * bursts, merge fan-in).
 *
 * Pure C, no PostgreSQL. The caller (the glue loops over runs) passes one run's events as a
 * plain array; the core interns every identifier to a dense integer, validates the lineage,
 * and returns arrays that the glue turns into rows of the derived tables. Memory is O(size
 * of the run): nothing is kept between calls, and the identifiers are not copied (the result
 * points into the caller's strings, which must outlive it).
 *
 * Definitions chosen where DESIGN section 3 leaves room (the tests check each of them):
 *
 * Identifiers. Every identifier is a byte string (cc_str, ptr NULL = SQL NULL) compared
 *   bytewise; any length is accepted, an empty string is an error (CC_EINVAL). They are
 *   interned with a private open-addressing hash table (src/core/cascade/intern.c): no dependency,
 *   arrays only (no allocation per key), keys are not copied.
 *
 * Order. Events may come in any order; step_id gives the time. Several events may share a
 *   step (one round of a round-based system). A parent claim must be created at a step <= the
 *   step of its child, a target claim at a step <= the step of the event that targets it,
 *   a parent subtask at a step <= the step of the delegate that creates the child; a parent
 *   created at a later step is a lineage error, and cycles among claims (or subtasks)
 *   created at the same step are detected in general and are errors too. Ties between
 *   roots (same step) are broken by claim_id, bytewise (memcmp, then shorter first), so
 *   roots, depths, cascades, waves and burst sizes never depend on the order of the input
 *   array; only the numbering of claims and subtasks (input order of first mention) and
 *   same-step ties of a group's first claim and of assigned_agent follow it.
 *
 * Event kinds. propose, revise, contradict and merge create exactly one claim (claim_id
 *   required). delegate and endorse create a claim when they carry a claim_id (real E.3
 *   logs have endorsements whose claims later merges cite, and delegations that carry one:
 *   such a claim is a node of the DAG like any other, placed by its parents) and otherwise
 *   none (then parent_claim_ids must be empty). propose, delegate and endorse take any
 *   number of distinct parents (usually none); revise and contradict exactly one; merge at
 *   least two; a parent listed twice is an error. For an event that creates a claim,
 *   target_claim_id, if set, must be one of its parents (for revise and contradict: the
 *   single parent). endorse requires target_claim_id unless it creates a claim; delegate
 *   may have one. agent_id is required on every event.
 *
 * Claims. claim_status follows the creating event (propose -> proposed, revise -> revised,
 *   contradict -> contradictory, merge -> merged, delegate -> delegated, endorse ->
 *   endorsed). root = the earliest root among the roots
 *   the claim descends from (smallest (step_id, claim_id)); depth = length of the longest
 *   path from that root (= 1 + max depth over the parents that share the claim's root;
 *   parents with another root cannot lie on a path from it).
 *
 * Cascades. One per root. size = number of claims; every event counts once, toward the
 *   cascade of the claim it creates, or (delegate and endorse creating none) of its target
 *   claim: n_propose..n_merge count the claims by creating event, n_delegate and n_endorse
 *   the delegate and endorse events that create a claim in the cascade or target one of its
 *   claims; tce = the sum of the six counts; n_agents_active = distinct agents who
 *   created at least one of its claims (the paper's "active": an agent with a claim, so
 *   an agent who only endorsed or delegated without creating a claim is not counted; the
 *   creator of the root always is, so it is >= 1); depth = max claim depth; merge_conversion = n_merge / (n_delegate +
 *   n_contradict + n_revise), and when that denominator is 0 it is NaN with
 *   has_merge_conversion = false (the glue returns SQL NULL). Cascades are listed by their
 *   root's (step_id, claim_id).
 *
 * Cascade agents. One row per (cascade, agent) for every agent of the cascade's tce events:
 *   claims = the claims of the cascade it created (Eq. 3's n_i(C)), n_by_type its tce events
 *   by type, events their sum. The rows of a cascade sum to its counts and tce; its
 *   n_agents_active is the number of its rows with claims > 0.
 *
 * Revision waves. rev_parent(c) = the single parent of a claim created by revise. The
 *   revise edges form a forest; a wave is a path from a claim c0 not created by revise down
 *   to a claim ck that is never revised (k >= 1); its length is k + 1. A claim revised twice
 *   gives two waves sharing a prefix; a claim never revised and not a revision is in no wave.
 *   revision_chain_id of a claim = c0 of its revision tree (the claim where the tree starts),
 *   -1 for a claim in no wave. A wave is anchored at its last claim ck (unique per wave).
 *
 * Contradiction bursts. The contradict-created claims whose single parent is p are grouped
 *   by window: with CC_WINDOW_RUN (default) one window; with CC_WINDOW_STEPS width W,
 *   consecutive non-overlapping windows anchored at the first contradiction of p:
 *   window k = [s0 + kW, s0 + (k+1)W) where s0 = smallest step of a contradiction of p;
 *   with CC_WINDOW_TIME the same on ts (microseconds; every contradict event must then
 *   have a ts). Each non-empty (p, window) is a contradiction group; its burst size is the
 *   number of distinct agents of its contradict events (n_claims counts the claims).
 *   contradiction_group_id of a claim = the first claim of its group (smallest step, then
 *   input order), which is also the group's anchor.
 *
 * Merges. fan-in = number of parents of the merge; merge_id of a merged claim = itself.
 *
 * Subtasks. Every subtask_id of an event, and every parent_subtask_id of a delegate, names a
 *   subtask. A delegate creates its subtask_id (required; at most one delegate per subtask)
 *   under its parent_subtask_id (required), which must exist in the run: created by a
 *   delegate at a step <= the delegate's, or a subtask that events belong to (a root), or the
 *   run's task named only as a parent. A subtask no delegate creates is a root of the forest
 *   (the run's task). A run names at most one task only as a parent (the parent of the
 *   earliest such delegate), and none when events belong to a root; any other parent name is
 *   a lineage error. An event other than a delegate may carry parent_subtask_id: it must then
 *   belong to a delegated subtask and name the parent its delegate names. depth: roots
 *   0. An event belongs to its subtask_id (a delegate belongs to the subtask it creates), so
 *   n_events_in_subtree counts the creating delegate. n_subtasks_in_subtree counts the
 *   subtask itself. assigned_agent = agent of the earliest event (smallest step, then input
 *   order) of the subtask other than its creating delegate; -1 if there is none.
 *
 * Errors (cc_error.message names the run, the step and the claim or subtask):
 *   CC_EINVAL  bad event type, NULL parents with n_parents > 0, empty identifier, missing
 *              agent, missing ts with a time window, bad window width;
 *   CC_ELIMIT  more than INT32_MAX - 1 events or parent references, or a window number
 *              beyond INT64_MAX (a step window of width 1 over steps INT64_MIN..INT64_MAX);
 *   CC_ELINEAGE every lineage fault listed above (missing or later parent, cycle, duplicate
 *              claim or subtask, wrong parent count, missing target, missing subtask, ...);
 *   CC_ENOMEM, CC_ECANCEL.
 * Checks run in passes (fields of each event, then parents and targets, then subtasks,
 * then claim cycles); within a pass the first faulty event in input order is reported.
 *
 * Cost: O(n log n) time (sorting the roots and each parent's contradictions; everything
 * else is linear passes and hash lookups), O(n) memory, about 170 bytes per event with the
 * result. Not derived here: subtask_status (App. E.3), which no event field determines.
 */
#ifndef COLLCOG_CASCADE_H
#define COLLCOG_CASCADE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collcog/common.h"

typedef enum cc_claim_status
{
	CC_CLAIM_PROPOSED = 0,
	CC_CLAIM_REVISED,
	CC_CLAIM_CONTRADICTORY,
	CC_CLAIM_MERGED,
	CC_CLAIM_DELEGATED,
	CC_CLAIM_ENDORSED
} cc_claim_status;

/* In the order of cc_event_type: a claim's status is the type of its creating event. */
#define CC_CLAIM_NSTATUS 6

/* The names, as the labels of the SQL enum claim_status. */
extern const char *const cc_claim_status_names[CC_CLAIM_NSTATUS];
const char *cc_claim_status_name(cc_claim_status s);

typedef enum cc_window_kind
{
	CC_WINDOW_RUN = 0,			/* one window: the whole run */
	CC_WINDOW_STEPS,			/* width in steps */
	CC_WINDOW_TIME				/* width in microseconds of ts */
} cc_window_kind;

typedef struct cc_cascade_options
{
	cc_window_kind burst_window;
	int64_t		burst_width;	/* > 0 unless burst_window is CC_WINDOW_RUN */
} cc_cascade_options;

/* One run's input. */
typedef struct cc_cascade_input
{
	cc_str		run_id;			/* for error messages only; may be NULL */
	const cc_event *events;
	size_t		n_events;
	cc_cascade_options options;
} cc_cascade_input;

/* claims table; claims are numbered in input order of their creating events. */
typedef struct cc_claim_row
{
	cc_str		claim_id;
	int32_t		event;			/* index of the creating event in the input */
	int64_t		step_id;
	int32_t		root;			/* claim index of root_claim_id */
	int32_t		depth;			/* claim_depth */
	cc_claim_status status;
	int32_t		revision_chain;	/* claim index of revision_chain_id, or -1 */
	int32_t		contradiction_group;	/* claim index of contradiction_group_id, or -1 */
	int32_t		merge;			/* claim index of merge_id (itself) or -1 */
	int32_t		n_parents;
} cc_claim_row;

/* subtasks table; subtasks are numbered in order of first mention in the input. */
typedef struct cc_subtask_row
{
	cc_str		subtask_id;
	int32_t		parent;			/* subtask index of parent_subtask_id, or -1 (root) */
	int32_t		delegate_event;	/* event index of the creating delegate, or -1 (root) */
	int32_t		depth;			/* subtask_depth */
	int32_t		assigned_agent;	/* agent index, or -1 */
	int64_t		n_subtasks_in_subtree;
	int64_t		n_events_in_subtree;
} cc_subtask_row;

/* cascades table */
typedef struct cc_cascade_row
{
	int32_t		root;			/* claim index of root_claim_id */
	int64_t		size;
	int64_t		tce;
	int64_t		n_by_type[CC_EV_NTYPES];	/* indexed by cc_event_type */
	int64_t		n_agents_active;
	int32_t		depth;
	bool		has_merge_conversion;
	double		merge_conversion;	/* NaN when !has_merge_conversion */
} cc_cascade_row;

/* cascade_agents table: rows grouped by cascade (in cascade order), agents in order of
 * their first event of the cascade in the input. */
typedef struct cc_cascade_agent_row
{
	int32_t		cascade;		/* index into cascades */
	int32_t		agent;			/* index into agents */
	int64_t		claims;
	int64_t		events;
	int64_t		n_by_type[CC_EV_NTYPES];	/* indexed by cc_event_type */
} cc_cascade_agent_row;

typedef struct cc_revision_wave
{
	int32_t		first_claim;	/* c0 */
	int32_t		last_claim;		/* ck, the anchor */
	int32_t		length;			/* k + 1 >= 2 */
} cc_revision_wave;

typedef struct cc_contradiction_group
{
	int32_t		parent_claim;	/* p */
	int64_t		window;			/* k, 0 for CC_WINDOW_RUN */
	int32_t		first_claim;	/* the anchor and contradiction_group_id */
	int32_t		n_claims;
	int32_t		n_agents;		/* the burst size */
} cc_contradiction_group;

typedef enum cc_observable
{
	CC_OBS_DELEGATION = 0,		/* anchor: subtask index created by the delegate */
	CC_OBS_REVISION,			/* anchor: claim index of the wave's last claim */
	CC_OBS_CONTRADICTION,		/* anchor: claim index of the group's first claim */
	CC_OBS_MERGE				/* anchor: claim index of the merged claim */
} cc_observable;

const char *cc_observable_name(cc_observable o);	/* "delegation", ... */

/* event_sizes table: delegation rows (delegates in input order), then revision (by last
 * claim), contradiction (by parent claim, then window), merge (by claim). */
typedef struct cc_event_size
{
	cc_observable observable;
	int32_t		anchor;
	int64_t		size;
} cc_event_size;

/*
 * The result. Every index refers into these arrays; ids are cc_str pointing into the input.
 * Rows of the derived tables (the glue adds run_id):
 *   claims     claims[c].claim_id, .step_id, claims[.root].claim_id, .depth,
 *              cc_claim_status_name(.status), claims[.revision_chain].claim_id (NULL if -1),
 *              claims[.contradiction_group].claim_id (NULL if -1), claims[.merge].claim_id
 *   subtasks   .subtask_id, subtasks[.parent].subtask_id (NULL if -1), .depth,
 *              agents[.assigned_agent] (NULL if -1), .n_subtasks_in_subtree,
 *              .n_events_in_subtree
 *   cascades   claims[.root].claim_id, .size, .tce, .n_by_type[...], .n_agents_active,
 *              .depth, .merge_conversion (NULL unless .has_merge_conversion)
 *   event_sizes cc_observable_name(.observable), the anchor's id (subtasks[.anchor]
 *              for delegation, claims[.anchor] otherwise), .size
 *   cascade_agents claims[cascades[.cascade].root].claim_id, agents[.agent], .claims,
 *              .events, .n_by_type[...]
 */
typedef struct cc_cascade_result
{
	int32_t		n_claims;
	cc_claim_row *claims;
	int32_t		n_subtasks;
	cc_subtask_row *subtasks;
	int32_t		n_agents;
	cc_str	   *agents;			/* agent index -> agent_id */
	int32_t		n_cascades;
	cc_cascade_row *cascades;
	int32_t		n_waves;
	cc_revision_wave *waves;
	int32_t		n_groups;
	cc_contradiction_group *groups;
	int32_t		n_event_sizes;
	cc_event_size *event_sizes;
	int32_t		n_cascade_agents;
	cc_cascade_agent_row *cascade_agents;
	/* For replays of the run (DTI): per input event, the cascade it counts toward in TCE
	 * (-1 for none); per claim c, its parents' claim indices parents[parent_off[c] ..
	 * parent_off[c + 1]). */
	int32_t    *event_cascade;
	int32_t    *parent_off;
	int32_t    *parents;
} cc_cascade_result;

/*
 * Reconstruct one run. On CC_OK *out holds the result (free with cc_cascade_result_free);
 * on failure *out is left empty (all zero) and err says why. An empty run gives CC_OK and
 * empty arrays.
 */
cc_status	cc_cascade_reconstruct(const cc_cascade_input *in, cc_cascade_result *out,
								   cc_error *err);
void		cc_cascade_result_free(cc_cascade_result *res);

/*
 * The rows of each derived table in primary-key order, run_id aside: claims by claim_id,
 * subtasks by subtask_id, cascades by root claim id, event sizes by observable name then
 * anchor id, cascade agents by root claim id then agent id, all bytewise (cc_str_cmp, the order of COLLATE "C"). Writing rows in this
 * order keeps a table's heap in index order. rows[t] holds the row indices of table t.
 */
typedef enum cc_derived_table
{
	CC_TABLE_CLAIMS = 0,
	CC_TABLE_SUBTASKS,
	CC_TABLE_CASCADES,
	CC_TABLE_EVENT_SIZES,
	CC_TABLE_CASCADE_AGENTS
} cc_derived_table;

#define CC_NTABLES 5

typedef struct cc_cascade_order
{
	int32_t    *rows[CC_NTABLES];
} cc_cascade_order;

/* On CC_OK *out holds the orders (free with cc_cascade_order_free); CC_ENOMEM otherwise. */
cc_status	cc_cascade_key_order(const cc_cascade_result *res, cc_cascade_order *out,
								 cc_error *err);
void		cc_cascade_order_free(cc_cascade_order *order);

/*
 * Cascade anatomy (App. D.3, Fig. 11). Per cascade: the shares of delegation, contradiction
 * and merge events in its tce, and its merge conversion ratio merge / (delegate +
 * contradict + revise). Summarised by rank bands: the n cascades are ranked 1..n by size
 * (ascending; equal sizes by the caller's tie key, word by word, then by tce,
 * n_delegate, n_contradict, n_merge, n_revise, then by position in the input array, which
 * decides only between cascades that no output can tell apart), rank k standing for the
 * quantile interval ((k - 1) / n, k / n]; band (lo, hi]
 * holds the cascades whose interval's midpoint (k - 1/2) / n lies in it, i.e. the ranks
 * floor(lo n + 1/2) + 1 .. floor(hi n + 1/2) (with a 1e-9 guard, so that 0.85 * 10 counts
 * as 8.5). Disjoint bands share no cascade, ties are split by rank like any other
 * cascades, and the median cascade of an odd number of cascades always lies in a band
 * containing 0.5. Within a band the shares are means over its cascades (a cascade with tce
 * 0 counts as share 0), merge_conversion is the mean over the cascades with at least one
 * expansion event (NaN if none), and pooled_merge_conversion = sum merges / sum expansions
 * (NaN if 0).
 * CC_ANATOMY_DEFAULT_BANDS are the paper's four rows:
 *   median (0.40, 0.60], 90th (0.85, 0.95], 99th (0.98, 0.99], top 1% (0.99, 1].
 */
typedef struct cc_anatomy_cascade
{
	double		size;			/* the measure that orders cascades (size or tce) */
	int64_t		tce;
	int64_t		n_delegate;
	int64_t		n_contradict;
	int64_t		n_merge;
	int64_t		n_revise;
	uint64_t	tie[2];			/* orders equal sizes (the glue: the md5 of the cascade's
								 * ids, read as two big-endian words) */
} cc_anatomy_cascade;

typedef struct cc_anatomy_band
{
	double		lo;				/* 0 <= lo < hi <= 1 */
	double		hi;
} cc_anatomy_band;

#define CC_ANATOMY_N_DEFAULT_BANDS 4
extern const cc_anatomy_band CC_ANATOMY_DEFAULT_BANDS[CC_ANATOMY_N_DEFAULT_BANDS];

typedef struct cc_anatomy_row
{
	int64_t		n_cascades;		/* rank_to - rank_from + 1, or 0 */
	int64_t		rank_from;		/* the band's first rank (1 = smallest) */
	int64_t		rank_to;		/* its last rank; < rank_from when the band is empty */
	double		size_min;		/* the sizes at rank_from and rank_to (NaN when empty) */
	double		size_max;
	double		share_delegation;
	double		share_contradiction;
	double		share_merge;
	int64_t		n_with_conversion;
	double		merge_conversion;
	double		pooled_merge_conversion;
} cc_anatomy_row;

/* rows[i] summarises bands[i]; CC_EINVAL for NaN sizes, negative counts or bad bands. */
cc_status	cc_cascade_anatomy(const cc_anatomy_cascade *cascades, size_t n,
							   const cc_anatomy_band *bands, size_t n_bands,
							   cc_anatomy_row *rows, cc_error *err);

#endif							/* COLLCOG_CASCADE_H */
