/*
 * Special functions, all in log space: Hurwitz-zeta-like sums with their derivatives in s
 * (Euler-Maclaurin), the upper incomplete gamma for any real a, and the normal probability
 * of an interval.
 */
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>

#include "collcog/stats.h"

/* B_{2j} / (2j)! for j = 1..8 */
static const double BernFact[8] = {
	1.0 / 12.0,
	-1.0 / 720.0,
	1.0 / 30240.0,
	-1.0 / 1209600.0,
	1.0 / 47900160.0,
	-691.0 / 2730.0 / 479001600.0,
	7.0 / 6.0 / 87178291200.0,
	-3617.0 / 510.0 / 20922789888000.0
};

#define EM_TERMS 8
#define MAX_DIRECT 100000000

/* Euler-Maclaurin tail correction sum_{j} B_2j/(2j)! f^(2j-1)(N) / f(N), for the three g. */
static void
EmCorrection(double s, double lam, double N, int nder, double corr[3])
{
	double		P = 1.0,
				Q1 = 0.0,
				Q2 = 0.0,
				R2 = 0.0,
				L = log(N);
	int			n;

	corr[0] = corr[1] = corr[2] = 0.0;
	if (lam == 0.0)
	{
		double		invN = 1.0 / N,
					scale = 1.0;	/* N^-n */

		/* g0^(n) = x^(-s-n) P, g1^(n) = x^(-s-n) (P L + Q1), g2^(n) = x^(-s-n) (P L^2 + Q2 L + R2) */
		for (n = 0; n < 2 * EM_TERMS; n++)
		{
			double		m = -s - n,
						nR2 = m * R2 + Q2,
						nQ2 = m * Q2 + 2.0 * P,
						nQ1 = m * Q1 + P;

			P = m * P;
			Q1 = nQ1;
			Q2 = nQ2;
			R2 = nR2;
			scale *= invN;
			if ((n + 1) % 2 == 1)
			{
				double		b = BernFact[n / 2] * scale;

				corr[0] += b * P;
				if (nder >= 1)
					corr[1] += b * (P * L + Q1);
				if (nder >= 2)
					corr[2] += b * (P * L * L + Q2 * L + R2);
			}
		}
		return;
	}
	else
	{
		/* f^(n)(N)/f(N) = sum_i C(n,i) Pi_i N^-i (-lam)^(n-i), Pi_i = prod_{t<i} (-s-t) */
		double		pi[2 * EM_TERMS + 1];
		double		binom[2 * EM_TERMS + 1];

		pi[0] = 1.0;
		for (n = 1; n <= 2 * EM_TERMS; n++)
			pi[n] = pi[n - 1] * (-s - (n - 1)) / N;
		for (n = 1; n <= 2 * EM_TERMS; n += 2)
		{
			double		d = 0.0,
						c = 1.0;
			int			i;

			/* binomial row n */
			binom[0] = 1.0;
			for (i = 1; i <= n; i++)
			{
				c = c * (n - i + 1) / i;
				binom[i] = c;
			}
			for (i = 0; i <= n; i++)
				d += binom[i] * pi[i] * pow(-lam, n - i);
			corr[0] += BernFact[(n - 1) / 2] * d;
		}
	}
}

