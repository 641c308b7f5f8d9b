/*
 * copy_batch: rows buffered for one COPY ... FROM STDIN, each remembering the input line it
 * came from and an owner (the loader's run), so that a server error that names
 * "COPY table, line N" can be traced back to file:line and to the owner.
 */
#ifndef COLLCOG_CLI_COPY_BATCH_H
#define COLLCOG_CLI_COPY_BATCH_H

#include <stdbool.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "strbuf.h"

typedef struct BatchRow
{
	size_t		offset;			/* where the row starts in data */
	int64_t		line;			/* input line number */
	void	   *owner;
} BatchRow;

typedef struct CopyBatch
{
	char	   *copy_sql;		/* COPY ... FROM STDIN */
	StrBuf		data;			/* the rows, COPY text format */
	BatchRow   *rows;
	size_t		nrows;
	size_t		cap;
} CopyBatch;

/* Why a send failed: the server's message, and the row it names when it names one. */
typedef struct CopyFailure
{
	StrBuf		message;
	bool		has_row;
	int64_t		line;
	void	   *owner;
	bool		connection_lost;
} CopyFailure;

/* Decide whether a row's owner is left out of the COPY. */
typedef bool (*CopySkipFn) (void *owner);

void		copy_batch_init(CopyBatch *batch, const char *copy_sql);
void		copy_batch_free(CopyBatch *batch);
void		copy_batch_clear(CopyBatch *batch);
void		copy_batch_add(CopyBatch *batch, const char *row, size_t len, int64_t line,
						   void *owner);
/* Run the COPY with the rows whose owner skip() does not leave out; false with *failure
 * filled in when the COPY fails. */
bool		copy_batch_send(PGconn *conn, const CopyBatch *batch, CopySkipFn skip,
							CopyFailure *failure);

/* The "line N" of a COPY error's context, or 0 when the error names no line. */
int64_t		copy_error_line(const PGresult *res);

void		copy_failure_init(CopyFailure *failure);
void		copy_failure_free(CopyFailure *failure);

#endif
