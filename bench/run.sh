#!/bin/sh
# bench/run.sh — logged-in `GET /api/v1/session` on dangjian against nginx serving a static
# file of the same size, both on 127.0.0.1, in the same run, alternating, several rounds;
# prints the medians and their ratio. With --write (or WRITE=1) it rewrites docs/BENCHMARKS.md.
#
#   sh bench/run.sh [--write]
#
# Environment (defaults in brackets):
#   ROUNDS [5]        rounds; each round runs wrk once against each server
#   DURATION [10s]    length of each wrk run
#   WARMUP [2s]       one untimed wrk run against each server before the rounds ("0" skips it)
#   CONNECTIONS [64]  wrk -c
#   WRK_THREADS [2]   wrk -t
#   THREADS [nproc]   dangjian --threads and nginx worker_processes
#   MAX_OTHER [10]    a round where other work took more than this % of the CPU is repeated
#   NGINX [/usr/sbin/nginx], WRK [wrk]
#   KEEP_TMP=1        keep the temporary directory (database, nginx.conf, wrk outputs)
#
# Only loopback traffic. Both servers are stopped on exit. Run time is bounded: at most
# (4 * ROUNDS + 2) * (DURATION + 1 s) plus the build (disturbed rounds are repeated, up to
# 2 * ROUNDS rounds), and every wrk runs under `timeout`.
set -eu

REPO=$(cd "$(dirname "$0")/.." && pwd)
WRITE=${WRITE:-0}
for a in "$@"; do
    case $a in
    --write) WRITE=1 ;;
    -h | --help)
        sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "run.sh: unknown argument $a" >&2
        exit 2
        ;;
    esac
done

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
THREADS=${THREADS:-$(nproc)}
MAX_OTHER=${MAX_OTHER:-10}
NGINX=${NGINX:-/usr/sbin/nginx}
WRK=${WRK:-wrk}
PASSWORD='Bench@2026dj'

die() {
    echo "run.sh: $*" >&2
    [ -z "${TMP:-}" ] || { KEEP_TMP=1; echo "run.sh: logs kept in $TMP" >&2; }
    exit 1
}

for tool in curl "$WRK" "$NGINX" timeout awk sort; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done
case $ROUNDS in '' | *[!0-9]* | 0) die "ROUNDS must be a positive integer" ;; esac
case $THREADS in '' | *[!0-9]* | 0) die "THREADS must be a positive integer" ;; esac

# seconds of a wrk duration (10, 10s, 2m), for the timeouts
secs() {
    case $1 in
    *m) echo $((${1%m} * 60)) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
    esac
}

echo "== building the release binary"
make -C "$REPO" --no-print-directory build/dangjian >/dev/null || die "the build failed"
DJ=$REPO/build/dangjian

TMP=
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dangjian-bench.XXXXXX")
DJ_PID=
NGX_PID=
cleanup() {
    st=$?
    trap - EXIT INT TERM
    if [ -n "$DJ_PID" ] && kill -0 "$DJ_PID" 2>/dev/null; then
        kill -TERM "$DJ_PID" 2>/dev/null || true
        wait "$DJ_PID" 2>/dev/null || true
    fi
    if [ -n "$NGX_PID" ] && kill -0 "$NGX_PID" 2>/dev/null; then
        kill -TERM "$NGX_PID" 2>/dev/null || true # fast shutdown, the workers follow
        wait "$NGX_PID" 2>/dev/null || true
    fi
    if [ "${KEEP_TMP:-0}" = 1 ]; then
        echo "temporary files kept in $TMP"
    else
        rm -rf "$TMP"
    fi
    exit "$st"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# a TCP port on 127.0.0.1 that nothing listens on now
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' && return
    fi
    i=0
    while [ $i -lt 50 ]; do
        p=$(awk 'BEGIN { srand(); print 20000 + int(rand() * 30000) }')
        p=$((p + i))
        hex=$(printf '%04X' "$p")
        if ! awk 'NR > 1 { print $2 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null | grep -qi ":$hex\$"; then
            echo "$p"
            return
        fi
        i=$((i + 1))
    done
    die "no free port found"
}

