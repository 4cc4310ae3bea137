#!/bin/sh
# Runs every test of `make test`: the cmocka unit tests, then the API tests
# (node's test runner) against the ASan build of the real binary on SQLite and
# on PostgreSQL, then the web console's unit tests (vitest) and browser tests
# (chromium).  The last line says how many passed, failed and were skipped,
# which suites and backends ran, and what did not run and why.
#
# Under CI (CI=true) a leg that cannot run here (no PostgreSQL, no browser)
# fails the run instead of being left out.
#
# To add a suite: `count_step NAME COMMAND...` with a command that prints
# cmocka's summary or TAP (node --test --test-reporter=tap, vitest
# --reporter=tap-flat); `not_run WHAT` for a suite that cannot run here.
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
skipped=0
ran=""       # "NAME N, ..." of the suites that ran
notrun=""    # "WHAT (why); ..." of those that did not
case "${CI:-}" in true | 1 | yes) ci=1 ;; *) ci=0 ;; esac
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(pwd)/tests/lsan.supp}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
DJ_BIN="${DJ_BIN:-$(pwd)/build/test/dangjian}"
export DJ_BIN
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# not_run WHAT: a suite or backend that does not run here; under CI a failure.
not_run() {
  notrun="${notrun:+$notrun; }$1"
  echo "!! not run: $1"
  if [ "$ci" = 1 ]; then
    failed=$((failed + 1))
    echo "!! CI=true: a suite that does not run counts as a failure"
  fi
}

# count_step NAME COMMAND...: runs COMMAND, shows its output and adds its
# passes, failures and skips to the totals.  Reads cmocka's summaries, node's
# TAP (its "# pass" and "# fail" lines; a skipped test or suite is a "# SKIP"
# line, which node's "# skipped" leaves out for a skipped describe) or plain
# TAP (vitest; "# SKIP" and "# TODO" lines are skips, not passes).  A command
# that fails without a failure counted (a crash, a sanitizer report at exit,
# a failing hook) counts one failure.
count_step() {
  name=$1
  shift
  "$@" >"$out" 2>&1
  rc=$?
  grep -v '^npm warn' "$out"
  if grep -q '^\[==========\]' "$out"; then
    # cmocka: one summary per binary; "!! crashed" lines come from run_unit_tests
    p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$out" | awk '{s += $1} END {print s + 0}')
    f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$out" | awk '{s += $1} END {print s + 0}')
    f=$((f + $(grep -c '^!! crashed' "$out")))
    s=$(sed -n 's/^\[  SKIPPED \] \([0-9][0-9]*\) test.*/\1/p' "$out" | awk '{s += $1} END {print s + 0}')
  elif grep -q '^# pass [0-9]' "$out"; then
    p=$(sed -n 's/^# pass \([0-9][0-9]*\)/\1/p' "$out" | tail -n 1)
    f=$(sed -n 's/^# fail \([0-9][0-9]*\)/\1/p' "$out" | tail -n 1)
    f=$((f + $(grep -c "failureType: 'hookFailed'" "$out")))
    s=$(grep -cE '^ *ok [0-9]+ - .*# SKIP' "$out")
  else
    s=$(grep -cE '^ok [0-9]+ .*# (SKIP|TODO)' "$out")
    p=$(($(grep -c '^ok ' "$out") - s))
    f=$(grep -c '^not ok ' "$out")
  fi
  if [ "$rc" -ne 0 ] && [ "$f" = 0 ]; then
    f=1
    echo "!! $name exited with $rc"
  fi
  if [ "$rc" -eq 0 ] && [ "$((p + f + s))" = 0 ]; then
    f=1
    echo "!! $name ran no test"
  fi
  [ "$s" != 0 ] && echo "!! $name: $s skipped"
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
  ran="${ran:+$ran, }$name $p"
  [ "$f" != 0 ] && ran="$ran ($f failed)"
  [ "$s" != 0 ] && ran="$ran ($s skipped)"
  return 0
}

# Every unit test binary; one that stops without cmocka's verdict crashed.
run_unit_tests() {
  urc=0
  for t in build/test/unit/test_*; do
    [ -x "$t" ] || continue
    CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$out.unit" 2>&1
    trc=$?
    cat "$out.unit"
    if [ "$trc" -ne 0 ]; then
      urc=1
      grep -q '^\[  FAILED  \]' "$out.unit" || echo "!! crashed: $t exited with $trc"
    fi
  done
  rm -f "$out.unit"
  return $urc
}

