#!/bin/sh
# bench/bureaus_bench.sh — many bureaus on one PostgreSQL database (issue 20 item 4): BUREAUS demo
# bureaus of 150 people with a year of records each in one database, three `dangjian serve` on it
# behind one nginx address; the busiest lists and a recompute of one bureau are measured with wrk
# while the other bureaus load the servers, against the same bureau alone in a database of its
# own (baseline, same run, same servers and nginx set-up), as ratios.
# With --write (or WRITE=1) it rewrites its block of the "Many bureaus" section of docs/BENCHMARKS.md.
#
#   nice sh bench/bureaus_bench.sh [--write]        (or: make bench-bureaus)
#
# Environment (defaults in brackets):
#   BUREAUS [100]       bureaus in the shared database: the first by `dangjian demo`, the others by
#                       `dangjian demo --bureau 第NNN财政局 --code bNNN`
#   RECORDS [BUREAUS]   how many of them (the first ones) get the demo's year of records; the rest
#                       are made with --no-records (people, branches, accounts only)
#   ROUNDS [3]          rounds; each round measures every scenario, in an order that rotates
#   DURATION [10s]      each wrk measurement
#   FG_CONNECTIONS [4]  wrk -c of the measured bureau (its users at once)
#   THINK_MS [2000]     "loaded": each other bureau has one connection that opens one of the busy
#                       lists, waits THINK_MS, opens the next (wrk delay())
#   LOAD_LISTS [people,meetings,compliance,ranking]  the lists the other bureaus open, in turn
#   SATURATED [1]       1: also the "saturated" scenario, the same connections back to back
#   LOAD_BUDGET [0]     seconds; once loading the shared database has taken this long, the
#                       remaining bureaus are made with --no-records (0: no limit); the report says so
#   SERVERS [3]         dangjian serve processes behind nginx (per database)
#   THREADS [2]         --threads of each server; nginx worker_processes too
#   NGINX [/usr/sbin/nginx], WRK [wrk]
#   KEEP_TMP=1          keep the temporary directory (logs, wrk outputs, nginx.conf, state.sh)
#   REPLAY=DIR          measure nothing: print (and with --write, write) the report of the run kept in DIR
#
# Scenarios, each a set of wrk runs against the measured bureau (bureau 1, accounts admin/...):
#   one        the database holding only that bureau (the baseline), nothing else running
#   many       the shared database of BUREAUS bureaus, nothing else running
#   loaded     the shared database while the other bureaus' sessions open lists (THINK_MS)
#   saturated  the shared database while the other bureaus' sessions open lists back to back
# Measured requests: GET people?limit=50, meetings, compliance?period=YEAR, the 先锋指数
# ranking of the demo's last quarter, and POST evaluations/ID/compute of a 先锋指数 evaluation
# of the last quarter (made by this script, state open).
# Only loopback traffic; everything this script starts is stopped on exit.
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
        echo "bureaus_bench.sh: unknown argument $a" >&2
        exit 2
        ;;
    esac
done

BUREAUS=${BUREAUS:-100}
RECORDS=${RECORDS:-$BUREAUS}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
FG_CONNECTIONS=${FG_CONNECTIONS:-4}
THINK_MS=${THINK_MS:-2000}
SATURATED=${SATURATED:-1}
LOAD_BUDGET=${LOAD_BUDGET:-0}
LOAD_LISTS=${LOAD_LISTS:-people,meetings,compliance,ranking}
SERVERS=${SERVERS:-3}
THREADS=${THREADS:-2}
NGINX=${NGINX:-/usr/sbin/nginx}
WRK=${WRK:-wrk}
PASSWORD='Bench@2026dj'  # the administrators' (DANGJIAN_ADMIN_PASSWORD)

die() {
    echo "bureaus_bench.sh: $*" >&2
    [ -z "${TMP:-}" ] || { KEEP_TMP=1; echo "bureaus_bench.sh: logs kept in $TMP" >&2; }
    exit 1
}
for tool in curl jq psql "$WRK" "$NGINX" timeout awk sort; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done
posint() { case $2 in '' | *[!0-9]* | 0) die "$1 must be a positive integer" ;; esac; }
posint BUREAUS "$BUREAUS"
posint ROUNDS "$ROUNDS"
posint SERVERS "$SERVERS"
posint THREADS "$THREADS"
posint FG_CONNECTIONS "$FG_CONNECTIONS"
case $RECORDS in '' | *[!0-9]*) die "RECORDS must be a number" ;; esac
[ "$RECORDS" -le "$BUREAUS" ] || RECORDS=$BUREAUS
[ "$RECORDS" -ge 1 ] || die "RECORDS must be at least 1: the measured bureau has records"
[ "$BUREAUS" -ge 2 ] || die "BUREAUS must be at least 2: the others are the load"
case $THINK_MS in '' | *[!0-9]*) die "THINK_MS must be a number of milliseconds" ;; esac
case $SATURATED in 0 | 1) ;; *) die "SATURATED must be 0 or 1" ;; esac
case ,$LOAD_LISTS, in *[!a-z,]* | ,, | *,,*) die "LOAD_LISTS: a comma-separated list of people, meetings, compliance, ranking" ;; esac
case $LOAD_BUDGET in '' | *[!0-9]*) die "LOAD_BUDGET must be a number of seconds" ;; esac
secs() {
    case $1 in
    *m) echo $((${1%m} * 60)) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
    esac
}

