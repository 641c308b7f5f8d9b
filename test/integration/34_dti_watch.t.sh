# The live DTI watcher (dti_watch) with real listeners and real parallel sessions: the
# payloads collcog-dti-listen prints are the triggers the watcher recorded, none from a
# rolled-back batch; concurrent inserters of the same runs under READ COMMITTED and
# REPEATABLE READ leave the watcher in exact agreement with dti_replay(); under READ
# COMMITTED a second inserter of a run waits for the first and then continues from what it
# committed, under REPEATABLE READ it gets a serialization failure (40001), and an event
# older than what another transaction committed is refused (23000).
source "$(dirname "$0")/lib.sh"

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

sql "CALL simulate_routing_into(n_agents => 12, steps => 1000, runs => 3, seed => 21, run_prefix => 'dti',
     topology => 'star', task_family => 'sim', dti_c => 0.5, dti_beta => 1.0, dti_tau => 3)"
sql "CALL simulate_routing_into(n_agents => 8, steps => 600, runs => 2, seed => 4, run_prefix => 'base',
     topology => 'chain', task_family => 'sim')"
sql "CREATE TABLE params (topology text, task_family text, beta_c float8, c float8, tau float8)"
sql "INSERT INTO params VALUES ('star', 'sim', 1, 0.5, 3), ('chain', 'sim', 0.8, 0.6, 2)"
sql "CREATE TABLE staged AS SELECT * FROM events"
sql "CREATE TABLE replayed AS SELECT * FROM dti_replay('params')"
sql "TRUNCATE events"
sql "SELECT dti_watch('params')" >/dev/null
n_staged=$(sql "SELECT count(*) FROM staged")

# The triggers of the watcher that differ from the replay's, both ways.
disagreements() {
	sql "SELECT (SELECT count(*) FROM (SELECT run_id, root_claim_id, step_id, n, m, pressure, deficit, n_heads, heads FROM replayed
	             EXCEPT SELECT run_id, root_claim_id, step_id, n, m, pressure, deficit, n_heads, heads FROM dti_watch_triggers) x)
	          + (SELECT count(*) FROM (SELECT run_id, root_claim_id, step_id, n, m, pressure, deficit, n_heads, heads FROM dti_watch_triggers
	             EXCEPT SELECT run_id, root_claim_id, step_id, n, m, pressure, deficit, n_heads, heads FROM replayed) x)"
}

# 1. The listener: it is built, and prints one JSON payload per committed trigger.
t_true "collcog-dti-listen is built" test -x "$COLLCOG_DTI_LISTEN"
"$COLLCOG_DTI_LISTEN" >"$work/payloads" 2>"$work/listen.err" &
listener=$!
for _ in $(seq 1 100); do grep -q listening "$work/listen.err" && break; sleep 0.05; done
t_match "it says when it listens" "listening on collcog_dti" "$(cat "$work/listen.err")"

# 2. A rolled-back batch: its triggers and notifications vanish with it (the whole first
# 300 steps of every run would trigger several times).
rolled_back=$(psql -XAtq -v ON_ERROR_STOP=1 <<'SQL'
BEGIN;
INSERT INTO events SELECT * FROM staged WHERE step_id < 300;
SELECT max(trigger_id) FROM dti_watch_triggers;
ROLLBACK;
SQL
)
t_true "the batch triggered before its rollback" test "${rolled_back:-0}" -gt 0
t_eq "a rolled-back batch leaves no state" "0 0 0 0" \
	"$(sql "SELECT (SELECT count(*) FROM dti_watch_runs) || ' ' || (SELECT count(*) FROM dti_watch_claims) || ' '
	        || (SELECT count(*) FROM dti_watch_cascades) || ' ' || (SELECT count(*) FROM dti_watch_triggers)")"

