# The Who&When importer: all 184 real runs convert, load, and match counts that this test
# computes on its own from the raw JSON with jq (never by running the importer's logic again).
# Needs ../shared/data/real_traces/who_and_when (skipped when absent, failed when CI=true).
source "$(dirname "$0")/lib.sh"

t_need_data 'real_traces/who_and_when'
WW=$COLLCOG_DATA/real_traces/who_and_when

if ! command -v jq >/dev/null 2>&1; then
	t_fail "jq is installed (the test computes its expected counts with it)"
	t_done
fi
for tool in "$COLLCOG_WHOWHEN" "$COLLCOG_LOAD"; do
	if [ ! -x "$tool" ]; then
		t_fail "$tool is built"
		t_done
	fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- import and load -----------------------------------------------------------------
t_true "collcog-whowhen converts the whole folder" "$COLLCOG_WHOWHEN" -o "$tmp/all.jsonl" "$WW"
load_all() { "$COLLCOG_LOAD" -q - <"$tmp/all.jsonl"; }
t_true "collcog-load - loads the converted runs from stdin" load_all
"$COLLCOG_WHOWHEN" "$WW" >"$tmp/again.jsonl" 2>/dev/null
t_eq "output is deterministic (stdout equals -o FILE, byte for byte)" \
	"$(md5sum <"$tmp/all.jsonl")" "$(md5sum <"$tmp/again.jsonl")"

