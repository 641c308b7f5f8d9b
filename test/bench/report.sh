#!/usr/bin/env bash
# Benchmark (issue 16): collcog-report over the 1.5M-event warehouse of build_cascades.sh
# (lib.sh: RUNS runs of STEPS events by N agents, simulate_routing seed 7) against
# build_cascades() on the same events; the target is at most 3x. Both are timed ROUNDS times
# (default 3), each after a CHECKPOINT, and the medians compared; then the report's slowest
# queries (collcog-report -v) are listed.
#
#   test/bench/report.sh                   against the server the PG* variables select
#   pg_virtualenv -t test/bench/report.sh  on a throwaway cluster
#
# COLLCOG_REPORT names the tool (default: the one built in the tree).
set -euo pipefail
DB=${BENCH_DB:-collcog_bench_report}
here=$(cd "$(dirname "$0")" && pwd)
REPORT=${COLLCOG_REPORT:-$here/../../src/cli/collcog-report}
. "$here/lib.sh"

scratch_db
bench_warehouse
psql_q -c 'SELECT runs_built FROM build_cascades()' >/dev/null
n_events=$(psql_q -c 'SELECT count(*) FROM events')
echo "report: $RUNS runs x $STEPS steps = $n_events events, N = $N"
out=$(mktemp)
trap 'rm -f "$out" "$out.log"; dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT

report_times=()
build_times=()
for _ in $(seq "${ROUNDS:-3}"); do
	build_times+=("$(timed 'SELECT * FROM build_cascades()')")
	psql_q -c 'CHECKPOINT'
	t0=$(date +%s.%N)
	"$REPORT" -d "$DB" -o "$out" -v 2>"$out.log"
	t1=$(date +%s.%N)
	report_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
	psql_q -c 'CHECKPOINT'
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
build_s=$(median "${build_times[@]}")
report_s=$(median "${report_times[@]}")
echo "build_cascades():          $build_s s (${build_times[*]})"
echo "collcog-report:            $report_s s (${report_times[*]}), $(wc -c <"$out") bytes, $(grep -o '<svg ' "$out" | wc -l) figures"
awk -v r="$report_s" -v b="$build_s" 'BEGIN { printf "ratio report / build_cascades(): %.2f (at most 3)\n", r / b }'
echo "slowest queries of the last report:"
sort -rn "$out.log" | head -n 8 | sed 's/^/  /'