# what each measured request is called in the report
NAMES="people meetings compliance ranking compute"
label() {
    case $1 in
    people) echo "GET /people?limit=50" ;;
    meetings) echo "GET /meetings" ;;
    compliance) echo "GET /compliance?period=$YEAR" ;;
    ranking) echo "GET /evaluations/{id}/ranking (先锋指数, 150 people)" ;;
    compute) echo "POST /evaluations/{id}/compute (先锋指数, $M_PERIOD)" ;;
    esac
}

REPLAY=${REPLAY:-}
if [ -n "$REPLAY" ]; then
    # the report again from a kept run (KEEP_TMP=1): its state.sh and result files
    [ -f "$REPLAY/state.sh" ] || die "$REPLAY/state.sh not found (a run kept with KEEP_TMP=1 writes it)"
    # shellcheck disable=SC1091 # written by this script
    . "$REPLAY/state.sh"
    TMP=$REPLAY
    RESULTS=$TMP/results.txt
    LOADRES=$TMP/load.txt
else
echo "== building the release binary"
make -C "$REPO" --no-print-directory build/dangjian >/dev/null || die "the build failed"
DJ=$REPO/build/dangjian
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')
if [ "$COMMIT" != '?' ] && [ -n "$(git -C "$REPO" status --porcelain -- src Makefile 2>/dev/null)" ]; then
    COMMIT="$COMMIT with uncommitted changes in src/ or the Makefile"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dangjian-bureaus.XXXXXX")
chmod 711 "$TMP"
DJ_PIDS=
NGX_PID=
BG_PID=
PG_DIR=
PG_PM=
cleanup() {
    st=$?
    trap - EXIT INT TERM
    if [ -n "$BG_PID" ]; then kill -TERM "$BG_PID" 2>/dev/null || true; wait "$BG_PID" 2>/dev/null || true; fi
    for p in $DJ_PIDS; do kill -TERM "$p" 2>/dev/null || true; done
    for p in $DJ_PIDS; do wait "$p" 2>/dev/null || true; done
    if [ -n "$NGX_PID" ] && kill -0 "$NGX_PID" 2>/dev/null; then
        kill -TERM "$NGX_PID" 2>/dev/null || true
        wait "$NGX_PID" 2>/dev/null || true
    fi
    if [ -n "$PG_DIR" ]; then
        if [ "${KEEP_TMP:-0}" = 1 ]; then cp "$PG_DIR/log" "$TMP/postgresql.log" 2>/dev/null || true; fi
        sh "$REPO/scripts/pg-throwaway.sh" stop "$PG_DIR" || true
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

# ---- PostgreSQL: one throwaway cluster, two databases
st=0
PG_ADMIN=$(sh "$REPO/scripts/pg-throwaway.sh" start "$TMP/pg" 2>"$TMP/pg-start.err") || st=$?
PG_DIR=$TMP/pg
[ "$st" = 0 ] || { cat "$TMP/pg-start.err" >&2; die "scripts/pg-throwaway.sh start failed ($st)"; }
PG_PM=$(head -n 1 "$PG_DIR/data/postmaster.pid")
PG_VERSION=$(psql "$PG_ADMIN" -XAtqc 'SHOW server_version' | sed 's/ .*//')
echo "== PostgreSQL $PG_VERSION (postmaster pid $PG_PM)"
for d in djone djmany; do
    psql "$PG_ADMIN" -Xq -v ON_ERROR_STOP=1 -c "CREATE DATABASE $d" >"$TMP/pg-create.log" 2>&1 ||
        { cat "$TMP/pg-create.log" >&2; die "CREATE DATABASE $d failed"; }
done
URL_ONE=${PG_ADMIN%/postgres}/djone
URL_MANY=${PG_ADMIN%/postgres}/djmany
export DANGJIAN_ADMIN_PASSWORD="$PASSWORD"

now_ms() { date +%s%3N; }
# demo DB KEY LOG [ARGS...]: one `dangjian demo`, prints its wall time in seconds
demo() {
    ddb=$1 dkey=$2 dlog=$3
    shift 3
    t0=$(now_ms)
    "$DJ" demo --db "$ddb" --key-file "$dkey" "$@" >"$dlog" 2>&1 || { cat "$dlog" >&2; die "dangjian demo $* failed"; }
    t1=$(now_ms)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) / 1000 }'
}

echo "== the baseline database: one demo bureau"
T_ONE=$(demo "$URL_ONE" "$TMP/one.key" "$TMP/demo-one.log")
echo "   $T_ONE s"

