#!/usr/bin/env bash
# collcog-load on good input: the documented example round-trips value for value (escaping,
# NULLs, arrays, jsonb, timestamps), stdin, several files, empty input, appending to a run
# already loaded, forward claim references, huge lines, --quarantine, and CSV for each table.
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/loader_lib.sh"

# The example of docs/trace-format.md is the fixture, word for word.
doc_example=$(sed -n '/^<!-- example.jsonl -->$/,/^```$/p' "$REPO_ROOT/docs/trace-format.md" | sed '1,2d;$d')
t_eq "docs/trace-format.md shows the example fixture" "$(cat "$F/example.jsonl")" "$doc_example"

load "$F/example.jsonl"
t_eq "example: exit 0" 0 "$RC"
t_eq "example: quiet on a pipe" "" "$ERR"
t_eq "example: row counts" "runs=1 agents=3 events=7 messages=3 rejects=0" "$(counts)"

t_eq "example: the run, value for value" \
	'demo-1|gsm8k|math|star|3|gpt-4o|42|t|0.875|2024-05-01 12:00:00+00|{"note": "worked example of paper 000, App. E.5", "temperature": 0.7}' \
	"$(sql "SET TimeZone = 'UTC'; SELECT * FROM runs")"
t_eq "example: agents" \
	"critic|llama-3-8b/critic|llama-3-8b|critic
planner|gpt-4o/planner|gpt-4o|planner
solver|llama-3-8b/solver|llama-3-8b|solver" \
	"$(sql "SELECT agent_id, agent_type, model, role FROM agents ORDER BY agent_id")"
t_eq "example: events (NULLs, arrays, timestamps with offsets, jsonb)" \
	'0|2024-05-01 12:00:01+00|planner|delegate|NULL|{}|NULL|s1|task|120|NULL
1|2024-05-01 10:00:02.25+00|solver|propose|c1|{}|NULL|s1|NULL|300|{"text": "x = 4"}
2|NULL|solver|revise|c2|{c1}|NULL|s1|NULL|NULL|NULL
3|NULL|critic|contradict|c3|{c1}|c1|NULL|NULL|NULL|NULL
4|NULL|solver|revise|c4|{c2}|NULL|NULL|NULL|NULL|NULL
5|NULL|planner|merge|c5|{c2,c3,c4}|NULL|NULL|NULL|NULL|NULL
6|NULL|critic|endorse|NULL|{}|c5|NULL|NULL|NULL|{"quote": "tab\there, newline\nhere, backslash \\ and \"quotes\"", "unicode": "naïve ✓ 日本"}' \
	"$(sql "SET TimeZone = 'UTC'; SELECT step_id, coalesce(ts::text, 'NULL'), agent_id, event_type,
	        coalesce(claim_id, 'NULL'), parent_claim_ids, coalesce(target_claim_id, 'NULL'),
	        coalesce(subtask_id, 'NULL'), coalesce(parent_subtask_id, 'NULL'),
	        coalesce(message_length::text, 'NULL'), coalesce(payload::text, 'NULL')
	        FROM events ORDER BY step_id")"
t_eq "example: the payload's tab, newline, backslash and quotes are the characters" \
	"$(printf 'tab\there, newline\nhere, backslash \\ and "quotes"')" \
	"$(sql "SELECT payload->>'quote' FROM events WHERE step_id = 6")"
t_eq "example: messages (float8[] weights)" \
	"0|planner|solver|{120,1,0.5}
1|critic|planner|{80,2,0}
1|solver|critic|{300,1,0.25}" \
	"$(sql "SELECT t, source, target, weight FROM messages ORDER BY t, source")"

# Endorsements and delegations that create claims (docs/guide-cascades.md, section 7).
load "$F/endorse_claims.jsonl"
t_eq "endorse and delegate claims: exit 0" 0 "$RC"
t_eq "endorse and delegate claims: the events as given" '2|endorse|e2|{}|NULL
3|endorse|e3|{p1}|p1
4|delegate|d4|{e3}|NULL
6|endorse|NULL|{}|m5' \
	"$(sql "SELECT step_id, event_type, coalesce(claim_id, 'NULL'), parent_claim_ids, coalesce(target_claim_id, 'NULL')
	        FROM events WHERE run_id = 'ec-1' AND event_type IN ('endorse', 'delegate') ORDER BY step_id")"
