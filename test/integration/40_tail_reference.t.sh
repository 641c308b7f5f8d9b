# Heavy-tail fits through SQL on the reference data sets, against published values and peer
# tools, plus binary COPY of tail_hist with crafted bytes (tail_hist_recv).
#
# Sources of the expected numbers (the same as test/unit/tail/test_data.c, which records the
# commands that produced them):
#  [CSN]      Clauset, Shalizi & Newman, SIAM Review 51 (2009) 661-703, Table 6.1 (xmin,
#             alpha with its error in the last digit, n_tail) and Table 6.2 (likelihood ratios).
#             The paper is not in this repository's sources; the xmin, alpha and ratio values
#             used here agree with the independent transcription of the same tables in the
#             Python powerlaw package (jeffalstott/powerlaw, testing/test_reference_data.py,
#             commit 3eccd8e5). That file also attributes the published quakes and surnames
#             values to a tie-handling bug of the original code and gives xmin 10, alpha 1.95
#             and xmin 14.92, alpha 2.2 instead. Section 4b checks that claim with a KS
#             computation in plain SQL and finds it does not hold (see there): the published
#             values are the correct ones, and they are what section 4 expects.
#  [plfit]    plfit 0.9.4 (Debian bookworm), `plfit -b FILE` (discrete) or `plfit -b -c FILE`
#             (continuous, scaled files written with awk '{printf "%.17g\n", $1/1000}');
#             printed to 6 significant digits, hence the 6e-6 tolerance on alpha.
#  [poweRlaw] R poweRlaw 0.70.6 (Debian r-cran-powerlaw 0.70.6-2): displ$new(x);
#             estimate_xmin; dislnorm / disexp at that xmin; its optimiser stops near 1e-6,
#             hence the 1e-5 tolerance on alpha.
source "$(dirname "$0")/lib.sh"

