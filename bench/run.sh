#!/usr/bin/env bash
# gtest_kitty's benchmark: one command that generates, builds (Release) and
# times everything docs/benchmarks.md reports, then rewrites that file.
#
#   bench/run.sh                 # from anywhere; ~5-10 minutes on 2 cores
#
# Settings (environment; the defaults are what docs/benchmarks.md records):
#   BENCH_FILES=50 BENCH_TESTS=40   synthetic suite: files x tests per file
#   BENCH_WORK=25000                integers each synthetic test sorts (~1 ms)
#   BENCH_JOBS=2                    ctest -j for the parallel runs
#   BENCH_RUNS=5                    timed runs of slow commands (>= 5); fast
#                                   commands get max(BENCH_RUNS, 30)
#   BENCH_GDT_MAX=100000            largest listing binary to time
#                                   gtest_discover_tests' discovery on (one
#                                   run each, it is slow); 0 to skip
#   BENCH_QUIET_WAIT=120            seconds, in total over the run, to wait
#                                   for other processes to leave the CPUs
#                                   before a measurement (0: never wait)
#   BENCH_SUITE_DIR=/tmp/bench_suite_src   where the suite is generated
#   BENCH_BUILD_DIR=/tmp/bench_build       the build tree
#   BENCH_DOC=<repo>/docs/benchmarks.md    the report written
#   BENCH_TIMER=loop                use the date loop even with hyperfine
#
# Timing uses hyperfine (medians) when installed, otherwise a loop around
# `date +%s%N` (median of the same number of runs).
set -euo pipefail

KITTY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FILES=${BENCH_FILES:-50}
TESTS=${BENCH_TESTS:-40}
WORK=${BENCH_WORK:-25000}
JOBS=${BENCH_JOBS:-2}
RUNS=${BENCH_RUNS:-5}
GDT_MAX=${BENCH_GDT_MAX:-100000}
QUIET_WAIT=${BENCH_QUIET_WAIT:-120}
SUITE=${BENCH_SUITE_DIR:-/tmp/bench_suite_src}
BUILD=${BENCH_BUILD_DIR:-/tmp/bench_build}
DOC=${BENCH_DOC:-$KITTY_DIR/docs/benchmarks.md}

die() { echo "bench/run.sh: $*" >&2; exit 2; }
for n in FILES TESTS WORK JOBS RUNS GDT_MAX QUIET_WAIT; do
  [[ ${!n} =~ ^[0-9]+$ ]] || die "BENCH_$n must be a non-negative integer, not '${!n}'"
done
((RUNS >= 5)) || die "BENCH_RUNS must be at least 5 (medians of fewer runs are not quoted)"
((FILES > 0 && TESTS > 0)) || die "BENCH_FILES and BENCH_TESTS must be positive"
FAST_RUNS=$((RUNS > 30 ? RUNS : 30))

