/*
 * collcog tail: heavy-tail statistics (DESIGN section 4).
 *
 * Models on the tail x >= xmin, discrete (integers >= 1) and continuous (reals > 0):
 *   PL   power law              p(x) ~ x^-alpha                    par = {alpha}
 *   TPL  truncated power law    p(x) ~ x^-alpha e^(-lambda x)      par = {alpha, lambda}
 *   LN   log-normal             ln x ~ N(mu, sigma^2), truncated   par = {mu, sigma}
 *   EXP  exponential            p(x) ~ e^(-lambda x)               par = {lambda}
 *   SE   stretched exponential  P(X >= x) ~ e^(-lambda x^beta)     par = {lambda, beta}
 * Discrete PL is normalised by the Hurwitz zeta, discrete TPL by sum_{k>=xmin} k^-a e^-lk,
 * discrete EXP is the geometric law, discrete LN and SE give each integer x the mass of the
 * continuous law on [x - 1/2, x + 1/2], normalised from xmin - 1/2.
 *
 * All fits are exact maximum likelihood. The data always come as a cc_tail_sample: a
 * weighted sorted sample (distinct values ascending, with counts), which is also the
 * mergeable, serialisable state of the aggregates.
 */
#ifndef COLLCOG_TAIL_H
#define COLLCOG_TAIL_H

#include <stddef.h>
#include <stdint.h>

#include "collcog/common.h"

typedef enum cc_tail_kind
{
	CC_TAIL_DISCRETE = 1,		/* integers >= 1 */
	CC_TAIL_CONTINUOUS = 2		/* reals > 0 */
} cc_tail_kind;

typedef enum cc_tail_model
{
	CC_TAIL_PL = 0,
	CC_TAIL_TPL,
	CC_TAIL_LN,
	CC_TAIL_EXP,
	CC_TAIL_SE,
	CC_TAIL_NMODELS
} cc_tail_model;

/* Number of model pairs compared by cc_tail_compare (5 choose 2). */
#define CC_TAIL_NPAIRS 10

/* ---------------------------------------------------------------------------------------
 * Weighted sorted sample (src/core/tail/sample.c, on common's value histogram)
 *
 * x[0..n-1] are distinct values and count[i] >= 1 their multiplicities. Values added with
 * cc_tail_sample_add go to an unsorted suffix first (x[nsorted..n-1], possibly repeated);
 * cc_tail_sample_compact sorts and merges it, after which n == nsorted and x is strictly
 * ascending. Every function that reads the sample (fits, serialisation) needs a compacted
 * sample and says CC_EINVAL otherwise.
 * ------------------------------------------------------------------------------------- */
typedef struct cc_tail_sample
{
	cc_tail_kind kind;
	size_t		n;				/* entries in x/count */
	size_t		nsorted;		/* leading entries that are sorted and distinct */
	size_t		cap;
	double	   *x;
	uint64_t   *count;
	uint64_t	total;			/* sum of count */
} cc_tail_sample;

/* Start an empty sample of the given kind (no allocation yet). */
cc_status	cc_tail_sample_init(cc_tail_sample *s, cc_tail_kind kind, cc_error *err);
/* Release the arrays; the sample is empty and reusable afterwards. */
void		cc_tail_sample_free(cc_tail_sample *s);
/* Check that x belongs to the domain of kind (integer >= 1, or finite > 0). */
cc_status	cc_tail_check_value(cc_tail_kind kind, double x, cc_error *err);
/* Add count copies of x (validated). Amortised O(1); compacts when the suffix grows. */
cc_status	cc_tail_sample_add(cc_tail_sample *s, double x, uint64_t count, cc_error *err);
/* Sort and merge the pending suffix. */
cc_status	cc_tail_sample_compact(cc_tail_sample *s, cc_error *err);
/* Build a compacted sample from raw values (all validated; s is initialised here). */
cc_status	cc_tail_sample_from_values(cc_tail_sample *s, cc_tail_kind kind,
									   const double *x, size_t n, cc_error *err);
/* Build a compacted sample from (value, count) pairs in any order; zero counts skipped. */
cc_status	cc_tail_sample_from_hist(cc_tail_sample *s, cc_tail_kind kind, const double *x,
									 const uint64_t *count, size_t n, cc_error *err);
/* dst += src (both any state; dst is compacted afterwards). Kinds must agree. */
cc_status	cc_tail_sample_merge(cc_tail_sample *dst, const cc_tail_sample *src, cc_error *err);
/* Deep copy of a compacted sample into an uninitialised dst. */
cc_status	cc_tail_sample_copy(cc_tail_sample *dst, const cc_tail_sample *src, cc_error *err);

