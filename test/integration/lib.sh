# Helpers for integration tests: sourced by test/integration/*.t.sh, which the runner
# (test/integration/run) executes one by one against a real server chosen by the PG*
# environment variables, each in a fresh database named by $PGDATABASE.
#
# Each assertion prints "ok - name" or "not ok - name" with what differed; t_done prints
# "N passed, N failed" and exits non-zero when anything failed.

set -u
T_PASS=0
T_FAIL=0
T_SKIP=0
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
COLLCOG_DATA=${COLLCOG_DATA:-$REPO_ROOT/../shared/data}
# The tools under test: the built ones in the tree unless told otherwise.
COLLCOG_LOAD=${COLLCOG_LOAD:-$REPO_ROOT/src/cli/collcog-load}
COLLCOG_WHOWHEN=${COLLCOG_WHOWHEN:-$REPO_ROOT/src/cli/collcog-whowhen}
COLLCOG_DTI_LISTEN=${COLLCOG_DTI_LISTEN:-$REPO_ROOT/src/cli/collcog-dti-listen}
COLLCOG_REPORT=${COLLCOG_REPORT:-$REPO_ROOT/src/cli/collcog-report}

t_pass() { T_PASS=$((T_PASS + 1)); echo "ok - $1"; }
t_fail() { T_FAIL=$((T_FAIL + 1)); echo "not ok - $1"; shift; [ $# -gt 0 ] && printf '    %s\n' "$@"; return 0; }

# t_eq NAME EXPECTED ACTUAL
t_eq() {
	if [ "$2" = "$3" ]; then t_pass "$1"; else t_fail "$1" "expected: $2" "actual:   $3"; fi
}

# t_match NAME REGEX TEXT
t_match() {
	if printf '%s' "$3" | grep -Eq -- "$2"; then t_pass "$1"; else t_fail "$1" "expected to match: $2" "actual: $3"; fi
}

# t_true NAME COMMAND...: passes when the command exits 0.
t_true() {
	local name=$1; shift
	local out
	if out=$("$@" 2>&1); then t_pass "$name"; else t_fail "$name" "command failed: $*" "$out"; fi
}

# t_false NAME COMMAND...: passes when the command exits non-zero.
t_false() {
	local name=$1; shift
	if "$@" >/dev/null 2>&1; then t_fail "$name" "command succeeded but should fail: $*"; else t_pass "$name"; fi
}

# sql QUERY: one value or rows, unaligned, errors are fatal to the caller's check.
sql() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

# sql_error QUERY: the SQLSTATE and message of the error QUERY raises ("" if none).
sql_error() {
	psql -XAtq -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -c "$1" 2>&1 >/dev/null \
		| sed -n 's/^ERROR: *\([0-9A-Z]\{5\}\): \(.*\)$/\1 \2/p' | head -n 1
}

# t_need WHAT HINT COMMAND...: when COMMAND fails, skip the rest of the file (visibly), or, in
# CI, where everything a test needs must be there, fail it. WHAT says what is needed ("chromium
# is installed"), HINT how to get it.
t_need() {
	local what=$1 hint=$2
	shift 2
	"$@" && return 0
	if [ "${CI:-}" = "true" ]; then
		t_fail "$what (required when CI=true; $hint)"
	else
		echo "SKIP: needed: $what ($hint)"
		T_SKIP=$((T_SKIP + 1))
	fi
	t_done
}

# t_need_data SUBDIR: the shared data's folder SUBDIR (absent from a user's clone).
t_need_data() {
	t_need "shared data $COLLCOG_DATA/$1 is present" "tests that need ../shared/data are skipped without it" \
		test -d "$COLLCOG_DATA/$1"
}

t_done() {
	echo "$T_PASS passed, $T_FAIL failed, $T_SKIP skipped"
	[ "$T_FAIL" -eq 0 ]
	exit $?
}

# peak_mb QUERY: the private peak, in MB, of a fresh backend that ran QUERY: VmHWM - RssShmem
# (shared buffers the backend touched stay mapped and would otherwise count). Needs Linux
# /proc and a superuser (pg_read_file), as the test cluster gives.
peak_mb() {
	psql -XAtq -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM ($1) q" -c "
		SELECT (substring(s FROM 'VmHWM:\\s+(\\d+)')::int - substring(s FROM 'RssShmem:\\s+(\\d+)')::int) / 1024
		FROM pg_read_file('/proc/self/status') s" | tail -n 1
}