echo "== demo database in $TMP"
DANGJIAN_ADMIN_PASSWORD=$PASSWORD "$DJ" demo --db "$TMP/bench.db" >"$TMP/demo.log" 2>&1 ||
    { cat "$TMP/demo.log" >&2; die "dangjian demo failed"; }

DJ_PORT=$(free_port)
"$DJ" serve --db "$TMP/bench.db" --listen "127.0.0.1:$DJ_PORT" --threads "$THREADS" \
    --set log.access_log=false >"$TMP/dangjian.out" 2>"$TMP/dangjian.err" &
DJ_PID=$!
i=0
until grep -q "serving on http://127.0.0.1:$DJ_PORT/" "$TMP/dangjian.out" 2>/dev/null; do
    kill -0 "$DJ_PID" 2>/dev/null || { cat "$TMP/dangjian.err" >&2; die "dangjian serve exited"; }
    i=$((i + 1))
    [ $i -lt 100 ] || die "dangjian did not start within 10 s"
    sleep 0.1
done
DJ_URL=http://127.0.0.1:$DJ_PORT/api/v1/session
echo "== dangjian (pid $DJ_PID, $THREADS threads) on $DJ_URL"

code=$(curl -sS -o "$TMP/login.json" -D "$TMP/login.headers" -w '%{http_code}' \
    -H 'Content-Type: application/json' \
    --data "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$DJ_URL")
[ "$code" = 200 ] || { cat "$TMP/login.json" >&2; die "login answered $code"; }
COOKIE=$(tr -d '\r' <"$TMP/login.headers" | sed -n 's/^[Ss]et-[Cc]ookie: *dj_session=\([^;]*\).*/\1/p' | head -n 1)
[ -n "$COOKIE" ] || die "no dj_session cookie in the login answer"

code=$(curl -sS -o "$TMP/session.json" -w '%{http_code}' -H "Cookie: dj_session=$COOKIE" "$DJ_URL")
[ "$code" = 200 ] || die "GET /api/v1/session answered $code"
SIZE=$(wc -c <"$TMP/session.json" | tr -d ' ')
echo "== GET /api/v1/session answers 200 with $SIZE bytes of JSON"

# nginx: a file of exactly SIZE bytes, tuned for small files
mkdir -p "$TMP/html" "$TMP/nginx"
head -c "$SIZE" /dev/zero | tr '\0' 'x' >"$TMP/html/session.json"
[ "$(wc -c <"$TMP/html/session.json" | tr -d ' ')" = "$SIZE" ] || die "static file size mismatch"
# as root the workers run as nobody: let them reach the file, and nothing else
chmod 711 "$TMP"
chmod 755 "$TMP/html"
chmod 644 "$TMP/html/session.json"
NGX_PORT=$(free_port)
cat >"$TMP/nginx.conf" <<EOF
worker_processes $THREADS;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events {
    worker_connections 4096;
}
http {
    access_log off;
    sendfile off;
    tcp_nodelay on;
    keepalive_timeout 65s;
    keepalive_requests 1000000;
    open_file_cache max=1000 inactive=60s;
    open_file_cache_valid 60s;
    open_file_cache_min_uses 1;
    open_file_cache_errors on;
    server_tokens off;
    types { application/json json; }
    default_type application/octet-stream;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    server {
        listen 127.0.0.1:$NGX_PORT;
        root $TMP/html;
        location / { }
    }
}
EOF
"$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" -t >"$TMP/nginx-t.log" 2>&1 ||
    { cat "$TMP/nginx-t.log" >&2; die "nginx rejected its configuration"; }
"$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" -g 'daemon off;' \
    >"$TMP/nginx.out" 2>&1 &
