/*
 * A plot written as one SVG element: frame, ticks and grid, the series, the legend and the
 * count of points not shown.
 */
#include "collcog/report.h"

#include <math.h>

/* Margins around the plotting area, in pixels. */
#define MARGIN_LEFT 72
#define MARGIN_RIGHT 28
#define MARGIN_TOP 34
#define MARGIN_BOTTOM 62

/* Colours of the series in order (colour-blind safe first, after Okabe and Ito). */
static const char *const palette[CC_PLOT_MAX_SERIES] = {
	"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
	"#000000", "#f0e442", "#7f7f7f", "#8c564b", "#9467bd", "#17becf"
};

typedef struct frame
{
	cc_axis		x;
	cc_axis		y;
	double		left;
	double		top;
	double		w;
	double		h;
} frame;

static double
px(const frame *f, double v)
{
	return f->left + cc_axis_frac(&f->x, v) * f->w;
}

static double
py(const frame *f, double v)
{
	return f->top + (1 - cc_axis_frac(&f->y, v)) * f->h;
}

/* The range of every value the series show; false when there is none. */
static bool
data_range(const cc_plot *p, double *xlo, double *xhi, double *ylo, double *yhi)
{
	bool		any = false;

	for (int s = 0; s < p->nseries; s++)
	{
		const cc_series *se = &p->series[s];

		for (size_t i = 0; i < se->n; i++)
		{
			double		lo = se->ylo ? se->ylo[i] : se->y[i];
			double		hi = se->yhi ? se->yhi[i] : se->y[i];

			if (!any)
			{
				*xlo = *xhi = se->x[i];
				*ylo = lo;
				*yhi = hi;
				any = true;
			}
			*xlo = fmin(*xlo, se->x[i]);
			*xhi = fmax(*xhi, se->x[i]);
			*ylo = fmin(*ylo, lo);
			*yhi = fmax(*yhi, hi);
		}
	}
	return any;
}

/* Grid lines, tick labels and the axis titles. */
static void
draw_axes(const cc_plot *p, const frame *f, cc_text *out)
{
	char		label[32];

	cc_text_puts(out, "<g class=\"axes\" stroke=\"#dddddd\">");
	for (int i = 0; i < f->x.nticks; i++)
		cc_text_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
					   px(f, f->x.ticks[i]), f->top, px(f, f->x.ticks[i]), f->top + f->h);
	for (int i = 0; i < f->y.nticks; i++)
		cc_text_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
					   f->left, py(f, f->y.ticks[i]), f->left + f->w, py(f, f->y.ticks[i]));
	cc_text_puts(out, "</g><g class=\"ticks\" fill=\"#333333\">");
	for (int i = 0; i < f->x.nticks; i++)
	{
		cc_axis_label(&f->x, f->x.ticks[i], label, sizeof(label));
		cc_text_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
					   px(f, f->x.ticks[i]), f->top + f->h + 16, label);
	}
	for (int i = 0; i < f->y.nticks; i++)
	{
		cc_axis_label(&f->y, f->y.ticks[i], label, sizeof(label));
		cc_text_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
					   f->left - 6, py(f, f->y.ticks[i]) + 4, label);
	}
	cc_text_puts(out, "</g>");
	cc_text_printf(out, "<text class=\"xlabel\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
				   f->left + f->w / 2, f->top + f->h + 36);
	cc_text_escapes(out, p->xlabel);
	cc_text_printf(out, "</text><text class=\"ylabel\" transform=\"translate(16,%.1f) rotate(-90)\" "
				   "text-anchor=\"middle\">", f->top + f->h / 2);
	cc_text_escapes(out, p->ylabel);
	cc_text_puts(out, "</text>");
}

/* One series in its colour. */
static void
draw_series(const cc_series *s, const char *colour, const frame *f, cc_text *out)
{
	cc_text_printf(out, "<g class=\"series\" stroke=\"%s\" fill=\"%s\"%s>", colour,
				   s->kind == CC_SERIES_LINE || s->kind == CC_SERIES_STEP ? "none" : colour,
				   s->dashed ? " stroke-dasharray=\"6 4\"" : "");
	if ((s->kind == CC_SERIES_LINE || s->kind == CC_SERIES_STEP) && s->n > 0)
	{
		cc_text_puts(out, "<polyline stroke-width=\"1.8\" points=\"");
		for (size_t i = 0; i < s->n; i++)
		{
			if (s->kind == CC_SERIES_STEP && i > 0)
				cc_text_printf(out, "%.1f,%.1f ", px(f, s->x[i]), py(f, s->y[i - 1]));
			cc_text_printf(out, "%.1f,%.1f ", px(f, s->x[i]), py(f, s->y[i]));
		}
		cc_text_puts(out, "\"/>");
	}
	else
	{
		for (size_t i = 0; i < s->n; i++)
		{
			double		x = px(f, s->x[i]);

			if (s->kind == CC_SERIES_BARS)
				cc_text_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
							   x, py(f, s->ylo[i]), x, py(f, s->yhi[i]));
			cc_text_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>", x, py(f, s->y[i]));
		}
	}
	cc_text_puts(out, "</g>");
}

