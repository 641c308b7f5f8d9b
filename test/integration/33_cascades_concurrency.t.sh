# build_cascades() against concurrent builders and deleters, in real parallel sessions:
# overlapping builds of named runs serialise instead of failing on the primary keys (23505),
# a run deleted while it is built (or built while it is deleted) leaves no derived rows behind,
# a reload waits for the builders, and under REPEATABLE READ a conflict is a serialization
# failure (40001) rather than a wait whose outcome the snapshot could not see.
source "$(dirname "$0")/lib.sh"

sql "CALL simulate_routing_into(n_agents => 8, steps => 300, runs => 9, seed => 11, run_prefix => 'c')"
sql "SELECT * FROM build_cascades()" >/dev/null

work=$(mktemp -d)
trap 'send a "\\q" 2>/dev/null; rm -rf "$work"' EXIT

# open NAME: a session that reads SQL from $work/NAME.in and writes to $work/NAME.out.
open_session() {
	mkfifo "$work/$1.in"
	psql -XAtq -v VERBOSITY=verbose <"$work/$1.in" >"$work/$1.out" 2>&1 &
	exec {fd}>"$work/$1.in"
	eval "fd_$1=$fd"
}
# send NAME SQL: give the session a statement (it runs it when it is free).
send() { local fd; eval "fd=\$fd_$1"; printf '%s\n' "$2" >&"$fd"; }
# settle NAME: wait until everything sent to NAME has run (a marker comes back).
settle() {
	local marker="done-$RANDOM$RANDOM"
	send "$1" "SELECT '$marker';"
	for _ in $(seq 1 600); do grep -q "$marker" "$work/$1.out" && return 0; sleep 0.05; done
	echo "session $1 did not settle" >&2
	return 1
}
# blocked N: wait until N sessions of this database wait for a lock (0: none).
blocked() {
	local n
	for _ in $(seq 1 600); do
		n=$(sql "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
		         AND wait_event_type = 'Lock'")
		[ "$n" = "$1" ] && return 0
		sleep 0.05
	done
	return 1
}
# run_in_background NAME SQL: a one-statement session in the background; finish NAME waits
# for it to end.
run_in_background() {
	psql -XAtq -v VERBOSITY=verbose -c "$2" >"$work/$1.out" 2>&1 &
	eval "pid_$1=$!"
}
finish() { local pid; eval "pid=\$pid_$1"; wait "$pid"; }
orphans() {
	sql "SELECT (SELECT count(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.run_id = c.run_id))
	          + (SELECT count(*) FROM cascades c WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.run_id = c.run_id))"
}
consistent() {
	sql "SELECT (SELECT count(*) FROM (SELECT * FROM cascades_from('events') EXCEPT
	             SELECT run_id, root_claim_id, size, tce, n_propose, n_revise, n_contradict,
	                    n_merge, n_delegate, n_endorse, n_agents_active, depth, merge_conversion
	             FROM cascades) x)
	          + (SELECT count(*) FROM (SELECT run_id, root_claim_id FROM cascades EXCEPT
	             SELECT run_id, root_claim_id FROM cascades_from('events')) y)"
}

open_session a

# 1. Overlapping named builds: the second waits for the first and then replaces its rows.
send a "BEGIN; SELECT runs_built FROM build_cascades(ARRAY['c/1', 'c/2']);"
settle a
run_in_background b "SELECT runs_built FROM build_cascades(ARRAY['c/2', 'c/3'])"
t_true "a second build of run c/2 waits for the first" blocked 1
send a "COMMIT;"
settle a
finish b
t_eq "... and then builds its runs without a key violation" "2" "$(cat "$work/b.out")"
t_eq "the derived rows are those of the events" "0" "$(consistent)"

# 2. A run deleted while it is being built: the delete waits, then removes the new rows.
send a "BEGIN; SELECT runs_built FROM build_cascades(ARRAY['c/4']);"
settle a
run_in_background b "DELETE FROM runs WHERE run_id = 'c/4'"
t_true "deleting run c/4 waits for its build" blocked 1
send a "COMMIT;"
settle a
finish b
t_eq "... and leaves no derived rows of c/4" "0" \
	"$(sql "SELECT count(*) FROM claims WHERE run_id = 'c/4'")"

# 3. A run built while it is being deleted: the build waits, then finds it gone.
send a "BEGIN; DELETE FROM runs WHERE run_id = 'c/5';"
settle a
run_in_background b "SELECT runs_built FROM build_cascades(ARRAY['c/5'])"
t_true "building run c/5 waits for its deletion" blocked 1
send a "COMMIT;"
settle a
finish b
t_match "... and says the run does not exist" '22023: run "c/5" does not exist' "$(cat "$work/b.out")"
t_eq "no derived rows are left without a run" "0" "$(orphans)"

# 4. A reload waits for a builder of named runs; a rolled-back build leaves nothing.
send a "BEGIN; SELECT runs_built FROM build_cascades(ARRAY['c/6']);"
settle a
run_in_background b "SELECT runs_built FROM build_cascades()"
t_true "a reload waits for a build of named runs" blocked 1
send a "ROLLBACK;"
settle a
finish b
t_eq "... and then rebuilds every run" "7" "$(cat "$work/b.out")"
t_eq "the derived rows are those of the events" "0" "$(consistent)"

# 5. A build that waited reads the events the other session committed meanwhile.
send a "BEGIN; INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id)
        SELECT run_id, max(step_id) + 1, min(agent_id), 'propose', 'late' FROM events
        WHERE run_id = 'c/8' GROUP BY run_id;
        SELECT runs_built FROM build_cascades(ARRAY['c/8']);"
settle a
run_in_background b "SELECT runs_built FROM build_cascades(ARRAY['c/8'])"
t_true "a build of run c/8 waits for the session adding an event to it" blocked 1
send a "COMMIT;"
settle a
finish b
t_eq "... and then builds from the event added" "1 1" \
	"$(cat "$work/b.out") $(sql "SELECT count(*) FROM claims WHERE run_id = 'c/8' AND claim_id = 'late'")"
t_eq "the derived rows are those of the events" "0" "$(consistent)"

# 6. Under REPEATABLE READ a conflict is a serialization failure, not a wait (the lock
# timeout only keeps a regression from hanging the test: it would fail with 55P03).
rr="BEGIN ISOLATION LEVEL REPEATABLE READ; SET LOCAL lock_timeout = '10s';"
send a "BEGIN; SELECT runs_built FROM build_cascades(ARRAY['c/7']);"
settle a
t_match "a REPEATABLE READ build of a run being built fails at once with 40001" '^40001' \
	"$(sql_error "$rr SELECT build_cascades(ARRAY['c/7'])")"
t_match "a REPEATABLE READ delete of a run being built fails at once with 40001" '^40001' \
	"$(sql_error "$rr DELETE FROM runs WHERE run_id = 'c/7'")"
t_match "a REPEATABLE READ reload while a run is built fails at once with 40001" '^40001' \
	"$(sql_error "$rr SELECT build_cascades()")"
send a "COMMIT;"
settle a
t_true "without a conflict REPEATABLE READ builds as before" \
	sql "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT build_cascades(ARRAY['c/7']); COMMIT"
t_eq "no derived rows are left without a run, and they are those of the events" "0 0" \
	"$(orphans) $(consistent)"
t_done
