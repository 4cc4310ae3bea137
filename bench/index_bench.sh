#!/bin/sh
# bench/index_bench.sh — the index engine benchmark (issue 6, item 7): a bureau of 100,000 party
# members in 5,000 branches with 5,000,000 activity records in one quarter; a full recompute of
# 先锋指数 for that quarter (evaluations_compute, the code behind POST /evaluations/{id}/compute)
# against the bare SQL aggregate over the same rows (one GROUP BY query), in the same run, in an
# order that rotates from round to round; prints the medians, the ratio and the peak memory.
# With --write (or WRITE=1) it rewrites its block of the "Index engine" section of docs/BENCHMARKS.md.
#
#   sh bench/index_bench.sh [--write]
#
# Environment (defaults in brackets):
#   MEMBERS [100000]  members (50 activity records each, so 5,000,000)
#   BRANCHES [5000]   branches
#   ROUNDS [3]        rounds; each runs the recompute and the GROUP BY (with the shipped indexes,
#                     and with covering indexes made for it) once, each as its own process
#   MAX_OTHER [10]    a round where other work took more than this % of the machine is repeated
#                     (at most 2 × ROUNDS rounds in all)
#   REV [HEAD]        the commit to measure: its tree is exported into the temporary directory
#                     and built there (with this checkout's bench/index_bench.*), so that others'
#                     uncommitted work does not enter; REV=worktree builds this checkout in place
#   KEEP_TMP=1        keep the temporary directory (the databases are about 1.5 GB)
#
# Run time at the defaults: about 4 minutes on 2 cores (build 20 s, data 15–30 s, a recompute
# 10–25 s, a GROUP BY 4–7 s; disturbed rounds are repeated).  Needs about 2 GB in $TMPDIR (/tmp).
set -eu

REPO=$(cd "$(dirname "$0")/.." && pwd)
WRITE=${WRITE:-0}
for a in "$@"; do
    case $a in
    --write) WRITE=1 ;;
    -h | --help)
        awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
        exit 0
        ;;
    *)
        echo "index_bench.sh: unknown argument $a" >&2
        exit 2
        ;;
    esac
done
MEMBERS=${MEMBERS:-100000}
BRANCHES=${BRANCHES:-5000}
ROUNDS=${ROUNDS:-3}
MAX_OTHER=${MAX_OTHER:-10}
REV=${REV:-HEAD}
for v in MEMBERS BRANCHES ROUNDS MAX_OTHER; do
    eval "val=\$$v"
    case $val in '' | *[!0-9]*) echo "index_bench.sh: $v must be a number" >&2; exit 2 ;; esac
