#!/usr/bin/env bash
# The layout rules of docs/architecture.md, checked on the source tree (make layout):
#  - every topic folder of src/core and src/pg is a topic of docs/architecture.md;
#  - the core and its public headers include no PostgreSQL header;
#  - a core file includes public headers (collcog/...) and its own folder's headers only;
#  - a glue file includes PostgreSQL's headers, public headers, pg/common/ and its own
#    folder's headers, never another glue topic's or the core's internals;
#  - public headers include public headers only.
# Prints each violation and exits 1 when there is one.
set -u
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top" || exit 2
bad=0
say() { echo "layout: $*" >&2; bad=1; }

topics=$(sed -n 's/^| `\([a-z]*\)` |.*/\1/p' docs/architecture.md)
for dir in src/core/*/ src/pg/*/; do
	t=$(basename "$dir")
	grep -qx "$t" <<<"$topics" || say "$dir is not a topic of docs/architecture.md"
done

includes() { grep -Ho '^#include *"[^"]*"' "$@" 2>/dev/null | sed 's/:#include *"\(.*\)"$/ \1/'; }

while read -r file inc; do
	case $inc in
		collcog/*.h) ;;
		*/*) say "$file includes \"$inc\" (the core reaches only collcog/ and its own folder)" ;;
		*) [ -e "$(dirname "$file")/$inc" ] || say "$file includes \"$inc\", not in its folder" ;;
	esac
done < <(includes src/core/*/*.[ch])
grep -Hn -E '#include +[<"](postgres|fmgr|funcapi|miscadmin|utils/|access/|catalog/|executor/|nodes/|libpq)' \
	src/core/*/*.[ch] include/collcog/*.h && say "PostgreSQL header in the core"

while read -r file inc; do
	case $inc in
		collcog/*.h | pg/common/*.h) ;;
		pg/* | core/* | cli/*) say "$file includes \"$inc\" (the glue reaches pg/common/ and its own folder)" ;;
		*/*) ;;			# a PostgreSQL header
		*) [ -e "$(dirname "$file")/$inc" ] || [ "$inc" = postgres.h ] || [ "$inc" = fmgr.h ] ||
			[ "$inc" = funcapi.h ] || [ "$inc" = miscadmin.h ] ||
			say "$file includes \"$inc\", not in its folder" ;;
	esac
done < <(includes src/pg/*/*.[ch])

while read -r file inc; do
	case $inc in
		collcog/*.h) ;;
		*) say "public header $file includes \"$inc\"" ;;
	esac
done < <(includes include/collcog/*.h)
exit $bad
