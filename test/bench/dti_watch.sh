#!/usr/bin/env bash
# Benchmark (issue 14): the live DTI watcher's cost on inserts. EVENTS (default 1M) events
# of simulated runs (RUNS runs of STEPS events by N agents, simulate_routing seed 7, the
# parameters c = 0.5, beta_c = 1, tau = 3 for their class, so that DTI fires) are inserted
# into events in step order, in batches of BATCH (default 1000) rows per statement, once
# without and once with dti_watch() installed, in this run. Target: at most 30% more time.
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

# Insert everything, batch by batch (one statement each), in one session; seconds. With
# "watch", the watcher is installed on the emptied events first.
insert_all() {
	psql_q -c 'TRUNCATE events'
	[ "${1:-}" != watch ] || psql_q -c "SELECT dti_watch('params')" >/dev/null
	psql_q -c 'CHECKPOINT'
	timed "DO \$\$ DECLARE b record; BEGIN
	    FOR b IN SELECT DISTINCT chunk, run_id FROM staged ORDER BY chunk, run_id LOOP
	        INSERT INTO events SELECT run_id, step_id, ts, agent_id, event_type, claim_id, parent_claim_ids,
	               target_claim_id, subtask_id, parent_subtask_id, message_length, payload, logged_step,
	               logged_root_claim_id, logged_claim_depth
	        FROM staged WHERE chunk = b.chunk AND run_id = b.run_id ORDER BY step_id;
	    END LOOP; END \$\$"
}
plain_s=$(insert_all)
watched_s=$(insert_all watch)
triggers=$(psql_q -c 'SELECT count(*) FROM dti_watch_triggers')
psql_q -c "SELECT dti_unwatch()" >/dev/null
echo "insert without the watcher: ${plain_s} s"
echo "insert with dti_watch():    ${watched_s} s ($triggers triggers notified)"
awk -v a="$plain_s" -v b="$watched_s" 'BEGIN { printf "overhead: %.0f%% (target at most 30%%)\n", 100 * (b / a - 1) }'