# The command that reproduces this run: the script plus every non-default setting.
REPRO="bench/run.sh"
for pair in FILES=50 TESTS=40 WORK=25000 JOBS=2 RUNS=5 GDT_MAX=100000; do
  n=${pair%%=*} default=${pair#*=}
  [[ ${!n} == "$default" ]] || REPRO="BENCH_$n=${!n} $REPRO"
done

START=$(date +%s)
WORKDIR=$BUILD/bench_results
NCPU=$(nproc)
HZ=$(getconf CLK_TCK)
if [[ ${BENCH_TIMER:-} != loop ]] && command -v hyperfine >/dev/null 2>&1; then
  TIMER="hyperfine $(hyperfine --version | awk '{print $2}')"
else
  TIMER="a date +%s%N loop (hyperfine not installed)"
fi

# --- timing -----------------------------------------------------------------

# CPU jiffies (busy, total) over all cores, from /proc/stat.
cpu_jiffies() {
  local _cpu u n s i w q sq st _rest
  read -r _cpu u n s i w q sq st _rest </proc/stat
  echo "$((u + n + s + q + sq + st)) $((u + n + s + i + w + q + sq + st))"
}

# Waits, before each measurement and up to QUIET_WAIT seconds over the
# whole run, until other processes use less than a quarter of one core
# (sampled over half a second): a shared machine's builds would otherwise
# be timed along with the benchmark.
QUIET_LEFT=$((QUIET_WAIT * 2))  # in half seconds
wait_quiet() {
  local b1 t1 b2 t2 busy said=0
  while ((QUIET_LEFT > 0)); do
    read -r b1 t1 < <(cpu_jiffies)
    sleep 0.5
    read -r b2 t2 < <(cpu_jiffies)
    busy=$(awk -v b=$((b2 - b1)) -v t=$((t2 - t1)) -v n="$NCPU" 'BEGIN { printf "%.2f", t ? b / t * n : 0 }')
    if awk -v x="$busy" 'BEGIN { exit !(x < 0.25) }'; then return 0; fi
    QUIET_LEFT=$((QUIET_LEFT - 1))
    if ((!said)); then
      echo "  (other processes use $busy cores: waiting for them, $((QUIET_LEFT / 2))s of waiting left)"
      said=1
    fi
  done
  return 0
}

declare -A MED MIN MAX NRUNS BG DESC CMD
ORDER=()

# measure ID "description" RUNS WARMUP ALLOW_FAIL command args...
# Records the median, min and max wall time in seconds, and the average
# number of cores other processes kept busy meanwhile (from /proc/stat,
# minus the CPU time of the measured command itself).
measure() {
  local id=$1 desc=$2 runs=$3 warmup=$4 allow_fail=$5
  shift 5
  local shown="$*"
  shown=${shown//$WORKDIR/<results>}
  shown=${shown//$BUILD/<build>}
  shown=${shown//$KITTY_DIR/<kitty>}
  ORDER+=("$id")
  DESC[$id]=$desc
  CMD[$id]=$shown
  NRUNS[$id]=$runs
  wait_quiet
  printf '  %-6s %s (%d runs) ... ' "$id" "$desc" "$runs"
  local b1 t1 b2 t2 w1 w2 own med min max
  read -r b1 t1 < <(cpu_jiffies)
  w1=$(date +%s%N)
  if [[ $TIMER == hyperfine* ]]; then
    local line args=() csv="$WORKDIR/$id.csv"
    printf -v line '%q ' "$@"
    ((allow_fail)) && args+=(-i)
    hyperfine -N --style none --runs "$runs" --warmup "$warmup" "${args[@]}" \
      --export-csv "$csv" -n "$id" -- "$line" >/dev/null 2>"$WORKDIR/$id.err" ||
      { cat "$WORKDIR/$id.err" >&2; die "measuring $id failed: $*"; }
    # command,mean,stddev,median,user,system,min,max
    IFS=, read -r _ _ _ med user sys min max < <(sed -n 2p "$csv")
    own=$(awk -v u="$user" -v s="$sys" -v n=$((runs + warmup)) 'BEGIN { print (u + s) * n }')
  else
    local k s e times=() cpu0 cpu1
    cpu0=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)
    for ((k = 0; k < warmup + runs; k++)); do
      s=$(date +%s%N)
      if ! "$@" >/dev/null 2>&1 && ((!allow_fail)); then die "measuring $id failed: $*"; fi
      e=$(date +%s%N)
      ((k >= warmup)) && times+=($((e - s)))
    done
    cpu1=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)
    read -r med min max < <(printf '%s\n' "${times[@]}" | sort -n |
      awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
                                printf "%.9f %.9f %.9f\n", m / 1e9, v[1] / 1e9, v[NR] / 1e9 }')
    own=$(awk -v c=$((cpu1 - cpu0)) -v hz="$HZ" 'BEGIN { print c / hz }')
  fi
  w2=$(date +%s%N)
  read -r b2 t2 < <(cpu_jiffies)
  MED[$id]=$med MIN[$id]=$min MAX[$id]=$max
  BG[$id]=$(awk -v b=$((b2 - b1)) -v hz="$HZ" -v own="$own" -v w=$((w2 - w1)) \
    'BEGIN { x = (b / hz - own) / (w / 1e9); if (x < 0) x = 0; printf "%.2f", x }')
  echo "median $(fmt "$med")"
}

# 0.001234 -> "1.23 ms"; 12.3 -> "12.30 s"
fmt() {
  awk -v x="$1" 'BEGIN { if (x == "") print "n/a"; else if (x < 1) printf "%.2f ms\n", x * 1000;
                         else printf "%.2f s\n", x }'
}
ratio() { awk -v a="${MED[$1]}" -v b="${MED[$2]}" 'BEGIN { printf "%.1f", a / b }'; }
diff_ms() { awk -v a="${MED[$1]}" -v b="${MED[$2]}" 'BEGIN { printf "%.2f", (a - b) * 1000 }'; }

# The ctest summary line of one verification run: "passed/total (N failed)".
declare -A OUTCOME
verify_ctest() {
  local id=$1 dir=$2 log summary
  log="$WORKDIR/$id.ctest.log"
  ctest --test-dir "$dir" -j "$JOBS" >"$log" 2>&1 || true
  summary=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -1)
  [[ -n $summary ]] || { cat "$log" >&2; die "ctest in $dir printed no summary"; }
  OUTCOME[$id]=$(sed -E 's/.*tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\1 of \2 failed/' <<<"$summary")
  echo "  verification run of $dir: ${OUTCOME[$id]}"
}

# The one params file kitty_add_tests() generated for a target.
params_of() {
  local found=("$1"_kitty_params-*.cmake)
  [[ -f ${found[0]} ]] || die "no kitty params file for $1"
  echo "${found[0]}"
}
# A KITTY_* value from a params file: set(KITTY_NAME [=[value]=]).
param() { sed -n "s/^set(KITTY_$2 \[=\[\(.*\)\]=\])\$/\1/p" "$1"; }

