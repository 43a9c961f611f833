#!/usr/bin/env bash
# Runs the Windows faults project (cross-built into <build>) through ctest
# under wine, and checks what ctest reports for every planted fault.
# Usage: tests/windows/faults/check.sh <build dir>
# Needs WINEPREFIX (a prefix .ci/windows made) and wine64 on PATH; the
# build's CMAKE_CROSSCOMPILING_EMULATOR runs every test through wine64.
set -euo pipefail
build="$(realpath "${1:?usage: check.sh <build dir>}")"
work="$build/faults-check"
rm -rf "$work"
mkdir -p "$work"
failures=0
fail() {
  echo "faults check: FAILED: $*" >&2
  failures=$((failures + 1))
}

# The real profile, in the prefix: nothing a test writes may land there.
profile="$WINEPREFIX/drive_c/users"
find "$profile" -name 'kitty-faults-probe.txt' -delete 2>/dev/null || true

# Every name, intact in UTF-8 (ctest -N prints what the listing registered).
ctest --test-dir "$build" -N > "$work/names.txt"
for name in "faults_tests/grüß €_test.cpp" "faults_tests/odd [1]; \$dollar 'quote'_test.cpp"; do
  grep -qF -- "$name" "$work/names.txt" || fail "not registered as '$name'"
done

# Retention under wine: earlier runs planted with old start times (the run
# marker's time, read through FILETIME) and non-ASCII names. This run keeps
# KITTY_KEEP_RUNS (3) of its kind, itself and the two newest; a run that kept
# a home survives KITTY_KEEP_FAILED_RUNS (10) later runs; a directory that is
# no run of kitty's is never touched.
homes="$build/kitty-homes"
rm -rf "$homes"
unset KITTY_KEEP_RUNS KITTY_KEEP_FAILED_RUNS KITTY_KEEP_DAYS  # the defaults
plant_run() {  # plant_run <name> <start date> [kept]
  local run="$homes/$1"
  mkdir -p "$run/workers" "$run/record"
  echo user >"$run/.kitty-run"
  [[ "${3:-}" != kept ]] || mkdir -p "$run/faults_tests_crash_test.cpp.AbC123/home"
  touch -d "$2" "$run/.kitty-run" "$run"
}
plant_run "old run ü 1" "2020-01-01 12:00"
plant_run "old run ü 2" "2020-01-02 12:00"
plant_run "old run ü 3" "2020-01-03 12:00"
plant_run "old run ü 4" "2020-01-04 12:00"
plant_run "old failed run" "2019-12-01 12:00" kept
mkdir -p "$homes/not a run"
touch -d "2019-01-01 12:00" "$homes/not a run"

# A fresh run id per run: the Linux ctest that drives wine is no Windows
# parent the launchers could share one through (docs/windows.md).
export KITTY_RUN_ID="faults-$(date +%s)-$$"
export KITTY_FAULTS_PORT_LOG="$work/ports.log"
set +e
ctest --test-dir "$build" -j2 --output-on-failure --output-junit "$work/junit.xml" \
  > "$work/ctest.txt" 2>&1
set -e

expect() {  # expect <test> passed|failed [text its output must hold]
  local test="$1" want="$2" text="${3:-}"
  local line
  line="$(grep -F -- " $test " "$work/ctest.txt" | grep -E 'Passed|Failed|Timeout|Exception|Not Run|\*\*\*' | head -1 || true)"
  if [[ -z "$line" ]]; then
    fail "$test: not in ctest's report"
  elif [[ "$want" == passed && "$line" != *Passed* ]]; then
    fail "$test: expected to pass: $line"
  elif [[ "$want" == failed && "$line" == *Passed* ]]; then
    fail "$test: expected to fail, ctest says: $line"
  fi
  if [[ -n "$text" ]] && ! grep -qF -- "$text" "$work/junit.xml" "$work/ctest.txt"; then
    fail "$test: its output does not say '$text'"
  fi
}
expect "faults_tests/isolated_test.cpp" passed
expect "faults_tests/odd [1]; \$dollar 'quote'_test.cpp" passed
expect "faults_tests/grüß €_test.cpp" passed
expect "faults_tests/crash_test.cpp" failed "Crash.WritesThroughANullPointer"
expect "faults_tests/exit_early_test.cpp" failed "before GoogleTest's end of the run"
expect "faults_tests/child_left_test.cpp" passed "left running"
expect "faults_tests/readonly_home_test.cpp" passed
expect "faults_hang_tests/hang_test.cpp" failed
expect "faults_port_tests/port_a_test.cpp" passed
expect "faults_port_tests/port_b_test.cpp" passed
grep -F "faults_hang_tests/hang_test.cpp" "$work/ctest.txt" | grep -q Timeout ||
  fail "faults_hang_tests/hang_test.cpp: not reported as a timeout"