/*
 * Text form (tail/text.c), the text input of tail_hist:
 *   discrete:1*10,2*5,7*1        integers from 1 to 2^53, each with its count
 *   continuous:0.5*1,2.25*3      finite reals > 0
 * Values strictly ascending, counts from 1 to 2^63 - 1 ("*count" may be omitted: 1), blanks
 * around tokens. Fills an uninitialised s with the compacted sample; CC_ESYNTAX with the
 * reason in err->detail, CC_ELIMIT beyond CC_TAIL_MAX_VALUES values, CC_ENOMEM. The text
 * output is the glue's (PostgreSQL's shortest round-trip digits).
 */
cc_status	cc_tail_sample_parse(const char *text, cc_tail_sample *s, cc_error *err);

/*
 * Serialised form (little-endian, version 1):
 *   "CCTS" | version u8 = 1 | kind u8 | reserved u16 = 0 | n u64 | n x (value f64, count u64)
 * Values strictly ascending, in the domain of kind, counts >= 1, total <= 2^63 - 1, at most
 * CC_TAIL_MAX_VALUES entries.
 */
#define CC_TAIL_SERIAL_VERSION 1
#define CC_TAIL_SERIAL_HEADER 16
/* Bytes needed to serialise a compacted sample. */
size_t		cc_tail_sample_serial_size(const cc_tail_sample *s);
/* Write a compacted sample into buf (len must be at least the serial size); CC_ELIMIT beyond
 * CC_TAIL_MAX_VALUES values. */
cc_status	cc_tail_sample_serialize(const cc_tail_sample *s, unsigned char *buf, size_t len,
									 cc_error *err);
/* Read and fully validate; any malformed input gives CC_ECORRUPT, never a crash. */
cc_status	cc_tail_sample_deserialize(cc_tail_sample *s, const unsigned char *buf, size_t len,
									   cc_error *err);

/* ---------------------------------------------------------------------------------------
 * Fits (tail/fit.c dispatches to pl.c, tpl.c, ln.c, exp.c, se.c)
 * ------------------------------------------------------------------------------------- */
typedef struct cc_tail_fit
{
	cc_tail_model model;
	cc_tail_kind kind;
	double		xmin;
	uint64_t	n_tail;			/* observations >= xmin */
	size_t		n_tail_distinct;	/* distinct values >= xmin */
	uint64_t	n_total;		/* observations in the sample */
	int			n_par;			/* 1 or 2 */
	double		par[2];			/* see the table at the top of this file */
	double		se[2];			/* standard errors (observed information); NaN if unknown */
	double		loglik;			/* log-likelihood of the tail, always finite */
	double		ks;				/* KS distance between empirical and fitted tail CDF */
	int			boundary;		/* 1 when the optimum is at the power-law edge of the
								 * model. TPL: lambda = 0, the fit is exactly the PL. LN and
								 * SE: the likelihood rises towards their power-law limit
								 * (sigma -> inf, beta -> 0); par[] are the last iterate and
								 * not identified (se NaN), while loglik, logpdf, ccdf and
								 * draws are those of the limit law, with exponent
								 * alpha_limit (see tail/limit.c); else 0 */
	double		alpha_limit;	/* LN/SE boundary fits: exponent of the limit law; else NaN */
	double		lnorm;			/* internal: log normalising constant for the tail */
} cc_tail_fit;

/* Name of a model ("power_law", "truncated_power_law", "lognormal", "exponential",
 * "stretched_exponential"). */
const char *cc_tail_model_name(cc_tail_model m);
/* Parse a model name (exactly one of the names above); CC_EINVAL naming it if unknown,
 * with the known names in the detail. */
cc_status	cc_tail_model_parse(const char *name, cc_tail_model *m, cc_error *err);

/* Number of parameters of model m (1 or 2). */
int			cc_tail_model_npar(cc_tail_model m);

/*
 * Fit model m to the tail x >= xmin of a compacted sample. For discrete samples xmin must be
 * an integer >= 1. Errors: CC_ETOOFEW when the tail has fewer distinct values than the model
 * has parameters plus one (or fewer than two observations), CC_ENOCONV when the optimiser
 * fails, CC_EINVAL for bad arguments. On CC_ETOOFEW and CC_ENOCONV, out still describes the
 * tail (xmin, n_tail, n_tail_distinct, n_total).
 */
cc_status	cc_tail_fit_at(const cc_tail_sample *s, cc_tail_model m, double xmin,
						   cc_tail_fit *out, cc_error *err);

