/* page: the report's HTML document: one file, inline CSS and SVG, no script, no network. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report.h"

/* Type oids of the integers (right-aligned as they are) and of float4, float8 and numeric,
 * whose values the tables round. */
#define INT8OID 20
#define INT2OID 21
#define INT4OID 23
#define FLOAT4OID 700
#define FLOAT8OID 701
#define NUMERICOID 1700

/* Tables longer than this are collapsed under a summary line. */
#define TABLE_OPEN_ROWS 25
/* Longest cell shown in full (arrays are cut). */
#define CELL_MAX 96

static const char style[] =
	"body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;color:#222}"
	"h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;margin-top:2em}h3{margin-top:1.5em}"
	"figure{margin:1em 0}figcaption{font-size:.9em;color:#444}"
	"table{border-collapse:collapse;font-size:.85em;margin:.5em 0}"
	"th,td{border:1px solid #ccc;padding:2px 6px;text-align:right}"
	"th{background:#f3f3f3}td.t{text-align:left}td.null{color:#999}"
	".missing{background:#fff6e0;border-left:4px solid #e69f00;padding:.4em .8em}"
	"details{margin:.3em 0}summary{cursor:pointer;color:#0072b2}"
	"pre{background:#f6f6f6;padding:.5em;overflow-x:auto;font-size:.85em}"
	"nav li{display:inline;margin-right:1em}";

void
page_begin(Report *r, const char *dbname)
{
	char		when[64];
	time_t		now = time(NULL);

	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", gmtime(&now));
	cc_text_puts(&r->html, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
				 "<meta name=\"viewport\" content=\"width=device-width\"/>"
				 "<title>collcog report</title><style>");
	cc_text_puts(&r->html, style);
	cc_text_puts(&r->html, "</style></head><body>\n<h1>collcog report</h1><p>Database <code>");
	cc_text_escapes(&r->html, dbname);
	cc_text_puts(&r->html, "</code>, extension schema <code>");
	cc_text_escapes(&r->html, r->schema);
	cc_text_printf(&r->html, "</code>, written %s from one snapshot of the warehouse.</p>\n"
				   "<nav><ul><li><a href=\"#overview\">Overview</a></li>"
				   "<li><a href=\"#h1\">H1 heavy tails</a></li>"
				   "<li><a href=\"#h2\">H2 elites and attachment</a></li>"
				   "<li><a href=\"#h3\">H3 extremes</a></li>"
				   "<li><a href=\"#dti\">DTI</a></li>"
				   "<li><a href=\"#gce\">Glass ceilings</a></li></ul></nav>\n", when);
}

void
page_end(Report *r)
{
	cc_text_printf(&r->html, "<hr/><p>%d figure%s", r->figures, r->figures == 1 ? "" : "s");
	if (r->failed_queries > 0)
		cc_text_printf(&r->html, "; %d quer%s failed (said where)", r->failed_queries,
					   r->failed_queries == 1 ? "y" : "ies");
	cc_text_puts(&r->html, ". Written by collcog-report.</p>\n</body></html>\n");
}

void
page_section(Report *r, const char *id, const char *title, const char *intro)
{
	cc_text_printf(&r->html, "<section id=\"%s\"><h2>", id);
	cc_text_escapes(&r->html, title);
	cc_text_puts(&r->html, "</h2>\n");
	if (intro != NULL)
		page_para(r, intro);
}

void
page_subsection(Report *r, const char *title)
{
	cc_text_puts(&r->html, "<h3>");
	cc_text_escapes(&r->html, title);
	cc_text_puts(&r->html, "</h3>\n");
}

void
page_missing(Report *r, const char *text)
{
	cc_text_puts(&r->html, "<p class=\"missing\">");
	cc_text_escapes(&r->html, text);
	cc_text_puts(&r->html, "</p>\n");
}

void
page_para(Report *r, const char *text)
{
	cc_text_puts(&r->html, "<p>");
	cc_text_escapes(&r->html, text);
	cc_text_puts(&r->html, "</p>\n");
}

void
page_figure(Report *r, cc_plot *plot, const char *caption)
{
	cc_error	err;

	r->figures++;
	cc_text_printf(&r->html, "<figure id=\"fig%d\">", r->figures);
	if (cc_plot_svg(plot, &r->html, &err) != CC_OK)
	{
		fprintf(stderr, "collcog-report: %s\n", err.message);
		exit(1);
	}
	cc_text_printf(&r->html, "<figcaption>Figure %d. ", r->figures);
	cc_text_escapes(&r->html, caption);
	cc_text_puts(&r->html, "</figcaption></figure>\n");
	cc_plot_free(plot);
}

void
page_sql(Report *r, const char *sql)
{
	cc_text_puts(&r->html, "<details class=\"sql\"><summary>SQL</summary><pre>");
	cc_text_escapes(&r->html, sql);
	cc_text_puts(&r->html, "</pre></details>\n");
}

/* One cell: numbers rounded to 4 significant digits, long values cut, NULL greyed. */
static void
table_cell(Report *r, const PGresult *res, int row, int col)
{
	Oid			type = PQftype(res, col);
	const char *v = PQgetvalue(res, row, col);
	size_t		len = strlen(v);

	if (PQgetisnull(res, row, col))
	{
		cc_text_puts(&r->html, "<td class=\"null\">NULL</td>");
		return;
	}
	if (type == INT8OID || type == INT2OID || type == INT4OID)
	{
		cc_text_printf(&r->html, "<td>%s</td>", v);
		return;
	}
	if (type == FLOAT4OID || type == FLOAT8OID || type == NUMERICOID)
	{
		char	   *end;
		double		d = strtod(v, &end);

		/* NaN and Infinity are written as the server wrote them */
		if (*end == '\0' && end != v && isfinite(d))
		{
			cc_text_printf(&r->html, "<td>%.4g</td>", d);
			return;
		}
	}
	cc_text_puts(&r->html, "<td class=\"t\">");
	if (len > CELL_MAX)
	{
		cc_text_escape(&r->html, v, CELL_MAX);
		cc_text_puts(&r->html, "\xE2\x80\xA6");
	}
	else
		cc_text_escape(&r->html, v, len);
	cc_text_puts(&r->html, "</td>");
}

void
page_table(Report *r, const PGresult *res)
{
	int			rows;
	int			cols;

	if (res == NULL)
		return;
	rows = PQntuples(res);
	cols = PQnfields(res);
	if (rows > TABLE_OPEN_ROWS)
		cc_text_printf(&r->html, "<details><summary>table: %d rows</summary>", rows);
	cc_text_puts(&r->html, "<table><thead><tr>");
	for (int c = 0; c < cols; c++)
	{
		cc_text_puts(&r->html, "<th>");
		cc_text_escapes(&r->html, PQfname(res, c));
		cc_text_puts(&r->html, "</th>");
	}
	cc_text_puts(&r->html, "</tr></thead><tbody>\n");
	for (int i = 0; i < rows; i++)
	{
		cc_text_puts(&r->html, "<tr>");
		for (int c = 0; c < cols; c++)
			table_cell(r, res, i, c);
		cc_text_puts(&r->html, "</tr>\n");
	}
	cc_text_puts(&r->html, "</tbody></table>");
	if (rows == 0)
		cc_text_puts(&r->html, "<p>(no rows)</p>");
	if (rows > TABLE_OPEN_ROWS)
		cc_text_puts(&r->html, "</details>");
	cc_text_puts(&r->html, "\n");
}
