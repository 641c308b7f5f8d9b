/*
 * xmin selection: minimise the KS distance between the empirical and the fitted tail CDF
 * over candidate xmins (distinct values of the sample that leave the minimum tail, see
 * cc_tail_fit_auto). For the power law the scan uses suffix sums (n and sum c ln x), so each
 * candidate's alpha costs O(1) Newton steps, and the KS distance walks the tail with the
 * zeta CCDF updated term by term, stopping as soon as it exceeds the best distance so far.
 * Other models refit at every candidate. A candidate where the requested model cannot be
 * fitted gives way to the next best.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tail_internal.h"

/* Largest gap between consecutive distinct values summed term by term in the KS walk. */
#define GAP_DIRECT 32

void
cc_tail_xmin_opts_default(cc_tail_xmin_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->min_distinct = CC_TAIL_MIN_DISTINCT;
	o->model = CC_TAIL_PL;
}

/*
 * Candidate indices into s->x whose tail holds at least min_tail observations and
 * min_distinct (>= 2) distinct values; returns the count (idx allocated by the caller,
 * size n).
 */
static size_t
Candidates(const cc_tail_sample *s, const cc_tail_xmin_opts *o, uint64_t min_tail,
		   size_t min_distinct, const uint64_t *suffix, size_t *idx)
{
	size_t		i,
				k = 0;

	for (i = 0; i < s->n; i++)
	{
		if (o->xmin_lo > 0 && s->x[i] < o->xmin_lo)
			continue;
		if (o->xmin_hi > 0 && s->x[i] > o->xmin_hi)
			break;
		if (suffix[i] < min_tail || s->n - i < min_distinct)
			break;				/* both only decrease */
		idx[k++] = i;
	}
	if (o->max_candidates > 0 && k > o->max_candidates)
	{
		size_t		m = o->max_candidates,
					j;

		/* evenly spaced by rank, always keeping the first candidate */
		for (j = 0; j < m; j++)
			idx[j] = idx[(size_t) ((double) j * (double) (k - 1) / (double) (m > 1 ? m - 1 : 1))];
		k = m;
	}
	return k;
}

/* KS distance of the discrete PL from index i, giving up once it reaches `stop`. */
static double
KsDiscretePL(const cc_tail_sample *s, const double *lx, const uint64_t *suffix, size_t i,
			 double n, double alpha, double lnz0, double stop)
{
	double		cur = 1.0,		/* S(x_j) = P(X >= x_j) */
				C = 0.0,
				D = 0.0;
	size_t		j,
				m = s->n - i,
				st;

	/*
	 * Coarse passes first (as in KsContinuousPL): at a strided point the empirical CDF comes
	 * from the suffix counts and S(x_j) from one zeta, which bounds D from below and rejects
	 * most candidates early.
	 */
	for (st = m / 32; st > 1; st /= 8)
		for (j = i + st; j < s->n; j += st)
		{
			double		Sj = exp(cc_lnhzeta(alpha, s->x[j]) - lnz0),
						Fbefore = (n - (double) suffix[j]) / n,
						Fafter = (n - (j + 1 < s->n ? (double) suffix[j + 1] : 0.0)) / n;

			/* F(x_j - 1) = 1 - S(x_j) against the ECDF before x_j; F(x_j) after it */
			D = fmax(D, fabs(Fbefore - (1.0 - Sj)));
			D = fmax(D, fabs(Fafter - (1.0 - (Sj - exp(-alpha * lx[j] - lnz0)))));
			if (D >= stop)
				return D;
		}

	for (j = i; j < s->n; j++)
	{
		double		Snext = cur - exp(-alpha * lx[j] - lnz0),	/* S(x_j + 1) */
					Femp;

		C += (double) s->count[j];
		Femp = C / n;
		D = fmax(D, fabs(Femp - (1.0 - Snext)));
		if (j + 1 < s->n)
		{
			double		gap = s->x[j + 1] - s->x[j];

			if (gap == 1.0)
				cur = Snext;
			else if (gap <= GAP_DIRECT)
			{
				double		k;

				cur = Snext;
				for (k = s->x[j] + 1.0; k < s->x[j + 1]; k += 1.0)
					cur -= exp(-alpha * log(k) - lnz0);
			}
			else
				cur = exp(cc_lnhzeta(alpha, s->x[j + 1]) - lnz0);
			D = fmax(D, fabs(Femp - (1.0 - cur)));
		}
		if (D >= stop)
			return D;
	}
	return D;
}

/*
 * KS distance of the continuous PL from index i, giving up once it reaches `stop`. The
 * empirical CDF at any point comes from the suffix counts, so coarse strided passes run
 * first: they bound the distance from below and usually reject a poor candidate after a
 * few hundred points; the last pass (stride 1) is the exact distance.
 */
