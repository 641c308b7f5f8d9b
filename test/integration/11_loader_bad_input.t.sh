#!/usr/bin/env bash
# collcog-load on bad input: every case exits non-zero with "file:line: what is wrong" on
# stderr and leaves the database exactly as it was (row counts of every table compared).
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/loader_lib.sh"

# refused NAME EXIT REGEX LOADER-ARGS...: the loader exits EXIT, stderr matches REGEX, and
# the database is unchanged.
refused() {
	local name=$1 code=$2 regex=$3 before
	shift 3
	before=$(counts)
	load "$@"
	t_eq "$name: exit $code" "$code" "$RC"
	t_match "$name: message" "$regex" "$ERR"
	t_eq "$name: database unchanged" "$before" "$(counts)"
}

# A database that is not empty, so that "unchanged" means something.
"$L" "$F/example.jsonl"
"$L" --format csv --table runs "$F/runs.csv" && "$L" --format csv --table agents "$F/agents.csv"
t_eq "setup: example and csv-1 loaded" "runs=3 agents=5 events=7 messages=3 rejects=0" "$(counts)"

# Each bad_*.jsonl fixture has a run and an agent on lines 1-2 and the fault on line 3 or 4:
# those first rows must be rolled back too.
refused "malformed JSON" 1 'bad_malformed.jsonl:3: invalid JSON at column [0-9]+: .*end of the line' "$F/bad_malformed.jsonl"
refused "not an object" 1 'bad_not_object.jsonl:3: a record must be a JSON object, not an array' "$F/bad_not_object.jsonl"
refused "missing required field" 1 'bad_missing_field.jsonl:3: missing required field "step_id"' "$F/bad_missing_field.jsonl"
refused "required field null" 1 'bad_null_required.jsonl:3: required field "agent_id" is null' "$F/bad_null_required.jsonl"
refused "null element in parent_claim_ids" 1 'bad_null_parent.jsonl:3: element 2 of "parent_claim_ids" must be a string or an integer, not null' "$F/bad_null_parent.jsonl"
refused "null element in weight" 1 'bad_null_weight.jsonl:3: element 2 of "weight" must be a number, not null' "$F/bad_null_weight.jsonl"
refused "a line that is null" 1 'bad_null_line.jsonl:3: invalid JSON' "$F/bad_null_line.jsonl"
refused "record type null" 1 'bad_null_record.jsonl:3: field "record" must be a string, not null' "$F/bad_null_record.jsonl"
refused "unknown event type" 1 'bad_unknown_type.jsonl:3: unknown event type "approve"' "$F/bad_unknown_type.jsonl"
refused "unknown field (a typo)" 1 'bad_unknown_field.jsonl:3: unknown field "parent_claims" in an event record' "$F/bad_unknown_field.jsonl"
refused "wrong type" 1 'bad_wrong_type.jsonl:3: field "step_id" must be an integer, not a string' "$F/bad_wrong_type.jsonl"
refused "duplicate key in an object" 1 'bad_dup_key.jsonl:3: invalid JSON.*duplicate object key' "$F/bad_dup_key.jsonl"
refused "agent that points nowhere" 1 'bad_agent_ref.jsonl:3: agent_id: agent "a9" is not declared in run "r1"' "$F/bad_agent_ref.jsonl"
refused "run that points nowhere" 1 'bad_run_ref.jsonl:3: run "r9" is not declared .* not in the database' "$F/bad_run_ref.jsonl"
refused "parent claim that points nowhere" 1 'bad_claim_ref.jsonl:3: parent_claim_ids: claim "c1" is not created by any event of run "r1"' "$F/bad_claim_ref.jsonl"
refused "cycle of claims" 1 'bad_cycle.jsonl:3: parent_claim_ids: claim "c2" is created at step_id 1, not before this event.s step_id 0' "$F/bad_cycle.jsonl"
refused "target created at a later step" 1 'bad_target_later.jsonl:4: target_claim_id: claim "c1" is created at step_id 5, not before this event.s step_id 2' "$F/bad_target_later.jsonl"
refused "duplicate run" 1 'bad_dup_run.jsonl:3: run "r1" is declared twice \(first at line 1\)' "$F/bad_dup_run.jsonl"
refused "duplicate agent" 1 'bad_dup_agent.jsonl:3: agent "a1" of run "r1" is given twice \(first at line 2\)' "$F/bad_dup_agent.jsonl"
refused "duplicate step" 1 'bad_dup_step.jsonl:4: step_id 0 of run "r1" is given twice \(first at line 3\)' "$F/bad_dup_step.jsonl"
refused "duplicate claim" 1 'bad_dup_claim.jsonl:4: claim "c1" of run "r1" is given twice \(first at line 3\)' "$F/bad_dup_claim.jsonl"
refused "parent listed twice" 1 'bad_dup_parent.jsonl:3: "parent_claim_ids" lists claim "c1" twice' "$F/bad_dup_parent.jsonl"
refused "parent listed twice among 41" 1 'bad_dup_parent_many.jsonl:3: "parent_claim_ids" lists claim "p7" twice' "$F/bad_dup_parent_many.jsonl"
refused "merge with one parent" 1 'bad_merge_one_parent.jsonl:3: a merge event needs at least two parent claims' "$F/bad_merge_one_parent.jsonl"
refused "parents of an endorsement without a claim" 1 'bad_endorse_parents.jsonl:4: endorse events without a "claim_id" create no claim, so they have no parents' "$F/bad_endorse_parents.jsonl"
refused "impossible date" 1 'bad_timestamp.jsonl:3: field "ts" is not an RFC 3339 timestamp' "$F/bad_timestamp.jsonl"
refused "integer too big for 64 bits in a payload" 1 'bad_big_integer.jsonl:3: invalid JSON at column [0-9]+: too big integer' "$F/bad_big_integer.jsonl"
refused "number too big for a double" 1 'bad_big_real.jsonl:3: invalid JSON at column [0-9]+: real number overflow' "$F/bad_big_real.jsonl"
refused "negative weight" 1 'bad_negative_weight.jsonl:3: element 2 of "weight" must be >= 0' "$F/bad_negative_weight.jsonl"
refused "id longer than 256 bytes" 1 'bad_long_id.jsonl:3: field "agent_id" is longer than 256 bytes' "$F/bad_long_id.jsonl"
refused "empty id" 1 'bad_empty_id.jsonl:3: field "agent_id" is an empty string' "$F/bad_empty_id.jsonl"
refused "invalid UTF-8" 1 'bad_invalid_utf8.jsonl:3: invalid UTF-8 at column [0-9]+' "$F/bad_invalid_utf8.jsonl"
refused "escaped NUL in a string" 1 'bad_nul.jsonl:3: invalid JSON at column [0-9]+: \\u0000 is not allowed' "$F/bad_nul.jsonl"
refused "raw NUL byte" 1 'bad_nul_byte.jsonl:3: the line holds a NUL byte at byte 20' "$F/bad_nul_byte.jsonl"
refused "nesting 5000 deep" 1 'bad_deep.jsonl:3: invalid JSON.*maximum parsing depth' "$F/bad_deep.jsonl"
refused "binary garbage" 1 'bad_binary.jsonl:1: invalid (JSON|UTF-8)' "$F/bad_binary.jsonl"
refused "a bad file on stdin" 1 '^<stdin>:3: unknown event type' - <"$F/bad_unknown_type.jsonl"