/* Options of the xmin scan. */
typedef struct cc_tail_xmin_opts
{
	double		xmin_lo;		/* smallest candidate (inclusive); <= 0 for none */
	double		xmin_hi;		/* largest candidate (inclusive); <= 0 for none */
	size_t		max_candidates; /* 0: every admissible value; else at most this many,
								 * evenly spaced by rank among them */
	uint64_t	min_tail;		/* a candidate needs at least this many tail observations */
	size_t		min_distinct;	/* ... and at least this many distinct tail values */
	cc_tail_model model;		/* model under which xmin is selected (PL by default) */
} cc_tail_xmin_opts;

/*
 * The default minimum tail of the xmin scan: CC_TAIL_MIN_DISTINCT distinct values, the most
 * any of the five models needs (two parameters plus one), so that every model and every
 * comparison sees the same candidates; no minimum number of observations of its own.
 */
#define CC_TAIL_MIN_DISTINCT 3

/* Defaults: no range, all candidates, min_tail 0, min_distinct CC_TAIL_MIN_DISTINCT, model
 * PL. */
void		cc_tail_xmin_opts_default(cc_tail_xmin_opts *o);

/*
 * Choose xmin and fit model m there. The candidates are the distinct values of the sample,
 * within [xmin_lo, xmin_hi], whose tail holds at least o->min_tail observations and
 * max(o->min_distinct, parameters + 1 of m and of o->model) distinct values (thinned to
 * o->max_candidates); the one chosen minimises the KS distance of the fit of o->model (NULL
 * options: defaults), ties keeping the smallest xmin. Where the fit of m fails there (no
 * convergence), that candidate gives way to the next best. CC_ETOOFEW when no candidate
 * admits a fit of m, with the reason in err. Polls cc_interrupted().
 */
cc_status	cc_tail_fit_auto(const cc_tail_sample *s, cc_tail_model m,
							 const cc_tail_xmin_opts *o, cc_tail_fit *out, cc_error *err);

/*
 * cc_tail_fit_auto(s, o->model, o, ...): the fit of the model that selects xmin. The KS
 * distance is the exact sup |F_n - F|: for discrete data over all
 * integers >= xmin, with the CDF of the discrete law (this equals plfit); for continuous
 * data on both sides of each step of F_n (Clauset's code and plfit use the left side
 * only, which moves xmin on some data, e.g. cities: 52.648 here, 52.457 there; at a tied
 * value the jump of F_n counts, so quakes and surnames keep the published xmin that powerlaw's
 * left-side-only rule moves to 10 and 14.92). The PL
 * scan is O(1) per candidate for alpha plus a KS walk that stops as soon as the candidate
 * cannot win. Polls cc_interrupted().
 */
cc_status	cc_tail_fit_xmin(const cc_tail_sample *s, const cc_tail_xmin_opts *o,
							 cc_tail_fit *out, cc_error *err);

/*
 * Quality of a fit (tail/quality.c; docs/reference/tail_fits.md, "Diagnostics"): the first
 * that applies of
 *   FEW_DISTINCT  fewer than CC_TAIL_QUALITY_DISTINCT distinct tail values: the fit rests on
 *                 a handful of frequencies (a spike, a tail cut short);
 *   SMALL_TAIL    fewer than CC_TAIL_QUALITY_N_TAIL tail observations: the exponent's
 *                 standard error exceeds 14% of alpha - 1;
 *   BOUNDARY      the fit sits at the model's boundary (f->boundary);
 *   OK            none of these.
 * UNFITTED names what a caller reports when no fit could be made.
 */
typedef enum cc_tail_quality
{
	CC_TAIL_QUALITY_OK = 0,
	CC_TAIL_QUALITY_BOUNDARY,
	CC_TAIL_QUALITY_SMALL_TAIL,
	CC_TAIL_QUALITY_FEW_DISTINCT,
	CC_TAIL_QUALITY_UNFITTED
} cc_tail_quality;

#define CC_TAIL_QUALITY_DISTINCT 10
#define CC_TAIL_QUALITY_N_TAIL 50

cc_tail_quality cc_tail_fit_quality(const cc_tail_fit *f);
/* "ok", "boundary", "small_tail", "few_distinct", "unfitted". */
const char *cc_tail_quality_name(cc_tail_quality q);

/* log p(x) of a fit at x >= xmin (-INFINITY below xmin or outside the domain). */
double		cc_tail_logpdf(const cc_tail_fit *f, double x);
/* P(X >= x | X >= xmin) of a fit (1 for x <= xmin). For discrete fits x is an integer. */
double		cc_tail_ccdf_at(const cc_tail_fit *f, double x);

/* ---------------------------------------------------------------------------------------
 * Model comparison (tail/compare.c)
 * ------------------------------------------------------------------------------------- */
