# pg_dump | psql keeps every row of every collcog table, with foreign keys between them. Of
# the live DTI watcher it keeps the triggers notified and their ids, not the watcher itself
# (pg_dump leaves out triggers on an extension's tables) nor its state (rebuilt from the
# events): installed again on the restored database, it continues exactly as the original.
source "$(dirname "$0")/lib.sh"

# A checksum of a table's rows in key order: equal checksums mean equal contents.
checksum() { sql "SELECT md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), '')) FROM $1 t"; }
tables=(runs agents events messages rejects claims subtasks cascades event_sizes cascade_agents run_builds
	dti_watch_triggers)

sql "INSERT INTO runs (run_id, topology, n_agents, success, score, meta)
     SELECT 'r' || i, (ARRAY['star', 'chain'])[1 + i % 2], 3, i % 3 = 0, i / 10.0,
            jsonb_build_object('i', i, 'note', E'tab\there \"quoted\" ü')
     FROM generate_series(1, 20) i"
sql "INSERT INTO agents (run_id, agent_id, agent_type)
     SELECT run_id, 'a' || j, 'type' || (j % 2) FROM runs, generate_series(1, 3) j"
sql "INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids, ts, payload)
     SELECT run_id, s, 'a' || (1 + s % 3),
            CASE WHEN s = 0 THEN 'propose' ELSE 'revise' END::event_type,
            'c' || s, CASE WHEN s = 0 THEN '{}' ELSE ARRAY['c' || (s - 1)] END,
            '2026-01-01 00:00:00+00'::timestamptz + s * interval '1 second',
            '{\"k\": [1, 2, null]}'
     FROM runs, generate_series(0, 9) s"
sql "INSERT INTO messages (run_id, t, source, target, weight)
     SELECT run_id, 0, 'a1', 'a2', ARRAY[1.5, 0.1 + length(run_id)] FROM runs"
sql "INSERT INTO rejects (run_id, source, line, reason) VALUES ('bad', 'x.jsonl', 3, 'a reason')"
sql "INSERT INTO claims (run_id, claim_id, step_id, root_claim_id, claim_depth, claim_status)
     SELECT run_id, claim_id, step_id, 'c0', step_id,
            CASE event_type WHEN 'propose' THEN 'proposed' ELSE 'revised' END::claim_status FROM events"
sql "INSERT INTO subtasks (run_id, subtask_id, subtask_depth, subtree_subtasks, subtree_events)
     SELECT run_id, 'T0', 0, 1, 10 FROM runs"
sql "INSERT INTO cascades (run_id, root_claim_id, size, tce, n_propose, n_revise, n_contradict,
                           n_merge, n_delegate, n_endorse, n_agents_active, depth, topology)
     SELECT run_id, 'c0', 10, 10, 1, 9, 0, 0, 0, 0, 3, 9, topology FROM runs"
sql "INSERT INTO event_sizes (run_id, observable, anchor_id, size) SELECT run_id, 'revision', 'c0', 9 FROM runs"
sql "INSERT INTO cascade_agents (run_id, root_claim_id, agent_id, claims, events, n_propose, n_revise,
                                 n_contradict, n_merge, n_delegate, n_endorse)
     SELECT run_id, 'c0', 'a1', 1, 2, 1, 0, 0, 0, 0, 1 FROM runs"
sql "INSERT INTO run_builds (run_id, built_at, skipped, n_events, burst_steps)
     SELECT run_id, '2026-01-02 03:04:05+00', false, 10, 4 FROM runs"

# The watcher, installed on the stored runs (a revision chain per run), then fed ten more
# steps per run: with c = beta_c = 1 and tau = 3 a chain triggers every fourth event.
more_events() {
	psql -XAtq -v ON_ERROR_STOP=1 -d "$1" -c "INSERT INTO events (run_id, step_id, agent_id, event_type,
	         claim_id, parent_claim_ids)
	     SELECT run_id, s, 'a1', 'revise', 'c' || s, ARRAY['c' || (s - 1)]
	     FROM runs, generate_series($2, $3) s ORDER BY run_id, s"
}
sql "CREATE TABLE params (topology text, task_family text, beta_c float8, c float8, tau float8)"
sql "INSERT INTO params VALUES ('star', NULL, 1, 1, 3), ('chain', NULL, 1, 1, 3)"
sql "SELECT dti_watch('params')" >/dev/null
more_events "$PGDATABASE" 10 19

declare -A before
for t in "${tables[@]}"; do
	t_true "$t has rows to dump" test "$(sql "SELECT count(*) FROM $t")" -gt 0
	before[$t]=$(checksum "$t")
done

dump=$(mktemp)
restored=${PGDATABASE}_restored
t_true "pg_dump of a database using collcog succeeds" pg_dump -f "$dump" "$PGDATABASE"
dropdb --if-exists "$restored" >/dev/null 2>&1
createdb -T template0 -E UTF8 --locale=C "$restored"
t_true "the dump restores into an empty database without errors" \
	psql -XAtq -v ON_ERROR_STOP=1 -d "$restored" -f "$dump"

for t in "${tables[@]}"; do
	after=$(PGDATABASE=$restored checksum "$t")
	t_eq "$t: rows identical after pg_dump | psql" "${before[$t]}" "$after"
done
t_eq "row count of events restored" 400 "$(PGDATABASE=$restored sql 'SELECT count(*) FROM events')"
t_eq "restored extension is collcog 0.2.0" "0.2.0" \
	"$(PGDATABASE=$restored sql "SELECT extversion FROM pg_extension WHERE extname = 'collcog'")"
# Constraints came back too: a malformed row is still refused.
t_match "constraints are restored" "23514" \
	"$(PGDATABASE=$restored sql_error "INSERT INTO events (run_id, step_id, agent_id, event_type) VALUES ('r1', 99, 'a1', 'propose')")"

watch_triggers="SELECT string_agg(tgname, ' ' ORDER BY tgname) FROM pg_trigger WHERE tgname LIKE 'collcog_dti%'"
t_eq "the DTI watcher is not restored (pg_dump leaves out triggers on extension tables)" "" \
	"$(PGDATABASE=$restored sql "$watch_triggers")"
PGDATABASE=$restored sql "SELECT dti_watch('params')" >/dev/null
t_eq "dti_watch() installs it again" "$(sql "$watch_triggers")" "$(PGDATABASE=$restored sql "$watch_triggers")"
more_events "$PGDATABASE" 20 29
more_events "$restored" 20 29
t_true "the watcher triggered on the events inserted after the dump" \
	test "$(sql "SELECT count(*) FROM dti_watch_triggers WHERE step_id >= 20")" -gt 0
t_eq "the restored watcher continues as the original (every trigger and its id)" \
	"$(checksum dti_watch_triggers)" "$(PGDATABASE=$restored checksum dti_watch_triggers)"

dropdb "$restored"
rm -f "$dump"
t_done
