/*
 * Plots of the report: series kept with the points their axes can show (the others
 * counted), drawn by svg.c.
 */
#include "collcog/report.h"

#include <math.h>
#include <string.h>

static char *
dup_text(const char *s)
{
	size_t		n = strlen(s) + 1;
	char	   *copy = cc_malloc(n);

	if (copy)
		memcpy(copy, s, n);
	return copy;
}

cc_status
cc_plot_init(cc_plot *p, const char *title, const char *xlabel, const char *ylabel,
			 cc_axis_scale xscale, cc_axis_scale yscale, cc_error *err)
{
	memset(p, 0, sizeof(*p));
	p->xscale = xscale;
	p->yscale = yscale;
	p->width = 640;
	p->height = 400;
	p->title = dup_text(title ? title : "");
	p->xlabel = dup_text(xlabel ? xlabel : "");
	p->ylabel = dup_text(ylabel ? ylabel : "");
	if (!p->title || !p->xlabel || !p->ylabel)
	{
		cc_plot_free(p);
		return cc_fail(err, CC_ENOMEM, "out of memory for a plot");
	}
	return CC_OK;
}

static void
series_free(cc_series *s)
{
	cc_free(s->label);
	cc_free(s->x);
	cc_free(s->y);
	cc_free(s->ylo);
	cc_free(s->yhi);
}

void
cc_plot_free(cc_plot *p)
{
	for (int i = 0; i < p->nseries; i++)
		series_free(&p->series[i]);
	cc_free(p->title);
	cc_free(p->xlabel);
	cc_free(p->ylabel);
	memset(p, 0, sizeof(*p));
}

/* Whether the axis can show v. */
static bool
shows(cc_axis_scale scale, double v)
{
	return isfinite(v) && (scale == CC_AXIS_LINEAR || v > 0);
}

cc_status
cc_plot_add(cc_plot *p, cc_series_kind kind, const char *label, bool dashed,
			const double *x, const double *y, const double *ylo, const double *yhi,
			size_t n, cc_error *err)
{
	cc_series  *s;
	bool		bars = kind == CC_SERIES_BARS;

	if (p->nseries >= CC_PLOT_MAX_SERIES)
		return cc_fail(err, CC_ELIMIT, "a plot has at most %d series", CC_PLOT_MAX_SERIES);
	if (label == NULL || (n > 0 && (x == NULL || y == NULL || (bars && (ylo == NULL || yhi == NULL)))))
		return cc_fail(err, CC_EINVAL, "a series needs a label, x, y and, for bars, their ends");
	s = &p->series[p->nseries];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->dashed = dashed;
	s->label = dup_text(label);
	s->x = cc_calloc(n ? n : 1, sizeof(double));
	s->y = cc_calloc(n ? n : 1, sizeof(double));
	if (bars)
	{
		s->ylo = cc_calloc(n ? n : 1, sizeof(double));
		s->yhi = cc_calloc(n ? n : 1, sizeof(double));
	}
	if (!s->label || !s->x || !s->y || (bars && (!s->ylo || !s->yhi)))
	{
		series_free(s);
		return cc_fail(err, CC_ENOMEM, "out of memory for a plot's series");
	}
	for (size_t i = 0; i < n; i++)
	{
		if (!shows(p->xscale, x[i]) || !shows(p->yscale, y[i]))
		{
			s->dropped++;
			continue;
		}
		s->x[s->n] = x[i];
		s->y[s->n] = y[i];
		if (bars)
		{
			/* a bar end the axis cannot show is left off: the bar stops at the point */
			s->ylo[s->n] = shows(p->yscale, ylo[i]) ? fmin(ylo[i], y[i]) : y[i];
			s->yhi[s->n] = shows(p->yscale, yhi[i]) ? fmax(yhi[i], y[i]) : y[i];
		}
		s->n++;
	}
	p->nseries++;
	return CC_OK;
}

size_t
cc_plot_dropped(const cc_plot *p)
{
	size_t		total = 0;

	for (int i = 0; i < p->nseries; i++)
		total += p->series[i].dropped;
	return total;
}

size_t
cc_plot_points(const cc_plot *p)
{
	size_t		total = 0;

	for (int i = 0; i < p->nseries; i++)
		total += p->series[i].n;
	return total;
}
