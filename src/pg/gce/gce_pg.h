/*
 * Glue of the gce topic: the reader of messages with their agents' types, shared by the
 * type-level functions.
 */
#ifndef COLLCOG_GCE_PG_H
#define COLLCOG_GCE_PG_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/array.h"

/* One message as read: its run (an index), round, the types of its ends and its weight. */
typedef struct MessageRow
{
	int			run;
	int32		t;
	int			src_type;
	int			tgt_type;
	int			dim;
	const double *w;			/* dim values, valid until the next MessagesReaderNext */
} MessageRow;

typedef struct MessagesReader MessagesReader;

/*
 * Read the messages of the runs named by argument run_ids_arg (NULL or absent: every run)
 * in (run_id, t) order, after checking the runs exist and every agent of them has a type.
 * With parts > 1 only part part (1 to parts) of those runs: every parts-th in run_id order,
 * so that the parts together read each run once. The caller's memory context stays
 * current. Where the messages come through their table's key (MessagesReaderStreams), the
 * reader is done with SPI when it returns: its caller may return rows value per call. Where
 * they come through a query, it stays connected to SPI until MessagesReaderEnd.
 */
extern MessagesReader *MessagesReaderBegin(FunctionCallInfo fcinfo, int run_ids_arg,
										   int part, int parts);
extern bool MessagesReaderStreams(const MessagesReader *r);
/* The next message; false after the last. Raises on a run whose weights change dimension
 * or whose agents are all of one type. */
extern bool MessagesReaderNext(MessagesReader *r, MessageRow *m);
extern void MessagesReaderEnd(MessagesReader *r);

/* The types of all runs read, sorted bytewise: their count, and name i as a text Datum. */
extern int	MessagesReaderTypeCount(const MessagesReader *r);
extern Datum MessagesReaderTypeName(const MessagesReader *r, int type);
/* Run i: its run_id as a text Datum, and whether its agents include type a. */
extern Datum MessagesReaderRunId(const MessagesReader *r, int run);
extern const char *MessagesReaderRunName(const MessagesReader *r, int run);
extern bool MessagesReaderRunHasType(const MessagesReader *r, int run, int type);

/* A float8[] of n values, NaN as a NULL element. */
extern Datum Float8ArrayWithNulls(const double *v, int n);
/* The same in *buf (palloc'd, or NULL with *cap 0), reused: valid until the next call. */
extern Datum Float8ArrayInto(const double *v, int n, ArrayType **buf, Size *cap);

#endif							/* COLLCOG_GCE_PG_H */
