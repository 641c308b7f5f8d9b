#!/usr/bin/env bash
# collcog-load --format e3 on the hand-written tree of fixtures/e3 (two runs in the layout
# of paper 000's logger): every table value for value, the summary of what was met, the
# cascades it gives (worked by hand below), the forms a PATH may take, and reimporting.
# docs/collcog-load.md#e3 states each rule checked here.
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/loader_lib.sh"

E3=$REPO_ROOT/test/integration/fixtures/e3/tree
FX1=$E3/BENCH/star/n3/s7/t1
FX2=$E3/BENCH/chain/n2/s1/t2
# Every row of the trace tables, for "nothing changed".
table_sums() {
	sql "SELECT string_agg(t, ' ') FROM (
	       SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) AS t FROM runs r
	       UNION ALL SELECT md5(coalesce(string_agg(a::text, ',' ORDER BY a::text), '')) FROM agents a
	       UNION ALL SELECT md5(coalesce(string_agg(e::text, ',' ORDER BY e::text), '')) FROM events e) s"
}

# ---- the tree, with -v --------------------------------------------------------------------
load --format e3 -v "$E3"
t_eq "tree: exit 0" 0 "$RC"
t_eq "tree: row counts" "runs=2 agents=6 events=12 messages=0 rejects=0" "$(counts)"
# The counts of fx-1 (events.jsonl of BENCH/star), line by line:
#   logged steps 1,2,2,3,4,4,5 | 1,2,3: one appended session; steps 1, 2, 3 and 4 recur:
#     2 + 3 + 2 + 2 = 9 events share their step
#   line 2 endorses e1, which no earlier line created (a claim); line 3 endorses c1, created
#     on line 1 (its target); both list their own claim as parent (2 self-parents)
#   line 6 delegates with claim d1; line 4 revises "ghost" and line 7 merges m1 with
#     "nowhere", claims no line created (2 dropped parents), leaving a revise without its
#     parent and a merge with one: both stored as propose
#   a1 is "worker" on line 2, "lead" on line 4 (1 agent changes role); a0..a3 act but
#     num_agents is 3 (1 agent beyond it). fx-2 has none of these.
t_eq "tree: what was met and done, one line per kind" \
"$E3: appended sessions (the logged step_id starts again): 1 in 1 run; kept in their run, in line order (step_id is the line, logged_step the logged step)
$E3: events sharing their logged step_id with another event of the run: 9 in 1 run; step_id is the line; logged_step keeps it
$E3: endorsements carrying a claim no earlier event created: 1 in 1 run; each creates its claim (claim_status endorsed)
$E3: endorsements naming a claim created earlier: 1 in 1 run; stored with that claim as their target
$E3: delegations carrying a claim: 1 in 1 run; each creates its claim (claim_status delegated)
$E3: self-parents (a claim among its own parents): 2 in 1 run; dropped
$E3: parents naming no earlier claim of the run: 2 in 1 run; dropped, listed in payload.collcog.dropped_parent_claim_ids
$E3: events left without the parents their type needs: 2 in 1 run; stored as propose, payload.collcog.logged_event_type the logged type
$E3: agents changing role: 1 in 1 run; agents.role is the first, payload.agent_role each event's
$E3: agents acting beyond the run's num_agents: 1 in 1 run; n_agents is num_agents, agents holds every agent that acts
$FX2/events.jsonl: run \"fx-2\": 2 events
$FX1/events.jsonl: run \"fx-1\": 10 events; appended sessions 1, events sharing a logged step 9, endorsement claims 1, endorsements of earlier claims 1, delegation claims 1, self-parents dropped 2, parents naming no earlier claim dropped 2, events stored as propose 2, agents changing role 1, agents beyond num_agents 1
$E3: loaded 2 runs, 6 agents, 12 events, 0 messages in" \
	"$(printf '%s\n' "$ERR" | sed 's/ messages in .*/ messages in/')"

# ---- the tables, value for value ---------------------------------------------------------
# runs: the config's columns, success and score from the metadata, started_at = the first
# event's timestamp (Unix 1700000000.5), the rest of both files in meta; fx-2 has neither
# file: its columns come from its first event, task_id to meta.config.
t_eq "runs" \
'fx-1|BENCH|qa|star|3|m-1|7|true|0.75|2023-11-14 22:13:20.5+00|{"config": {"task_id": "t1", "difficulty": "easy", "temperature": 0.5, "architecture": "hub"}, "metadata": {"extra": {"k": [1, 2]}, "tokens_total": 900}}
fx-2|BENCH|NULL|chain|2|NULL|1|NULL|NULL|2024-05-01 12:00:00+00|{"config": {"task_id": "t2"}}' \
	"$(sql "SET TimeZone = 'UTC'; SELECT run_id, benchmark, coalesce(task_family, 'NULL'), topology, n_agents,
	        coalesce(model, 'NULL'), seed, coalesce(success::text, 'NULL'), coalesce(score::text, 'NULL'),
	        started_at, meta FROM runs ORDER BY run_id")"
