# A throwaway PostgreSQL cluster for the checks that need a server of their own (valgrind,
# sqlsmith): initdb in a new directory, the server started directly (so a wrapper such as
# valgrind can run it), reached only through a Unix socket in that directory. Sourced.
#
#   cluster_start DIR [WRAPPER...]   initdb into DIR/data and start the server (under WRAPPER),
#                                    log in DIR/postmaster.log; exports PGHOST, PGPORT, PGUSER
#   cluster_stop DIR                 stop it; returns the exit status of the server (or WRAPPER)
#   cluster_crashes DIR              print the server log's reports of crashed processes
#
# As root the server runs as the postgres user (it refuses root), otherwise as the caller; DIR
# and whatever WRAPPER reads must then be readable by postgres.
# PG_CONFIG selects the installation (default: pg_config on PATH). Extra server settings can
# be given in the array CLUSTER_SETTINGS ("name=value" items).

cluster_bindir=$("${PG_CONFIG:-pg_config}" --bindir)
cluster_as=()
[ "$(id -u)" -eq 0 ] && cluster_as=(runuser -u postgres --)

cluster_start() {
	local dir=$1 s opts=()
	shift
	[ ${#cluster_as[@]} -eq 0 ] || chown postgres "$dir"
	# Never a server the caller's PG* variables name.
	unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGSERVICE PGUSER PGOPTIONS
	"${cluster_as[@]}" "$cluster_bindir/initdb" -D "$dir/data" -U postgres --auth=trust \
		-E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
		|| { cat "$dir/initdb.log" >&2; return 1; }
	# Only the socket in $dir: no port can clash with another server.
	for s in listen_addresses= "unix_socket_directories=$dir" port=5432 fsync=off \
		${CLUSTER_SETTINGS[@]+"${CLUSTER_SETTINGS[@]}"}; do
		opts+=(-c "$s")
	done
	(cd "$dir" && exec "${cluster_as[@]}" "$@" "$cluster_bindir/postgres" -D "$dir/data" "${opts[@]}") \
		>"$dir/postmaster.log" 2>&1 &
	cluster_pid=$!
	export PGHOST=$dir PGPORT=5432 PGUSER=postgres
	# A server under valgrind takes a while to come up.
	for _ in $(seq 300); do
		"$cluster_bindir/pg_isready" -q -t 1 && return 0
		kill -0 "$cluster_pid" 2>/dev/null || break
		sleep 1
	done
	echo "the throwaway server did not start; $dir/postmaster.log:" >&2
	tail -n 20 "$dir/postmaster.log" >&2
	return 1
}

cluster_stop() {
	local dir=$1
	[ -n "${cluster_pid:-}" ] || return 0
	"${cluster_as[@]}" "$cluster_bindir/pg_ctl" stop -D "$dir/data" -m fast -t 600 -s \
		|| kill -QUIT "$cluster_pid" 2>/dev/null
	wait "$cluster_pid"
	local rc=$?
	cluster_pid=
	return $rc
}

# The server log's lines on processes that crashed or exited abnormally (which makes the
# postmaster restart; exit code 1 is an ordinary ERROR or FATAL exit), each followed by the
# query the process was running when the log gives it.
cluster_crashes() {
	awk '/terminated by signal|exited with exit code|terminated by exception|TRAP:|PANIC:/ &&
			!/exited with exit code 1$/ { p = 1; print; next }
		p && /^[0-9][0-9][0-9][0-9]-/ && !/DETAIL:  Failed process was running/ { p = 0 }
		p' "$1/postmaster.log"
}
