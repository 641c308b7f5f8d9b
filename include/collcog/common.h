/*
 * collcog core: what every core topic shares with its callers (src/core/common/).
 *
 * The core is plain C + GSL, with no PostgreSQL headers. It never aborts and never
 * longjmps: a function that can fail returns a cc_status and fills a cc_error, and the
 * caller (the PostgreSQL glue, the CLI, a unit test) decides how to report it. The glue
 * maps the codes to SQLSTATEs (src/pg/common/core_error.c).
 *
 * Here: status and errors, numbers in messages, the identifiers and events of the trace schema
 * and their interning as dense integers, the
 * allocator and cancellation hooks, the one way long loops poll for cancellation, the seeded
 * random-number generator, and every limit of the SQL API (docs/limits.md lists them for
 * users; a unit test keeps the two equal).
 */
#ifndef COLLCOG_COMMON_H
#define COLLCOG_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

/* ---------------------------------------------------------------------------------------
 * Status and errors (common/error.c)
 * ------------------------------------------------------------------------------------- */
typedef enum cc_status
{
	CC_OK = 0,
	CC_EINVAL,		/* an argument is out of its domain (bad x, bad parameter) */
	CC_ETOOFEW,		/* too little data for the computation */
	CC_ENOCONV,		/* a numerical method did not converge */
	CC_ELINEAGE,	/* bad lineage in a trace: missing parent, cycle, duplicate id */
	CC_ECORRUPT,	/* a serialized state or external value is malformed */
	CC_ESYNTAX,		/* a text form does not parse */
	CC_ELIMIT,		/* a size limit was exceeded */
	CC_ERANGE,		/* a number is beyond what can be represented (a count past bigint) */
	CC_ENOMEM,		/* allocation failed */
	CC_ECANCEL		/* the caller asked to stop (query cancel, statement timeout) */
} cc_status;

typedef struct cc_error
{
	cc_status	code;
	char		message[256];	/* one line, lower case, no trailing period */
	char		detail[512];	/* a full sentence, or empty */
} cc_error;

/* Record an error; returns code so that "return cc_fail(err, CC_EINVAL, ...)" reads well. */
cc_status	cc_fail(cc_error *err, cc_status code, const char *fmt, ...)
			__attribute__((format(printf, 3, 4)));
/* Add a detail sentence to an error already recorded. */
void		cc_fail_detail(cc_error *err, const char *fmt, ...)
			__attribute__((format(printf, 2, 3)));

/* A double as PostgreSQL writes it in messages: NaN, Infinity, -Infinity, else %g. */
typedef struct cc_numstr
{
	char		s[32];
} cc_numstr;

/* Use as cc_num(x).s inside the argument list of cc_fail (the text lives until it returns). */
cc_numstr	cc_num(double x);

/* ---------------------------------------------------------------------------------------
 * The trace schema (common/trace.c): identifiers, event types in the order of the SQL enum
 * event_type, and one row of the events table; the simulators write them, the tools load
 * them and every analysis reads them.
 * ------------------------------------------------------------------------------------- */
/* A byte string that is not NUL-terminated (PostgreSQL text); ptr NULL means SQL NULL. */
typedef struct cc_str
{
	const char *ptr;
	size_t		len;
} cc_str;

/* Bytewise order of identifiers (that of COLLATE "C"); a proper prefix sorts first. */
int			cc_str_cmp(cc_str a, cc_str b);
/* Bytewise equality. */
bool		cc_str_eq(cc_str a, cc_str b);


typedef enum cc_event_type
{
	CC_EV_PROPOSE = 0,
	CC_EV_REVISE,
	CC_EV_CONTRADICT,
	CC_EV_MERGE,
	CC_EV_DELEGATE,
	CC_EV_ENDORSE
} cc_event_type;

#define CC_EV_NTYPES 6

/* The canonical names, as the labels of the SQL enum: "propose", "revise", ... */
extern const char *const cc_event_type_names[CC_EV_NTYPES];

/* "propose", ...; also accepts the paper's names (propose_claim, revise_claim,
 * contradict_claim, merge_claims, delegate_subtask, endorse_claim). 0 on success, -1 if
 * unknown. */
int			cc_event_type_parse(const char *s, size_t len, cc_event_type *out);
/* The canonical name ("propose", ...), or NULL for a value out of range. */
const char *cc_event_type_name(cc_event_type t);
/* Whether an event of the type must create a claim: propose, revise, contradict and merge
 * do; delegate and endorse create one only when they carry a claim_id. */
