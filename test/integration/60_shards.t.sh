# Scaling out (docs/guide-scaling-out.md): the runner's database is the coordinator, two shard
# servers on 127.0.0.1 are started here (scripts/lib/shards.sh, the same code as
# scripts/shard-demo) and stopped at the end. The canonical tables are partitioned by run
# across the shards as postgres_fdw foreign partitions; every result must equal the one the
# coordinator computes from its own copy of the same runs (one server): rows and counts exactly,
# fits to 1e-12 relative. Bad input: a shard reporting another build, a shard whose states
# have another format, a shard with collcog 0.1.0, a shard down -- each an error at the
# coordinator, with no rows.
# Needs a superuser (postgres_fdw lets only superusers connect without a password) and
# postgres_fdw and dblink on the runner's server.
source "$(dirname "$0")/lib.sh"
source "$REPO_ROOT/scripts/lib/shards.sh"

nodes=$(mktemp -d)
chmod 755 "$nodes"
trap 'for n in s2 s1; do shard_node_stop "$nodes" $n; done; rm -rf "$nodes"' EXIT
for n in s1 s2; do
	shard_node_start "$nodes" $n || { t_fail "shard $n starts"; t_done; }
	shard_psql "$nodes" $n -c 'CREATE EXTENSION collcog'
done
s2() { shard_psql "$nodes" s2 "$@"; }

sql "CREATE EXTENSION postgres_fdw; CREATE EXTENSION dblink"
{
	shard_server_sql s1 "$(shard_port "$nodes" s1)"
	shard_server_sql s2 "$(shard_port "$nodes" s2)"
	shard_tables_sql sharded s1 s2
} | psql -XAtq -v ON_ERROR_STOP=1

# The same runs in the coordinator's own tables (one server) and, through the coordinator, on
# the shards (hash of run_id).
sql "CALL simulate_routing_into(n_agents => 8, steps => 400, runs => 10, seed => 5, run_prefix => 'sh')"
sql "CALL simulate_routing_into(n_agents => 6, steps => 300, runs => 6, seed => 6, topology => 'star', run_prefix => 'st')"
for t in runs agents events messages; do sql "INSERT INTO sharded.$t SELECT * FROM public.$t"; done
sql "SELECT * FROM build_cascades()" >/dev/null
t_eq "both shards hold runs" "2" "$(sql "SELECT count(DISTINCT tableoid) FROM sharded.runs")"

# Cascades: built on each shard, started from the coordinator.
built=$(sql "SELECT count(*), sum(runs_built), sum(cascades) FROM shard_build_cascades('sharded.events')")
t_eq "shard_build_cascades: one row per shard, every run built, the one-server cascade count" \
	"2|16|$(sql "SELECT count(*) FROM public.cascades")" "$built"
for t in claims subtasks cascades cascade_agents; do
	t_eq "$t on the shards equal one server's, row for row" "0|0" \
		"$(sql "SELECT (SELECT count(*) FROM (SELECT * FROM public.$t EXCEPT ALL SELECT * FROM sharded.$t) a),
		               (SELECT count(*) FROM (SELECT * FROM sharded.$t EXCEPT ALL SELECT * FROM public.$t) b)")"
done

# Global results from merged states.
t_eq "collcog_build names the installed version" "t" \
	"$(sql "SELECT collcog_build(0) LIKE 'collcog ' || extversion || ' (%' FROM pg_extension WHERE extname = 'collcog'")"
t_eq "shard_tail_hist equals the one-server tail_hist" "t" \
	"$(sql "SELECT shard_tail_hist('sharded.cascades', 'tce')::text = (SELECT tail_hist(tce)::text FROM public.cascades)")"
t_eq "shard_effort_hist equals the one-server effort_hist" "t" \
	"$(sql "SELECT shard_effort_hist('sharded.cascade_agents', 'claims')::text
	            = (SELECT effort_hist(claims)::text FROM public.cascade_agents)")"
rel="abs(a - b) <= 1e-12 * abs(b)"
t_eq "tpl_fit and pl_fit over merged states equal one server's (1e-12 relative, tail counts exact)" "t|t|t|t|t|t" \
	"$(sql "WITH s AS (SELECT tpl_fit(shard_tail_hist('sharded.cascades', 'tce')) t,
	                          pl_fit(shard_tail_hist('sharded.cascades', 'tce')) p),
	             o AS (SELECT tpl_fit(tce) t, pl_fit(tce) p FROM public.cascades)
	        SELECT (SELECT $rel FROM (VALUES ((s.t).alpha, (o.t).alpha)) v(a, b)),
	               (SELECT a = b OR $rel FROM (VALUES ((s.t).lambda, (o.t).lambda)) v(a, b)),
	               (SELECT $rel FROM (VALUES ((s.t).loglik, (o.t).loglik)) v(a, b)),
	               (SELECT $rel FROM (VALUES ((s.p).alpha, (o.p).alpha)) v(a, b)),
	               (s.t).n_tail = (o.t).n_tail AND (s.t).xmin = (o.t).xmin,
	               (s.p).n_tail = (o.p).n_tail AND (s.p).xmin = (o.p).xmin
	        FROM s, o")"
