#!/usr/bin/env bash
# Benchmark (issue 14): dti_replay() against build_cascades() on the same events, the
# 1.5M-event warehouse of test/bench/build_cascades.sh. Target: dti_replay() at most the
# time of build_cascades(). The parameters (c = 0.5, beta_c = 1, tau = 3) make DTI fire in
# the large cascades, so the replay also lists branch heads. Medians of ROUNDS (default 3)
# timings, each after a CHECKPOINT, all measured in this run.
#
#   test/bench/dti_replay.sh                   against the server the PG* variables select
#   pg_virtualenv -t test/bench/dti_replay.sh  on a throwaway cluster
set -euo pipefail
DB=${BENCH_DB:-collcog_bench_dti}
. "$(dirname "$0")/lib.sh"

scratch_db
bench_warehouse
echo "dti_replay: $RUNS runs x $STEPS steps = $(psql_q -c 'SELECT count(*) FROM events') events, N = $N"
read -r build_s build_all <<<"$(median_of 'SELECT * FROM build_cascades()')"
read -r replay_s replay_all <<<"$(median_of 'SELECT count(*) FROM dti_replay(1.0, 0.5, 3)')"
read -r series_s series_all <<<"$(median_of 'SELECT count(*) FROM dti_series(1.0, 0.5, 3)')"
echo "build_cascades():                      ${build_s} s $build_all"
echo "dti_replay(1.0, 0.5, 3):               ${replay_s} s $replay_all"
echo "dti_series(1.0, 0.5, 3):               ${series_s} s $series_all"
echo "triggers: $(psql_q -c "SELECT count(*) || ' (heads in those cascades: ' || sum(n_heads) || ')' FROM dti_replay(1.0, 0.5, 3)")"
awk -v b="$build_s" -v r="$replay_s" -v s="$series_s" 'BEGIN {
	printf "ratio dti_replay() / build_cascades(): %.2f (target at most 1)\n", r / b
	printf "ratio dti_series() / build_cascades(): %.2f\n", s / b }'