/* Points of the series inside the box [x0, x0 + w] x [y0, y0 + h] (pixels). */
static size_t
points_inside(const cc_plot *p, const frame *f, double x0, double y0, double w, double h)
{
	size_t		n = 0;

	for (int s = 0; s < p->nseries; s++)
		for (size_t i = 0; i < p->series[s].n; i++)
		{
			double		x = px(f, p->series[s].x[i]);
			double		y = py(f, p->series[s].y[i]);

			n += x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + h;
		}
	return n;
}

/*
 * The legend: a sample of each series' mark and its label, in a box in the corner of the
 * plotting area that covers the fewest points (top right, top left, bottom right, bottom
 * left on ties).
 */
static void
draw_legend(const cc_plot *p, const frame *f, cc_text *out)
{
	size_t		longest = 0;
	double		w;
	double		h = 16 * p->nseries + 8;
	double		x0 = 0;
	double		y0 = 0;
	size_t		best = (size_t) -1;

	for (int s = 0; s < p->nseries; s++)
	{
		size_t		n = 0;

		/* count characters, not bytes, of the UTF-8 label */
		for (const char *c = p->series[s].label; *c; c++)
			n += ((unsigned char) *c & 0xC0) != 0x80;
		longest = n > longest ? n : longest;
	}
	w = 40 + 6.5 * (double) (longest > 60 ? 60 : longest);
	for (int corner = 0; corner < 4; corner++)
	{
		double		x = (corner % 2 == 0) ? f->left + f->w - w - 8 : f->left + 8;
		double		y = (corner < 2) ? f->top + 8 : f->top + f->h - h - 8;
		size_t		n = points_inside(p, f, x, y, w, h);

		if (n < best)
		{
			best = n;
			x0 = x;
			y0 = y;
		}
	}
	cc_text_printf(out, "<g class=\"legend\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				   "height=\"%.0f\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#bbbbbb\"/>",
				   x0, y0, w, h);
	for (int s = 0; s < p->nseries; s++)
	{
		const cc_series *se = &p->series[s];
		double		y = y0 + 16 * s + 14;
		const char *colour = palette[s];

		if (se->kind == CC_SERIES_LINE || se->kind == CC_SERIES_STEP)
			cc_text_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
						   "stroke-width=\"1.8\"%s/>", x0 + 6, y - 4, x0 + 30, y - 4, colour,
						   se->dashed ? " stroke-dasharray=\"6 4\"" : "");
		else
			cc_text_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
						   x0 + 18, y - 4, colour);
		cc_text_printf(out, "<text x=\"%.1f\" y=\"%.1f\">", x0 + 36, y);
		cc_text_escapes(out, se->label);
		cc_text_puts(out, "</text>");
	}
	cc_text_puts(out, "</g>");
}

cc_status
cc_plot_svg(const cc_plot *p, cc_text *out, cc_error *err)
{
	frame		f;
	double		xlo = 0,
				xhi = 0,
				ylo = 0,
				yhi = 0;
	size_t		dropped = cc_plot_dropped(p);
	cc_status	st;

	f.left = MARGIN_LEFT;
	f.top = MARGIN_TOP;
	f.w = p->width - MARGIN_LEFT - MARGIN_RIGHT;
	f.h = p->height - MARGIN_TOP - MARGIN_BOTTOM;
	cc_text_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cc-plot\" width=\"%d\" "
				   "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
				   "font-size=\"12\" role=\"img\"><title>", p->width, p->height, p->width,
				   p->height);
	cc_text_escapes(out, p->title);
	cc_text_printf(out, "</title><rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>"
				   "<text class=\"title\" x=\"%.1f\" y=\"20\" text-anchor=\"middle\" "
				   "font-size=\"14\">", p->width, p->height, f.left + f.w / 2);
	cc_text_escapes(out, p->title);
	cc_text_puts(out, "</text>");
	if (data_range(p, &xlo, &xhi, &ylo, &yhi))
	{
		if ((st = cc_axis_make(&f.x, p->xscale, xlo, xhi, err)) != CC_OK ||
			(st = cc_axis_make(&f.y, p->yscale, ylo, yhi, err)) != CC_OK)
			return st;
		draw_axes(p, &f, out);
		for (int s = 0; s < p->nseries; s++)
			draw_series(&p->series[s], palette[s], &f, out);
	}
	else
		cc_text_printf(out, "<text class=\"nodata\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
					   "fill=\"#666666\">no data to plot</text>", f.left + f.w / 2,
					   f.top + f.h / 2);
	cc_text_printf(out, "<rect class=\"frame\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				   "fill=\"none\" stroke=\"#333333\"/>", f.left, f.top, f.w, f.h);
	if (p->nseries > 0 && cc_plot_points(p) > 0)
		draw_legend(p, &f, out);
	if (dropped > 0)
		cc_text_printf(out, "<text class=\"dropped\" x=\"%d\" y=\"%d\" fill=\"#666666\">%zu "
					   "point%s not shown (not finite, or not above 0 on a log axis)</text>",
					   MARGIN_LEFT, p->height - 6, dropped, dropped == 1 ? "" : "s");
	cc_text_puts(out, "</svg>");
	return cc_text_status(out, err);
}
