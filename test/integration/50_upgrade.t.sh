# Releases: every shipped install script is frozen, and a database made with an old release
# and updated with ALTER EXTENSION collcog UPDATE has the objects of a fresh install (compared
# by extension_catalog.sql, which is shown below to detect changes) and keeps its data.
# The runner's database ($PGDATABASE) is the fresh install of the current version.
. "$(dirname "$0")/lib.sh"

released=$REPO_ROOT/src/sql/released
fresh=$PGDATABASE

# md5 of every shipped install script, taken when it shipped. 0.1.0: the concatenation of
# src/sql/*.sql in name order at commit bcf9b90, the 0.1.0 release:
#   for f in $(git ls-tree --name-only bcf9b90 src/sql/ | sort); do git show bcf9b90:$f; done | md5sum
declare -A shipped_md5=(
	[0.1.0]=6e034f94397fbdea8ed18f097dc4c6df
)

# The released versions: collcog--VERSION.sql in src/sql/released/ (not the upgrade scripts).
versions=()
for f in "$released"/collcog--*.sql; do
	v=${f##*/collcog--}; v=${v%.sql}
	case $v in *--*) continue ;; esac
	versions+=("$v")
done
t_eq "0.1.0 is among the frozen install scripts" "yes" \
	"$(printf '%s\n' "${versions[@]}" | grep -qxF 0.1.0 && echo yes)"
for v in "${versions[@]}"; do
	t_eq "collcog--$v.sql is the script shipped as $v (md5)" "${shipped_md5[$v]:-no md5 recorded}" \
		"$(md5sum <"$released/collcog--$v.sql" | cut -d' ' -f1)"
done

current=$(sql "SELECT default_version FROM pg_available_extensions WHERE name = 'collcog'")
t_eq "the server's default version is collcog.control's" \
	"$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$REPO_ROOT/collcog.control")" "$current"
t_eq "the default version is not a frozen one" "" \
	"$(printf '%s\n' "${versions[@]}" | grep -xF -- "$current")"
t_eq "the runner's database has the current version" "$current" \
	"$(sql "SELECT extversion FROM pg_extension WHERE extname = 'collcog'")"
t_eq "pg_extension_update_paths has 0.1.0 -> 0.2.0" "0.1.0--0.2.0" \
	"$(sql "SELECT path FROM pg_extension_update_paths('collcog') WHERE source = '0.1.0' AND target = '0.2.0'")"

# catalog DB [SQL]: the extension's objects in DB, one fact a line, sorted; with SQL, as they
# are after SQL runs in a transaction that is then rolled back.
catalog() {
	local args=(-c 'BEGIN')
	[ $# -gt 1 ] && args+=(-c "$2")
	psql -XAtq -v ON_ERROR_STOP=1 -d "$1" "${args[@]}" -f "$REPO_ROOT/test/integration/extension_catalog.sql" \
		-c 'ROLLBACK' | LC_ALL=C sort
}
fresh_catalog=$(mktemp)
updated_catalog=$(mktemp)
# The extra databases are named ${fresh}_from_VERSION[_walk]; dropped however the file ends.
cleanup() {
	local v
	for v in "${versions[@]}"; do
		dropdb --if-exists "${fresh}_from_${v//./_}" >/dev/null 2>&1
		dropdb --if-exists "${fresh}_from_${v//./_}_walk" >/dev/null 2>&1
	done
	rm -f "$fresh_catalog" "$updated_catalog"
}
trap cleanup EXIT
catalog "$fresh" >"$fresh_catalog"
t_true "the catalog dump of the fresh install names the extension's objects" \
	grep -q '^function tpl_fit(integer) | combinefn = tail_agg_combine(internal,internal)$' "$fresh_catalog"
# The comparison covers these catalogs; a member of another kind would go unchecked.
t_eq "every member of the extension is a function, type, relation or cast" "" \
	"$(sql "SELECT DISTINCT classid::regclass FROM pg_depend
	        WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
	          AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'collcog')
	          AND classid NOT IN ('pg_proc'::regclass, 'pg_type'::regclass, 'pg_class'::regclass,
	                              'pg_cast'::regclass)")"

