# scripts/demo against the runner's server (its part after install and build): it loads and
# describes the sample traces, simulates the warehouse at N = 8, 32, 128 and prints the
# headline per topology from the BI views, and writes the report; run twice, it replaces its
# own runs.
source "$(dirname "$0")/lib.sh"

report_dir=$(mktemp -d)
trap 'rm -rf "$report_dir"' EXIT
out=$(COLLCOG_DEMO_INSIDE=1 "$REPO_ROOT/scripts/demo" --report "$report_dir/r.html" 2>&1); rc=$?
t_eq "the demo succeeds" "0" "$rc"
t_match "it prints where the report is" "the report with figures .*: $report_dir/r.html" \
	"$(printf '%s\n' "$out" | tail -n 2 | tr '\n' ' ')"
t_match "the report has the overview" '<section id="overview"><h2>Overview of the warehouse' \
	"$(cat "$report_dir/r.html")"
for section in h1 h2 h3 dti; do
	t_match "the report has the section $section with a figure" "<section id=\"$section\">.*<svg" \
		"$(tr '\n' ' ' <"$report_dir/r.html" | grep -o "<section id=\"$section\">.*" | sed 's#</section>.*##')"
done
t_match "it loads the sample and says the first tables show it" \
	"traces loaded from sample-traces.jsonl; the tables up to the simulation show them" "$out"
t_match "it says the tables after the simulation show the simulated warehouse" \
	"the tables from here on show it \(task_family 'demo-sim'\), not the sample" "$out"
headline=$(printf '%s\n' "$out" | sed -n '/Headline per topology/,/^$/p')
for topology in chain fully_connected star; do
	t_match "the headline has a row for $topology with alpha, cutoff, verdict, share and beta" \
		"^ $topology +\| +[0-9]+ \| +[0-9]+ \| +[0-9.-]+ \| [0-9.-]+\.\.[0-9.-]+ \| +[0-9]+ \| (TPL|log-normal|undecided) +\| [0-9.]+ \| +0\.[0-9]+ \| 8: [0-9.-]+, 32: [0-9.-]+, 128: [0-9.-]+" \
		"$(printf '%s\n' "$headline" | grep "^ $topology ")"
done
t_eq "it simulated 36 runs of 100 N events" "36|201600" \
	"$(sql "SELECT count(DISTINCT run_id), count(*) FROM events WHERE run_id LIKE 'demo-sim/%'")"
# The headline's first row is bi_tail_fits' row for chain, as the view gives it.
t_match "the headline's alpha for chain is the view's" \
	"^ chain +\| +[0-9]+ \| +[0-9]+ \| +$(sql "SELECT round(alpha::numeric, 2) FROM bi_tail_fits
	    WHERE level = 'topology_task' AND task_family = 'demo-sim' AND topology = 'chain' AND observable = 'tce'") " \
	"$(printf '%s\n' "$headline" | grep '^ chain ')"

COLLCOG_DEMO_INSIDE=1 "$REPO_ROOT/scripts/demo" --report "$report_dir/r.html" >/dev/null 2>&1
t_eq "a second demo replaces its runs" "44|36" \
	"$(sql "SELECT count(*) FILTER (WHERE run_id LIKE 'sample/%'), count(*) FILTER (WHERE run_id LIKE 'demo-sim/%') FROM runs")"
t_done
