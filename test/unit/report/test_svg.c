/* Unit tests of the report's SVG writer: escaping, axes, dropped points, well-formed output. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "collcog/report.h"

/* Occurrences of needle in haystack. */
static int
count_of(const char *haystack, const char *needle)
{
	int			n = 0;

	for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/*
 * A small well-formedness check of XML without a DTD, one byte at a time: tags nest and
 * close in order, the names match, attribute values are quoted, and text and attributes hold
 * no raw '<' and only the five predefined entities or numeric references after '&'.
 * Returns NULL or why not.
 */
static const char *
xml_problem(const char *doc)
{
	static const char *const entities[] = {"&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&#"};
	const char *stack[64];
	size_t		stack_len[64];
	int			depth = 0;
	const char *name = NULL;	/* the tag name being read */
	size_t		name_len = 0;
	bool		in_tag = false;
	bool		closing = false;
	bool		naming = false;
	char		quote = 0;
	char		prev = 0;

	for (const char *p = doc; *p != '\0'; prev = *p, p++)
	{
		char		c = *p;

		if (c == '&')
		{
			bool		known = false;

			for (size_t i = 0; i < sizeof(entities) / sizeof(entities[0]); i++)
				known |= strncmp(p, entities[i], strlen(entities[i])) == 0;
			if (!known)
				return "bare '&'";
		}
		else if (!in_tag && c == '<')
		{
			in_tag = naming = true;
			closing = p[1] == '/';
			name = p + (closing ? 2 : 1);
			name_len = 0;
			if (closing)
				p++;			/* past the '/' */
		}
		else if (in_tag && quote)
		{
			if (c == '<')
				return "'<' in an attribute value";
			if (c == quote)
				quote = 0;
		}
		else if (in_tag && c == '<')
			return "'<' in a tag";
		else if (in_tag && (c == '"' || c == '\''))
			quote = c;
		else if (in_tag && c == '>')
		{
			if (name_len == 0)
				return "empty tag name";
			if (closing)
			{
				if (depth == 0 || name_len != stack_len[depth - 1] ||
					strncmp(name, stack[depth - 1], name_len) != 0)
					return "close tag does not match";
				depth--;
			}
			else if (prev != '/')
			{
				if (depth == 64)
					return "too deep";
				stack[depth] = name;
				stack_len[depth++] = name_len;
			}
			in_tag = naming = false;
		}
		else if (in_tag && naming)
		{
			if (c == ' ' || c == '/')
				naming = false;
			else
				name_len++;
		}
	}
	if (in_tag)
		return "unterminated tag";
	return depth == 0 ? NULL : "unclosed element";
}

static void
test_escape(void **state)
{
	cc_text		t;
	const char	in[] = "a<b>&\"c'\x01" "d";

	(void) state;
	cc_text_init(&t);
	cc_text_escape(&t, in, sizeof(in) - 1);
	assert_string_equal(t.data, "a&lt;b&gt;&amp;&quot;c&#39;\xEF\xBF\xBD" "d");
	assert_int_equal(cc_text_status(&t, NULL), CC_OK);
	cc_text_free(&t);

	/* UTF-8 passes as it is; an embedded NUL is a control character like the others */
	cc_text_init(&t);
	cc_text_escape(&t, "\xC3\xA9\0x", 3);
	assert_int_equal(t.len, 5);
	assert_memory_equal(t.data, "\xC3\xA9\xEF\xBF\xBD", 5);
	cc_text_free(&t);
}

static void
test_text_grows(void **state)
{
	cc_text		t;

	(void) state;
	cc_text_init(&t);
	for (int i = 0; i < 10000; i++)
		cc_text_printf(&t, "%d,", i % 10);
	assert_int_equal(t.len, 20000);
	assert_int_equal(strlen(t.data), 20000);
	assert_memory_equal(t.data + 19996, "8,9,", 4);
	cc_text_free(&t);
}

static void
test_log_axis_decades(void **state)
{
	cc_axis		a;
	char		buf[32];

	(void) state;
	/* 3 .. 4200 widens to 1 .. 10000 with a tick at every decade */
	assert_int_equal(cc_axis_make(&a, CC_AXIS_LOG, 3, 4200, NULL), CC_OK);
	assert_int_equal(a.nticks, 5);
	for (int i = 0; i < 5; i++)
		assert_true(a.ticks[i] == pow(10, i));
	assert_true(a.lo == 1 && a.hi == 10000);
	assert_true(fabs(cc_axis_frac(&a, 100) - 0.5) < 1e-12);
	cc_axis_label(&a, a.ticks[4], buf, sizeof(buf));
	assert_string_equal(buf, "1e+04");
	cc_axis_label(&a, a.ticks[3], buf, sizeof(buf));
	assert_string_equal(buf, "1000");

	/* an exact decade stays one: 0.01 .. 1 has ticks 0.01, 0.1, 1 */
	assert_int_equal(cc_axis_make(&a, CC_AXIS_LOG, 0.01, 1, NULL), CC_OK);
	assert_int_equal(a.nticks, 3);
	cc_axis_label(&a, a.ticks[0], buf, sizeof(buf));
	assert_string_equal(buf, "0.01");

	/* inside one decade: the whole decade */
	assert_int_equal(cc_axis_make(&a, CC_AXIS_LOG, 2, 8, NULL), CC_OK);
	assert_int_equal(a.nticks, 2);
	assert_true(a.lo == 1 && a.hi == 10);

	/* 1e-30 .. 1e30: sixty decades, a tick every sixth, at most 11 */
	assert_int_equal(cc_axis_make(&a, CC_AXIS_LOG, 1e-30, 1e30, NULL), CC_OK);
	assert_int_equal(a.nticks, 11);
	cc_axis_label(&a, a.ticks[0], buf, sizeof(buf));
	assert_string_equal(buf, "1e-30");

	/* a log axis cannot start at 0 or below */
	assert_int_equal(cc_axis_make(&a, CC_AXIS_LOG, 0, 10, NULL), CC_EINVAL);
	assert_int_equal(cc_axis_make(&a, CC_AXIS_LOG, NAN, 10, NULL), CC_EINVAL);
}

static void
test_linear_axis(void **state)
{
	cc_axis		a;

	(void) state;
	assert_int_equal(cc_axis_make(&a, CC_AXIS_LINEAR, 0.13, 0.97, NULL), CC_OK);
	assert_true(a.nticks >= 3 && a.nticks <= 12);
	assert_true(a.lo <= 0.13 && a.hi >= 0.97);
	/* ticks at 0.1, 0.2, ..., 1: steps of 0.1, the range widened to the outer ticks */
	assert_int_equal(a.nticks, 10);
	assert_true(fabs(a.ticks[0] - 0.1) < 1e-12 && fabs(a.ticks[a.nticks - 1] - 1) < 1e-12);
	assert_true(fabs(a.ticks[1] - a.ticks[0] - 0.1) < 1e-12);

	/* from -3 to 17: steps of 5 (2 would need 11 intervals), 0 exactly 0 */
	assert_int_equal(cc_axis_make(&a, CC_AXIS_LINEAR, -3, 17, NULL), CC_OK);
	assert_int_equal(a.nticks, 6);
	assert_true(a.lo == -5 && a.hi == 20 && a.ticks[1] == 0);

	/* one value: widened around it */
	assert_int_equal(cc_axis_make(&a, CC_AXIS_LINEAR, 5, 5, NULL), CC_OK);
	assert_true(a.lo < 5 && a.hi > 5);
	assert_int_equal(cc_axis_make(&a, CC_AXIS_LINEAR, -1e308, 1e308, NULL), CC_EINVAL);
	assert_int_equal(cc_axis_make(&a, CC_AXIS_LINEAR, 2, 1, NULL), CC_EINVAL);
}

static void
test_dropped_and_counted(void **state)
{
	cc_plot		p;
	cc_text		t;
	const double x[] = {0, 1, 2, 3, -1, INFINITY, 10};
	const double y[] = {1, 0.5, NAN, 0.1, 0.2, 0.1, 0.001};

	(void) state;
	assert_int_equal(cc_plot_init(&p, "ccdf", "x", "P(X >= x)", CC_AXIS_LOG, CC_AXIS_LOG, NULL), CC_OK);
	assert_int_equal(cc_plot_add(&p, CC_SERIES_STEP, "empirical", false, x, y, NULL, NULL, 7, NULL), CC_OK);
	/* x = 0 and -1 (log axis), y NaN, x infinite: four dropped, three kept */
	assert_int_equal(p.series[0].dropped, 4);
	assert_int_equal(p.series[0].n, 3);
	assert_int_equal(cc_plot_dropped(&p), 4);
	assert_int_equal(cc_plot_points(&p), 3);
	cc_text_init(&t);
	assert_int_equal(cc_plot_svg(&p, &t, NULL), CC_OK);
	assert_non_null(strstr(t.data, ">4 points not shown"));
	assert_null(xml_problem(t.data));
	cc_text_free(&t);
	cc_plot_free(&p);

	/* on linear axes only the non-finite ones go */
	assert_int_equal(cc_plot_init(&p, "t", "x", "y", CC_AXIS_LINEAR, CC_AXIS_LINEAR, NULL), CC_OK);
	assert_int_equal(cc_plot_add(&p, CC_SERIES_POINTS, "p", false, x, y, NULL, NULL, 7, NULL), CC_OK);
	assert_int_equal(cc_plot_dropped(&p), 2);
	cc_plot_free(&p);
}

static void
test_svg_well_formed_and_escaped(void **state)
{
	cc_plot		p;
	cc_text		t;
	const double x[] = {1, 2, 4, 8, 16};
	const double y[] = {1, 0.6, 0.3, 0.1, 0.02};
	const double lo[] = {0.8, 0.5, -1, 0.05, 0.01};
	const double hi[] = {1.2, 0.7, 0.4, NAN, 0.03};

	(void) state;
	assert_int_equal(cc_plot_init(&p, "group <&\"'>", "x <", "y &", CC_AXIS_LOG, CC_AXIS_LOG, NULL), CC_OK);
	assert_int_equal(cc_plot_add(&p, CC_SERIES_LINE, "fit <&\"'>", true, x, y, NULL, NULL, 5, NULL), CC_OK);
	assert_int_equal(cc_plot_add(&p, CC_SERIES_POINTS, "pts", false, x, y, NULL, NULL, 5, NULL), CC_OK);
	assert_int_equal(cc_plot_add(&p, CC_SERIES_STEP, "step", false, x, y, NULL, NULL, 5, NULL), CC_OK);
	assert_int_equal(cc_plot_add(&p, CC_SERIES_BARS, "bars", false, x, y, lo, hi, 5, NULL), CC_OK);
	/* a bar end the log axis cannot show stops at the point; the point stays */
	assert_int_equal(p.series[3].n, 5);
	assert_true(p.series[3].ylo[2] == 0.3 && p.series[3].yhi[3] == 0.1);
	assert_int_equal(cc_plot_add(&p, CC_SERIES_BARS, "no ends", false, x, y, NULL, NULL, 5, NULL), CC_EINVAL);
	cc_text_init(&t);
	assert_int_equal(cc_plot_svg(&p, &t, NULL), CC_OK);
	assert_null(xml_problem(t.data));
	assert_non_null(strstr(t.data, "<title>group &lt;&amp;&quot;&#39;&gt;</title>"));
	assert_non_null(strstr(t.data, ">fit &lt;&amp;&quot;&#39;&gt;</text>"));
	assert_null(strstr(t.data, "<&"));
	assert_int_equal(count_of(t.data, "<svg"), 1);
	assert_int_equal(count_of(t.data, "<polyline"), 2);
	assert_int_equal(count_of(t.data, "stroke-dasharray"), 2);	/* the series and its legend mark */
	/* 5 points, 5 bars: markers 10 plus 2 legend markers */
	assert_int_equal(count_of(t.data, "<circle"), 12);
	/* decade tick labels 1 and 10 on x (1 .. 100 after widening 1 .. 16) */
	assert_non_null(strstr(t.data, ">100</text>"));
	assert_null(strstr(t.data, "not shown"));
	cc_text_free(&t);
	cc_plot_free(&p);
}

static void
test_empty_plot(void **state)
{
	cc_plot		p;
	cc_text		t;
	const double x[] = {0, -1};
	const double y[] = {1, 1};

	(void) state;
	assert_int_equal(cc_plot_init(&p, "empty", "x", "y", CC_AXIS_LOG, CC_AXIS_LINEAR, NULL), CC_OK);
	cc_text_init(&t);
	assert_int_equal(cc_plot_svg(&p, &t, NULL), CC_OK);
	assert_non_null(strstr(t.data, "no data to plot"));
	assert_null(xml_problem(t.data));
	cc_text_free(&t);

	/* every point dropped: still no data, and the count says why */
	assert_int_equal(cc_plot_add(&p, CC_SERIES_LINE, "gone", false, x, y, NULL, NULL, 2, NULL), CC_OK);
	cc_text_init(&t);
	assert_int_equal(cc_plot_svg(&p, &t, NULL), CC_OK);
	assert_non_null(strstr(t.data, "no data to plot"));
	assert_non_null(strstr(t.data, ">2 points not shown"));
	assert_null(xml_problem(t.data));
	cc_text_free(&t);
	cc_plot_free(&p);
}

static void
test_series_limit(void **state)
{
	cc_plot		p;
	const double x[] = {1};

	(void) state;
	assert_int_equal(cc_plot_init(&p, "many", "x", "y", CC_AXIS_LINEAR, CC_AXIS_LINEAR, NULL), CC_OK);
	for (int i = 0; i < CC_PLOT_MAX_SERIES; i++)
		assert_int_equal(cc_plot_add(&p, CC_SERIES_POINTS, "s", false, x, x, NULL, NULL, 1, NULL), CC_OK);
	assert_int_equal(cc_plot_add(&p, CC_SERIES_POINTS, "s", false, x, x, NULL, NULL, 1, NULL), CC_ELIMIT);
	assert_int_equal(cc_plot_add(&p, CC_SERIES_POINTS, NULL, false, x, x, NULL, NULL, 1, NULL), CC_ELIMIT);
	cc_plot_free(&p);
}

/* The legend goes to the corner that hides the fewest points. */
static void
test_legend_corner(void **state)
{
	cc_plot		p;
	cc_text		t;
	double		x[40];
	double		y[40];

	(void) state;
	/* points along the rising diagonal: the top-right and bottom-left corners are taken */
	for (int i = 0; i < 40; i++)
		x[i] = y[i] = i;
	assert_int_equal(cc_plot_init(&p, "rising", "x", "y", CC_AXIS_LINEAR, CC_AXIS_LINEAR, NULL), CC_OK);
	assert_int_equal(cc_plot_add(&p, CC_SERIES_POINTS, "diagonal", false, x, y, NULL, NULL, 40, NULL), CC_OK);
	cc_text_init(&t);
	assert_int_equal(cc_plot_svg(&p, &t, NULL), CC_OK);
	/* the top-left corner: 8 pixels inside the frame, whose left edge is at 72 */
	assert_non_null(strstr(t.data, "<g class=\"legend\"><rect x=\"80.0\" y=\"42.0\""));
	cc_text_free(&t);
	cc_plot_free(&p);

	/* falling: the top-right corner is free */
	for (int i = 0; i < 40; i++)
		y[i] = 40 - i;
	assert_int_equal(cc_plot_init(&p, "falling", "x", "y", CC_AXIS_LINEAR, CC_AXIS_LINEAR, NULL), CC_OK);
	assert_int_equal(cc_plot_add(&p, CC_SERIES_POINTS, "diagonal", false, x, y, NULL, NULL, 40, NULL), CC_OK);
	cc_text_init(&t);
	assert_int_equal(cc_plot_svg(&p, &t, NULL), CC_OK);
	assert_null(strstr(t.data, "<rect x=\"80.0\" y=\"42.0\""));
	assert_non_null(strstr(t.data, "<g class=\"legend\"><rect x=\""));
	cc_text_free(&t);
	cc_plot_free(&p);
}

/* The checker itself must reject what it is there to catch. */
static void
test_checker_rejects(void **state)
{
	(void) state;
	assert_non_null(xml_problem("<a><b></a></b>"));
	assert_non_null(xml_problem("<a>x & y</a>"));
	assert_non_null(xml_problem("<a t=\"<\"/>"));
	assert_non_null(xml_problem("<a>"));
	assert_null(xml_problem("<a t='x'><b/>&amp;&#39;</a>"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_text_grows),
		cmocka_unit_test(test_log_axis_decades),
		cmocka_unit_test(test_linear_axis),
		cmocka_unit_test(test_dropped_and_counted),
		cmocka_unit_test(test_svg_well_formed_and_escaped),
		cmocka_unit_test(test_empty_plot),
		cmocka_unit_test(test_series_limit),
		cmocka_unit_test(test_legend_corner),
		cmocka_unit_test(test_checker_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
