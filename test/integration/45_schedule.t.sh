# The scheduled refresh of docs/guide-scheduling.md, for real: a throwaway cluster of its own
# started with pg_cron preloaded (the runner's server has no pg_cron), the BI views copied by
# bi_materialize(), new runs written, and a pg_cron job that builds the stale runs and calls
# bi_refresh(); the test waits until cron.job_run_details records a succeeded run and the
# copies hold the new runs, then unschedules the job. Before, a pg_dump of the warehouse
# restores the copies filled.
source "$(dirname "$0")/lib.sh"
source "$REPO_ROOT/test/lib/cluster.sh"

t_need "pg_cron is installed" "apt-get install postgresql-15-cron" \
	test -r "$("${PG_CONFIG:-pg_config}" --sharedir)/extension/pg_cron.control"

work=$(mktemp -d)
chmod 755 "$work"
trap 'cluster_stop "$work" >/dev/null 2>&1; rm -rf "$work"' EXIT
CLUSTER_SETTINGS=(shared_preload_libraries=pg_cron cron.database_name=warehouse
	cron.use_background_workers=on)
cluster_start "$work" || { t_fail "a cluster with pg_cron preloaded starts"; t_done; }
export PGDATABASE=warehouse
createdb -T template0 -E UTF8 --locale=C warehouse
sql "CREATE EXTENSION collcog"
sql "CALL simulate_routing_into(n_agents => 8, steps => 800, runs => 3, context_window => 50,
     topology => 'chain', seed => 1, run_prefix => 'old')"
sql "SELECT build_cascades()" >/dev/null
sql "SELECT bi_materialize()" >/dev/null
t_eq "the copies hold the first runs" "3" \
	"$(sql "SELECT runs FROM collcog_bi.bi_concentration WHERE level = 'pooled'")"

# The copies are the user's (docs/guide-scheduling.md): pg_dump keeps them, and the restore
# fills them from the restored rows. (Before pg_cron, which exists in one database only.)
createdb -T template0 -E UTF8 --locale=C restored
"$cluster_bindir/pg_dump" warehouse | psql -XAtq -v ON_ERROR_STOP=1 -d restored >/dev/null 2>"$work/restore.err"
t_eq "the dump restores without errors" "" "$(cat "$work/restore.err")"
t_eq "the restored copies are filled and equal the views" "t|0" \
	"$(psql -XAtq -d restored -c "SELECT bool_and(ispopulated) FROM pg_matviews WHERE schemaname = 'collcog_bi'" \
	        -c "SELECT count(*) FROM ((SELECT * FROM collcog_bi.bi_tail_fits EXCEPT SELECT * FROM bi_tail_fits)
	            UNION ALL (SELECT * FROM bi_tail_fits EXCEPT SELECT * FROM collcog_bi.bi_tail_fits)) d" | paste -sd'|')"

sql "CREATE EXTENSION pg_cron"
t_match "pg_cron is loaded" '^1\.' "$(sql "SELECT extversion FROM pg_extension WHERE extname = 'pg_cron'")"

# New runs of another topology, not built yet: the job must build them and refresh.
sql "CALL simulate_routing_into(n_agents => 16, steps => 800, runs => 2, context_window => 50,
     topology => 'star', seed => 2, run_prefix => 'new')"

# pg_cron 1.5 runs jobs every few seconds; 1.4 (Debian 12) every minute at the least.
command="SELECT build_cascades(ARRAY(SELECT run_id FROM stale_runs), on_error => 'skip'); SELECT bi_refresh()"
if ! job=$(sql "SELECT cron.schedule('collcog-bi-refresh', '2 seconds', \$\$$command\$\$)" 2>/dev/null); then
	job=$(sql "SELECT cron.schedule('collcog-bi-refresh', '* * * * *', \$\$$command\$\$)")
fi
t_match "the refresh is scheduled" '^[0-9]+$' "$job"

status=
for _ in $(seq 1 150); do
	status=$(sql "SELECT status FROM cron.job_run_details WHERE jobid = $job AND end_time IS NOT NULL
	              ORDER BY runid LIMIT 1")
	[ -n "$status" ] && break
	sleep 1
done
t_eq "a scheduled run succeeded" "succeeded" "$status"
[ "$status" = succeeded ] || sql "SELECT return_message FROM cron.job_run_details WHERE jobid = $job"
t_eq "it built the new runs" "0" "$(sql "SELECT count(*) FROM stale_runs")"
t_eq "the copies hold the new runs" "5|2" \
	"$(sql "SELECT (SELECT runs FROM collcog_bi.bi_concentration WHERE level = 'pooled'),
	               (SELECT count(*) FROM collcog_bi.bi_tail_fits WHERE level = 'topology' AND observable = 'tce')")"
t_eq "the copies equal the views" "0" \
	"$(sql "SELECT count(*) FROM ((SELECT * FROM collcog_bi.bi_tail_fits EXCEPT SELECT * FROM bi_tail_fits)
	        UNION ALL (SELECT * FROM bi_tail_fits EXCEPT SELECT * FROM collcog_bi.bi_tail_fits)) d")"

t_eq "the job is unscheduled" "t" "$(sql "SELECT cron.unschedule('collcog-bi-refresh')")"
t_eq "no job is left" "0" "$(sql "SELECT count(*) FROM cron.job")"
t_done