# ---- what the raw files say, computed independently with jq ----------------------------
# One JSON line per run: the run key, the steps that must become events (every message but
# the Hand-Crafted "human" request, the Magentic-One "Next speaker" scheduling notes and the
# CaptainAgent terminal's "no code to execute" notices), their speakers, the recorded
# delegations, the team, the character counts and the annotation.
jq -c '
	def stem: input_filename | capture("(?<s>[^/]+)\\.json$").s;
	def kept: .history | to_entries
		| map(select(.value.name != "Computer_terminal" or (.value.content | startswith("exitcode: "))));
	{run_id: ("AG/" + stem), subset: "Algorithm-Generated",
	 n_msgs: (.history | length),
	 steps: [kept[] | .key],
	 speakers: [kept[] | .value.name],
	 chars: ([kept[] | .value.content | length] | add),
	 delegates: [0],
	 agents: (((.system_prompt // {}) | keys) + [.history[].name] | unique),
	 exit0: [.history[] | select(.name == "Computer_terminal") | .content
			 | select(test("^exitcode: 0\\b"))] | length,
	 exit_failed: [.history[] | select(.name == "Computer_terminal") | .content
			 | select(test("^exitcode: [1-9][0-9]*\\b"))] | length,
	 new_plans: 0,
	 mistake_agent, mistake_step: (.mistake_step | tonumber), mistake_reason,
	 question_ID, level: (.level | if . == null then null else tostring end),
	 is_correct: (.is_correct | tostring)}' "$WW"/Algorithm-Generated/*.json >"$tmp/expect.jsonl"
jq -c '
	def stem: input_filename | capture("(?<s>[^/]+)\\.json$").s;
	def speaker: .role | sub(" \\(.*\\)$"; "");
	def kept: .history | to_entries
		| map(select(.value.role != "human"
					 and ((.value.role == "Orchestrator (thought)"
						   and (.value.content | startswith("Next speaker"))) | not)));
	def delegations: .history | to_entries
		| map(select(.value.role | test("^Orchestrator \\(-> .+\\)$")));
	def team: [.history[] | select(.content | startswith("Initial plan:")) | .content
		| split("assembled the following team:")[1] // "" | sub("^\n+"; "") | split("\n\n")[0]
		| split("\n")[] | capture("^(?<n>[A-Za-z0-9_]+): ").n];
	{run_id: ("HC/" + stem), subset: "Hand-Crafted",
	 n_msgs: (.history | length),
	 steps: [kept[] | .key],
	 speakers: [kept[] | .value | speaker],
	 chars: ([kept[] | .value.content | length] | add),
	 delegates: [delegations[] | .key],
	 assignees: [delegations[] | .value.role | capture("-> (?<a>.+)\\)$").a],
	 agents: (["Orchestrator"] + [.history[] | select(.role != "human") | speaker]
			  + [delegations[] | .value.role | capture("-> (?<a>.+)\\)$").a] + team | unique),
	 exit0: 0, exit_failed: 0,
	 new_plans: [.history[] | select(.role == "Orchestrator (thought)"
									 and (.content | startswith("New plan:")))] | length,
	 mistake_agent, mistake_step: (.mistake_step | tonumber), mistake_reason,
	 question_ID, level: (.level | if . == null then null else tostring end),
	 is_correct: (.is_corrected | tostring)}' "$WW"/Hand-Crafted/*.json >>"$tmp/expect.jsonl"

t_eq "jq read 184 runs" 184 "$(wc -l <"$tmp/expect.jsonl" | tr -d ' ')"
t_eq "jq: messages per subset (README: 1099 and 2993)" "1099 2993" \
	"$(jq -s '[map(select(.subset == "Algorithm-Generated")), map(select(.subset == "Hand-Crafted"))]
			  | map(map(.n_msgs) | add) | join(" ")' -r "$tmp/expect.jsonl")"

# The expectations go into a table so that SQL can compare them run by run.
sql "CREATE TABLE ww_expect (j jsonb)"
psql -XAtq -v ON_ERROR_STOP=1 \
	-c "\\copy ww_expect FROM '$tmp/expect.jsonl' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
sql "CREATE VIEW ww_actual AS
	 SELECT r.run_id, r.task_family,
	        (SELECT coalesce(jsonb_agg(e.step_id ORDER BY e.step_id), '[]') FROM events e
	          WHERE e.run_id = r.run_id) AS steps,
	        (SELECT coalesce(jsonb_agg(e.agent_id ORDER BY e.step_id), '[]') FROM events e
	          WHERE e.run_id = r.run_id) AS speakers,
	        (SELECT coalesce(sum(e.message_length), 0) FROM events e WHERE e.run_id = r.run_id) AS chars,
	        (SELECT coalesce(jsonb_agg(e.step_id ORDER BY e.step_id), '[]') FROM events e
	          WHERE e.run_id = r.run_id AND e.event_type = 'delegate') AS delegates,
	        (SELECT coalesce(jsonb_agg(e.payload->>'assignee' ORDER BY e.step_id), '[]') FROM events e
	          WHERE e.run_id = r.run_id AND e.event_type = 'delegate') AS assignees,
	        (SELECT jsonb_agg(a.agent_id ORDER BY a.agent_id COLLATE \"C\") FROM agents a
	          WHERE a.run_id = r.run_id) AS agents,
	        (SELECT count(*) FROM events e WHERE e.run_id = r.run_id
	            AND (e.payload->>'exitcode')::int = 0) AS exit0,
	        (SELECT count(*) FROM events e WHERE e.run_id = r.run_id
	            AND (e.payload->>'exitcode')::int <> 0) AS exit_failed,
	        (SELECT count(*) FROM events e WHERE e.run_id = r.run_id
	            AND e.event_type = 'revise' AND e.payload->>'kind' = 'plan') AS new_plans,
	        r.n_agents, r.success, r.meta
	   FROM runs r"

# mismatches NAME CONDITION: the runs (at most 5) where CONDITION on x (expected, jsonb) and
# a (ww_actual) fails; empty when all 184 agree.
mismatches() {
	sql "SELECT string_agg(run_id, ' ') FROM (
	       SELECT a.run_id FROM ww_expect x JOIN ww_actual a ON a.run_id = x.j->>'run_id'
	        WHERE NOT ($1) ORDER BY a.run_id LIMIT 5) m"
}
check_all() { t_eq "$1 (all 184 runs)" "" "$(mismatches "$2")"; }

# ---- runs ------------------------------------------------------------------------------
t_eq "runs loaded per subset" "Algorithm-Generated 126,Hand-Crafted 58" \
	"$(sql "SELECT string_agg(task_family || ' ' || n, ',' ORDER BY task_family)
	        FROM (SELECT task_family, count(*) n FROM runs GROUP BY 1) s")"
t_eq "every expected run is loaded under its subset/stem key" 184 \
	"$(sql "SELECT count(*) FROM ww_expect x JOIN runs r ON r.run_id = x.j->>'run_id'
	         AND r.task_family = x.j->>'subset'")"
t_eq "run_ids follow the AG/N, HC/N pattern" 0 \
	"$(sql "SELECT count(*) FROM runs WHERE run_id !~ '^(AG|HC)/[0-9]+$'")"
t_eq "runs come out sorted by subset, then numeric stem" \
	"$(jq -r '.run_id' "$tmp/expect.jsonl" | sort -t/ -k1,1 -k2,2n | md5sum)" \
	"$(jq -r 'select(.record == "run") | .run_id' "$tmp/all.jsonl" | md5sum)"
t_eq "topology: group chat is fully_connected, Magentic-One is star" \
	"Algorithm-Generated fully_connected,Hand-Crafted star" \
	"$(sql "SELECT string_agg(DISTINCT task_family || ' ' || topology, ',') FROM runs")"
t_eq "every run is a recorded failure (success = false)" 0 \
	"$(sql "SELECT count(*) FROM runs WHERE success IS DISTINCT FROM false")"
check_all "success matches is_correct / is_corrected" "a.success::text = x.j->>'is_correct'"
t_eq "benchmark is who_and_when everywhere" "who_and_when" \
	"$(sql "SELECT string_agg(DISTINCT benchmark, ',') FROM runs")"

# ---- the annotation and the task ---------------------------------------------------------
check_all "meta keeps mistake_agent" "a.meta->'mistake_agent' = x.j->'mistake_agent'"
check_all "meta keeps mistake_step as an integer" \
	"jsonb_typeof(a.meta->'mistake_step') = 'number' AND a.meta->'mistake_step' = x.j->'mistake_step'"
check_all "meta keeps mistake_reason" "a.meta->'mistake_reason' = x.j->'mistake_reason'"
check_all "meta keeps question_ID" "a.meta->'question_ID' = x.j->'question_ID'"
check_all "meta keeps level as text (null when absent)" "a.meta->'level' = x.j->'level'"
t_eq "no ground_truth is re-added anywhere" 0 \
	"$(sql "SELECT count(*) FROM runs WHERE meta ? 'ground_truth'")"
check_all "meta.n_messages is the history length" "(a.meta->>'n_messages')::int = (x.j->>'n_msgs')::int"

# ---- events ------------------------------------------------------------------------------
check_all "events sit exactly at the kept history indexes (step_id = index in history)" \
	"a.steps = x.j->'steps'"
check_all "each event's agent is the recorded speaker" "a.speakers = x.j->'speakers'"
check_all "events + skipped steps = messages" \
	"jsonb_array_length(a.steps) + (SELECT coalesce(sum(jsonb_array_length(v)), 0)
	   FROM jsonb_each(a.meta->'skipped_steps') s(k, v)) = (x.j->>'n_msgs')::int"
check_all "message_length is the characters of each kept message" \
	"a.chars = (x.j->>'chars')::bigint"
t_eq "events per subset" \
	"$(jq -rs 'group_by(.subset) | map(.[0].subset + " " + (map(.steps | length) | add | tostring)) | join(",")' "$tmp/expect.jsonl")" \
	"$(sql "SELECT string_agg(task_family || ' ' || n, ',' ORDER BY task_family) FROM
	        (SELECT task_family, count(*) n FROM events JOIN runs USING (run_id) GROUP BY 1) s")"

# ---- delegation ----------------------------------------------------------------------------
check_all "delegate events = the Orchestrator (-> X) messages (AG: the manager brief at step 0)" \
	"a.delegates = x.j->'delegates'"
check_all "each Hand-Crafted delegate names its addressee" \
	"x.j->>'subset' <> 'Hand-Crafted' OR a.assignees = x.j->'assignees'"
t_eq "delegate events in total (126 briefs + 689 Orchestrator instructions)" \
	"$(jq -s 'map(.delegates | length) | add' "$tmp/expect.jsonl")" \
	"$(sql "SELECT count(*) FROM events WHERE event_type = 'delegate'")"
t_eq "every delegate creates its own subtask under the run's task" 0 \
	"$(sql "SELECT count(*) FROM events WHERE event_type = 'delegate'
	         AND (subtask_id IS DISTINCT FROM 't' || step_id OR parent_subtask_id IS DISTINCT FROM 'task')")"
check_all "one plan revision per 'New plan:' message" "a.new_plans = (x.j->>'new_plans')::int"

# ---- agents -------------------------------------------------------------------------------
check_all "agents = team + speakers (+ addressees)" "a.agents = x.j->'agents'"
check_all "n_agents = number of agent rows" "a.n_agents = jsonb_array_length(x.j->'agents')"
t_eq "agents in total" "$(jq -s 'map(.agents | length) | add' "$tmp/expect.jsonl")" \
	"$(sql "SELECT count(*) FROM agents")"

# ---- recorded exit codes (CaptainAgent terminal) ----------------------------------------------
check_all "every 'exitcode: 0' becomes an event carrying exitcode 0" "a.exit0 = (x.j->>'exit0')::int"
check_all "every failed exit code becomes an event carrying it" \
	"a.exit_failed = (x.j->>'exit_failed')::int"

# ---- lineage -----------------------------------------------------------------------------
t_eq "every parent is a claim created earlier in the same run" 0 \
	"$(sql "SELECT count(*) FROM events e, unnest(e.parent_claim_ids) p
	        WHERE NOT EXISTS (SELECT 1 FROM events c WHERE c.run_id = e.run_id
	                           AND c.claim_id = p AND c.step_id < e.step_id)")"
t_eq "every target is a claim created earlier in the same run" 0 \
	"$(sql "SELECT count(*) FROM events e WHERE e.target_claim_id IS NOT NULL
	        AND NOT EXISTS (SELECT 1 FROM events c WHERE c.run_id = e.run_id
	                         AND c.claim_id = e.target_claim_id AND c.step_id < e.step_id)")"
t_eq "claims are named after their step" 0 \
	"$(sql "SELECT count(*) FROM events WHERE claim_id IS NOT NULL AND claim_id <> 's' || step_id")"
t_eq "all six event types occur" 6 "$(sql "SELECT count(DISTINCT event_type) FROM events")"

# ---- provenance ----------------------------------------------------------------------------
t_eq "every event states the R/D/I status of its type and its parents" 0 \
	"$(sql "SELECT count(*) FROM events WHERE NOT (
	          payload->'provenance'->>'event_type' IN ('R', 'D', 'I')
	          AND payload->'provenance'->>'parents' IN ('R', 'D', 'I')
	          AND payload->'provenance'->>'target' IN ('R', 'D', 'I')
	          AND payload->'provenance'->>'subtask' IN ('R', 'D', 'I'))
	          OR payload->'provenance' IS NULL")"
t_eq "recorded, derived and inferred event types all occur" "D I R" \
	"$(sql "SELECT string_agg(DISTINCT payload->'provenance'->>'event_type', ' ') FROM events")"
t_eq "Hand-Crafted delegates are recorded (R)" 0 \
	"$(sql "SELECT count(*) FROM events WHERE run_id LIKE 'HC/%' AND event_type = 'delegate'
	         AND payload->'provenance'->>'event_type' <> 'R'")"
t_eq "Algorithm-Generated claims other than exit codes are inferred (I)" 0 \
	"$(sql "SELECT count(*) FROM events WHERE run_id LIKE 'AG/%' AND event_type <> 'delegate'
	         AND NOT payload ? 'exitcode' AND payload->'provenance'->>'event_type' <> 'I'")"
t_eq "every event keeps its original role and character count" 0 \
	"$(sql "SELECT count(*) FROM events WHERE payload->>'role' IS NULL
	         OR (payload->>'content_chars')::int IS DISTINCT FROM message_length")"
t_eq "payloads stay small: excerpts of at most 200 characters" 0 \
	"$(sql "SELECT count(*) FROM events WHERE length(payload->>'excerpt') > 200")"

# ---- error handling ------------------------------------------------------------------------
mkdir -p "$tmp/bad/Hand-Crafted"
printf '{"history": [' >"$tmp/bad/Hand-Crafted/1.json"
err=$("$COLLCOG_WHOWHEN" "$tmp/bad" 2>&1 >"$tmp/bad.out"); rc=$?
t_eq "truncated JSON: exit status 1" 1 "$rc"
t_match "truncated JSON: 'file: what is wrong' on stderr" "^$tmp/bad/Hand-Crafted/1.json: invalid JSON" "$err"
t_eq "truncated JSON: nothing on stdout" 0 "$(wc -c <"$tmp/bad.out" | tr -d ' ')"
printf '{"history": [{"role": "human", "content": "q"}], "is_corrected": false}' \
	>"$tmp/bad/Hand-Crafted/1.json"
t_match "missing annotation is named" 'missing key "question' \
	"$("$COLLCOG_WHOWHEN" "$tmp/bad" 2>&1 >/dev/null)"
t_false "a folder without runs is refused" "$COLLCOG_WHOWHEN" "$tmp"
t_true "single files convert on their own" "$COLLCOG_WHOWHEN" -o "$tmp/two.jsonl" \
	"$WW/Hand-Crafted/1.json" "$WW/Algorithm-Generated/10.json"
t_eq "single files come out as whole runs, AG first" "AG/10 HC/1" \
	"$(jq -r 'select(.record == "run") | .run_id' "$tmp/two.jsonl" | tr '\n' ' ' | sed 's/ $//')"

t_done