echo "== the shared database: $BUREAUS bureaus, the first $RECORDS with a year of records"
LOADTIMES=$TMP/load-times.txt
: >"$LOADTIMES"
L0=$(now_ms)
BUDGET_CUT=
i=1
while [ "$i" -le "$BUREAUS" ]; do
    code=$(printf 'b%03d' "$i")
    rec=
    [ "$i" -le "$RECORDS" ] || rec=--no-records
    # over the time budget: the remaining bureaus without records (said in the report)
    if [ -z "$rec" ] && [ "$LOAD_BUDGET" -gt 0 ] && [ $((($(now_ms) - L0) / 1000)) -ge "$LOAD_BUDGET" ]; then
        rec=--no-records
        [ -n "$BUDGET_CUT" ] || BUDGET_CUT=$i
    fi
    if [ "$i" = 1 ]; then
        t=$(demo "$URL_MANY" "$TMP/many.key" "$TMP/demo-many-1.log")
    else
        # shellcheck disable=SC2086 # $rec is empty or one word
        t=$(demo "$URL_MANY" "$TMP/many.key" "$TMP/demo-many-$i.log" --bureau "第${code#b}财政局" --code "$code" $rec)
    fi
    echo "$i ${rec:-records} $t" >>"$LOADTIMES"
    if [ $((i % 10)) = 0 ] || [ "$i" = "$BUREAUS" ]; then
        echo "   $i bureaus, $(awk -v a="$L0" -v b="$(now_ms)" 'BEGIN { printf "%.0f", (b - a) / 1000 }') s so far (last: $t s)"
    fi
    i=$((i + 1))
