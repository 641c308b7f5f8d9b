#!/usr/bin/env bash
# Benchmark (issue 17): a global fit over two shards, through merged states against pulling
# the rows, and two shards against one.
#
#   test/bench/shards.sh          (from the repo root; collcog installed where pg_config points)
#
# Starts a coordinator and two shards on 127.0.0.1 (scripts/lib/shards.sh, as scripts/shard-demo
# does) and stops them at the end. Each shard holds N (default 5,000,000) values in its own
# table obs, x = floor(u^(-1/1.5)) for a seeded uniform u (Knuth's multiplicative hash of the
# row number, a different stream per shard): a discrete power law with alpha near 2.5. The
# coordinator's obs is partitioned by LIST (part), one postgres_fdw foreign partition per shard
# (async_capable); obs_one has only shard 1's.
#
# Timed (psql's \timing, the median of ROUNDS (default 3) runs, in one coordinator session):
#   states      SELECT pl_fit(shard_tail_hist('obs', 'x'))      each shard sends its tail_hist
#   rows        SELECT pl_fit(x) FROM obs                         PostgreSQL 15 pulls every row
#   the states and rows paths again without the fit (tail_hist only), which both pay, and
#   the fit alone (pl_fit of the merged state, stored in a table)
#   one shard   SELECT shard_tail_hist('obs_one', 'x')            the states of shard 1 only
#   serial      SELECT shard_tail_hist('obs', 'x') with async_capable 'false' on both servers
#   rows again with postgres_fdw's default fetch_size (100 rows per round trip) instead of 10000
# Bytes moved: what the shards sent on their connections to the coordinator while it ran the
# statement once (the second time in its session, so the connections are open), as the kernel
# counts it (ss -i, bytes_sent; Linux with iproute2): the protocol's bytes, messages included.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
source "$repo/scripts/lib/shards.sh"
N=${N:-5000000}
ROUNDS=${ROUNDS:-3}

dir=$(mktemp -d)
chmod 755 "$dir"
trap 'for n in s2 s1 coord; do shard_node_stop "$dir" $n || true; done; rm -rf "$dir"' EXIT
for n in coord s1 s2; do shard_node_start "$dir" $n; done
coord() { shard_psql "$dir" coord "$@"; }

for k in 1 2; do
	shard_psql "$dir" s$k -c 'CREATE EXTENSION collcog' \
		-c "CREATE TABLE obs AS SELECT $k AS part,
		        floor(power(((i * 2654435761 + $k * 40503) % 4294967296 + 1) / 4294967297.0, -1 / 1.5))::bigint AS x
		    FROM generate_series(1, $N) i" \
		-c 'VACUUM ANALYZE obs'
done
coord -c 'CREATE EXTENSION collcog' -c 'CREATE EXTENSION postgres_fdw'
{
	shard_server_sql s1 "$(shard_port "$dir" s1)"
	shard_server_sql s2 "$(shard_port "$dir" s2)"
	cat <<-'EOF'
	CREATE TABLE obs (part int, x bigint) PARTITION BY LIST (part);
	CREATE FOREIGN TABLE obs_s1 PARTITION OF obs FOR VALUES IN (1) SERVER s1 OPTIONS (table_name 'obs');
	CREATE FOREIGN TABLE obs_s2 PARTITION OF obs FOR VALUES IN (2) SERVER s2 OPTIONS (table_name 'obs');
	CREATE TABLE obs_one (part int, x bigint) PARTITION BY LIST (part);
	CREATE FOREIGN TABLE obs_one_s1 PARTITION OF obs_one FOR VALUES IN (1) SERVER s1 OPTIONS (table_name 'obs');
	ANALYZE obs_s1, obs_s2, obs_one_s1;
	EOF
} | coord