NGX_PID=$!
NGX_URL=http://127.0.0.1:$NGX_PORT/session.json
i=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$NGX_URL" 2>/dev/null)" = 200 ]; do
    kill -0 "$NGX_PID" 2>/dev/null || { cat "$TMP/nginx-error.log" "$TMP/nginx.out" >&2; die "nginx exited"; }
    i=$((i + 1))
    [ $i -lt 100 ] || die "nginx did not start within 10 s"
    sleep 0.1
done
got=$(curl -s -o /dev/null -w '%{size_download}' "$NGX_URL")
[ "$got" = "$SIZE" ] || die "nginx serves $got bytes, not $SIZE"
echo "== nginx (pid $NGX_PID, $THREADS workers) on $NGX_URL"

CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
# CPU ticks (user + system) of a process and its threads, or of nginx's master and workers
cpu_ticks() {
    case $1 in
    dangjian) pids=$DJ_PID ;;
    nginx) pids="$NGX_PID $(ps -o pid= --ppid "$NGX_PID" 2>/dev/null | tr '\n' ' ')" ;;
    esac
    t=0
    for p in $pids; do
        # fields after the ")" of comm: utime and stime are the 12th and 13th
        v=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }') || v=0
        t=$((t + ${v:-0}))
    done
    echo "$t"
}

# "busy total" jiffies of the whole machine, all CPUs together
machine_ticks() {
    awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit }' /proc/stat
}

# wrk NAME DURATION OUT: one run; prints
#   "rps p99_ms server_cpu_us_per_request wrk_cpu_us_per_request other_cpu_percent errors"
# where other_cpu_percent is the machine's busy time that neither the server nor wrk used
# (other processes, interrupts), as a share of all CPUs: a disturbed round shows up there.
# It runs in a subshell of its own ($(...)), so `times` gives wrk's CPU time alone.
run_wrk() {
    name=$1 dur=$2 out=$3
    limit=$(($(secs "$dur") + 30))
    m0=$(machine_ticks)
    before=$(cpu_ticks "$name")
    if [ "$name" = dangjian ]; then
        timeout "$limit" "$WRK" -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$dur" --latency \
            -H "Cookie: dj_session=$COOKIE" "$DJ_URL" >"$out" 2>&1 || true
    else
        timeout "$limit" "$WRK" -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$dur" --latency \
            "$NGX_URL" >"$out" 2>&1 || true
    fi
    after=$(cpu_ticks "$name")
    m1=$(machine_ticks)
    times >"$out.times" # in this shell: in a pipe or $(...) it would report a new process
    client=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { f = $i; sub(/s$/, "", f); split(f, a, "m"); t += a[1] * 60 + a[2] } print t }' "$out.times")
    awk -v ticks=$((after - before)) -v hz="$CLK_TCK" -v client="$client" -v m0="$m0" -v m1="$m1" '
        /^Requests\/sec:/ { rps = $2 }
        /^ +99%/ {
            v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
            p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v
        }
        /^ +[0-9]+ requests in/ { n = $1 }
        /Non-2xx or 3xx responses:/ { err += $NF }
        /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
        END {
            if (rps == "" || p99 == "") { print "FAIL"; exit }
            cpu = (n > 0) ? ticks * 1e6 / hz / n : 0
            wcpu = (n > 0) ? client * 1e6 / n : 0
            split(m0, a, " "); split(m1, b, " ")
            total = b[2] - a[2]
            other = (total > 0) ? 100 * ((b[1] - a[1]) - ticks - client * hz) / total : 0
            if (other < 0) other = 0
            printf "%.2f %.3f %.1f %.1f %.1f %d\n", rps, p99, cpu, wcpu, other, err
        }' "$out"
}