# 1. tail_hist binary input: a COPY BINARY file with crafted field bytes (no data needed).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# copyfile NAME HEX: a binary COPY file with one row of one field whose bytes are HEX
copyfile() {
	local hex=$2 len
	len=$(( ${#hex} / 2 ))
	{
		printf 'PGCOPY\n\377\r\n\000'
		printf '\000\000\000\000\000\000\000\000'
		printf '\000\001'
		printf "\\$(printf '%03o' $(( (len >> 24) & 255 )))\\$(printf '%03o' $(( (len >> 16) & 255 )))\\$(printf '%03o' $(( (len >> 8) & 255 )))\\$(printf '%03o' $(( len & 255 )))"
		printf '%s' "$hex" | sed 's/../\\x&/g' | xargs -0 -r printf
		printf '\377\377'
	} > "$tmp/$1.bin"
}
sql "CREATE TABLE hist_in (h tail_hist)"
copyfile good "$(sql "SELECT encode('discrete:1*3,3*1'::tail_hist::bytea, 'hex')")"
psql -XAtq -v ON_ERROR_STOP=1 -c "\\copy hist_in FROM '$tmp/good.bin' WITH (FORMAT binary)" >/dev/null 2>&1
t_eq "COPY BINARY reads a well-formed tail_hist" "discrete:1*3,3*1" "$(sql "SELECT h FROM hist_in")"
bad_copy() { # NAME HEX EXPECTED-REGEX
	copyfile "$1" "$2"
	local out
	out=$(psql -XAtq -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -c "\\copy hist_in FROM '$tmp/$1.bin' WITH (FORMAT binary)" 2>&1 >/dev/null | head -n 1)
	t_match "COPY BINARY rejects $1" "$3" "$out"
}
bad_copy bad_magic   58585858010100000000000000000000 '22P03.*bad magic'
bad_copy version_9   43435453090100000000000000000000 '22P03.*unknown version 9'
bad_copy truncated   434354530101000001000000000000000000000000f03f '22P03.*does not match'
bad_copy zero_count  43435453010100000100000000000000000000000000f03f0000000000000000 '22P03.*zero count'
# a count of 2^63, past a bigint: out of range (22003), as from text and the aggregates
bad_copy count_2_63  43435453010100000100000000000000000000000000f03f0000000000000080 '22003.*count exceeds 9223372036854775807'
bad_copy descending  4343545301010000020000000000000000000000000000400100000000000000000000000000f03f0100000000000000 '22P03.*strictly ascending'
bad_copy nan_value   43435453010200000100000000000000000000000000f87f0100000000000000 '22P03.*not finite'
bad_copy empty_field '' '22P03.*too short'
t_eq "nothing was loaded from the bad files" "1" "$(sql "SELECT count(*) FROM hist_in")"

t_need_data clauset2009
t_need_data powerlaw_r

# load TABLE TYPE FILE [SCALE]: one value per line into TABLE(x TYPE), times SCALE
load() {
	psql -XAtq -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE TABLE $1 (x $2);
\\copy $1 FROM '$COLLCOG_DATA/$3'
SQL
	if [ $# -ge 4 ]; then sql "UPDATE $1 SET x = x * $4::float8" >/dev/null; fi
}
load words bigint clauset2009/words.txt
load terrorism bigint clauset2009/terrorism.txt
load moby bigint powerlaw_r/moby.txt
load moby_sample bigint powerlaw_r/moby_sample.txt
load native_american bigint powerlaw_r/native_american.txt
load us_american bigint powerlaw_r/us_american.txt
load swiss_prot bigint powerlaw_r/swiss_prot.txt
load blackouts float8 clauset2009/blackouts.txt 1e-3
load quakes float8 clauset2009/quakes.txt 1e-3
load surnames float8 clauset2009/surnames.txt 1e-3
load flares float8 clauset2009/flares.txt
load fires float8 clauset2009/fires.txt
load cities float8 clauset2009/cities.txt 1e-3
psql -XAtq -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE TABLE weblinks (degree bigint, freq bigint);
\\copy weblinks FROM '$COLLCOG_DATA/clauset2009/weblinks.hist' WITH (FORMAT csv, DELIMITER E'\\t', HEADER true)
SQL

# 2. [CSN] Table 6.1: words xmin 7, alpha 1.95(2), n_tail 2958; terrorism xmin 12, 2.4(2), 547.
t_eq "words: [CSN] xmin 7, alpha 1.95(2), n_tail 2958" "7|t|2958|t" \
	"$(sql "SELECT xmin, abs(alpha - 1.95) <= 0.02, n_tail, discrete FROM (SELECT (pl_fit(x)).* FROM words) f")"
t_eq "terrorism: [CSN] xmin 12, alpha 2.4(2), n_tail 547" "12|t|547" \
	"$(sql "SELECT xmin, abs(alpha - 2.4) <= 0.2, n_tail FROM (SELECT (pl_fit(x)).* FROM terrorism) f")"

# tail_bootstrap's interval for xmin ends at values xmin took in the replicates (an
# interpolated percentile gave 8.05 here), around the fitted 7.
t_eq "words: tail_bootstrap's xmin interval has integer ends around 7" "t" \
	"$(sql "SELECT lo = floor(lo) AND hi = floor(hi) AND lo <= 7 AND hi >= 7
	        FROM tail_bootstrap((SELECT tail_hist(x) FROM words), 'power_law', replicates => 40)
	        WHERE parameter = 'xmin'")"

# 3. Discrete sets against [plfit] (alpha, loglik, KS) and [poweRlaw] (alpha).
#    table | n | xmin | alpha | L | D | poweRlaw alpha (or empty)
while IFS='|' read -r tab n xmin alpha L D prl; do
	t_eq "$tab: [plfit] n $n, xmin $xmin, alpha $alpha, L $L, D $D" "$n|$xmin|t|t|t" \
		"$(sql "SELECT n, xmin, abs(alpha - $alpha) <= 6e-6, abs(loglik - ($L)) <= 0.06,
		               abs(ks - $D) <= 1e-5 * $D FROM (SELECT (pl_fit(x)).* FROM $tab) f")"
	if [ -n "$prl" ]; then
		t_eq "$tab: [poweRlaw] alpha $prl" "t" \
			"$(sql "SELECT abs((pl_fit(x)).alpha - $prl) <= 1e-5 FROM $tab")"
	fi
done <<'CASES'
words|18855|7|1.95273|-11753.8|0.00825295|
terrorism|9101|12|2.36995|-2111.03|0.0176856|
moby|18855|7|1.95273|-11753.8|0.00825295|1.9527283531
moby_sample|2000|7|1.95741|-1327.79|0.0155417|1.9574118419
native_american|1297|20|2.21005|-1266.84|0.0375712|2.2100530525
us_american|1232|4|2.00326|-1378.74|0.0364396|2.0032622580
swiss_prot|10745|47|2.07100|-3337.22|0.0185666|2.0709970284
CASES

# 4. Continuous sets against [plfit] (xmin, alpha, loglik) and [CSN] Table 6.1.
#    table | xmin | alpha | L | CSN xmin | CSN alpha | CSN error
while IFS='|' read -r tab xmin alpha L cxmin calpha cerr; do
	t_eq "$tab: [plfit] xmin $xmin, alpha $alpha, L $L; [CSN] $cxmin, $calpha($cerr)" "f|t|t|t|t|t" \
		"$(sql "SELECT discrete, abs(xmin - $xmin) <= 1e-9 * $xmin, abs(alpha - $alpha) <= 6e-6,
		               abs(loglik - ($L)) <= 0.06, abs(xmin - $cxmin) <= 0.01 * $cxmin,
		               abs(alpha - $calpha) <= $cerr FROM (SELECT (pl_fit(x)).* FROM $tab) f")"
done <<'CASES'
blackouts|230|2.27264|-411.983|230|2.3|0.3
quakes|0.7943282347|1.63979|-32510.2|0.794|1.64|0.04
surnames|111.919|2.49325|-1430.77|111.92|2.5|0.2
flares|323|1.78841|-14173.5|323|1.79|0.02
fires|6324|2.16363|-5449.63|6324|2.2|0.3
CASES
# 4b. Ties in continuous data. quakes (magnitudes rounded to 0.1, so 1400 values tie at 1)
#     and surnames are heavily tied. The KS distance of [CSN] eq. (3.9) is the supremum over x
#     of |S(x) - P(x)|; S jumps by m/n at a value v held m times, so the supremum looks at both
#     S(v-) = below/n and S(v) = (below + m)/n. Clauset's code compares P(x_k) with k/n for
#     each sorted observation, which covers S(v-) up to (below + m - 1)/n at a tied value.
#     The powerlaw package compares P only with S(v-) at each distinct value: it ignores the
#     jump, and that alone moves its xmin to 10 and 14.92. Below, the three distances over
#     every candidate xmin, written independently of collcog in plain SQL (alpha = 1 + n /
#     sum ln(x / xmin), the continuous MLE): the exact supremum and Clauset's rule both pick
#     the published xmin, the left-limit rule picks powerlaw's; collcog returns the first,
#     with the same distance.
ks_variants() { # TABLE -> exact xmin|alpha|D ; Clauset xmin|alpha ; left-limit xmin|alpha
	psql -XAtq -v ON_ERROR_STOP=1 -F ' ; ' <<SQL
WITH u AS (SELECT x AS v, count(*)::float8 AS m FROM $1 GROUP BY x),
t AS (SELECT c.v AS xmin, u.v, u.m, sum(u.m) OVER w - u.m AS below, sum(u.m) OVER p AS n,
             sum(u.m * ln(u.v / c.v)) OVER p AS s
      FROM u c JOIN u ON u.v >= c.v
      WHERE c.v < (SELECT max(v) FROM u)
      WINDOW p AS (PARTITION BY c.v), w AS (p ORDER BY u.v)),
f AS (SELECT xmin, m, below, n, 1 + n / s AS alpha, 1 - (xmin / v) ^ (n / s) AS p FROM t),
d AS (SELECT xmin, alpha,
             max(greatest(abs(p - below / n), abs(p - (below + m) / n))) AS d_exact,
             max(greatest(abs(p - below / n), abs(p - (below + m - 1) / n))) AS d_clauset,
             max(abs(p - below / n)) AS d_left
      FROM f GROUP BY xmin, alpha)
SELECT (SELECT concat_ws('|', round(xmin::numeric, 4), round(alpha::numeric, 5), round(d_exact::numeric, 9))
        FROM d ORDER BY d_exact, xmin LIMIT 1),
       (SELECT concat_ws('|', round(xmin::numeric, 4), round(alpha::numeric, 5)) FROM d ORDER BY d_clauset, xmin LIMIT 1),
       (SELECT concat_ws('|', round(xmin::numeric, 4), round(alpha::numeric, 5)) FROM d ORDER BY d_left, xmin LIMIT 1)
SQL
}
collcog_fit() { # TABLE -> xmin|alpha|ks, rounded as ks_variants rounds
	sql "SELECT concat_ws('|', round(xmin::numeric, 4), round(alpha::numeric, 5), round(ks::numeric, 9))
	     FROM (SELECT (pl_fit(x)).* FROM $1) f"
}
t_eq "quakes: SQL KS: exact and Clauset's rule pick [CSN] 0.794, the left limit picks powerlaw's 10" \
	"0.7943|1.63979|0.092091119 ; 0.7943|1.63979 ; 10.0000|1.95240" "$(ks_variants quakes)"
t_eq "quakes: collcog's xmin, alpha and KS distance equal the exact SQL computation" \
	"$(ks_variants quakes | cut -d' ' -f1)" "$(collcog_fit quakes)"
t_eq "surnames: SQL KS: exact and Clauset's rule pick [CSN] 111.92, the left limit picks powerlaw's 14.92" \
	"111.9190|2.49325|0.040770160 ; 111.9190|2.49325 ; 14.9226|2.20042" "$(ks_variants surnames)"
t_eq "surnames: collcog's xmin, alpha and KS distance equal the exact SQL computation" \
	"$(ks_variants surnames | cut -d' ' -f1)" "$(collcog_fit surnames)"
t_eq "at powerlaw's xmin collcog's alpha is powerlaw's 1.95 (quakes) and 2.2 (surnames)" "t|t" \
	"$(sql "SELECT abs((SELECT (pl_fit(x, 10)).alpha FROM quakes) - 1.95) <= 0.005,
	               abs((SELECT (pl_fit(x, 14.9226)).alpha FROM surnames) - 2.2) <= 0.005")"

# cities: exact two-sided KS moves xmin to 52.648 (see test/unit/tail/test_data.c); at plfit's 52.457
# alpha is [plfit]'s 2.36995.
t_eq "cities: xmin 52.648, alpha within [CSN] 2.37(8); [plfit] alpha at 52.457" "t|t|t" \
	"$(sql "SELECT abs((pl_fit(x)).xmin - 52.648) < 1e-9, abs((pl_fit(x)).alpha - 2.37) <= 0.08,
	               abs((pl_fit(x, 52.457)).alpha - 2.36995) <= 6e-6 FROM cities")"

# 5. weblinks.hist through tail_hist(degree, freq), without expanding the 241 million rows.
t_eq "weblinks: 241428853 observations with degree >= 1 (README)" "241428853" \
	"$(sql "SELECT (pl_fit(tail_hist(degree, freq), xmin => 1)).n FROM weblinks WHERE degree >= 1")"
t_eq "weblinks: KS minimum over every distinct value at xmin 20" "20" \
	"$(sql "SELECT (pl_fit(tail_hist(degree, freq))).xmin FROM weblinks WHERE degree >= 1")"
t_eq "weblinks: [CSN] xmin >= 100 gives 3684, n_tail 28986, alpha 2.336(9)" "3684|28986|t" \
	"$(sql "SELECT xmin, n_tail, abs(alpha - 2.336) <= 0.009
	        FROM (SELECT (pl_fit(tail_hist(degree, freq), xmin_lo => 100)).* FROM weblinks WHERE degree >= 1) f")"
t_eq "weblinks: the aggregate's range form agrees" "3684" \
	"$(sql "SELECT (pl_fit(tail_hist(degree, freq), xmin_lo => 100, xmin_hi => 1e9)).xmin FROM weblinks WHERE degree >= 1")"
t_match "weblinks: tail_hist(degree, count) refuses a negative count" '^22023 count -1' \
	"$(sql_error "SELECT tail_hist(degree, -1::bigint) FROM weblinks WHERE degree = 5")"

# 6. [CSN] Table 6.2: non-nested columns are r_normalized, the cutoff column the raw r with
#    an unhalved p (ours is halved, Self & Liang, so 2p is compared).
t_eq "words: cutoff r -0.899 (p 0.18 unhalved); exponential 9.09 (p 0.00)" "t|t|t|t|t" \
	"$(sql "SELECT c.nested AND abs(c.r + 0.899) < 0.02, abs(2 * c.p_value - 0.18) < 0.01,
	               e.r > 0, abs(e.r_normalized - 9.09) < 0.1, e.p_value < 0.001
	        FROM (SELECT (vuong(x, 'power_law', 'truncated_power_law')).* FROM words) c,
	             (SELECT (vuong(x, 'power_law', 'exponential')).* FROM words) e")"
t_eq "terrorism: log-normal -0.278 (p 0.78); exponential 2.457 (p 0.01)" "t|t|t|t" \
	"$(sql "SELECT abs(l.r_normalized + 0.278) < 0.005, abs(l.p_value - 0.78) < 0.01,
	               abs(e.r_normalized - 2.457) < 0.01, abs(e.p_value - 0.01) < 0.005
	        FROM (SELECT (vuong(tail_hist(x), 'power_law', 'lognormal')).* FROM terrorism) l,
	             (SELECT (vuong(tail_hist(x), 'power_law', 'exponential')).* FROM terrorism) e")"
t_eq "blackouts: log-normal -0.412 (p 0.68); stretched exp -0.417 (p 0.68); cutoff -0.382" "t|t|t|t|t" \
	"$(sql "SELECT abs(l.r_normalized + 0.412) < 0.01, abs(l.p_value - 0.68) < 0.01,
	               abs(s.r_normalized + 0.417) < 0.01, abs(s.p_value - 0.68) < 0.01, abs(c.r + 0.382) < 0.005
	        FROM (SELECT tail_hist(x) h FROM blackouts) b,
	             LATERAL (SELECT * FROM tail_compare(b.h) WHERE model_a = 'power_law' AND model_b = 'lognormal') l,
	             LATERAL (SELECT * FROM tail_compare(b.h) WHERE model_a = 'power_law' AND model_b = 'stretched_exponential') s,
	             LATERAL (SELECT * FROM tail_compare(b.h) WHERE model_a = 'power_law' AND model_b = 'truncated_power_law') c")"
t_eq "flares: log-normal -0.803 (p 0.42); exponential 13.9; cutoff -4.52 (p 0.00)" "t|t|t|t|t" \
	"$(sql "SELECT abs(l.r_normalized + 0.803) < 0.005, abs(l.p_value - 0.42) < 0.01,
	               abs(e.r_normalized - 13.9) < 0.3, abs(c.r + 4.52) < 0.01, c.p_value < 0.01
	        FROM (SELECT (vuong(x, 'power_law', 'lognormal')).* FROM flares) l,
	             (SELECT (vuong(x, 'power_law', 'exponential')).* FROM flares) e,
	             (SELECT (vuong(x, 'power_law', 'truncated_power_law')).* FROM flares) c")"
#    Then the two tied sets at the published xmin (for quakes and surnames the powerlaw file
#    keeps the [CSN] log-normal and exponential values in comments, "Clauset value is"): the
#    ratios there are the published ones, one more sign that Table 6.1 used these xmin;
#    cities at plfit's xmin 52.457 (the ratios move a little at our 52.648); fires.
ratio_ok() { # TABLE MODEL_B XMIN CONDITION: CONDITION on power_law vs MODEL_B (r, r_normalized, p_value)
	sql "SELECT $4 FROM (SELECT tail_hist(x) h FROM $1) b, LATERAL tail_compare(b.h, $3)
	     WHERE model_a = 'power_law' AND model_b = '$2'"
}
t_eq "quakes: log-normal -7.14 (p 0.00); exponential 11.6 (p 0.00); cutoff -24.4 (p 0.00)" "t t t" \
	"$(ratio_ok quakes lognormal NULL 'abs(r_normalized + 7.14) < 0.01 AND p_value < 0.001')\
 $(ratio_ok quakes exponential NULL 'abs(r_normalized - 11.6) < 0.2 AND p_value < 0.001')\
 $(ratio_ok quakes truncated_power_law NULL 'abs(r + 24.4) < 0.05 AND p_value < 0.001')"
t_eq "surnames: log-normal -0.836 (p 0.40); exponential 2.89 (p 0.00); cutoff -1.36 (p 0.10)" "t t t" \
	"$(ratio_ok surnames lognormal NULL 'abs(r_normalized + 0.836) < 0.005 AND abs(p_value - 0.40) < 0.005')\
 $(ratio_ok surnames exponential NULL 'abs(r_normalized - 2.89) < 0.05 AND p_value < 0.005')\
 $(ratio_ok surnames truncated_power_law NULL 'abs(r + 1.36) < 0.005 AND abs(2 * p_value - 0.10) < 0.005')"
t_eq "cities at 52.457: log-normal -0.090 (p 0.93); exponential 3.65 (p 0.00); cutoff -0.123 (p 0.62)" "t t t" \
	"$(ratio_ok cities lognormal 52.457 'abs(r_normalized + 0.090) < 0.005 AND abs(p_value - 0.93) < 0.005')\
 $(ratio_ok cities exponential 52.457 'abs(r_normalized - 3.65) < 0.1 AND p_value < 0.001')\
 $(ratio_ok cities truncated_power_law 52.457 'abs(r + 0.123) < 0.005 AND abs(2 * p_value - 0.62) < 0.005')"
t_eq "fires: log-normal -1.78 (p 0.08); stretched exp -1.82 (p 0.07); exponential 4.00; cutoff -5.02 (p 0.00)" \
	"t t t t" \
	"$(ratio_ok fires lognormal NULL 'abs(r_normalized + 1.78) < 0.005 AND abs(p_value - 0.08) < 0.006')\
 $(ratio_ok fires stretched_exponential NULL 'abs(r_normalized + 1.82) < 0.005 AND abs(p_value - 0.07) < 0.005')\
 $(ratio_ok fires exponential NULL 'abs(r_normalized - 4.00) < 0.05 AND p_value < 0.001')\
 $(ratio_ok fires truncated_power_law NULL 'abs(r + 5.02) < 0.005 AND 2 * p_value < 0.005')"

# 7. Other models against [poweRlaw].
t_eq "native_american: [poweRlaw] dislnorm at 20 (-5.22876650, 2.83872506, ll -1266.182768)" "t|t|t" \
	"$(sql "SELECT loglik >= -1266.182768 - 1e-6, abs(mu + 5.22876650) < 2e-3, abs(sigma - 2.83872506) < 2e-4
	        FROM (SELECT (lognormal_fit(x, 20)).* FROM native_american) f")"
t_eq "native_american: [poweRlaw] disexp at 20 (0.0195772380, ll -1356.923407)" "t|t" \
	"$(sql "SELECT loglik >= -1356.923407 - 1e-6, abs(lambda - 0.0195772380) < 5e-5
	        FROM (SELECT (exponential_fit(x, 20)).* FROM native_american) f")"
t_eq "us_american: [poweRlaw] dislnorm at 4, ll -1378.397240" "t" \
	"$(sql "SELECT abs((lognormal_fit(x, 4)).loglik + 1378.397240) < 1e-4 FROM us_american")"
t_eq "moby: disexp at 7 has a finite log-likelihood ([poweRlaw] gives -Inf)" "t" \
	"$(sql "SELECT (exponential_fit(x, 7)).loglik > -1e300 FROM moby")"

# 8. The same fits through forced parallel plans equal the serial ones.
par="SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
     SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;"
t_match "words: parallel plan" 'Partial Aggregate' \
	"$(psql -XAtq -c "$par EXPLAIN (COSTS OFF) SELECT pl_fit(x) FROM words")"
t_eq "words, fires: parallel fits equal serial fits" "$(sql "SELECT pl_fit(x) FROM words"; sql "SELECT tpl_fit(x) FROM fires")" \
	"$(psql -XAtq -c "$par SELECT pl_fit(x) FROM words" -c "$par SELECT tpl_fit(x) FROM fires")"

t_done
