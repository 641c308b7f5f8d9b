/*
 * Trajectory diagnostics (paper 001, Sec. 5.1 and App. B.4): MSE, bias, the largest spectral
 * norm of the standardised residual autocorrelation matrices, and Hosking's multivariate
 * portmanteau test with its chi-squared and Monte Carlo permutation p-values. The
 * definitions are in collcog/gce.h. Matrices are GSL views on cc_malloc'd buffers; the only
 * GSL allocation (the eigen workspace) is freed before returning.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

#include "collcog/gce.h"

/* Buffers of one computation: K x K matrices and the centred series. */
typedef struct Work
{
	int64_t		T;
	int32_t		K;
	double	   *c;				/* T x K, centred */
	double	   *c0inv;			/* C_0^-1 */
	double	   *cl;				/* C_l */
	double	   *m1,
			   *m2;				/* products */
	double	   *v;				/* K x K scratch */
	double	   *s;				/* K */
} Work;

static void
WorkFree(Work *w)
{
	cc_free(w->c);
	cc_free(w->c0inv);
	cc_free(w->cl);
	cc_free(w->m1);
	cc_free(w->m2);
	cc_free(w->v);
	cc_free(w->s);
}

static cc_status
WorkInit(Work *w, int64_t T, int32_t K, cc_error *err)
{
	size_t		kk = sizeof(double) * (size_t) K * (size_t) K;

	memset(w, 0, sizeof(*w));
	w->T = T;
	w->K = K;
	w->c = cc_malloc(sizeof(double) * (size_t) T * (size_t) K);
	w->c0inv = cc_malloc(kk);
	w->cl = cc_malloc(kk);
	w->m1 = cc_malloc(kk);
	w->m2 = cc_malloc(kk);
	w->v = cc_malloc(kk);
	w->s = cc_malloc(sizeof(double) * (size_t) K);
	if (!w->c || !w->c0inv || !w->cl || !w->m1 || !w->m2 || !w->v || !w->s)
	{
		WorkFree(w);
		return cc_fail(err, CC_ENOMEM, "out of memory for the portmanteau test");
	}
	return CC_OK;
}

/* out = divisor^-1 sum_(t >= l) c_t c_(t-l)' (K x K). */
static void
LagProduct(const Work *w, int32_t l, double divisor, double *out)
{
	int32_t		K = w->K;

	memset(out, 0, sizeof(double) * (size_t) K * (size_t) K);
	for (int64_t t = l; t < w->T; t++)
	{
		const double *a = w->c + t * K,
				   *b = w->c + (t - l) * K;

		for (int i = 0; i < K; i++)
			for (int j = 0; j < K; j++)
				out[i * K + j] += a[i] * b[j];
	}
	for (int i = 0; i < K * K; i++)
		out[i] /= divisor;
}

/* w->c = x minus its column means; mean gets the means when not NULL. */
static void
Centre(Work *w, const double *x, double *mean)
{
	int32_t		K = w->K;

	for (int j = 0; j < K; j++)
	{
		double		s = 0.0;

		for (int64_t t = 0; t < w->T; t++)
			s += x[t * K + j];
		s /= (double) w->T;
		for (int64_t t = 0; t < w->T; t++)
			w->c[t * K + j] = x[t * K + j] - s;
		if (mean)
			mean[j] = s;
	}
}

/* w->c0inv = C_0^-1 by Cholesky; CC_ETOOFEW when C_0 is not positive definite. */
static cc_status
InvertC0(Work *w, cc_error *err)
{
	gsl_matrix_view a = gsl_matrix_view_array(w->c0inv, w->K, w->K);
	gsl_error_handler_t *old;
	int			rc;

	LagProduct(w, 0, (double) w->T, w->c0inv);
	/* GSL's default handler aborts on a matrix that is not positive definite */
	old = gsl_set_error_handler_off();
	rc = gsl_linalg_cholesky_decomp1(&a.matrix);
	if (rc == GSL_SUCCESS)
		rc = gsl_linalg_cholesky_invert(&a.matrix);
	gsl_set_error_handler(old);
	if (rc != GSL_SUCCESS)
	{
		cc_fail(err, CC_ETOOFEW, "the residual covariance matrix of the %d series is singular",
				(int) w->K);
		cc_fail_detail(err, "A series is constant or a linear combination of the others (T = %lld rows).",
					   (long long) w->T);
		return CC_ETOOFEW;
	}
	return CC_OK;
}

