#!/usr/bin/env bash
# Benchmark (issue 13): the inequality aggregates against sum(x) over the same rows, serial.
#
#   pg_virtualenv -t test/bench/inequality.sh     on a throwaway cluster (run from the repo root)
#
# Data: N (default 10,000,000) integer rows, x = max(0, floor(0.9999 / (u + 0.0001)) - 1) for
# a seeded uniform u (Knuth's multiplicative hash of the row number): a heavy tail of claims
# per agent from 0 to 9998, half of them zeros, about 4,000 distinct values. Each statement
# is timed five times after a warm-up run (psql's \timing) and its median reported; sum(x)
# is measured before and after the others and their mean is the ratios' denominator (the
# issue's limit: each at most 2x sum(x), serial).
set -euo pipefail
N=${N:-10000000}
DB=${BENCH_DB:-collcog_bench_inequality}
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT

dropdb --if-exists "$DB" >/dev/null 2>&1 || true
createdb "$DB"
psql -XAtq -v ON_ERROR_STOP=1 -d "$DB" -c 'CREATE EXTENSION collcog' \
	-c "CREATE TABLE big AS
	    SELECT greatest(floor(0.9999 / (((i * 2654435761) % 4294967296) / 4294967296.0 + 0.0001)) - 1, 0)::integer AS x
	    FROM generate_series(1, $N) i" \
	-c 'VACUUM ANALYZE big'

# median_ms STATEMENT: the median of five timings of STATEMENT, serial, after one warm-up.
median_ms() {
	psql -XAq -v ON_ERROR_STOP=1 -d "$DB" -c 'SET max_parallel_workers_per_gather = 0' \
		-c "$1" -c '\timing on' -c "$1" -c "$1" -c "$1" -c "$1" -c "$1" \
		| sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -n | sed -n 3p
}
sum_ms=$(median_ms 'SELECT sum(x) FROM big')
gini_ms=$(median_ms 'SELECT gini(x) FROM big')
top_ms=$(median_ms 'SELECT top_share(x, 0.1) FROM big')
sum2_ms=$(median_ms 'SELECT sum(x) FROM big')
shape=$(psql -XAtq -F ', ' -d "$DB" -c 'SELECT count(*), count(*) FILTER (WHERE x = 0), count(DISTINCT x), max(x) FROM big')

cat <<EOF
inequality: rows, zeros, distinct values, largest: $shape
SELECT sum(x) FROM big, serial (median of 5):            ${sum_ms} ms
SELECT gini(x) FROM big, serial (median of 5):           ${gini_ms} ms
SELECT top_share(x, 0.1) FROM big, serial (median of 5): ${top_ms} ms
SELECT sum(x) FROM big again, serial (median of 5):      ${sum2_ms} ms
EOF
awk -v s1="$sum_ms" -v s2="$sum2_ms" -v g="$gini_ms" -v t="$top_ms" 'BEGIN {
	s = (s1 + s2) / 2
	printf "ratio gini(x) / sum(x):              %.2f  (limit 2)\n", g / s
	printf "ratio top_share(x, 0.1) / sum(x):    %.2f  (limit 2)\n", t / s }'