typedef struct cc_tail_vuong
{
	cc_tail_model m1;
	cc_tail_model m2;
	double		xmin;
	uint64_t	n;				/* tail observations compared */
	double		R;				/* sum of ln p1(x_i) - ln p2(x_i): positive favours m1 */
	double		stat;			/* Vuong: R / (s sqrt n); nested: the LRT statistic 2|R| */
	double		p;				/* Vuong: erfc(|stat|/sqrt 2); nested: halved chi2(1) */
	int			nested;			/* 1 for PL vs TPL (likelihood-ratio test) */
} cc_tail_vuong;

/* Compare two fits at the same xmin of the same sample. */
cc_status	cc_tail_vuong_test(const cc_tail_sample *s, const cc_tail_fit *f1,
							   const cc_tail_fit *f2, cc_tail_vuong *out, cc_error *err);

/*
 * Fit all five models at xmin and compare every pair (m1 < m2 in enum order). A model whose
 * fit fails gets fits[m].n_par = 0 and its pairs p = NaN; status is CC_OK if PL fitted.
 */
cc_status	cc_tail_compare(const cc_tail_sample *s, double xmin,
							cc_tail_fit fits[CC_TAIL_NMODELS],
							cc_tail_vuong pairs[CC_TAIL_NPAIRS], cc_error *err);

/* ---------------------------------------------------------------------------------------
 * Uncertainty (tail/boot.c) and sampling (tail/draw.c)
 * ------------------------------------------------------------------------------------- */
typedef struct cc_tail_boot
{
	int			n_rep;			/* replicates that produced a fit */
	int			n_boundary;		/* of those, fits at the model's boundary (TPL, LN, SE) */
	int			n_failed;		/* replicates whose fit failed (too few tail points) */
	double		level;
	double		lo[2];			/* percentile interval of each parameter over the */
	double		hi[2];			/* n_rep - n_boundary interior fits (NaN below two) */
	double		sd[2];			/* bootstrap standard deviation, the same fits */
	double		xmin_lo;		/* percentile interval of xmin over all n_rep fits, */
	double		xmin_hi;		/* ends at replicate values */
} cc_tail_boot;

/*
 * Nonparametric bootstrap: resample the whole sample (multinomial over distinct values, so
 * O(distinct) per replicate), refit model m at the xmin cc_tail_fit_auto(rep, m, o) chooses
 * (or at fixed_xmin if > 0), and report percentile intervals at level (e.g. 0.95). A replicate whose
 * fit sits at the model's boundary (TPL lambda = 0; LN, SE at their power-law limit, where
 * the parameters are not identified) is counted apart and left out of the parameters'
 * intervals. Seeded (cc_rng_seed). Cancellable.
 */
cc_status	cc_tail_bootstrap(const cc_tail_sample *s, cc_tail_model m,
							  const cc_tail_xmin_opts *o, double fixed_xmin, int n_rep,
							  double level, uint64_t seed, cc_tail_boot *out,
							  cc_error *err);

/*
 * Clauset's semi-parametric goodness-of-fit p-value of a PL fit obtained by
 * cc_tail_fit_xmin(s, o): each replicate draws Binomial(n, n_tail/n) points from the fitted
 * PL and resamples the rest from the data below xmin, re-selects xmin, and compares KS
 * distances. p = share of replicates with KS >= the observed one. Seeded, cancellable.
 */
cc_status	cc_tail_gof(const cc_tail_sample *s, const cc_tail_xmin_opts *o,
						const cc_tail_fit *fit, int n_rep, uint64_t seed, double *p,
						int *n_used, cc_error *err);

/* Draw n values exactly from a fitted law (any model and kind). */
cc_status	cc_tail_draw(const cc_tail_fit *f, cc_rng *rng, double *x, size_t n,
						 cc_error *err);

/* ---------------------------------------------------------------------------------------
 * CCDF for plots (tail/ccdf.c)
 * ------------------------------------------------------------------------------------- */
typedef struct cc_tail_ccdf
{
	size_t		n;				/* rows: the distinct values of the sample */
	double	   *x;
	double	   *emp;			/* empirical P(X >= x) over the whole sample */
	double	   *fit[CC_TAIL_NMODELS];	/* fitted P(X >= x), scaled by n_tail/n_total so it
										 * meets the empirical curve at xmin; NaN below xmin
										 * or for models not given; NULL when not given */
} cc_tail_ccdf;

/* Build the CCDF table for a compacted sample and nfits fits (NULL/0 allowed). */
cc_status	cc_tail_ccdf_table(const cc_tail_sample *s, const cc_tail_fit *fits, size_t nfits,
							   cc_tail_ccdf *out, cc_error *err);
void		cc_tail_ccdf_free(cc_tail_ccdf *c);

#endif							/* COLLCOG_TAIL_H */
