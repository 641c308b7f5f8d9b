# Shared by the collcog-load tests (10_loader, 11_loader_bad_input): sourced after lib.sh.

F=$REPO_ROOT/test/integration/fixtures/loader
L=$COLLCOG_LOAD
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# load ARGS...: run the loader; RC is its exit code, ERR its stderr.
load() { ERR=$("$L" "$@" 2>&1 >/dev/null); RC=$?; }
# Row counts of every table the loader writes, on one line.
counts() {
	sql "SELECT format('runs=%s agents=%s events=%s messages=%s rejects=%s',
	        (SELECT count(*) FROM runs), (SELECT count(*) FROM agents),
	        (SELECT count(*) FROM events), (SELECT count(*) FROM messages),
	        (SELECT count(*) FROM rejects))"
}
