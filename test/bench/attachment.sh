#!/usr/bin/env bash
# Benchmark (issue 13): routing_ratio() and attachment_exponent() against build_cascades() on
# the same events: the 1.5M-event warehouse of test/bench/build_cascades.sh (RUNS runs of
# STEPS events by N agents from simulate_routing, seed 7). Targets: routing_ratio() at most
# the time of build_cascades(); attachment_exponent() with 200 replicates at most 3 times it.
# Each statement is timed ROUNDS times (default 3), after a CHECKPOINT, and the medians are
# compared, all measured in this run.
#
#   test/bench/attachment.sh                   against the server the PG* variables select
#   pg_virtualenv -t test/bench/attachment.sh  on a throwaway cluster
set -euo pipefail
RUNS=${RUNS:-100}
STEPS=${STEPS:-15000}
N=${N:-100}
DB=${BENCH_DB:-collcog_bench_attachment}

psql_q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
# Seconds taken by one SQL statement.
timed() {
	local t0 t1
	t0=$(date +%s.%N)
	psql_q -c "SET client_min_messages = warning" -c "$1" >/dev/null
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
# The median of ROUNDS timings of a statement, each after a CHECKPOINT; "median (all)".
median_of() {
	local times=() m
	for _ in $(seq "${ROUNDS:-3}"); do
		psql_q -c 'CHECKPOINT'
		times+=("$(timed "$1")")
	done
	m=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	echo "$m (${times[*]})"
}

dropdb --if-exists "$DB" >/dev/null 2>&1 || true
createdb "$DB"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
psql_q -c 'CREATE EXTENSION collcog'
psql_q -c "CALL simulate_routing_into(n_agents => $N, steps => $STEPS, runs => $RUNS, seed => 7, run_prefix => 'bench')"
psql_q -c 'VACUUM ANALYZE' -c 'CHECKPOINT'
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