done
[ "$ROUNDS" -ge 1 ] || { echo "index_bench.sh: ROUNDS must be at least 1" >&2; exit 2; }
for tool in awk git make cc /usr/bin/time; do
    command -v "$tool" >/dev/null 2>&1 || { echo "index_bench.sh: $tool is not installed" >&2; exit 1; }
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dj-bench-index.XXXXXX")
cleanup() { [ "${KEEP_TMP:-0}" = 1 ] && echo "kept $TMP" >&2 || rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- build ----
if [ "$REV" = worktree ]; then
    SRC=$REPO
    COMMIT="$(git -C "$REPO" rev-parse --short HEAD) + working tree"
else
    COMMIT=$(git -C "$REPO" rev-parse --short "$REV")
    SRC=$TMP/src
    mkdir -p "$SRC"
    git -C "$REPO" archive "$COMMIT" | tar -x -C "$SRC"
    mkdir -p "$SRC/bench"
    cp "$REPO/bench/index_bench.c" "$REPO/bench/index_bench.mk" "$SRC/bench/"
fi
echo "== build ($COMMIT)"
make -C "$SRC" -s -j"$(nproc)" -f Makefile -f bench/index_bench.mk build/index_bench
BIN=$SRC/build/index_bench

# ---- measuring one process: wall, CPU, peak RSS and the other load on the machine ----
NCPU=$(nproc)
HZ=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# measure NAME ARGS...: runs $BIN ARGS under /usr/bin/time, appends "NAME <program output> other=%"
# to $TMP/runs and prints the line
measure() {
    name=$1
    shift
    b0=$(busy_ticks)
    t0=$(date +%s.%N)
    /usr/bin/time -f "%U %S %M" -o "$TMP/time" "$BIN" "$@" >"$TMP/out" 2>"$TMP/err" || {
        cat "$TMP/out" "$TMP/err" >&2
        exit 1
    }
    t1=$(date +%s.%N)
    b1=$(busy_ticks)
    other=$(awk -v b0="$b0" -v b1="$b1" -v t0="$t0" -v t1="$t1" -v hz="$HZ" -v n="$NCPU" \
        -v own="$(cat "$TMP/time")" 'BEGIN {
            split(own, o, " "); busy = (b1 - b0) / hz - o[1] - o[2]; if (busy < 0) busy = 0
            printf "%.1f", 100 * busy / ((t1 - t0) * n) }')
    line="$name $(tail -n 1 "$TMP/out") other=$other"
    echo "$line" >>"$TMP/runs"
    echo "  $line"
}

# ---- data ----
echo "== data: $MEMBERS members, $BRANCHES branches"
"$BIN" gen "$TMP/a.db" "$MEMBERS" "$BRANCHES" | tee "$TMP/gen"
cp "$TMP/a.db" "$TMP/b.db"
cp "$TMP/a.db.key" "$TMP/b.db.key"
"$BIN" best-index "$TMP/b.db" >/dev/null
: >"$TMP/runs"

# ---- rounds ----
echo "== warm-up (not counted)"
measure warmup-compute compute "$TMP/a.db"
measure warmup-shipped baseline "$TMP/a.db"
measure warmup-best baseline "$TMP/b.db"
: >"$TMP/runs"
clean=0
round=0
while [ "$clean" -lt "$ROUNDS" ] && [ "$round" -lt $((2 * ROUNDS)) ]; do
    round=$((round + 1))
    echo "== round $round"
    start=$(wc -l <"$TMP/runs")
    # the order moves by one place each round
    case $((round % 3)) in
    1) order="compute shipped best" ;;
    2) order="shipped best compute" ;;
    0) order="best compute shipped" ;;
    esac
    for what in $order; do
        case $what in
        compute) measure "r$round-compute" compute "$TMP/a.db" ;;
        shipped) measure "r$round-shipped" baseline "$TMP/a.db" ;;
        best) measure "r$round-best" baseline "$TMP/b.db" ;;
        esac
    done
    worst=$(tail -n +$((start + 1)) "$TMP/runs" | sed 's/.*other=//' | sort -n | tail -n 1)
    if awk -v w="$worst" -v m="$MAX_OTHER" 'BEGIN { exit !(w <= m) }'; then
        clean=$((clean + 1))
        tail -n +$((start + 1)) "$TMP/runs" | sed 's/^/clean /' >>"$TMP/clean"
    else
        echo "  (other load $worst % > $MAX_OTHER %: round repeated)"
    fi
done
if [ "$clean" -ge 1 ]; then
    USE=$TMP/clean
    NOTE=""
else
    sed 's/^/clean /' "$TMP/runs" >"$TMP/all"
    USE=$TMP/all
    NOTE="no round was undisturbed: medians of all $round rounds"
fi
[ "$clean" -ge 1 ] && [ "$clean" -lt "$ROUNDS" ] && NOTE="only $clean of $round rounds undisturbed"

echo "== the engine's parts, each alone"
"$BIN" phases "$TMP/a.db" | tee "$TMP/phases"
echo "== check: every computed raw value against the GROUP BY"
"$BIN" check "$TMP/a.db" | tee "$TMP/check"

# ---- summary ----
# kv KEY: the values of KEY=... in the lines read
kv() { awk -v k="$1" '{ for (i = 1; i <= NF; i++) { n = index($i, "="); if (n && substr($i, 1, n - 1) == k) print substr($i, n + 1) } }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }'; }
med() { grep -- "$1 " "$USE" | kv "$2" | median; }
C_S=$(med -compute compute_s)
C_CPU=$(med -compute cpu_s)
C_KB=$(med -compute peak_kb)
C_KB_MAX=$(grep -- "-compute " "$USE" | kv peak_kb | sort -n | tail -n 1)
S_S=$(med -shipped baseline_s)
S_CPU=$(med -shipped cpu_s)
B_S=$(med -best baseline_s)
B_CPU=$(med -best cpu_s)
B_KB=$(med -best peak_kb)
N=$(grep -c -- "-compute " "$USE")
# the baseline: the faster of the two index sets
if awk -v a="$B_S" -v b="$S_S" 'BEGIN { exit !(a <= b) }'; then
    BASE_S=$B_S BASE_CPU=$B_CPU BASE_WHICH="covering indexes"
else
    BASE_S=$S_S BASE_CPU=$S_CPU BASE_WHICH="shipped indexes"
