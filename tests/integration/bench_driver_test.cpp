// kitty-bench's timing of a plan (bench/driver): rows paired for a ratio
// are timed alternately (round robin, never one after the other), a
// skipped row is not run whatever its kind, and the report's ratio and
// goal placeholders. The plan's one-line errors are in bench_test.cpp.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "projects.h"

namespace kitty_it {
namespace {

std::string driver() {
  const char* path = std::getenv("KITTY_IT_BENCH");
  return path != nullptr ? path : "kitty-bench";
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool have_hyperfine() { return run_process({"hyperfine", "--version"}).exit_code == 0; }

// A plan in `dir`, run with --runs 3 (1 warm-up round for slow rows).
ProcessResult run_plan(const std::string& dir, const std::string& plan,
                       const std::vector<std::string>& extra = {}) {
  std::ofstream(dir + "/plan.txt") << plan;
  std::vector<std::string> argv = {driver(),    "run",      "--plan", dir + "/plan.txt",
                                   "--results", dir + "/r", "--runs", "3"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run_process(argv);
}

// Each command appends its letter to one log: the order the driver ran them.
std::string appending(const std::string& dir, const std::string& letter) {
  return "sh -c \"echo " + letter + " >> " + dir + "/order.log\"";
}

TEST(BenchDriver, PairedRowsAreTimedInTurnRoundRobin) {
  if (!have_hyperfine()) GTEST_SKIP() << "hyperfine is not installed";
  const std::string dir = scratch_dir("bench_pair");
  const ProcessResult run =
      run_plan(dir, "| A | slow | 0 | " + appending(dir, "A") + " | a |\n" + "| X | slow | 0 | " +
                        appending(dir, "X") + " | not paired |\n" + "| B | pair A | 0 | " +
                        appending(dir, "B") + " | b |\n" + "| C | pair A | 0 | " +
                        appending(dir, "C") + " | c |\n");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // X alone first (3 runs + 1 warm-up), then the group A, B, C at C's row:
  // 4 rounds (1 warm-up) of one run each, in turn.
  EXPECT_EQ(read_text(dir + "/order.log"), "X\nX\nX\nX\nA\nB\nC\nA\nB\nC\nA\nB\nC\nA\nB\nC\n");
  const nlohmann::json results = nlohmann::json::parse(read_text(dir + "/r/results.json"));
  std::vector<std::string> ids;
  for (const nlohmann::json& row : results.at("rows")) {
    ids.push_back(row.at("id"));
    EXPECT_TRUE(row.at("measured").get<bool>()) << row.dump();
    EXPECT_EQ(row.at("runs"), 3) << row.dump();
    EXPECT_GT(row.at("median").get<double>(), 0) << row.dump();
  }
  // The report keeps the plan's order.
  EXPECT_EQ(ids, (std::vector<std::string>{"A", "X", "B", "C"}));
}

// A fast row runs max(--runs, --fast-runs) times after 3 warm-ups (bench/run.sh
// --quick passes --fast-runs 10); its pair the same, in turn.
TEST(BenchDriver, FastRowsRunFastRunsTimes) {
  if (!have_hyperfine()) GTEST_SKIP() << "hyperfine is not installed";
  const std::string dir = scratch_dir("bench_fast_runs");
  const ProcessResult run = run_plan(dir,
                                     "| F | fast | 0 | " + appending(dir, "F") + " | f |\n" +
                                         "| G | pair F | 0 | " + appending(dir, "G") + " | g |\n",
                                     {"--fast-runs", "4"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::string expected;
  for (int round = 0; round < 3 + 4; ++round) expected += "F\nG\n";
  EXPECT_EQ(read_text(dir + "/order.log"), expected);
  const nlohmann::json results = nlohmann::json::parse(read_text(dir + "/r/results.json"));
  EXPECT_EQ(results.at("rows").at(0).at("runs"), 4);
  EXPECT_EQ(results.at("rows").at(1).at("runs"), 4);
}

// `env NAME=value... CMD` in a row is the driver's: the variables reach the
// command (and env itself is never started: S.d9 is timed against S.d1).
TEST(BenchDriver, ALeadingEnvSetsTheVariablesItself) {
  if (!have_hyperfine()) GTEST_SKIP() << "hyperfine is not installed";
  const std::string dir = scratch_dir("bench_env");
  const ProcessResult run =
      run_plan(dir,
               "| V | fast | 0 | env KITTY_BENCH_A=one KITTY_BENCH_B=two sh -c \"echo "
               "$KITTY_BENCH_A-$KITTY_BENCH_B >> " +
                   dir + "/env.log\" | v |\n");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string log = read_text(dir + "/env.log");
  ASSERT_FALSE(log.empty());
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) EXPECT_EQ(line, "one-two");

  const ProcessResult bare =
      run_plan(scratch_dir("bench_env_bare"), "| W | fast | 0 | env A=1 | w |\n");
  EXPECT_NE(bare.exit_code, 0);
  EXPECT_NE(bare.output.find("env with no command"), std::string::npos) << bare.output;
}

TEST(BenchDriver, APairWithoutAnEarlierTimedPartnerIsAOneLineError) {
  const std::string dir = scratch_dir("bench_pair_bad");
  for (const std::string& plan :
       {std::string("| B | pair A | 0 | true | b |\n| A | slow | 0 | true | a |\n"),
        std::string("| n | count | - | units x | n |\n| B | pair n | 0 | true | b |\n"),
        std::string("| A | slow | 0 | true | a |\n| B | pair | 0 | true | b |\n")}) {
    const ProcessResult run = run_plan(dir, plan, {"--check"});
    EXPECT_EQ(run.exit_code, 2) << plan << run.output;
    EXPECT_TRUE(run.output.starts_with("gtest_kitty: " + dir + "/plan.txt:")) << plan << run.output;
    EXPECT_NE(run.output.find("no earlier slow, fast or once row has that id"), std::string::npos)
        << plan << run.output;
    EXPECT_EQ(run.output.find('\n'), run.output.size() - 1) << run.output;
  }
}

// A skipped count row is not run (its tree may not exist: bench/run.sh skips
// the split rows of a kitty without SPLIT_FILES); its value reads "skipped".
// A pair whose partner is skipped is timed alone, with the partner's counts.
TEST(BenchDriver, SkippedRowsOfAnyKindAreNotRun) {
  if (!have_hyperfine()) GTEST_SKIP() << "hyperfine is not installed";
  const std::string dir = scratch_dir("bench_skip");
  const ProcessResult run =
      run_plan(dir,
               "| n | count | - | units " + dir + "/no_such_tree = 3 | n |\n" +
                   "| A | slow | 0 | " + appending(dir, "A") + " | a |\n" + "| B | pair A | 0 | " +
                   appending(dir, "B") + " | b after {n} |\n",
               {"--skip", "n", "--skip", "A"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(read_text(dir + "/order.log"), "B\nB\nB\nB\n");
  const nlohmann::json results = nlohmann::json::parse(read_text(dir + "/r/results.json"));
  EXPECT_EQ(results.at("vars").at("n"), "skipped");
  EXPECT_EQ(results.at("rows").at(1).at("description"), "b after skipped");
}

// Ratios to three decimals, signed percentages, and goals stated with
// <= and >= (as issue 12 states them: "at most", "at least").
TEST(BenchDriver, TheReportStatesRatiosAndGoals) {
  if (!have_hyperfine()) GTEST_SKIP() << "hyperfine is not installed";
  const std::string dir = scratch_dir("bench_goals");
  ASSERT_EQ(run_plan(dir, "| A | slow | 0 | true | a |\n").exit_code, 0);
  std::ofstream(dir + "/report.md.in")
      << "{{x3 A / A}} {{pct A / A - 1}} {{pct 0.0123}} {{met A <= A}} {{met A >= A}} "
         "{{met A < A}} {{met A > A}} {{met 2 >= 1.75}} {{met 1.0151 <= 1.015}}\n";
  const ProcessResult render =
      run_process({driver(), "render", "--results", dir + "/r", "--template", dir + "/report.md.in",
                   "--out", dir + "/report.md"});
  ASSERT_EQ(render.exit_code, 0) << render.output;
  EXPECT_EQ(read_text(dir + "/report.md"),
            "1.000 +0.0 % +1.2 % met met NOT met NOT met met NOT met\n");
}

}  // namespace
}  // namespace kitty_it
