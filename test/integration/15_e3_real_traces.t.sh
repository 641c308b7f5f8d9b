#!/usr/bin/env bash
# collcog-load --format e3 on the traces paper 000's authors released
# (../shared/data/paper000_traces, unpacked here to a temporary folder): every event of every
# run is loaded, counted per benchmark and per run against what this test counts on its own
# from the files with Python's json module (never by running the importer's rules again:
# plain counts of lines, ids and references); the summary's numbers against those counts and
# the data's README; the cascades build; the BI views and collcog-report answer on them;
# loading the tree again changes nothing. Skipped
# visibly when the data is absent, failed when CI=true. About a minute on 2 cores.
. "$(dirname "$0")/lib.sh"

t_need_data 'paper000_traces'
DATA=$COLLCOG_DATA/paper000_traces
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
started=$(date +%s)

for a in GAIA MARBLE REALM; do
	t_true "unpack $a.tar.xz" tar -xJf "$DATA/$a.tar.xz" -C "$tmp"
done
TREE=$tmp/paper000-traces

# ---- what the files hold, counted on their own ---------------------------------------------
# counts.txt: "key value" lines; runs.txt: run, benchmark, events, distinct claim ids;
# events.csv: run, line, logged step_id, timestamp as written (repr of the float).
python3 - "$TREE" "$tmp" <<'PY'
import collections, csv, json, os, sys
tree, out = sys.argv[1], sys.argv[2]
c = collections.Counter()
runs = []
with open(os.path.join(out, 'events.csv'), 'w', newline='') as evf:
    ev = csv.writer(evf)
    for root, dirs, files in os.walk(tree):
        dirs.sort()
        if 'events.jsonl' not in files:
            continue
        bench = os.path.relpath(root, tree).split(os.sep)[0]
        seen = set()            # claim ids mentioned as claim_id on an earlier line
        steps = collections.Counter()
        roles = {}
        changed = set()
        prev = None
        n = 0
        run_sessions = 0
        run_id = None
        for lineno, line in enumerate(open(os.path.join(root, 'events.jsonl'), encoding='utf-8'), 1):
            if not line.strip():
                continue
            e = json.loads(line)
            run_id = e['run_id']
            n += 1
            c['events ' + bench] += 1
            c['type ' + e['event_type']] += 1
            ev.writerow([run_id, lineno, e['step_id'], repr(e['timestamp'])])
            steps[e['step_id']] += 1
            if prev is not None and e['step_id'] < prev:
                run_sessions += 1
            prev = e['step_id']
            a, r = e['agent_id'], e.get('agent_role')
            if a in roles and roles[a] != r:
                changed.add(a)
            roles.setdefault(a, r)
            cid = e.get('claim_id')
            refs = list(dict.fromkeys((e.get('parent_claim_ids') or []) + (e.get('merge_parent_claim_ids') or [])))
            for p in refs:
                if p == cid:
                    c['self-parents'] += 1
                elif p in seen:
                    c['links'] += 1
                else:
                    c['dangling'] += 1
            if e['event_type'] == 'endorse_claim' and cid:
                c['endorse new' if cid not in seen else 'endorse earlier'] += 1
            if e['event_type'] == 'delegate_subtask' and cid:
                c['delegate claims'] += 1
            if cid:
                seen.add(cid)
        cfg = json.load(open(os.path.join(root, 'run_config.json')))
        c['sessions'] += run_sessions
        c['runs with sessions'] += run_sessions > 0
        c['shared steps'] += sum(k for k in steps.values() if k > 1)
        c['role changes'] += len(changed)
        c['extra agents'] += max(0, len(roles) - cfg['num_agents'])
        c['runs ' + bench] += 1
        runs.append((run_id, bench, n, len(seen)))
with open(os.path.join(out, 'counts.txt'), 'w') as f:
    for k in sorted(c):
        f.write('%s %d\n' % (k, c[k]))
with open(os.path.join(out, 'runs.txt'), 'w') as f:
    for r in sorted(runs):
        f.write('%s|%s|%d|%d\n' % r)
PY
count() { sed -n "s/^$1 //p" "$tmp/counts.txt"; }
t_eq "the release holds 1,470 runs and 197,344 events (its README)" "1470 197344" \
	"$(wc -l <"$tmp/runs.txt" | tr -d ' ') $(awk -F'|' '{ s += $3 } END { print s }' "$tmp/runs.txt")"

# ---- the import -------------------------------------------------------------------------------
t0=$(date +%s.%N)
out=$("$COLLCOG_LOAD" --format e3 "$TREE" 2>&1); rc=$?
t1=$(date +%s.%N)
t_eq "the tree loads: exit 0" 0 "$rc"
echo "# import: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"

