#!/usr/bin/env bash
# gtest_kitty's benchmark: one command that generates, builds (Release) and
# times everything docs/benchmarks.md reports, then rewrites that file.
#
#   bench/run.sh            # from anywhere; ~8 minutes on 2 cores
#   bench/run.sh --quick    # a smoke run of the whole harness (~3 minutes);
#                           # its report goes to <build>/bench_results/quick.md
#
# What is measured is bench/plan.txt (one row per measurement); the report
# is bench/report.md.in rendered from the results; both are carried out by
# kitty-bench (bench/driver), built with the benchmark. This script only
# builds, collects the machine's facts and starts it.
#
# Settings (environment; the defaults are what docs/benchmarks.md records):
#   BENCH_FILES=50 BENCH_TESTS=40   synthetic suite: files x tests per file
#   BENCH_WORK=25000                integers each synthetic test sorts (~1 ms)
#   BENCH_JOBS=2                    ctest -j for the parallel runs
#   BENCH_RUNS=5                    timed runs of slow rows (>= 5); fast rows
#                                   get max(BENCH_RUNS, 30) (--quick: 10)
#   BENCH_GDT_MAX=100000            largest listing binary to time
#                                   gtest_discover_tests' discovery on (one
#                                   run each, it is slow); 0 to skip
#   BENCH_QUIET_WAIT=120            seconds, in total over the run, to wait
#                                   for other processes to leave the CPUs
#                                   before a measurement (0: never wait)
#   BENCH_SUITE_DIR=/tmp/bench_suite_src   where the suite is generated
#   BENCH_BUILD_DIR=/tmp/bench_build       the build tree
#   BENCH_DOC=<repo>/docs/benchmarks.md    the report written
set -euo pipefail

KITTY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "gtest_kitty: bench/run.sh: $*" >&2; exit 2; }
QUICK=0
for arg in "$@"; do
  case $arg in
    --quick) QUICK=1 ;;
    *) die "unknown argument '$arg' (bench/run.sh [--quick])" ;;
  esac
done
LAYOUT_SCALE=100
FAST_RUNS=30
if ((QUICK)); then
  : "${BENCH_FILES:=4}" "${BENCH_TESTS:=4}" "${BENCH_WORK:=1000}" "${BENCH_GDT_MAX:=25000}"
  : "${BENCH_QUIET_WAIT:=0}"
  # bench/layouts keep their shape; their tests do a tenth of the work.
  LAYOUT_SCALE=10
  FAST_RUNS=10
fi
FILES=${BENCH_FILES:-50}
TESTS=${BENCH_TESTS:-40}
WORK=${BENCH_WORK:-25000}
JOBS=${BENCH_JOBS:-2}
RUNS=${BENCH_RUNS:-5}
GDT_MAX=${BENCH_GDT_MAX:-100000}
QUIET_WAIT=${BENCH_QUIET_WAIT:-120}
SUITE=${BENCH_SUITE_DIR:-/tmp/bench_suite_src}
BUILD=${BENCH_BUILD_DIR:-/tmp/bench_build}
WORKDIR=$BUILD/bench_results
if ((QUICK)); then DOC=${BENCH_DOC:-$WORKDIR/quick.md}; else DOC=${BENCH_DOC:-$KITTY_DIR/docs/benchmarks.md}; fi

for n in FILES TESTS WORK JOBS RUNS GDT_MAX QUIET_WAIT; do
  [[ ${!n} =~ ^[0-9]+$ ]] || die "BENCH_$n must be a non-negative integer, not '${!n}'"
done
((RUNS >= 5)) || die "BENCH_RUNS must be at least 5 (medians of fewer runs are not quoted)"
((FILES > 0 && TESTS > 0)) || die "BENCH_FILES and BENCH_TESTS must be positive"
command -v hyperfine >/dev/null || die "hyperfine is not installed (.ci/install-deps installs it)"

