/*
 * Shared internals of the simulators (src/core/sim/): a Fenwick tree of sampling weights,
 * array growth and the visibility lists of the topologies. Not part of the public core API.
 */
#ifndef COLLCOG_SIM_INTERNAL_H
#define COLLCOG_SIM_INTERNAL_H

#include <stdint.h>

#include "collcog/sim.h"

/*
 * Fenwick (binary indexed) tree over nonnegative weights a[1..n], appendable. Updates
 * recompute every affected node from its children instead of adding a difference, so a
 * weight set back to 0 leaves no rounding residue (weights may differ by many orders of
 * magnitude under strong reinforcement).
 */
typedef struct sim_fenwick
{
	int64_t		n;
	int64_t		cap;
	double	   *a;				/* a[1..n] */
	double	   *t;				/* t[1..n] */
} sim_fenwick;

void		sim_fw_init(sim_fenwick *f);
void		sim_fw_free(sim_fenwick *f);
void		sim_fw_clear(sim_fenwick *f);
cc_status	sim_fw_append(sim_fenwick *f, double w, cc_error *err);
void		sim_fw_set(sim_fenwick *f, int64_t i, double w);
double		sim_fw_total(const sim_fenwick *f);
/* Smallest i with a[1] + ... + a[i] > u (and a[i] > 0), for 0 <= u < total; 0 if empty. */
int64_t		sim_fw_find(const sim_fenwick *f, double u);
/* Draw an index with probability a[i] / total; 0 when the total is 0. */
int64_t		sim_fw_draw(const sim_fenwick *f, cc_rng *rng);

/* Grow *arr (elements of size elem) to hold at least need elements. */
cc_status	sim_grow(void **arr, int64_t *cap, int64_t need, size_t elem, cc_error *err);

/*
 * Visibility lists of a static topology (topology.c): agent i sees the claims of
 * adj[off[i] .. off[i+1]) (sorted, itself included), or of everyone when sees_all[i].
 */
typedef struct sim_topo
{
	int32_t		n;
	int64_t    *off;
	int32_t    *adj;
	uint8_t    *sees_all;
} sim_topo;

cc_status	sim_topo_build(sim_topo *t, cc_sim_topology topology, int32_t n, cc_rng *rng,
						   cc_error *err);
void		sim_topo_free(sim_topo *t);

#endif							/* COLLCOG_SIM_INTERNAL_H */