sql "DELETE FROM runs WHERE run_id = 'ec-1'" >/dev/null

# Ids and text with tabs, newlines, backslashes, quotes, braces, commas and non-ASCII; integer ids.
load "$F/escaping.jsonl"
t_eq "escaping: exit 0" 0 "$RC"
rid=$(printf 'run\twith\ttabs\\and"quotes"')
t_eq "escaping: run id with tab, backslash and quotes" "1" \
	"$(sql "SELECT count(*) FROM runs WHERE run_id = E'run\\twith\\ttabs\\\\and\"quotes\"'")"
t_eq "escaping: text with newline and CR LF" '"line1\nline2\r\nline3"' \
	"$(sql "SELECT to_json(benchmark) FROM runs WHERE run_id <> 'demo-1'")"
t_eq "escaping: jsonb keeps a literal backslash-N and nested values" \
	'{"k": "\\N", "nested": {"a": [1, 2.5, null, true]}}' \
	"$(sql "SELECT meta FROM runs WHERE run_id <> 'demo-1'")"
t_eq "escaping: integer and non-ASCII agent ids" "7|ågent ✓" \
	"$(sql "SELECT string_agg(agent_id, '|' ORDER BY agent_id) FROM agents WHERE run_id <> 'demo-1'")"
t_eq "escaping: array elements with quotes, backslashes, commas and braces" \
	'["{c,1}", "c \"2\" \\ ,{}"]' \
	"$(sql "SELECT to_json(parent_claim_ids)::jsonb FROM events WHERE claim_id = 'NULL'")"
t_eq "escaping: the claim id \"NULL\" is text, null parents are {}" "NULL|{}|t" \
	"$(sql "SELECT (SELECT claim_id FROM events WHERE step_id = 2 AND run_id <> 'demo-1'),
	               (SELECT parent_claim_ids FROM events WHERE step_id = 1 AND run_id <> 'demo-1'),
	               (SELECT ts IS NULL FROM events WHERE step_id = 1 AND run_id <> 'demo-1')")"
t_eq "escaping: weights round-trip as doubles" "t" \
	"$(sql "SELECT weight = ARRAY[1e-300, 12345678901234567, 0.1]::float8[] FROM messages WHERE run_id <> 'demo-1'")"
t_eq "escaping: the run id reads back byte for byte" "$rid" \
	"$(sql "SELECT run_id FROM runs WHERE run_id <> 'demo-1'")"

# Appending to a run already in the database: agents and events without a run record.
load "$F/append.jsonl"
t_eq "append: exit 0" 0 "$RC"
t_eq "append: rows added to demo-1" "4|9|4" \
	"$(sql "SELECT (SELECT count(*) FROM agents WHERE run_id = 'demo-1'),
	               (SELECT count(*) FROM events WHERE run_id = 'demo-1'),
	               (SELECT count(*) FROM messages WHERE run_id = 'demo-1')")"

# Forward references inside a run resolve at the end of the input.
load "$F/forward_refs.jsonl"
t_eq "forward references: exit 0" 0 "$RC"
t_eq "forward references: merge loaded" "{x,y}" "$(sql "SELECT parent_claim_ids FROM events WHERE run_id = 'fwd' AND claim_id = 'm'")"

# Standard input, as - and as no file at all.
sed 's/"fwd"/"stdin-1"/' "$F/forward_refs.jsonl" | "$L" -
t_eq "stdin (-): exit 0" 0 "$?"
sed 's/"fwd"/"stdin-2"/' "$F/forward_refs.jsonl" | "$L"
t_eq "stdin (no file): exit 0" 0 "$?"
t_eq "stdin: both runs loaded" "2" "$(sql "SELECT count(*) FROM events WHERE run_id LIKE 'stdin-%' AND event_type = 'merge'")"