/* Q from w->c, with w->c0inv already set. */
static double
HoskingQ(Work *w, int32_t lags)
{
	int32_t		K = w->K;
	double		T = (double) w->T,
				q = 0.0;
	gsl_matrix_view A = gsl_matrix_view_array(w->c0inv, K, K),
				C = gsl_matrix_view_array(w->cl, K, K),
				M1 = gsl_matrix_view_array(w->m1, K, K),
				M2 = gsl_matrix_view_array(w->m2, K, K);

	for (int32_t l = 1; l <= lags; l++)
	{
		double		tr = 0.0;

		LagProduct(w, l, T, w->cl);
		/* M1 = C_l' C_0^-1, M2 = C_l C_0^-1, tr(M1 M2) */
		gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &C.matrix, &A.matrix, 0.0, &M1.matrix);
		gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &C.matrix, &A.matrix, 0.0, &M2.matrix);
		for (int i = 0; i < K; i++)
			for (int j = 0; j < K; j++)
				tr += w->m1[i * K + j] * w->m2[j * K + i];
		q += tr / (T - l);
	}
	return T * T * q;
}

static cc_status
CheckShape(int64_t T, int32_t K, int32_t lags, cc_error *err)
{
	if (K < 1 || K > 2 * CC_GCE_MAX_DIM)
		return cc_fail(err, CC_EINVAL, "%d series is not between 1 and %d", (int) K,
					   2 * CC_GCE_MAX_DIM);
	if (lags < 1)
		return cc_fail(err, CC_EINVAL, "lags = %d must be at least 1", (int) lags);
	if (T <= lags || T <= K)
	{
		cc_fail(err, CC_ETOOFEW, "%lld time points are too few for %d lags and %d series",
				(long long) T, (int) lags, (int) K);
		cc_fail_detail(err, "The test needs more time points than lags and more than series.");
		return CC_ETOOFEW;
	}
	return CC_OK;
}

cc_status
cc_gce_hosking_q(const double *x, int64_t T, int32_t K, int32_t lags, double *q, cc_error *err)
{
	Work		w;
	cc_status	st;

	if ((st = CheckShape(T, K, lags, err)) != CC_OK)
		return st;
	if ((st = WorkInit(&w, T, K, err)) != CC_OK)
		return st;
	Centre(&w, x, NULL);
	if ((st = InvertC0(&w, err)) == CC_OK)
		*q = HoskingQ(&w, lags);
	WorkFree(&w);
	return st;
}

/*
 * max over h = 1..lags of |G(0)^-1/2 G(h) G(0)^-1/2|_2 (App. B.4), from w->c: G(0)^-1/2 by
 * the symmetric eigendecomposition, the spectral norm as the largest singular value.
 */
static cc_status
MaxAcf(Work *w, int32_t lags, double *best, int32_t *best_lag, cc_error *err)
{
	int32_t		K = w->K;
	gsl_matrix_view G0 = gsl_matrix_view_array(w->m1, K, K),
				V = gsl_matrix_view_array(w->v, K, K),
				W = gsl_matrix_view_array(w->m2, K, K),
				C = gsl_matrix_view_array(w->cl, K, K),
				M = gsl_matrix_view_array(w->m1, K, K);
	gsl_vector_view S = gsl_vector_view_array(w->s, K);
	gsl_eigen_symmv_workspace *ws;
	gsl_error_handler_t *old;
	int			rc;

	LagProduct(w, 0, (double) w->T, w->m1);
	ws = gsl_eigen_symmv_alloc(K);
	if (ws == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for the eigendecomposition");
	old = gsl_set_error_handler_off();
	rc = gsl_eigen_symmv(&G0.matrix, &S.vector, &V.matrix, ws);
	gsl_eigen_symmv_free(ws);
	gsl_set_error_handler(old);
	if (rc != GSL_SUCCESS)
		return cc_fail(err, CC_ENOCONV, "the eigendecomposition of the residual covariance failed");
	/* W = V diag(lambda^-1/2) V' */
	for (int i = 0; i < K; i++)
	{
		if (!(w->s[i] > 0.0))
			return cc_fail(err, CC_ETOOFEW, "the residual covariance matrix of the %d series is singular",
						   (int) K);
		w->s[i] = 1.0 / sqrt(w->s[i]);
	}
	for (int i = 0; i < K; i++)
		for (int j = 0; j < K; j++)
		{
			double		s = 0.0;

			for (int k = 0; k < K; k++)
				s += w->v[i * K + k] * w->s[k] * w->v[j * K + k];
			w->m2[i * K + j] = s;
		}
	*best = -1.0;
	*best_lag = 0;
	for (int32_t h = 1; h <= lags; h++)
	{
		double		norm = 0.0;

		LagProduct(w, h, (double) (w->T - h), w->cl);
		/* M = W G(h) W, through V as scratch */
		gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &W.matrix, &C.matrix, 0.0, &V.matrix);
		gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &V.matrix, &W.matrix, 0.0, &M.matrix);
		/* largest singular value; the one-sided Jacobi SVD overwrites M and C */
		old = gsl_set_error_handler_off();
		rc = gsl_linalg_SV_decomp_jacobi(&M.matrix, &C.matrix, &S.vector);
		gsl_set_error_handler(old);
		if (rc != GSL_SUCCESS)
			return cc_fail(err, CC_ENOCONV, "the singular value decomposition at lag %d failed", (int) h);
		for (int i = 0; i < K; i++)
			norm = fmax(norm, w->s[i]);
		if (norm > *best)
		{
			*best = norm;
			*best_lag = h;
		}
	}
	return CC_OK;
}