int			cc_event_type_creates_claim(cc_event_type t);

/* One row of the events table. */
typedef struct cc_event
{
	int64_t		step_id;
	cc_str		agent_id;
	cc_event_type type;
	cc_str		claim_id;		/* the claim the event creates, or NULL */
	const cc_str *parents;		/* parent_claim_ids, n_parents entries */
	int32_t		n_parents;
	cc_str		target_claim_id;
	cc_str		subtask_id;
	cc_str		parent_subtask_id;
	bool		has_ts;
	int64_t		ts;				/* microseconds (timestamptz), when has_ts */
} cc_event;

/* ---------------------------------------------------------------------------------------
 * Interning of identifiers (common/intern.c): the claim, subtask and agent ids of a run as
 * dense integers, for every topic that replays runs.
 * ------------------------------------------------------------------------------------- */
/*
 * Interning table: byte strings -> dense ints 0..n-1 in insertion order. Open addressing
 * with linear probing over a power-of-two slot array kept at most 70% full (smaller tables
 * miss the caches less; the tags keep long probe runs cheap); a slot packs
 * 32 bits of the key's hash (high) and the key's index + 1 (low; 0 = empty) in one word, so
 * a probe costs one cache miss and compares strings only when the hash bits match. Keys are
 * not copied.
 */
typedef struct cc_intern
{
	uint64_t   *slots;
	size_t		mask;			/* number of slots - 1 */
	cc_str	   *keys;			/* index -> key */
	int32_t		n;
	int32_t		cap;			/* capacity of keys */
} cc_intern;

uint64_t	cc_hash_bytes(const char *p, size_t len);

/* expected_n sizes the table; it grows if exceeded. CC_OK or CC_ENOMEM. */
cc_status	cc_intern_init(cc_intern *t, size_t expected_n);
void		cc_intern_free(cc_intern *t);
/* Index of key, or -1. */
int32_t		cc_intern_find(const cc_intern *t, cc_str key);
/* Hint that key will be looked up soon (a prefetch of its slot); no effect on results. */
void		cc_intern_prefetch(const cc_intern *t, cc_str key);
/* Index of key, inserting it if new (*is_new says which). -1 on out of memory. */
int32_t		cc_intern_add(cc_intern *t, cc_str key, bool *is_new);

/* ---------------------------------------------------------------------------------------
 * Memory and cancellation hooks (common/hooks.c)
 *
 * The core allocates only through these; the glue routes them to palloc in the current
 * memory context (returning NULL instead of throwing), the CLI and tests to libc. Memory
 * obtained from GSL's own allocators must be freed before the function returns.
 * ------------------------------------------------------------------------------------- */
void	   *cc_malloc(size_t size);
void	   *cc_calloc(size_t n, size_t size);
void	   *cc_realloc(void *ptr, size_t size);
void		cc_free(void *ptr);

/*
 * Nonzero when the caller asked to stop. The glue installs a hook that reports a pending
 * query cancel; by default nothing is ever pending. Loops do not call this directly but
 * cc_poll, and on nonzero clean up and return CC_ECANCEL.
 */
int			cc_interrupted(void);

/*
 * The one way long loops poll for cancellation: cc_poll(i, every) asks the hook at every
 * `every`-th iteration i (a power of two), so that a poll costs nothing measurable. Choose
 * `every` so that a poll comes at least every millisecond or so: CC_POLL_CHEAP for loops of
 * a few nanoseconds per iteration (hash lookups, passes over events), 1 for loops whose
 * iterations are whole computations (a bootstrap replicate, a candidate fit).
 */
#define CC_POLL_CHEAP 65536

static inline int
cc_poll(uint64_t i, uint64_t every)
{
	return (i & (every - 1)) == 0 && cc_interrupted();
}

typedef struct cc_hooks
{
	void	   *(*malloc_fn) (size_t size);
	void	   *(*realloc_fn) (void *ptr, size_t size);
	void		(*free_fn) (void *ptr);
	int			(*interrupted_fn) (void);
} cc_hooks;

/* Install hooks (NULL members keep the libc default). Called once, at load time. */
void		cc_set_hooks(const cc_hooks *hooks);

