#!/usr/bin/env bash
# The README's main job, after `cmake --workflow --preset sample`: proves
# the parallel run of the sample suite with gtest-kitty, as docs/proving.md
# describes, and prints the summary.
# Usage: samples/prove.sh <build dir> [<gtest-kitty>]  (the tool defaults to the build's own)
set -euo pipefail
build="${1:?usage: samples/prove.sh <build dir> [<gtest-kitty>]}"
kitty="${2:-$build/gtest_kitty/cli/gtest-kitty}"
if [[ ! -x "$kitty" ]]; then
  echo "samples/prove.sh: no gtest-kitty at $kitty (build it, or name one as the second argument)" >&2
  exit 2
fi
jobs="$(nproc)"

echo "== equivalence: the per-file tests select exactly the serial run"
"$kitty" equivalence --test-dir "$build" --self-check
"$kitty" equivalence --test-dir "$build" --executed -j "$jobs"
echo "== ratchet: 3 parallel runs in a row, all green, real home untouched"
# The build tree may live in the home: it is the one place the runs write.
"$kitty" guard --exclude "$build" -- \
  "$kitty" ratchet -n 3 --work-dir "$build/kitty-ratchet" -- --test-dir "$build" -j "$jobs"
echo "== bench: serial against ctest -j$jobs, the same tests on both sides"
"$kitty" bench --test-dir "$build" -j "$jobs" --runs 3
echo "== timeline of the last parallel run"
"$kitty" timeline --record-dir "$build/kitty-ratchet/run-3/records" -o "$build/timeline.html"
