# The key scan (src/pg/common/key_scan.c) walks a run's leaf pages itself, right link by
# right link, while other sessions insert, update, delete and vacuum the same messages:
# leaf pages split, entries die, emptied pages are deleted. In REPEATABLE READ transactions
# type_prominence reads the same rows through the key as with a query (row-level security
# makes a reader take the query), every time, and no session errs.
source "$(dirname "$0")/lib.sh"

role=collcog_key_reader
sql "CALL simulate_network_into(runs => 4, steps => 3000, seed => 5, run_prefix => 'k')"
sql "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
sql "CREATE ROLE $role"
sql "GRANT SELECT ON runs, agents, messages TO $role"
sql "ALTER TABLE messages ENABLE ROW LEVEL SECURITY"
sql "CREATE POLICY every_row ON messages USING (true)"
work=$(mktemp -d)
trap 'sql "DROP OWNED BY $role; DROP ROLE $role" >/dev/null 2>&1; rm -rf "$work"' EXIT

# The writer: new messages in the middle of a run's rounds (leaf pages split), new versions
# of a seventh of a run's messages, a hundred rounds deleted, and a VACUUM every fifth time.
writer() {
	for i in $(seq 1 40); do
		r=$((i % 4 + 1))
		psql -XAtq -v ON_ERROR_STOP=1 -c "
			INSERT INTO messages (run_id, t, source, target, weight)
			SELECT m.run_id, m.t, m.target, m.source, m.weight FROM messages m
			WHERE m.run_id = 'k/$r' AND m.t % 11 = $((i % 11))
			ON CONFLICT DO NOTHING" \
			-c "UPDATE messages SET weight = (SELECT array_agg(1.5 * w ORDER BY o)
			                                  FROM unnest(weight) WITH ORDINALITY u(w, o))
			    WHERE run_id = 'k/$r' AND t % 7 = $((i % 7))" \
			-c "DELETE FROM messages WHERE run_id = 'k/$r'
			    AND t BETWEEN $((i * 97 % 2800)) AND $((i * 97 % 2800 + 100))" || return 1
		if [ $((i % 5)) -eq 0 ]; then psql -XAtq -v ON_ERROR_STOP=1 -c "VACUUM messages" || return 1; fi
	done
}
writer >"$work/writer.out" 2>&1 &
writer_pid=$!

# The reader, as long as the writer writes: the key way and the query way in one snapshot,
# the rows that differ counted.
rounds=0
differ=0
errors=0
while kill -0 "$writer_pid" 2>/dev/null; do
	out=$(psql -XAtq -v ON_ERROR_STOP=1 2>&1 <<SQL
BEGIN ISOLATION LEVEL REPEATABLE READ;
CREATE TEMP TABLE by_key AS SELECT * FROM type_prominence();
SET LOCAL ROLE $role;
CREATE TEMP TABLE by_query AS SELECT * FROM type_prominence();
RESET ROLE;
SELECT (SELECT count(*) FROM (TABLE by_key EXCEPT ALL TABLE by_query) a)
     + (SELECT count(*) FROM (TABLE by_query EXCEPT ALL TABLE by_key) b);
COMMIT;
SQL
	)
	rounds=$((rounds + 1))
	case "$out" in
		0) ;;
		[0-9]*) differ=$((differ + 1)); echo "    round $rounds: $out rows differ" ;;
		*) errors=$((errors + 1)); echo "    round $rounds: $out" ;;
	esac
done
wait "$writer_pid"
writer_status=$?
[ "$writer_status" -eq 0 ] || sed 's/^/    /' "$work/writer.out"

t_eq "the writer's inserts, updates, deletes and vacuums succeeded" 0 "$writer_status"
t_true "the reader read while the writer wrote ($rounds rounds)" [ "$rounds" -ge 3 ]
t_eq "no reader erred" 0 "$errors"
t_eq "the key way and the query way read the same rows in every snapshot" 0 "$differ"
t_true "the writer deleted rows and left dead versions to vacuum" \
	[ "$(sql "SELECT n_tup_del > 0 AND n_tup_upd > 0 FROM pg_stat_user_tables WHERE relname = 'messages'")" = t ]
t_done