# Empty input: nothing loaded, exit 0, a note.
before=$(counts)
load "$F/empty.jsonl"
t_eq "empty file: exit 0" 0 "$RC"
t_match "empty file: a note" "empty.jsonl: empty input, nothing loaded" "$ERR"
load "$F/blank.jsonl"
t_eq "blank lines only: exit 0" 0 "$RC"
load -q "$F/empty.jsonl"
t_eq "empty file, --quiet: no note" "" "$ERR"
load </dev/null
t_eq "empty stdin: exit 0" 0 "$RC"
t_match "empty stdin: a note" "<stdin>: empty input" "$ERR"
t_eq "empty input: database unchanged" "$before" "$(counts)"

# A UTF-8 byte order mark and CR LF line ends are accepted, in JSONL and in CSV.
load "$F/bom_crlf.jsonl"
t_eq "BOM and CR LF, jsonl: exit 0" 0 "$RC"
load --format csv --table agents "$F/bom_crlf.csv"
t_eq "BOM and CR LF, csv: exit 0" 0 "$RC"
t_eq "BOM and CR LF: ids without BOM or CR" "a,b" "$(sql "SELECT string_agg(agent_id, ',' ORDER BY agent_id) FROM agents WHERE run_id = 'bom'")"

# Several files, each its own transaction; a bad one stops the load, earlier ones stay.
load "$F/second.jsonl" "$F/bad_dup_run.jsonl" "$F/third.jsonl"
t_eq "several files: exit 1" 1 "$RC"
t_match "several files: the bad file is named" "bad_dup_run.jsonl:3: run \"r1\" is declared twice" "$ERR"
t_eq "several files: the first file stays loaded, the later one is not tried" "second" \
	"$(sql "SELECT string_agg(run_id, ',') FROM runs WHERE run_id IN ('second', 'third', 'r1')")"

# Connection options: a conninfo string in -d, and -h -p -U -d, without the PG* variables.
sed 's/"fwd"/"conninfo"/' "$F/forward_refs.jsonl" >"$TMP/conninfo.jsonl"
env -u PGDATABASE "$L" -d "dbname=$PGDATABASE application_name=loader_test" "$TMP/conninfo.jsonl"
t_eq "-d with a conninfo string: exit 0" 0 "$?"
sed 's/"fwd"/"options"/' "$F/forward_refs.jsonl" >"$TMP/options.jsonl"
env -u PGDATABASE -u PGHOST -u PGPORT -u PGUSER "$L" -h "${PGHOST:-/var/run/postgresql}" \
	-p "${PGPORT:-5432}" -U "${PGUSER:-$(id -un)}" -d "$PGDATABASE" "$TMP/options.jsonl"
t_eq "-h -p -U -d: exit 0" 0 "$?"
t_eq "connection options: both runs loaded" "2" "$(sql "SELECT count(*) FROM runs WHERE run_id IN ('conninfo', 'options')")"

# The extension in a schema of its own, whose name needs quoting: found by itself, or named.
other="${PGDATABASE}_schema"
createdb "$other"
psql -XAtq -d "$other" -c 'CREATE SCHEMA "My cc"; CREATE EXTENSION collcog SCHEMA "My cc"'
"$L" -d "$other" "$F/example.jsonl"
t_eq "extension schema found in pg_extension: exit 0" 0 "$?"
"$L" -d "$other" --schema 'My cc' "$F/forward_refs.jsonl"
t_eq "--schema that needs quoting: exit 0" 0 "$?"
t_eq "extension schema: rows in it" "2|10" \
	"$(psql -XAt -d "$other" -c 'SELECT count(*), (SELECT count(*) FROM "My cc".events) FROM "My cc".runs')"
dropdb "$other"

# --verbose reports what was loaded.
load -v "$F/third.jsonl"
t_match "--verbose: a summary" "third.jsonl: loaded 1 runs, 0 agents, 0 events, 0 messages" "$ERR"