median() { # of the numbers on stdin
    sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# both servers must live through the whole run; this script stops them only on exit
alive() {
    if ! kill -0 "$DJ_PID" 2>/dev/null; then
        tail -n 5 "$TMP/dangjian.err" >&2
        die "dangjian (pid $DJ_PID) ended during the run, not stopped by this script"
    fi
    if ! kill -0 "$NGX_PID" 2>/dev/null; then
        tail -n 5 "$TMP/nginx-error.log" >&2
        die "nginx (pid $NGX_PID) ended during the run, not stopped by this script"
    fi
}

if [ "$WARMUP" != 0 ]; then
    echo "== warm-up: $WARMUP against each (not counted)"
    run_wrk dangjian "$WARMUP" "$TMP/warmup-dangjian.txt" >/dev/null
    run_wrk nginx "$WARMUP" "$TMP/warmup-nginx.txt" >/dev/null
fi
alive

echo "== $ROUNDS rounds of wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, alternating"
# A round in which other work took more than MAX_OTHER % of the machine's CPU (during either run)
# is disturbed: it is kept in the record but repeated, up to ROUNDS extra rounds in all.
RESULTS=$TMP/results.txt
: >"$RESULTS"
r=0
clean=0
while [ "$clean" -lt "$ROUNDS" ] && [ "$r" -lt $((2 * ROUNDS)) ]; do
    r=$((r + 1))
    # odd rounds start with dangjian, even rounds with nginx (A B, B A, ...)
    if [ $((r % 2)) = 1 ]; then order="dangjian nginx"; else order="nginx dangjian"; fi
    pair=
    disturbed=0
    for name in $order; do
        line=$(run_wrk "$name" "$DURATION" "$TMP/round$r-$name.txt")
        alive
        [ "$line" != FAIL ] || { cat "$TMP/round$r-$name.txt" >&2; die "wrk against $name failed in round $r"; }
        # shellcheck disable=SC2086 # split the fields on purpose
        set -- $line
        [ "$6" = 0 ] || echo "   warning: $name round $r had $6 errors or non-2xx answers" >&2
        awk -v o="$5" -v m="$MAX_OTHER" 'BEGIN { exit !(o > m) }' && disturbed=1
        pair="$pair$r $name $line
"
        printf '   round %d  %-8s  %10s req/s  p99 %7s ms  server %5s µs/req  wrk %5s µs/req  other load %4s%%\n' \
            "$r" "$name" "$1" "$2" "$3" "$4" "$5"
        sleep 1
    done
    if [ "$disturbed" = 0 ]; then
        kept=yes
        clean=$((clean + 1))
    else
        kept=no
        echo "   round $r disturbed (other load above $MAX_OTHER %): not counted"
    fi
    printf '%s' "$pair" | sed "s/\$/ $kept/" >>"$RESULTS"
done
# medians over the clean rounds; over all of them when too few were clean
USED=$TMP/used.txt
need=3
[ "$ROUNDS" -ge 3 ] || need=$ROUNDS
if [ "$clean" -ge "$need" ]; then
    awk '$9 == "yes"' "$RESULTS" >"$USED"
    USED_NOTE="the $clean undisturbed rounds"
else
    cp "$RESULTS" "$USED"
    USED_NOTE="all $r rounds, disturbed ones included (only $clean were undisturbed)"
    echo "WARNING: only $clean undisturbed rounds: the medians include disturbed rounds" >&2
fi
NUSED=$(awk 'END { print NR / 2 }' "$USED")

col() { awk -v n="$1" -v c="$2" '$2 == n { print $c }' "$USED"; }
range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }'; }
DJ_RPS=$(col dangjian 3 | median)
DJ_P99=$(col dangjian 4 | median)
DJ_CPU=$(col dangjian 5 | median)
DJ_WRK=$(col dangjian 6 | median)
NG_RPS=$(col nginx 3 | median)
NG_P99=$(col nginx 4 | median)
NG_CPU=$(col nginx 5 | median)
NG_WRK=$(col nginx 6 | median)
DJ_RANGE=$(col dangjian 3 | range)
NG_RANGE=$(col nginx 3 | range)
ERRORS=$(awk '{ s += $8 } END { print s + 0 }' "$USED")
DISCARDED=$(awk '$9 == "no"' "$RESULTS" | wc -l | tr -d ' ')
DISCARDED=$((DISCARDED / 2))
# what the rates would be if the 2 cores were only the server's and wrk's: machine-bound rate is
# cores / (server + wrk CPU per request), so the ratio of those costs is a cross-check that
# disturbances barely move
COST_RATIO=$(awk -v a="$DJ_CPU" -v b="$DJ_WRK" -v c="$NG_CPU" -v d="$NG_WRK" 'BEGIN { printf "%.3f", (c + d) / (a + b) }')
RATIO=$(awk -v a="$DJ_RPS" -v b="$NG_RPS" 'BEGIN { printf "%.3f", a / b }')
RATIO_OK=$(awk -v r="$RATIO" 'BEGIN { print (r >= 0.5) ? "met" : "missed" }')
P99_OK=$(awk -v p="$DJ_P99" 'BEGIN { print (p < 10) ? "met" : "missed" }')

