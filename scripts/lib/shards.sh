# Shard servers on loopback for the scaling-out recipe (docs/guide-scaling-out.md), shared by
# scripts/shard-demo, test/integration/60_shards.t.sh and test/bench/shards.sh. Sourced (bash).
#
#   shard_node_start DIR NAME    initdb DIR/NAME/data and start it on 127.0.0.1 at a free port
#                                (its socket in DIR/NAME too); prints nothing, see shard_port
#   shard_port DIR NAME          the port of a started node
#   shard_psql DIR NAME [ARGS]   psql as postgres to database postgres of the node
#   shard_node_stop DIR NAME     stop the node (fast shutdown); 0 when it was not running
#   shard_server_sql NAME PORT   the coordinator's SQL for a postgres_fdw server NAME at PORT on
#                                127.0.0.1 (extensions 'collcog', async_capable) and its
#                                user mapping for the current user
#   shard_tables_sql SCHEMA SERVER...
#                                the coordinator's SQL for SCHEMA.T, for each canonical table T
#                                partitioned by HASH (run_id), partition k a foreign table on the
#                                k-th SERVER's public.T
#
# As root the servers run as the postgres user (they refuse root); DIR must then be writable
# by postgres. PG_CONFIG selects the installation (default: pg_config on PATH); every node
# loads collcog from it.

shard_bindir=$("${PG_CONFIG:-pg_config}" --bindir)
shard_as=()
[ "$(id -u)" -eq 0 ] && shard_as=(runuser -u postgres --)
# The canonical tables a coordinator partitions by run (the derived ones included: each shard
# builds its own runs' cascades).
SHARD_TABLES="runs agents events messages claims subtasks cascades cascade_agents"

# A port nothing listens on at 127.0.0.1 (a race with another starter is caught by the start).
shard_free_port() {
	local port
	for _ in $(seq 200); do
		port=$((20000 + RANDOM % 20000))
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
	done
	return 1
}

shard_node_start() {
	local dir=$1/$2 port
	mkdir -p "$dir"
	[ ${#shard_as[@]} -eq 0 ] || chown postgres "$dir"
	"${shard_as[@]}" "$shard_bindir/initdb" -D "$dir/data" -U postgres --auth=trust \
		-E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
		|| { cat "$dir/initdb.log" >&2; return 1; }
	for _ in 1 2 3; do
		port=$(shard_free_port) || return 1
		if "${shard_as[@]}" "$shard_bindir/pg_ctl" start -D "$dir/data" -w -t 120 -s -l "$dir/postmaster.log" \
			-o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" \
			>/dev/null 2>&1; then
			echo "$port" >"$dir/port"
			return 0
		fi
	done
	echo "node $2 did not start; $dir/postmaster.log:" >&2
	tail -n 20 "$dir/postmaster.log" >&2
	return 1
}

shard_port() { cat "$1/$2/port"; }

shard_psql() {
	local dir=$1 name=$2
	shift 2
	env -u PGHOST -u PGHOSTADDR -u PGPORT -u PGDATABASE -u PGSERVICE -u PGUSER -u PGOPTIONS \
		psql -XAtq -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(shard_port "$dir" "$name")" -U postgres -d postgres "$@"
}

shard_node_stop() {
	local dir=$1/$2
	[ -f "$dir/data/postmaster.pid" ] || return 0
	"${shard_as[@]}" "$shard_bindir/pg_ctl" stop -D "$dir/data" -m fast -t 120 -s
}

shard_server_sql() {
	cat <<-EOF
	CREATE SERVER $1 FOREIGN DATA WRAPPER postgres_fdw
	    OPTIONS (host '127.0.0.1', port '$2', dbname 'postgres',
	             extensions 'collcog', async_capable 'true', fetch_size '10000');
	CREATE USER MAPPING FOR CURRENT_USER SERVER $1 OPTIONS (user 'postgres');
	EOF
}

shard_tables_sql() {
	local schema=$1 t k n
	shift
	n=$#
	echo "CREATE SCHEMA $schema;"
	for t in $SHARD_TABLES; do
		echo "CREATE TABLE $schema.$t (LIKE public.$t INCLUDING DEFAULTS) PARTITION BY HASH (run_id);"
		k=0
		for server in "$@"; do
			echo "CREATE FOREIGN TABLE $schema.${t}_$server PARTITION OF $schema.$t
			    FOR VALUES WITH (MODULUS $n, REMAINDER $k)
			    SERVER $server OPTIONS (schema_name 'public', table_name '$t');"
			k=$((k + 1))
		done
	done
}