# 3. Deterministic interleavings on run dti/1 (steps 0..99 first).
sql "INSERT INTO events SELECT * FROM staged WHERE run_id = 'dti/1' AND step_id < 100"
mkfifo "$work/a.in"
psql -XAtq -v VERBOSITY=verbose <"$work/a.in" >"$work/a.out" 2>&1 &
exec {fd_a}>"$work/a.in"
send_a() { printf '%s\n' "$1" >&"$fd_a"; }
settle_a() {
	local marker="done-$RANDOM$RANDOM"
	send_a "SELECT '$marker';"
	for _ in $(seq 1 600); do grep -q "$marker" "$work/a.out" && return 0; sleep 0.05; done
	return 1
}
blocked() {
	for _ in $(seq 1 600); do
		[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")" = "$1" ] && return 0
		sleep 0.05
	done
	return 1
}
# READ COMMITTED: A inserts steps 100..199 and holds; B's steps 200..299 wait, then follow.
send_a "BEGIN; INSERT INTO events SELECT * FROM staged WHERE run_id = 'dti/1' AND step_id BETWEEN 100 AND 199;"
settle_a
psql -XAtq -c "INSERT INTO events SELECT * FROM staged WHERE run_id = 'dti/1' AND step_id BETWEEN 200 AND 299" >"$work/b.out" 2>&1 &
b=$!
t_true "READ COMMITTED: a second inserter of the run waits for the first" blocked 1
send_a "COMMIT;"
settle_a
wait "$b"
t_eq "... and then continues from what the first committed" "299" \
	"$(sql "SELECT last_step FROM dti_watch_runs WHERE run_id = 'dti/1'")"
# An event older than what another transaction committed: A numbers a proposal of run o
# step 10, B commits step 20 first; A's statement is refused.
sql "INSERT INTO runs (run_id, topology, task_family) VALUES ('o', 'star', 'sim')"
sql "INSERT INTO agents (run_id, agent_id) VALUES ('o', 'a')"
send_a "BEGIN; SELECT 1;"
settle_a
sql "INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('o', 20, 'a', 'propose', 'p20')"
send_a "INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id) VALUES ('o', 10, 'a', 'propose', 'p10'); ROLLBACK;"
settle_a
t_match "READ COMMITTED: an event older than the run's committed ones is refused (23000)" \
	"ERROR: +23000: the event at step 10 of run \"o\" arrives after step 20" "$(tr -d '\0' <"$work/a.out")"
sql "DELETE FROM runs WHERE run_id = 'o'"
committed=$(sql "SELECT count(*) FROM dti_watch_triggers")
sql "SELECT dti_unwatch()" >/dev/null
sql "SELECT dti_watch('params')" >/dev/null
# REPEATABLE READ: A's snapshot predates B's commit of the run: A's next events are a
# serialization failure, however they are numbered.
: >"$work/a.out"
send_a "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1;"
settle_a
sql "INSERT INTO events SELECT * FROM staged WHERE run_id = 'dti/1' AND step_id BETWEEN 300 AND 399" >/dev/null
send_a "INSERT INTO events SELECT * FROM staged WHERE run_id = 'dti/1' AND step_id BETWEEN 400 AND 499; ROLLBACK;"
settle_a
t_match "REPEATABLE READ: a run changed since the snapshot is a serialization failure (40001)" \
	"ERROR: +40001:" "$(tr -d '\0' <"$work/a.out")"
send_a "\\q"

