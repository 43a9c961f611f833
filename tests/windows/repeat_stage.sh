#!/usr/bin/env bash
# Runs the Windows stage N times in a row (default 10), the first on a fresh
# build/windows (new wine prefix, both GoogleTest cross-builds), and prints
# each run's time and the median and maximum of the warm ones. Stops at the
# first red run; its log stays in build/windows-repeat/.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-10}"
logs="$PWD/build/windows-repeat"
rm -rf build/windows "$logs"
mkdir -p "$logs"
warm=()
for run in $(seq "$runs"); do
  started=$(date +%s.%N)
  if ! bash .ci/windows >"$logs/run-$run.log" 2>&1; then
    echo "run $run: RED (log: $logs/run-$run.log)"
    tail -n 20 "$logs/run-$run.log"
    exit 1
  fi
  seconds=$(echo "$(date +%s.%N) - $started" | bc)
  printf 'run %d: green in %.1f s%s\n' "$run" "$seconds" "$([[ $run -eq 1 ]] && echo ' (cold)')"
  [[ $run -eq 1 ]] || warm+=("$seconds")
done
if [[ ${#warm[@]} -gt 0 ]]; then
  printf '%s\n' "${warm[@]}" | sort -n | awk '{ v[NR] = $1 } END {
    median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "warm runs: %d, median %.1f s, max %.1f s\n", NR, median, v[NR] }'
fi
