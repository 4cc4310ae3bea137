#!/bin/sh
# Runs every test of `make test`: the cmocka unit tests, then the API tests
# (node's test runner) against the ASan build of the real binary, then the
# web console's unit tests (vitest) and browser tests (chromium).  The last
# line says how many passed and failed.
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
out=$(mktemp)
trap 'rm -f "$out"' EXIT

echo "== unit tests (cmocka) =="
for t in build/test/unit/test_*; do
  [ -x "$t" ] || continue
  CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$out" 2>&1
  rc=$?
  cat "$out"
  p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$out" | tail -n 1)
  f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$out" | tail -n 1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  # a crash or sanitizer report counts as a failure even if cmocka printed nothing
  if [ $rc -ne 0 ] && [ "${f:-0}" = 0 ]; then failed=$((failed + 1)); echo "!! $t exited with $rc"; fi
done

echo "== API tests (node --test, real server) =="
# Against SQLite always; against PostgreSQL too when DJ_TEST_PG_URL names an
# admin URL, or when PostgreSQL's server is installed: then a throwaway
# cluster on 127.0.0.1 is started here and stopped at the end.
pgdir=""
if [ -z "${DJ_TEST_PG_URL:-}" ] && [ "${DJ_TEST_PG:-auto}" != off ]; then
  pgtmp=$(mktemp -d /tmp/dj-pg.XXXXXX)
  if url=$(sh scripts/pg-throwaway.sh start "$pgtmp/pg" 2>/dev/null); then
    export DJ_TEST_PG_URL="$url" DJ_TEST_PG_DIR="$pgtmp/pg"
    pgdir="$pgtmp"
    echo "PostgreSQL: throwaway cluster at $url"
  else
    rmdir "$pgtmp" 2>/dev/null || rm -rf "$pgtmp"
    echo "PostgreSQL: not installed here, API tests run on SQLite only"
  fi
fi
# run_api BACKEND: the whole API suite against one backend
run_api() {
  echo "-- API tests on $1"
  DJ_TEST_BACKEND="$1" DJ_BIN="${DJ_BIN:-$(pwd)/build/test/dangjian}" node --test --test-concurrency=1 \
    --test-reporter=tap tests/api/ >"$out" 2>&1
  rc=$?
  cat "$out"
  p=$(sed -n 's/^# pass \([0-9][0-9]*\)/\1/p' "$out" | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9][0-9]*\)/\1/p' "$out" | tail -n 1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  # a failing before/after hook (a sanitizer report at a server's stop) is no subtest
  h=$(grep -c "failureType: 'hookFailed'" "$out")
  failed=$((failed + h))
  if [ $rc -ne 0 ] && [ "${f:-0}" = 0 ] && [ "$h" = 0 ]; then failed=$((failed + 1)); echo "!! node --test ($1) exited with $rc"; fi
}
if ls tests/api/*.test.mjs >/dev/null 2>&1; then
  run_api sqlite
  [ -n "${DJ_TEST_PG_URL:-}" ] && run_api postgresql
fi

if [ -n "$pgdir" ]; then
  sh scripts/pg-throwaway.sh stop "$pgdir/pg"
  rm -rf "$pgdir"
fi

echo "== API contract: docs/openapi.yaml (redocly lint) =="
# The document must pass a standard OpenAPI linter with no error and no
# warning: one counted test.  (The API tests above check every JSON answer
# against it; both install tests/node_modules with npm ci when needed.)
if sh tests/openapi-lint.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

echo "== web console: unit tests (vitest) and browser tests (node --test, chromium) =="
# web/ is built here (npm ci, vite build) when its sources changed; the browser
# tests drive Debian's /usr/bin/chromium against the ASan server on a fresh
# demo database, and are skipped (visibly) only when chromium is missing.
if [ -f web/package.json ]; then
  if make --no-print-directory -C web >"$out" 2>&1; then
    grep -E "initial JavaScript|built in|Nothing to be done" "$out"
    npm --prefix web run --silent test -- --reporter=tap-flat >"$out" 2>&1
    rc=$?
    grep -v '^npm warn' "$out"
    p=$(grep -c '^ok ' "$out")
    f=$(grep -c '^not ok ' "$out")
    passed=$((passed + p))
    failed=$((failed + f))
    if [ $rc -ne 0 ] && [ "$f" = 0 ]; then failed=$((failed + 1)); echo "!! vitest exited with $rc"; fi
    if ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
      DJ_BIN="${DJ_BIN:-$(pwd)/build/test/dangjian}" node --test --test-concurrency=1 \
        --test-reporter=tap tests/e2e/ >"$out" 2>&1
      rc=$?
      cat "$out"
      p=$(sed -n 's/^# pass \([0-9][0-9]*\)/\1/p' "$out" | tail -n 1)
      f=$(sed -n 's/^# fail \([0-9][0-9]*\)/\1/p' "$out" | tail -n 1)
      s=$(sed -n 's/^# skipped \([0-9][0-9]*\)/\1/p' "$out" | tail -n 1)
      [ "${s:-0}" != 0 ] && echo "!! ${s} browser tests skipped"
      passed=$((passed + ${p:-0}))
      failed=$((failed + ${f:-0}))
      if [ $rc -ne 0 ] && [ "${f:-0}" = 0 ]; then failed=$((failed + 1)); echo "!! node --test (e2e) exited with $rc"; fi
    fi
  else
    cat "$out"
    echo "!! the web console did not build (make -C web)"
    failed=$((failed + 1))
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
