#!/bin/sh
# Import benchmark (issue 4): a 100,000-row roster made with the project's own
# writer, imported by `dangjian import people` into a demo database; wall time
# and peak memory.  Baseline measured in the same run: sqlite3's own `.import`
# of the same rows as CSV into a bare table (no checks, no sealing, no audit).
# usage: sh bench/import.sh [ROWS]   (default 100000; RUNS=3)
set -eu
cd "$(dirname "$0")/.."
ROWS=${1:-100000}
RUNS=${RUNS:-3}
make -s build/dangjian build/gen_roster
tmp=$(mktemp -d /tmp/dj-bench-import.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
./build/gen_roster "$ROWS" "$tmp/roster.xlsx"
./build/gen_roster "$ROWS" "$tmp/roster.csv"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: >"$tmp/dj.txt"
: >"$tmp/base.txt"
for run in $(seq "$RUNS"); do
  rm -f "$tmp"/d.db*
  ./build/dangjian demo --db "$tmp/d.db" >/dev/null 2>&1
  /usr/bin/time -f "%e %M" -o "$tmp/t" ./build/dangjian import people "$tmp/roster.xlsx" \
    --db "$tmp/d.db" --set log.level=warn >"$tmp/out" 2>&1
  tail -n 1 "$tmp/out" | grep -q "新增 $ROWS" || { cat "$tmp/out"; exit 1; }
  cat "$tmp/t" >>"$tmp/dj.txt"
  rm -f "$tmp/base.db"
  /usr/bin/time -f "%e %M" -o "$tmp/t" sqlite3 "$tmp/base.db" ".mode csv" ".import $tmp/roster.csv roster"
  cat "$tmp/t" >>"$tmp/base.txt"
done
dj_s=$(cut -d' ' -f1 "$tmp/dj.txt" | median)
dj_kb=$(cut -d' ' -f2 "$tmp/dj.txt" | median)
base_s=$(cut -d' ' -f1 "$tmp/base.txt" | median)
base_kb=$(cut -d' ' -f2 "$tmp/base.txt" | median)
ratio=$(awk -v a="$dj_s" -v b="$base_s" 'BEGIN {printf "%.1f", a / b}')
size=$(du -k "$tmp/roster.xlsx" | cut -f1)
echo "rows=$ROWS xlsx=${size}KiB runs=$RUNS"
echo "dangjian import: ${dj_s} s, peak ${dj_kb} KiB"
echo "sqlite3 .import (baseline): ${base_s} s, peak ${base_kb} KiB"
echo "ratio dangjian / baseline: $ratio"
echo "targets: under 15 s: $(awk -v a="$dj_s" 'BEGIN {print (a < 15) ? "met" : "missed"}'); under 300 MB: $(awk -v k="$dj_kb" 'BEGIN {print (k < 300*1024) ? "met" : "missed"}')"
