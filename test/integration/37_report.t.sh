#!/usr/bin/env bash
# collcog-report (docs/report.md): on an empty warehouse, then on simulated runs at three N
# with a topology named <i>&"'t, a topology too small for a fit, a class that never merges,
# runs not built, and paper 001's networks; the extension in a schema named "cc <&>" that is not on the search_path
# (PostgreSQL allows no quotes in an extension's schema name).
# The HTML must be well-formed XML, escaped, self-contained, with every section and every
# figure drawn, and say what is missing; then headless Chromium renders it (screenshot, no
# console errors, every figure with coloured marks).
. "$(dirname "$0")/lib.sh"
REPORT=$COLLCOG_REPORT
CHECK="python3 $REPO_ROOT/test/integration/report_check.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The extension in a schema whose name needs quoting and escaping, off the search_path.
psql -XAtq -v ON_ERROR_STOP=1 <<'EOF'
DROP EXTENSION collcog;
CREATE SCHEMA "cc <&>";
CREATE EXTENSION collcog SCHEMA "cc <&>";
EOF

# --- an empty warehouse ---
t_true "report on an empty warehouse exits 0" "$REPORT" -o "$work/empty.html"
summary=$($CHECK summary "$work/empty.html" 2>&1)
t_match "empty: well-formed, all six sections" '^sections: overview h1 h2 h3 dti gce$' "$(sed -n 1p <<<"$summary")"
t_eq "empty: no figure" "figures: 0" "$(grep '^figures:' <<<"$summary")"
t_eq "empty: no query failed" "failed: 0" "$(grep '^failed:' <<<"$summary")"
t_eq "empty: no script, nothing external" "scripts: 0 external: 0" \
	"$(grep -E '^(scripts|external):' <<<"$summary" | tr '\n' ' ' | sed 's/ $//')"
text=$($CHECK text "$work/empty.html")
t_match "empty: says the warehouse is empty" 'The warehouse is empty' "$text"
t_match "empty: H2 says there are no events" 'No events in the warehouse' "$text"
t_match "empty: paper 001 says messages has no rows" 'messages table has no rows' "$text"
t_match "empty: the schema's name shown as it is" '"cc <&>"' "$text"
t_true "empty: the schema's name escaped in the HTML" grep -qF '&quot;cc &lt;&amp;&gt;&quot;' "$work/empty.html"

# --- a simulated warehouse ---
psql -XAtq -v ON_ERROR_STOP=1 >/dev/null <<'EOF'
SET search_path = "cc <&>";
CALL simulate_routing_into(n_agents => 8, steps => 1500, runs => 6, seed => 1, run_prefix => 'n8');
CALL simulate_routing_into(n_agents => 32, steps => 1500, runs => 6, seed => 2, run_prefix => 'n32',
                           topology => 'star');
