#!/usr/bin/env bash
# collcog-load --format e3 on bad input: each case (a copy of the hand-written run fx-1 with
# one fault) exits 1 with "file:line: what is wrong" and leaves the database exactly as it
# was, a good run read before the fault included; with --quarantine the bad run is set aside
# in rejects with its file, line and reason and the others load.
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/loader_lib.sh"

E3=$REPO_ROOT/test/integration/fixtures/e3/tree
FX1=$E3/BENCH/star/n3/s7/t1
FX2=$E3/BENCH/chain/n2/s1/t2

# refused NAME REGEX PATH [OPTIONS...]: exit 1, stderr matches REGEX, database unchanged.
refused() {
	local name=$1 regex=$2 path=$3 before
	shift 3
	before=$(counts)
	load --format e3 "$@" "$path"
	t_eq "$name: exit 1" 1 "$RC"
	t_match "$name: message" "$regex" "$ERR"
	t_eq "$name: database unchanged" "$before" "$(counts)"
}
# case NAME: $TMP/NAME/r, a copy of fx-1 renamed bx-1 (fx-1 itself is loaded below); prints
# the folder.
case_dir() {
	rm -rf "${TMP:?}/$1"
	mkdir -p "$TMP/$1/r"
	local f
	for f in "$FX1"/*; do sed 's/"fx-1"/"bx-1"/g' "$f" >"$TMP/$1/r/$(basename "$f")"; done
	printf '%s' "$TMP/$1/r"
}
# edit FILE LINE SED: apply a sed expression to one line of a file.
edit() { sed -i "$2s$3" "$1"; }

# A database that is not empty, so that "unchanged" means something.
"$L" --format e3 -q "$E3"
t_eq "setup: the fixture tree loaded" "runs=2 agents=6 events=12 messages=0 rejects=0" "$(counts)"

# ---- folders and files --------------------------------------------------------------------
d=$(case_dir no_events); rm "$d/events.jsonl"
refused "a folder without events.jsonl (but a config)" "^$d: a run folder without events.jsonl" "$TMP/no_events"
mkdir -p "$TMP/nothing/a/b"
refused "a tree without any events.jsonl" "^$TMP/nothing: no events.jsonl in this folder or below it" "$TMP/nothing"
refused "a path that does not exist" "^$TMP/absent: cannot open: No such file or directory" "$TMP/absent"
d=$(case_dir empty_events); : >"$d/events.jsonl"
refused "an empty events.jsonl" "^$d/events.jsonl: holds no events" "$d"
d=$(case_dir blank_events); printf '\n  \n' >"$d/events.jsonl"; rm "$d/run_config.json"
refused "only blank lines and no config" "^$d/events.jsonl: holds no events" "$d"

# ---- lines --------------------------------------------------------------------------------
d=$(case_dir truncated); python3 - "$d/events.jsonl" <<'PY'
import sys
p = sys.argv[1]
data = open(p, 'rb').read()
open(p, 'wb').write(data[:len(data) - 120])        # cut inside the last line, no newline
PY
refused "a truncated last line" "^$d/events.jsonl:11: invalid JSON at column [0-9]+: " "$d"
d=$(case_dir not_json); edit "$d/events.jsonl" 3 '/.*/this is not JSON/'
refused "a line that is not JSON" "^$d/events.jsonl:3: invalid JSON at column 1: '\{' expected, not 't'" "$d"
d=$(case_dir array_line); edit "$d/events.jsonl" 3 '/.*/[1, 2]/'
refused "a line that is an array" "^$d/events.jsonl:3: invalid JSON at column 1: a record must be a JSON object" "$d"
d=$(case_dir bad_first_line); edit "$d/events.jsonl" 1 '/^{/{{/'
refused "a bad first line (the run named by its config)" "^$d/events.jsonl:1: invalid JSON at column 2: a key" "$d"
d=$(case_dir dup_key); edit "$d/events.jsonl" 4 '/"agent_id": "a1",/"agent_id": "a1", "agent_id": "a2",/'
refused "a key given twice" "^$d/events.jsonl:4: invalid JSON: key \"agent_id\" is given twice in an object" "$d"
d=$(case_dir nul); edit "$d/events.jsonl" 4 '/"lead"/"le\\u0000ad"/'
refused "an escaped NUL" "^$d/events.jsonl:4: invalid JSON at column [0-9]+: \\\\u0000 is not allowed in a string" "$d"
d=$(case_dir utf8); edit "$d/events.jsonl" 4 '/"lead"/"le\xffad"/'
refused "invalid UTF-8" "^$d/events.jsonl:4: invalid JSON at column [0-9]+: invalid UTF-8 \(byte 0xff\)" "$d"
d=$(case_dir long_line)
refused "a line over --max-line-bytes" "^$d/events.jsonl:1: line is longer than 100 bytes" "$d" --max-line-bytes 100

# ---- fields and events --------------------------------------------------------------------
d=$(case_dir unknown_type); edit "$d/events.jsonl" 4 '/"revise_claim"/"approve_claim"/'
refused "an unknown event type" "^$d/events.jsonl:4: unknown event type \"approve_claim\" \(expected propose_claim" "$d"
d=$(case_dir no_step); edit "$d/events.jsonl" 2 '/"step_id": 2, //'
refused "a missing step_id" "^$d/events.jsonl:2: missing required field \"step_id\"" "$d"
d=$(case_dir step_text); edit "$d/events.jsonl" 2 '/"step_id": 2/"step_id": "2"/'
refused "a step_id that is a string" "^$d/events.jsonl:2: field \"step_id\" must be an integer, not a string" "$d"
d=$(case_dir no_agent); edit "$d/events.jsonl" 5 '/"agent_id": "a0", //'
refused "a missing agent_id" "^$d/events.jsonl:5: missing required field \"agent_id\"" "$d"
d=$(case_dir other_run); edit "$d/events.jsonl" 5 '/"bx-1"/"bx-9"/'
refused "a run_id that differs inside one file" \
	"^$d/events.jsonl:5: run_id \"bx-9\" differs from the run's, \"bx-1\" \(one events.jsonl holds one run\)" "$d"
d=$(case_dir twice); edit "$d/events.jsonl" 8 '/"claim_id": "c2"/"claim_id": "c1"/'
refused "a claim created twice" "^$d/events.jsonl:8: claim \"c1\" of run \"bx-1\" is given twice \(first at line 1\)" "$d"
d=$(case_dir revise_two); edit "$d/events.jsonl" 4 '/\["ghost"\]/["c1", "e1"]/'
refused "a revise that logs two parents" "^$d/events.jsonl:4: a revise event needs exactly one parent claim" "$d"
d=$(case_dir endorse_nowhere); edit "$d/events.jsonl" 3 '/"claim_id": "c1", "parent_claim_ids": \["c1"\], //'
edit "$d/events.jsonl" 3 '/"endorsed_claim_id": "c1"/"endorsed_claim_id": "c9"/'
refused "an endorsement of a claim no earlier event created" \
	"^$d/events.jsonl:3: the endorsed claim \"c9\" is not created by an earlier event of the run" "$d"
d=$(case_dir reserved); edit "$d/events.jsonl" 2 '/"support_type"/"collcog": 1, "support_type"/'
refused "the reserved field collcog" "^$d/events.jsonl:2: field \"collcog\" is reserved" "$d"
d=$(case_dir bad_ts); edit "$d/events.jsonl" 6 '/1700000004/1e20/'
refused "a timestamp out of range" "^$d/events.jsonl:6: field \"timestamp\" is out of range" "$d"
d=$(case_dir bad_ts_text); edit "$d/events.jsonl" 6 '/1700000004/"yesterday"/'
refused "a timestamp that is neither" "^$d/events.jsonl:6: field \"timestamp\" is neither Unix seconds nor an RFC 3339 timestamp: \"yesterday\"" "$d"
d=$(case_dir depth); edit "$d/events.jsonl" 4 '/"claim_depth": 1/"claim_depth": -1/'
refused "a negative claim_depth" "^$d/events.jsonl:4: field \"claim_depth\" must be between 0 and 2147483647, not -1" "$d"
d=$(case_dir long_id); edit "$d/events.jsonl" 4 "/\"r1\"/\"$(printf 'r%.0s' {1..300})\"/"
refused "a claim id over 256 bytes" "^$d/events.jsonl:4: field \"claim_id\" is longer than 256 bytes" "$d"

# ---- the config and the metadata ----------------------------------------------------------
d=$(case_dir topology); sed -i 's/"topology": "star"/"topology": "chain"/' "$d/run_config.json"
refused "a config that contradicts the events" \
	"^$d/events.jsonl:1: field \"topology\" is \"star\", but the run's topology is \"chain\" \(run_config.json\)" "$d"
d=$(case_dir later_field); edit "$d/events.jsonl" 7 '/"num_agents": 3/"num_agents": 4/'
refused "an event that contradicts the config later" \
	"^$d/events.jsonl:7: field \"num_agents\" is 4, but the run's num_agents is 3 \(run_config.json\)" "$d"
d=$(case_dir no_config_drift); rm "$d/run_config.json"; edit "$d/events.jsonl" 9 '/"benchmark": "BENCH"/"benchmark": "OTHER"/'
refused "without a config, an event that contradicts the first" \
	"^$d/events.jsonl:9: field \"benchmark\" is \"OTHER\", but the run's benchmark is \"BENCH\" \(its first event\)" "$d"
d=$(case_dir config_run); sed -i 's/"bx-1"/"bx-0"/' "$d/run_config.json"
refused "a config for another run" \
	"^$d/events.jsonl:1: run_config.json gives run_id \"bx-0\", but its events.jsonl is run \"bx-1\"" "$d"
d=$(case_dir metadata_run); sed -i 's/"bx-1"/"bx-0"/' "$d/run_metadata.json"
refused "metadata for another run" "^$d/events.jsonl:1: run_metadata.json gives run_id \"bx-0\"" "$d"
d=$(case_dir config_json); sed -i 's/"seed": 7,/"seed": 7,,/' "$d/run_config.json"
refused "a config that is not JSON" "^$d/run_config.json:10: invalid JSON at column [0-9]+: " "$d"
d=$(case_dir config_type); sed -i 's/"num_agents": 3/"num_agents": "three"/' "$d/run_config.json"
refused "a config field of the wrong type" \
	"^$d/events.jsonl:1: field \"num_agents\" of run_config.json must be an integer between 1 and 2147483647" "$d"
d=$(case_dir metadata_type); sed -i 's/"task_success": true/"task_success": "yes"/' "$d/run_metadata.json"
refused "metadata of the wrong type" \
	"^$d/events.jsonl:1: field \"task_success\" of run_metadata.json must be true, false or null" "$d"

# ---- runs -----------------------------------------------------------------------------------
case_dir same_run >/dev/null; mkdir -p "$TMP/same_run/s"; cp "$TMP/same_run/r"/* "$TMP/same_run/s/"
refused "the same run in two folders" "^$TMP/same_run/s/events.jsonl:1: run \"bx-1\" is also in $TMP/same_run/r/events.jsonl" "$TMP/same_run"
# A good run met first, the fault after it: the good run is not loaded either.
mkdir -p "$TMP/half/a_good" "$TMP/half/b_bad"
sed 's/"fx-2"/"gx-2"/' "$FX2/events.jsonl" >"$TMP/half/a_good/events.jsonl"
d=$(case_dir bad_for_half); edit "$d/events.jsonl" 4 '/"revise_claim"/"approve_claim"/'
cp "$d"/* "$TMP/half/b_bad/"
refused "nothing of a PATH is half-loaded" "^$TMP/half/b_bad/events.jsonl:4: unknown event type" "$TMP/half"

# ---- quarantine -------------------------------------------------------------------------------
before=$(counts)
load --format e3 --quarantine "$TMP/half"
t_eq "quarantine: exit 0" 0 "$RC"
t_eq "quarantine: the warning" \
	"$TMP/half/b_bad/events.jsonl:4: run \"bx-1\" quarantined: unknown event type \"approve_claim\" (expected propose_claim, revise_claim, contradict_claim, merge_claims, delegate_subtask or endorse_claim)" "$ERR"
t_eq "quarantine: the good run loaded, nothing of the bad one" "gx-2" \
	"$(sql "SELECT string_agg(run_id, ',') FROM runs WHERE run_id NOT IN ('fx-1', 'fx-2')")"
t_eq "quarantine: rejects has the run, file, line and reason" \
	"bx-1|$TMP/half/b_bad/events.jsonl|4|unknown event type \"approve_claim\" (expected propose_claim, revise_claim, contradict_claim, merge_claims, delegate_subtask or endorse_claim)" \
	"$(sql "SELECT run_id, source, line, reason FROM rejects")"
sql "DELETE FROM rejects; DELETE FROM runs WHERE run_id = 'gx-2'" >/dev/null
t_eq "quarantine: cleaned up" "$before" "$(counts)"
d=$(case_dir q_config); sed -i 's/"seed": 7,/"seed": 7,,/' "$d/run_config.json"
load --format e3 --quarantine "$d"
t_eq "quarantine of a bad config: exit 0, the run in rejects at the config's line" \
	"0 bx-1|$d/run_config.json|10" "$RC $(sql "SELECT run_id, source, line FROM rejects")"
sql "DELETE FROM rejects" >/dev/null
d=$(case_dir q_late); edit "$d/events.jsonl" 11 '/"merge_claims"/"approve_claim"/'
load --format e3 --quarantine --batch-bytes 1k "$d"
t_eq "quarantine after rows were sent: exit 0, none of the run's rows stay" "0 ${before%rejects=0}rejects=1" "$RC $(counts)"
t_eq "quarantine after rows were sent: one reject" "bx-1|11" "$(sql "SELECT run_id, line FROM rejects")"
sql "DELETE FROM rejects" >/dev/null
d=$(case_dir q_anonymous); rm "$d/run_config.json" "$d/run_metadata.json"; edit "$d/events.jsonl" 1 '/^{/{{/'
refused "quarantine without a run id (a bad first line, no config): refused" \
	"^$d/events.jsonl:1: invalid JSON" "$d" --quarantine

t_done
