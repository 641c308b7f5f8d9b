/*
 * The maximum-likelihood attachment exponent (include/collcog/attach.h).
 *
 * Under P(c) ~ (1 + k_c)^beta over the A claims available at an event, a selection of a
 * claim at level k_s contributes beta ln(1 + k_s) - ln D(beta), D = sum_k a_k (1 + k)^beta;
 * with l = ln(1 + k), the score is l_s - E[l] and the information Var[l], the mean and
 * variance of l under the choice probabilities. The log-likelihood is concave in beta. Its
 * first term is a constant of the selections; the rest is replayed from the choice data at
 * each beta, the sums over the histogram kept up to date one claim at a time (and recomputed
 * from the histogram whenever as many changes as levels have accumulated, so rounding does
 * not build up). Newton's method inside a bracket finds the root of the score: each
 * iteration is one replay of the group's choice data, read one run at a time from the
 * caller's cc_att_choices.
 */
#include "attach_internal.h"

#include <math.h>
#include <string.h>

#define MAX_ITER	200

/* The sums of one run's replay at one beta, levels centred at c to keep exp in range. */
typedef struct lik_ws
{
	double	   *w;				/* (1 + k)^beta e^(-beta c) */
	double	   *wl;				/* times (l_k - c) */
	double	   *wll;			/* times (l_k - c)^2 */
	int64_t    *hist;
	int32_t		cap;
} lik_ws;

typedef struct lik_sums
{
	double		loglik;
	double		score;
	double		info;
} lik_sums;

static void
Resum(const lik_ws *ws, int32_t n, double d[3])
{
	d[0] = d[1] = d[2] = 0.0;
	for (int32_t k = 0; k < n; k++)
		if (ws->hist[k] != 0)
		{
			double		a = (double) ws->hist[k];

			d[0] += a * ws->w[k];
			d[1] += a * ws->wl[k];
			d[2] += a * ws->wll[k];
		}
}

static inline void
Shift(const lik_ws *ws, int32_t k, double sign, double d[3])
{
	d[0] += sign * ws->w[k];
	d[1] += sign * ws->wl[k];
	d[2] += sign * ws->wll[k];
}

/* Add the events of slot of one run (its n_levels, its choice data) at beta to *acc. */
static void
RunSums(const cc_att_run *run, const uint32_t *words, size_t n_words, int slot, double beta,
		lik_ws *ws, lik_sums *acc)
{
	int32_t		n = run->n_levels;
	double		c = 0.5 * log((double) n);	/* half of ln(1 + the top level) */
	double		d[3] = {0.0, 0.0, 0.0};
	size_t		changes = 0;

	for (int32_t k = 0; k < n; k++)
	{
		double		l = log1p((double) k) - c;

		ws->w[k] = exp(beta * l);
		ws->wl[k] = ws->w[k] * l;
		ws->wll[k] = ws->wl[k] * l;
		ws->hist[k] = 0;
	}
	for (size_t i = 0; i < n_words; i++)
	{
		uint32_t	word = words[i];
		uint32_t	v = CHOICE_VALUE(word);

		switch (CHOICE_TAG(word))
		{
			case CHOICE_ENTER:
				ws->hist[v]++;
				Shift(ws, (int32_t) v, 1.0, d);
				changes++;
				break;
			case CHOICE_MOVE:
				ws->hist[v]--;
				ws->hist[v + 1]++;
				Shift(ws, (int32_t) v, -1.0, d);
				Shift(ws, (int32_t) v + 1, 1.0, d);
				changes++;
				break;
			default:
				{
					int			type = (int) (v & 7u);
					double		m = (double) (v >> 3);
					double		mean,
								var;

					if (slot != CC_ATT_ALL && type != slot)
						break;
					if (changes > (size_t) n)
					{
						Resum(ws, n, d);
						changes = 0;
					}
					mean = d[1] / d[0];
					var = d[2] / d[0] - mean * mean;
					acc->loglik -= m * (log(d[0]) + beta * c);
					acc->score -= m * (mean + c);
					acc->info += m * (var > 0.0 ? var : 0.0);
				}
		}
	}
}

