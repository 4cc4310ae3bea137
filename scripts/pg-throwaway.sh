#!/bin/sh
# A throwaway PostgreSQL cluster for the tests, on 127.0.0.1 only.
#   pg-throwaway.sh start DIR    creates and starts it; prints its admin URL
#   pg-throwaway.sh restart DIR  restarts it (tests of reconnection)
#   pg-throwaway.sh stop DIR     stops it and removes DIR
# Exit 3 when PostgreSQL's server programs are not installed.
set -eu
cmd=$1
dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || exit 3

run() {
  # initdb refuses root: run the cluster as the postgres user then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    chmod o+x "$(dirname "$dir")"   # the postgres user must reach DIR
  fi
  run "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
  for try in 1 2 3 4 5 6 7 8; do
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
    echo "$port" >"$dir/port"
    if run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
         -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" \
         start >/dev/null 2>&1; then
      echo "postgresql://postgres@127.0.0.1:$port/postgres"
      exit 0
    fi
  done
  echo "pg-throwaway: could not start PostgreSQL (see $dir/log)" >&2
  exit 1
  ;;
restart)
  port=$(cat "$dir/port")
  run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 -m fast \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" \
    restart >/dev/null
  ;;
stop)
  run "$bin/pg_ctl" -D "$dir/data" -w -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|restart|stop DIR" >&2
  exit 2
  ;;
esac