# wine's crash debugger off (.ci/windows sets AeDebug's Debugger to ""):
# winedbg attached to the crash would print its register dump, and be left
# running (kitty names and ends it). On, it lets some crashes exit 0: were
# this crash one of them, the check above would not see it every time.
if grep -qE 'Register dump:|winedbg' "$work/ctest.txt"; then
  fail "wine's crash debugger ran on the crash (AeDebug's Debugger is set): $(grep -m 3 -E 'starting debugger|Register dump:|winedbg' "$work/ctest.txt" | tr '\n' ' ')"
fi

# The non-ASCII name intact in GoogleTest's XML (the report's file name and
# the source file it names) and in the run record (JSON escapes).
xml="$build/xml/faults_tests/grüß €_test.cpp.xml"
if [[ ! -f "$xml" ]]; then
  fail "no XML report named 'grüß €_test.cpp.xml' in $build/xml/faults_tests"
elif ! grep -qF 'grüß €_test.cpp"' "$xml"; then
  fail "the XML report does not name its source file intact"
fi
grep -qF '"name":"faults_tests/gr\u00fc\u00df \u20ac_test.cpp"' \
  "$homes/$KITTY_RUN_ID/record/"*.jsonl ||
  fail "no run record names faults_tests/grüß €_test.cpp intact"

for run in "old run ü 1" "old run ü 2"; do
  [[ ! -e "$homes/$run" ]] || fail "retention: '$run' outlived KITTY_KEEP_RUNS=3"
done
for run in "old run ü 3" "old run ü 4" "old failed run" "not a run" "$KITTY_RUN_ID"; do
  [[ -d "$homes/$run" ]] || fail "retention: '$run' was removed"
done

# Nothing a test started outlives the run: the hang and the child are gone.
if pgrep -f 'faults_(hang_)?tests\.exe' > "$work/left.txt"; then
  fail "processes left running after ctest: $(tr '\n' ' ' < "$work/left.txt")"
fi

# The two port files held the one block at different times, every port bound.
if [[ "$(wc -l < "$KITTY_FAULTS_PORT_LOG" 2>/dev/null || echo 0)" -ne 2 ]]; then
  fail "the port files did not both log their hold"
else
  # A Windows text-mode write ends lines with CR LF: the CR goes.
  read -r _ _ start_a end_a bound_a < <(sed -n 1p "$KITTY_FAULTS_PORT_LOG" | tr -d '\r')
  read -r _ _ start_b end_b bound_b < <(sed -n 2p "$KITTY_FAULTS_PORT_LOG" | tr -d '\r')
  [[ "$bound_a" == 1 && "$bound_b" == 1 ]] || fail "a port of the block could not be bound"
  if ((start_b < end_a && start_a < end_b)); then
    fail "the port files held one block at once: $(tr '\n' ' ' < "$KITTY_FAULTS_PORT_LOG")"
  fi
fi

if [[ -n "$(find "$profile" -name 'kitty-faults-probe.txt' 2>/dev/null)" ]]; then
  fail "a test wrote into the real profile: $(find "$profile" -name 'kitty-faults-probe.txt')"
fi

if ((failures > 0)); then
  echo "faults check: $failures failed; ctest's output: $work/ctest.txt" >&2
  sed -n '1,200p' "$work/ctest.txt" >&2
  exit 1
fi
echo "faults check: every planted fault reported as expected"
