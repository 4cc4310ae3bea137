#!/bin/sh
# bench/run.sh — logged-in `GET /api/v1/session` on dangjian, on SQLite and on PostgreSQL, against
# nginx serving a static file of the same size, all on 127.0.0.1, in the same run, in an order that
# rotates from round to round, several rounds; prints the medians and the ratios to nginx.
# With --write (or WRITE=1) it rewrites docs/BENCHMARKS.md above its marker line.
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
#   PG [auto]         auto: PostgreSQL too when scripts/pg-throwaway.sh can start a throwaway
#                     cluster (PostgreSQL installed); off: SQLite and nginx only
#   NOCACHE [1]       1: each backend also with --set security.session_cache_seconds=0 (every
#                     request reads the session from the database); 0: the defaults only
#   NGINX [/usr/sbin/nginx], WRK [wrk]
#   KEEP_TMP=1        keep the temporary directory (databases, nginx.conf, wrk outputs)
#
# Only loopback traffic. The servers and the PostgreSQL cluster are stopped on exit. Run time is
# bounded: at most (2 * ROUNDS + 1) * S * (DURATION + 1 s) for S servers (3 to 5) plus the build
# and the set-up (disturbed rounds are repeated, up to 2 * ROUNDS rounds), and every wrk runs under
# `timeout`.
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
PG=${PG:-auto}
NOCACHE=${NOCACHE:-1}
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
case $PG in auto | off) ;; *) die "PG must be auto or off" ;; esac
case $NOCACHE in 0 | 1) ;; *) die "NOCACHE must be 0 or 1" ;; esac

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
# the code measured, for the report
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')
if [ "$COMMIT" != '?' ]; then
    if [ -n "$(git -C "$REPO" status --porcelain -- src Makefile 2>/dev/null)" ]; then
        COMMIT="commit $COMMIT with uncommitted changes in src/ or the Makefile"
    else
        COMMIT="commit $COMMIT"
    fi
else
    COMMIT="commit unknown"
fi

