# docs/guide-glass-ceilings.md prints what scripts/guide-glass-ceilings.sql prints: every row
# of every result table in the guide (the lines of its code blocks with a column separator)
# is a line of the script's output today, trailing blanks aside.
. "$(dirname "$0")/lib.sh"
guide=$REPO_ROOT/docs/guide-glass-ceilings.md
out=$(psql -X -q -v ON_ERROR_STOP=1 -f "$REPO_ROOT/scripts/guide-glass-ceilings.sql" 2>&1)
t_eq "scripts/guide-glass-ceilings.sql runs" "0" "$?"
# the result lines of the guide: inside ``` blocks, with " | " (the SQL in them has none)
rows=$(awk '/^```/ { inside = !inside; next } inside && / \| / { sub(/[ \t]+$/, ""); print }' "$guide")
t_true "the guide shows result tables" test "$(printf '%s\n' "$rows" | wc -l)" -ge 30
printed=$(printf '%s\n' "$out" | sed 's/[ \t]*$//')
missing=$(printf '%s\n' "$rows" | while IFS= read -r line; do
	grep -qxF -- "$line" <<<"$printed" || printf '%s\n' "$line"
done)
t_eq "every row the guide shows is printed by the script" "" "$missing"
t_done
