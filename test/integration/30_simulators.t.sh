# The simulators as a source of traces: the bundled sample is what scripts/gen-sample makes,
# it loads with collcog-load, and simulated runs pass cascade reconstruction's lineage checks.
source "$(dirname "$0")/lib.sh"

# 1. data/sample-traces.jsonl is reproducible from the simulators (fixed seeds).
regen=$(mktemp)
trap 'rm -f "$regen"' EXIT
if "$REPO_ROOT/scripts/gen-sample" "$regen" >/dev/null 2>&1; then
	t_pass "scripts/gen-sample runs"
	if cmp -s "$regen" "$REPO_ROOT/data/sample-traces.jsonl"; then
		t_pass "data/sample-traces.jsonl is the output of scripts/gen-sample"
	else
		t_fail "data/sample-traces.jsonl is the output of scripts/gen-sample" \
			"regenerate it with: pg_virtualenv -t scripts/gen-sample"
	fi
else
	t_fail "scripts/gen-sample runs"
fi

# 2. The sample loads with collcog-load, with every record.
if [ -x "$COLLCOG_LOAD" ]; then
	t_true "collcog-load loads the sample" "$COLLCOG_LOAD" "$REPO_ROOT/data/sample-traces.jsonl"
	t_eq "all sample events are loaded" \
		"$(grep -c '"record":"event"' "$REPO_ROOT/data/sample-traces.jsonl")" \
		"$(sql "SELECT count(*) FROM events WHERE run_id LIKE 'sample/%'")"
	t_eq "42 routing runs (7 topologies x N = 8, 32, 128 x 2) and 2 network runs" "42 2" \
		"$(sql "SELECT count(*) FILTER (WHERE meta->>'generator' = 'simulate_routing') || ' ' ||
		               count(*) FILTER (WHERE meta->>'generator' = 'simulate_network')
		        FROM runs WHERE run_id LIKE 'sample/%'")"
else
	echo "SKIP: collcog-load not built"
	T_SKIP=$((T_SKIP + 1))
fi

# 3. Simulated runs of every topology, with constraints and DTI, reconstruct without lineage
#    errors (when build_cascades is installed).
sql "CALL simulate_routing_into(n_agents => 16, runs => 3, steps => 300, seed => 9,
                               topology => 'hierarchical', run_prefix => 'it/hier',
                               context_window => 50, depth_limit => 6, token_budget => 40000,
                               dti_c => 0.3, dti_beta => 0.9, dti_tau => 1)"
sql "CALL simulate_routing_into(n_agents => 16, runs => 3, steps => 300, seed => 9,
                               topology => 'sparse_mesh', run_prefix => 'it/mesh', gamma => 2)"
if [ "$(sql "SELECT to_regproc('build_cascades') IS NOT NULL")" = t ]; then
	out=$(sql "SELECT runs_skipped FROM build_cascades(run_ids => ARRAY(SELECT run_id::text FROM runs WHERE run_id LIKE 'it/%'), on_error => 'skip')" 2>&1)
	t_eq "build_cascades accepts every simulated run" "0" "$out"
	t_eq "cascades partition the claims" \
		"$(sql "SELECT count(*) FROM events WHERE run_id LIKE 'it/%' AND claim_id IS NOT NULL")" \
		"$(sql "SELECT sum(size) FROM cascades WHERE run_id LIKE 'it/%'")"
	# A context window truncates the tail of cascade sizes (paper 000 Sec. 4.2, Eq. 7):
	# same seeds, same event types, so the same number of cascades, but the largest shrinks.
	sql "CALL simulate_routing_into(n_agents => 16, steps => 2000, runs => 5, seed => 31, run_prefix => 'it/free')"
	sql "CALL simulate_routing_into(n_agents => 16, steps => 2000, runs => 5, seed => 31, run_prefix => 'it/window',
	                               context_window => 20)"
	sql "SELECT * FROM build_cascades(run_ids => ARRAY(SELECT run_id::text FROM runs WHERE run_id ~ '^it/(free|window)/'))" >/dev/null
	t_eq "a context window truncates the largest cascades" "true true" \
		"$(sql "SELECT ((SELECT count(*) FROM cascades WHERE run_id LIKE 'it/free/%')
		                = (SELECT count(*) FROM cascades WHERE run_id LIKE 'it/window/%')) || ' ' ||
		               ((SELECT max(size) FROM cascades WHERE run_id LIKE 'it/window/%') * 2
		                < (SELECT max(size) FROM cascades WHERE run_id LIKE 'it/free/%'))")"
else
	echo "SKIP: build_cascades not installed"
	T_SKIP=$((T_SKIP + 1))
fi

# 4. Memory stays flat as runs grow (value-per-call streaming in the select list).
pid_rss() {
	psql -XAtq -v ON_ERROR_STOP=1 <<-SQL 2>/dev/null | tail -n 1
		SELECT pg_backend_pid() AS pid \gset
		\o /dev/null
		SELECT count(*) FROM (SELECT simulate_routing(runs => $1, seed => 1) OFFSET 0) s;
		\o
		\setenv PID :pid
		\! awk '/^VmHWM/ {print \$2}' /proc/\$PID/status
	SQL
}
small=$(pid_rss 1000)
large=$(pid_rss 20000)
if [ -n "$small" ] && [ -n "$large" ]; then
	if [ "$large" -le $((small + 8192)) ]; then
		t_pass "20x the runs without more memory (${small} kB vs ${large} kB peak)"
	else
		t_fail "20x the runs without more memory" "peak ${small} kB for 1000 runs, ${large} kB for 20000"
	fi
else
	echo "SKIP: cannot read the backend's memory (server on another host?)"
	T_SKIP=$((T_SKIP + 1))
fi

t_done