# Errors the server finds are mapped back to the line: a step already in the database.
refused "server error mapped to its line" 1 \
	'append_dup_step.jsonl:3: duplicate key value violates unique constraint "events_pkey": Key \(run_id, step_id\)=\(demo-1, 3\) already exists' \
	"$F/append_dup_step.jsonl"
refused "server error mapped to its line, one record per batch" 1 \
	'append_dup_step.jsonl:3: duplicate key value violates unique constraint "events_pkey"' \
	--batch-bytes 1 "$F/append_dup_step.jsonl"
refused "agent not in the database" 1 'append_unknown_agent.jsonl:1: agent_id: agent "nobody" does not exist in run "demo-1"' \
	"$F/append_unknown_agent.jsonl"
refused "run already in the database" 1 'example.jsonl:1: duplicate key value violates unique constraint "runs_pkey"' "$F/example.jsonl"

# Huge lines: over the limit is an error that names the limit; the line is not read whole.
python3 -c 'print("{\"record\": \"run\", \"run_id\": \"big\", \"benchmark\": \"" + "y" * (2 << 20) + "\"}")' >"$TMP/long.jsonl"
refused "line over --max-line-bytes" 1 'long.jsonl:1: line is longer than 1048576 bytes \(see --max-line-bytes\)' \
	--max-line-bytes 1M "$TMP/long.jsonl"
