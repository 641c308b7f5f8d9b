# Memory of cascade reconstruction is bounded by the largest run, not by the warehouse:
# rebuilding ten times as many runs of the same size must not raise the backend's peak
# private memory. Private peak = VmHWM - RssShmem of the backend (shared buffers the backend
# touched stay mapped and would otherwise count). Needs Linux /proc and a superuser
# (pg_read_file), as the test cluster gives.
source "$(dirname "$0")/lib.sh"

sql "CALL simulate_routing_into(n_agents => 50, steps => 1500, runs => 200, seed => 3, run_prefix => 'm')"

first20="ARRAY(SELECT run_id FROM runs ORDER BY run_id LIMIT 20)"

small=$(peak_mb "SELECT * FROM build_cascades($first20)")
large=$(peak_mb "SELECT * FROM build_cascades()")
t_true "build_cascades: 200 runs peak at most 1.5x of 20 runs + 4 MB (${small} MB -> ${large} MB)" \
	test "$large" -le $((small * 3 / 2 + 4))

sql "CREATE VIEW first20 AS SELECT * FROM events WHERE run_id IN (SELECT run_id FROM runs ORDER BY run_id LIMIT 20)"
small=$(peak_mb "SELECT * FROM cascades_from('first20')")
large=$(peak_mb "SELECT * FROM cascades_from('events')")
t_true "cascades_from: 200 runs peak at most 1.5x of 20 runs + 4 MB (${small} MB -> ${large} MB)" \
	test "$large" -le $((small * 3 / 2 + 4))
t_eq "all 200 runs were built" 200 "$(sql 'SELECT count(DISTINCT run_id) FROM cascades')"
t_done
