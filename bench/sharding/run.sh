#!/usr/bin/env bash
# gtest_kitty's sharding benchmark (issue 13): how evenly each way of
# splitting a suite over N CI jobs balances it, what the N jobs take on this
# machine, and how long `gtest-kitty shard` takes to plan 10,000 tests. It
# rewrites docs/sharding-benchmark.md. A few minutes on 2 cores.
#
#   bench/sharding/run.sh
#
# Steps: build bench/sharding (Release: the skewed suite of suite.cmake, the
# gtest-kitty tool, kitty-shard-bench); run the suite once serially
# (`ctest -j1`) and write the cost file from it with `gtest-kitty costs`;
# for N = 2, 4, 8 list every job's share with `gtest-kitty shard --list`
# (with and without --costs) and let kitty-shard-bench sum
# each way's jobs from the cost file; run the N jobs one after another (N
# machines simulated on one) with `gtest-kitty shard ... -- -j1` and with
# `ctest -I j,,N -j1`; time the planning of a registry of 10,000 add_test
# lines. kitty-shard-bench times every command (wall and CPU time).
#
# Settings (environment):
#   SHARD_BENCH_BUILD_DIR=/tmp/kitty_shard_bench   the build tree
#   SHARD_BENCH_DOC=<repo>/docs/sharding-benchmark.md   the report written
#   SHARD_BENCH_RUNS=21          timed runs of each planning command (>= 5)
#   SHARD_BENCH_PLAN_TESTS=10000 tests of the planning registry
set -euo pipefail