fi
RATIO=$(awk -v a="$C_S" -v b="$BASE_S" 'BEGIN { printf "%.2f", a / b }')
# the ratio within each counted round (the recompute and the baseline measured minutes apart at most)
case $BASE_WHICH in covering*) BASE_TAG=best ;; *) BASE_TAG=shipped ;; esac
awk -v tag="$BASE_TAG" '{ split($2, n, "-"); for (i = 3; i <= NF; i++) { split($i, f, "=")
        if (n[2] == "compute" && f[1] == "compute_s") c[n[1]] = f[2]
        if (n[2] == tag && f[1] == "baseline_s") b[n[1]] = f[2] } }
     END { for (r in c) if (r in b) printf "%.2f\n", c[r] / b[r] }' "$USE" | sort -n >"$TMP/ratios"
R_MED=$(median <"$TMP/ratios")
R_LO=$(head -n 1 "$TMP/ratios")
R_HI=$(tail -n 1 "$TMP/ratios")
RATIO_CPU=$(awk -v a="$C_CPU" -v b="$BASE_CPU" 'BEGIN { printf "%.2f", a / b }')
MET_T=$(awk -v r="$RATIO" 'BEGIN { print (r <= 3) ? "met" : "missed" }')
# 500 MB = 500,000,000 bytes = 488,281 KiB
MET_M=$(awk -v k="$C_KB_MAX" 'BEGIN { print (k * 1024 < 500000000) ? "met" : "missed" }')
MISMATCH=$(kv mismatches <"$TMP/check")
echo
echo "recompute of 先锋指数: ${C_S} s (CPU ${C_CPU} s), peak ${C_KB} KiB (highest ${C_KB_MAX} KiB)"
echo "GROUP BY, shipped indexes: ${S_S} s (CPU ${S_CPU} s); covering indexes: ${B_S} s (CPU ${B_CPU} s)"
echo "ratio to the GROUP BY with its best index ($BASE_WHICH): $RATIO (CPU $RATIO_CPU) — within 3×: $MET_T; peak under 500 MB: $MET_M"
echo "ratio within each round: median $R_MED, $R_LO–$R_HI"
[ -z "$NOTE" ] || echo "note: $NOTE"

[ "$WRITE" = 1 ] || exit 0