static double
KsContinuousPL(const cc_tail_sample *s, const double *lx, const uint64_t *suffix, size_t i,
			   double n, double alpha, double stop)
{
	size_t		m = s->n - i,
				strides[24],
				ns = 0,
				k,
				j,
				st;
	double		D = 0.0;

	for (st = m / 32; st > 1 && ns < 23; st /= 8)
		strides[ns++] = st;
	strides[ns++] = 1;
	for (k = 0; k < ns; k++)
	{
		for (j = i; j < s->n; j += strides[k])
		{
			double		F = -expm1((1.0 - alpha) * (lx[j] - lx[i])),
						before = (n - (double) suffix[j]) / n,
						after = (n - (j + 1 < s->n ? (double) suffix[j + 1] : 0.0)) / n;

			D = fmax(D, fmax(fabs(F - before), fabs(F - after)));
			if (D >= stop)
				return D;
		}
	}
	return D;
}

/* The fast power-law scan; *best gets the position in idx of the chosen xmin. */
static cc_status
ScanPL(const cc_tail_sample *s, const size_t *idx, size_t k, const uint64_t *suffix,
	   const double *lx, const long double *sl, size_t *best, cc_error *err)
{
	double		bestD = INFINITY;
	size_t		c;
	int			found = 0;

	for (c = 0; c < k; c++)
	{
		size_t		i = idx[c];
		double		n = (double) suffix[i],
					alpha,
					se,
					lnz,
					D;

		if (cc_poll(c, 1))
			return cc_fail(err, CC_ECANCEL, "xmin scan canceled");
		if (s->kind == CC_TAIL_DISCRETE)
		{
			if (tail_pl_discrete_alpha(s->x[i], n, (double) sl[i], &alpha, &se, &lnz) != 0)
				continue;
			D = KsDiscretePL(s, lx, suffix, i, n, alpha, lnz, bestD);
		}
		else
		{
			double		denom = (double) sl[i] - n * lx[i];

			if (!(denom > 0.0))
				continue;
			alpha = 1.0 + n / denom;
			D = KsContinuousPL(s, lx, suffix, i, n, alpha, bestD);
		}
		if (D < bestD)
		{
			bestD = D;
			*best = c;
			found = 1;
		}
	}
	if (!found)
		return cc_fail(err, CC_ETOOFEW, "no xmin candidate gives a power-law fit");
	return CC_OK;
}

/* Generic scan: refit the model at each candidate; *best gets the position in idx of the
 * chosen xmin and out its fit. */
static cc_status
ScanModel(const cc_tail_sample *s, const size_t *idx, size_t k, cc_tail_model m,
		  size_t *best, cc_tail_fit *out, cc_error *err)
{
	double		bestD = INFINITY;
	size_t		c;
	cc_error	ferr;

	for (c = 0; c < k; c++)
	{
		cc_tail_fit f;

		if (cc_poll(c, 1))
			return cc_fail(err, CC_ECANCEL, "xmin scan canceled");
		if (cc_tail_fit_at(s, m, s->x[idx[c]], &f, &ferr) != CC_OK)
		{
			if (ferr.code == CC_ENOMEM || ferr.code == CC_ECANCEL)
			{
				*err = ferr;
				return ferr.code;
			}
			continue;
		}
		if (f.ks < bestD)
		{
			bestD = f.ks;
			*best = c;
			*out = f;
		}
	}
	if (!isfinite(bestD))
		return cc_fail(err, CC_ETOOFEW, "no xmin candidate gives a %s fit", cc_tail_model_name(m));
	return CC_OK;
}

/* The reason no candidate is left: the minimum tail (and the range) in words. */
static cc_status
NoCandidate(const cc_tail_sample *s, const cc_tail_xmin_opts *o, uint64_t min_tail,
			size_t min_distinct, cc_error *err)
{
	char		range[96] = "",
				values[64] = "";

	if (o->xmin_lo > 0 || o->xmin_hi > 0)
		snprintf(range, sizeof(range), " in [%g, %g]", o->xmin_lo > 0 ? o->xmin_lo : 0.0,
				 o->xmin_hi > 0 ? o->xmin_hi : INFINITY);
	if (min_tail > min_distinct)
		snprintf(values, sizeof(values), "%llu values and ", (unsigned long long) min_tail);
	cc_fail(err, CC_ETOOFEW, "no xmin%s leaves a tail of at least %s%zu distinct values (the sample has %zu distinct values, %llu values)",
			range, values, min_distinct, s->n, (unsigned long long) s->total);
	cc_fail_detail(err, "The minimum tail is set by min_tail and min_tail_distinct, and is never below the model's parameters plus one.");
	return CC_ETOOFEW;
}

/*
 * Scan the k candidates under o->model and fit m at the best; a candidate where m cannot be
 * fitted is dropped from idx and the scan runs again on the rest.
 */