# The listing command KittyTestAddTests.cmake runs, with the same flags.
kitty_list_cmd() {
  local params=$1 out=$2
  echo "$(param "$params" EXECUTABLE)" "--kitty_list=$out" \
    "--kitty_granularity=$(param "$params" GRANULARITY)" "--kitty_root=$(param "$params" SOURCE_ROOT)"
}

# gtest_discover_tests' POST_BUILD step (CMake's GoogleTestAddTests.cmake),
# with the arguments GoogleTest.cmake passes, for any gtest executable.
gdt_cmd() {
  local exe=$1 out=$2
  echo cmake -D TEST_TARGET=bench -D "TEST_EXECUTABLE=$exe" -D TEST_EXECUTOR= \
    -D "TEST_WORKING_DIR=$WORKDIR" -D TEST_EXTRA_ARGS= -D TEST_PROPERTIES= -D TEST_PREFIX= \
    -D TEST_SUFFIX= -D TEST_FILTER= -D NO_PRETTY_TYPES=FALSE -D NO_PRETTY_VALUES=FALSE \
    -D TEST_LIST=bench_TESTS -D "CTEST_FILE=$out" -D TEST_DISCOVERY_TIMEOUT=600 \
    -D TEST_XML_OUTPUT_DIR= -P "$GDT_SCRIPT"
}

# One registered test exactly as ctest runs it: CT_CMD (the command), CT_ENV
# (its ENVIRONMENT property) and CT_WD (its WORKING_DIRECTORY), read from
# `ctest --show-only=json-v1` by a CMake script (no jq or Python needed).
ctest_test() {
  local dir=$1 name=$2 regex line
  regex="^$(sed 's/[][\.*^$+?(){}|]/\\&/g' <<<"$name")\$"
  ctest --test-dir "$dir" --show-only=json-v1 -R "$regex" >"$WORKDIR/ctest_test.json" ||
    die "ctest --show-only failed in $dir"
  cmake -D JSON="$WORKDIR/ctest_test.json" -D OUT="$WORKDIR/ctest_test.txt" \
    -P "$WORKDIR/ctest_test.cmake" || die "no ctest test named $name in $dir"
  CT_CMD=() CT_ENV=() CT_WD=$dir
  while IFS= read -r line; do
    case $line in
      cmd$'\t'*) CT_CMD+=("${line#*$'\t'}") ;;
      env$'\t'*) CT_ENV+=("${line#*$'\t'}") ;;
      wd$'\t'*) CT_WD=${line#*$'\t'} ;;
    esac
  done <"$WORKDIR/ctest_test.txt"
}
write_ctest_test_script() {
  cat >"$WORKDIR/ctest_test.cmake" <<'CMAKE'
file(READ "${JSON}" json)
string(JSON count LENGTH "${json}" tests)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one test, found ${count}")
endif()
set(text "")
string(JSON argc LENGTH "${json}" tests 0 command)
math(EXPR last "${argc} - 1")
foreach(i RANGE ${last})
  string(JSON arg GET "${json}" tests 0 command ${i})
  string(APPEND text "cmd\t${arg}\n")
endforeach()
string(JSON propc ERROR_VARIABLE no_properties LENGTH "${json}" tests 0 properties)
if(NOT no_properties AND propc GREATER 0)
  math(EXPR last "${propc} - 1")
  foreach(i RANGE ${last})
    string(JSON pname GET "${json}" tests 0 properties ${i} name)
    if(pname STREQUAL "WORKING_DIRECTORY")
      string(JSON value GET "${json}" tests 0 properties ${i} value)
      string(APPEND text "wd\t${value}\n")
    elseif(pname STREQUAL "ENVIRONMENT")
      string(JSON n LENGTH "${json}" tests 0 properties ${i} value)
      if(n GREATER 0)
        math(EXPR lastv "${n} - 1")
        foreach(k RANGE ${lastv})
          string(JSON value GET "${json}" tests 0 properties ${i} value ${k})
          string(APPEND text "env\t${value}\n")
        endforeach()
      endif()
    endif()
  endforeach()
endif()
file(WRITE "${OUT}" "${text}")
CMAKE
}

