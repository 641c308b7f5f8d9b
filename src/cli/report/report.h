/*
 * collcog-report's parts: the page (page.c), the queries and their tables (query.c), and one
 * file per section, each writing its figures, tables and SQL into the page.
 */
#ifndef COLLCOG_CLI_REPORT_H
#define COLLCOG_CLI_REPORT_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "collcog/report.h"

/* The runs with messages, those paper 001's analyses read. */
#define MESSAGE_RUNS_SQL \
	"ARRAY(SELECT r.run_id::text FROM @.runs r\n" \
	"      WHERE EXISTS (SELECT 1 FROM @.messages m WHERE m.run_id = r.run_id))"

typedef struct Report
{
	PGconn	   *conn;
	char	   *schema;			/* the extension's schema, quoted as an identifier */
	cc_text		html;
	int			figures;
	int			failed_queries;
	bool		verbose;		/* each query's time on stderr */
	/*
	 * The runs the analyses of the derived tables read, as a text[] literal: those built by
	 * build_cascades() (not skipped) from at least one event; NULL when that is every run,
	 * so that the functions read all runs without testing each row against a list.
	 */
	char	   *built_runs;
	bool		built_runs_known;
} Report;

/* ---- page.c: the document ---- */
void		page_begin(Report *r, const char *dbname);
void		page_end(Report *r);
void		page_section(Report *r, const char *id, const char *title, const char *intro);
void		page_subsection(Report *r, const char *title);
/* A paragraph that says what is missing and why. */
void		page_missing(Report *r, const char *text);
/* A paragraph of plain text (escaped). */
void		page_para(Report *r, const char *text);
/* A plot as a numbered figure with a caption; frees the plot. */
void		page_figure(Report *r, cc_plot *plot, const char *caption);
/* The SQL that produced what is above, collapsed. */
void		page_sql(Report *r, const char *sql);
/* A result as an HTML table (long ones collapsed); NULL results write nothing. */
void		page_table(Report *r, const PGresult *res);

/* ---- query.c: SQL against the extension's schema ---- */
/*
 * sql_template with every "@." replaced by the extension's schema and a dot, malloc'd: the
 * SQL the report runs and shows, never relying on the caller's search_path.
 */
char	   *query_sql(Report *r, const char *sql_template);
/*
 * Run SQL (from query_sql) with text parameters inside a savepoint; on failure write what
 * failed into the page (the server's message) and return NULL, the transaction usable.
 */
PGresult   *query_run(Report *r, const char *sql, int nparams, const char *const *params);
/* Whether the extension's schema has a function of that name. */
bool		query_has_function(Report *r, const char *name);
/* A one-row, one-column count from a query template (-1 when it failed). */
long long	query_count(Report *r, const char *sql_template);
/* The cells of column col from row `from` on as an array literal ('{"a",NULL}'), malloc'd. */
char	   *query_array_literal(const PGresult *res, int col, int from);
/* r->built_runs, looked up on first use (the overview names the runs left out). */
const char *query_built_runs(Report *r);
/* Column number by name, -1 when absent. */
int			query_col(const PGresult *res, const char *name);
/* A cell as a double: NaN for NULL or text that is not a number ("NaN", "Infinity" too). */
double		query_double(const PGresult *res, int row, int col);
/* A float8[] cell such as "{0,0.1,1}" as doubles (NULL elements NaN); malloc'd, *n set. */
double	   *query_double_array(const PGresult *res, int row, int col, int *n);

/* ---- series.c: plot series from result columns ---- */
/*
 * Add the rows [from, to) of res as a series of columns xcol, ycol (and ylo, yhi for bars:
 * else -1). Rows whose x or y is NULL are not part of the series (a fitted curve below its
 * xmin); the others go to the plot, which drops and counts what its axes cannot show.
 * Past the plot's series limit nothing is added and false returned.
 */
bool		series_add(cc_plot *plot, cc_series_kind kind, const char *label, bool dashed,
					   const PGresult *res, int from, int to, int xcol, int ycol, int ylocol,
					   int yhicol);
/* A plot, exiting on out of memory. */
void		series_plot(cc_plot *plot, const char *title, const char *xlabel,
						const char *ylabel, cc_axis_scale xscale, cc_axis_scale yscale);
/* The end of the run of rows from `from` with the same value (or NULL) in column col. */
int			series_group_end(const PGresult *res, int from, int col);
/* A group's label: its value, or the text for NULL. */
const char *series_group_label(const PGresult *res, int row, int col, const char *null_label);

/* ---- one file per section ---- */
void		section_overview(Report *r);
void		section_h1(Report *r);
void		section_h2(Report *r);
void		section_h3(Report *r);
void		section_dti(Report *r);
void		section_gce(Report *r);

#endif
