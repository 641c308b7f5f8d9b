#!/usr/bin/env bash
# Benchmark (issue 3): writing simulated events into the canonical tables versus an
# INSERT INTO events SELECT ... of the same rows from a plain table. One run of each.
#
#   test/bench/simulate_insert.sh                   against the server the PG* variables select
#   pg_virtualenv -t test/bench/simulate_insert.sh  on a throwaway cluster
#
# Environment: RUNS (default 7500) x STEPS (default 200) events, N (default 32) agents,
# TOPOLOGY (default fully_connected). The database must have collcog installed or
# installable; the benchmark uses a scratch schema and drops it afterwards.
#
# Prints the three timings and the ratio (simulator into the canonical tables) / (plain
# INSERT ... SELECT); the requirement is a ratio of at most 2.
set -euo pipefail
RUNS=${RUNS:-7500}
STEPS=${STEPS:-200}
N=${N:-32}
TOPOLOGY=${TOPOLOGY:-fully_connected}
DB=${BENCH_DB:-collcog_bench}

psql_q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

dropdb --if-exists "$DB" >/dev/null 2>&1 || true
createdb "$DB"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
psql_q -c 'CREATE EXTENSION collcog'

ARGS="n_agents => $N, steps => $STEPS, runs => $RUNS, topology => '$TOPOLOGY', seed => 42, run_prefix => 'bench'"
echo "simulate_insert: $RUNS runs x $STEPS steps, N = $N, topology $TOPOLOGY"

# 1. The simulator straight into the canonical tables (runs, agents, events).
t0=$(now)
psql_q -c "CALL simulate_routing_into($ARGS)"
t1=$(now)
sim_s=$(elapsed "$t0" "$t1")
n_events=$(psql_q -c 'SELECT count(*) FROM events')

# 2. The same rows from a plain table: copy them out, empty events, insert them back.
psql_q -c 'CREATE UNLOGGED TABLE plain_events AS SELECT * FROM events ORDER BY run_id, step_id'
psql_q -c 'VACUUM ANALYZE plain_events'
psql_q -c 'TRUNCATE events'
psql_q -c 'CHECKPOINT'
t0=$(now)
psql_q -c 'INSERT INTO events SELECT * FROM plain_events'
t1=$(now)
plain_s=$(elapsed "$t0" "$t1")

# 3. For reference: only the events, from the simulator (runs and agents already there).
psql_q -c 'TRUNCATE events'
psql_q -c 'CHECKPOINT'
t0=$(now)
psql_q -c "INSERT INTO events SELECT (e).* FROM (SELECT simulate_routing($ARGS) AS e OFFSET 0) s"
t1=$(now)
events_s=$(elapsed "$t0" "$t1")

echo "events written:                                  $n_events"
echo "CALL simulate_routing_into (runs+agents+events): ${sim_s} s"
echo "INSERT INTO events SELECT * FROM plain table:    ${plain_s} s"
echo "INSERT INTO events from simulate_routing:        ${events_s} s"
awk -v a="$sim_s" -v b="$plain_s" -v c="$events_s" 'BEGIN {
	printf "ratio (simulate_routing_into / plain insert): %.2f\n", a / b
	printf "ratio (events from the simulator / plain insert): %.2f\n", c / b }'