head -c $((3 << 20)) /dev/zero | tr '\0' 'z' >"$TMP/no_newline.jsonl"
refused "3 MB without a newline" 1 'no_newline.jsonl:1: line is longer than 1048576 bytes' --max-line-bytes 1M "$TMP/no_newline.jsonl"

# Random bytes and truncated lines: errors, never a crash.
for seed in 1 2 3 4 5; do
	python3 -c "import random,sys; random.seed($seed); sys.stdout.buffer.write(bytes(random.getrandbits(8) for _ in range(20000)))" >"$TMP/random.bin"
	load "$TMP/random.bin"
	t_eq "random bytes (seed $seed): exit 1, no crash" 1 "$RC"
done
head -c 150 "$F/example.jsonl" >"$TMP/truncated.jsonl"
refused "a file cut mid-line" 1 'truncated.jsonl:1: invalid JSON' "$TMP/truncated.jsonl"
refused "a file that cannot be opened" 1 'no/such/file.jsonl: cannot open' "no/such/file.jsonl"

# Usage and connection errors.
refused "unknown option" 2 'unrecognized option|invalid option' --frobnicate
refused "csv without --table" 2 '--format=csv needs --table' --format csv "$F/runs.csv"
refused "--quarantine with csv" 2 '--quarantine applies to --format=jsonl only' --format csv --table runs --quarantine "$F/runs.csv"
refused "bad --max-line-bytes" 2 'invalid --max-line-bytes' --max-line-bytes 12X "$F/example.jsonl"
refused "unknown table" 2 'unknown table "claims"' --format csv --table claims "$F/runs.csv"
refused "no such database" 3 'collcog-load: .*no_such_database' -d no_such_database_collcog "$F/example.jsonl"
refused "no such schema" 3 'collcog-load: schema "no.{1,2}such" does not exist' --schema 'no"such' "$F/example.jsonl"

# --schema and the exit codes of docs/collcog-load.md (0: 10_loader, "My cc"). A schema that
# cannot take the load is exit 3 before any input is read, whatever the input holds.
sql "SET client_min_messages = warning;
     CREATE SCHEMA loader_empty;
     CREATE SCHEMA loader_four;
     CREATE TABLE loader_four.runs (LIKE runs INCLUDING ALL);
     CREATE TABLE loader_four.agents (LIKE agents INCLUDING ALL);
     CREATE TABLE loader_four.events (LIKE events INCLUDING ALL);
     CREATE TABLE loader_four.messages (LIKE messages INCLUDING ALL);
     DROP ROLE IF EXISTS collcog_it_loader_nousage;
     CREATE ROLE collcog_it_loader_nousage"
no_tables='collcog-load: schema "loader_empty" lacks tables the load writes to'
refused "--schema without the tables, jsonl" 3 "$no_tables: runs, agents, events, messages" --schema loader_empty "$F/example.jsonl"
refused "--schema without the tables, jsonl appending to a run" 3 "$no_tables" --schema loader_empty "$F/append.jsonl"
refused "--schema without the tables, csv" 3 "$no_tables: runs \\(" --schema loader_empty --format csv --table runs "$F/runs.csv"
refused "--schema without the tables, empty input" 3 "$no_tables" --schema loader_empty "$F/empty.jsonl"
refused "--schema without rejects, --quarantine" 3 'schema "loader_four" lacks tables the load writes to: rejects' \
	--schema loader_four --quarantine "$F/third.jsonl"