int
cc_zsum(double s, double lam, double q, int nder, double *lnf0, double out[3])
{
	double		lf0 = -s * log(q) - lam * q,
				acc0 = 0.0,
				acc1 = 0.0,
				acc2 = 0.0,
				x = q,
				Nmin;
	long		k;

	out[0] = out[1] = out[2] = NAN;
	*lnf0 = lf0;
	if (!(q > 0.0) || !isfinite(s) || !(lam >= 0.0) || !isfinite(lam))
		return -1;
	if (nder > 0 && lam != 0.0)
		return -1;
	if (lam == 0.0 && !(s > 1.0))
		return -1;
	Nmin = 2.0 * (fabs(s) + 2 * EM_TERMS + 2);
	for (k = 0; k < MAX_DIRECT; k++, x += 1.0)
	{
		double		lx,
					r;

		if (lam <= 0.5 && x >= Nmin && (fabs(s) + 2 * EM_TERMS) / x + lam <= 0.5)
		{
			/* Euler-Maclaurin from N = x: integral + f(N)/2 - corrections, times f(N)/f(q). */
			double		L = log(x),
						lfN = -s * L - lam * x,
						ratio = exp(lfN - lf0),
						corr[3],
						I0,
						I1 = 0.0,
						I2 = 0.0;

			EmCorrection(s, lam, x, nder, corr);
			if (lam == 0.0)
			{
				double		sm1 = s - 1.0;

				I0 = x / sm1;
				I1 = x * (L / sm1 + 1.0 / (sm1 * sm1));
				I2 = x * (L * L / sm1 + 2.0 * L / (sm1 * sm1) + 2.0 / (sm1 * sm1 * sm1));
			}
			else
			{
				double		lg = cc_lgamma_inc(1.0 - s, lam * x);

				if (!isfinite(lg))
					return -1;
				I0 = exp(s * L + lam * x + (s - 1.0) * log(lam) + lg);
			}
			acc0 += ratio * (I0 + 0.5 - corr[0]);
			if (nder >= 1)
				acc1 += ratio * (I1 + 0.5 * L - corr[1]);
			if (nder >= 2)
				acc2 += ratio * (I2 + 0.5 * L * L - corr[2]);
			break;
		}
		lx = log(x);
		r = exp(-s * lx - lam * x - lf0);
		acc0 += r;
		if (nder >= 1)
		{
			acc1 += r * lx;
			acc2 += r * lx * lx;
		}
		/* Direct summation converged (terms past their peak and negligible). */
		if (lam > 0.0 && r < 1e-18 * acc0 && (s >= 0.0 || x > -s / lam))
			break;
	}
	if (k >= MAX_DIRECT || !(acc0 > 0.0) || !isfinite(acc0))
		return -1;
	out[0] = acc0;
	out[1] = acc1;
	out[2] = acc2;
	return 0;
}

double
cc_lnhzeta(double s, double q)
{
	double		lf0,
				out[3];

	if (cc_zsum(s, 0.0, q, 0, &lf0, out) != 0)
		return NAN;
	return lf0 + log(out[0]);
}

double
cc_lnzsum(double s, double lam, double q)
{
	double		lf0,
				out[3];

	if (cc_zsum(s, lam, q, 0, &lf0, out) != 0)
		return NAN;
	return lf0 + log(out[0]);
}

/* Legendre continued fraction (modified Lentz): ln Gamma(a, y), good for y >= 1, any a. */
static double
LgammaIncCF(double a, double y)
{
	const double tiny = 1e-300;
	double		b = y + 1.0 - a,
				c = 1.0 / tiny,
				d = 1.0 / b,
				h = d;
	int			i;

	for (i = 1; i < 100000; i++)
	{
		double		an = -i * (i - a),
					del;

		b += 2.0;
		d = an * d + b;
		if (fabs(d) < tiny)
			d = tiny;
		c = b + an / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1.0) < 1e-16)
			return -y + a * log(y) + log(h);
	}
	return NAN;
}

/*
 * ln Gamma(a, y) in log space everywhere, so that no intermediate overflows (Gamma(a, y)
 * itself passes DBL_MAX for a above 171.6 with y < a + 1, and for negative a with small y,
 * e.g. a = -200, y = 0.01):
 * - y >= 1 beyond the peak (y > a + 1) or a <= 0: the continued fraction;
 * - a > 0 otherwise: ln Gamma(a) + ln Q(a, y), Q the regularised function, here >= 0.4;
 * - a <= 0, y < 1: Gamma(a, y) = Gamma(a, 1) + int_y^1 t^(a-1) e^-t dt, the integral as
 *   sum_n (-1)^n / n! (1 - y^(a+n)) / (a+n), all of it divided by y^a: term n is
 *   (-1)^n y^n / n! expm1(-(a+n) ln y) / (a+n) (y^n (-ln y) when a + n = 0), at most
 *   1 / (n! |a+n|) or y^n (-ln y) / n! or y^-a / (n! (a+n)) in size, so the sum overflows
 *   nowhere, and ln Gamma(a, y) = a ln y + ln(Gamma(a, 1) y^-a + sum).
 */
