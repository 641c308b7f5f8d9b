# Cascade reconstruction on the 184 real Who&When runs: every run builds, and for each run
# the test reports the cascade holding the annotated mistake step, with its TCE.
# Needs ../shared/data/real_traces/who_and_when (skipped when absent, failed when CI=true).
source "$(dirname "$0")/lib.sh"

t_need_data 'real_traces/who_and_when'
WW=$COLLCOG_DATA/real_traces/who_and_when
if ! command -v jq >/dev/null 2>&1; then t_fail "jq is installed"; t_done; fi

t_true "the 184 runs import and load" \
	bash -c "'$COLLCOG_WHOWHEN' '$WW' | '$COLLCOG_LOAD' -q -"
t_eq "build_cascades rebuilds every run, skipping none" "184|0" \
	"$(sql 'SELECT runs_built, runs_skipped FROM build_cascades()')"

# Independently of the importer: the annotated mistake steps, read from the raw files.
expected_steps=$(jq -r '[input_filename | capture("(?<s>[^/]+)/(?<n>[0-9]+)\\.json$")
		| (if .s == "Hand-Crafted" then "HC" else "AG" end) + "/" + .n] + [.mistake_step]
	| "\(.[0])|\(.[1])"' "$WW"/Algorithm-Generated/*.json "$WW"/Hand-Crafted/*.json | sort)
t_eq "every run keeps its annotated mistake step" "$expected_steps" \
	"$(sql "SELECT run_id || '|' || (meta->>'mistake_step') FROM runs ORDER BY 1" | sort)"

# The event at the mistake step belongs to a cascade through the claim it creates or, for
# an endorse or delegate, through the claim it targets.
report=$(sql "
	SELECT r.run_id, e.step_id, e.event_type, coalesce(c.root_claim_id, '-'), coalesce(k.tce::text, '-')
	FROM runs r
	LEFT JOIN events e ON e.run_id = r.run_id AND e.step_id = (r.meta->>'mistake_step')::bigint
	LEFT JOIN claims c ON c.run_id = r.run_id AND c.claim_id = coalesce(e.claim_id, e.target_claim_id)
	LEFT JOIN cascades k ON k.run_id = r.run_id AND k.root_claim_id = c.root_claim_id
	ORDER BY split_part(r.run_id, '/', 1), split_part(r.run_id, '/', 2)::int")
echo "    run | mistake step | event | cascade root | TCE"
printf '%s\n' "$report" | sed 's/^/    /'

# Runs whose mistake step has an event linked to a claim must all find their cascade; the
# importer documents the two runs whose mistake step is a dropped scheduling note (HC/16,
# HC/45) and events that reference no claim.
unplaced=$(sql "
	SELECT string_agg(r.run_id, ' ' ORDER BY r.run_id) FROM runs r
	JOIN events e ON e.run_id = r.run_id AND e.step_id = (r.meta->>'mistake_step')::bigint
	WHERE coalesce(e.claim_id, e.target_claim_id) IS NOT NULL
	  AND NOT EXISTS (SELECT 1 FROM claims c JOIN cascades k USING (run_id, root_claim_id)
	                  WHERE c.run_id = r.run_id AND c.claim_id = coalesce(e.claim_id, e.target_claim_id))")
t_eq "every mistake step linked to a claim lies in a reconstructed cascade" "" "$unplaced"
t_eq "the mistake steps without an event are the two documented ones" "HC/16 HC/45" \
	"$(sql "SELECT string_agg(r.run_id, ' ' ORDER BY r.run_id) FROM runs r
	        WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.run_id = r.run_id
	                          AND e.step_id = (r.meta->>'mistake_step')::bigint)")"
# TCE counts the claims of the cascade and the endorse/delegate events aimed at them, so it
# is at least the cascade's size; and the claims of a run are split among its cascades.
t_eq "TCE >= size in every cascade, and cascades partition each run's claims" "0|0" \
	"$(sql "SELECT (SELECT count(*) FROM cascades WHERE tce < size),
	               (SELECT count(*) FROM (SELECT run_id, sum(size) s FROM cascades GROUP BY run_id) x
	                JOIN (SELECT run_id, count(*) n FROM events WHERE claim_id IS NOT NULL GROUP BY run_id) y
	                USING (run_id) WHERE s <> n)")"
t_done
