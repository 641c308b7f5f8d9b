# Memory of routing_ratio() and attachment_exponent() is bounded by the largest run, not by
# the group: 200 runs of one n_agents must peak near one run. routing_ratio() keeps only the
# group's summed levels; attachment_exponent() keeps each run's levels (112 bytes a level;
# gamma 0 keeps the levels few, about a dozen a run) and reads the choice data back from a
# temporary file one run at a time. Before, both kept every run in memory: 200 runs peaked
# some 15 MB above one. With a small temp_file_limit the call fails: the choice data do go
# to a temporary file. Private peak = VmHWM - RssShmem of a fresh backend, as in
# 32_cascades_memory.t.sh (Linux /proc, a superuser for pg_read_file).
source "$(dirname "$0")/lib.sh"

sql "CALL simulate_routing_into(n_agents => 50, steps => 1500, gamma => 0, runs => 200, seed => 3, run_prefix => 'm')"

first1="ARRAY(SELECT run_id FROM runs ORDER BY run_id LIMIT 1)"

small=$(peak_mb "SELECT * FROM routing_ratio($first1)")
large=$(peak_mb "SELECT * FROM routing_ratio()")
t_true "routing_ratio: 200 runs peak at most 1 run + 3 MB (${small} MB -> ${large} MB)" \
	test "$large" -le $((small + 3))

small=$(peak_mb "SELECT * FROM attachment_exponent($first1)")
large=$(peak_mb "SELECT * FROM attachment_exponent()")
t_true "attachment_exponent: 200 runs peak at most 1 run + 3 MB (${small} MB -> ${large} MB)" \
	test "$large" -le $((small + 3))
t_eq "the 200 runs form one group with a likelihood fit" "200|t" \
	"$(sql 'SELECT runs, beta_mle IS NOT NULL FROM attachment_exponent(replicates => 0) WHERE event_type IS NULL')"
t_match "the choice data go to a temporary file: temp_file_limit applies (53400)" \
	"ERROR:  53400: temporary file size exceeds temp_file_limit" \
	"$(psql -XAtq -c 'SET temp_file_limit = 1024' -c '\set VERBOSITY verbose' \
		-c 'SELECT count(*) FROM attachment_exponent(replicates => 0)' 2>&1)"
t_done
