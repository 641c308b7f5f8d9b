#!/usr/bin/env bash
# Benchmark (issue 15): type_prominence() over the messages table against a plain sum() over
# the same rows, in the same run; prints the ratio (the target: at most 3).
#
#   test/bench/gce_prominence.sh                   against the server the PG* variables select
#   pg_virtualenv -t test/bench/gce_prominence.sh  on a throwaway cluster
#
# Environment: RUNS (default 100) runs of STEPS (default 33000) macro steps of
# simulate_network (seed 3, three trials per event): about 10M messages. Each query is timed
# REPEAT (default 3) times after a warm-up read and the median reported. Uses a scratch
# database and drops it afterwards.
set -euo pipefail
RUNS=${RUNS:-100}
STEPS=${STEPS:-33000}
REPEAT=${REPEAT:-3}
DB=${BENCH_DB:-collcog_bench_gce}

psql_q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
# Median seconds of REPEAT runs of one statement.
timed() {
	local t0 t1 all=()
	for _ in $(seq "$REPEAT"); do
		t0=$(date +%s.%N)
		psql_q -c "$1" >/dev/null
		t1=$(date +%s.%N)
		all+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
	done
	printf '%s\n' "${all[@]}" | sort -n | sed -n "$(( (REPEAT + 1) / 2 ))p"
}

dropdb --if-exists "$DB" >/dev/null 2>&1 || true
createdb "$DB"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
psql_q -c 'CREATE EXTENSION collcog'
psql_q -c "CALL simulate_network_into(steps => $STEPS, runs => $RUNS, seed => 3, run_prefix => 'bench')"
psql_q -c 'VACUUM ANALYZE' -c 'CHECKPOINT'
n=$(psql_q -c 'SELECT count(*) FROM messages')
echo "type_prominence: $RUNS runs x $STEPS steps = $n messages"
psql_q -c 'SELECT sum(weight[1]) FROM messages' >/dev/null
t_sum=$(timed 'SELECT sum(weight[1]) FROM messages')
t_prom=$(timed 'SELECT count(*) FROM type_prominence()')
echo "sum(weight[1]) over messages: ${t_sum} s"
echo "type_prominence():            ${t_prom} s"
awk -v a="$t_prom" -v b="$t_sum" 'BEGIN { printf "ratio: %.2f (target <= 3)\n", a / b }'