# ---- docs/BENCHMARKS.md: the block between the markers in the "Index engine" section ----
DOC=$REPO/docs/BENCHMARKS.md
BEGIN_MARK='<!-- bench/index_bench.sh: begin -->'
END_MARK='<!-- bench/index_bench.sh: end -->'
# num N: N with thousands separators (5,000,000)
num() { echo "$1" | awk '{ s = $1; r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } print s r }'; }
g() { num "$(kv "$1" <"$TMP/gen")"; }
p() { kv "$1" <"$TMP/phases"; }
pn() { num "$(p "$1")"; }
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo | sed 's/ [0-9]*-Core Processor//')
SQLITE=$(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || true)
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
{
    echo "$BEGIN_MARK"
    echo "Written by \`sh bench/index_bench.sh --write\` on $DATE, commit $COMMIT, $NCPU CPUs ($CPU_MODEL),"
    echo "SQLite ${SQLITE:-?}; $N rounds counted (those with other load ≤ $MAX_OTHER %)${NOTE:+ — $NOTE}."
    echo
    echo "| median of $N rounds | wall time | CPU time | ratio (wall) | ratio (CPU) | peak memory (RSS) |"
    echo "|---|---:|---:|---:|---:|---:|"
    echo "| **recompute of 先锋指数**, $(g members) members, one quarter (\`evaluations_compute\`) | $C_S s | $C_CPU s | **$RATIO** | $RATIO_CPU | **$(mib "$C_KB") MiB** (highest $(mib "$C_KB_MAX")) |"
    echo "| baseline: one GROUP BY over the same $(g records) rows, covering indexes | $B_S s | $B_CPU s | $(awk -v a="$B_S" -v b="$BASE_S" 'BEGIN { printf "%.2f", a / b }') | $(awk -v a="$B_CPU" -v b="$BASE_CPU" 'BEGIN { printf "%.2f", a / b }') | $(mib "$B_KB") MiB |"
    echo "| the same GROUP BY, shipped indexes only | $S_S s | $S_CPU s | $(awk -v a="$S_S" -v b="$BASE_S" 'BEGIN { printf "%.2f", a / b }') | $(awk -v a="$S_CPU" -v b="$BASE_CPU" 'BEGIN { printf "%.2f", a / b }') | |"
    echo
    echo "- Ratio recompute ÷ GROUP BY with its best index ($BASE_WHICH): **$RATIO** — target ≤ 3: **$MET_T**."
    echo "  The same ratio within each round: median $R_MED, lowest $R_LO, highest $R_HI."
    echo "- Peak memory of the recompute $(mib "$C_KB_MAX") MiB ($(awk -v k="$C_KB_MAX" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }') MB) at most — target < 500 MB: **$MET_M**."
    echo "- Check: $(num "$(kv compared <"$TMP/check")") computed raw values (4 computed indicators × every member)"
    echo "  equal the GROUP BY's figures: $MISMATCH mismatches."
    echo
    echo "The engine's parts, each alone (one run, after the rounds):"
    echo
    echo "| part | wall time |"
    echo "|---|---:|"
    echo "| \`store_index_targets\` (members of the quarter with their branch) | $(p targets_s) s |"
    echo "| \`store_attendance_counts\` (attendance per member and branch) | $(p attendance_counts_s) s |"
    echo "| \`store_learning_person_totals\` (lectures, tests, study per member) | $(p learning_totals_s) s |"
    echo "| \`store_scores_replace\` ($(pn scores) scores, $(awk -v b="$(p detail_bytes)" 'BEGIN { printf "%.0f", b / 1048576 }') MiB of explanation JSON) | $(p scores_replace_s) s |"
    echo "| \`store_results_replace\` ($(pn results) results) | $(p results_replace_s) s |"
    echo "| commit (with the WAL checkpoint) | $(p commit_s) s |"
    echo
    echo "Method: each measurement is its own process (\`index_bench compute\` or \`baseline\`, built from"
    echo "bench/index_bench.c against the release objects): wall time is CLOCK_MONOTONIC around"
    echo "\`evaluations_compute\` (its transaction, audit record and commit included) or around the GROUP BY"
    echo "stepped to its last row; CPU time is getrusage over the same span; peak memory is the process's"
    echo "ru_maxrss. Both open the database as the server does (WAL, synchronous=NORMAL, SQLite's default"
    echo "page cache); the file is in the OS page cache. The GROUP BY is timed on a copy of the database"
    echo "with the shipped indexes and on one with covering indexes made for it; the faster is the"
    echo "baseline. One untimed warm-up of each, then rounds in an order that rotates; a round where other"
    echo "work used more than $MAX_OTHER % of the machine is repeated. The recompute replaces the scores of"
    echo "the previous one (DELETE, then one INSERT a score) as a recompute in use does."
    echo
    echo "Data: $(g members) members (中共党员) in $(g branches) 党支部 under one 机关党委, one membership each;"
    echo "$(g records) activity records in 2026Q3: $(g attendance) attendance rows at $(g meetings) branch meetings"
    echo "(12 a branch, expected; 85 % 出席, 5 % 迟到, 7 % 请假, 3 % 缺席), $(g lecture_attendance) at $(g lectures) 财政月讲堂"
    echo "lectures (6 a member), $(g quiz_scores) test scores (10 tests) and $(g study_records) study records (22 a member)."
    echo
    echo "Per round (\"other\": share of the machine busy with other work during that process):"
    echo
    echo "| run | wall s | CPU s | peak KiB | other | counted |"
    echo "|---|---:|---:|---:|---:|---|"
    awk -v counted=" $(awk '{ printf "%s ", $2 }' "$TMP/clean" 2>/dev/null) " '
         { w = ""; c = ""; k = ""; o = ""
           for (i = 2; i <= NF; i++) { split($i, f, "=")
             if (f[1] == "compute_s" || f[1] == "baseline_s") w = f[2]
             if (f[1] == "cpu_s") c = f[2]; if (f[1] == "peak_kb") k = f[2]; if (f[1] == "other") o = f[2] }
           printf "| %s | %s | %s | %s | %s %% | %s |\n", $1, w, c, k, o, index(counted, " " $1 " ") ? "yes" : "no" }' "$TMP/runs" |
        awk -F' [|] ' -v OFS=' | ' '{ s = $4; r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } $4 = s r; print }' 
    echo "$END_MARK"
} >"$TMP/block"
if grep -qF "$BEGIN_MARK" "$DOC"; then
    awk -v b="$BEGIN_MARK" -v e="$END_MARK" -v f="$TMP/block" '
        $0 == b { while ((getline l < f) > 0) print l; skip = 1; next }
        $0 == e { skip = 0; next }
        !skip { print }' "$DOC" >"$TMP/doc"
    cat "$TMP/doc" >"$DOC"
else
    { echo; echo "## Index engine"; echo; cat "$TMP/block"; } >>"$DOC"
fi
echo "wrote $DOC"
