#!/usr/bin/env bash
# Benchmark (issue 5): build_cascades() against the recursive-CTE SQL reference
# (test/reference/cascades.sql) computing the same tables from the same events: the reload
# of all runs (build_cascades()), and the row-by-row replacement of named runs
# (build_cascades(run_ids), here naming every run). The reload is timed BUILDS times (default
# 3) and its median reported; the others run once; every timing follows a CHECKPOINT.
#
#   test/bench/build_cascades.sh                   against the server the PG* variables select
#   pg_virtualenv -t test/bench/build_cascades.sh  on a throwaway cluster
#
# Environment: RUNS (default 100) runs of STEPS (default 15000) events by N (default 100)
# agents from simulate_routing (seed 7): 1.5M events, paper 000's scale; RUNS=1000 gives
# 15M for the scaling check, where COMPARE=0 times the reload alone (the reference takes
# about ten minutes at 15M). Uses a scratch database and drops it afterwards; reading the
# backend's peak memory needs a superuser (pg_read_file).
set -euo pipefail
DB=${BENCH_DB:-collcog_bench_cascades}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

scratch_db
psql_q -f "$here/../reference/cascades.sql"
RUNS=${RUNS:-100}
STEPS=${STEPS:-15000}
N=${N:-100}
psql_q -c "CALL simulate_routing_into(n_agents => $N, steps => $STEPS, runs => $RUNS, seed => 7, run_prefix => 'bench')"
psql_q -c 'VACUUM ANALYZE' -c 'CHECKPOINT'
n_events=$(psql_q -c 'SELECT count(*) FROM events')
echo "build_cascades: $RUNS runs x $STEPS steps = $n_events events, N = $N"

# The reload's time: the median of BUILDS runs (default 3), each after a CHECKPOINT, since
# single runs of this I/O-bound statement vary by 10-20% on a small virtual machine.
read -r build_s builds <<<"$(ROUNDS=${BUILDS:-3} median_of 'SELECT * FROM build_cascades()')"
# Peak private memory of a backend that ran build_cascades: VmHWM - RssShmem of the server
# process (shared buffers it touched stay mapped and would otherwise count).
peak_mb=$(psql_q -c 'SELECT runs_built FROM build_cascades()' -c "
	SELECT (substring(s FROM 'VmHWM:\\s+(\\d+)')::int - substring(s FROM 'RssShmem:\\s+(\\d+)')::int) / 1024
	FROM pg_read_file('/proc/self/status') s")
peak_mb=$(printf '%s\n' "$peak_mb" | tail -n 1)
largest_run=$(psql_q -c 'SELECT max(n) FROM (SELECT count(*) n FROM events GROUP BY run_id) x')
shape=$(psql_q -c "SELECT count(*) || ' claims, ' || (SELECT count(*) FROM cascades) || ' cascades, largest '
	|| (SELECT max(size) FROM cascades) || ' claims, deepest ' || (SELECT max(depth) FROM cascades) FROM claims")
echo "derived rows:                                   $shape"
echo "build_cascades() (reload of all runs):          ${build_s} s ${builds}"
echo "peak private memory in build_cascades:          ${peak_mb} MB (largest run: $largest_run events)"
awk -v b="$build_s" -v n="$n_events" 'BEGIN {
	printf "build_cascades() per event:                     %.2f us\n", 1e6 * b / n }'
[ "${COMPARE:-1}" = 0 ] && exit 0

psql_q -c 'CHECKPOINT'
named_s=$(timed 'SELECT * FROM build_cascades(ARRAY(SELECT run_id FROM runs))')
psql_q -c 'CHECKPOINT'
ref_s=$(timed 'CALL cc_ref.build()')

echo "recursive-CTE reference (CALL cc_ref.build()):  ${ref_s} s"
echo "build_cascades(run_ids => every run):           ${named_s} s"
awk -v b="$build_s" -v r="$ref_s" -v m="$named_s" 'BEGIN {
	printf "ratio reference / build_cascades():             %.1f\n", r / b
	printf "ratio reference / build_cascades(run_ids):      %.1f\n", r / m }'