/* Fisher-Yates shuffle of the rows of w->c. */
static void
ShuffleRows(Work *w, cc_rng *rng)
{
	int32_t		K = w->K;

	for (int64_t t = w->T - 1; t > 0; t--)
	{
		int64_t		u = cc_rng_int(rng, t + 1);

		if (u != t)
			for (int j = 0; j < K; j++)
			{
				double		tmp = w->c[t * K + j];

				w->c[t * K + j] = w->c[u * K + j];
				w->c[u * K + j] = tmp;
			}
	}
}

/* The permutation p-value of q over replicates orderings of w->c. */
static cc_status
PermutationP(Work *w, int32_t lags, double q, int64_t replicates, uint64_t seed, double *p,
			 cc_error *err)
{
	cc_rng		rng;
	int64_t		ge = 0;
	cc_status	st;

	if ((st = cc_rng_init(&rng, err)) != CC_OK)
		return st;
	cc_rng_seed(&rng, seed);
	for (int64_t b = 0; b < replicates; b++)
	{
		if (cc_poll((uint64_t) b, 16))
		{
			cc_rng_free(&rng);
			return cc_fail(err, CC_ECANCEL, "canceled");
		}
		ShuffleRows(w, &rng);
		/* the relative slack counts orderings that tie with the data's despite rounding */
		if (HoskingQ(w, lags) >= q * (1.0 - 1e-12))
			ge++;
	}
	cc_rng_free(&rng);
	*p = (1.0 + (double) ge) / (1.0 + (double) replicates);
	return CC_OK;
}

cc_status
cc_gce_trajectory_fit(const double *empirical, const double *predicted, int64_t T, int32_t K,
					  int32_t lags, int64_t replicates, uint64_t seed, cc_gce_fit *out,
					  cc_error *err)
{
	Work		w;
	double	   *e,
			   *mean;
	double		sse = 0.0,
				b2 = 0.0;
	cc_status	st;

	if ((st = CheckShape(T, K, lags, err)) != CC_OK)
		return st;
	if (replicates < 0 || replicates > CC_GCE_MAX_REPLICATES)
		return cc_fail(err, CC_EINVAL, "replicates = %lld is not between 0 and %d",
					   (long long) replicates, CC_GCE_MAX_REPLICATES);
	for (int64_t i = 0; i < T * K; i++)
		if (!isfinite(empirical[i]) || !isfinite(predicted[i]))
		{
			const char *which = !isfinite(empirical[i]) ? "empirical" : "predicted";

			return cc_fail(err, CC_EINVAL, "%s[%lld][%d] = %s is not finite", which,
						   (long long) (i / K + 1), (int) (i % K + 1),
						   cc_num(!isfinite(empirical[i]) ? empirical[i] : predicted[i]).s);
		}
	if ((st = WorkInit(&w, T, K, err)) != CC_OK)
		return st;
	e = cc_malloc(sizeof(double) * (size_t) T * (size_t) K);
	mean = cc_malloc(sizeof(double) * (size_t) K);
	if (e == NULL || mean == NULL)
	{
		cc_free(e);
		cc_free(mean);
		WorkFree(&w);
		return cc_fail(err, CC_ENOMEM, "out of memory for the residuals");
	}
	for (int64_t i = 0; i < T * K; i++)
	{
		e[i] = predicted[i] - empirical[i];
		sse += e[i] * e[i];
	}
	Centre(&w, e, mean);
	for (int j = 0; j < K; j++)
		b2 += mean[j] * mean[j];
	memset(out, 0, sizeof(*out));
	out->mse = sse / ((double) K * (double) T);
	out->bias = sqrt(b2);
	out->df = (int64_t) K * K * lags;
	out->p_mc = NAN;
	st = MaxAcf(&w, lags, &out->max_acf, &out->max_acf_lag, err);
	if (st == CC_OK)
		st = InvertC0(&w, err);
	if (st == CC_OK)
	{
		out->q = HoskingQ(&w, lags);
		out->p_chisq = gsl_cdf_chisq_Q(out->q, (double) out->df);
		if (replicates > 0)
			st = PermutationP(&w, lags, out->q, replicates, seed, &out->p_mc, err);
	}
	cc_free(e);
	cc_free(mean);
	WorkFree(&w);
	return st;
}
