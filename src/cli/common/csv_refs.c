/* csv_refs: foreign keys of a CSV input's table, the keys the input gives, the first missing. */
#include "csv_refs.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "copy_text.h"
#include "pg_client.h"

/* Per foreign key and column, in order: the constraint, the referencing column and its type,
 * the referenced table and column, and the key's equality operator, ready for SQL text. */
static const char *const foreign_keys_sql =
"SELECT c.conname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
"       pg_catalog.format('%I.%I', pn.nspname, pc.relname), pg_catalog.quote_ident(pa.attname), "
"       pg_catalog.format('OPERATOR(%I.%s)', opn.nspname, op.oprname) "
"  FROM pg_catalog.pg_constraint c, "
"       LATERAL ROWS FROM (pg_catalog.unnest(c.conkey), pg_catalog.unnest(c.confkey), "
"                         pg_catalog.unnest(c.conpfeqop)) WITH ORDINALITY AS k(fk, pk, eq, n), "
"       pg_catalog.pg_attribute a, pg_catalog.pg_class pc, pg_catalog.pg_namespace pn, "
"       pg_catalog.pg_attribute pa, pg_catalog.pg_operator op, pg_catalog.pg_namespace opn "
" WHERE c.conrelid = $1::pg_catalog.regclass AND c.contype = 'f' "
"   AND c.confrelid <> c.conrelid "
"   AND a.attrelid = c.conrelid AND a.attnum = k.fk "
"   AND pc.oid = c.confrelid AND pn.oid = pc.relnamespace "
"   AND pa.attrelid = c.confrelid AND pa.attnum = k.pk "
"   AND op.oid = k.eq AND opn.oid = op.oprnamespace "
" ORDER BY c.conname, k.n";

/* The position of name among the header's names, or -1. */
static long
header_field(const char *names, size_t nnames, const char *name)
{
	size_t		i;

	for (i = 0; i < nnames; i++, names += strlen(names) + 1)
		if (strcmp(names, name) == 0)
			return (long) i;
	return -1;
}

/*
 * Add the foreign key of rows [from, to) of res when the header names all its columns: the
 * query finds the first line (of $1) whose key ($2, ...) the referenced table lacks.
 */
static void
add_foreign_key(CsvRefs *refs, const PGresult *res, int from, int to, const char *names,
				size_t nnames)
{
	CsvForeignKey fk;
	size_t		n = (size_t) (to - from);
	size_t		c;

	fk.fields = xmalloc(n * sizeof(size_t));
	for (c = 0; c < n; c++)
	{
		long		field = header_field(names, nnames, PQgetvalue(res, from + (int) c, 1));

		if (field < 0)
		{
			free(fk.fields);
			return;
		}
		fk.fields[c] = (size_t) field;
	}
	fk.name = xstrdup(PQgetvalue(res, from, 0));
	fk.ncolumns = n;
	strbuf_init(&fk.sql);
	strbuf_appends(&fk.sql, "SELECT k.line FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.int8[])");
	for (c = 0; c < n; c++)
		strbuf_appendf(&fk.sql, ", pg_catalog.unnest($%zu::pg_catalog.text[])", c + 2);
	strbuf_appends(&fk.sql, ") AS k(line");
	for (c = 0; c < n; c++)
		strbuf_appendf(&fk.sql, ", v%zu", c);
	strbuf_appendf(&fk.sql, ") WHERE NOT EXISTS (SELECT FROM %s r WHERE ",
				   PQgetvalue(res, from, 3));
	for (c = 0; c < n; c++)
		strbuf_appendf(&fk.sql, "%sr.%s %s k.v%zu::%s", c > 0 ? " AND " : "",
					   PQgetvalue(res, from + (int) c, 4), PQgetvalue(res, from + (int) c, 5),
					   c, PQgetvalue(res, from + (int) c, 2));
	strbuf_appends(&fk.sql, ") ORDER BY k.line LIMIT 1");
	strmap_init(&fk.seen);
	strbuf_init(&fk.lines);
	fk.values = xmalloc(n * sizeof(StrBuf));
	for (c = 0; c < n; c++)
	{
		strbuf_init(&fk.values[c]);
		refs->keep[fk.fields[c]] = true;
	}
	refs->fks = xgrow(refs->fks, refs->nfks, &refs->fkcap, sizeof(CsvForeignKey), 4);
	refs->fks[refs->nfks++] = fk;
}

