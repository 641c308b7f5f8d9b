/*
 * The seeded generator of every random computation (see collcog/common.h): GSL's mt19937
 * with its state allocated through the core's hooks, and the seeds of independent streams.
 */
#include "collcog/common.h"

cc_status
cc_rng_init(cc_rng *rng, cc_error *err)
{
	rng->r.type = gsl_rng_mt19937;
	rng->r.state = cc_calloc(1, gsl_rng_mt19937->size);
	if (rng->r.state == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for the random number generator");
	return CC_OK;
}

void
cc_rng_seed(cc_rng *rng, unsigned long seed)
{
	gsl_rng_set(&rng->r, seed);
}

void
cc_rng_free(cc_rng *rng)
{
	cc_free(rng->r.state);
	rng->r.state = NULL;
}

/* SplitMix64 (Steele, Lea and Flood 2014) of seed + (k + 1) * golden gamma, high bits. */
uint32_t
cc_rng_stream_seed(uint64_t seed, int64_t k)
{
	uint64_t	z = seed + (uint64_t) (k + 1) * UINT64_C(0x9E3779B97F4A7C15);

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	z = z ^ (z >> 31);
	return (uint32_t) (z >> 32);
}
