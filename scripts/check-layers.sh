#!/bin/sh
# check-layers: fails on an include that goes up the layers or skips one.
#
#   http -> api -> core -> store      (arrows point down only, one step)
#   io, util                          leaves: anyone may include them
#
# A file may include its own layer, the layer right below it, and the leaves.
# "Skipping" is e.g. api including store, or http including core or store:
# each layer reaches the ones below only through the next.  io may include
# util; util includes only util.  src/main.c is the composition root and may
# include anything.  Only quoted includes of our own headers ("layer/x.h")
# are checked; <system> headers are not ours.
#
# Exceptions: none today.  An exception is a line "FILE INCLUDED-HEADER" in
# the EXCEPTIONS list below, with a comment saying why.
#
# Usage: sh scripts/check-layers.sh [SRC_DIR]   (default: src)
# Prints file:line of each offending include; exit 1 when there is any.
set -u
cd "$(dirname "$0")/.."
src=${1:-src}

# file, then the header it may include although the rule says no (one per line)
EXCEPTIONS='
'

# allowed LAYER: the layers a file of LAYER may include
allowed() {
  case "$1" in
    http)  echo "http api io util" ;;
    api)   echo "api core io util" ;;
    core)  echo "core store io util" ;;
    store) echo "store io util" ;;
    io)    echo "io util" ;;
    util)  echo "util" ;;
    *)     echo "" ;;
  esac
}

bad=0
checked=0
files=$(find "$src" -type f \( -name '*.c' -o -name '*.h' \) | sort)
for f in $files; do
  rel=${f#"$src"/}
  [ "$rel" = main.c ] && continue # the composition root
  layer=${rel%%/*}
  if [ "$layer" = "$rel" ]; then
    echo "$f: a source file outside every layer (put it in one, or name it here as an exception)"
    bad=$((bad + 1))
    continue
  fi
  ok=$(allowed "$layer")
  if [ -z "$ok" ]; then
    echo "$f: unknown layer '$layer' (add it to scripts/check-layers.sh)"
    bad=$((bad + 1))
    continue
  fi
  checked=$((checked + 1))
  # line number and header of each quoted include of the form "dir/name"
  out=$(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]*/' "$f" |
    sed 's/^\([0-9]*\):.*"\([^"]*\)".*/\1 \2/')
  [ -n "$out" ] || continue
  while read -r line header; do
    target=${header%%/*}
    case " $ok " in *" $target "*) continue ;; esac
    # migrations' generated SQL and the like: only headers of known layers are ours
    case "$target" in http | api | core | store | io | util) ;; *) continue ;; esac
    if printf '%s\n' "$EXCEPTIONS" | grep -qx "$rel $header"; then
      continue
    fi
    case "$layer:$target" in
      util:* | io:*) why="a leaf includes only $(allowed "$layer" | sed 's/ /, /g')" ;;
      store:core | store:api | store:http | core:api | core:http | api:http) why="an upward include" ;;
      *) why="skips a layer ($layer may include $(allowed "$layer" | sed 's/ /, /g'))" ;;
    esac
    echo "$f:$line: #include \"$header\": $layer -> $target, $why"
    bad=$((bad + 1))
  done <<EOF
$out
EOF
done

if [ "$bad" -gt 0 ]; then
  echo "check-layers: $bad include(s) break the layers http -> api -> core -> store (io, util: leaves)"
  exit 1
fi
echo "check-layers: $checked files keep the layers http -> api -> core -> store (io, util: leaves)"
