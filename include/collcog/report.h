/*
 * collcog report: the figures of collcog-report (docs/report.md) as self-contained SVG, and
 * the text buffer with HTML/XML escaping that the report is written into.
 *
 * A plot has a frame, an x and a y axis (linear, or logarithmic with ticks at the decades),
 * series (polylines, points, step curves such as an empirical CCDF, points with vertical
 * interval bars) and a legend, in the corner that hides the fewest points. Values a series
 * cannot show are dropped and counted, never drawn wrong: NaN and infinities on any axis, zero and negative values on a log axis. The
 * SVG says how many were dropped, and cc_plot_dropped() tells the caller.
 *
 * Text (title, labels, legend) is escaped: < & " ' and > become entities, so a group named
 * <&"'> is shown as it is and cannot break the document. Bytes below 0x20 other than tab and
 * newline (not allowed in XML) become U+FFFD.
 *
 * Everything allocates through cc_malloc (common.h). A cc_text that failed to grow stays
 * failed: later appends do nothing and cc_text_status() reports CC_ENOMEM.
 */
#ifndef COLLCOG_REPORT_H
#define COLLCOG_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "collcog/common.h"

/* A growable NUL-terminated text. */
typedef struct cc_text
{
	char	   *data;			/* NUL-terminated once anything was appended */
	size_t		len;
	size_t		cap;
	bool		failed;			/* an allocation failed: contents incomplete */
} cc_text;

void		cc_text_init(cc_text *t);
void		cc_text_free(cc_text *t);
void		cc_text_append(cc_text *t, const char *s, size_t n);
void		cc_text_puts(cc_text *t, const char *s);
void		cc_text_printf(cc_text *t, const char *fmt, ...)
			__attribute__((format(printf, 2, 3)));
/* Append s[0..n-1] escaped for XML and HTML text and attribute values. */
void		cc_text_escape(cc_text *t, const char *s, size_t n);
/* cc_text_escape of a NUL-terminated string (NULL appends nothing). */
void		cc_text_escapes(cc_text *t, const char *s);
/* CC_OK, or CC_ENOMEM when an append failed. */
cc_status	cc_text_status(const cc_text *t, cc_error *err);

/* ---------------------------------------------------------------------------------------
 * Axes
 * ------------------------------------------------------------------------------------- */
typedef enum cc_axis_scale
{
	CC_AXIS_LINEAR = 0,
	CC_AXIS_LOG					/* base 10, ticks at powers of ten */
} cc_axis_scale;

#define CC_AXIS_MAX_TICKS 16

typedef struct cc_axis
{
	cc_axis_scale scale;
	double		lo;				/* the axis' range, after widening to the ticks */
	double		hi;
	int			nticks;
	double		ticks[CC_AXIS_MAX_TICKS];
} cc_axis;

/*
 * The axis for data in [lo, hi] (lo <= hi, finite; > 0 for a log axis; lo == hi is
 * widened). Linear: ticks at multiples of 1, 2 or 5 times a power of ten, 3 to 11 of them,
 * the range widened to the outer ticks. Log: the range widened to whole decades, a tick at
 * every decade, or every k-th decade when more than 10 would be needed. CC_EINVAL for a
 * range the scale cannot show.
 */
cc_status	cc_axis_make(cc_axis *axis, cc_axis_scale scale, double lo, double hi,
						 cc_error *err);
/* The position of v on the axis as a fraction of its length (0 at lo, 1 at hi). */
double		cc_axis_frac(const cc_axis *axis, double v);
/* A tick's label: "0.001", "1", "1000", then "1e+04" and beyond for log ticks; %g. */
void		cc_axis_label(const cc_axis *axis, double v, char *buf, size_t size);

/* ---------------------------------------------------------------------------------------
 * Plots
 * ------------------------------------------------------------------------------------- */
typedef enum cc_series_kind
{
	CC_SERIES_LINE = 0,			/* a polyline through the points in the given order */
	CC_SERIES_POINTS,			/* markers */
	CC_SERIES_STEP,				/* a right-continuous step curve (an empirical CCDF) */
	CC_SERIES_BARS				/* markers with vertical bars from ylo to yhi */
} cc_series_kind;

#define CC_PLOT_MAX_SERIES 12

typedef struct cc_series
{
	cc_series_kind kind;
	char	   *label;
	bool		dashed;
	size_t		n;				/* points kept */
	double	   *x;
	double	   *y;
	double	   *ylo;			/* CC_SERIES_BARS only */
	double	   *yhi;
	size_t		dropped;		/* points dropped: not finite, or <= 0 on a log axis */
} cc_series;

typedef struct cc_plot
{
	char	   *title;
	char	   *xlabel;
	char	   *ylabel;
	cc_axis_scale xscale;
	cc_axis_scale yscale;
	int			width;			/* pixels */
	int			height;
	int			nseries;
	cc_series	series[CC_PLOT_MAX_SERIES];
} cc_plot;

/* A plot of 640 x 400 pixels with no series; CC_ENOMEM. Free with cc_plot_free. */
cc_status	cc_plot_init(cc_plot *p, const char *title, const char *xlabel,
						 const char *ylabel, cc_axis_scale xscale, cc_axis_scale yscale,
						 cc_error *err);
void		cc_plot_free(cc_plot *p);

/*
 * Add a series of n points (copied). ylo and yhi are read for CC_SERIES_BARS only (a bar
 * end that cannot be shown is left off, the point kept). Points that cannot be shown are
 * dropped and counted. CC_ELIMIT past CC_PLOT_MAX_SERIES, CC_EINVAL for a NULL label or
 * bars without ends, CC_ENOMEM.
 */
cc_status	cc_plot_add(cc_plot *p, cc_series_kind kind, const char *label, bool dashed,
						const double *x, const double *y, const double *ylo,
						const double *yhi, size_t n, cc_error *err);
/* Points dropped over all series. */
size_t		cc_plot_dropped(const cc_plot *p);
/* Points kept over all series. */
size_t		cc_plot_points(const cc_plot *p);

/*
 * Append the plot as one <svg> element (no XML declaration, so that it can stand inline in
 * HTML, and also be a file of its own). With no point to show it draws the frame and says
 * "no data to plot". CC_ENOMEM.
 */
cc_status	cc_plot_svg(const cc_plot *p, cc_text *out, cc_error *err);

#endif