# same_as_fresh NAME DB: the catalogs of DB and of the fresh install are equal.
same_as_fresh() {
	local d
	d=$(catalog "$2" | diff "$fresh_catalog" - | grep '^[<>]')
	if [ -z "$d" ]; then t_pass "$1"; else t_fail "$1" "< fresh install, > $2:" "$(printf '%s\n' "$d" | head -n 40)"; fi
}

# A checksum and the row count of each table, in the order of tables, over the columns
# table_columns found (an update may add columns; the rows must keep their values).
tables=(runs agents events messages rejects claims subtasks cascades event_sizes stored_hists)
declare -A columns
table_columns() {
	local t
	for t in "${tables[@]}"; do
		columns[$t]=$(sql "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
		                   WHERE attrelid = '$t'::regclass AND attnum > 0 AND NOT attisdropped")
	done
}
table_sums() {
	local t
	for t in "${tables[@]}"; do
		sql "SELECT '$t ' || count(*) || ' ' || md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), ''))
		     FROM (SELECT ${columns[$t]} FROM $t) t"
	done
}
# The fits of the stored samples and, by the aggregates, of the cascades they came from, in
# the columns of 0.1.0's result types (0.2.0 adds diagnostics: boundary to pl_fit_result,
# n_tail_distinct, quality and reason to all).
stored_fits() {
	local new="ARRAY['n_tail_distinct', 'quality', 'reason']"
	sql "SELECT string_agg(s.topology || ' ' || (to_jsonb(tpl_fit(s.h)) - $new)::text || ' '
	                       || (to_jsonb(pl_fit(s.h, xmin => 2)) - $new - 'boundary')::text
	                       || ' ' || (to_jsonb(c.fit) - $new)::text, E'\n' ORDER BY s.topology)
	     FROM stored_hists s JOIN (SELECT topology, tpl_fit(tce) AS fit FROM cascades GROUP BY topology) c
	          USING (topology)"
}