CALL simulate_routing_into(n_agents => 128, steps => 1500, runs => 6, seed => 3, run_prefix => 'n128');
CALL simulate_routing_into(n_agents => 4, steps => 3, runs => 1, seed => 4, run_prefix => 'tiny');
UPDATE runs SET topology = '<i>&"''t' WHERE run_id LIKE 'n8/%';
UPDATE runs SET topology = 'tiny' WHERE run_id LIKE 'tiny/%';
-- a class whose cascades never merge (as paper 000's chain runs): dti_estimate gives c = 0
INSERT INTO runs (run_id, topology, task_family) VALUES ('flat/0', 'flat', 'qa');
INSERT INTO agents (run_id, agent_id) VALUES ('flat/0', 'a');
-- cascades of 1 to 8 claims, each a chain of contradictions under its root
INSERT INTO events (run_id, step_id, agent_id, event_type, claim_id, parent_claim_ids)
    SELECT 'flat/0', 100 * k + j, 'a',
           (CASE WHEN j = 0 THEN 'propose' ELSE 'contradict' END)::event_type,
           k || '.' || j, CASE WHEN j = 0 THEN '{}' ELSE ARRAY[k || '.' || (j - 1)] END
    FROM generate_series(1, 8) k, generate_series(0, k - 1) j;
SELECT count(*) FROM build_cascades();
-- runs added after the build: not built
CALL simulate_routing_into(n_agents => 8, steps => 50, runs => 2, seed => 5, run_prefix => 'late');
CALL simulate_network_into(runs => 3, steps => 200, seed => 1);
EOF
t_true "report on a simulated warehouse exits 0" "$REPORT" -o "$work/report.html"
summary=$($CHECK summary "$work/report.html" 2>&1)
t_match "well-formed, all six sections" '^sections: overview h1 h2 h3 dti gce$' "$(sed -n 1p <<<"$summary")"
t_eq "no query failed" "failed: 0" "$(grep '^failed:' <<<"$summary")"
figures=$(sed -n 's/^figures: //p' <<<"$summary")
# H1 2 per observable (6), H2 2, H3 2, DTI 2, paper 001 1
t_eq "every figure is there" 19 "$figures"
t_eq "every figure drew" "figures_blank: 0 figures_nodata: 0" \
	"$(grep -E '^figures_(blank|nodata):' <<<"$summary" | tr '\n' ' ' | sed 's/ $//')"
text=$($CHECK text "$work/report.html")
t_match "the hostile topology shown as it is" '^<i>&"'"'"'t$' "$text"
t_true "and escaped in the HTML" grep -qF '&lt;i&gt;&amp;&quot;&#39;t' "$work/report.html"
t_false "never raw" grep -qF '<i>&' "$work/report.html"
t_match "runs not built are named" 'were not built, or changed since their build' "$text"
t_match "a topology too small for a fit says why" 'no xmin leaves a tail' "$text"
t_match "a class that never merges is named, not replayed" 'Not replayed, because their cascades never merge.*: flat / qa\.' "$text"
t_match "the mean-field prediction is drawn" 'theta_in \(mean field\)' "$text"
t_match "the prediction's SQL shows the parameters from runs.meta" 'p, q, r, delta, xi = 0.25, 0.25, 0.5, 1.5, 1.5' "$text"
t_match "log axes count what they drop" 'points? not shown \(not finite, or not above 0 on a log axis\)' "$text"
t_match "each figure's SQL is shown, schema-qualified" '"cc <&>"\.routing_ratio\(\)' "$text"

# Unequal weights: the prediction uses mu_step (weights per macro step, the scale of the
# drift), which keeps it a share; with type_pair_weights' per-message mu it would run away.
psql -XAtq -v ON_ERROR_STOP=1 >/dev/null <<'EOF'
SET search_path = "cc <&>";
DELETE FROM runs WHERE run_id IN (SELECT run_id FROM messages);
CALL simulate_network_into(runs => 3, steps => 200, seed => 1, mu => '{2,1,0.5,1}');
EOF
"$REPORT" -o "$work/biased.html" 2>/dev/null
text=$($CHECK text "$work/biased.html")
t_match "with unequal mu the prediction is drawn, from mu_step" \
	'theta_in \(mean field\).*array_agg\(mu_step' "$(tr '\n' ' ' <<<"$text")"

# --- bad invocations ---
"$REPORT" --schema=nonexistent -o "$work/x.html" >/dev/null 2>&1
t_eq "a schema without the extension: exit 3" 3 $?
"$REPORT" -o "$work/no/such/dir/x.html" >/dev/null 2>&1
t_eq "an unwritable output: exit 1" 1 $?
"$REPORT" extra >/dev/null 2>&1
t_eq "a stray argument: exit 2" 2 $?

# --- a real browser ---
browser=$(command -v chromium || true)
t_need "chromium is installed" "scripts/install-deps --test installs it" test -n "$browser"
# As root (CI) Chromium needs --no-sandbox; a fresh profile keeps runs independent.
chrome() {
	"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
		--user-data-dir="$work/profile" "$@"
}
chrome --enable-logging=stderr --v=0 --window-size=1000,3000 \
	--screenshot="$work/report.png" "file://$work/report.html" >"$work/chrome.out" 2>"$work/chrome.err"
t_true "Chromium took a screenshot of the report" test -s "$work/report.png"
t_eq "no console messages" "" "$(grep -i 'CONSOLE' "$work/chrome.err" || true)"
ink=$($CHECK ink "$work/report.png")
t_true "the screenshot shows something ($ink dark pixels)" test "$ink" -gt 10000
chrome --dump-dom "file://$work/report.html" >"$work/dom.html" 2>/dev/null
t_eq "Chromium's DOM has every figure as SVG" "$figures" "$(grep -o '<svg ' "$work/dom.html" | wc -l)"
# Each figure alone, parsed by Chromium as SVG (strict XML) and rendered.
mkdir "$work/svg"
$CHECK svgs "$work/report.html" "$work/svg"
undrawn=()
for f in "$work"/svg/fig*.svg; do
	chrome --window-size=640,400 --screenshot="${f%.svg}.png" "file://$f" >/dev/null 2>&1
	# colour in the marks beyond the legend's samples (frame, grid and text are grey)
	n=$($CHECK ink "${f%.svg}.png" --colour 2>/dev/null || echo 0)
	[ "$n" -gt 400 ] || undrawn+=("$(basename "$f"): $n coloured pixels")
done
t_eq "Chromium drew every figure with coloured marks" "" "${undrawn[*]}"
t_done