# The command that reproduces this run: the script plus every non-default setting.
REPRO="bench/run.sh"
((QUICK)) && REPRO="bench/run.sh --quick"
if ((!QUICK)); then
  for pair in FILES=50 TESTS=40 WORK=25000 JOBS=2 RUNS=5 GDT_MAX=100000; do
    n=${pair%%=*} default=${pair#*=}
    [[ ${!n} == "$default" ]] || REPRO="BENCH_$n=${!n} $REPRO"
  done
fi

START=$(date +%s)
echo "== generating the ${FILES}x${TESTS} suite in $SUITE"
cmake -D FILES="$FILES" -D TESTS="$TESTS" -D WORK="$WORK" -D OUT="$SUITE" \
  -D GTEST_KITTY_DIR="$KITTY_DIR" -P "$KITTY_DIR/bench/generate_suite.cmake"
echo "== configuring and building (Release) in $BUILD"
if [[ -f $BUILD/CMakeCache.txt ]]; then BUILD_KIND="an incremental"; else BUILD_KIND="a from-scratch"; fi
cmake -S "$KITTY_DIR/bench" -B "$BUILD" -G Ninja -D CMAKE_BUILD_TYPE=Release \
  -D GTEST_KITTY_BUILD_CLI=ON -D GTEST_KITTY_DIR="$KITTY_DIR" -D BENCH_SUITE_DIR="$SUITE" \
  -D BENCH_LAYOUT_SCALE="$LAYOUT_SCALE" >"$BUILD.configure.log" 2>&1 ||
  { cat "$BUILD.configure.log" >&2; die "configuring failed"; }
cmake --build "$BUILD" >"$BUILD.build.log" 2>&1 ||
  { tail -40 "$BUILD.build.log" >&2; die "building failed (log: $BUILD.build.log)"; }
BUILD_SECONDS=$(($(date +%s) - START))
echo "   built in ${BUILD_SECONDS}s"
rm -rf "$WORKDIR"
mkdir -p "$WORKDIR"

DRIVER=$BUILD/driver/kitty-bench
CLI=$BUILD/gtest_kitty/gtest_kitty/cli/gtest-kitty
SKIP=()
for k in 25 50 100; do ((k * 1000 <= GDT_MAX)) || SKIP+=(--skip "L$k.e4"); done
# A kitty without SPLIT_FILES (bench/layouts registers no split then): the
# split rows are left out, and the hand split is timed alone.
if ! grep -q SPLIT_FILES "$KITTY_DIR/cmake/KittyTest.cmake"; then
  echo "   (this kitty has no SPLIT_FILES: the heavy-file split rows are skipped)"
  SKIP+=(--skip h_split_units --skip h_split_outcome --skip H.s)
fi

# The machine, for the report.
GTEST_DIR=$(sed -n 's/^GTest_DIR:PATH=//p' "$BUILD/CMakeCache.txt")
GTEST_VERSION=$(sed -n 's/^set(PACKAGE_VERSION "\(.*\)")/\1/p' "$GTEST_DIR/GTestConfigVersion.cmake" 2>/dev/null || true)
KITTY_COMMIT=$(git -C "$KITTY_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$KITTY_DIR" status --porcelain -- gtest_kitty cmake 2>/dev/null) ]]; then
  KITTY_COMMIT="$KITTY_COMMIT + uncommitted changes in gtest_kitty/ or cmake/"
fi

echo "== timing bench/plan.txt"
"$DRIVER" run --plan "$KITTY_DIR/bench/plan.txt" --template "$KITTY_DIR/bench/report.md.in" \
  --results "$WORKDIR" --cli "$CLI" --runs "$RUNS" --fast-runs "$FAST_RUNS" --quiet-wait "$QUIET_WAIT" "${SKIP[@]}" \
  --var build="$BUILD" --var kitty="$KITTY_DIR" --var suite="$SUITE" --var cli="$CLI" \
  --var config_suffix=-Release --var jobs="$JOBS" --var runs="$RUNS" --var files="$FILES" \
  --var tests="$TESTS" --var total=$((FILES * TESTS)) --var work="$WORK" --var record_runs=5000 \
  --var build_seconds="$BUILD_SECONDS" --var build_kind="$BUILD_KIND" --var repro="$REPRO" \
  --var ncpu="$(nproc)" --var cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" \
  --var mem="$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)" \
  --var uname="$(uname -sr)" --var cxx="$(c++ --version | head -1)" \
  --var cmake_version="$(cmake --version | awk 'NR == 1 { print $3 }')" \
  --var ninja_version="$(ninja --version)" --var gtest_version="${GTEST_VERSION:-unknown}" \
  --var kitty_commit="$KITTY_COMMIT"
"$DRIVER" render --results "$WORKDIR" --template "$KITTY_DIR/bench/report.md.in" --out "$DOC" \
  --var date="$(date -u '+%Y-%m-%d %H:%M UTC')" --var total_seconds=$(($(date +%s) - START))
echo "== wrote $DOC ($(($(date +%s) - START))s)"