# median_ms STATEMENT: the median of ROUNDS timings of STATEMENT after one warm-up run.
median_ms() {
	local args=(-c "$1" -c '\timing on')
	for _ in $(seq "$ROUNDS"); do args+=(-c "$1"); done
	coord "${args[@]}" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -n \
		| awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# shard_bytes_sent: the bytes the shards have sent so far on their open TCP connections (the
# kernel's count, ss -i: bytes_sent).
shard_bytes_sent() {
	ss -tinH state established "( sport = :$(shard_port "$dir" s1) or sport = :$(shard_port "$dir" s2) )" \
		| grep -o 'bytes_sent:[0-9]*' | awk -F: '{ n += $2 } END { print n + 0 }'
}
# bytes_moved STATEMENT: what the shards wrote while the coordinator ran STATEMENT once, in a
# session whose connections to both shards a first run opened.
bytes_moved() {
	local fifo=$dir/session before after
	mkfifo "$fifo"
	coord <"$fifo" >/dev/null &
	local psql_pid=$!
	exec 9>"$fifo"
	echo "$1;" >&9
	# Wait until both shards have their postgres_fdw backend idle, then measure.
	wait_idle() {
		for _ in $(seq 600); do
			local n=0 k
			for k in 1 2; do
				n=$((n + $(shard_psql "$dir" s$k -c "SELECT count(*) FROM pg_stat_activity
				         WHERE application_name = 'postgres_fdw' AND state = 'idle'")))
			done
			[ "$n" -ge 2 ] && [ -z "$(coord -c "SELECT 1 FROM pg_stat_activity WHERE application_name = 'psql'
				AND state = 'active' AND pid <> pg_backend_pid()")" ] && return 0
			sleep 0.2
		done
		return 1
	}
	wait_idle
	before=$(shard_bytes_sent)
	echo "$1;" >&9
	sleep 0.5
	wait_idle
	after=$(shard_bytes_sent)
	exec 9>&-
	wait "$psql_pid"
	rm -f "$fifo"
	echo $((after - before))
}

states_q="SELECT pl_fit(shard_tail_hist('obs', 'x'))"
rows_q="SELECT pl_fit(x) FROM obs"
# The same two paths without the fit (which both pay at the coordinator): the merged state
# against the state of the pulled rows; and the fit alone, on the merged state stored.
hist_states_q="SELECT shard_tail_hist('obs', 'x') IS NOT NULL"
hist_rows_q="SELECT tail_hist(x) IS NOT NULL FROM obs"
fit_q="SELECT pl_fit(h) FROM merged"
# The shards' work, one shard against two (the fit left out: its cost grows with the distinct
# values, which two shards have more of than one).
one_q="SELECT shard_tail_hist('obs_one', 'x') IS NOT NULL"
coord -c "CREATE TABLE merged AS SELECT shard_tail_hist('obs', 'x') AS h"

same=$(coord -c "SELECT (a).alpha = (b).alpha AND (a).xmin = (b).xmin AND (a).n_tail = (b).n_tail
                 FROM ($states_q) s(a), ($rows_q) r(b)")
shape=$(coord -F ', ' -c "SELECT (s).n, (s).xmin, (s).alpha, (SELECT count(*) FROM shard_states('obs', 'x', 'tail_hist')),
                         (SELECT sum(length(state_bytes)) FROM shard_states('obs', 'x', 'tail_hist'))
                         FROM ($states_q) q(s)")
states_ms=$(median_ms "$states_q")
rows_ms=$(median_ms "$rows_q")
one_ms=$(median_ms "$one_q")
hist_states_ms=$(median_ms "$hist_states_q")
hist_rows_ms=$(median_ms "$hist_rows_q")
fit_ms=$(median_ms "$fit_q")
coord -c "ALTER SERVER s1 OPTIONS (SET async_capable 'false')" -c "ALTER SERVER s2 OPTIONS (SET async_capable 'false')"
serial_ms=$(median_ms "$hist_states_q")
coord -c "ALTER SERVER s1 OPTIONS (DROP fetch_size)" -c "ALTER SERVER s2 OPTIONS (DROP fetch_size)"
rows100_ms=$(median_ms "$rows_q")
coord -c "ALTER SERVER s1 OPTIONS (ADD fetch_size '10000')" -c "ALTER SERVER s2 OPTIONS (ADD fetch_size '10000')"
coord -c "ALTER SERVER s1 OPTIONS (SET async_capable 'true')" -c "ALTER SERVER s2 OPTIONS (SET async_capable 'true')"
states_bytes=$(bytes_moved "$states_q")
rows_bytes=$(bytes_moved "$rows_q")

cat <<EOF
shards: values, xmin, alpha, partitions, state bytes (binary): $shape
the same fit both ways (alpha, xmin, n_tail equal): $same
states: $states_q (median of $ROUNDS): $states_ms ms
rows:   $rows_q (median of $ROUNDS): $rows_ms ms
rows with postgres_fdw's default fetch_size (100) (median of $ROUNDS): $rows100_ms ms
states without the fit: $hist_states_q (median of $ROUNDS): $hist_states_ms ms
rows without the fit:   $hist_rows_q (median of $ROUNDS): $hist_rows_ms ms
the fit alone: $fit_q (median of $ROUNDS): $fit_ms ms
one shard: $one_q (median of $ROUNDS): $one_ms ms
two shards one after the other (async_capable false), states without the fit (median of $ROUNDS): $serial_ms ms
bytes the shards sent, states: $states_bytes
bytes the shards sent, rows:   $rows_bytes
EOF
awk -v s="$states_ms" -v r="$rows_ms" -v r100="$rows100_ms" -v hs="$hist_states_ms" -v hr="$hist_rows_ms" -v o="$one_ms" -v q="$serial_ms" -v sb="$states_bytes" -v rb="$rows_bytes" 'BEGIN {
	printf "ratio rows / states time:          %.1f  (at least 10)\n", r / s
	printf "ratio rows / states time, no fit:  %.1f\n", hr / hs
	printf "ratio rows (fetch_size 100) / states time: %.1f\n", r100 / s
	printf "ratio rows / states bytes:         %.0f  (at least 100)\n", rb / sb
	printf "ratio two shards / one shard time: %.2f  (about 1 when the shards work at once)\n", hs / o
	printf "ratio serial / async time:         %.2f\n", q / hs }'