# upgrade_from VERSION: install VERSION with the current library, fill it, update, compare.
upgrade_from() {
	local v=$1 db=${fresh}_from_${1//./_}
	dropdb --if-exists "$db" >/dev/null 2>&1
	createdb -T template0 -E UTF8 --locale=C "$db"
	# Creating the C functions looks up every symbol the old script names in the new library.
	local out
	if out=$(psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION collcog VERSION '$v'" 2>&1); then
		t_pass "$v: CREATE EXTENSION collcog VERSION '$v' with the current library"
	else
		t_fail "$v: CREATE EXTENSION collcog VERSION '$v' with the current library" "$out"
		t_done
	fi
	t_eq "$v: installed as $v" "$v" \
		"$(PGDATABASE=$db sql "SELECT extversion FROM pg_extension WHERE extname = 'collcog'")"

	# Data written by the old version: the sample traces, cascades, simulated messages, a
	# rejected run, and tail_hist values stored in a table of the user's.
	t_true "$v: collcog-load loads the sample traces" "$COLLCOG_LOAD" -d "$db" "$REPO_ROOT/data/sample-traces.jsonl"
	if [ "$v" = 0.1.0 ]; then
		local e3_out
		e3_out=$("$COLLCOG_LOAD" -d "$db" --format e3 "$REPO_ROOT/test/integration/fixtures/e3/tree" 2>&1)
		t_eq "$v: collcog-load --format e3 asks for the update (exit 3)" \
			"3 collcog-load: --format=e3 needs the events table of collcog 0.2.0 or later (it has no column logged_step): update the extension with ALTER EXTENSION collcog UPDATE" \
			"$? $e3_out"
		e3_out=$(printf '%s\n' '{"record": "run", "run_id": "old-1"}' \
			'{"record": "agent", "run_id": "old-1", "agent_id": "a"}' \
			'{"record": "event", "run_id": "old-1", "step_id": 1, "agent_id": "a", "event_type": "propose", "claim_id": "c", "logged_step": 4}' |
			"$COLLCOG_LOAD" -d "$db" - 2>&1)
		t_eq "$v: a JSONL value for a column 0.1.0 lacks is refused" \
			"1 <stdin>:3: field \"logged_step\" needs a column that the events table of this database lacks: its collcog is older than this loader (ALTER EXTENSION collcog UPDATE)" \
			"$? $e3_out"
	fi
	PGDATABASE=$db sql "SELECT build_cascades();
		CALL simulate_network_into(steps => 20, runs => 2, seed => 7);
		INSERT INTO rejects (run_id, source, line, reason) VALUES ('bad', 'x.jsonl', 3, 'a reason');
		CREATE TABLE stored_hists AS SELECT topology, tail_hist(tce) AS h FROM cascades GROUP BY topology" >/dev/null
	PGDATABASE=$db table_columns
	t_eq "$v: every table has rows before the update" "" \
		"$(PGDATABASE=$db table_sums | awk '$2 == 0 { print $1 }')"
	local sums_before fits_before
	sums_before=$(PGDATABASE=$db table_sums)
	fits_before=$(PGDATABASE=$db stored_fits)

	t_true "$v: ALTER EXTENSION collcog UPDATE" psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c 'ALTER EXTENSION collcog UPDATE'
	t_eq "$v: updated to $current" "$current" \
		"$(PGDATABASE=$db sql "SELECT extversion FROM pg_extension WHERE extname = 'collcog'")"
	same_as_fresh "$v: after the update every object equals a fresh $current install" "$db"
	t_eq "$v: every table's rows are unchanged (count, md5)" "$sums_before" "$(PGDATABASE=$db table_sums)"
	t_eq "$v: the stored tail_hist values and the cascades fit as before" "$fits_before" "$(PGDATABASE=$db stored_fits)"

	# The same chain walked one release at a time with UPDATE TO, in a second database.
	local walk=${db}_walk path step
	dropdb --if-exists "$walk" >/dev/null 2>&1
	createdb -T template0 -E UTF8 --locale=C "$walk"
	psql -XAtq -v ON_ERROR_STOP=1 -d "$walk" -c "CREATE EXTENSION collcog VERSION '$v'"
	path=$(sql "SELECT path FROM pg_extension_update_paths('collcog') WHERE source = '$v' AND target = '$current'")
	t_match "$v: an update path leads to $current" "^$v--.*$current\$" "$path"
	for step in $(printf '%s\n' "$path" | sed 's/--/ /g' | cut -d' ' -f2-); do
		t_true "$v: ALTER EXTENSION collcog UPDATE TO '$step'" \
			psql -XAtq -v ON_ERROR_STOP=1 -d "$walk" -c "ALTER EXTENSION collcog UPDATE TO '$step'"
		t_eq "$v: now at $step" "$step" \
			"$(PGDATABASE=$walk sql "SELECT extversion FROM pg_extension WHERE extname = 'collcog'")"
	done
	same_as_fresh "$v: walked step by step, every object equals a fresh $current install" "$walk"
	updated=$db
}

for v in "${versions[@]}"; do upgrade_from "$v"; done

# The comparison fails on a difference: each change below, made in the updated database and
# rolled back, shows in the diff against its catalog without the change, and only the lines
# named change.
catalog "$updated" >"$updated_catalog"
# changed NAME SQL REGEX: every changed line matches REGEX, and there is at least one.
changed() {
	local d
	d=$(catalog "$updated" "$2" | diff "$updated_catalog" - | grep '^[<>]')
	if [ -n "$d" ] && ! printf '%s\n' "$d" | grep -Evq -- "$3"; then
		t_pass "the comparison detects: $1"
	else
		t_fail "the comparison detects: $1" "expected changed lines matching: $3" \
			"diff: $(printf '%s\n' "${d:-(none)}" | head -n 20)"
	fi
}
changed "a member less" "ALTER EXTENSION collcog DROP FUNCTION trace_summary()" \
	'^[<>] function trace_summary\(\) \|'
changed "a member more (a view)" "CREATE VIEW extra_view AS SELECT 1 AS one; ALTER EXTENSION collcog ADD VIEW extra_view" \
	'^[<>] view extra_view \|'
changed "a function's volatility" "ALTER FUNCTION trace_summary() VOLATILE" \
	'^[<>] function trace_summary\(\) \| (volatility|definition [0-9]+) ='
changed "a function's settings" "ALTER FUNCTION delete_derived_rows() SET search_path = pg_catalog" \
	'^[<>] function delete_derived_rows\(\) \| (config|definition [0-9]+) ='
changed "an aggregate's combine function" \
	"UPDATE pg_aggregate SET aggcombinefn = 0 WHERE aggfnoid = 'tpl_fit(integer)'::regprocedure" \
	'^[<>] function tpl_fit\(integer\) \| combinefn ='
changed "an aggregate's FINALFUNC_MODIFY" \
	"UPDATE pg_aggregate SET aggfinalmodify = 's' WHERE aggfnoid = 'vuong(bigint,text,text,double precision)'::regprocedure" \
	'^[<>] function vuong\(bigint,text,text,double precision\) \| finalfn modify ='
changed "an aggregate's comment" "COMMENT ON AGGREGATE pl_fit(bigint, double precision) IS 'changed'" \
	'^[<>] function pl_fit\(bigint,double precision\) \| comment ='
changed "a composite type's attributes" "ALTER TYPE vuong_result ADD ATTRIBUTE extra integer" \
	'^[<>] type vuong_result \| attribute 0009 ='
changed "an enum's label order" "ALTER TYPE claim_status ADD VALUE 'split' BEFORE 'endorsed'" \
	'^[<>] type claim_status \| label 000[67] ='
changed "a domain's constraint" "ALTER DOMAIN trace_id DROP CONSTRAINT trace_id_valid" \
	'^[<>] type trace_id \| (comment on )?constraint trace_id_valid ='
changed "a column default" "ALTER TABLE runs ALTER COLUMN benchmark SET DEFAULT 'x'" \
	'^[<>] table runs \| column 0002 ='
changed "a table constraint" "ALTER TABLE events DROP CONSTRAINT merge_has_parents" \
	'^[<>] table events \| (comment on )?constraint merge_has_parents ='
changed "an index" "DROP INDEX events_agent_idx" \
	'^[<>] table events \| (comment on )?index events_agent_idx ='
changed "a trigger" "ALTER TABLE runs DISABLE TRIGGER runs_truncate_derived" \
	'^[<>] table runs \| trigger runs_truncate_derived ='
changed "a column comment" "COMMENT ON COLUMN cascades.tce IS 'changed'" \
	'^[<>] table cascades \| comment on column tce ='
changed "an ACL" "REVOKE EXECUTE ON FUNCTION ccdf(tail_hist, text[], double precision) FROM PUBLIC" \
	'^[<>] function ccdf\(tail_hist,text\[\],double precision\) \| (acl|initial privileges .) ='
changed "a cast's context" \
	"UPDATE pg_cast SET castcontext = 'i' WHERE castsource = 'bytea'::regtype AND casttarget = 'tail_hist'::regtype" \
	'^[<>] cast from bytea to tail_hist \| cast ='
changed "a config table's condition" \
	"UPDATE pg_extension e SET extcondition[array_position(e.extconfig, 'rejects'::regclass::oid)] = 'WHERE false'
	 WHERE extname = 'collcog'" \
	'^[<>] extension collcog \| config table rejects ='

t_done