# 4. Four parallel sessions, two READ COMMITTED and two REPEATABLE READ, append the staged
# events of random runs in random-sized batches (the next steps after what is committed),
# retrying what fails, until everything is in.
committed=$((committed + $(sql "SELECT count(*) FROM dti_watch_triggers")))
sql "SELECT dti_unwatch()" >/dev/null
sql "TRUNCATE events"
sql "SELECT dti_watch('params')" >/dev/null
inserter() {
	psql -XAtq -v ON_ERROR_STOP=1 -c "SET default_transaction_isolation = '$1'" -c "SELECT setseed($2)" -c "
DO \$\$
DECLARE run text; failed int := 0;
BEGIN
    WHILE (SELECT count(*) FROM events) < $n_staged LOOP
        BEGIN
            run := (SELECT DISTINCT s.run_id FROM staged s ORDER BY 1 OFFSET floor(random() * 5) LIMIT 1);
            INSERT INTO events SELECT * FROM staged s
            WHERE s.run_id = run AND s.step_id > coalesce((SELECT max(e.step_id) FROM events e WHERE e.run_id = run), -1)
            ORDER BY s.step_id LIMIT 1 + floor(random() * 40);
        EXCEPTION WHEN serialization_failure OR unique_violation OR deadlock_detected THEN
            failed := failed + 1;
        END;
        COMMIT;
    END LOOP;
    RAISE NOTICE 'retried %', failed;
END \$\$" >"$work/ins$2.out" 2>&1
}
inserter 'read committed' 0.1 & p1=$!
inserter 'read committed' 0.2 & p2=$!
inserter 'repeatable read' 0.3 & p3=$!
inserter 'repeatable read' 0.4 & p4=$!
ok=0
for p in $p1 $p2 $p3 $p4; do wait "$p" || ok=1; done
t_eq "the parallel sessions finish" "0" "$ok"
t_eq "... with every staged event inserted" "$n_staged" "$(sql "SELECT count(*) FROM events")"
echo "# retries: $(cat "$work"/ins*.out | tr '\n' ' ')"
t_true "the sessions collided (retries happened)" \
	test "$(cat "$work"/ins*.out | sed -n 's/.*retried \([0-9]*\).*/\1/p' | paste -sd+ | bc)" -gt 0
t_eq "live and replay agree on every trigger" "0" "$(disagreements)"
t_eq "... and every trigger is there" "$(sql "SELECT count(*) FROM replayed")" "$(sql "SELECT count(*) FROM dti_watch_triggers")"

# 5. The payloads: one per committed trigger since the listener started, none from the
# rolled-back batch (its trigger ids were the first) nor from the refused statements, each
# matching its row.
n_triggers=$(sql "SELECT count(*) FROM dti_watch_triggers")
expected=$((committed + n_triggers))
for _ in $(seq 1 200); do
	[ "$(wc -l <"$work/payloads")" -ge "$expected" ] && break
	sleep 0.05
done
kill "$listener" 2>/dev/null
sql "CREATE TABLE payloads (p jsonb)"
psql -XAtq -v ON_ERROR_STOP=1 -c "\\copy payloads FROM '$work/payloads'"
t_eq "the listener printed one payload per committed trigger" "$expected" "$(sql "SELECT count(*) FROM payloads")"
t_eq "... none of the rolled-back batch" "0" \
	"$(sql "SELECT count(*) FROM payloads WHERE (p->>'trigger_id')::bigint <= $rolled_back")"
t_eq "... and those of the last watcher are its triggers" "$n_triggers" \
	"$(sql "SELECT count(*) FROM payloads p JOIN dti_watch_triggers t ON t.trigger_id = (p.p->>'trigger_id')::bigint")"
t_eq "each payload holds its trigger's run, root, step, n, m, deficit, tau and heads" "0" \
	"$(sql "SELECT count(*) FROM payloads p JOIN dti_watch_triggers t ON t.trigger_id = (p.p->>'trigger_id')::bigint
	        WHERE p.p->>'run_id' <> t.run_id OR p.p->>'root_claim_id' <> t.root_claim_id
	           OR (p.p->>'step_id')::bigint <> t.step_id OR (p.p->>'n')::bigint <> t.n OR (p.p->>'m')::bigint <> t.m
	           OR (p.p->>'deficit')::float8 <> t.deficit OR (p.p->>'tau')::float8 <> t.tau
	           OR (p.p->>'n_heads')::int <> t.n_heads
	           OR ARRAY(SELECT jsonb_array_elements_text(p.p->'heads')) <> t.heads::text[]")"
sql "SELECT dti_unwatch()" >/dev/null
t_done