# A line of 5 MB (within the default limit) loads; the limit can be lowered.
python3 - "$TMP/huge.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"record": "run", "run_id": "huge", "meta": {"blob": "x" * (5 << 20)}}) + "\n")
PY
load "$TMP/huge.jsonl"
t_eq "5 MB line: exit 0" 0 "$RC"
t_eq "5 MB line: stored whole" "$((5 << 20))" "$(sql "SELECT length(meta->>'blob') FROM runs WHERE run_id = 'huge'")"

# Small batches: every record flushed on its own gives the same result.
sed 's/"fwd"/"batched"/' "$F/forward_refs.jsonl" > "$TMP/batched.jsonl"
load --batch-bytes 1 "$TMP/batched.jsonl"
t_eq "--batch-bytes 1: exit 0" 0 "$RC"
t_eq "--batch-bytes 1: all rows" "1|1|3" "$(sql "SELECT (SELECT count(*) FROM runs WHERE run_id = 'batched'),
	(SELECT count(*) FROM agents WHERE run_id = 'batched'), (SELECT count(*) FROM events WHERE run_id = 'batched')")"

# --quarantine: good runs load; bad runs are absent and recorded with line and reason.
quarantine_check() {
	local label=$1; shift
	load --quarantine "$@" "$F/quarantine.jsonl"
	t_eq "$label: exit 0" 0 "$RC"
	t_match "$label: a warning per quarantined run" "quarantine.jsonl:5: run \"badtype\" quarantined: field \"step_id\" must be an integer" "$ERR"
	t_eq "$label: good runs loaded, bad runs absent" "good1|1|2|good2|1|1" \
		"$(sql "SELECT string_agg(format('%s|%s|%s', r.run_id,
		        (SELECT count(*) FROM agents a WHERE a.run_id = r.run_id),
		        (SELECT count(*) FROM events e WHERE e.run_id = r.run_id)
		          + (SELECT count(*) FROM messages m WHERE m.run_id = r.run_id)), '|' ORDER BY r.run_id)
		        FROM runs r WHERE run_id IN ('good1', 'good2', 'badtype', 'badref')")"
	t_eq "$label: the run already in the database is untouched" "4|9" \
		"$(sql "SELECT (SELECT count(*) FROM agents WHERE run_id = 'demo-1'), (SELECT count(*) FROM events WHERE run_id = 'demo-1')")"
	t_eq "$label: rejects with line and reason" \
		"badtype|5|field \"step_id\" must be an integer, not a string
badref|9|parent_claim_ids: claim \"c1\" is not created by any event of run \"badref\"
demo-1|11|duplicate key value violates unique constraint \"runs_pkey\": Key (run_id)=(demo-1) already exists." \
		"$(sql "SELECT run_id, line, reason FROM rejects WHERE source = '$F/quarantine.jsonl' ORDER BY line")"
	sql "DELETE FROM runs WHERE run_id IN ('good1', 'good2'); DELETE FROM rejects" >/dev/null
}
quarantine_check "--quarantine"
quarantine_check "--quarantine, one record per batch" --batch-bytes 1
"$L" --quarantine -q - <"$F/quarantine.jsonl"
t_eq "--quarantine from stdin: rejects name <stdin> and a line each (docs/tables/rejects.md)" \
	"<stdin>|5,9,11" "$(sql "SELECT source || '|' || string_agg(line::text, ',' ORDER BY line) FROM rejects GROUP BY source")"
sql "DELETE FROM runs WHERE run_id IN ('good1', 'good2'); DELETE FROM rejects" >/dev/null

before=$(counts)
load --quarantine "$F/quarantine_no_run.jsonl"
t_eq "--quarantine, a line without a run: exit 1" 1 "$RC"
t_match "--quarantine, a line without a run: message" "quarantine_no_run.jsonl:3: missing required field \"run_id\"" "$ERR"
load --quarantine "$F/quarantine_external.jsonl"
t_eq "--quarantine, a bad record for a run already loaded: exit 1" 1 "$RC"
t_match "--quarantine, a bad record for a run already loaded: message" \
	"quarantine_external.jsonl:2: .*claim_id.*cannot be quarantined" "$ERR"