t_eq "agents: the role each first acts with, the run's model" \
'fx-1|a0|m-1|hub
fx-1|a1|m-1|worker
fx-1|a2|m-1|worker
fx-1|a3|m-1|worker
fx-2|b0|NULL|NULL
fx-2|b1|NULL|NULL' \
	"$(sql "SELECT run_id, agent_id, coalesce(model, 'NULL'), coalesce(role, 'NULL') FROM agents ORDER BY 1, 2")"
# events: step_id = the line (line 10 of fx-1 is blank); the logged step, root and depth kept.
t_eq "events" \
'fx-1|1|2023-11-14 22:13:20.5+00|a0|propose|c1|{}|NULL|s1|NULL|10|{"agent_role": "hub", "confidence_score": 0.7}|1|c1|0
fx-1|2|2023-11-14 22:13:21.25+00|a1|endorse|e1|{}|NULL|s1|NULL|11|{"agent_role": "worker", "support_type": "agreement"}|2|c1|NULL
fx-1|3|2023-11-14 22:13:21.75+00|a2|endorse|NULL|{}|c1|s1|NULL|12|{"agent_role": "worker"}|2|c1|NULL
fx-1|4|2023-11-14 22:13:22+00|a1|propose|r1|{}|NULL|s1|NULL|13|{"collcog": {"logged_event_type": "revise_claim", "dropped_parent_claim_ids": ["ghost"]}, "agent_role": "lead"}|3|c1|1
fx-1|5|2023-11-14 22:13:23+00|a0|merge|m1|{c1,e1,r1}|NULL|s1|NULL|14|{"agent_role": "hub", "endorsed_claim_id": "agent_000"}|4|c1|2
fx-1|6|2023-11-14 22:13:24+00|a3|delegate|d1|{m1}|NULL|s2|s1|15|{"agent_role": "worker"}|4|c1|NULL
fx-1|7|2023-11-14 22:13:25+00|a2|propose|m2|{m1}|NULL|s2|NULL|16|{"collcog": {"logged_event_type": "merge_claims", "dropped_parent_claim_ids": ["nowhere"]}, "agent_role": "worker"}|5|c1|3
fx-1|8|2023-11-15 22:13:20+00|a0|propose|c2|{}|NULL|s3|NULL|17|{"agent_role": "hub"}|1|c2|0
fx-1|9|2023-11-15 22:13:21+00|a1|contradict|x1|{c2}|NULL|s3|NULL|18|{"agent_role": "lead"}|2|c2|1
fx-1|11|2023-11-15 22:13:22+00|a2|merge|m3|{c2,x1}|NULL|s3|NULL|19|{"agent_role": "worker"}|3|c2|2
fx-2|1|2024-05-01 12:00:00+00|b0|propose|p|{}|NULL|NULL|NULL|5|NULL|1|NULL|NULL
fx-2|2|2024-05-01 12:00:01.5+00|b1|endorse|NULL|{}|p|NULL|NULL|NULL|NULL|2|NULL|NULL' \
	"$(sql "SET TimeZone = 'UTC'; SELECT run_id, step_id, coalesce(ts::text, 'NULL'), agent_id, event_type,
	        coalesce(claim_id, 'NULL'), parent_claim_ids, coalesce(target_claim_id, 'NULL'),
	        coalesce(subtask_id, 'NULL'), coalesce(parent_subtask_id, 'NULL'),
	        coalesce(message_length::text, 'NULL'), coalesce(payload::text, 'NULL'), logged_step,
	        coalesce(logged_root_claim_id, 'NULL'), coalesce(logged_claim_depth::text, 'NULL')
	        FROM events ORDER BY run_id, step_id")"
t_eq "events: timestamps are to_timestamp() of the logged Unix seconds" "0" \
	"$(sql "SELECT count(*) FROM events e JOIN (VALUES (1, 1700000000.5), (2, 1700000001.25), (3, 1700000001.75))
	        v(step, unix) ON e.run_id = 'fx-1' AND e.step_id = v.step WHERE e.ts <> to_timestamp(v.unix)")"