done
L1=$(now_ms)
RECORDS_ASKED=$RECORDS
RECORDS=$(awk '$2 == "records"' "$LOADTIMES" | wc -l | tr -d ' ')
BUDGET_NOTE=
[ -z "$BUDGET_CUT" ] || BUDGET_NOTE="LOAD_BUDGET=$LOAD_BUDGET s ran out at bureau $BUDGET_CUT: $RECORDS bureaus have records, not the $RECORDS_ASKED asked for"
[ -z "$BUDGET_NOTE" ] || echo "   note: $BUDGET_NOTE"
T_LOAD=$(awk -v a="$L0" -v b="$L1" 'BEGIN { printf "%.0f", (b - a) / 1000 }')
# load times of bureaus with records: the first, the median, the last
T_REC_FIRST=$(awk '$2 == "records" && $1 > 1 { print $3; exit }' "$LOADTIMES")
T_REC_MED=$(awk '$2 == "records" && $1 > 1 { print $3 }' "$LOADTIMES" | sort -g |
    awk '{ a[NR] = $1 } END { if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
T_REC_LAST=$(awk '$2 == "records" && $1 > 1 { t = $3 } END { print t }' "$LOADTIMES")
T_NOREC_MED=$(awk '$2 == "--no-records" { print $3 }' "$LOADTIMES" | sort -g |
    awk '{ a[NR] = $1 } END { if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
echo "   loaded in $T_LOAD s"

# counts DB: a line of key=value of what the database holds
counts() {
    psql "$1" -XAtq -F' ' -c "SELECT
        (SELECT count(*) FROM bureaus), (SELECT count(*) FROM people), (SELECT count(*) FROM orgs),
        (SELECT count(*) FROM users), (SELECT count(*) FROM meetings), (SELECT count(*) FROM attendance),
        (SELECT count(*) FROM quiz_scores), (SELECT count(*) FROM study_records),
        (SELECT count(*) FROM audit), pg_database_size(current_database()) / 1048576" |
        awk '{ printf "bureaus=%s people=%s orgs=%s users=%s meetings=%s attendance=%s quiz_scores=%s study_records=%s audit=%s size_mib=%s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }'
}
C_ONE=$(counts "$URL_ONE") || die "counting the baseline database failed"
C_MANY=$(counts "$URL_MANY") || die "counting the shared database failed"
echo "   baseline: $C_ONE"
echo "   shared:   $C_MANY"
psql "$URL_MANY" -XAtqc 'ANALYZE' >/dev/null 2>&1 || true
psql "$URL_ONE" -XAtqc 'ANALYZE' >/dev/null 2>&1 || true

# ---- servers: SERVERS on each database, one nginx with one address for each database
UPSTREAM_ONE=''
UPSTREAM_MANY=''
start_dj() { # NAME DB KEY: sets STARTED_PORT
    sport=$(free_port)
    "$DJ" serve --db "$2" --key-file "$3" --listen "127.0.0.1:$sport" --threads "$THREADS" \
        --set log.access_log=false --set server.trusted_proxy=127.0.0.1 >"$TMP/$1.out" 2>"$TMP/$1.err" &
    spid=$!
    DJ_PIDS="$DJ_PIDS $spid"
    n=0
    until grep -q "serving on http://127.0.0.1:$sport/" "$TMP/$1.out" 2>/dev/null; do
        kill -0 "$spid" 2>/dev/null || { cat "$TMP/$1.err" >&2; die "dangjian serve ($1) exited"; }
        n=$((n + 1))
        [ $n -lt 300 ] || die "dangjian ($1) did not start within 30 s"
        sleep 0.1
    done
    STARTED_PORT=$sport
}
s=1
while [ "$s" -le "$SERVERS" ]; do
    start_dj "one-$s" "$URL_ONE" "$TMP/one.key"
    UPSTREAM_ONE="$UPSTREAM_ONE        server 127.0.0.1:$STARTED_PORT;
"
    start_dj "many-$s" "$URL_MANY" "$TMP/many.key"
    UPSTREAM_MANY="$UPSTREAM_MANY        server 127.0.0.1:$STARTED_PORT;
"
    s=$((s + 1))
done
PORT_ONE=$(free_port)
PORT_MANY=$(free_port)
mkdir -p "$TMP/nginx"
cat >"$TMP/nginx.conf" <<NGINX_CONF
worker_processes $THREADS;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    tcp_nodelay on;
    keepalive_requests 1000000;
    server_tokens off;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    proxy_read_timeout 300s;
    upstream one {
$UPSTREAM_ONE        keepalive 64;
    }
    upstream many {
$UPSTREAM_MANY        keepalive 64;
    }
    server {
        listen 127.0.0.1:$PORT_ONE;
        location / {
            proxy_pass http://one;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        }
    }
    server {
        listen 127.0.0.1:$PORT_MANY;
        location / {
            proxy_pass http://many;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        }
    }
}
NGINX_CONF
"$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" -t >"$TMP/nginx-t.log" 2>&1 ||
    { cat "$TMP/nginx-t.log" >&2; die "nginx rejected its configuration"; }
"$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" -g 'daemon off;' >"$TMP/nginx.out" 2>&1 &
NGX_PID=$!
BASE_ONE=http://127.0.0.1:$PORT_ONE/api/v1
BASE_MANY=http://127.0.0.1:$PORT_MANY/api/v1
n=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_MANY/health")" = 200 ] &&
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_ONE/health")" = 200 ]; do
    kill -0 "$NGX_PID" 2>/dev/null || { cat "$TMP/nginx-error.log" >&2; die "nginx exited"; }
    n=$((n + 1))
    [ $n -lt 100 ] || die "nginx did not answer within 10 s"
    sleep 0.1
done
echo "== $SERVERS servers a database ($THREADS threads each) behind nginx: $BASE_ONE (baseline), $BASE_MANY (shared)"

# login BASE USERNAME TAG: sets COOKIE and CSRF
login() {
    code=$(curl -sS -o "$TMP/login-$3.json" -D "$TMP/login-$3.headers" -w '%{http_code}' \
        -H 'Content-Type: application/json' \
        --data "{\"username\":\"$2\",\"password\":\"$PASSWORD\"}" "$1/session")
    [ "$code" = 200 ] || { cat "$TMP/login-$3.json" >&2; die "login of $2 answered $code"; }
    COOKIE=$(tr -d '\r' <"$TMP/login-$3.headers" | sed -n 's/^[Ss]et-[Cc]ookie: *dj_session=\([^;]*\).*/\1/p' | head -n 1)
    [ -n "$COOKIE" ] || die "no dj_session cookie in the login answer of $2"
    CSRF=$(jq -r .csrf_token "$TMP/login-$3.json")
}
# get BASE PATH: the JSON answer of a GET with COOKIE (dies on anything but 200)
get() {
    code=$(curl -sS -o "$TMP/get.json" -w '%{http_code}' -H "Cookie: dj_session=$COOKIE" "$1$2")
    [ "$code" = 200 ] || { cat "$TMP/get.json" >&2; die "GET $2 answered $code"; }
    cat "$TMP/get.json"
}
YEAR=$(date -u +%Y)

# the measured bureau: bureau 1 (admin) in both databases; its 先锋指数 evaluation of the last
# quarter (from the demo, in notice) for the ranking, and a new one of the same scheme and
# quarter (open) for the recompute
prepare() { # BASE TAG: sets M_COOKIE M_CSRF M_RANK M_EVAL M_PEOPLE
    login "$1" admin "$2"
    M_COOKIE=$COOKIE M_CSRF=$CSRF
    get "$1" /evaluations >"$TMP/evals-$2.json"
    M_RANK=$(jq -r '[.items[] | select(.target == "member")][0].id' "$TMP/evals-$2.json")
    scheme=$(jq -r '[.items[] | select(.target == "member")][0].scheme_id' "$TMP/evals-$2.json")
    period=$(jq -r '[.items[] | select(.target == "member")][0].period' "$TMP/evals-$2.json")
    [ "$M_RANK" != null ] || die "no member evaluation in the demo bureau ($2)"
    code=$(curl -sS -o "$TMP/eval-new-$2.json" -w '%{http_code}' -H "Cookie: dj_session=$COOKIE" \
        -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
        --data "{\"scheme_id\":$scheme,\"period\":\"$period\"}" "$1/evaluations")
    [ "$code" = 201 ] || { cat "$TMP/eval-new-$2.json" >&2; die "creating the evaluation answered $code"; }
    M_EVAL=$(jq -r .id "$TMP/eval-new-$2.json")
    M_PEOPLE=$(get "$1" '/people?limit=1' | jq -r .total)
    M_PERIOD=$period
}
prepare "$BASE_ONE" one
ONE_COOKIE=$M_COOKIE ONE_CSRF=$M_CSRF ONE_RANK=$M_RANK ONE_EVAL=$M_EVAL ONE_PEOPLE=$M_PEOPLE
prepare "$BASE_MANY" many
MANY_COOKIE=$M_COOKIE MANY_CSRF=$M_CSRF MANY_RANK=$M_RANK MANY_EVAL=$M_EVAL MANY_PEOPLE=$M_PEOPLE
[ "$ONE_PEOPLE" = "$MANY_PEOPLE" ] || die "the measured bureau has $ONE_PEOPLE people alone, $MANY_PEOPLE among the others"
echo "== measured: bureau 1 (admin), $MANY_PEOPLE people; ranking of evaluation $MANY_RANK, recompute of $MANY_EVAL ($M_PERIOD)"

# the other bureaus' sessions: one administrator each, with their ranking evaluation
echo "== logging in the administrators of the other $((BUREAUS - 1)) bureaus"
SESSIONS=$TMP/sessions.txt
: >"$SESSIONS"
i=2
while [ "$i" -le "$BUREAUS" ]; do
    code=$(printf 'b%03d' "$i")
    login "$BASE_MANY" "$code.admin" "b$i"
    # bureaus without records have no evaluation: their ranking asks for bureau 1's, which is not
    # theirs (404, an answer too; counted apart in the load's figures)
    rank=$(get "$BASE_MANY" /evaluations | jq -r '[.items[] | select(.target == "member")][0].id // empty')
    echo "$COOKIE ${rank:-$MANY_RANK}" >>"$SESSIONS"
    i=$((i + 1))
done

# what each measured request is
PATHS="people:/people?limit=50 meetings:/meetings compliance:/compliance?period=$YEAR ranking:/evaluations/RANK/ranking compute:/evaluations/EVAL/compute"
# the answer sizes, checked once: every measured GET answers 200 in both databases
for db in one many; do
    for pair in $PATHS; do
        name=${pair%%:*} path=${pair#*:}
        [ "$name" != compute ] || continue
        if [ "$db" = one ]; then COOKIE=$ONE_COOKIE base=$BASE_ONE rank=$ONE_RANK; else COOKIE=$MANY_COOKIE base=$BASE_MANY rank=$MANY_RANK; fi
        path=$(echo "$path" | sed "s/RANK/$rank/")
        get "$base" "$path" | wc -c | awk -v n="$name" -v d="$db" '{ print d, n, $1 }' >>"$TMP/sizes.txt"
    done
done

CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
# CPU ticks of everything this benchmark runs: servers, PostgreSQL, nginx, the load's wrk
ours_ticks() {
    pids="$DJ_PIDS $PG_PM $(ps -o pid= --ppid "$PG_PM" 2>/dev/null | tr '\n' ' ') $NGX_PID $(ps -o pid= --ppid "$NGX_PID" 2>/dev/null | tr '\n' ' ') $BG_PID"
    t=0
    for p in $pids; do
        v=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }') || v=0
        t=$((t + ${v:-0}))
    done
    echo "$t"
}
machine_ticks() {
    awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit }' /proc/stat
}
# parse_wrk FILE [DURATION]: "rps p50_ms p99_ms requests errors"; a run that completed no request
# has no latency (wrk prints 0): its p50 and p99 are the run's length, a lower bound
parse_wrk() {
    awk -v dur_ms=$(($(secs "${2:-0}") * 1000)) '
        function ms(v,   u) { u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
            return (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v }
        /^Requests\/sec:/ { rps = $2 }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /^ +[0-9]+ requests in/ { n = $1 }
        /Non-2xx or 3xx responses:/ { err += $NF }
        /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
        END { if (rps == "" || p50 == "") { print "FAIL"; exit }
              if (n == 0) { p50 = dur_ms; p99 = dur_ms }
              printf "%.2f %.2f %.2f %d %d\n", rps, p50, p99, n, err }' "$1"
}
# measure SCENARIO NAME OUT [DURATION]: one wrk run of the measured bureau; prints parse_wrk's line and the
# share of the machine busy with work not of this benchmark ("other")
measure() {
    sc=$1 name=$2 out=$3 dur=${4:-$DURATION}
    if [ "$sc" = one ]; then base=$BASE_ONE cookie=$ONE_COOKIE csrf=$ONE_CSRF rank=$ONE_RANK ev=$ONE_EVAL
    else base=$BASE_MANY cookie=$MANY_COOKIE csrf=$MANY_CSRF rank=$MANY_RANK ev=$MANY_EVAL; fi
    path=$(echo "$PATHS" | tr ' ' '\n' | sed -n "s/^$name://p" | sed "s/RANK/$rank/; s/EVAL/$ev/")
    limit=$(($(secs "$dur") + 120))
    m0=$(machine_ticks)
    o0=$(ours_ticks)
    if [ "$name" = compute ]; then
        # one recompute at a time: the bureau's administrator presses the button
        timeout "$limit" "$WRK" -t1 -c1 -d"$dur" --timeout 120s --latency \
            -s "$REPO/bench/bureaus_compute.lua" "$base$path" -- "$cookie" "$csrf" >"$out" 2>&1 || true
    else
        timeout "$limit" "$WRK" -t1 -c"$FG_CONNECTIONS" -d"$dur" --timeout 120s --latency \
            -H "Cookie: dj_session=$cookie" "$base$path" >"$out" 2>&1 || true
    fi
    o1=$(ours_ticks)
    m1=$(machine_ticks)
    times >"$out.times"
    client=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { f = $i; sub(/s$/, "", f); split(f, a, "m"); t += a[1] * 60 + a[2] } print t }' "$out.times")
    line=$(parse_wrk "$out" "$dur")
    [ "$line" != FAIL ] || { cat "$out" >&2; die "wrk ($sc $name) failed"; }
    # shellcheck disable=SC2086 # split the fields on purpose
    set -- $line
    # other: the machine's busy share not ours; cpu: our processes' CPU ms per measured request
    # (servers, PostgreSQL, nginx: alone in the scenarios without load, with the load's otherwise)
    extra=$(awk -v o=$((o1 - o0)) -v c="$client" -v hz="$CLK_TCK" -v m0="$m0" -v m1="$m1" -v n="$4" 'BEGIN {
        split(m0, a, " "); split(m1, b, " "); total = b[2] - a[2]
        x = (total > 0) ? 100 * ((b[1] - a[1]) - o - c * hz) / total : 0
        printf "%.1f %.2f", (x < 0) ? 0 : x, (n > 0) ? o * 1000 / hz / n : 0 }')
    echo "$line $extra"
}