# measure_ctest ID "description" RUNS WARMUP ALLOW_FAIL [extra args...]:
# measure() of the test ctest_test() last read, in its working directory
# and environment, with extra arguments appended.
measure_ctest() {
  local id=$1 desc=$2 runs=$3 warmup=$4 allow_fail=$5 saved_pwd=$PWD kv
  shift 5
  local -a saved_env=()
  for kv in "${CT_ENV[@]}"; do
    saved_env+=("${kv%%=*}")
    export "${kv?}"
  done
  cd "$CT_WD"
  measure "$id" "$desc" "$runs" "$warmup" "$allow_fail" "${CT_CMD[@]}" "$@"
  cd "$saved_pwd"
  for kv in "${saved_env[@]}"; do unset "$kv"; done
  if ((${#CT_ENV[@]})); then CMD[$id]="(ENVIRONMENT ${CT_ENV[*]}) ${CMD[$id]}"; fi
  return 0
}

# --- build ------------------------------------------------------------------
echo "== generating the ${FILES}x${TESTS} suite in $SUITE"
cmake -D FILES="$FILES" -D TESTS="$TESTS" -D WORK="$WORK" -D OUT="$SUITE" \
  -D GTEST_KITTY_DIR="$KITTY_DIR" -P "$KITTY_DIR/bench/generate_suite.cmake"
echo "== configuring and building (Release) in $BUILD"
BUILD_START=$(date +%s)
if [[ -f $BUILD/CMakeCache.txt ]]; then BUILD_KIND="an incremental"; else BUILD_KIND="a from-scratch"; fi
cmake -S "$KITTY_DIR/bench" -B "$BUILD" -G Ninja -D CMAKE_BUILD_TYPE=Release \
  -D GTEST_KITTY_BUILD_CLI=ON -D GTEST_KITTY_DIR="$KITTY_DIR" -D BENCH_SUITE_DIR="$SUITE" >"$BUILD.configure.log" 2>&1 ||
  { cat "$BUILD.configure.log" >&2; die "configuring failed"; }
cmake --build "$BUILD" >"$BUILD.build.log" 2>&1 ||
  { tail -40 "$BUILD.build.log" >&2; die "building failed (log: $BUILD.build.log)"; }
BUILD_SECONDS=$(($(date +%s) - BUILD_START))
GDT_SCRIPT=$(sed -n 's/^CMAKE_ROOT:INTERNAL=//p' "$BUILD/CMakeCache.txt")/Modules/GoogleTestAddTests.cmake
[[ -f $GDT_SCRIPT ]] || die "cannot find CMake's GoogleTestAddTests.cmake ($GDT_SCRIPT)"
echo "   built in ${BUILD_SECONDS}s"
rm -rf "$WORKDIR"
mkdir -p "$WORKDIR"
write_ctest_test_script

S_PLAIN=$BUILD/suite/plain/synth_plain
S_KITTY=$BUILD/suite/kitty/synth_kitty
K_PLAIN=$BUILD/kvstore_plain/kvstore_tests_plain
K_KITTY=$BUILD/kvstore/kvstore_tests
S_FILE=tests/file_000_test.cpp
CLI=$BUILD/gtest_kitty/gtest_kitty/cli/gtest-kitty
K_FILE=tests/migration_test.cpp
K_SUITE=Migrations

# What the suite's listing says, checked before anything is timed.
S_PARAMS=$(params_of "$BUILD/suite/kitty/synth_kitty")
K_PARAMS=$(params_of "$BUILD/kvstore/kvstore_tests")
listing_header() { head -1 "$1"; }
json_num() { sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p" <<<"$1"; }
h=$(listing_header "$(param "$S_PARAMS" LISTING_FILE)")
[[ $(json_num "$h" tests) == $((FILES * TESTS)) && $(json_num "$h" units) == "$FILES" ]] ||
  die "the synthetic suite's listing is not ${FILES} files x ${TESTS} tests: $h"
h=$(listing_header "$(param "$K_PARAMS" LISTING_FILE)")
K_TESTS=$(json_num "$h" tests)
K_UNITS=$(json_num "$h" units)

# --- synthetic suite --------------------------------------------------------
echo "== synthetic suite: ${FILES} files x ${TESTS} tests"
verify_ctest S.b "$BUILD/suite/plain"
verify_ctest S.c "$BUILD/suite/kitty"
measure S.a "kitty binary, all tests, one process (serial)" "$RUNS" 1 0 "$S_KITTY"
measure S.a0 "plain binary, all tests, one process (serial; reference)" "$RUNS" 1 0 "$S_PLAIN"
measure S.b "ctest -j$JOBS, gtest_discover_tests ($((FILES * TESTS)) ctest tests)" "$RUNS" 1 1 \
  ctest --test-dir "$BUILD/suite/plain" -j "$JOBS" -Q
measure S.c "ctest -j$JOBS, kitty_add_tests ($FILES ctest tests)" "$RUNS" 1 1 \
  ctest --test-dir "$BUILD/suite/kitty" -j "$JOBS" -Q
measure S.b0 "ctest -N (load the registrations only), gtest_discover_tests" "$RUNS" 1 0 \
  ctest --test-dir "$BUILD/suite/plain" -N
measure S.c0 "ctest -N (load the registrations only), kitty_add_tests" "$FAST_RUNS" 3 0 \
  ctest --test-dir "$BUILD/suite/kitty" -N
measure S.d1 "plain, empty filter (start-up floor)" "$FAST_RUNS" 3 0 \
  "$S_PLAIN" '--gtest_filter=NoSuchTest.*'
ctest_test "$BUILD/suite/kitty" "synth_kitty/$S_FILE"
measure_ctest S.d8 "kitty as ctest starts it (launcher), one file + empty filter (exit 77)" \
  "$FAST_RUNS" 3 1 '--gtest_filter=NoSuchTest.*'
measure S.d2 "kitty run directly, empty filter, no selection" "$FAST_RUNS" 3 0 \
  "$S_KITTY" '--gtest_filter=NoSuchTest.*'
measure S.d3 "kitty run directly, --kitty_file of one file + empty filter (exit 77)" "$FAST_RUNS" 3 1 \
  "$S_KITTY" "--kitty_file=$S_FILE" '--gtest_filter=NoSuchTest.*'
measure S.d9 "kitty without isolation (KITTY_ISOLATION=off, no launcher), one file + empty filter" \
  "$FAST_RUNS" 3 1 env KITTY_ISOLATION=off "$S_KITTY" "--kitty_file=$S_FILE" '--gtest_filter=NoSuchTest.*'
ctest_test "$BUILD/suite/plain" "File000.Case0"
measure_ctest S.d4 "plain, one test as ctest starts it (one gtest_discover_tests test)" "$FAST_RUNS" 3 0
measure S.d5 "plain, one file's tests by --gtest_filter" "$FAST_RUNS" 3 0 \
  "$S_PLAIN" '--gtest_filter=File000.*'
measure S.d6 "kitty run directly, one file's tests by --kitty_file" "$FAST_RUNS" 3 0 \
  "$S_KITTY" "--kitty_file=$S_FILE"
ctest_test "$BUILD/suite/kitty" "synth_kitty/$S_FILE"
measure_ctest S.d7 "kitty, one file as ctest starts it (one kitty_add_tests test)" "$FAST_RUNS" 3 0
measure S.e1 "kitty listing (--kitty_list)" "$FAST_RUNS" 3 0 \
  $(kitty_list_cmd "$S_PARAMS" "$WORKDIR/synth.jsonl")
measure S.e2 "kitty discovery (POST_BUILD: KittyTestAddTests.cmake)" "$FAST_RUNS" 3 0 \
  cmake -D "KITTY_PARAMS_FILE=$S_PARAMS" -P "$KITTY_DIR/cmake/KittyTestAddTests.cmake"
measure S.e3 "gtest listing (--gtest_list_tests; reference)" "$FAST_RUNS" 3 0 \
  "$S_PLAIN" --gtest_list_tests
measure S.e4 "gtest_discover_tests discovery (GoogleTestAddTests.cmake; reference)" "$RUNS" 1 0 \
  $(gdt_cmd "$S_PLAIN" "$WORKDIR/synth_gdt.cmake")
# The product's own serial-vs-parallel check on the same build: its medians
# should agree with S.a and S.c above, and it checks both ran the same tests.
wait_quiet
echo "  gtest-kitty bench --test-dir <build>/suite/kitty -j$JOBS --runs $RUNS"
"$CLI" bench --test-dir "$BUILD/suite/kitty" -j "$JOBS" --runs "$RUNS" >"$WORKDIR/cli_bench.log" 2>&1 ||
  { cat "$WORKDIR/cli_bench.log" >&2; die "gtest-kitty bench failed"; }
CLI_BENCH=$(grep -E '^(serial|parallel|speed-up|same tests):' "$WORKDIR/cli_bench.log")

# --- samples/kvstore --------------------------------------------------------
echo "== samples/kvstore: $K_TESTS tests in $K_UNITS files"
verify_ctest K.b "$BUILD/kvstore_plain"
verify_ctest K.c "$BUILD/kvstore"
K_GDT_COUNT=$(grep -c '^add_test' "$BUILD"/kvstore_plain/kvstore_tests_plain*_tests.cmake || true)
measure K.a "kitty binary, all tests, one process (serial)" "$FAST_RUNS" 3 0 "$K_KITTY"
measure K.a0 "plain binary, all tests, one process (serial; reference)" "$FAST_RUNS" 3 0 "$K_PLAIN"
measure K.b "ctest -j$JOBS, gtest_discover_tests ($K_GDT_COUNT ctest tests)" "$FAST_RUNS" 3 1 \
  ctest --test-dir "$BUILD/kvstore_plain" -j "$JOBS" -Q
measure K.c "ctest -j$JOBS, kitty_add_tests ($K_UNITS ctest tests)" "$FAST_RUNS" 3 1 \
  ctest --test-dir "$BUILD/kvstore" -j "$JOBS" -Q
measure K.d1 "plain, empty filter (start-up floor)" "$FAST_RUNS" 3 0 \
  "$K_PLAIN" '--gtest_filter=NoSuchTest.*'
ctest_test "$BUILD/kvstore" "kvstore_tests/$K_FILE"
measure_ctest K.d8 "kitty as ctest starts it (launcher), one file + empty filter (exit 77)" \
  "$FAST_RUNS" 3 1 '--gtest_filter=NoSuchTest.*'
measure K.d2 "kitty run directly, empty filter, no selection" "$FAST_RUNS" 3 0 \
  "$K_KITTY" '--gtest_filter=NoSuchTest.*'
measure K.d3 "kitty run directly, --kitty_file of one file + empty filter (exit 77)" "$FAST_RUNS" 3 1 \
  "$K_KITTY" "--kitty_file=$K_FILE" '--gtest_filter=NoSuchTest.*'
measure K.d5 "plain, one file's tests by --gtest_filter ($K_FILE)" "$FAST_RUNS" 3 0 \
  "$K_PLAIN" "--gtest_filter=$K_SUITE.*"
measure K.d6 "kitty run directly, one file's tests by --kitty_file ($K_FILE)" "$FAST_RUNS" 3 0 \
  "$K_KITTY" "--kitty_file=$K_FILE"
ctest_test "$BUILD/kvstore" "kvstore_tests/$K_FILE"
measure_ctest K.d7 "kitty, one file as ctest starts it ($K_FILE)" "$FAST_RUNS" 3 0
measure K.e1 "kitty listing (--kitty_list)" "$FAST_RUNS" 3 0 \
  $(kitty_list_cmd "$K_PARAMS" "$WORKDIR/kvstore.jsonl")
measure K.e2 "kitty discovery (POST_BUILD: KittyTestAddTests.cmake)" "$FAST_RUNS" 3 0 \
  cmake -D "KITTY_PARAMS_FILE=$K_PARAMS" -P "$KITTY_DIR/cmake/KittyTestAddTests.cmake"
measure K.e4 "gtest_discover_tests discovery (reference)" "$FAST_RUNS" 3 0 \
  $(gdt_cmd "$K_PLAIN" "$WORKDIR/kvstore_gdt.cmake")

# --- listing at scale -------------------------------------------------------
echo "== listing and discovery at 25k, 50k, 100k tests"
SIZES=(25 50 100)
for k in "${SIZES[@]}"; do
  exe=$BUILD/listing/listing_${k}k
  params=$(params_of "$exe")
  h=$(listing_header "$(param "$params" LISTING_FILE)")
  [[ $(json_num "$h" tests) == $((k * 1000)) ]] || die "listing_${k}k does not list $((k * 1000)) tests: $h"
  measure L$k.e1 "kitty listing, ${k}k tests" "$RUNS" 1 0 \
    $(kitty_list_cmd "$params" "$WORKDIR/listing_${k}k.jsonl")
  measure L$k.e2 "kitty discovery, ${k}k tests" "$RUNS" 1 0 \
    cmake -D "KITTY_PARAMS_FILE=$params" -P "$KITTY_DIR/cmake/KittyTestAddTests.cmake"
  measure L$k.e3 "gtest --gtest_list_tests, ${k}k tests (reference)" "$RUNS" 1 0 \
    "$exe" --gtest_list_tests
  if ((k * 1000 <= GDT_MAX)); then
    measure L$k.e4 "gtest_discover_tests discovery, ${k}k tests (reference, 1 run)" 1 0 0 \
      $(gdt_cmd "$exe" "$WORKDIR/listing_${k}k_gdt.cmake")
  fi
  measure L$k.d1 "plain gtest start-up, empty filter, ${k}k tests" "$RUNS" 1 0 \
    "$exe" '--gtest_filter=NoSuchTest.*'
  measure L$k.d3 "kitty run directly, --kitty_file of one file + empty filter, ${k}k tests" "$RUNS" 1 1 \
    "$exe" --kitty_file=fake/file_000_test.cpp '--gtest_filter=NoSuchTest.*'
done
# The run record's cost per test: one file of listing_25k (250 tests that do
# nothing) 20 times over, 5,000 test runs, without and with the record.
RECORD_RUNS=$((25000 / 100 * 20))
measure L25.r0 "kitty, one file 20 times ($RECORD_RUNS empty test runs), no isolation, no record" \
  "$FAST_RUNS" 3 0 env KITTY_ISOLATION=off "$BUILD/listing/listing_25k" \
  --kitty_file=fake/file_000_test.cpp --gtest_repeat=20
measure L25.r1 "the same with the run record written (KITTY_RECORD_DIR)" "$FAST_RUNS" 3 0 \
  env KITTY_ISOLATION=off "KITTY_RECORD_DIR=$WORKDIR/records" "$BUILD/listing/listing_25k" \
  --kitty_file=fake/file_000_test.cpp --gtest_repeat=20

TOTAL_SECONDS=$(($(date +%s) - START))
WAITED=$(((QUIET_WAIT * 2 - QUIET_LEFT) / 2))

# --- report -----------------------------------------------------------------
row() {
  local id=$1
  printf '| %s | %s | **%s** | %s … %s | %s | %s |\n' "$id" "${DESC[$id]}" "$(fmt "${MED[$id]}")" \
    "$(fmt "${MIN[$id]}")" "$(fmt "${MAX[$id]}")" "${NRUNS[$id]}" "${BG[$id]}"
}
table() {
  echo "| id | measurement | median | min … max | runs | other load (cores) |"
  echo "| --- | --- | ---: | ---: | ---: | ---: |"
  local id
  for id in "${ORDER[@]}"; do [[ $id == "$1"* ]] && row "$id"; done
  return 0
}
commands() {
  echo "<details><summary>Commands</summary>"
  echo
  echo '```'
  local id
  for id in "${ORDER[@]}"; do [[ $id == "$1"* ]] && printf '%-7s %s\n' "$id" "${CMD[$id]}"; done
  echo '```'
  echo
  echo "</details>"
}

GTEST_DIR=$(sed -n 's/^GTest_DIR:PATH=//p' "$BUILD/CMakeCache.txt")
GTEST_VERSION=$(sed -n 's/^set(PACKAGE_VERSION "\(.*\)")/\1/p' "$GTEST_DIR/GTestConfigVersion.cmake" 2>/dev/null || true)
KITTY_COMMIT=$(git -C "$KITTY_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$KITTY_DIR" status --porcelain -- gtest_kitty cmake 2>/dev/null) ]]; then
  KITTY_COMMIT="$KITTY_COMMIT + uncommitted changes in gtest_kitty/ or cmake/"
fi
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
MEM=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
TARGET_MET=$(awk -v x="${MED[L100.e2]}" 'BEGIN { print (x < 2) ? "met" : "NOT met" }')
LIN_LIST=$(ratio L100.e1 L25.e1)
LIN_DISC=$(ratio L100.e2 L25.e2)
PER_1K=$(awk -v a="${MED[L100.e2]}" -v b="${MED[L25.e2]}" 'BEGIN { printf "%.1f", (a - b) / 75 * 1000 }')

report() {
  cat <<EOF
# Benchmarks

Generated by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); every figure
below comes from that one run (${TOTAL_SECONDS} s in total, of which ${BUILD_SECONDS} s
for ${BUILD_KIND} configure and build, and ${WAITED} s waiting for other processes to leave the
CPUs). Times are medians of the stated number of runs, timed
with ${TIMER}. Reproduce from the repository root with:

\`\`\`sh
${REPRO}
\`\`\`

**Machine:** ${NCPU} CPUs (\`nproc\`), ${CPU_MODEL}, ${MEM} RAM; $(uname -sr);
$(c++ --version | head -1); CMake $(cmake --version | awk 'NR == 1 { print $3 }');
Ninja $(ninja --version); GoogleTest ${GTEST_VERSION:-unknown}; Release builds (-O3).
gtest_kitty at ${KITTY_COMMIT}.

"Other load" is the average number of cores that processes *other than the
measured command* kept busy while it was measured (from \`/proc/stat\`); on
a ${NCPU}-core machine a value near 1 means the parallel runs had about half
the machine. The ratios below are only as good as that column is low.

## Summary

| | figure |
| --- | ---: |
| synthetic ${FILES}x${TESTS}: \`ctest -j${JOBS}\` with gtest_discover_tests / with kitty_add_tests | **$(ratio S.b S.c)×** ($(fmt "${MED[S.b]}") vs $(fmt "${MED[S.c]}")) |
| synthetic: kitty serial (one process) / kitty under \`ctest -j${JOBS}\` | $(ratio S.a S.c)× |
| synthetic: gtest_discover_tests under \`ctest -j${JOBS}\` / plain serial run | $(ratio S.b S.a0)× |
| synthetic, gtest_discover_tests: worker time per ctest test (S.b × ${JOBS} / $((FILES * TESTS))) vs that test's process alone (S.d4) | $(awk -v b="${MED[S.b]}" -v j="$JOBS" -v n=$((FILES * TESTS)) 'BEGIN { printf "%.1f", b * j / n * 1000 }') ms vs $(fmt "${MED[S.d4]}") |
| synthetic: kitty's fixed cost per ctest process, launcher included (S.d8 − S.d1) | $(diff_ms S.d8 S.d1) ms |
| synthetic: … of which inside the test binary, run directly (S.d3 − S.d1) | $(diff_ms S.d3 S.d1) ms |
| synthetic: … of which isolation (launcher, directories, cleanup: S.d8 − S.d9) | $(diff_ms S.d8 S.d9) ms |
| synthetic: one file's tests, kitty as ctest runs it − plain by filter (S.d7 − S.d5) | $(diff_ms S.d7 S.d5) ms |
| the run record, per test run ((L25.r1 − L25.r0) / ${RECORD_RUNS} empty test runs) | $(awk -v a="${MED[L25.r1]}" -v b="${MED[L25.r0]}" -v n="$RECORD_RUNS" 'BEGIN { printf "%.1f", (a - b) / n * 1e6 }') µs |
| synthetic: \`gtest-kitty bench -j${JOBS}\`, serial / parallel medians | $(sed -n 's/^speed-up: \([0-9.]*x\).*/\1/p' <<<"$CLI_BENCH") |
| kvstore: \`ctest -j${JOBS}\` with gtest_discover_tests / with kitty_add_tests | **$(ratio K.b K.c)×** ($(fmt "${MED[K.b]}") vs $(fmt "${MED[K.c]}")) |
| kvstore: kitty's fixed cost per ctest process, launcher included (K.d8 − K.d1) | $(diff_ms K.d8 K.d1) ms |
| 100k tests: kitty's in-binary cost per process (L100.d3 − L100.d1) | $(diff_ms L100.d3 L100.d1) ms |
| discovery of 100,000 tests (target: under 2 s) | **$(fmt "${MED[L100.e2]}")**, target ${TARGET_MET} |
| linearity: 100k / 25k, listing and discovery (4.0 = linear) | ${LIN_LIST}× and ${LIN_DISC}× |
| discovery cost per 1,000 tests (slope 25k → 100k) | ${PER_1K} ms |
EOF
  if [[ -n ${MED[L100.e4]:-} ]]; then
    echo "| gtest_discover_tests' discovery of the same 100,000 tests (1 run) | $(fmt "${MED[L100.e4]}") ($(ratio L100.e4 L100.e2)× kitty's) |"
  fi
  cat <<EOF

## Synthetic suite: ${FILES} files × ${TESTS} tests

Generated by \`bench/generate_suite.cmake\` (each test sorts ${WORK}
pseudo-random integers and checks the result). Both executables link the
same object files: \`synth_plain\` (GTest::gtest_main, gtest_discover_tests:
$((FILES * TESTS)) ctest tests) and \`synth_kitty\` (GTestKitty::main,
kitty_add_tests: ${FILES} ctest tests). Verification runs before timing:
gtest_discover_tests ${OUTCOME[S.b]}, kitty_add_tests ${OUTCOME[S.c]}.

$(table S.)

$(commands S.)

The product's own check on the same build, \`gtest-kitty bench --test-dir
<build>/suite/kitty -j${JOBS} --runs ${RUNS}\` (serial: the binary once,
whole; parallel: \`ctest -j${JOBS}\`; alternating runs):

\`\`\`text
${CLI_BENCH}
\`\`\`

## samples/kvstore

The sample as its users build it (\`kvstore_tests\`, kitty_add_tests,
${K_UNITS} ctest tests for ${K_TESTS} gtest tests) and the same test sources
linked with GTest::gtest_main and registered with gtest_discover_tests
(\`kvstore_tests_plain\`, ${K_GDT_COUNT} ctest tests). Verification runs:
gtest_discover_tests ${OUTCOME[K.b]}, kitty_add_tests ${OUTCOME[K.c]}. The
failures under gtest_discover_tests are expected: \`tests/migration_test.cpp\`
is a file whose tests share a store and depend on their order, which one
process per test breaks (timed anyway: the failing processes run to
completion). A suite this small is dominated by fixed costs; the figures
show what kitty adds when there is nothing to amortise it against.

$(table K.)

$(commands K.)

## Listing and discovery at 25k, 50k and 100k tests

\`bench/listing_100k.cpp\` built three times (\`listing_25k\`, \`listing_50k\`,
\`listing_100k\`): the tests are registered with \`testing::RegisterTest\` in
a loop at static initialisation, spread over 100 fake source files. *e1* is
the binary alone writing its listing (with the flags discovery passes);
*e2* is the whole POST_BUILD discovery step, \`cmake -D
KITTY_PARAMS_FILE=<target>_kitty_params-Release.cmake -P
cmake/KittyTestAddTests.cmake\` (listing, parsing, writing the ctest
script); *e3* and *e4* are GoogleTest's own listing and
gtest_discover_tests' discovery of the same binary, for reference. *d1* and
*d3* are the start-up cost of one process of that binary, without and with
a kitty file selection.

$(table L)

$(commands L)

## How to read the per-process rows (d)

Every ctest test is one process, so what a registration costs beyond the
tests' own work is (number of processes) × (cost of one process start).
The fair comparison of the two mains is the same binary content doing the
same work, started the way ctest starts it. *d1* (plain gtest_main,
\`--gtest_filter=NoSuchTest.*\`) is the floor: process start, static
registration of every test, InitGoogleTest, nothing run. *d8* is a kitty
test exactly as ctest runs it (the command and working directory come from
\`ctest --show-only=json-v1\`: kitty's launcher, which creates the isolated
home and then starts the binary with \`--kitty_file\`), with the same empty
filter appended (kitty reports that as exit 77, "skipped"); *d8 − d1* is
everything kitty adds to each ctest process. *d3* is the same selection
with the binary run directly (no launcher: the binary isolates itself),
*d2* a direct run without a selection. *d5* (plain, one file's tests by
\`--gtest_filter\`) against *d7* (that file's kitty ctest test, as ctest
runs it) is the work of one kitty ctest test done both ways; *d4* is one
gtest_discover_tests ctest test as ctest runs it. *b0*/*c0* (\`ctest -N\`)
isolate ctest's own cost of loading the registrations.
EOF
}

mkdir -p "$(dirname "$DOC")"
report >"$DOC"
echo
cat "$DOC"
echo
echo "== wrote $DOC (${TOTAL_SECONDS}s)"
