#!/bin/sh
# Installs the Debian packages that dangjian's build and tests need, when
# they are missing: with apt-get when run as root, otherwise it prints the
# exact command and stops.
set -eu
PACKAGES="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev
libsodium-dev libinih-dev libcmocka-dev libpq-dev libxlsxwriter-dev libzip-dev libexpat1-dev libfreexl-dev zlib1g-dev libcurl4-openssl-dev libcairo2-dev libpango1.0-dev libqrencode-dev poppler-utils unicode-data bzip2 nodejs sqlite3 wrk nginx-light chromium fonts-noto-cjk"
# `make fuzz` also needs clang's libFuzzer
[ "${FUZZ:-0}" = 1 ] && PACKAGES="$PACKAGES clang-14 libclang-rt-14-dev"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # nginx-light is only for the benchmark; any nginx will do
    if [ "$p" = nginx-light ] && command -v nginx >/dev/null 2>&1; then continue; fi
    if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

echo "缺少的软件包 / missing Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends $missing
else
  echo "请以 root 运行 / run as root:"
  echo "  sudo apt-get install -y$missing"
  exit 1
fi