static cc_status
SelectAndFit(const cc_tail_sample *s, cc_tail_model m, const cc_tail_xmin_opts *o,
			 size_t *idx, size_t k, const uint64_t *suffix, const double *lx,
			 const long double *sl, cc_tail_fit *out, cc_error *err)
{
	cc_error	ferr;

	for (;;)
	{
		size_t		best = 0;
		cc_status	st;

		if (o->model == CC_TAIL_PL)
			st = ScanPL(s, idx, k, suffix, lx, sl, &best, err);
		else
			st = ScanModel(s, idx, k, o->model, &best, out, err);
		if (st != CC_OK)
			return st;
		if (o->model == m && m != CC_TAIL_PL)
			return CC_OK;		/* the scan's own fit */
		st = cc_tail_fit_at(s, m, s->x[idx[best]], out, &ferr);
		if (st != CC_ETOOFEW && st != CC_ENOCONV)
		{
			if (st != CC_OK)
				*err = ferr;
			return st;
		}
		memmove(idx + best, idx + best + 1, (k - best - 1) * sizeof(size_t));
		if (--k == 0)
		{
			cc_fail(err, CC_ETOOFEW, "no candidate xmin gives a %s fit", cc_tail_model_name(m));
			cc_fail_detail(err, "At the last candidate: %s", ferr.message);
			return CC_ETOOFEW;
		}
	}
}

cc_status
cc_tail_fit_auto(const cc_tail_sample *s, cc_tail_model m, const cc_tail_xmin_opts *o,
				 cc_tail_fit *out, cc_error *err)
{
	cc_tail_xmin_opts def;
	uint64_t   *suffix = NULL,
				min_tail;
	long double *sl = NULL;
	double	   *lx = NULL;
	size_t	   *idx = NULL,
				min_distinct,
				k,
				i;
	cc_status	st;

	memset(out, 0, sizeof(*out));
	if (o == NULL)
	{
		cc_tail_xmin_opts_default(&def);
		o = &def;
	}
	if (s->n != s->nsorted)
		return cc_fail(err, CC_EINVAL, "tail sample is not compacted");
	if (m < 0 || m >= CC_TAIL_NMODELS)
		return cc_fail(err, CC_EINVAL, "invalid tail model %d", (int) m);
	if (o->model < 0 || o->model >= CC_TAIL_NMODELS)
		return cc_fail(err, CC_EINVAL, "invalid tail model %d", (int) o->model);
	if (s->total == 0)
		return cc_fail(err, CC_ETOOFEW, "tail sample is empty");
	if (s->n < 2)
	{
		cc_fail(err, CC_ETOOFEW, "tail sample has a single distinct value %g", s->x[0]);
		cc_fail_detail(err, "A tail fit needs at least two distinct values.");
		return CC_ETOOFEW;
	}
	/* the fits of m and of the scan's model must both be possible */
	min_distinct = (size_t) cc_tail_model_npar(m) + 1;
	if ((size_t) cc_tail_model_npar(o->model) + 1 > min_distinct)
		min_distinct = (size_t) cc_tail_model_npar(o->model) + 1;
	if (o->min_distinct > min_distinct)
		min_distinct = o->min_distinct;
	min_tail = o->min_tail > 2 ? o->min_tail : 2;
	suffix = cc_malloc(s->n * sizeof(uint64_t));
	sl = cc_malloc(s->n * sizeof(long double));
	lx = cc_malloc(s->n * sizeof(double));
	idx = cc_malloc(s->n * sizeof(size_t));
	if (!suffix || !sl || !lx || !idx)
	{
		st = cc_fail(err, CC_ENOMEM, "out of memory in the xmin scan");
		goto done;
	}
	for (i = s->n; i-- > 0;)
	{
		lx[i] = log(s->x[i]);
		suffix[i] = s->count[i] + (i + 1 < s->n ? suffix[i + 1] : 0);
		sl[i] = (long double) s->count[i] * lx[i] + (i + 1 < s->n ? sl[i + 1] : 0);
	}
	k = Candidates(s, o, min_tail, min_distinct, suffix, idx);
	if (k == 0)
		st = NoCandidate(s, o, min_tail, min_distinct, err);
	else
		st = SelectAndFit(s, m, o, idx, k, suffix, lx, sl, out, err);
done:
	cc_free(suffix);
	cc_free(sl);
	cc_free(lx);
	cc_free(idx);
	return st;
}

cc_status
cc_tail_fit_xmin(const cc_tail_sample *s, const cc_tail_xmin_opts *o, cc_tail_fit *out,
				 cc_error *err)
{
	cc_tail_xmin_opts def;

	if (o == NULL)
	{
		cc_tail_xmin_opts_default(&def);
		o = &def;
	}
	return cc_tail_fit_auto(s, o->model, o, out, err);
}
