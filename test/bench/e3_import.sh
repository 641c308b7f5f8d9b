#!/usr/bin/env bash
# Benchmark (issue 18): collcog-load --format e3 on the three archives of paper 000's released
# traces (1,470 runs, 197,344 events, 527 MB of events.jsonl), end to end from the unpacked
# files, against a COPY from CSV of the same rows (runs, agents, events, as the import left
# them) into the same tables, with their keys, constraints and indexes. Each is timed ROUNDS
# times (default 3) into emptied tables after a CHECKPOINT; the medians and their ratio are
# printed. Unpacking the archives is not timed.
#
#   test/bench/e3_import.sh                   against the server the PG* variables select
#   pg_virtualenv -t test/bench/e3_import.sh  on a throwaway cluster
#
# Environment: COLLCOG_DATA (default ../shared/data), COLLCOG_LOAD (default the built tool),
# ROUNDS, BENCH_DB (a scratch database, dropped afterwards).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
DATA=${COLLCOG_DATA:-$repo/../shared/data}/paper000_traces
LOAD=${COLLCOG_LOAD:-$repo/src/cli/collcog-load}
ROUNDS=${ROUNDS:-3}
DB=${BENCH_DB:-collcog_bench_e3}

tmp=$(mktemp -d)
cleanup() { rm -rf "$tmp"; dropdb --if-exists "$DB" >/dev/null 2>&1 || true; }
trap cleanup EXIT
for a in GAIA MARBLE REALM; do tar -xJf "$DATA/$a.tar.xz" -C "$tmp"; done
TREE=$tmp/paper000-traces

psql_q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
empty_tables() { psql_q -c 'TRUNCATE runs, agents, events, messages' -c 'VACUUM' -c 'CHECKPOINT'; }

dropdb --if-exists "$DB" >/dev/null 2>&1 || true
createdb "$DB"
psql_q -c 'CREATE EXTENSION collcog'

import_times=()
for ((i = 0; i < ROUNDS; i++)); do
	empty_tables
	t0=$(now)
	"$LOAD" -d "$DB" --format e3 -q "$TREE"
	t1=$(now)
	import_times+=("$(elapsed "$t0" "$t1")")
done
counts=$(psql_q -c "SELECT (SELECT count(*) FROM runs) || ' runs, ' || (SELECT count(*) FROM agents)
                    || ' agents, ' || (SELECT count(*) FROM events) || ' events'")

# The same rows as CSV: what the import wrote, column for column.
for t in runs agents events; do
	psql_q -c "\\copy $t TO '$tmp/$t.csv' (FORMAT csv)"
done
copy_times=()
for ((i = 0; i < ROUNDS; i++)); do
	empty_tables
	t0=$(now)
	psql_q -1 -c "\\copy runs FROM '$tmp/runs.csv' (FORMAT csv)" \
		-c "\\copy agents FROM '$tmp/agents.csv' (FORMAT csv)" \
		-c "\\copy events FROM '$tmp/events.csv' (FORMAT csv)"
	t1=$(now)
	copy_times+=("$(elapsed "$t0" "$t1")")
done
copied=$(psql_q -c "SELECT (SELECT count(*) FROM runs) || ' runs, ' || (SELECT count(*) FROM agents)
                    || ' agents, ' || (SELECT count(*) FROM events) || ' events'")
[ "$copied" = "$counts" ] || { echo "e3_import: the COPY gave $copied, the import $counts" >&2; exit 1; }

imp=$(printf '%s\n' "${import_times[@]}" | median)
cpy=$(printf '%s\n' "${copy_times[@]}" | median)
echo "e3_import: $counts, $(du -cb "$TREE"/*/*/*/*/*/events.jsonl | tail -n 1 | cut -f1) bytes of events.jsonl, CSV $(du -cb "$tmp"/*.csv | tail -n 1 | cut -f1) bytes"
echo "e3_import: collcog-load --format e3: ${import_times[*]} s (median $imp)"
echo "e3_import: COPY from CSV:            ${copy_times[*]} s (median $cpy)"
echo "e3_import: ratio $(awk -v a="$imp" -v b="$cpy" 'BEGIN { printf "%.2f", a / b }') (target: at most 2)"