TMP=
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dangjian-bench.XXXXXX")
DJ_PIDS=    # every dangjian serve this script started
NGX_PID=
PG_DIR=     # the throwaway cluster's directory once it runs
PG_PM=      # its postmaster's pid
# the servers that may not run (PG=off, NOCACHE=0)
SQN_PID='' SQN_URL='' PQ_PID='' PQ_URL='' PQ_COOKIE='' PQN_PID='' PQN_URL=''
cleanup() {
    st=$?
    trap - EXIT INT TERM
    for p in $DJ_PIDS; do
        kill -TERM "$p" 2>/dev/null || true
    done
    for p in $DJ_PIDS; do
        wait "$p" 2>/dev/null || true
    done
    if [ -n "$NGX_PID" ] && kill -0 "$NGX_PID" 2>/dev/null; then
        kill -TERM "$NGX_PID" 2>/dev/null || true # fast shutdown, the workers follow
        wait "$NGX_PID" 2>/dev/null || true
    fi
    if [ -n "$PG_DIR" ]; then
        if [ "${KEEP_TMP:-0}" = 1 ]; then cp "$PG_DIR/log" "$TMP/postgresql.log" 2>/dev/null || true; fi
        sh "$REPO/scripts/pg-throwaway.sh" stop "$PG_DIR" || true # stops it and removes PG_DIR
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

# start_dj NAME DB [ARGS...]: `dangjian serve` on a free port; sets STARTED_PID and STARTED_URL
start_dj() {
    sname=$1 sdb=$2
    shift 2
    sport=$(free_port)
    "$DJ" serve --db "$sdb" --listen "127.0.0.1:$sport" --threads "$THREADS" \
        --set log.access_log=false "$@" >"$TMP/$sname.out" 2>"$TMP/$sname.err" &
    STARTED_PID=$!
    DJ_PIDS="$DJ_PIDS $STARTED_PID"
    i=0
    until grep -q "serving on http://127.0.0.1:$sport/" "$TMP/$sname.out" 2>/dev/null; do
        kill -0 "$STARTED_PID" 2>/dev/null || { cat "$TMP/$sname.err" >&2; die "dangjian serve ($sname) exited"; }
        i=$((i + 1))
        [ $i -lt 100 ] || die "dangjian ($sname) did not start within 10 s"
        sleep 0.1
    done
    STARTED_URL=http://127.0.0.1:$sport/api/v1/session
    echo "== dangjian $sname (pid $STARTED_PID, $THREADS threads) on $STARTED_URL"
}

# login URL TAG: logs in as admin; sets LOGIN_COOKIE and LOGIN_SIZE (bytes of GET /api/v1/session)
login() {
    code=$(curl -sS -o "$TMP/login-$2.json" -D "$TMP/login-$2.headers" -w '%{http_code}' \
        -H 'Content-Type: application/json' \
        --data "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$1")
    [ "$code" = 200 ] || { cat "$TMP/login-$2.json" >&2; die "login ($2) answered $code"; }
    LOGIN_COOKIE=$(tr -d '\r' <"$TMP/login-$2.headers" | sed -n 's/^[Ss]et-[Cc]ookie: *dj_session=\([^;]*\).*/\1/p' | head -n 1)
    [ -n "$LOGIN_COOKIE" ] || die "no dj_session cookie in the login answer ($2)"
    code=$(curl -sS -o "$TMP/session-$2.json" -w '%{http_code}' -H "Cookie: dj_session=$LOGIN_COOKIE" "$1")
    [ "$code" = 200 ] || die "GET /api/v1/session ($2) answered $code"
    LOGIN_SIZE=$(wc -c <"$TMP/session-$2.json" | tr -d ' ')
}

# same_answer URL COOKIE TAG: the server answers GET /api/v1/session with LOGIN_SIZE bytes too
same_answer() {
    code=$(curl -sS -o "$TMP/session-$3.json" -w '%{http_code}' -H "Cookie: dj_session=$2" "$1")
    [ "$code" = 200 ] || die "GET /api/v1/session ($3) answered $code"
    got=$(wc -c <"$TMP/session-$3.json" | tr -d ' ')
    [ "$got" = "$LOGIN_SIZE" ] || die "$3 answers $got bytes, not $LOGIN_SIZE"
}

# ---- SQLite
echo "== SQLite demo database in $TMP"
DANGJIAN_ADMIN_PASSWORD=$PASSWORD "$DJ" demo --db "$TMP/bench.db" >"$TMP/demo.log" 2>&1 ||
    { cat "$TMP/demo.log" >&2; die "dangjian demo failed"; }
start_dj sqlite "$TMP/bench.db"
SQ_PID=$STARTED_PID SQ_URL=$STARTED_URL
login "$SQ_URL" sqlite
SQ_COOKIE=$LOGIN_COOKIE
SIZE=$LOGIN_SIZE
echo "== GET /api/v1/session answers 200 with $SIZE bytes of JSON"
SERVERS="sqlite"
if [ "$NOCACHE" = 1 ]; then
    # a second server on the same database (same sessions), without the session cache
    start_dj sqlite-nocache "$TMP/bench.db" --set security.session_cache_seconds=0
    SQN_PID=$STARTED_PID SQN_URL=$STARTED_URL
    same_answer "$SQN_URL" "$SQ_COOKIE" sqlite-nocache
fi

# ---- PostgreSQL: a throwaway cluster on 127.0.0.1, when PostgreSQL is installed
PG_NOTE=
PG_VERSION=
if [ "$PG" = off ]; then
    PG_NOTE="not measured (PG=off)"
elif ! command -v psql >/dev/null 2>&1; then
    PG_NOTE="not measured (PostgreSQL not installed)"
else
    chmod 711 "$TMP"
    st=0
    PG_ADMIN=$(sh "$REPO/scripts/pg-throwaway.sh" start "$TMP/pg" 2>"$TMP/pg-start.err") || st=$?
    if [ "$st" = 3 ]; then
        rm -rf "$TMP/pg"
        PG_NOTE="not measured (PostgreSQL not installed)"
    elif [ "$st" != 0 ]; then
        PG_DIR=$TMP/pg
        cat "$TMP/pg-start.err" "$TMP/pg/log" >&2 2>/dev/null || true
        die "scripts/pg-throwaway.sh start failed ($st); PG=off measures without PostgreSQL"
    else
        PG_DIR=$TMP/pg
        PG_PM=$(head -n 1 "$PG_DIR/data/postmaster.pid")
        PG_VERSION=$(psql "$PG_ADMIN" -XAtqc 'SHOW server_version' 2>/dev/null | sed 's/ .*//')
        echo "== PostgreSQL ${PG_VERSION:-?} (postmaster pid $PG_PM) at $PG_ADMIN"
        psql "$PG_ADMIN" -Xq -v ON_ERROR_STOP=1 -c 'CREATE DATABASE djbench' >"$TMP/pg-create.log" 2>&1 ||
            { cat "$TMP/pg-create.log" >&2; die "CREATE DATABASE djbench failed"; }
        PG_URL=${PG_ADMIN%/postgres}/djbench
        DANGJIAN_ADMIN_PASSWORD=$PASSWORD "$DJ" demo --db "$PG_URL" --key-file "$TMP/pg.key" \
            >"$TMP/demo-pg.log" 2>&1 || { cat "$TMP/demo-pg.log" >&2; die "dangjian demo on PostgreSQL failed"; }
        start_dj postgresql "$PG_URL" --key-file "$TMP/pg.key"
        PQ_PID=$STARTED_PID PQ_URL=$STARTED_URL
        sq_size=$SIZE
        login "$PQ_URL" postgresql
        PQ_COOKIE=$LOGIN_COOKIE
        PG_SIZE=$LOGIN_SIZE
        echo "== on PostgreSQL GET /api/v1/session answers 200 with $PG_SIZE bytes of JSON"
        [ "$PG_SIZE" = "$sq_size" ] ||
            echo "   note: $PG_SIZE bytes on PostgreSQL, $sq_size on SQLite (nginx serves $sq_size)" >&2
        if [ "$NOCACHE" = 1 ]; then
            start_dj postgresql-nocache "$PG_URL" --key-file "$TMP/pg.key" --set security.session_cache_seconds=0
            PQN_PID=$STARTED_PID PQN_URL=$STARTED_URL
            same_answer "$PQN_URL" "$PQ_COOKIE" postgresql-nocache
        fi
        SERVERS="$SERVERS postgresql"
    fi
fi
[ -z "$PG_NOTE" ] || echo "== PostgreSQL: $PG_NOTE"
SERVERS="$SERVERS nginx"
if [ "$NOCACHE" = 1 ]; then
    SERVERS="$SERVERS sqlite-nocache"
    [ -n "$PG_NOTE" ] || SERVERS="$SERVERS postgresql-nocache"
fi
# shellcheck disable=SC2086 # split the list on purpose
NSERVERS=$(echo $SERVERS | wc -w)

# ---- nginx: a file of exactly SIZE bytes, tuned for small files
mkdir -p "$TMP/html" "$TMP/nginx"
head -c "$SIZE" /dev/zero | tr '\0' 'x' >"$TMP/html/session.json"
[ "$(wc -c <"$TMP/html/session.json" | tr -d ' ')" = "$SIZE" ] || die "static file size mismatch"
# as root the workers run as nobody: let them reach the file, and nothing else
chmod 711 "$TMP"
chmod 755 "$TMP/html"
chmod 644 "$TMP/html/session.json"
NGX_PORT=$(free_port)
cat >"$TMP/nginx.conf" <<NGINX_CONF
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
NGINX_CONF
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

# server NAME: sets S_URL, S_COOKIE (empty for nginx) and S_LABEL of one server under test
server() {
    case $1 in
    sqlite) S_URL=$SQ_URL S_COOKIE=$SQ_COOKIE S_LABEL="dangjian on SQLite" ;;
    sqlite-nocache) S_URL=$SQN_URL S_COOKIE=$SQ_COOKIE S_LABEL="dangjian on SQLite, session cache off" ;;
    postgresql) S_URL=$PQ_URL S_COOKIE=$PQ_COOKIE S_LABEL="dangjian on PostgreSQL" ;;
    postgresql-nocache) S_URL=$PQN_URL S_COOKIE=$PQ_COOKIE S_LABEL="dangjian on PostgreSQL, session cache off" ;;
    nginx) S_URL=$NGX_URL S_COOKIE='' S_LABEL="nginx, static file of $SIZE bytes" ;;
    *) die "unknown server $1" ;;
    esac
}

CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
# CPU ticks (user + system) of the processes that serve NAME: dangjian's process (all its threads);
# for PostgreSQL also the cluster's postmaster and its children (the backends dangjian talks to);
# nginx's master and workers
cpu_ticks() {
    case $1 in
    sqlite) pids=$SQ_PID ;;
    sqlite-nocache) pids=$SQN_PID ;;
    postgresql) pids="$PQ_PID $PG_PM $(ps -o pid= --ppid "$PG_PM" 2>/dev/null | tr '\n' ' ')" ;;
    postgresql-nocache) pids="$PQN_PID $PG_PM $(ps -o pid= --ppid "$PG_PM" 2>/dev/null | tr '\n' ' ')" ;;
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

# run_wrk NAME DURATION OUT: one run; prints
#   "rps p99_ms server_cpu_us_per_request wrk_cpu_us_per_request other_cpu_percent errors"
# where other_cpu_percent is the machine's busy time that neither the server nor wrk used
# (other processes, interrupts), as a share of all CPUs: a disturbed round shows up there.
# It runs in a subshell of its own ($(...)), so `times` gives wrk's CPU time alone.
run_wrk() {
    name=$1 dur=$2 out=$3
    server "$name"
    limit=$(($(secs "$dur") + 30))
    m0=$(machine_ticks)
    before=$(cpu_ticks "$name")
    if [ -n "$S_COOKIE" ]; then
        timeout "$limit" "$WRK" -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$dur" --latency \
            -H "Cookie: dj_session=$S_COOKIE" "$S_URL" >"$out" 2>&1 || true
    else
        timeout "$limit" "$WRK" -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$dur" --latency \
            "$S_URL" >"$out" 2>&1 || true
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

# every server must live through the whole run; this script stops them only on exit
alive() {
    for p in $DJ_PIDS; do
        if ! kill -0 "$p" 2>/dev/null; then
            tail -n 5 "$TMP"/*.err >&2
            die "dangjian (pid $p) ended during the run, not stopped by this script"
        fi
    done
    if ! kill -0 "$NGX_PID" 2>/dev/null; then
        tail -n 5 "$TMP/nginx-error.log" >&2
        die "nginx (pid $NGX_PID) ended during the run, not stopped by this script"
    fi
    if [ -n "$PG_DIR" ] && ! kill -0 "$PG_PM" 2>/dev/null; then
        tail -n 5 "$PG_DIR/log" >&2
        die "PostgreSQL (pid $PG_PM) ended during the run, not stopped by this script"
    fi
}

# rotate K WORD...: the words rotated left by K places (K mod their number)
rotate() {
    k=$1
    shift
    n=$#
    out=
    j=0
    while [ $j -lt $n ]; do
        idx=$(((j + k) % n + 1))
        eval "out=\"\$out \${$idx}\""
        j=$((j + 1))
    done
    # shellcheck disable=SC2086 # one line, single spaces
    echo $out
}

if [ "$WARMUP" != 0 ]; then
    echo "== warm-up: $WARMUP against each (not counted)"
    for name in $SERVERS; do
        run_wrk "$name" "$WARMUP" "$TMP/warmup-$name.txt" >/dev/null
    done
fi
alive

echo "== $ROUNDS rounds of wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION against $NSERVERS servers, order rotating"
# A round in which other work took more than MAX_OTHER % of the machine's CPU (during any run)
# is disturbed: it is kept in the record but repeated, up to ROUNDS extra rounds in all.
RESULTS=$TMP/results.txt
: >"$RESULTS"
r=0
clean=0
while [ "$clean" -lt "$ROUNDS" ] && [ "$r" -lt $((2 * ROUNDS)) ]; do
    r=$((r + 1))
    # round r starts with the r-th server of the list and goes round it: each server comes first,
    # second, ... equally often (with two servers: A B, B A, ...)
    # shellcheck disable=SC2086 # split the list on purpose
    order=$(rotate $((r - 1)) $SERVERS)
    batch=
    disturbed=0
    for name in $order; do
        line=$(run_wrk "$name" "$DURATION" "$TMP/round$r-$name.txt")
        alive
        [ "$line" != FAIL ] || { cat "$TMP/round$r-$name.txt" >&2; die "wrk against $name failed in round $r"; }
        # shellcheck disable=SC2086 # split the fields on purpose
        set -- $line
        [ "$6" = 0 ] || echo "   warning: $name round $r had $6 errors or non-2xx answers" >&2
        awk -v o="$5" -v m="$MAX_OTHER" 'BEGIN { exit !(o > m) }' && disturbed=1
        batch="$batch$r $name $line
"
        printf '   round %d  %-18s  %10s req/s  p99 %7s ms  server %5s µs/req  wrk %5s µs/req  other load %4s%%\n' \
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
    printf '%s' "$batch" | sed "s/\$/ $kept/" >>"$RESULTS"
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
NUSED=$(awk -v s="$NSERVERS" 'END { print NR / s }' "$USED")

col() { awk -v n="$1" -v c="$2" '$2 == n { print $c }' "$USED"; }
range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }'; }
NG_RPS=$(col nginx 3 | median)
NG_COST=$(awk -v a="$(col nginx 5 | median)" -v b="$(col nginx 6 | median)" 'BEGIN { print a + b }')
# stats NAME: sets M_RPS M_P99 M_CPU M_WRK M_RANGE (medians and range of NAME's rounds), M_RATIO
# (requests/s against nginx's) and M_COST (CPU per request, nginx's server + wrk over NAME's: while
# wrk keeps the cores busy, rate ≈ cores ÷ (server + wrk CPU per request), so this is the rate ratio
# the machine allows, which other work on the machine moves much less than the rates)
stats() {
    M_RPS=$(col "$1" 3 | median)
    M_P99=$(col "$1" 4 | median)
    M_CPU=$(col "$1" 5 | median)
    M_WRK=$(col "$1" 6 | median)
    M_RANGE=$(col "$1" 3 | range)
    M_RATIO=$(awk -v a="$M_RPS" -v b="$NG_RPS" 'BEGIN { printf "%.3f", a / b }')
    M_COST=$(awk -v n="$NG_COST" -v a="$M_CPU" -v b="$M_WRK" 'BEGIN { printf "%.3f", n / (a + b) }')
}
ERRORS=$(awk '{ s += $8 } END { print s + 0 }' "$USED")
DISCARDED=$(awk '$9 == "no"' "$RESULTS" | wc -l | tr -d ' ')
DISCARDED=$((DISCARDED / NSERVERS))

# target lines for a backend (sqlite or postgresql)
verdict_ratio() { awk -v r="$1" 'BEGIN { print (r >= 0.5) ? "met" : "missed" }'; }
verdict_p99() { awk -v p="$1" 'BEGIN { print (p < 10) ? "met" : "missed" }'; }

# the servers in the order of the report
REPORT="sqlite postgresql"
[ "$NOCACHE" = 0 ] || REPORT="$REPORT sqlite-nocache postgresql-nocache"
REPORT="$REPORT nginx"

echo
echo "medians over $USED_NOTE:"
printf '%-42s %11s %8s %9s %14s %11s %9s   %s\n' "" "req/s" "/nginx" "p99 ms" "server µs/req" "wrk µs/req" "CPU ratio" "req/s range"
for name in $REPORT; do
    server "$name"
    case " $SERVERS " in
    *" $name "*)
        stats "$name"
        printf '%-42s %11s %8s %9s %14s %11s %9s   %s\n' "$S_LABEL" "$M_RPS" "$M_RATIO" "$M_P99" "$M_CPU" "$M_WRK" "$M_COST" "$M_RANGE"
        ;;
    *) printf '%-42s %s\n' "$S_LABEL" "$PG_NOTE" ;;
    esac
done
echo
for name in sqlite postgresql; do
    server "$name"
    case " $SERVERS " in
    *" $name "*)
        stats "$name"
        echo "$S_LABEL: ratio $name/nginx $M_RATIO (target >= 0.5: $(verdict_ratio "$M_RATIO")), p99 $M_P99 ms at $CONNECTIONS connections (target < 10 ms: $(verdict_p99 "$M_P99"))"
        ;;
    *) echo "$S_LABEL: $PG_NOTE" ;;
    esac
done
echo "CPU ratio: CPU per request, nginx's (server + wrk) over the server's (server + wrk): the rate ratio the CPU allows"
[ "$ERRORS" = 0 ] || echo "WARNING: $ERRORS errors or non-2xx answers in total; the numbers are suspect" >&2
[ "$DISCARDED" = 0 ] || echo "note: $DISCARDED disturbed rounds were repeated and not counted"

[ "$WRITE" = 1 ] || exit 0

# ---- docs/BENCHMARKS.md
CPU_MODEL=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
[ -n "$CPU_MODEL" ] || CPU_MODEL=$(uname -m)
MHD_V=$(pkg-config --modversion libmicrohttpd 2>/dev/null || echo '?')
SQLITE_V=$(pkg-config --modversion sqlite3 2>/dev/null || echo '?')
JANSSON_V=$(pkg-config --modversion jansson 2>/dev/null || echo '?')
LIBPQ_V=$(pkg-config --modversion libpq 2>/dev/null || echo '?')
DOC=$REPO/docs/BENCHMARKS.md
MARKER='<!-- bench/run.sh keeps everything below this line -->'
mkdir -p "$REPO/docs"

doc_label() {
    case $1 in
    sqlite) echo "dangjian on **SQLite**, \`GET /api/v1/session\`, logged in" ;;
    postgresql) echo "dangjian on **PostgreSQL**, the same request" ;;
    sqlite-nocache) echo "dangjian on SQLite, session cache off (\`security.session_cache_seconds=0\`)" ;;
    postgresql-nocache) echo "dangjian on PostgreSQL, session cache off" ;;
    nginx) echo "nginx, static file of the same size ($SIZE bytes)" ;;
    esac
}
# doc_target NAME LABEL: the targets bullet of a backend
doc_target() {
    case " $SERVERS " in
    *" $1 "*)
        stats "$1"
        echo "- **$2: ratio $1 / nginx $M_RATIO** — target ≥ 0.5: **$(verdict_ratio "$M_RATIO")**; **p99 $M_P99 ms** at $CONNECTIONS connections — target < 10 ms: **$(verdict_p99 "$M_P99")**."
        ;;
    *) echo "- **$2**: $PG_NOTE; its targets are the same (ratio ≥ 0.5, p99 < 10 ms at $CONNECTIONS connections)." ;;
    esac
}
{
    cat <<EOF
# Benchmarks

Written by \`sh bench/run.sh --write\` (\`ROUNDS=$ROUNDS DURATION=$DURATION\`); rerun it rather than
editing the numbers by hand.

## Result

Medians over $USED_NOTE:

| median of $NUSED rounds | requests/s | ratio to nginx | p99 latency | server CPU per request | wrk CPU per request | requests/s, lowest–highest round |
|---|---:|---:|---:|---:|---:|---:|
EOF
    for name in $REPORT; do
        case " $SERVERS " in
        *" $name "*)
            stats "$name"
            echo "| $(doc_label "$name") | $M_RPS | $M_RATIO | $M_P99 ms | $M_CPU µs | $M_WRK µs | $M_RANGE |"
            ;;
        *) echo "| $(doc_label "$name") | $PG_NOTE | – | – | – | – | – |" ;;
        esac
    done
    echo
    doc_target sqlite SQLite
    doc_target postgresql PostgreSQL
    if [ "$NOCACHE" = 1 ]; then
        nc=
        for name in sqlite-nocache postgresql-nocache; do
            case " $SERVERS " in *" $name "*) ;; *) continue ;; esac
            stats "$name"
            nc="$nc${nc:+; }${name%-nocache} $M_RATIO, p99 $M_P99 ms"
        done
        echo "- Session cache off, every request reading its session from the database (no target; it shows"
        echo "  the cost without the cache): ratio to nginx $nc."
    fi
    stats nginx
    echo "- nginx p99: $M_P99 ms."
    x=
    for name in $REPORT; do
        [ "$name" != nginx ] || continue
        case " $SERVERS " in *" $name "*) ;; *) continue ;; esac
        stats "$name"
        x="$x${x:+, }$name $M_COST"
    done
    cat <<EOF
- Cross-check: the ratio of CPU time per request, (nginx + wrk) ÷ (dangjian + wrk): $x.
  While wrk keeps the cores busy, rate ≈ cores ÷ (server + wrk CPU per request), so this is the rate
  ratio the machine allows; other work on the machine moves it much less than the rates.
EOF
    [ "$ERRORS" = 0 ] || echo "- **Warning:** $ERRORS socket errors or non-2xx answers were counted; the numbers are suspect."
    [ "$DISCARDED" = 0 ] ||
        echo "- $DISCARDED round(s) were disturbed by other work on the machine (other load above $MAX_OTHER %); they are listed below but not counted when enough clean rounds remain."
    if [ -n "$PG_NOTE" ]; then
        pgv="PostgreSQL $PG_NOTE"
    else
        pgv="PostgreSQL $PG_VERSION (libpq $LIBPQ_V)"
    fi
    if [ "$WARMUP" = 0 ]; then
        WARMUP_TEXT="No warm-up run"
    else
        WARMUP_TEXT="A $WARMUP warm-up run against each server (not counted)"
    fi
    # shellcheck disable=SC2086 # split the list on purpose
    cat <<EOF

## Run

- Date: $(date -u '+%Y-%m-%d %H:%M UTC')
- Machine: $(nproc) CPUs, $CPU_MODEL, Linux $(uname -r) ($(uname -m))
- **wrk and the server under test share these $(nproc) cores**: wrk's own CPU time is taken from the
  same cores the server uses, so the absolute rates are lower than on a separate load generator and
  all servers are handicapped alike. The ratios are the numbers to compare, not the absolute rates.
- Versions: $("$DJ" --version) ($COMMIT); $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'); $("$WRK" -v 2>&1 | head -n 1 | sed 's/ Copyright.*//');
  libmicrohttpd $MHD_V, SQLite $SQLITE_V, $pgv, jansson $JANSSON_V

## Method

1. \`make build/dangjian\` (the release build: -O2). SQLite: \`dangjian demo\` into a temporary
   directory. PostgreSQL: \`scripts/pg-throwaway.sh start\` (a throwaway cluster on 127.0.0.1,
   \`fsync=off\`, \`synchronous_commit=off\`), \`CREATE DATABASE djbench\`, \`dangjian demo --db
   postgresql://…/djbench --key-file …\`; dangjian reaches it over TCP on 127.0.0.1. Each database is
   served by \`dangjian serve --threads $THREADS --set log.access_log=false\` (PostgreSQL: with \`--key-file\`)
   on a free 127.0.0.1 port; the "session cache off" lines are one more server on each database with
   \`--set security.session_cache_seconds=0\`. All servers run throughout; one at a time is under load.
2. Log in as admin (\`POST /api/v1/session\`) once per database, keep the \`dj_session\` cookie, and fetch
   \`GET /api/v1/session\` once: it answers 200 with $SIZE bytes of JSON (the user, the roles, the
   permissions, the CSRF token) on every server. Each request hashes the token (SHA-256) and looks it up in
   the worker thread's **session cache** (\`security.session_cache_seconds\`, default 2 s; \`auth_resolve\`
   in src/core/auth.c), which is part of what the default lines measure: on a hit no SQL runs; on a miss
   (here at most once per 2 s per worker thread, since all requests carry one session) the session with
   its user and linked person, then the roles, are read in one read transaction. With the cache off,
   every request does that read (on PostgreSQL: \`BEGIN\`, two prepared queries, \`ROLLBACK\`, each a
   round trip). The answer itself is built with jansson only when it changes: each worker keeps its last
   \`GET /api/v1/session\` answer while the session, the account and the cache generation stay the same
   (\`api_session_get\` in src/api/api_session.c), with the cache on or off.
3. nginx ($NGINX, as the current user with its own prefix) serves a file of exactly $SIZE bytes:
   \`worker_processes $THREADS\` (the server's thread count), \`open_file_cache\` on, \`sendfile off\`,
   keep-alive on (\`keepalive_requests 1000000\`), \`access_log off\`.
4. $WARMUP_TEXT, then rounds until $ROUNDS are undisturbed
   (at most $((2 * ROUNDS))); each round runs \`wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency\` once against
   each of the $NSERVERS servers, 1 s apart, in an order that moves by one place from round to round
   (round 1: $(rotate 0 $SERVERS); round 2: $(rotate 1 $SERVERS); …).
   The cookie is sent on every dangjian request.
5. Requests/sec and the 99th percentile latency come from wrk's output; "server CPU per request" is the
   server's user + system CPU time during the run (from /proc: dangjian's process; for PostgreSQL also
   the cluster's postmaster and backends; nginx's master and workers) divided by the requests wrk
   completed; "wrk CPU" is the same for wrk. "Other load" is the share of the machine's CPU time that
   was busy but used by neither the server nor wrk (other processes, interrupts); a round in which any
   run has more than $MAX_OTHER % is disturbed and repeated. The medians come from the undisturbed
   rounds (from all rounds, with a warning, if fewer than 3 were clean).

## Per round

| round | server | requests/s | p99 ms | server CPU µs/req | wrk CPU µs/req | other load | errors | undisturbed |
|---:|---|---:|---:|---:|---:|---:|---:|---|
EOF
    awk '{ printf "| %s | %s | %s | %s | %s | %s | %s%% | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, ($9 == "yes" ? "yes" : "no") }' "$RESULTS"
    cat <<EOF

Reproduce: \`sh bench/run.sh\` (add \`--write\` to rewrite this file); \`ROUNDS\`, \`DURATION\`,
\`CONNECTIONS\`, \`THREADS\`, \`MAX_OTHER\` change the parameters, \`PG=off\` leaves PostgreSQL out and
\`NOCACHE=0\` the "session cache off" servers.

EOF
    # the hand-written part below the marker (analysis, import benchmark) survives a rewrite
    echo "$MARKER"
    if [ -f "$DOC" ]; then
        awk -v m="$MARKER" 'keep { print } $0 == m { keep = 1 }' "$DOC"
    fi
} >"$DOC.tmp"
mv "$DOC.tmp" "$DOC"
echo "wrote $DOC"