/* ---------------------------------------------------------------------------------------
 * Value histograms (common/value_hist.c): distinct values ascending with their counts, the
 * exact and mergeable state of the tail aggregates (tail.h) and of the inequality ones
 * (inequality.h), which check their own domain of values and own the headers of their
 * stored forms.
 *
 * x[0..n-1] are distinct values and count[i] >= 1 their multiplicities. Values added go to an
 * unsorted suffix first (x[nsorted..n-1], possibly repeated); cc_value_hist_compact sorts and
 * merges it, after which n == nsorted and x is strictly ascending. Every value is finite and
 * not negative, and a zero is +0.0 (never -0.0): their IEEE bit patterns then order like the
 * numbers, which the sort relies on. `what` names the histogram in messages ("tail sample").
 * The total of the counts is at most CC_TAIL_MAX_COUNT (CC_ERANGE beyond).
 * ------------------------------------------------------------------------------------- */
typedef struct cc_value_hist
{
	const char *what;
	size_t		n;				/* entries in x/count */
	size_t		nsorted;		/* leading entries that are sorted and distinct */
	size_t		cap;
	double	   *x;
	uint64_t   *count;
	uint64_t	total;			/* sum of count */
} cc_value_hist;

/* An empty histogram (no allocation yet); what must outlive it (a string literal). */
void		cc_value_hist_init(cc_value_hist *h, const char *what);
/* Release the arrays; the histogram is empty and reusable afterwards. */
void		cc_value_hist_free(cc_value_hist *h);
/* Make room for at least want entries. */
cc_status	cc_value_hist_reserve(cc_value_hist *h, size_t want, cc_error *err);
/* total += c, refused (CC_ERANGE, h unchanged) past CC_TAIL_MAX_COUNT. */
cc_status	cc_value_hist_add_total(cc_value_hist *h, uint64_t c, cc_error *err);
/* The CC_ERANGE error of a count or total past CC_TAIL_MAX_COUNT. */
cc_status	cc_value_hist_count_range(const char *what, cc_error *err);
/* Add count copies of x (in the domain above; count 0 adds nothing). Amortised O(1):
 * compacts when the pending suffix outgrows the sorted part. */
cc_status	cc_value_hist_add(cc_value_hist *h, double x, uint64_t count, cc_error *err);
/* Sort and merge the pending suffix. */
cc_status	cc_value_hist_compact(cc_value_hist *h, cc_error *err);
/* dst += src (both in any state; dst is compacted afterwards). */
cc_status	cc_value_hist_merge(cc_value_hist *dst, const cc_value_hist *src, cc_error *err);
/* Deep copy into an uninitialised dst (which takes src's name). */
cc_status	cc_value_hist_copy(cc_value_hist *dst, const cc_value_hist *src, cc_error *err);

/*
 * The entries of a serialised histogram: n x (value f64, count u64), little-endian, 16 bytes
 * each. cc_value_hist_put_entries writes a compacted histogram's; cc_value_hist_get_entries
 * reads n entries into an empty h after validating them all: check(x, ctx, err) accepts each
 * value (its message is quoted), values strictly ascending, counts >= 1, total at most
 * CC_TAIL_MAX_COUNT. Malformed entries give CC_ECORRUPT (CC_ERANGE for the counts), h stays
 * empty.
 */
#define CC_VALUE_HIST_ENTRY 16
typedef cc_status (*cc_value_check) (double x, void *ctx, cc_error *err);
void		cc_value_hist_put_entries(const cc_value_hist *h, unsigned char *buf);
cc_status	cc_value_hist_get_entries(cc_value_hist *h, const unsigned char *buf, size_t n,
									  cc_value_check check, void *ctx, cc_error *err);

/* Explicit little-endian 64-bit integers of the serialised forms. */
static inline void
cc_put_u64le(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char) (v >> (8 * i));
}

static inline uint64_t
cc_get_u64le(const unsigned char *p)
{
	uint64_t	v = 0;

	for (int i = 0; i < 8; i++)
		v |= (uint64_t) p[i] << (8 * i);
	return v;
}