t_eq "gini and top_share over merged states equal one server's (1e-12 relative)" "t|t" \
	"$(sql "WITH s AS (SELECT shard_effort_hist('sharded.cascade_agents', 'claims') h),
	             o AS (SELECT gini(claims) g, top_share(claims, 0.1) t FROM public.cascade_agents)
	        SELECT abs(gini(s.h) - o.g) <= 1e-12 * o.g, abs(top_share(s.h, 0.1) - o.t) <= 1e-12 * o.t FROM s, o")"
t_eq "shard_states: one state per partition, counts exact" "2|$(sql "SELECT count(tce) FROM public.cascades")" \
	"$(sql "SELECT count(*), sum(rows_seen) FROM shard_states('sharded.cascades', 'tce', 'tail_hist')")"

t_eq "per topology (not the partition key): per-run states pushed down, merged by group, equal one server's" "0" \
	"$(sql "SET enable_partitionwise_aggregate = on;
	        SELECT count(*) FROM (SELECT r.topology, tpl_fit(tail_hist_merge(s.h::tail_hist)) f
	                              FROM (SELECT run_id, tail_hist(tce)::bytea h FROM sharded.cascades GROUP BY run_id) s
	                              JOIN sharded.runs r USING (run_id) GROUP BY r.topology) s
	        FULL JOIN (SELECT r.topology, tpl_fit(c.tce) f FROM public.cascades c JOIN public.runs r USING (run_id)
	                   GROUP BY r.topology) o USING (topology)
	        WHERE s.topology IS NULL OR o.topology IS NULL OR (s.f).n_tail <> (o.f).n_tail
	           OR (s.f).xmin <> (o.f).xmin OR NOT abs((s.f).alpha - (o.f).alpha) <= 1e-12 * abs((o.f).alpha)")"
t_eq "... over two topologies" "2" "$(sql "SELECT count(DISTINCT topology) FROM sharded.runs")"

