# Helpers the benchmark scripts share (source it): a scratch database, statements timed in
# seconds, the median of several timings, and the 1.5M-event warehouse of
# test/bench/build_cascades.sh (RUNS runs of STEPS events by N agents, simulate_routing seed 7).
# The caller sets DB before sourcing.

psql_q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

# Seconds taken by one SQL statement.
timed() {
	local t0 t1
	t0=$(date +%s.%N)
	psql_q -c "SET client_min_messages = warning" -c "$1" >/dev/null
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

# The median of ROUNDS (default 3) timings of a statement, each after a CHECKPOINT:
# "median (all)".
median_of() {
	local times=() m
	for _ in $(seq "${ROUNDS:-3}"); do
		psql_q -c 'CHECKPOINT'
		times+=("$(timed "$1")")
	done
	m=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	echo "$m (${times[*]})"
}

# A fresh scratch database $DB with collcog, dropped when the script exits.
scratch_db() {
	dropdb --if-exists "$DB" >/dev/null 2>&1 || true
	createdb "$DB"
	trap 'dropdb --if-exists "$DB" >/dev/null 2>&1 || true' EXIT
	psql_q -c 'CREATE EXTENSION collcog'
}

# The benchmark warehouse: RUNS (100) runs of STEPS (15000) events by N (100) agents.
bench_warehouse() {
	RUNS=${RUNS:-100}
	STEPS=${STEPS:-15000}
	N=${N:-100}
	psql_q -c "CALL simulate_routing_into(n_agents => $N, steps => $STEPS, runs => $RUNS, seed => 7, run_prefix => 'bench')"
	psql_q -c 'VACUUM ANALYZE' -c 'CHECKPOINT'
}