echo "== layer check (scripts/check-layers.sh) =="
# one counted test: no include goes up the layers or skips one
layer_check() { sh scripts/check-layers.sh && echo "ok 1 - the layers hold"; }
count_step "layers" layer_check

echo "== unit tests (cmocka) =="
if ls build/test/unit/test_* >/dev/null 2>&1; then
  count_step "unit" run_unit_tests
else
  not_run "unit tests (none built: make test builds them)"
fi

echo "== API tests (node --test, real server) =="
# Against SQLite always; against PostgreSQL too when DJ_TEST_PG_URL names an
# admin URL, or when PostgreSQL's server is installed: then a throwaway
# cluster on 127.0.0.1 is started here and stopped at the end.  A cluster
# that is installed but does not start is a failure, not a skip.
pgdir=""
if [ -z "${DJ_TEST_PG_URL:-}" ] && [ "${DJ_TEST_PG:-auto}" != off ]; then
  pgtmp=$(mktemp -d /tmp/dj-pg.XXXXXX)
  url=$(sh scripts/pg-throwaway.sh start "$pgtmp/pg" 2>"$pgtmp/start.err")
  prc=$?
  if [ "$prc" = 0 ]; then
    export DJ_TEST_PG_URL="$url" DJ_TEST_PG_DIR="$pgtmp/pg"
    pgdir="$pgtmp"
    echo "PostgreSQL: throwaway cluster at $url"
  elif [ "$prc" = 3 ]; then
    not_run "API on postgresql (PostgreSQL's server is not installed: apt-get install postgresql)"
  else
    echo "!! PostgreSQL is installed but the throwaway cluster did not start (exit $prc):"
    cat "$pgtmp/start.err" "$pgtmp/pg/initdb.log" "$pgtmp/pg/log" 2>/dev/null | tail -n 40
    failed=$((failed + 1))
    notrun="${notrun:+$notrun; }API on postgresql (the cluster did not start)"
  fi
  [ -n "$pgdir" ] || rm -rf "$pgtmp"
elif [ -z "${DJ_TEST_PG_URL:-}" ]; then
  not_run "API on postgresql (DJ_TEST_PG=off)"
fi
# run_api BACKEND: the whole API suite against one backend
run_api() {
  DJ_TEST_BACKEND="$1" node --test --test-concurrency=1 --test-reporter=tap tests/api/
}
if ls tests/api/*.test.mjs >/dev/null 2>&1; then
  echo "-- API tests on sqlite"
  count_step "API/sqlite" run_api sqlite
  if [ -n "${DJ_TEST_PG_URL:-}" ]; then
    echo "-- API tests on postgresql"
    count_step "API/postgresql" run_api postgresql
  fi
fi
if [ -n "$pgdir" ]; then
  sh scripts/pg-throwaway.sh stop "$pgdir/pg"
  rm -rf "$pgdir"
fi

echo "== API contract: docs/openapi.yaml (redocly lint) =="
# The document must pass a standard OpenAPI linter with no error and no
# warning: one counted test.  (The API tests above check every JSON answer
# against it; both install tests/node_modules with npm ci when needed.)
openapi_lint() { sh tests/openapi-lint.sh && echo "ok 1 - docs/openapi.yaml lints clean"; }
count_step "openapi-lint" openapi_lint

echo "== web console: unit tests (vitest) and browser tests (node --test, chromium) =="
# web/ is built here (npm ci when node_modules is missing, vite build) when its
# sources changed; the browser tests drive Debian's /usr/bin/chromium against
# the ASan server on a fresh demo database.
if [ -f web/package.json ]; then
  if make --no-print-directory -C web >"$out" 2>&1; then
    grep -E "npm ci|added [0-9]+ packages|initial JavaScript|built in|Nothing to be done" "$out"
    count_step "vitest" npm --prefix web run --silent test -- --reporter=tap-flat
    if ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
      # the harness's own reason to skip (no chromium, no web/dist, no playwright-core)
      why=$(node --input-type=module -e \
        "const m = await import('./tests/e2e/harness.mjs'); process.stdout.write(m.SKIP || '')" 2>&1)
      if [ -n "$why" ]; then
        not_run "browser tests ($why)"
      else
        count_step "browser" node --test --test-concurrency=1 --test-reporter=tap tests/e2e/
      fi
    fi
  else
    cat "$out"
    echo "!! the web console did not build (make -C web)"
    failed=$((failed + 1))
    notrun="${notrun:+$notrun; }vitest and browser tests (web/ did not build)"
  fi
fi

echo "$passed passed, $failed failed, $skipped skipped; ran: ${ran:-nothing}; not run: ${notrun:-nothing}"
[ "$failed" -eq 0 ]