bool
csv_refs_init(CsvRefs *refs, PGconn *conn, const char *table, const char *names,
			  size_t nnames, StrBuf *err)
{
	const char *params[1] = {table};
	PGresult   *res;
	int			from = 0;
	int			i;

	memset(refs, 0, sizeof(*refs));
	strbuf_init(&refs->key);
	refs->nkeep = nnames;
	refs->keep = xmalloc(nnames > 0 ? nnames : 1);
	memset(refs->keep, 0, nnames);
	res = PQexecParams(conn, foreign_keys_sql, 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		pgc_result_message(res, err);
		PQclear(res);
		return false;
	}
	for (i = 1; i <= PQntuples(res); i++)
		if (i == PQntuples(res) || strcmp(PQgetvalue(res, i, 0), PQgetvalue(res, from, 0)) != 0)
		{
			add_foreign_key(refs, res, from, i, names, nnames);
			from = i;
		}
	PQclear(res);
	return true;
}

void
csv_refs_free(CsvRefs *refs)
{
	size_t		i,
				c;

	for (i = 0; i < refs->nfks; i++)
	{
		CsvForeignKey *fk = &refs->fks[i];

		free(fk->name);
		free(fk->fields);
		strbuf_free(&fk->sql);
		strmap_free(&fk->seen, NULL);
		strbuf_free(&fk->lines);
		for (c = 0; c < fk->ncolumns; c++)
			strbuf_free(&fk->values[c]);
		free(fk->values);
	}
	free(refs->fks);
	free(refs->keep);
	strbuf_free(&refs->key);
	memset(refs, 0, sizeof(*refs));
}

void
csv_refs_record(CsvRefs *refs, const CsvScan *scan, int64_t line)
{
	size_t		i,
				c;

	for (i = 0; i < refs->nfks; i++)
	{
		CsvForeignKey *fk = &refs->fks[i];
		bool		added;
		size_t		len;
		const char *v = NULL;

		/* each value with its length before it, so that no two keys read the same */
		strbuf_reset(&refs->key);
		for (c = 0; c < fk->ncolumns; c++)
		{
			if ((v = csv_scan_field(scan, fk->fields[c], &len)) == NULL)
				break;
			strbuf_appendf(&refs->key, "%zu:", len);
			strbuf_append(&refs->key, v, len);
		}
		/* a key with a NULL column is not checked (MATCH SIMPLE) */
		if (v == NULL)
			continue;
		strmap_insert(&fk->seen, refs->key.data, refs->key.len, &added);
		if (!added)
			continue;
		strbuf_appendf(&fk->lines, "%s%" PRId64, fk->lines.len > 0 ? "," : "{", line);
		for (c = 0; c < fk->ncolumns; c++)
		{
			v = csv_scan_field(scan, fk->fields[c], &len);
			strbuf_appendc(&fk->values[c], fk->values[c].len > 0 ? ',' : '{');
			array_literal_element(&fk->values[c], v, len);
		}
	}
}

int64_t
csv_refs_first_missing(const CsvRefs *refs, PGconn *conn, const char *constraint)
{
	const CsvForeignKey *fk = NULL;
	StrBuf	   *literals;
	const char **params;
	PGresult   *res;
	int64_t		line = 0;
	size_t		i;

	for (i = 0; i < refs->nfks && constraint != NULL; i++)
		if (strcmp(refs->fks[i].name, constraint) == 0)
			fk = &refs->fks[i];
	if (fk == NULL || fk->lines.len == 0)
		return 0;
	literals = xmalloc((fk->ncolumns + 1) * sizeof(StrBuf));
	params = xmalloc((fk->ncolumns + 1) * sizeof(char *));
	for (i = 0; i <= fk->ncolumns; i++)
	{
		const StrBuf *from = i == 0 ? &fk->lines : &fk->values[i - 1];

		strbuf_init(&literals[i]);
		strbuf_append(&literals[i], from->data, from->len);
		strbuf_appendc(&literals[i], '}');
		params[i] = literals[i].data;
	}
	res = PQexecParams(conn, fk->sql.data, (int) fk->ncolumns + 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		line = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	for (i = 0; i <= fk->ncolumns; i++)
		strbuf_free(&literals[i]);
	free(literals);
	free(params);
	return line;
}