echo
echo "medians over $USED_NOTE:"
printf '%-30s %12s %10s %14s %11s   %s\n' "" "req/s" "p99 ms" "server µs/req" "wrk µs/req" "req/s range"
printf '%-30s %12s %10s %14s %11s   %s\n' "dangjian GET /api/v1/session" "$DJ_RPS" "$DJ_P99" "$DJ_CPU" "$DJ_WRK" "$DJ_RANGE"
printf '%-30s %12s %10s %14s %11s   %s\n' "nginx static $SIZE B" "$NG_RPS" "$NG_P99" "$NG_CPU" "$NG_WRK" "$NG_RANGE"
echo
echo "ratio dangjian/nginx: $RATIO (target >= 0.5: $RATIO_OK)"
echo "dangjian p99: $DJ_P99 ms at $CONNECTIONS connections (target < 10 ms: $P99_OK)"
echo "cross-check, ratio of CPU per request (nginx server+wrk / dangjian server+wrk): $COST_RATIO"
[ "$ERRORS" = 0 ] || echo "WARNING: $ERRORS errors or non-2xx answers in total; the numbers are suspect" >&2
[ "$DISCARDED" = 0 ] || echo "note: $DISCARDED disturbed rounds were repeated and not counted"

[ "$WRITE" = 1 ] || exit 0