# ---- the cascades of fx-1 and fx-2 ------------------------------------------------------
# Roots: c1 (line 1), e1 (line 2: an endorsement's claim without parents), r1 (line 4: the
# revise whose parent was dropped), c2 (line 8). m1 <- c1 e1 r1 joins the earliest root c1
# (depth 1); d1 <- m1 and m2 <- m1 are in c1's cascade (depth 2); x1 <- c2, m3 <- c2 x1.
# Cascade c1 {c1, m1, d1, m2}: size 4; events 1 (propose c1), 5 (merge), 6 (delegate d1),
#   7 (propose m2) and 3 (endorse, target c1): tce 5 = 2 propose + 1 merge + 1 delegate +
#   1 endorse; agents a0, a3, a2: 3; depth 2; conversion 1 merge / 1 delegate = 1.
# Cascade e1: size 1, tce 1 (its endorsement); r1: size 1, tce 1 (propose);
# c2 {c2, x1, m3}: size 3, tce 3, agents a0 a1 a2, depth 2, conversion 1 / 1 contradict = 1.
# fx-2: p with its endorsement (line 2, no claim): size 1, tce 2, agents b0 b1, of whom
# only b0 created a claim (n_agents_active 1).
t_eq "build_cascades succeeds" "2|0|10|5" "$(sql "SELECT * FROM build_cascades()" | tr -d ' ' | sed 's/[()]//g; s/,/|/g')"
t_eq "cascades, worked by hand" \
'fx-1|c1|4|5|2|0|0|1|1|1|3|2|1
fx-1|c2|3|3|1|0|1|1|0|0|3|2|1
fx-1|e1|1|1|0|0|0|0|0|1|1|0|NULL
fx-1|r1|1|1|1|0|0|0|0|0|1|0|NULL
fx-2|p|1|2|1|0|0|0|0|1|1|0|NULL' \
	"$(sql "SELECT run_id, root_claim_id, size, tce, n_propose, n_revise, n_contradict, n_merge, n_delegate,
	        n_endorse, n_agents_active, depth, coalesce(merge_conversion::text, 'NULL') FROM cascades ORDER BY 1, 2")"
t_eq "claims: statuses of the endorsement's and the delegation's claims" \
	"d1|delegated e1|endorsed m2|proposed r1|proposed" \
	"$(sql "SELECT string_agg(claim_id || '|' || claim_status, ' ' ORDER BY claim_id) FROM claims
	        WHERE claim_id IN ('d1', 'e1', 'm2', 'r1')")"

# ---- reimporting ------------------------------------------------------------------------
before=$(table_sums)
load --format e3 "$E3"
t_eq "reimport: exit 1" 1 "$RC"
t_eq "reimport: the first run met is named, with its file and line" \
	"$FX2/events.jsonl:1: run \"fx-2\" is already in the database (delete it to load it again)" "$ERR"
t_eq "reimport: nothing changed" "$before" "$(table_sums)"
load --format e3 --quarantine "$E3"
t_eq "reimport --quarantine: exit 0" 0 "$RC"
t_eq "reimport --quarantine: both runs in rejects, with file, line and reason" \
"fx-1|$FX1/events.jsonl|1|run \"fx-1\" is already in the database (delete it to load it again)
fx-2|$FX2/events.jsonl|1|run \"fx-2\" is already in the database (delete it to load it again)" \
	"$(sql "SELECT run_id, source, line, reason FROM rejects ORDER BY run_id")"
t_eq "reimport --quarantine: the loaded runs untouched" "$before" "$(table_sums)"
sql "DELETE FROM rejects; DELETE FROM runs" >/dev/null

# ---- the forms of PATH, one transaction each --------------------------------------------
load --format e3 "$FX1"
t_eq "a run folder: exit 0, its run" "0 runs=1 agents=4 events=10 messages=0 rejects=0" "$RC $(counts)"
load --format e3 "$FX2/events.jsonl"
t_eq "an events.jsonl file: exit 0, its run" "0 runs=2 agents=6 events=12 messages=0 rejects=0" "$RC $(counts)"
t_eq "the three forms load the same rows" "$before" "$(table_sums)"
sql "DELETE FROM runs" >/dev/null
load --format e3 -q "$FX2" "$FX2"
t_eq "two PATHs: the first commits, the second is refused" "1 runs=1" "$RC $(counts | cut -d' ' -f1)"
t_match "two PATHs: the second's error" "^$FX2/events.jsonl:1: run \"fx-2\" is already in the database" "$ERR"
sql "DELETE FROM runs" >/dev/null
load --format e3 -q "$E3"
t_eq "-q: nothing printed" "0|" "$RC|$ERR"
load --format e3 "$E3" -q
t_match "the sorted walk: the first folder (BENCH/chain) is met first" "^$FX2/events.jsonl:1: " "$ERR"

# ---- usage --------------------------------------------------------------------------------
load --format e3
t_eq "no PATH: usage error" "2" "$RC"
t_match "no PATH: message" 'format=e3 needs a PATH' "$ERR"
load --format e3 -
t_match "standard input: usage error" '^collcog-load: --format=e3 reads run folders, not standard input' "$ERR"
load --format e3 --table runs "$E3"
t_eq "--table with e3: usage error" "2" "$RC"

t_done