t_eq "runs and events per benchmark, as counted from the files" \
	"GAIA $(count 'runs GAIA') $(count 'events GAIA')
MARBLE $(count 'runs MARBLE') $(count 'events MARBLE')
REALM $(count 'runs REALM') $(count 'events REALM')" \
	"$(sql "SELECT r.benchmark || ' ' || count(DISTINCT r.run_id) || ' ' || count(e.*)
	        FROM runs r LEFT JOIN events e USING (run_id) GROUP BY r.benchmark ORDER BY 1")"
t_eq "every run: its events and its claims, as counted from its file" \
	"$(cat "$tmp/runs.txt")" \
	"$(sql "SELECT r.run_id || '|' || r.benchmark || '|' || count(e.*) || '|' || count(e.claim_id)
	        FROM runs r LEFT JOIN events e USING (run_id) GROUP BY r.run_id, r.benchmark
	        ORDER BY r.run_id COLLATE \"C\"")"
t_eq "every lineage link to an earlier claim is kept" "$(count links)" \
	"$(sql "SELECT sum(cardinality(parent_claim_ids)) FROM events")"
t_eq "every parent naming no earlier claim is listed in payload" "$(count dangling)" \
	"$(sql "SELECT sum(jsonb_array_length(payload->'collcog'->'dropped_parent_claim_ids')) FROM events")"
t_eq "events by type: each event's logged type (the one stored, or the logged one of those stored as propose)" \
	"$(count 'type contradict_claim') $(count 'type delegate_subtask') $(count 'type endorse_claim') $(count 'type merge_claims') $(count 'type propose_claim') $(count 'type revise_claim')" \
	"$(sql "SELECT string_agg(n::text, ' ' ORDER BY t) FROM (
	        SELECT coalesce(payload->'collcog'->>'logged_event_type', event_type || '_' ||
	               CASE event_type WHEN 'merge' THEN 'claims' WHEN 'delegate' THEN 'subtask' ELSE 'claim' END) t,
	               count(*) n FROM events GROUP BY 1) s")"
# step_id is the line, logged_step and ts what the line says
sql "CREATE TABLE e3_lines (run_id text, line bigint, step bigint, unix float8)" >/dev/null
psql -XAtq -v ON_ERROR_STOP=1 -c "\\copy e3_lines FROM '$tmp/events.csv' (FORMAT csv)"
t_eq "every event at its line, with its logged step and its time (to_timestamp of the logged seconds)" "197344 0" \
	"$(sql "SELECT count(*) || ' ' || count(*) FILTER (WHERE e.logged_step <> l.step OR e.ts <> to_timestamp(l.unix))
	        FROM e3_lines l JOIN events e ON e.run_id = l.run_id AND e.step_id = l.line")"
sql "DROP TABLE e3_lines" >/dev/null

# ---- the summary: the counts above, and the data's README ------------------------------------
# met KIND: "count runs" of the summary line of KIND.
met() {
	printf '%s\n' "$out" | awk -v p="$TREE: $1: " \
		'index($0, p) == 1 { split(substr($0, length(p) + 1), w, " "); print w[1], w[3]; exit }'
}
first() { met "$1" | cut -d' ' -f1; }
t_eq "summary: appended sessions, in 767 runs (the README)" "$(count sessions) 767" \
	"$(met 'appended sessions (the logged step_id starts again)')"
t_eq "counted: runs with appended sessions (767 in the README)" 767 "$(count 'runs with sessions')"
t_eq "summary and count: shared steps (151,943 in the README)" "151943 151943" \
	"$(first 'events sharing their logged step_id with another event of the run') $(count 'shared steps')"
t_eq "summary and count: endorsements creating a claim (37,257 in the README)" "37257 37257" \
	"$(first 'endorsements carrying a claim no earlier event created') $(count 'endorse new')"
t_eq "summary and count: delegations carrying a claim (35 in the README)" "35 35" \
	"$(first 'delegations carrying a claim') $(count 'delegate claims')"
t_eq "summary and count: self-parents (19,078 in the README)" "19078 19078" \
	"$(first 'self-parents (a claim among its own parents)') $(count self-parents)"
t_eq "summary and count: parents naming no earlier claim (91 in the README)" "91 91" \
	"$(first 'parents naming no earlier claim of the run') $(count dangling)"
t_eq "summary: endorsements of an earlier claim, as counted" "$(count 'endorse earlier')" \
	"$(first 'endorsements naming a claim created earlier')"
