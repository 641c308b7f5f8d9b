/*
 * The seeded generator of every random computation (see collcog/common.h): GSL's mt19937
 * with its state allocated through the core's hooks, the one rule that turns a 64-bit seed
 * into its state, and the seeds of independent streams.
 */
#include "collcog/common.h"

/* The state of GSL's mt19937 (gsl/rng/mt.c): the 624 words and the index of the next. */
#define MT_N 624
typedef struct mt_state
{
	unsigned long mt[MT_N];
	int			mti;
} mt_state;

cc_status
cc_rng_init(cc_rng *rng, cc_error *err)
{
	/* the layout above is GSL's since 1996; refuse to run on any other */
	if (gsl_rng_mt19937->size != sizeof(mt_state))
		return cc_fail(err, CC_EINVAL, "unexpected state size %zu of GSL's mt19937",
					   gsl_rng_mt19937->size);
	rng->r.type = gsl_rng_mt19937;
	rng->r.state = cc_calloc(1, gsl_rng_mt19937->size);
	if (rng->r.state == NULL)
		return cc_fail(err, CC_ENOMEM, "out of memory for the random number generator");
	return CC_OK;
}

/*
 * Matsumoto and Nishimura's init_by_array (mt19937ar.c, 2002) with the key {lo, hi}: the
 * state Python's random.seed(seed) makes for 2^32 <= seed < 2^64.
 */
static void
SeedByArray(mt_state *s, uint32_t lo, uint32_t hi)
{
	const uint32_t key[2] = {lo, hi};
	uint32_t	mt[MT_N];
	int			i = 1,
				j = 0,
				k;

	mt[0] = 19650218u;
	for (k = 1; k < MT_N; k++)
		mt[k] = 1812433253u * (mt[k - 1] ^ (mt[k - 1] >> 30)) + (uint32_t) k;
	for (k = MT_N; k > 0; k--)
	{
		mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t) j;
		i++;
		j++;
		if (i >= MT_N)
		{
			mt[0] = mt[MT_N - 1];
			i = 1;
		}
		if (j >= 2)
			j = 0;
	}
	for (k = MT_N - 1; k > 0; k--)
	{
		mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t) i;
		i++;
		if (i >= MT_N)
		{
			mt[0] = mt[MT_N - 1];
			i = 1;
		}
	}
	mt[0] = 0x80000000u;		/* a non-zero initial state */
	for (k = 0; k < MT_N; k++)
		s->mt[k] = mt[k];
	s->mti = MT_N;
}

/*
 * Seeds below 2^32 go through GSL's own seeding (Knuth's initialisation, 0 meaning 4357), so
 * their draws are those of every earlier version; larger seeds, all 64 bits of them, through
 * init_by_array, so that no two seeds share a stream.
 */
void
cc_rng_seed(cc_rng *rng, uint64_t seed)
{
	if (seed <= UINT32_MAX)
		gsl_rng_set(&rng->r, (unsigned long) seed);
	else
		SeedByArray((mt_state *) rng->r.state, (uint32_t) seed, (uint32_t) (seed >> 32));
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
