#!/usr/bin/env bash
# Benchmark (issue 13): routing_ratio() and attachment_exponent() against build_cascades() on
# the same events: the 1.5M-event warehouse of test/bench/build_cascades.sh (RUNS runs of
# STEPS events by N agents from simulate_routing, seed 7). Targets: routing_ratio() at most
# the time of build_cascades(); attachment_exponent() with 200 replicates at most 3 times it.
# Each statement is timed ROUNDS times (default 3), after a CHECKPOINT, and the medians are
# compared, all measured in this run.
#
#   test/bench/attach.sh                   against the server the PG* variables select
#   pg_virtualenv -t test/bench/attach.sh  on a throwaway cluster
set -euo pipefail
DB=${BENCH_DB:-collcog_bench_attachment}
. "$(dirname "$0")/lib.sh"

scratch_db
bench_warehouse
n_events=$(psql_q -c 'SELECT count(*) FROM events')
echo "attachment: $RUNS runs x $STEPS steps = $n_events events, N = $N"

read -r build_s build_all <<<"$(median_of 'SELECT * FROM build_cascades()')"
read -r ratio_s ratio_all <<<"$(median_of 'SELECT count(*) FROM routing_ratio()')"
read -r expo_s expo_all <<<"$(median_of 'SELECT count(*) FROM attachment_exponent(replicates => 200)')"
echo "build_cascades():                               ${build_s} s $build_all"
echo "routing_ratio():                                ${ratio_s} s $ratio_all"
echo "attachment_exponent(replicates => 200):         ${expo_s} s $expo_all"
psql_q -c "SELECT 'levels: ' || count(*) || ', beta ' || round(beta::numeric, 3) || ' [' ||
	round(beta_lo::numeric, 3) || ', ' || round(beta_hi::numeric, 3) || '], beta_mle ' ||
	round(beta_mle::numeric, 4) || ' (SE ' || round(beta_mle_se::numeric, 4) || ')'
	FROM attachment_exponent() a, routing_ratio() r
	WHERE a.event_type IS NULL AND r.event_type IS NULL GROUP BY 1 = 1, beta, beta_lo, beta_hi, beta_mle, beta_mle_se"
awk -v b="$build_s" -v r="$ratio_s" -v e="$expo_s" 'BEGIN {
	printf "ratio routing_ratio() / build_cascades():        %.2f (target at most 1)\n", r / b
	printf "ratio attachment_exponent() / build_cascades():  %.2f (target at most 3)\n", e / b }'