refused "--schema not usable by the user" 3 'collcog-load: permission denied for schema "loader_four"' \
	-d "dbname=$PGDATABASE options='-c role=collcog_it_loader_nousage'" --schema loader_four --format csv --table runs "$F/runs.csv"
refused "--schema, a bad input" 1 'bad_unknown_type.jsonl:3: unknown event type' --schema public "$F/bad_unknown_type.jsonl"
refused "--schema without a value" 2 "option '--schema' requires an argument" "$F/example.jsonl" --schema
t_eq "--schema: nothing written to the other schemas" "0" \
	"$(sql "SELECT (SELECT count(*) FROM loader_four.runs) + (SELECT count(*) FROM loader_four.agents)")"
sql "DROP ROLE collcog_it_loader_nousage" >/dev/null
createdb "${PGDATABASE}_noext"
refused "extension not installed" 3 'extension "collcog" is not installed' -d "${PGDATABASE}_noext" "$F/example.jsonl"
dropdb "${PGDATABASE}_noext"

# CSV: errors name the line where the failing record starts (the header is line 1; a quoted
# field may hold newlines, which COPY counts only when they match the file's line end).
refused "csv unknown column" 1 'bad_header.csv:1: unknown column "colour" in the header' --format csv --table agents "$F/bad_header.csv"
refused "csv missing required column" 1 'bad_header_missing.csv:1: the header lacks the required column "agent_id"' --format csv --table agents "$F/bad_header_missing.csv"
refused "csv bad enum value" 1 'bad_enum.csv:4: invalid input value for enum .*event_type: "approve"' --format csv --table events "$F/bad_enum.csv"
refused "csv invalid UTF-8" 1 'bad_utf8.csv:2: invalid byte sequence for encoding "UTF8"' --format csv --table agents "$F/bad_utf8.csv"
refused "csv duplicate key" 1 'bad_dup.csv:2: duplicate key value violates unique constraint "agents_pkey"' --format csv --table agents "$F/bad_dup.csv"
refused "csv id pointing nowhere" 1 'bad_fk.csv:2: insert or update on table "agents" violates foreign key constraint .*\(run_id\)=\(nope\)' --format csv --table agents "$F/bad_fk.csv"
refused "csv foreign key, the first missing key after multi-line records" 1 \
	'bad_fk_events.csv:6: insert or update on table "events" violates foreign key constraint "events_run_id_agent_id_fkey"' \
	--format csv --table events "$F/bad_fk_events.csv"
refused "csv second foreign key of a table" 1 \
	'bad_fk_target.csv:4: .*foreign key constraint "messages_run_id_target_fkey".*\(csv-1, nobody\)' \
	--format csv --table messages "$F/bad_fk_target.csv"
refused "csv check in a record on lines 4-6" 1 'bad_check_multiline.csv:4: new row for relation "runs" violates check constraint "runs_n_agents_check"' \
	--format csv --table runs "$F/bad_check_multiline.csv"
refused "csv check after a lone LF inside quotes in a CR LF file" 1 'bad_check_crlf.csv:4: .*violates check constraint "runs_n_agents_check"' \
	--format csv --table runs "$F/bad_check_crlf.csv"
refused "csv quoted field never closed" 1 'bad_unterminated.csv:2: unterminated CSV quoted field' \
	--format csv --table runs "$F/bad_unterminated.csv"
# A record \. is data, not the end of the data: here one field short, so the file fails
# (COPY would have stopped there, loaded line 2 and dropped line 4).
refused "csv record \\. in a table of two columns" 1 'bad_backslash_dot.csv:3: missing data for column "agent_id"' \
	--format csv --table agents "$F/bad_backslash_dot.csv"
{ echo run_id,benchmark; cat "$TMP/long.jsonl"; } >"$TMP/long.csv"
refused "csv line over the limit" 1 'long.csv:2: line is longer than 1048576 bytes' --format csv --table runs --max-line-bytes 1M "$TMP/long.csv"
refused "csv binary garbage" 1 'random.bin:1: ' --format csv --table runs "$TMP/random.bin"

t_done
