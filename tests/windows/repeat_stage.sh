#!/usr/bin/env bash
# Runs the Windows stage N times in a row (default 10) and prints each run's
# time, then the median and maximum. Stops at the first red run; its log
# stays in build/windows-repeat/.
#   bash tests/windows/repeat_stage.sh [runs] [--cold] [.ci/windows options]
# --cold: every run on an empty build/windows (a new wine prefix and every
# cross-build from scratch), as CI runs it on a fresh machine; without it
# only the first run is cold and the median is over the warm ones.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=10
cold=0
stage_options=()
for argument in "$@"; do
  case "$argument" in
    --cold) cold=1 ;;
    [0-9]*) runs="$argument" ;;
    *) stage_options+=("$argument") ;;
  esac
done
logs="$PWD/build/windows-repeat"
rm -rf build/windows "$logs"
mkdir -p "$logs"
measured=()
for run in $(seq "$runs"); do
  ((cold == 0)) || rm -rf build/windows
  started=$(date +%s%N)
  if ! bash .ci/windows "${stage_options[@]}" >"$logs/run-$run.log" 2>&1; then
    echo "run $run: RED (log: $logs/run-$run.log)"
    tail -n 20 "$logs/run-$run.log"
    exit 1
  fi
  ms=$((($(date +%s%N) - started) / 1000000))
  kind=warm
  ((cold == 0 && run > 1)) || kind=cold
  builds="$(grep -oE 'took [0-9]+ s: windows: cross-builds' "$logs/run-$run.log" | grep -oE '[0-9]+' || true)"
  printf 'run %d: green in %d.%d s (%s; cross-builds %s s; load %s)\n' "$run" $((ms / 1000)) \
    $((ms % 1000 / 100)) "$kind" "${builds:-?}" "$(cut -d' ' -f1 /proc/loadavg)"
  ((cold == 0 && run == 1)) || measured+=("$ms")
done
if [[ ${#measured[@]} -gt 0 ]]; then
  printf '%s\n' "${measured[@]}" | sort -n | awk -v kind="$( ((cold)) && echo cold || echo warm)" '
    { v[NR] = $1 }
    END {
      median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%s runs: %d, median %.1f s, max %.1f s\n", kind, NR, median / 1000, v[NR] / 1000
    }'
fi