KITTY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
die() { echo "gtest_kitty: bench/sharding/run.sh: $*" >&2; exit 2; }
(($# == 0)) || die "takes no arguments (settings are environment variables; see its header)"
BUILD=${SHARD_BENCH_BUILD_DIR:-/tmp/kitty_shard_bench}
DOC=${SHARD_BENCH_DOC:-$KITTY_DIR/docs/sharding-benchmark.md}
RUNS=${SHARD_BENCH_RUNS:-21}
PLAN_TESTS=${SHARD_BENCH_PLAN_TESTS:-10000}
for n in RUNS PLAN_TESTS; do
  [[ ${!n} =~ ^[0-9]+$ ]] || die "SHARD_BENCH_$n must be a non-negative integer, not '${!n}'"
done
((RUNS >= 5)) || die "SHARD_BENCH_RUNS must be at least 5 (medians of fewer runs are not quoted)"
((PLAN_TESTS > 0)) || die "SHARD_BENCH_PLAN_TESTS must be positive"
JOB_COUNTS=(2 4 8)
WORK=$BUILD/shard_results
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(now)

echo "== building bench/sharding (Release) in $BUILD"
cmake -S "$KITTY_DIR/bench/sharding" -B "$BUILD" -G Ninja -D CMAKE_BUILD_TYPE=Release \
  -D GTEST_KITTY_BUILD_CLI=ON -D GTEST_KITTY_DIR="$KITTY_DIR" >"$BUILD.configure.log" 2>&1 ||
  { cat "$BUILD.configure.log" >&2; die "configuring failed"; }
cmake --build "$BUILD" >"$BUILD.build.log" 2>&1 ||
  { tail -40 "$BUILD.build.log" >&2; die "building failed (log: $BUILD.build.log)"; }
CLI=$BUILD/gtest_kitty/gtest_kitty/cli/gtest-kitty
TOOL=$BUILD/tool/kitty-shard-bench
"$CLI" shard --help >/dev/null 2>&1 ||
  die "this gtest-kitty has no 'shard' command (issue 13): nothing kitty does can be measured"
rm -rf "$WORK"
mkdir -p "$WORK"

# What the build registered, in ctest's test-number order (what -I counts).
ctest --test-dir "$BUILD" -N | sed -n 's/^ *Test *#[0-9]*: //p' >"$WORK/registry.txt"
FILES=$(grep -c . "$WORK/registry.txt")
MANIFEST=$BUILD/manifest.txt
[[ $FILES == "$(cut -d' ' -f4- "$MANIFEST" | sort -u | grep -c .)" ]] ||
  die "ctest registered $FILES tests, the manifest names $(cut -d' ' -f4- "$MANIFEST" | sort -u | grep -c .) files"
# GoogleTest's split counts tests in the binary's run order: the manifest's
# order must be the one --gtest_list_tests shows.
for binary in $(cut -d' ' -f1 "$MANIFEST" | uniq); do
  "$BUILD/$binary" --gtest_list_tests |
    awk '/^[^ ]/ { suite = $1; next } { print suite $1 }' >"$WORK/$binary.order"
  awk -v b="$binary" '$1 == b { print $2 }' "$MANIFEST" | cmp -s - "$WORK/$binary.order" ||
    die "$binary runs its tests in another order than $MANIFEST lists them"
done
TESTS=$(grep -c . "$MANIFEST")

echo "== measuring the costs: one serial run (ctest -j1)"
t=$(now)
ctest --test-dir "$BUILD" -j1 >"$WORK/serial.log" 2>&1 || die "the serial run failed (log: $WORK/serial.log)"
SERIAL_SECONDS=$(seconds_since "$t")
COSTS=$WORK/costs.txt
"$CLI" costs --test-dir "$BUILD" -o "$COSTS" >"$WORK/costs.log" 2>&1 ||
  { cat "$WORK/costs.log" >&2; die "gtest-kitty costs failed"; }

# The suite's shape, from the measured costs.
read -r COST_TOTAL COST_LONGEST COST_TOP10 COST_MEDIAN < <(
  grep -v '^---' "$COSTS" | awk 'NF >= 3 { print $NF }' | sort -rn |
    awk '{ c[NR] = $1; t += $1 } NR <= 10 { top += $1 }
         END { printf "%.2f %.2f %.0f %.3f\n", t, c[1], 100 * top / t, c[int((NR + 1) / 2)] }')
LONGEST_SHARE=$(awk -v a="$COST_LONGEST" -v t="$COST_TOTAL" 'BEGIN { printf "%.0f", 100 * a / t }')

echo "== makespans for N = ${JOB_COUNTS[*]}"
for n in "${JOB_COUNTS[@]}"; do
  : >"$WORK/kitty-costs-$n.txt"
  : >"$WORK/kitty-count-$n.txt"
  for ((i = 0; i < n; i++)); do
    "$CLI" shard --test-dir "$BUILD" --index "$i" --total "$n" --costs "$COSTS" --list \
      2>>"$WORK/list.log" | sed "s/^/$i /" >>"$WORK/kitty-costs-$n.txt"
    "$CLI" shard --test-dir "$BUILD" --index "$i" --total "$n" --list \
      2>>"$WORK/list.log" | sed "s/^/$i /" >>"$WORK/kitty-count-$n.txt"
  done
  args=(makespans --registry "$WORK/registry.txt" --costs "$COSTS" --tests "$MANIFEST" --jobs "$n"
    --listed "kitty-costs=$WORK/kitty-costs-$n.txt" --listed "kitty-count=$WORK/kitty-count-$n.txt")
  "$TOOL" "${args[@]}" >"$WORK/makespans-$n.txt"
  "$TOOL" "${args[@]}" --markdown >"$WORK/table-$n.md"
done

echo "== the N jobs one after another, N = ${JOB_COUNTS[*]}"
# Each job timed by kitty-shard-bench (wall and CPU time, its children's
# included), kitty's job i and ctest -I's job i in turn. wall.txt: "<way> <N>
# <slowest wall> <sum of walls> <slowest CPU> <sum of CPU>" in seconds.
: >"$WORK/wall.txt"
for n in "${JOB_COUNTS[@]}"; do
  : >"$WORK/times-$n.txt"
  for ((i = 0; i < n; i++)); do
    "$TOOL" time --log "$WORK/jobs-$n-$i.log" "$CLI" shard --test-dir "$BUILD" --index "$i" \
      --total "$n" --costs "$COSTS" --out "$WORK/jobs-$n/$i" -- -j1 | sed 's/^a/kitty/' >>"$WORK/times-$n.txt"
    "$TOOL" time --log "$WORK/stride-$n-$i.log" ctest --test-dir "$BUILD" -I "$((i + 1)),$FILES,$n" -j1 |
      sed 's/^a/stride/' >>"$WORK/times-$n.txt"
  done
  awk -v n="$n" '{ w[$1] += $2; c[$1] += $3; if ($2 > mw[$1]) mw[$1] = $2; if ($3 > mc[$1]) mc[$1] = $3 }
    END { for (way in w) printf "%s %d %.2f %.2f %.2f %.2f\n", way, n, mw[way] / 1000, w[way] / 1000, mc[way] / 1000, c[way] / 1000 }' \
    "$WORK/times-$n.txt" | sort >>"$WORK/wall.txt"
done

echo "== planning $PLAN_TESTS registered tests"
PLAN_DIR=$BUILD/plan_registry
rm -rf "$PLAN_DIR"
mkdir -p "$PLAN_DIR"
# add_test lines (nothing to build) and a long-tailed cost for each, from a
# seeded Park-Miller generator (exact in awk's doubles).
awk -v n="$PLAN_TESTS" -v dir="$PLAN_DIR" 'BEGIN {
  s = 13
  for (i = 0; i < n; i++) {
    name = sprintf("plan/unit_%05d_test.cpp", i)
    printf "add_test([=[%s]=] \"/bin/true\")\n", name > (dir "/CTestTestfile.cmake")
    s = (s * 16807) % 2147483647
    printf "%s 1 %.3f\n", name, 0.01 * 1000 / (1 + s % 1000) > (dir "/costs.txt")
  }
}'
# The two commands in turn, run by run: "a"/"b" lines hold each one's
# median wall and CPU time (user + system, ctest's included), "difference"
# the medians of the paired differences: kitty's own planning, with what the
# machine's load does to both runs of a pair taken out.
"$TOOL" time --runs "$RUNS" --warmup 3 --log "$WORK/plan.log" \
  "$CLI" shard --test-dir "$PLAN_DIR" --index 0 --total 8 --costs "$PLAN_DIR/costs.txt" --list :: \
  ctest --test-dir "$PLAN_DIR" --show-only=json-v1 >"$WORK/plan.txt"
read -r PLAN_KITTY PLAN_KITTY_CPU < <(awk '$1 == "a" { print $2, $3 }' "$WORK/plan.txt")
read -r PLAN_CTEST PLAN_CTEST_CPU < <(awk '$1 == "b" { print $2, $3 }' "$WORK/plan.txt")
read -r PLAN_SELF PLAN_SELF_CPU < <(awk '$1 == "difference" { print $2, $3 }' "$WORK/plan.txt")
PLAN_SHARE=$("$CLI" shard --test-dir "$PLAN_DIR" --index 0 --total 8 --costs "$PLAN_DIR/costs.txt" --list | grep -c .)

# --- the report ------------------------------------------------------------
field() { awk -v k="$2" '$1 == k { print $'"$3"' }' "$1"; }
goal_rows=""
for n in "${JOB_COUNTS[@]}"; do
  f=$WORK/makespans-$n.txt
  ratio=$(field "$f" kitty-costs 3)
  within=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.05 ? "yes" : "**no**") }')
  lowest=$(grep -q '^lowest.* kitty-costs\( \|$\)' "$f" && echo yes || echo "**no**")
  goal_rows+="| $n | $(field "$f" bound 2) s | $(field "$f" kitty-costs 2) s | $ratio | $within | $lowest |"$'\n'
