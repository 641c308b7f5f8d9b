#!/usr/bin/env bash
# collcog-load --format csv on seeded random files: quoted fields holding commas, quotes, LF,
# CR LF, lone CRs and lines \. inside quotes, in LF and CR LF files, columns in random order.
# A file with one bad record (a foreign key that points nowhere, a CHECK that fails, a value
# COPY cannot read) fails with the line where that record starts, computed here from the
# file; the same file without it loads every value byte for byte.
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/loader_lib.sh"

"$L" --format csv --table runs "$F/runs.csv" && "$L" --format csv --table agents "$F/agents.csv"
t_eq "setup: run csv-1 with agents a and b" "a,b" "$(sql "SELECT string_agg(agent_id, ',' ORDER BY agent_id) FROM agents")"

# For each seed: $TMP/bad_SEED.csv and $TMP/good_SEED.csv, and a line
# "SEED KIND LINE MD5" (the bad record's kind and first line, the md5 of the good file's
# claim ids joined by commas in step order).
python3 - "$TMP" <<'PY' >"$TMP/cases"
import hashlib, json, random, sys

tmp = sys.argv[1]
pieces = ["x", "y", ",", '"', "\n", "\r\n", "\r", " ", "\\.", "\u00e9"]

def text(rng):
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))

def field(rng, value):
    if value is None:
        return ""
    if any(c in value for c in ',"\r\n') or value == "" or rng.random() < 0.3:
        return '"' + value.replace('"', '""') + '"'
    return value

for seed in range(1, 41):
    rng = random.Random(seed)
    eol = rng.choice(["\n", "\r\n"])
    columns = ["run_id", "step_id", "agent_id", "event_type", "claim_id", "payload"]
    rng.shuffle(columns)
    n = rng.randint(1, 30)
    bad = rng.randrange(n)
    kind = rng.choice(["fk", "check", "value"])
    lines = [",".join(columns)]
    good = [",".join(columns)]
    claims = []
    line = 2
    bad_line = None
    for i in range(n):
        row = {"run_id": "csv-1", "step_id": str(1000 + i), "agent_id": rng.choice("ab"),
               "event_type": "propose", "claim_id": "c%d:%s" % (i, text(rng)),
               "payload": rng.choice([None, json.dumps({"k": text(rng)}, indent=rng.choice([None, 1]))])}
        ok = ",".join(field(rng, row[c]) for c in columns)
        if i == bad:
            if kind == "fk":
                row["agent_id"] = "ghost" + text(rng)
            elif kind == "check":
                row["step_id"] = "-1"
            else:
                row["event_type"] = "nope"
            bad_line = line
            lines.append(",".join(field(rng, row[c]) for c in columns))
        else:
            lines.append(ok)
        good.append(ok)
        claims.append(row["claim_id"])
        line += lines[-1].count("\n") + 1
    with open("%s/bad_%d.csv" % (tmp, seed), "w", newline="") as f:
        f.write(eol.join(lines) + rng.choice([eol, ""]))
    with open("%s/good_%d.csv" % (tmp, seed), "w", newline="") as f:
        f.write(eol.join(good) + eol)
    md5 = hashlib.md5(",".join(claims).encode()).hexdigest()
    print(seed, kind, bad_line, md5)
PY

declare -A expect=([fk]='violates foreign key constraint "events_run_id_agent_id_fkey"'
	[check]='violates check constraint "events_step_id_check"'
	[value]='invalid input value for enum .*event_type: "nope"')
before=$(counts)
while read -r seed kind line md5; do
	load --format csv --table events "$TMP/bad_$seed.csv"
	t_eq "seed $seed, bad $kind: exit 1" 1 "$RC"
	t_match "seed $seed, bad $kind: named at line $line" "^$TMP/bad_$seed.csv:$line: .*${expect[$kind]}" "$ERR"
	t_eq "seed $seed, bad $kind: database unchanged" "$before" "$(counts)"
	load --format csv --table events "$TMP/good_$seed.csv"
	t_eq "seed $seed, without the bad record: exit 0" 0 "$RC"
	t_eq "seed $seed, without the bad record: every claim id byte for byte" "$md5" \
		"$(sql "SELECT md5(string_agg(claim_id, ',' ORDER BY step_id)) FROM events")"
	sql "DELETE FROM events" >/dev/null
done <"$TMP/cases"

t_done
