#!/bin/sh
# Lints docs/openapi.yaml with Redocly's standard OpenAPI rules (its
# "recommended" set; no redocly.yaml, so no rule is turned off) and exits
# non-zero on any error or warning.  First installs the test tooling of
# tests/package.json into tests/node_modules (npm ci) when it is missing or
# older than tests/package-lock.json; the API suite's schema check (ajv) uses
# the same install.
#   sh tests/openapi-lint.sh            install if needed, then lint
#   sh tests/openapi-lint.sh --install  only install if needed
set -u
cd "$(dirname "$0")/.."

# The lock file copied into node_modules after a good `npm ci` marks the
# install as current; any change to the lock file makes it stale.  A lock
# directory keeps two test processes from installing at once.
install_tooling() {
  stamp=tests/node_modules/.dj-installed-lock.json
  if [ -f "$stamp" ] && cmp -s tests/package-lock.json "$stamp"; then return 0; fi
  lock=tests/.npm-ci.lock
  tries=0
  until mkdir "$lock" 2>/dev/null; do
    tries=$((tries + 1))
    if [ $tries -gt 300 ]; then echo "!! $lock held for 5 minutes; remove it if no install runs" >&2; return 1; fi
    sleep 1
  done
  # another process may have installed while this one waited
  if [ -f "$stamp" ] && cmp -s tests/package-lock.json "$stamp"; then rmdir "$lock"; return 0; fi
  echo "installing the test tooling: npm ci --prefix tests" >&2
  if npm ci --prefix tests --no-audit --no-fund --loglevel=error >&2; then
    cp tests/package-lock.json "$stamp"
    rc=0
  else
    echo "!! npm ci --prefix tests failed" >&2
    rc=1
  fi
  rmdir "$lock"
  return $rc
}

install_tooling || exit 1
[ "${1:-}" = --install ] && exit 0

out=$(mktemp)
trap 'rm -f "$out"' EXIT
# --max-problems: list every problem, not the first 100
tests/node_modules/.bin/redocly lint --max-problems=10000 docs/openapi.yaml >"$out" 2>&1
rc=$?
# the CLI's box about Node.js 20's end of life is no finding
sed '/^ *[╔║╚]/d' "$out"
if [ $rc -ne 0 ]; then echo "!! docs/openapi.yaml: OpenAPI lint errors (redocly lint)"; exit 1; fi
if grep -q "Warning was generated" "$out"; then echo "!! docs/openapi.yaml: OpenAPI lint warnings (redocly lint)"; exit 1; fi
echo "docs/openapi.yaml: OpenAPI lint clean"
