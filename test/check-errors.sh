#!/usr/bin/env bash
# Every SQLSTATE the extension raises is listed in docs/errors.md (make layout): the
# ERRCODE_ names in src/pg and the condition names RAISEd by the SQL in src/sql, mapped to
# their codes through PostgreSQL's errcodes.txt.
# Prints each missing code and exits 1 when there is one.
set -u
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top" || exit 2
errcodes=$(${PG_CONFIG:-pg_config} --sharedir)/errcodes.txt
[ -r "$errcodes" ] || { echo "check-errors: cannot read $errcodes" >&2; exit 2; }
bad=0
# errcodes.txt lines: SQLSTATE, E/W/S, ERRCODE_ macro, condition name.
raised=$( { grep -rhoE 'ERRCODE_[A-Z_]+' src/pg --include='*.c' --include='*.h' | sort -u |
            awk 'NR == FNR { want[$1] = 1; next } ($3 in want) { print $1, $3 }' - "$errcodes"
            # PL/pgSQL takes a condition name's first code (null_value_not_allowed: 22004).
            grep -rhoE "ERRCODE = '[a-z_]+'" src/sql | sed "s/ERRCODE = '\(.*\)'/\1/" | sort -u |
            awk 'NR == FNR { want[$1] = 1; next } ($4 in want) { print $1, $4; delete want[$4] }' - "$errcodes"
          } | sort -u)
[ -n "$raised" ] || { echo "check-errors: found no error codes in src/" >&2; exit 2; }
while read -r code name; do
	grep -q "\`$code\`" docs/errors.md ||
		{ echo "check-errors: $name ($code) is raised but not listed in docs/errors.md" >&2; bad=1; }
done <<<"$raised"
exit $bad
