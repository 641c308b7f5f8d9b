#!/usr/bin/env bash
# Benchmark (issue 14): the live DTI watcher's cost on inserts. EVENTS (default 1M) events
# of simulated runs (RUNS runs of STEPS events by N agents, simulate_routing seed 7, the
# parameters c = 0.5, beta_c = 1, tau = 3 for their class, so that DTI fires) are inserted
# into events in step order, in batches of BATCH (default 1000) rows per statement, without
# and with dti_watch() installed, alternately, ROUNDS (default 3) times each, in this run.
# It prints every timing, the medians and their ratio, in wall-clock seconds and in CPU
# seconds of the inserting backend (read from /proc: the server must run on this machine),
# which other work on a shared machine disturbs less. Target: at most 30% more time.
#
#   test/bench/dti_watch.sh                   against the server the PG* variables select
#   pg_virtualenv -t test/bench/dti_watch.sh  on a throwaway cluster
set -euo pipefail
DB=${BENCH_DB:-collcog_bench_dti_watch}
RUNS=${RUNS:-64}
STEPS=${STEPS:-15625}
N=${N:-100}
BATCH=${BATCH:-1000}
. "$(dirname "$0")/lib.sh"

scratch_db
psql_q -c "CALL simulate_routing_into(n_agents => $N, steps => $STEPS, runs => $RUNS, seed => 7, run_prefix => 'bench', topology => 'star', task_family => 'sim')"
psql_q -c "CREATE TABLE params (topology text, task_family text, beta_c float8, c float8, tau float8)"
psql_q -c "INSERT INTO params VALUES ('star', 'sim', 1, 0.5, ${TAU:-3})"
# The events in insertion order, numbered into batches: a run's events in step order, runs
# taking turns batch by batch, as several agent societies writing at once.
psql_q -c "CREATE UNLOGGED TABLE staged AS
           SELECT e.*, (row_number() OVER (PARTITION BY run_id ORDER BY step_id) - 1) / $BATCH AS chunk
           FROM events e"
psql_q -c "CREATE INDEX ON staged (chunk, run_id)"
psql_q -c "VACUUM ANALYZE staged"
n_events=$(psql_q -c 'SELECT count(*) FROM staged')
echo "dti_watch: $n_events events ($RUNS runs x $STEPS steps, N = $N) in batches of $BATCH"

# Insert everything, batch by batch (one statement each), in one session: "wall cpu" in
# seconds (cpu: the backend's user + system time). With "watch", the watcher is installed
# on the emptied events first.
insert_all() {
	psql_q -c 'TRUNCATE events'
	[ "${1:-}" != watch ] || psql_q -c "SELECT dti_watch('params')" >/dev/null
	psql_q -c 'CHECKPOINT'
	psql_q -v ON_ERROR_STOP=1 <<'SQL' | tail -n 1
SET client_min_messages = warning;
SELECT pg_backend_pid() AS pid \gset
\set ticks `getconf CLK_TCK`
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
\set cpu0 `awk '{ print $14 + $15 }' /proc/:pid/stat`
DO $$ DECLARE b record; BEGIN
    FOR b IN SELECT DISTINCT chunk, run_id FROM staged ORDER BY chunk, run_id LOOP
        INSERT INTO events SELECT run_id, step_id, ts, agent_id, event_type, claim_id, parent_claim_ids,
               target_claim_id, subtask_id, parent_subtask_id, message_length, payload, logged_step,
               logged_root_claim_id, logged_claim_depth
        FROM staged WHERE chunk = b.chunk AND run_id = b.run_id ORDER BY step_id;
    END LOOP; END $$;
\set cpu1 `awk '{ print $14 + $15 }' /proc/:pid/stat`
SELECT round((extract(epoch FROM clock_timestamp()) - :t0)::numeric, 3) || ' '
       || round((:cpu1 - :cpu0) / :ticks::numeric, 3);
SQL
	[ "${1:-}" != watch ] || psql_q -c 'SELECT count(*) FROM dti_watch_triggers' >"$triggers_file"
	[ "${1:-}" != watch ] || psql_q -c "SELECT dti_unwatch()" >/dev/null
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

triggers_file=$(mktemp)
plain=() watched=()
for r in $(seq "${ROUNDS:-3}"); do
	plain+=("$(insert_all)")
	watched+=("$(insert_all watch)")
	echo "round $r: without ${plain[-1]}, with ${watched[-1]} (wall cpu, s)"
done
pw=$(printf '%s\n' "${plain[@]}" | cut -d' ' -f1 | median)
pc=$(printf '%s\n' "${plain[@]}" | cut -d' ' -f2 | median)
ww=$(printf '%s\n' "${watched[@]}" | cut -d' ' -f1 | median)
wc=$(printf '%s\n' "${watched[@]}" | cut -d' ' -f2 | median)
echo "insert without the watcher: ${pw} s wall, ${pc} s cpu (medians)"
echo "insert with dti_watch():    ${ww} s wall, ${wc} s cpu ($(cat "$triggers_file") triggers notified)"
rm -f "$triggers_file"
awk -v a="$pw" -v b="$ww" -v c="$pc" -v d="$wc" 'BEGIN {
	printf "overhead: %.0f%% wall, %.0f%% cpu (target at most 30%%)\n", 100 * (b / a - 1), 100 * (d / c - 1) }'