done
wall_rows=""
for n in "${JOB_COUNTS[@]}"; do
  predicted=$(field "$WORK/makespans-$n.txt" kitty-costs 2)
  stride=$(field "$WORK/makespans-$n.txt" ctest-stride 2)
  for way in kitty stride; do
    if [[ $way == kitty ]]; then label="kitty: \`gtest-kitty shard --costs\`" p=$predicted; else label="ctest \`-I j,,N\`" p=$stride; fi
    wall_rows+="| $n | $label | $p s | $(awk -v n="$n" -v w="$way" '$1 == w && $2 == n { print $3 " s | " $5 " s | " $4 " s | " $6 " s" }' "$WORK/wall.txt") |"$'\n'
  done
done
tables=""
for n in "${JOB_COUNTS[@]}"; do
  tables+="### N = $n"$'\n\n'"$(cat "$WORK/table-$n.md")"$'\n\n'
done
# What a kitty job spends beyond ctest -I's, per job: reading the registry,
# listing the binaries for shard.json, the records and the JUnit report.
EXTRA_PER_JOB=$(awk '{ wall[$1 " " $2] = $4; cpu[$1 " " $2] = $6; n[$2] = 1 }
  END { sep = ""; for (k = 1; k <= 4096; k++) if (k in n) {
    printf "%s%.2f s wall, %.2f s CPU (N = %d)", sep, (wall["kitty " k] - wall["stride " k]) / k, (cpu["kitty " k] - cpu["stride " k]) / k, k; sep = "; " } }' \
  "$WORK/wall.txt")
PLAN_GOAL=$(awk -v s="$PLAN_SELF" 'BEGIN { print (s < 100 ? "met" : "**not met**") }')
KITTY_COMMIT=$(git -C "$KITTY_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$KITTY_DIR" status --porcelain -- gtest_kitty cmake bench/sharding 2>/dev/null) ]]; then
  KITTY_COMMIT="$KITTY_COMMIT + uncommitted changes"
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
TOTAL_SECONDS=$(seconds_since "$START")

cat >"$DOC" <<EOF
# Sharding benchmark

