#!/bin/sh
# bench/pdf_bench.sh — the document benchmark (issue 18): the 喜报 of 1,000 people in one PDF and
# the 公示 of a 100,000-row ranking, rendered by io/pdf (the release build); wall time, size,
# pages and peak memory (see bench/pdf_bench.c).  Run from the repository's root:
#   sh bench/pdf_bench.sh [PEOPLE [ROWS]]
set -eu
cd "$(dirname "$0")/.."
nice make --no-print-directory -f Makefile -f bench/pdf_bench.mk build/pdf_bench
echo "machine: $(nproc) CPUs, $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC')"
./build/pdf_bench "${1:-1000}" "${2:-100000}"
