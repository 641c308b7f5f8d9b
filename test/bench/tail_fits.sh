#!/usr/bin/env bash
# Benchmark (issue 4): heavy-tail fits in SQL against plfit and against sum(x), one run each.
#
#   pg_virtualenv -t test/bench/tail_fits.sh     on a throwaway cluster (run from the repo root)
#
# Data: discrete truncated power law, alpha 2.2, lambda 0.001, xmin 1, drawn exactly by the
# core's sampler (test/bench/tail_draw.c): N (default 1,000,000) and BIG (default 10,000,000)
# values; GOF on 10,000 values of a discrete power law, alpha 2.5. Prints each timing and the
# ratios the issue sets limits on. SQL timings are psql's \timing of the statement alone;
# plfit's include starting the process and reading the file, as an end-to-end user would.
set -euo pipefail
N=${N:-1000000}
BIG=${BIG:-10000000}
DB=${BENCH_DB:-collcog_bench_tail}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"; dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT

cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$repo/include" -I"$repo/src/core" "$repo/test/bench/tail_draw.c" \
	"$repo"/src/core/*/*.c $(gsl-config --libs) -o "$work/tail_draw"
"$work/tail_draw" "$N" 2.2 0.001 1 >"$work/tpl.txt"
"$work/tail_draw" "$BIG" 2.2 0.001 2 >"$work/tpl_big.txt"
"$work/tail_draw" 10000 2.5 0 3 >"$work/gof.txt"

dropdb --if-exists "$DB" >/dev/null 2>&1 || true
createdb "$DB"
psql_q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
psql_q -c 'CREATE EXTENSION collcog' \
	-c 'CREATE TABLE t (x bigint)' -c 'CREATE TABLE big (x bigint)' -c 'CREATE TABLE g (x bigint)' \
	-c "\\copy t FROM '$work/tpl.txt'" -c "\\copy big FROM '$work/tpl_big.txt'" \
	-c "\\copy g FROM '$work/gof.txt'" -c 'VACUUM ANALYZE t, big, g'

# sql_ms SETTINGS STATEMENT: milliseconds of STATEMENT (second run, so both sides read a
# warm cache), after SETTINGS.
sql_ms() {
	psql -XAq -v ON_ERROR_STOP=1 -d "$DB" -c "$1" -c "$2" -c '\timing on' -c "$2" \
		| sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1
}
# median_ms SETTINGS STATEMENT: the median of five sql_ms, for the noisier parallel timings.
median_ms() {
	for _ in 1 2 3 4 5; do sql_ms "$1" "$2"; done | sort -n | sed -n 3p
}
# wall_ms COMMAND...: milliseconds of a command.
wall_ms() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000))
}
serial='SET max_parallel_workers_per_gather = 0'
# Two workers against one process: the leader only gathers, so two processes scan, one per
# core on a 2-core machine (with the leader scanning too, three processes share two cores).
two_workers='SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off'

plfit_ms=$(wall_ms plfit -b "$work/tpl.txt")
pl_ms=$(sql_ms "$serial" 'SELECT pl_fit(x) FROM t')
sum_ms=$(sql_ms "$serial" 'SELECT sum(x) FROM t')
all_ms=$(sql_ms "$serial" 'WITH s AS (SELECT tail_hist(x) AS h FROM t)
	SELECT pl_fit(h), tpl_fit(h), lognormal_fit(h), exponential_fit(h), stretched_exp_fit(h),
	       (SELECT count(*) FROM tail_compare(h)) FROM s')
big_sum_ms=$(sql_ms "$serial" 'SELECT sum(x) FROM big')
big_tpl_ms=$(sql_ms "$serial" 'SELECT tpl_fit(x) FROM big')
med_tpl_ms=$(median_ms "$serial" 'SELECT tpl_fit(x) FROM big')
med_tpl_par_ms=$(median_ms "$two_workers" 'SELECT tpl_fit(x) FROM big')
med_sum_ms=$(median_ms "$serial" 'SELECT sum(x) FROM big')
med_sum_par_ms=$(median_ms "$two_workers" 'SELECT sum(x) FROM big')
workers=$(psql_q -c "$two_workers" -c 'EXPLAIN (ANALYZE, COSTS OFF) SELECT tpl_fit(x) FROM big' \
	| sed -n 's/.*Workers Launched: \([0-9]*\).*/\1/p' | head -n 1)
# plfit's exact p-value takes 0.25 / eps^2 replicates: eps 0.0158114 gives 1000.
plfit_gof_ms=$(wall_ms plfit -b -p exact -e 0.0158114 "$work/gof.txt")
gof_ms=$(sql_ms "$serial" 'SELECT * FROM pl_gof((SELECT tail_hist(x) FROM g), 1000, 1)')

cat <<EOF
tail_fits: $N values (and $BIG), discrete TPL alpha 2.2 lambda 0.001
plfit -b (end to end):                         ${plfit_ms} ms
SELECT pl_fit(x) FROM t:                       ${pl_ms} ms
SELECT sum(x) FROM t:                          ${sum_ms} ms
five fits + all Vuong pairs (one scan):        ${all_ms} ms
SELECT sum(x) FROM big:                        ${big_sum_ms} ms
SELECT tpl_fit(x) FROM big, serial:            ${big_tpl_ms} ms
tpl_fit(x) FROM big, median of 5, serial:     ${med_tpl_ms} ms
  the same, 2 workers ($workers launched), leader gathering: ${med_tpl_par_ms} ms
sum(x) FROM big, median of 5, serial:         ${med_sum_ms} ms
  the same, 2 workers, leader gathering:      ${med_sum_par_ms} ms
plfit -p exact, 1000 replicates, 10,000 values: ${plfit_gof_ms} ms
pl_gof(..., 1000), 10,000 values:              ${gof_ms} ms
EOF
awk -v plfit="$plfit_ms" -v pl="$pl_ms" -v sum="$sum_ms" -v all="$all_ms" -v bsum="$big_sum_ms" \
	-v btpl="$big_tpl_ms" -v mtpl="$med_tpl_ms" -v mpar="$med_tpl_par_ms" \
	-v msum="$med_sum_ms" -v mspar="$med_sum_par_ms" -v pgof="$plfit_gof_ms" -v gof="$gof_ms" 'BEGIN {
	printf "ratio pl_fit / plfit -b:                      %.2f  (limit 1.0)\n", pl / plfit
	printf "ratio full comparison / sum(x):               %.2f  (limit 3)\n", all / sum
	printf "ratio tpl_fit / sum(x), larger table:         %.2f  (limit 2)\n", btpl / bsum
	printf "parallel speed-up of tpl_fit, 2 workers:      %.2f  (at least 1.6)\n", mtpl / mpar
	printf "parallel speed-up of sum(x), 2 workers:       %.2f  (the machine'"'"'s own)\n", msum / mspar
	printf "ratio pl_gof / plfit exact p-value:           %.2f  (limit 1.0)\n", gof / pgof }'