Generated by \`bench/sharding/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') in ${TOTAL_SECONDS} s; every
figure below comes from that one run. Issue 13's goals: split over N CI
jobs, kitty with a cost file comes within 5% of the lower bound and has the
lowest makespan of the ways compared; planning 10,000 registered tests takes
under 100 ms.

**Machine:** $(nproc) CPUs (\`nproc\`), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1);
$(uname -sr); $(c++ --version | head -1); CMake $(cmake --version | awk 'NR == 1 { print $3 }'); Release build.
Load average (1, 5, 15 min) $LOAD_BEFORE at the start, $LOAD_AFTER at the end: the
wall times are only as good as that is low (the makespans are sums of recorded
costs and do not move with the load of the moment). gtest_kitty at $KITTY_COMMIT.

## The suite

\`bench/sharding/suite.cmake\`: $FILES files in 4 kitty binaries
(\`kitty_add_tests\`, one ctest test per file), $TESTS tests that sort
pseudo-random integers, as many times as their file's rank asks: Zipf's 1/rank
with a seeded jitter of 75-125%, ranks shuffled over the files by a seeded
generator (seed 13). One serial run (\`ctest -j1\`, ${SERIAL_SECONDS} s) measured
the cost file (\`gtest-kitty costs --test-dir <build> -o FILE\`): $COST_TOTAL s in
all, the longest file $COST_LONGEST s (${LONGEST_SHARE}% of the total), the ten
longest ${COST_TOP10}%, the median file $COST_MEDIAN s.

## Makespans

A job's load is the summed recorded cost of the ctest tests it runs; the
makespan is the slowest job's. No split can beat max(total / N, the longest
file), since a file is never split. The ways compared:

- kitty with costs: \`gtest-kitty shard --index I --total N --costs FILE --list\`, each job's share.
- kitty without costs: the same without \`--costs\`: it weighs each file by
  its number of tests (the suite registers no \`COST_DATA\`, so no \`COST\`).
- GoogleTest's own split (\`GTEST_TOTAL_SHARDS\`/\`GTEST_SHARD_INDEX\` in every
  binary): test k of a binary's run order (as \`--gtest_list_tests\` shows
  it) to job k mod N. A test's cost is its file's recorded cost times its
  share of the file's work (\`<build>/manifest.txt\`); this split also breaks
  every file across jobs.
- ctest's \`-I j,,N\`: job j runs test numbers j, j+N, j+2N, ...
- A hash of the ctest name: 32-bit FNV-1a mod N.

| N | bound | kitty with costs | ÷ bound | within 5% | lowest of all |
| ---: | ---: | ---: | ---: | :---: | :---: |
${goal_rows}
${tables}## The N jobs on this machine

Each of the N jobs runs in turn on this machine (N machines simulated on
one): \`gtest-kitty shard --index I --total N --costs FILE -- -j1\`, and
ctest's \`-I j,$FILES,N -j1\` for comparison. "Predicted" is the makespan from
the cost file above; the slowest job is what a CI matrix of N machines like
this one waits for, the sum what they spend together (the serial run took
${SERIAL_SECONDS} s). One run of each job; its CPU time (user + system of ctest
and every test process) moves less with the machine's other load than its
wall time does.

| N | way | predicted makespan | slowest job, wall | slowest job, CPU | N jobs' wall | N jobs' CPU |
| ---: | --- | ---: | ---: | ---: | ---: | ---: |
${wall_rows}
Per job, kitty's jobs took this much longer than ctest \`-I\`'s (the
difference of the sums over N): $EXTRA_PER_JOB. That is what a
\`shard\` job does besides ctest's run: it reads the registry, lists every
kitty binary's tests for \`shard.json\`, and writes the records and the
JUnit report.

## Planning $PLAN_TESTS tests

A registry of $PLAN_TESTS \`add_test\` lines (a generated \`CTestTestfile.cmake\`,
nothing built) and a cost for each. The two commands run in turn, $RUNS
times each after 3 warm-ups; medians. \`shard --list\` reads the registry
through \`ctest --show-only=json-v1\`, so the difference (the median of the
$RUNS paired differences) is kitty's own planning: reading ctest's JSON and
the costs, the plan, the share of $PLAN_SHARE tests printed.

| command | wall | CPU (user + system) |
| --- | ---: | ---: |
| \`gtest-kitty shard --index 0 --total 8 --costs FILE --list\` | $PLAN_KITTY ms | $PLAN_KITTY_CPU ms |
| \`ctest --show-only=json-v1\` alone | $PLAN_CTEST ms | $PLAN_CTEST_CPU ms |
| kitty's own planning (the paired difference; goal: under 100 ms) | **$PLAN_SELF ms**, goal $PLAN_GOAL | $PLAN_SELF_CPU ms |

## Method

\`bench/sharding/run.sh\` builds \`bench/sharding\` (Release), reads ctest's
registry (\`ctest -N\`: test numbers are what \`-I\` counts), checks that
every binary runs its tests in the order \`<build>/manifest.txt\` lists them,
measures the cost file, and hands the shares to \`kitty-shard-bench\`
(\`bench/sharding/tool\`), which computes the other ways and every makespan
and refuses a split that loses a test or runs one twice
(\`tests/integration/shard_bench_test.cmake\` checks it on a registry worked
out by hand).
EOF
echo "== wrote $DOC (${TOTAL_SECONDS}s)"