t_eq "--quarantine failures: database unchanged" "$before" "$(counts)"

# CSV, one table per file, in dependency order.
for t in runs agents events messages; do
	load --format csv --table "$t" "$F/$t.csv"
	t_eq "csv $t: exit 0" 0 "$RC"
done
t_eq "csv runs: quoted commas, newlines, NULLs, booleans, jsonb" \
	'csv,2|"multi\nline"|NULL|NULL|f|NULL|NULL
csv-1|"gsm8k, hard"|chain|2|t|0.5|{"k": "v"}' \
	"$(sql "SELECT run_id, to_json(benchmark), coalesce(topology, 'NULL'), coalesce(n_agents::text, 'NULL'),
	        success, coalesce(score::text, 'NULL'), coalesce(meta::text, 'NULL')
	        FROM runs WHERE run_id LIKE 'csv%' ORDER BY run_id")"
t_eq "csv agents: quoted quotes" 'a|solver
b|the "critic"' "$(sql "SELECT agent_id, role FROM agents WHERE run_id = 'csv-1' ORDER BY agent_id")"
t_eq "csv events: arrays and jsonb" \
	'0|propose|{}|NULL|NULL
1|revise|{c1}|NULL|{"x": 1}
2|merge|{c1,"c,2"}|NULL|NULL
3|endorse|{}|c3|NULL' \
	"$(sql "SELECT step_id, event_type, parent_claim_ids, coalesce(target_claim_id, 'NULL'), coalesce(payload::text, 'NULL')
	        FROM events WHERE run_id = 'csv-1' ORDER BY step_id")"
t_eq "csv messages: weights" '0|{1,2.5}
1|{3}' "$(sql "SELECT t, weight FROM messages WHERE run_id = 'csv-1' ORDER BY t")"
load --format csv --table agents "$F/empty.jsonl"
t_eq "csv, empty input: exit 0" 0 "$RC"
load --format csv --table runs "$F/crlf_no_last_line_end.csv"
t_eq "csv, CR LF without a line end after the last record: exit 0" 0 "$RC"
t_eq "csv, CR LF without a line end after the last record: rows" "cl-1|a,cl-2|b" \
	"$(sql "SELECT string_agg(run_id || '|' || benchmark, ',' ORDER BY run_id) FROM runs WHERE run_id LIKE 'cl-%'")"

# A record \. is a value in CSV; COPY would take it for the end of its data and drop the
# rows after it. Inside a quoted field and quoted ("\.") COPY reads it as a value anyway.
load --format csv --table runs "$F/backslash_dot.csv"
t_eq "csv, a record \\.: exit 0" 0 "$RC"
t_eq "csv, a record \\.: every row loaded, \\. as a value" '\.|bd-1|bd-2' \
	"$(sql "SELECT string_agg(run_id, '|' ORDER BY run_id) FROM runs WHERE run_id IN ('bd-1', 'bd-2', '\\.')")"
sql "DELETE FROM runs WHERE run_id = '\\.'" >/dev/null
load --format csv --table runs "$F/backslash_dot_crlf.csv"
t_eq "csv, a record \\. in CR LF, no line end at the end: exit 0" 0 "$RC"
t_eq "csv, a record \\. in CR LF: every row loaded" '\.|bd-6|bd-7' \
	"$(sql "SELECT string_agg(run_id, '|' ORDER BY run_id) FROM runs WHERE run_id IN ('bd-6', 'bd-7', '\\.')")"
load --format csv --table runs "$F/backslash_dot_quoted.csv"
t_eq "csv, \\. quoted and inside a quoted field: exit 0" 0 "$RC"
t_eq "csv, \\. quoted and inside a quoted field: values" '"first\n\\.\nlast"|"\\."|"x"' \
	"$(sql "SELECT string_agg(to_json(benchmark)::text, '|' ORDER BY run_id) FROM runs WHERE run_id IN ('bd-3', 'bd-4', 'bd-5')")"

t_done