t_eq "summary: agents changing role, as counted" "$(count 'role changes')" "$(first 'agents changing role')"
t_eq "summary: agents beyond num_agents, as counted" "$(count 'extra agents')" \
	"$(first "agents acting beyond the run's num_agents")"

# ---- cascades --------------------------------------------------------------------------------
t_eq "build_cascades() builds every run; its claims are the events' claims" \
	"1470 0 $(sql "SELECT count(claim_id) FROM events")" \
	"$(sql "SELECT runs_built || ' ' || runs_skipped || ' ' || claims FROM build_cascades()")"
t_eq "every event that creates or targets a claim counts once in TCE" \
	"$(sql "SELECT count(*) FROM events WHERE claim_id IS NOT NULL OR target_claim_id IS NOT NULL")" \
	"$(sql "SELECT sum(tce) FROM cascades")"

# ---- the BI views and the report on the paper's own traces ------------------------------------
for v in $(sql "SELECT string_agg(view_name, ' ' ORDER BY view_name) FROM bi_views()"); do
	t_match "$v answers on the real traces, with rows" '^[1-9][0-9]*$' "$(sql "SELECT count(*) FROM $v" 2>&1)"
done
t_true "collcog-report on the real traces exits 0" "$COLLCOG_REPORT" -o "$tmp/report.html"
summary=$(python3 "$REPO_ROOT/test/integration/report_check.py" summary "$tmp/report.html" 2>&1)
t_eq "the report: no query failed" "failed: 0" "$(grep '^failed:' <<<"$summary")"
t_match "the report: the chain runs never merge, so DTI does not replay them, and says so" \
	'Not replayed, because their cascades never merge.*: chain / coding, chain / coordination, chain / planning, chain / qa\.' \
	"$(python3 "$REPO_ROOT/test/integration/report_check.py" text "$tmp/report.html")"

# ---- the guide's tables -------------------------------------------------------------------------
# docs/guide-paper000.md prints scripts/paper000-tables.sql's output: its pooled TCE row is
# what collcog computes now.
tables=$(psql -X -q -v ON_ERROR_STOP=1 -f "$REPO_ROOT/scripts/paper000-tables.sql" 2>&1)
t_true "docs/guide-paper000.md prints the pooled TCE and hybrid_modular rows" \
	grep -q -e '^ tce  .* | ok ' -e '^ hybrid_modular .* | ok ' "$REPO_ROOT/docs/guide-paper000.md"
t_eq "docs/guide-paper000.md: the pooled TCE row is today's" \
	"$(grep -m1 '^ tce  ' "$REPO_ROOT/docs/guide-paper000.md")" "$(grep -m1 '^ tce  ' <<<"$tables")"
t_eq "docs/guide-paper000.md: the hybrid_modular row is today's" \
	"$(grep -m1 '^ hybrid_modular ' "$REPO_ROOT/docs/guide-paper000.md")" "$(grep -m1 '^ hybrid_modular ' <<<"$tables")"
# The H2 and H3 sections: the concentration row at N = 8 and the extreme-scaling summary.
t_eq "docs/guide-paper000.md: the H2 row at N = 8 is today's" \
	"$(grep -m1 '^        8 |  315 | 0\.' "$REPO_ROOT/docs/guide-paper000.md")" "$(grep -m1 '^        8 |  315 | 0\.' <<<"$tables")"
t_eq "docs/guide-paper000.md: the H3 summary row is today's" \
	"$(grep -m1 '^          | 1470 ' "$REPO_ROOT/docs/guide-paper000.md")" "$(grep -m1 '^          | 1470 ' <<<"$tables")"

# ---- loading again ----------------------------------------------------------------------------
sums() {
	local t
	for t in runs agents events claims cascades; do
		sql "SELECT '$t ' || count(*) || ' ' || coalesce(sum(hashtextextended(t::text, 0)::numeric), 0) FROM $t t"
	done
}
before=$(sums)
again=$("$COLLCOG_LOAD" --format e3 "$TREE" 2>&1); rc=$?
t_eq "loading the tree again: refused" 1 "$rc"
t_match "loading the tree again: the first run of the sorted walk is named" \
	"^$TREE/GAIA/chain/n16/s0/04a04a9b-226c-43fd-b319-d5e89743676f/events.jsonl:1: run \"GAIA__chain__n16__s0__04a04a9b-226c-43fd-b319-d5e89743676f\" is already in the database" "$again"
t_eq "loading the tree again: nothing changed" "$before" "$(sums)"
echo "# whole file: $(($(date +%s) - started)) s"

t_done