# ---- docs/BENCHMARKS.md
CPU_MODEL=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
[ -n "$CPU_MODEL" ] || CPU_MODEL=$(uname -m)
MHD_V=$(pkg-config --modversion libmicrohttpd 2>/dev/null || echo '?')
SQLITE_V=$(pkg-config --modversion sqlite3 2>/dev/null || echo '?')
JANSSON_V=$(pkg-config --modversion jansson 2>/dev/null || echo '?')
DOC=$REPO/docs/BENCHMARKS.md
MARKER='<!-- bench/run.sh keeps everything below this line -->'
mkdir -p "$REPO/docs"
{
    cat <<EOF
# Benchmarks

Written by \`sh bench/run.sh --write\` (\`ROUNDS=$ROUNDS DURATION=$DURATION\`); rerun it rather than
editing the numbers by hand.

## Result

Medians over $USED_NOTE:

| median of $NUSED rounds | requests/s | p99 latency | server CPU per request | wrk CPU per request | requests/s, lowest–highest round |
|---|---:|---:|---:|---:|---:|
| dangjian \`GET /api/v1/session\`, logged in | $DJ_RPS | $DJ_P99 ms | $DJ_CPU µs | $DJ_WRK µs | $DJ_RANGE |
| nginx, static file of the same size ($SIZE bytes) | $NG_RPS | $NG_P99 ms | $NG_CPU µs | $NG_WRK µs | $NG_RANGE |

- **Ratio dangjian / nginx: $RATIO** — target ≥ 0.5: **$RATIO_OK**.
- **dangjian p99: $DJ_P99 ms** at $CONNECTIONS connections — target < 10 ms: **$P99_OK** (nginx: $NG_P99 ms).
- Cross-check: the ratio of CPU time per request, (nginx + wrk) ÷ (dangjian + wrk), is $COST_RATIO.
  While wrk keeps the cores busy, rate ≈ cores ÷ (server + wrk CPU per request), so this is the rate
  ratio the machine allows; other work on the machine moves it much less than the rates.
EOF
    [ "$ERRORS" = 0 ] || echo "- **Warning:** $ERRORS socket errors or non-2xx answers were counted; the numbers are suspect."
    [ "$DISCARDED" = 0 ] ||
        echo "- $DISCARDED round(s) were disturbed by other work on the machine (other load above $MAX_OTHER %); they are listed below but not counted when enough clean rounds remain."
    cat <<EOF

## Run

- Date: $(date -u '+%Y-%m-%d %H:%M UTC')
- Machine: $(nproc) CPUs, $CPU_MODEL, Linux $(uname -r) ($(uname -m))
- **wrk and the server under test share these $(nproc) cores**: wrk's own CPU time is taken from the
  same cores the server uses, so the absolute rates are lower than on a separate load generator and
  both servers are handicapped alike. The ratio is the number to compare, not the absolute rates.
- Versions: $("$DJ" --version); $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'); $("$WRK" -v 2>&1 | head -n 1 | sed 's/ Copyright.*//');
  libmicrohttpd $MHD_V, SQLite $SQLITE_V, jansson $JANSSON_V

## Method

1. \`make build/dangjian\` (the release build: -O2), then \`dangjian demo\` into a temporary directory
   and \`dangjian serve --threads $THREADS --set log.access_log=false\` on a free 127.0.0.1 port.
2. Log in as admin (\`POST /api/v1/session\`), keep the \`dj_session\` cookie, and fetch
   \`GET /api/v1/session\` once: it answers 200 with $SIZE bytes of JSON (the user, the roles, the CSRF token).
   Each request resolves the session (SQLite: session by token hash, the user, the user's roles) and
   builds the JSON with jansson.
3. nginx ($NGINX, as the current user with its own prefix) serves a file of exactly $SIZE bytes:
   \`worker_processes $THREADS\` (the server's thread count), \`open_file_cache\` on, \`sendfile off\`,
   keep-alive on (\`keepalive_requests 1000000\`), \`access_log off\`.
4. A ${WARMUP} warm-up run against each (not counted), then rounds until $ROUNDS are undisturbed (at most
   $((2 * ROUNDS))); each round runs \`wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency\` once against each
   server, alternating the order (odd rounds dangjian first, even rounds nginx first), 1 s apart.
   The cookie is sent on every dangjian request.
5. Requests/sec and the 99th percentile latency come from wrk's output; "server CPU per request" is the
   server's user + system CPU time during the run (from /proc, nginx's master and workers together)
   divided by the requests wrk completed; "wrk CPU" is the same for wrk. "Other load" is the share of
   the machine's CPU time that was busy but used by neither the server nor wrk (other processes,
   interrupts); a round in which either run has more than $MAX_OTHER % is disturbed and repeated.
   The medians come from the undisturbed rounds (from all rounds, with a warning, if fewer than 3 were clean).

## Per round

| round | server | requests/s | p99 ms | server CPU µs/req | wrk CPU µs/req | other load | errors | undisturbed |
|---:|---|---:|---:|---:|---:|---:|---:|---|
EOF
    awk '{ printf "| %s | %s | %s | %s | %s | %s | %s%% | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, ($9 == "yes" ? "yes" : "no") }' "$RESULTS"
    cat <<EOF

Reproduce: \`sh bench/run.sh\` (add \`--write\` to rewrite this file); \`ROUNDS\`, \`DURATION\`,
\`CONNECTIONS\`, \`THREADS\`, \`MAX_OTHER\` change the parameters.

EOF
    # the hand-written analysis below the marker survives a rewrite
    echo "$MARKER"
    if [ -f "$DOC" ]; then
        awk -v m="$MARKER" 'keep { print } $0 == m { keep = 1 }' "$DOC"
    fi
} >"$DOC.tmp"
mv "$DOC.tmp" "$DOC"
echo "wrote $DOC"