alive() {
    for p in $DJ_PIDS $NGX_PID $PG_PM; do
        kill -0 "$p" 2>/dev/null || { tail -n 5 "$TMP"/*.err >&2; die "pid $p ended during the run"; }
    done
}

# the other bureaus' load on the shared database: start_load THINK OUT / stop_load
start_load() {
    nconn=$((BUREAUS - 1))
    nthr=2
    [ "$nconn" -ge 2 ] || nthr=1
    "$WRK" -t"$nthr" -c"$nconn" -d1h --timeout 120s --latency -s "$REPO/bench/bureaus_load.lua" \
        "http://127.0.0.1:$PORT_MANY/" -- "$SESSIONS" "$YEAR" "$1" "$LOAD_LISTS" >"$2" 2>&1 &
    BG_PID=$!
    sleep 3 # the load reaches its pace before the measurement
    kill -0 "$BG_PID" 2>/dev/null || { cat "$2" >&2; die "the load's wrk exited"; }
}
stop_load() {
    kill -INT "$BG_PID" 2>/dev/null || true # wrk prints its figures on SIGINT
    wait "$BG_PID" 2>/dev/null || true
    BG_PID=
}

SCENARIOS="one many loaded"
[ "$SATURATED" = 0 ] || SCENARIOS="$SCENARIOS saturated"
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

# warm-up: each list once per database (not counted), one short load
for sc in one many; do
    for name in $NAMES; do
        [ "$name" != compute ] || continue
        measure "$sc" "$name" "$TMP/warmup-$sc-$name.txt" 2s >/dev/null
    done
done

RESULTS=$TMP/results.txt
LOADRES=$TMP/load.txt
: >"$RESULTS"
: >"$LOADRES"
echo "== $ROUNDS rounds; each: the scenarios ($SCENARIOS) in a rotating order, $DURATION a measurement"
r=1
while [ "$r" -le "$ROUNDS" ]; do
    # shellcheck disable=SC2086 # split the lists on purpose
    for sc in $(rotate $((r - 1)) $SCENARIOS); do
        case $sc in
        loaded) start_load "$THINK_MS" "$TMP/load-r$r-$sc.txt" ;;
        saturated) start_load 0 "$TMP/load-r$r-$sc.txt" ;;
        esac
        for name in $(rotate $((r - 1)) $NAMES); do
            line=$(measure "$sc" "$name" "$TMP/r$r-$sc-$name.txt")
            alive
            echo "$r $sc $name $line" >>"$RESULTS"
            set -- $line
            printf '   round %d  %-9s  %-10s  %8s req/s  p50 %8s ms  p99 %8s ms  errors %s  other load %s%%\n' \
                "$r" "$sc" "$name" "$1" "$2" "$3" "$5" "$6"
            [ -n "$BG_PID" ] || sleep 1
        done
        if [ -n "$BG_PID" ]; then
            stop_load
            bl=$(parse_wrk "$TMP/load-r$r-$sc.txt")
            [ "$bl" != FAIL ] || { cat "$TMP/load-r$r-$sc.txt" >&2; die "the load's wrk reported nothing"; }
            echo "$r $sc $bl" >>"$LOADRES"
            set -- $bl
            printf '   round %d  %-9s  the other bureaus: %s req/s, p50 %s ms, p99 %s ms, %s non-2xx or errors\n' "$r" "$sc" "$1" "$2" "$3" "$5"
            sleep 1
        fi
    done
    r=$((r + 1))
done
# what the report needs, for REPLAY=dir
cat >"$TMP/state.sh" <<STATE
BUREAUS='$BUREAUS' RECORDS='$RECORDS' RECORDS_ASKED='$RECORDS_ASKED' LOAD_BUDGET='$LOAD_BUDGET'
LOAD_LISTS='$LOAD_LISTS' ROUNDS='$ROUNDS' DURATION='$DURATION' FG_CONNECTIONS='$FG_CONNECTIONS'
THINK_MS='$THINK_MS' SERVERS='$SERVERS' THREADS='$THREADS' SCENARIOS='$SCENARIOS' COMMIT='$COMMIT'
PG_VERSION='$PG_VERSION' C_ONE='$C_ONE' C_MANY='$C_MANY' T_ONE='$T_ONE' T_LOAD='$T_LOAD'
T_REC_FIRST='$T_REC_FIRST' T_REC_MED='$T_REC_MED' T_REC_LAST='$T_REC_LAST' T_NOREC_MED='$T_NOREC_MED'
BUDGET_NOTE='$BUDGET_NOTE' M_PERIOD='$M_PERIOD' YEAR='$YEAR'
STATE
fi

# a measurement that completed no request has no latency (wrk prints 0): its p50 and p99 are
# counted as the run's length, a lower bound
awk -v d=$(($(secs "$DURATION") * 1000)) '$7 == 0 { $5 = d; $6 = d } { print }' "$RESULTS" >"$RESULTS.tmp" &&
    mv "$RESULTS.tmp" "$RESULTS"

median() {
    sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
# med SCENARIO NAME COLUMN (4 rps, 5 p50, 6 p99, 8 errors, 9 other)
med() { awk -v s="$1" -v n="$2" -v c="$3" '$2 == s && $3 == n { print $c }' "$RESULTS" | median; }
# cpu SCENARIO NAME: median CPU ms per request, only where nothing else ran (one, many)
cpu() { case $1 in one | many) med "$1" "$2" 10 ;; *) echo '-' ;; esac; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
lmed() { awk -v s="$1" -v c="$2" '$2 == s { print $c }' "$LOADRES" | median; }
ERRORS=$(awk '{ s += $8 } END { print s + 0 }' "$RESULTS")
MAXOTHER=$(awk '{ if ($9 > m) m = $9 } END { printf "%.1f", m + 0 }' "$RESULTS")
MEDOTHER=$(awk '{ print $9 }' "$RESULTS" | median)

echo
echo "medians of $ROUNDS rounds (ratios: to the same request on the baseline database, bureau alone):"
printf '%-11s %-10s %10s %9s %9s %8s %8s %8s %10s\n' scenario request 'req/s' 'p50 ms' 'p99 ms' 'p50 ×' 'p99 ×' 'req/s ×' 'CPU ms/req'
for name in $NAMES; do
    for sc in $SCENARIOS; do
        printf '%-11s %-10s %10s %9s %9s %8s %8s %8s %10s\n' "$sc" "$name" "$(med "$sc" "$name" 4)" "$(med "$sc" "$name" 5)" \
            "$(med "$sc" "$name" 6)" "$(ratio "$(med "$sc" "$name" 5)" "$(med one "$name" 5)")" \
            "$(ratio "$(med "$sc" "$name" 6)" "$(med one "$name" 6)")" "$(ratio "$(med "$sc" "$name" 4)" "$(med one "$name" 4)")" \
            "$(cpu "$sc" "$name")"
    done
done
for sc in loaded saturated; do
    case " $SCENARIOS " in *" $sc "*)
        echo "the other bureaus during '$sc': $(lmed "$sc" 3) req/s, p50 $(lmed "$sc" 4) ms, p99 $(lmed "$sc" 5) ms (medians)" ;;
    esac
done
echo "errors or non-2xx answers of the measured bureau: $ERRORS; other load: median $MEDOTHER %, highest $MAXOTHER %"
[ "$ERRORS" = 0 ] || echo "WARNING: errors in the measured requests; the numbers are suspect" >&2

[ "$WRITE" = 1 ] || exit 0

# ---- docs/BENCHMARKS.md: the block between the markers of the "Many bureaus" section
DOC=$REPO/docs/BENCHMARKS.md
BEGIN_MARK='<!-- bench/bureaus_bench.sh: begin -->'
END_MARK='<!-- bench/bureaus_bench.sh: end -->'
num() { echo "$1" | awk '{ s = $1; r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } print s r }'; }
kv() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo | sed 's/ [0-9]*-Core Processor//')
NCPU=$(nproc)
scl() {
    case $1 in
    one) echo "baseline: the bureau alone in its own database" ;;
    many) echo "shared database, nothing else running" ;;
    loaded) echo "shared database, the other $((BUREAUS - 1)) bureaus loading (one user each, a list every $THINK_MS ms)" ;;
    saturated) echo "shared database, the other $((BUREAUS - 1)) bureaus back to back" ;;
    esac
}
size() { awk -v d="$1" -v n="$2" '$1 == d && $2 == n { print $3 }' "$TMP/sizes.txt"; }
{
    echo "$BEGIN_MARK"
    echo "Written by \`sh bench/bureaus_bench.sh --write\` on $DATE, commit $COMMIT, $NCPU CPUs ($CPU_MODEL),"
    echo "PostgreSQL $PG_VERSION; BUREAUS=$BUREAUS RECORDS=$RECORDS_ASKED LOAD_BUDGET=$LOAD_BUDGET LOAD_LISTS=$LOAD_LISTS ROUNDS=$ROUNDS DURATION=$DURATION FG_CONNECTIONS=$FG_CONNECTIONS THINK_MS=$THINK_MS SERVERS=$SERVERS THREADS=$THREADS."
    echo
    echo "**What was measured.** One PostgreSQL database holding $BUREAUS bureaus: bureau 1 by \`dangjian demo\`,"
    echo "the others by \`dangjian demo --bureau\`; the first $RECORDS with the demo's year of records, the rest"
    echo "$( [ "$RECORDS" = "$BUREAUS" ] && echo "(none: every bureau has its records)" || echo "with \`--no-records\` (people, branches, accounts; no meetings, learning or evaluations)")."
    [ -z "$BUDGET_NOTE" ] || echo "**$BUDGET_NOTE.**"
    echo "$SERVERS \`dangjian serve\` (--threads $THREADS) on it behind one nginx address; the baseline is the same set-up"
    echo "on a second database of the same cluster holding bureau 1 alone (made by the same \`demo\`, so the same"
    echo "records). The measured bureau is bureau 1 in both."
    echo
    echo "| database | bureaus | people | meetings | attendance rows | test scores | study records | audit records | size |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for c in "baseline:$C_ONE" "shared:$C_MANY"; do
        v=${c#*:}
        echo "| ${c%%:*} | $(kv "$v" bureaus) | $(num "$(kv "$v" people)") | $(num "$(kv "$v" meetings)") | $(num "$(kv "$v" attendance)") | $(num "$(kv "$v" quiz_scores)") | $(num "$(kv "$v" study_records)") | $(num "$(kv "$v" audit)") | $(kv "$v" size_mib) MiB |"
    done
    echo
    echo "Loading the shared database took **$T_LOAD s** ($(awk -v t="$T_LOAD" 'BEGIN { printf "%.1f", t / 60 }') min): one \`demo --bureau\` with records"
    echo "${T_REC_FIRST:-–} s for the second bureau, median ${T_REC_MED:-–} s, ${T_REC_LAST:-–} s for the last one${T_NOREC_MED:+; with \`--no-records\` median $T_NOREC_MED s}; the baseline's \`demo\` $T_ONE s."
    echo
    echo "Medians of $ROUNDS rounds; ×: the ratio to the same request of the same bureau in the baseline."
    echo
    echo "| request | scenario | req/s | p50 | p99 | p50 × | p99 × | req/s × | CPU a request |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    for name in $NAMES; do
        for sc in $SCENARIOS; do
            b=; [ "$sc" != loaded ] || b='**'
            echo "| $(label "$name") | $(scl "$sc") | $(med "$sc" "$name" 4) | $b$(med "$sc" "$name" 5) ms$b | $b$(med "$sc" "$name" 6) ms$b | $(ratio "$(med "$sc" "$name" 5)" "$(med one "$name" 5)") | $b$(ratio "$(med "$sc" "$name" 6)" "$(med one "$name" 6)")$b | $(ratio "$(med "$sc" "$name" 4)" "$(med one "$name" 4)") | $(c=$(cpu "$sc" "$name"); [ "$c" = - ] && echo – || echo "$c ms") |"
        done
    done
    echo
    for sc in loaded saturated; do
        case " $SCENARIOS " in *" $sc "*)
            echo "- The other bureaus during \"$sc\": $(lmed "$sc" 3) req/s in all, p50 $(lmed "$sc" 4) ms, p99 $(lmed "$sc" 5) ms (medians of the rounds)." ;;
        esac
    done
    echo "- CPU a request (servers, PostgreSQL, nginx), shared database ÷ baseline, nothing else running:"
    echo "  $(for name in $NAMES; do printf '%s %s, ' "$name" "$(ratio "$(cpu many "$name")" "$(cpu one "$name")")"; done | sed 's/, $//') — what"
    echo "  the other bureaus' rows cost each request, apart from waiting for the CPU."
    echo "- wrk's percentiles count the requests completed within the run: a measurement that completed no"
    echo "  request counts its p50 and p99 as the run's length (shown ≥ in the table below), a lower bound."
    echo "- Errors or non-2xx answers of the measured bureau: $ERRORS. Other work on the machine (not this"
    echo "  benchmark's processes): median $MEDOTHER %, highest $MAXOTHER % of the CPU during a measurement."
    echo "- Answer sizes (baseline / shared): people $(size one people) / $(size many people) bytes, meetings $(size one meetings) / $(size many meetings),"
    echo "  compliance $(size one compliance) / $(size many compliance), ranking $(size one ranking) / $(size many ranking)."
    echo
    echo "Per measurement (\"CPU\": CPU time of the servers, PostgreSQL and nginx over the measured requests,"
    echo "the load's share included where there was load; \"other\": the machine's CPU busy with work not of this benchmark):"
    echo
    echo "| round | scenario | request | req/s | p50 ms | p99 ms | requests | errors | CPU ms/req | other |"
    echo "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|"
    awk '{ if ($7 == 0) { $5 = "≥ " $5; $6 = "≥ " $6 }
           printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s %% |\n", $1, $2, $3, $4, $5, $6, $7, $8, $10, $9 }' "$RESULTS"
    echo "$END_MARK"
} >"$TMP/block"
if grep -qF "$BEGIN_MARK" "$DOC"; then
    awk -v b="$BEGIN_MARK" -v e="$END_MARK" -v f="$TMP/block" '
        $0 == b { while ((getline l < f) > 0) print l; skip = 1; next }
        $0 == e { skip = 0; next }
        !skip { print }' "$DOC" >"$TMP/doc"
    cat "$TMP/doc" >"$DOC"
else
    { echo; echo "## Many bureaus on one PostgreSQL database"; echo; cat "$TMP/block"; } >>"$DOC"
fi
echo "wrote $DOC"
