#!/bin/sh
# bench/list_bench.sh — the list read path (issue 19) side by side with nginx serving the same
# bytes as a file, in one run: `GET /api/v1/people` of 50 rows with the answer cache and without
# it, a 304 (If-None-Match with the current ETag) against nginx's own 304, and lists of 5 and 500
# rows; wrk -t2 -c64, medians of ROUNDS rounds; p99 latency; the peak RSS of each dangjian server.
# Not part of `make test`.  With --write it replaces its section of docs/BENCHMARKS.md (between
# its two marker lines; the rest of the file is kept).
#
#   sh bench/list_bench.sh [--write]
#
# Environment: ROUNDS [3], DURATION [5s], CONNECTIONS [64], WRK_THREADS [2], THREADS [nproc],
# NGINX [/usr/sbin/nginx], WRK [wrk], KEEP_TMP=1 keeps the temporary directory.
set -eu

REPO=$(cd "$(dirname "$0")/.." && pwd)
WRITE=0
for a in "$@"; do
    case $a in
    --write) WRITE=1 ;;
    *) echo "list_bench.sh: unknown argument $a" >&2; exit 2 ;;
    esac
done
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
THREADS=${THREADS:-$(nproc)}
NGINX=${NGINX:-/usr/sbin/nginx}
WRK=${WRK:-wrk}
PASSWORD='Bench@2026dj'

die() {
    echo "list_bench.sh: $*" >&2
    [ -z "${TMP:-}" ] || { KEEP_TMP=1; echo "list_bench.sh: files kept in $TMP" >&2; }
    exit 1
}
for tool in curl "$WRK" "$NGINX" timeout awk sort; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done

echo "== building the release binary and the roster generator"
make -C "$REPO" --no-print-directory build/dangjian build/gen_roster >/dev/null || die "the build failed"
DJ=$REPO/build/dangjian
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')
[ -z "$(git -C "$REPO" status --porcelain -- src Makefile 2>/dev/null)" ] ||
    COMMIT="$COMMIT with uncommitted changes"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dangjian-listbench.XXXXXX")