double
cc_lgamma_inc(double a, double y)
{
	if (!(y > 0.0) || !isfinite(a) || !isfinite(y))
		return NAN;
	if (y >= 1.0 && (y > a + 1.0 || a <= 0.0))
		return LgammaIncCF(a, y);
	if (a > 0.0)
	{
		gsl_sf_result q;
		gsl_error_handler_t *old = gsl_set_error_handler_off();
		int			st = gsl_sf_gamma_inc_Q_e(a, y, &q);

		gsl_set_error_handler(old);
		if (st != GSL_SUCCESS || !(q.val > 0.0) || !isfinite(q.val))
			return NAN;
		return lgamma(a) + log(q.val);
	}
	else
	{
		double		ly = log(y),
					sum = 0.0,
					fact = 1.0,		/* (-1)^n y^n / n! */
					g1 = LgammaIncCF(a, 1.0);
		int			n;

		for (n = 0; n < 200; n++)
		{
			double		b = a + n,
						t;

			if (n > 0)
				fact *= -y / n;
			if (b == 0.0)
				t = fact * -ly;
			else if (-b * ly <= 1.0)
				t = fact * expm1(-b * ly) / b;
			else				/* y^n expm1(-b ln y) = -y^-a expm1(b ln y): y^n may underflow */
				t = ((n & 1) ? -1.0 : 1.0) * exp(-a * ly - lgamma(n + 1.0)) * -expm1(b * ly) / b;
			sum += t;
			if (n > 2 && fabs(t) < 1e-17 * fabs(sum))
				break;
		}
		sum += exp(g1 - a * ly);
		if (!(sum > 0.0) || !isfinite(sum))
			return NAN;
		return a * ly + log(sum);
	}
}

double
cc_lnQ(double z)
{
	if (z < 30.0)
		return log(0.5 * erfc(z * M_SQRT1_2));
	return gsl_sf_log_erfc(z * M_SQRT1_2) - M_LN2;
}

/*
 * ln(Phi(a + h) - Phi(a)), h > 0 given as such: the width of a narrow interval far out
 * (a discrete log-normal's bin at x = 1e9 is 1e-9 wide on the log scale) is not recovered
 * from its two ends. Narrow relative to how fast the density changes there
 * (h (|m| + 2) <= 1/2, m the midpoint): 5-point Gauss-Legendre on [a, a + h] relative to
 * phi(m), whose relative error, h^10 He_10(m) 3.9e-13 (He the Hermite polynomial, at most
 * (|m| + 2)^10), is below 4e-16 there; wider: the difference of the tails.
 */
double
cc_lnPhispan(double a, double h)
{
	static const double node[3] = {0.0, 0.53846931010568309104, 0.90617984593866399280},
				weight[3] = {0.56888888888888888889, 0.47862867049936646804,
	0.23692688505618908751};
	double		m = a + 0.5 * h,
				b = a + h;

	if (!(h > 0.0) || isnan(a))
		return -INFINITY;
	if (isfinite(m) && h * (fabs(m) + 2.0) <= 0.5)
	{
		double		sum = weight[0];
		int			k;

		for (k = 1; k < 3; k++)
		{
			double		d = 0.5 * h * node[k];

			sum += weight[k] * (exp(-m * d - 0.5 * d * d) + exp(m * d - 0.5 * d * d));
		}
		return log(0.5 * h) - 0.5 * log(2.0 * M_PI) - 0.5 * m * m + log(sum);
	}
	if (a >= 0.0)
	{
		double		la = cc_lnQ(a);

		return la + log1p(-exp(cc_lnQ(b) - la));
	}
	if (b <= 0.0)
	{
		double		lb = cc_lnQ(-b);

		return lb + log1p(-exp(cc_lnQ(-a) - lb));
	}
	return log1p(-(0.5 * erfc(b * M_SQRT1_2) + 0.5 * erfc(-a * M_SQRT1_2)));
}

double
cc_log1mexp(double d)
{
	return d < M_LN2 ? log(-expm1(-d)) : log1p(-exp(-d));
}