cc_status
cc_att_run_choices(void *ctx, int32_t run, const uint32_t **words, size_t *n, cc_error *err)
{
	const cc_att_run *runs = ctx;

	(void) err;
	*words = runs[run].choices;
	*n = runs[run].n_choices;
	return CC_OK;
}

static void
FreeWs(lik_ws *ws)
{
	cc_free(ws->w);
	cc_free(ws->wl);
	cc_free(ws->wll);
	cc_free(ws->hist);
}

cc_status
cc_att_loglik(const cc_att_run *runs, int32_t n_runs, int slot, const cc_att_choices *choices,
			  double beta, double *loglik, double *score, double *info, cc_error *err)
{
	lik_ws		ws;
	lik_sums	acc = {0.0, 0.0, 0.0};
	int32_t		cap = 1;
	double		chosen = 0.0;

	for (int32_t i = 0; i < n_runs; i++)
		if (runs[i].n_levels > cap)
			cap = runs[i].n_levels;
	memset(&ws, 0, sizeof(ws));
	ws.w = cc_malloc((size_t) cap * sizeof(double));
	ws.wl = cc_malloc((size_t) cap * sizeof(double));
	ws.wll = cc_malloc((size_t) cap * sizeof(double));
	ws.hist = cc_malloc((size_t) cap * sizeof(int64_t));
	if (!ws.w || !ws.wl || !ws.wll || !ws.hist)
	{
		FreeWs(&ws);
		return cc_fail(err, CC_ENOMEM, "out of memory for the attachment likelihood");
	}
	for (int32_t i = 0; i < n_runs; i++)
	{
		const cc_att_run *run = &runs[i];
		const int64_t *sel = run->selections + (size_t) slot * (size_t) run->n_levels;
		const uint32_t *words;
		size_t		n_words;
		cc_status	st;

		if (cc_poll((uint64_t) i, 1))
		{
			FreeWs(&ws);
			return cc_fail(err, CC_ECANCEL, "attachment likelihood canceled");
		}
		if ((st = choices->get(choices->ctx, i, &words, &n_words, err)) != CC_OK)
		{
			FreeWs(&ws);
			return st;
		}
		for (int32_t k = 1; k < run->n_levels; k++)
			chosen += (double) sel[k] * log1p((double) k);
		RunSums(run, words, n_words, slot, beta, &ws, &acc);
	}
	FreeWs(&ws);
	*loglik = acc.loglik + beta * chosen;
	*score = acc.score + chosen;
	*info = acc.info;
	return CC_OK;
}

cc_status
cc_att_mle(const cc_att_run *runs, int32_t n_runs, int slot, const cc_att_choices *choices,
		   double *beta_out, double *se, cc_error *err)
{
	double		lo = -CC_ATT_MAX_BETA,
				hi = CC_ATT_MAX_BETA;
	double		beta = 0.0,
				ll = 0.0,
				score = 0.0,
				info = 0.0;
	cc_status	st;

	*beta_out = *se = NAN;
	for (int it = 0; it < MAX_ITER; it++)
	{
		double		next;

		if ((st = cc_att_loglik(runs, n_runs, slot, choices, beta, &ll, &score, &info,
								err)) != CC_OK)
			return st;
		if (!(info > 0.0) || !isfinite(score))
			return CC_OK;		/* flat: every selection had one level to choose from */
		next = beta + score / info;
		if (fabs(next - beta) <= 1e-10 * (1.0 + fabs(beta)))
		{
			if (fabs(next) < CC_ATT_MAX_BETA)
			{
				*beta_out = next;
				*se = 1.0 / sqrt(info);
			}
			return CC_OK;
		}
		/* the score falls in beta: keep the root bracketed, bisect where Newton leaves */
		if (score > 0.0)
			lo = beta;
		else
			hi = beta;
		if (hi - lo <= 1e-10 * (1.0 + fabs(beta)))
			return CC_OK;		/* squeezed against an end of the range: no maximum inside */
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		beta = next;
	}
	return CC_OK;
}