PIDS=
NGX_PID=
cleanup() {
    st=$?
    trap - EXIT INT TERM
    for p in $PIDS; do kill -TERM "$p" 2>/dev/null || true; done
    for p in $PIDS; do wait "$p" 2>/dev/null || true; done
    if [ -n "$NGX_PID" ]; then
        kill -TERM "$NGX_PID" 2>/dev/null || true
        wait "$NGX_PID" 2>/dev/null || true
    fi
    if [ "${KEEP_TMP:-0}" = 1 ]; then echo "temporary files kept in $TMP"; else rm -rf "$TMP"; fi
    exit "$st"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# ---- the database: the demo bureau (150 staff) and 450 more people, so that 500 rows exist
echo "== demo database with 600 people in $TMP"
DANGJIAN_ADMIN_PASSWORD=$PASSWORD "$DJ" demo --db "$TMP/bench.db" --no-records >"$TMP/demo.log" 2>&1 ||
    { cat "$TMP/demo.log" >&2; die "dangjian demo failed"; }
"$REPO/build/gen_roster" 450 "$TMP/more.xlsx" >/dev/null || die "gen_roster failed"
"$DJ" import people "$TMP/more.xlsx" --db "$TMP/bench.db" --create-missing >"$TMP/import.log" 2>&1 ||
    "$DJ" import people "$TMP/more.xlsx" --db "$TMP/bench.db" >"$TMP/import.log" 2>&1 ||
    { tail -n 20 "$TMP/import.log" >&2; die "the import of 450 people failed"; }

# start_dj NAME [ARGS...]: sets STARTED_PID and STARTED_BASE
start_dj() {
    sname=$1
    shift
    sport=$(free_port)
    "$DJ" serve --db "$TMP/bench.db" --listen "127.0.0.1:$sport" --threads "$THREADS" \
        --set log.access=off "$@" >"$TMP/$sname.out" 2>"$TMP/$sname.err" &
    STARTED_PID=$!
    PIDS="$PIDS $STARTED_PID"
    i=0
    until grep -q "serving on http://127.0.0.1:$sport/" "$TMP/$sname.out" 2>/dev/null; do
        kill -0 "$STARTED_PID" 2>/dev/null || { cat "$TMP/$sname.err" >&2; die "dangjian ($sname) exited"; }
        i=$((i + 1))
        [ $i -lt 100 ] || die "dangjian ($sname) did not start within 10 s"
        sleep 0.1
    done
    STARTED_BASE=http://127.0.0.1:$sport
}
start_dj cache
CACHE_PID=$STARTED_PID CACHE_BASE=$STARTED_BASE
start_dj nocache --set cache.max_bytes=0
NOCACHE_PID=$STARTED_PID NOCACHE_BASE=$STARTED_BASE
status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
MAX_RSS_CACHE=0 MAX_RSS_NOCACHE=0
sample_rss() { # the largest VmRSS seen right after a load
    v=$(status_kib "$CACHE_PID" VmRSS); [ "$v" -le "$MAX_RSS_CACHE" ] || MAX_RSS_CACHE=$v
    v=$(status_kib "$NOCACHE_PID" VmRSS); [ "$v" -le "$MAX_RSS_NOCACHE" ] || MAX_RSS_NOCACHE=$v
}

# one login (a login is a write: it changes the data's version, so it comes before every answer)
code=$(curl -sS -o "$TMP/login.json" -D "$TMP/login.headers" -w '%{http_code}' \
    -H 'Content-Type: application/json' \
    --data "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$CACHE_BASE/api/v1/session")
[ "$code" = 200 ] || { cat "$TMP/login.json" >&2; die "login answered $code"; }
COOKIE=$(tr -d '\r' <"$TMP/login.headers" | sed -n 's/^[Ss]et-[Cc]ookie: *dj_session=\([^;]*\).*/\1/p' | head -n 1)
[ -n "$COOKIE" ] || die "no session cookie"

# the answers as files for nginx, fetched from the server (the same bytes)
mkdir -p "$TMP/html" "$TMP/nginx"
for n in 5 50 500; do
    curl -sS -H "Cookie: dj_session=$COOKIE" -D "$TMP/h$n" -o "$TMP/html/people$n.json" \
        "$NOCACHE_BASE/api/v1/people?limit=$n" || die "GET people?limit=$n failed"
    rows=$(grep -o '"staff_no"' "$TMP/html/people$n.json" | wc -l)
    [ "$rows" = "$n" ] || die "people?limit=$n answered $rows rows"
    curl -sS -H "Cookie: dj_session=$COOKIE" -o "$TMP/cache$n.json" "$CACHE_BASE/api/v1/people?limit=$n"
    cmp -s "$TMP/cache$n.json" "$TMP/html/people$n.json" || die "the two servers answer people?limit=$n differently"
done
ETAG=$(tr -d '\r' <"$TMP/h50" | sed -n 's/^[Ee][Tt]ag: *//p')
[ -n "$ETAG" ] || die "no ETag on the list"
code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: dj_session=$COOKIE" -H "If-None-Match: $ETAG" \
    "$CACHE_BASE/api/v1/people?limit=50")
[ "$code" = 304 ] || die "If-None-Match answered $code, not 304"
# the peak before the load: the cache server did the login, whose argon2id takes 64 MiB
START_HWM_CACHE=$(status_kib "$CACHE_PID" VmHWM)
START_HWM_NOCACHE=$(status_kib "$NOCACHE_PID" VmHWM)
chmod 711 "$TMP"
chmod 755 "$TMP/html"
chmod 644 "$TMP/html"/*.json

NGX_PORT=$(free_port)
cat >"$TMP/nginx.conf" <<NGINX_CONF
worker_processes $THREADS;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile off;
    tcp_nodelay on;
    keepalive_requests 1000000;
    open_file_cache max=1000 inactive=60s;
    open_file_cache_valid 60s;
    server_tokens off;
    etag on;
    types { application/json json; }
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    server { listen 127.0.0.1:$NGX_PORT; root $TMP/html; location / { } }
}
NGINX_CONF
"$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" -g 'daemon off;' >"$TMP/nginx.out" 2>&1 &
NGX_PID=$!
NGX=http://127.0.0.1:$NGX_PORT
i=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$NGX/people50.json" 2>/dev/null)" = 200 ]; do
    kill -0 "$NGX_PID" 2>/dev/null || { cat "$TMP/nginx-error.log" >&2; die "nginx exited"; }
    i=$((i + 1))
    [ $i -lt 100 ] || die "nginx did not start"
    sleep 0.1
done
NGX_ETAG=$(curl -sS -D - -o /dev/null "$NGX/people50.json" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: *//p')
code=$(curl -sS -o /dev/null -w '%{http_code}' -H "If-None-Match: $NGX_ETAG" "$NGX/people50.json")
[ "$code" = 304 ] || die "nginx answered If-None-Match with $code"

# the cases: NAME URL KIND (dj: with the cookie) [IF-NONE-MATCH]
CASES="
n50 $NGX/people50.json ngx
c50 $CACHE_BASE/api/v1/people?limit=50 dj
u50 $NOCACHE_BASE/api/v1/people?limit=50 dj
n304 $NGX/people50.json ngx $NGX_ETAG
c304 $CACHE_BASE/api/v1/people?limit=50 dj $ETAG
n5 $NGX/people5.json ngx
c5 $CACHE_BASE/api/v1/people?limit=5 dj
u5 $NOCACHE_BASE/api/v1/people?limit=5 dj
n500 $NGX/people500.json ngx
c500 $CACHE_BASE/api/v1/people?limit=500 dj
u500 $NOCACHE_BASE/api/v1/people?limit=500 dj
"
# run_case NAME URL KIND [TAG] > "rps p99_ms non2xx3xx"
run_case() {
    out=$TMP/wrk-$1-$R.txt
    if [ "$3" = dj ]; then auth="Cookie: dj_session=$COOKIE"; else auth="X-Bench: nginx"; fi
    if [ -n "${4:-}" ]; then cond="If-None-Match: $4"; else cond="X-Bench-Cond: none"; fi
    timeout 60 "$WRK" -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
        -H "$auth" -H "$cond" "$2" >"$out" 2>&1 || true
    awk '/^Requests\/sec:/ { rps = $2 }
         /^ +99%/ { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
                    p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : v }
         /Non-2xx or 3xx responses:/ { bad = $NF }
         END { if (rps == "") { print "FAIL"; exit } printf "%s %s %d\n", rps, p99, bad }' "$out"
}

echo "== $ROUNDS rounds of wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION"
: >"$TMP/results"
R=1
while [ "$R" -le "$ROUNDS" ]; do
    while read -r name url kind tag; do
        [ -n "$name" ] || continue
        line=$(run_case "$name" "$url" "$kind" "$tag")
        [ "$line" != FAIL ] || { cat "$TMP/wrk-$name-$R.txt" >&2; die "wrk failed on $name"; }
        sample_rss
        echo "$R $name $line" >>"$TMP/results"
        printf '   round %d  %-5s %10s req/s  p99 %7s ms  non-2xx/3xx %s\n' "$R" "$name" $line
    done <<CASES_END
$CASES
CASES_END
    R=$((R + 1))
done
# a 304 counts as 3xx for wrk; any 4xx/5xx shows as non-2xx/3xx
awk '$5 > 0 { print "   !! " $2 " round " $1 ": " $5 " answers not 2xx/3xx"; bad = 1 } END { exit bad }' "$TMP/results" ||
    die "some answers were errors"

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
RSS_CACHE=$(mib "$MAX_RSS_CACHE")
RSS_NOCACHE=$(mib "$MAX_RSS_NOCACHE")
HWM_CACHE=$(mib "$(status_kib "$CACHE_PID" VmHWM)")
HWM_NOCACHE=$(mib "$(status_kib "$NOCACHE_PID" VmHWM)")
START_CACHE=$(mib "$START_HWM_CACHE")
START_NOCACHE=$(mib "$START_HWM_NOCACHE")

med() { # NAME COLUMN(3 rps, 4 p99)
    awk -v n="$1" -v c="$2" '$2 == n { print $c }' "$TMP/results" | sort -g |
        awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
size() { wc -c <"$TMP/html/people$1.json" | tr -d ' '; }
row() { # LABEL NAME NGINX-NAME
    r=$(med "$2" 3) p=$(med "$2" 4) g=$(med "$3" 3)
    awk -v l="$1" -v r="$r" -v p="$p" -v g="$g" \
        'BEGIN { printf "| %s | %.0f | %.3f | %.2f ms |\n", l, r, (g > 0 ? r / g : 0), p }'
}
TABLE=$(
    echo "| median of $ROUNDS rounds | requests/s | ratio to nginx | p99 latency |"
    echo "|---|---:|---:|---:|"
    row "people, 50 rows ($(size 50) bytes), **answer cache on**" c50 n50
    row "people, 50 rows, cache off (\`cache.max_bytes=0\`)" u50 n50
    row "people, 50 rows, \`If-None-Match\` → **304** (nginx: its 304)" c304 n304
    row "people, 5 rows ($(size 5) bytes), cache on" c5 n5
    row "people, 5 rows, cache off" u5 n5
    row "people, 500 rows ($(size 500) bytes), cache on" c500 n500
    row "people, 500 rows, cache off" u500 n500
    row "nginx, the 50-row answer as a file" n50 n50
    row "nginx, its 304" n304 n304
    row "nginx, the 5-row answer as a file" n5 n5
    row "nginx, the 500-row answer as a file" n500 n500
)
PER_ROUND=$(
    echo "| round | case | requests/s | p99 ms |"
    echo "|---:|---|---:|---:|"
    awk '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$TMP/results"
)
echo
echo "$TABLE"
echo
echo "RSS under load (largest sample): cache on $RSS_CACHE MiB, cache off $RSS_NOCACHE MiB"
echo "VmHWM at the end: cache on $HWM_CACHE MiB, cache off $HWM_NOCACHE MiB (before the load: $START_CACHE, $START_NOCACHE)"

[ "$WRITE" = 1 ] || exit 0
DOC=$REPO/docs/BENCHMARKS.md
BEGIN='<!-- bench/list_bench.sh: begin -->'
END='<!-- bench/list_bench.sh: end -->'
SECTION=$(
    echo "$BEGIN"
    echo
    echo "Written by \`sh bench/list_bench.sh --write\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT;"
    echo "$(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), shared by wrk and the servers."
    echo
    echo "$TABLE"
    echo
    echo "- Memory under load (the largest VmRSS sampled after each of the $((ROUNDS * 11)) wrk runs): **$RSS_CACHE MiB**"
    echo "  with the answer cache (\`cache.max_bytes\` 32 MiB), **$RSS_NOCACHE MiB** without it. The processes'"
    echo "  VmHWM at the end was $HWM_CACHE and $HWM_NOCACHE MiB, and already $START_CACHE and $START_NOCACHE MiB"
    echo "  before the load: that peak is the one login's password check on the first server (argon2id,"
    echo "  \`crypto_pwhash_MEMLIMIT_INTERACTIVE\` = 64 MiB, freed at once), not the lists."
    echo "- The machine was shared with other work during the run (load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
    echo "  on $(nproc) CPUs): absolute rates and p99 latencies (nginx's too) are far worse than on an idle"
    echo "  machine; the ratios, measured minutes apart in the same rounds, are the numbers to read."
    echo "- Method: \`dangjian demo --no-records\` plus 450 people imported (\`build/gen_roster\`): 600 people."
    echo "  Two servers on that SQLite database, \`--threads $THREADS --set log.access=off\`, one with the answer cache"
    echo "  (default) and one with \`cache.max_bytes=0\`; one admin session. nginx ($("$NGINX" -v 2>&1 | sed 's/.*: //'))"
    echo "  serves each answer's exact bytes as a file (\`open_file_cache\`, \`sendfile off\`, keep-alive), and"
    echo "  answers \`If-None-Match\` with its own ETag by a 304. \`wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency\`,"
    echo "  each case once per round in a fixed order, $ROUNDS rounds; no Accept-Encoding (plain bytes on both"
    echo "  sides). The data does not change during the run, so with the cache on every answer after the first"
    echo "  is a hit: the request still authenticates (the session cache) and reads the data's version"
    echo "  (one query on \`audit_head\`)."
    echo
    echo "<details><summary>Per round</summary>"
    echo
    echo "$PER_ROUND"
    echo
    echo "</details>"
    echo
    echo "$END"
)
if grep -q "$BEGIN" "$DOC"; then
    printf '%s\n' "$SECTION" >"$TMP/section"
    awk -v b="$BEGIN" -v e="$END" -v f="$TMP/section" '
        $0 == b { while ((getline l < f) > 0) print l; skip = 1; next }
        $0 == e { skip = 0; next }
        !skip' "$DOC" >"$TMP/doc"
    cp "$TMP/doc" "$DOC"
else
    { echo; echo "## The list read path (issue 19)"; echo; printf '%s\n' "$SECTION"; } >>"$DOC"
fi
echo "== docs/BENCHMARKS.md updated"
