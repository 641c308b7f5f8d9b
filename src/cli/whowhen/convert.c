/* convert: one run file into its records. */
#include "whowhen.h"

void
convert_file(const InputFile *in, StrBuf *out)
{
	Run			run;
	json_t	   *meta = NULL;

	if (run_open(&run, in) == 0 && (meta = annotation_read(&run)) != NULL
		&& (in->subset == SUBSET_AG ? convert_captainagent(&run) : convert_magentic_one(&run)) == 0
		&& check_events(&run) == 0)
	{
		annotation_complete(meta, &run);
		emit_run(&run, meta, out);
	}
	json_decref(meta);
	run_free(&run);
}