/* ---------------------------------------------------------------------------------------
 * Random numbers (common/rng.c)
 *
 * Every seeded computation draws from a GSL Mersenne Twister (gsl_rng_mt19937, Matsumoto and
 * Nishimura 1998), whose state is allocated with cc_malloc so that the glue's memory context
 * owns it and an error or a cancel leaks nothing. cc_rng_seed is the one rule from a 64-bit
 * seed to the state: below 2^32 GSL's seeding (Knuth's initialisation as in the 2002
 * reference code; seed 0 is replaced by 4357), from 2^32 on the reference init_by_array with
 * the key {low 32 bits, high 32 bits} (the state of Python's random.seed(seed)), so every bit
 * of a seed counts and the draws of seeds below 2^32 never change. A
 * computation made of independent streams (the runs of a simulation) seeds stream k with
 * cc_rng_stream_seed(seed, k), so stream k is the same whatever the number of streams. The
 * integer stream is therefore the same on every platform.
 * ------------------------------------------------------------------------------------- */
typedef struct cc_rng
{
	gsl_rng		r;				/* pass &rng->r to GSL's samplers */
} cc_rng;

/* Allocate the generator (unseeded); CC_ENOMEM on failure. Free with cc_rng_free. */
cc_status	cc_rng_init(cc_rng *rng, cc_error *err);
/* Seed it (all 64 bits of seed are used; see above). */
void		cc_rng_seed(cc_rng *rng, uint64_t seed);
void		cc_rng_free(cc_rng *rng);
/* The 32-bit seed of stream k (0-based) of a computation seeded with seed (SplitMix64). */
uint32_t	cc_rng_stream_seed(uint64_t seed, int64_t k);

/* Uniform integer in [0, n), 1 <= n <= 2^32. */
static inline int64_t
cc_rng_int(cc_rng *rng, int64_t n)
{
	return (int64_t) gsl_rng_uniform_int(&rng->r, (unsigned long) n);
}

/* Uniform double in [0, 1). */
static inline double
cc_rng_uniform(cc_rng *rng)
{
	return gsl_rng_uniform(&rng->r);
}

/* ---------------------------------------------------------------------------------------
 * Limits. Every limit of the SQL API and the tools, defined once; docs/limits.md lists them.
 * ------------------------------------------------------------------------------------- */

/* Identifiers of runs, agents, claims and subtasks (the trace_id domain): bytes at most. */
#define CC_MAX_ID_BYTES			256

/* collcog-load: the default longest line (--max-line-bytes), and the bound every line must
 * stay below (COPY cannot take a row of 1 GB or more) */
#define CC_LOAD_LINE_DEFAULT	((size_t) 64 << 20)
#define CC_LOAD_LINE_LIMIT		((size_t) 1 << 30)

/* Heavy tails: the largest integer a discrete sample accepts (doubles are exact to 2^53) */
#define CC_TAIL_MAX_DISCRETE	9007199254740992.0
/* ... the largest count of one value and of a whole sample (2^63 - 1: a bigint); also of an
 * effort histogram */
#define CC_TAIL_MAX_COUNT		((UINT64_C(1) << 63) - 1)
/* ... the most distinct values of a tail_hist, and of an effort_hist (16 bytes each within
 * PostgreSQL's 1 GB) */
#define CC_TAIL_MAX_VALUES		67108862
/* ... the most bootstrap or goodness-of-fit replicates */
#define CC_TAIL_MAX_REPLICATES	1000000

/* Attachment: the largest activity of a claim (references by events at earlier steps) a
 * replay takes; the choice data of the likelihood packs levels in 30 bits */
#define CC_ATT_MAX_LEVEL		((1 << 29) - 2)
/* Inequality: the most points of a Lorenz curve */
#define CC_INEQ_MAX_POINTS		1000000

/* Simulators: agents, subtasks below the task, parents of a merge, runs, weight dimensions,
 * and trials per network-formation event */
#define CC_SIM_MAX_AGENTS		10000
#define CC_SIM_MAX_SUBTASKS		100000
#define CC_SIM_MAX_FANIN		64
#define CC_SIM_MAX_RUNS			100000000
#define CC_SIM_MAX_DIM			64
#define CC_SIM_MAX_TRIALS		10000

/* Glass ceilings: agent types, and weight dimensions, of type_pair_weights (one least-squares
 * system of (types^2) unknowns per dimension) */
#define CC_GCE_MAX_PAIR_TYPES	16
#define CC_GCE_MAX_PAIR_DIM		64
/* The mean-field model of glass ceilings: weight dimensions d, steps of a predicted
 * trajectory, Monte Carlo replicates of the portmanteau test */
#define CC_GCE_MAX_DIM			64
#define CC_GCE_MAX_STEPS		100000
#define CC_GCE_MAX_REPLICATES	1000000

#endif							/* COLLCOG_COMMON_H */
