/*
 * Benchmark data: n values drawn exactly from a discrete (truncated) power law with the
 * core's own sampler, one per line, for test/bench/tail_fits.sh.
 *
 *   tail_draw N ALPHA LAMBDA SEED      (LAMBDA 0 for a power law; xmin 1)
 */
#include <stdio.h>
#include <stdlib.h>

#include "collcog/tail.h"
#include "tail/tail_internal.h"

int
main(int argc, char **argv)
{
	cc_tail_fit law = {0};
	cc_error	err;
	cc_rng		rng;
	double	   *x;
	size_t		n,
				i;

	if (argc != 5)
	{
		fprintf(stderr, "usage: %s N ALPHA LAMBDA SEED\n", argv[0]);
		return 2;
	}
	n = strtoull(argv[1], NULL, 10);
	law.kind = CC_TAIL_DISCRETE;
	law.xmin = 1;
	law.par[0] = atof(argv[2]);
	law.par[1] = atof(argv[3]);
	law.model = law.par[1] > 0 ? CC_TAIL_TPL : CC_TAIL_PL;
	law.n_par = law.model == CC_TAIL_TPL ? 2 : 1;
	law.lnorm = tail_tpl_lnorm(law.kind, law.par[0], law.par[1], law.xmin);
	x = malloc(n * sizeof(double));
	if (x == NULL || cc_rng_init(&rng, &err) != CC_OK)
	{
		fprintf(stderr, "tail_draw: out of memory\n");
		return 1;
	}
	cc_rng_seed(&rng, strtoul(argv[4], NULL, 10));
	if (cc_tail_draw(&law, &rng, x, n, &err) != CC_OK)
	{
		fprintf(stderr, "tail_draw: %s\n", err.message);
		return 1;
	}
	for (i = 0; i < n; i++)
		printf("%.0f\n", x[i]);
	free(x);
	cc_rng_free(&rng);
	return 0;
}
