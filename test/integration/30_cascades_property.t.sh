# build_cascades() against the deliberately simple recursive-CTE reference
# (test/reference/cascades.sql) on seeded random runs: identical derived tables.
source "$(dirname "$0")/lib.sh"

psql -XAtq -v ON_ERROR_STOP=1 -f "$REPO_ROOT/test/reference/cascades.sql" \
	-f "$REPO_ROOT/test/reference/random_runs.sql" || { t_fail "reference loads"; t_done; }

# Rows of query A missing from B and of B missing from A (as multisets): 0 when equal.
differences() {
	sql "SELECT (SELECT count(*) FROM (($1) EXCEPT ALL ($2)) x) + (SELECT count(*) FROM (($2) EXCEPT ALL ($1)) y)"
}

claims_cols="run_id::text, claim_id::text, step_id, root_claim_id::text, claim_depth, claim_status::text"
cascade_cols="run_id::text, root_claim_id::text, size::bigint, tce::bigint, n_propose::bigint, n_revise::bigint,
	n_contradict::bigint, n_merge::bigint, n_delegate::bigint, n_endorse::bigint, n_agents_active::bigint, depth::int"
size_cols="run_id::text, observable, anchor_id::text, size::bigint, n_events::bigint"
agent_cols="run_id::text, root_claim_id::text, agent_id::text, claims::bigint, events::bigint,
	n_propose::bigint, n_revise::bigint, n_contradict::bigint, n_merge::bigint, n_delegate::bigint,
	n_endorse::bigint"

for seed in 0.11 0.42 -0.73; do
	sql "SET client_min_messages = warning; TRUNCATE runs CASCADE" >/dev/null
	sql "SELECT cc_ref.random_runs(24, 150, $seed)" >/dev/null
	built=$(sql "SELECT runs_built || ' ' || runs_skipped FROM build_cascades()")
	sql "SET client_min_messages = warning; CALL cc_ref.build()"
	t_eq "seed $seed: every random run builds" "24 0" "$built"
	n=$(sql "SELECT count(*) FROM claims")
	t_true "seed $seed: the runs have claims ($n)" test "$n" -gt 1000
	t_eq "seed $seed: claims equal the reference" 0 \
		"$(differences "SELECT $claims_cols FROM claims" "SELECT $claims_cols FROM cc_ref.claims")"
	t_eq "seed $seed: cascades equal the reference" 0 \
		"$(differences "SELECT $cascade_cols FROM cascades" "SELECT $cascade_cols FROM cc_ref.cascades")"
	t_eq "seed $seed: cascade agents equal the reference" 0 \
		"$(differences "SELECT $agent_cols FROM cascade_agents" "SELECT $agent_cols FROM cc_ref.cascade_agents")"
	t_eq "seed $seed: cascade_agents_from equals cascade_agents" 0 \
		"$(differences "SELECT $agent_cols FROM cascade_agents" "SELECT $agent_cols FROM cascade_agents_from('events')")"
	t_eq "seed $seed: event sizes equal the reference" 0 \
		"$(differences "SELECT $size_cols FROM event_sizes" "SELECT $size_cols FROM cc_ref.event_sizes")"
	# The random runs exercise what they are meant to: merges across cascades, long
	# revision waves, wide bursts, deep delegation.
	shape=$(sql "SELECT (SELECT max(size) FROM event_sizes WHERE observable = 'revision') >= 10,
	                    (SELECT max(size) FROM event_sizes WHERE observable = 'contradiction') >= 4,
	                    (SELECT max(subtask_depth) FROM subtasks) >= 10,
	                    (SELECT count(*) FROM claims c JOIN events e USING (run_id, claim_id)
	                     WHERE e.event_type = 'merge' AND EXISTS (
	                         SELECT 1 FROM unnest(e.parent_claim_ids) p JOIN claims q
	                           ON q.run_id = c.run_id AND q.claim_id = p
	                         WHERE q.root_claim_id <> c.root_claim_id)) > 10")
	t_eq "seed $seed: long waves, wide bursts, deep delegation, merges across cascades" "t|t|t|t" "$shape"
done
t_done