# Per-run work runs whole on each shard.
plan=$(sql "SET enable_partitionwise_aggregate = on;
            EXPLAIN (VERBOSE, COSTS OFF) SELECT run_id, tpl_fit(tce), gini(size) FROM sharded.cascades GROUP BY run_id")
t_eq "grouped by run, each shard's fits are in its remote SQL (two remote aggregates)" "2" \
	"$(printf '%s\n' "$plan" | grep -c 'Remote SQL: SELECT run_id, public.tpl_fit(tce), public.gini(size) FROM public.cascades GROUP BY 1')"
t_eq "... with no aggregation left at the coordinator, both shards at once" "0|2" \
	"$(printf '%s\n' "$plan" | grep -vc 'Relations: Aggregate on\|Remote SQL\|Output\|Append\|Foreign Scan')|$(printf '%s\n' "$plan" | grep -c 'Async Foreign Scan')"
t_eq "per-run fits and concentration through the shards equal one server's" "0" \
	"$(sql "SET enable_partitionwise_aggregate = on;
	        SELECT count(*) FROM (SELECT run_id, tpl_fit(tce) f, gini(size) g FROM sharded.cascades GROUP BY run_id) s
	        FULL JOIN (SELECT run_id, tpl_fit(tce) f, gini(size) g FROM public.cascades GROUP BY run_id) o USING (run_id)
	        WHERE s.run_id IS NULL OR o.run_id IS NULL OR (s.f).n_tail <> (o.f).n_tail
	           OR (s.f).xmin IS DISTINCT FROM (o.f).xmin
	           OR NOT coalesce(abs((s.f).alpha - (o.f).alpha) <= 1e-12 * abs((o.f).alpha), (s.f).alpha IS NULL AND (o.f).alpha IS NULL)
	           OR NOT abs(s.g - o.g) <= 1e-12 * abs(o.g) OR (s.g = 0) <> (o.g = 0)")"
t_eq "PostgreSQL 15 pulls every row for a global aggregate over the partitions (why shard_states exists)" "2" \
	"$(sql "SET enable_partitionwise_aggregate = on; EXPLAIN (VERBOSE, COSTS OFF) SELECT tail_hist(tce) FROM sharded.cascades" \
		| grep -c 'Remote SQL: SELECT tce FROM public.cascades$')"

t_match "a column of another type is the coordinator's error (42804), not a shard's" \
	'^42804 column "run_id" of relation "sharded.runs" is text, not a number type tail_hist takes$' \
	"$(sql_error "SELECT shard_tail_hist('sharded.runs', 'run_id')")"
t_match "a column that does not exist (42703)" '^42703 column "no_such_column" of relation "sharded.cascades" does not exist$' \
	"$(sql_error "SELECT shard_tail_hist('sharded.cascades', 'no_such_column')")"
t_match "a table that is not partitioned (42809)" '^42809 ' \
	"$(sql_error "SELECT shard_tail_hist('public.cascades', 'tce')")"
t_match "an unknown state (22023)" '^22023 unknown state "gini"$' \
	"$(sql_error "SELECT * FROM shard_states('sharded.cascades', 'tce', 'gini')")"

# Bad input. (1) A shard that reports another build (faked: its collcog_build replaced).
real_build=$(s2 -c "SELECT pg_get_functiondef('public.collcog_build(bigint)'::regprocedure)")
s2 -c "CREATE OR REPLACE FUNCTION public.collcog_build(anchor bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE
       AS \$\$BEGIN RETURN 'collcog 0.3.0 (tail_hist format 2, effort_hist format 1)'; END\$\$"
t_match "a shard on another build: shard_tail_hist fails naming the partition (55000)" \
	'^55000 partition "sharded.cascades_s2" runs another collcog build than the coordinator$' \
	"$(sql_error "SELECT shard_tail_hist('sharded.cascades', 'tce')")"
t_match "... and so does shard_build_cascades, naming the server, before building anything" \
	'^55000 server "s2" runs another collcog build' \
	"$(sql_error "SELECT * FROM shard_build_cascades('sharded.events')")"
t_eq "... which leaves no dblink connection open" "" "$(sql "SELECT dblink_get_connections()")"
s2 -c "$real_build"

# (2) A shard whose states have another format (faked: its cast to bytea writes format 2, the
# version byte of the binary form, while it reports the same build).
s2 <<-'EOF'
	ALTER EXTENSION collcog DROP CAST (tail_hist AS bytea);
	DROP CAST (tail_hist AS bytea);
	CREATE FUNCTION format2(tail_hist) RETURNS bytea LANGUAGE sql IMMUTABLE
	    RETURN set_byte(tail_hist_send($1), 4, 2);
	CREATE CAST (tail_hist AS bytea) WITH FUNCTION format2(tail_hist);
EOF
t_match "a state of another format: shard_tail_hist fails at the coordinator (binary form's version)" \
	'^22P03 partition "sharded.cascades_s2" sent a tail_hist the coordinator cannot read$' \
	"$(sql_error "SELECT shard_tail_hist('sharded.cascades', 'tce')")"
s2 <<-'EOF'
	DROP CAST (tail_hist AS bytea);
	DROP FUNCTION format2(tail_hist);
	CREATE CAST (tail_hist AS bytea) WITHOUT FUNCTION;
	ALTER EXTENSION collcog ADD CAST (tail_hist AS bytea);
EOF
t_eq "... and the shard's own cast restored, the merge works again" "t" \
	"$(sql "SELECT shard_tail_hist('sharded.cascades', 'tce')::text = (SELECT tail_hist(tce)::text FROM public.cascades)")"

# (3) A shard with collcog 0.1.0 installed (a real older version: no collcog_build).
s2 -c "DROP EXTENSION collcog CASCADE" -c "CREATE EXTENSION collcog VERSION '0.1.0'" 2>/dev/null
t_match "a shard with collcog 0.1.0: shard_tail_hist fails (55000)" \
	"^55000 a partition's server runs another collcog build than the coordinator$" \
	"$(sql_error "SELECT shard_tail_hist('sharded.cascades', 'tce')")"
t_match "... and so does shard_build_cascades" "^55000 a shard's server runs another collcog build" \
	"$(sql_error "SELECT * FROM shard_build_cascades('sharded.events')")"

# (4) A shard down: errors, no rows.
shard_node_stop "$nodes" s2
t_match "a shard down: shard_tail_hist fails (08001, cannot connect)" '^08001 ' \
	"$(sql_error "SELECT shard_tail_hist('sharded.cascades', 'tce')")"
t_match "... shard_build_cascades fails" '^08001 ' \
	"$(sql_error "SELECT * FROM shard_build_cascades('sharded.events')")"
out=$(psql -XAtq -c "SET enable_partitionwise_aggregate = on" \
	-c "SELECT run_id, tpl_fit(tce) FROM sharded.cascades GROUP BY run_id" 2>/dev/null)
t_eq "... and the per-run fits give no partial result (no rows, an error)" "1|" "$?|$out"
t_done
