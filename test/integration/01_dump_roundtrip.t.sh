# pg_dump | psql keeps every row of every collcog table, with foreign keys between them.
source "$(dirname "$0")/lib.sh"

# A checksum of a table's rows in key order: equal checksums mean equal contents.
checksum() { sql "SELECT md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), '')) FROM $1 t"; }
tables=(runs agents events messages rejects claims subtasks cascades event_sizes cascade_agents run_builds)

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
t_eq "row count of events restored" 200 "$(PGDATABASE=$restored sql 'SELECT count(*) FROM events')"
t_eq "restored extension is collcog 0.2.0" "0.2.0" \
	"$(PGDATABASE=$restored sql "SELECT extversion FROM pg_extension WHERE extname = 'collcog'")"
# Constraints came back too: a malformed row is still refused.
t_match "constraints are restored" "23514" \
	"$(PGDATABASE=$restored sql_error "INSERT INTO events (run_id, step_id, agent_id, event_type) VALUES ('r1', 99, 'a1', 'propose')")"

dropdb "$restored"
rm -f "$dump"
t_done
