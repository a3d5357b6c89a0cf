#!/usr/bin/env bash
# The reference for tools/bench-tune.sh: the same sysctl changes the way tuning guides make them, with nothing
# aitune adds (no facts, no plan, no journal, no fsync, no per-file checks): remember each value, write the new
# one, read it back, write the old one back.
# Usage: tools/tune-cycle-by-hand.sh KEY=VALUE...
set -euo pipefail
declare -A before
for setting in "$@"; do
  file=/proc/sys/${setting%%=*}; file=${file//.//}
  read -r before[$file] < "$file"
  echo "${setting#*=}" > "$file"
  read -r now < "$file"
  [ "$now" = "${setting#*=}" ] || { echo "asked ${setting#*=}, holds $now" >&2; exit 1; }
done
for file in "${!before[@]}"; do
  echo "${before[$file]}" > "$file"
done
