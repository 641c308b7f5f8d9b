/*
 * The choice data of a group's runs in a temporary file (storage/buffile.h), read back one
 * run at a time for the likelihood: the group holds in memory one buffer for the largest
 * run's choice data, not every run's. The file lives in the current resource owner (an
 * error closes it) and under temp_tablespaces and temp_file_limit.
 */
#include "postgres.h"

#include "storage/buffile.h"
#include "utils/memutils.h"

#include "attach_pg.h"

/* Where one run's words start in the file, and how many. */
typedef struct ChoiceRun
{
	int			fileno;
	off_t		offset;
	size_t		n;
} ChoiceRun;

struct AttChoiceFile
{
	BufFile    *file;
	MemoryContext cxt;
	ChoiceRun  *runs;
	int32		n_runs;
	int32		runs_cap;
	size_t		largest;		/* words of the largest run */
	uint32	   *buf;			/* largest words, allocated at the first read */
	cc_att_choices source;
};

/* cc_att_choices.get: run's words, read back into the file's buffer. */
static cc_status
ChoiceFileGet(void *ctx, int32_t run, const uint32_t **words, size_t *n, cc_error *err)
{
	AttChoiceFile *f = ctx;
	const ChoiceRun *r = &f->runs[run];
	size_t		bytes = r->n * sizeof(uint32);

	if (f->buf == NULL)
	{
		f->buf = MemoryContextAllocExtended(f->cxt, Max(f->largest * sizeof(uint32), 1),
											MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
		if (f->buf == NULL)
			return cc_fail(err, CC_ENOMEM, "out of memory for the attachment likelihood");
	}
	if (BufFileSeek(f->file, r->fileno, r->offset, SEEK_SET) != 0 ||
		BufFileRead(f->file, f->buf, bytes) != bytes)
		return cc_fail(err, CC_ECORRUPT,
					   "could not read the choice data of a run back from its temporary file");
	*words = f->buf;
	*n = r->n;
	return CC_OK;
}

AttChoiceFile *
AttChoiceFileCreate(void)
{
	AttChoiceFile *f = palloc0(sizeof(AttChoiceFile));

	f->file = BufFileCreateTemp(false);
	f->cxt = CurrentMemoryContext;
	f->runs_cap = 16;
	f->runs = palloc_array(ChoiceRun, f->runs_cap);
	f->source.get = ChoiceFileGet;
	f->source.ctx = f;
	return f;
}

void
AttChoiceFileAppend(AttChoiceFile *f, const uint32 *words, size_t n)
{
	ChoiceRun  *r;

	Assert(f->buf == NULL);		/* every append comes before the first read */
	if (f->n_runs == f->runs_cap)
	{
		f->runs_cap *= 2;
		f->runs = repalloc_array(f->runs, ChoiceRun, f->runs_cap);
	}
	r = &f->runs[f->n_runs++];
	BufFileTell(f->file, &r->fileno, &r->offset);
	r->n = n;
	if (n > 0)
		BufFileWrite(f->file, unconstify(uint32 *, words), n * sizeof(uint32));
	f->largest = Max(f->largest, n);
}

const cc_att_choices *
AttChoiceFileSource(AttChoiceFile *f)
{
	return &f->source;
}

void
AttChoiceFileClose(AttChoiceFile *f)
{
	BufFileClose(f->file);
	f->file = NULL;
}
