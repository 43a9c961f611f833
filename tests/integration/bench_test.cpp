// gtest-kitty bench on the kvstore sample: serial and parallel medians, and
// the check that both sides executed the same tests, shown to catch a
// registration dropped (and one doubled) from the parallel side. And the
// benchmark harness's two inputs from kitty: `gtest-kitty list --json` (what
// bench/ reads instead of kitty's generated files) and kitty-bench's plan
// (bench/plan.txt), whose bad rows are one-line errors.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;

ProcessResult bench(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& environment = {}) {
  std::vector<std::string> argv = {cli_path(), "bench"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  // This test's own kitty run must not reach the benchmarked one.
  options.unset_environment = {"KITTY_RECORD_DIR", "KITTY_HOME_BASE", "KITTY_RUN_ID",
                               "KITTY_PROBE_HANG", "KITTY_PROBE_CRASH"};
  options.environment = environment;
  return run_process(argv, options);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Bench, KvstoreRunsTheSameTestsBothWays) {
  const ProcessResult run = bench({"--test-dir", work_path("kvstore"), "-j2", "--runs", "1"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(contains(run.output, "same tests: yes, 14 executed by both")) << run.output;
  EXPECT_TRUE(contains(run.output, "gtest-kitty bench: run 1/1: serial ")) << run.output;
  EXPECT_TRUE(contains(run.output, "\nserial:   median ")) << run.output;
  EXPECT_TRUE(contains(run.output, "(1 binary, one process each, in turn)")) << run.output;
  EXPECT_TRUE(contains(run.output, "\nparallel: median ")) << run.output;
  EXPECT_TRUE(contains(run.output, "(ctest -j2, 4 registered tests)")) << run.output;
  EXPECT_TRUE(contains(run.output, "\nspeed-up: ")) << run.output;
  EXPECT_TRUE(contains(run.output, "x (median serial / median parallel, 1 run each)\n"))
      << run.output;
  // kvstore's test that skips itself under root is counted, not a failure.
  const std::string skipped = geteuid() == 0 ? "1" : "0";
  EXPECT_TRUE(contains(run.output, "; 0 failed, 0 crashed, " + skipped + " skipped\n"))
      << run.output;
  EXPECT_TRUE(contains(run.output, geteuid() == 0
                                       ? "outcome: no test failed on either side (1 test skipped)"
                                       : "outcome: every test passed on both sides"))
      << run.output;
  EXPECT_FALSE(contains(run.output, "did not run")) << run.output;
}

// bench runs quarantined files too: the planted failure of the faults
// project's quarantined file (and its always-failing test) is counted, the
// speed-up is labelled as measured over failing runs, and bench fails.
TEST(Bench, FailuresAreCountedAndTheSpeedUpLabelled) {
  const ProcessResult run = bench({"--test-dir", work_path("faults"), "-j2", "--runs", "1"});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  // Broken.AlwaysFails and Quarantined.FailsWhenRun fail on both sides (Flaky
  // depends on the run's draw).
  EXPECT_TRUE(std::regex_search(run.output, std::regex("\nserial: .*; [2-3] failed, 0 crashed, 0 "
                                                       "skipped\n")))
      << run.output;
  EXPECT_TRUE(std::regex_search(run.output,
                                std::regex("\nparallel: .*; [2-3] failed, 0 crashed, 0 skipped\n")))
      << run.output;
  EXPECT_TRUE(contains(run.output, ", measured over FAILING runs: not the time of a green suite\n"))
      << run.output;
  EXPECT_TRUE(contains(run.output, "outcome: NOT green")) << run.output;
}

// A test that hangs: the serial side is bounded by its registered TIMEOUT
// (3 s) and the hang reported as such, naming the test, instead of waiting
// forever.
TEST(Bench, AHangingTestTimesOutOnTheSerialSide) {
  const auto start = std::chrono::steady_clock::now();
  const ProcessResult run =
      bench({"--test-dir", work_path("faults"), "-j2", "--runs", "1"}, {{"KITTY_PROBE_HANG", "1"}});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(120));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(contains(run.output,
                       "faults_hang_tests timed out after 3 s (the sum of its units' "
                       "ctest TIMEOUTs) in Hang.WhenAsked: killed"))
      << run.output;
}

TEST(Bench, CatchesAFileTheParallelRunLost) {
  const std::string dir = edited_kvstore(scratch_dir("bench_dropped"), "wal_test.cpp", false);
  const ProcessResult run = bench({"--test-dir", dir, "-j2", "--runs", "1"});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  for (const char* test : {"WalTest.ReplayAppliesEveryPut", "WalTest.ReplayOfMissingLogIsEmpty",
                           "WalTest.LogOnReadOnlyMediaIsSkipped"}) {
    EXPECT_TRUE(contains(run.output, std::string("parallel run 1 did not run: ") + test))
        << run.output;
  }
  EXPECT_FALSE(contains(run.output, "did not run: Store.")) << run.output;
  EXPECT_FALSE(contains(run.output, "ran in addition")) << run.output;
  EXPECT_TRUE(contains(run.output, "(ctest -j2, 3 registered tests)")) << run.output;
  EXPECT_TRUE(contains(run.output, "same tests: NO")) << run.output;
}

TEST(Bench, CatchesAFileTheParallelRunRanTwice) {
  const std::string dir = edited_kvstore(scratch_dir("bench_doubled"), "migration_test.cpp", true);
  const ProcessResult run = bench({"--test-dir", dir, "-j2", "--runs", "1"});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(contains(run.output,
                       "parallel run 1 ran in addition (or twice): Migrations.V1CreatesMetadata"))
      << run.output;
  EXPECT_FALSE(contains(run.output, "did not run")) << run.output;
  EXPECT_TRUE(contains(run.output, "same tests: NO")) << run.output;
}

void expect_usage_error(const ProcessResult& run, const std::string& says) {
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(contains(run.output, "gtest-kitty: ")) << run.output;
  EXPECT_TRUE(contains(run.output, says)) << run.output;
  EXPECT_FALSE(contains(run.output, "speed-up")) << run.output;
}

TEST(Bench, NoRunsIsAnError) {
  expect_usage_error(bench({"--test-dir", work_path("kvstore"), "--runs", "0"}),
                     "--runs: Value 0 not in range 1 to 100");
}

TEST(Bench, NoJobsIsAnError) {
  expect_usage_error(bench({"--test-dir", work_path("kvstore"), "-j", "0"}),
                     "-j: Value 0 not in range 1 to 1024");
}

TEST(Bench, ADirectoryThatIsNotABuildTreeIsAnError) {
  const std::string dir = scratch_dir("bench_not_a_build");
  expect_usage_error(bench({"--test-dir", dir, "--runs", "1"}),
                     "no kitty tests are registered in " + dir);
}

TEST(Bench, ABuildTreeWithoutKittyTestsIsAnError) {
  expect_usage_error(bench({"--test-dir", work_path("kitty-build"), "--runs", "1"}),
                     "no kitty tests are registered in");
}

// Everything bench/plan.txt reads of a kitty test comes from list --json:
// a field missing or wrong here would time another command.
TEST(ListJson, DescribesEachTestAsCtestRunsIt) {
  const ProcessResult run =
      run_process({cli_path(), "list", "--json", "--test-dir", work_path("kvstore")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const nlohmann::json listed = nlohmann::json::parse(run.output, nullptr, false);
  ASSERT_FALSE(listed.is_discarded()) << run.output;
  EXPECT_EQ(listed.at("test_dir"), work_path("kvstore"));
  EXPECT_EQ(listed.at("units"), 4);
  ASSERT_EQ(listed.at("tests").size(), 4u) << run.output;
  const std::string name = "kvstore_tests/tests/migration_test.cpp";
  const auto found = std::find_if(listed["tests"].begin(), listed["tests"].end(),
                                  [&](const nlohmann::json& test) { return test["name"] == name; });
  ASSERT_NE(found, listed["tests"].end()) << run.output;
  const nlohmann::json& test = *found;
  EXPECT_EQ(test.at("kitty"), true);
  EXPECT_EQ(test.at("selection"), "--kitty_file=tests/migration_test.cpp");
  EXPECT_EQ(test.at("unit"), "tests/migration_test.cpp");
  EXPECT_EQ(test.at("file"), "tests/migration_test.cpp");
  EXPECT_EQ(test.at("disabled"), false);
  const auto command = test.at("command").get<std::vector<std::string>>();
  ASSERT_GE(command.size(), 3u);
  EXPECT_TRUE(command.front().ends_with("gtest-kitty-launch")) << command.front();
  EXPECT_EQ(command.back(), "--kitty_file=tests/migration_test.cpp");
  // The program without the launcher and the unit's flags: the binary.
  const auto program = test.at("program").get<std::vector<std::string>>();
  ASSERT_EQ(program.size(), 1u) << test.dump();
  EXPECT_TRUE(program[0].ends_with("/kvstore_tests")) << program[0];
  EXPECT_EQ(test.at("working_directory"), work_path("kvstore"));
  const auto environment = test.at("environment").get<std::vector<std::string>>();
  EXPECT_TRUE(std::any_of(environment.begin(), environment.end(), [&](const std::string& pair) {
    return pair == "KITTY_CTEST_NAME=" + name;
  })) << test.dump();
  const std::map<std::string, std::vector<std::string>> labels =
      registered_labels(work_path("kvstore"));
  EXPECT_EQ(test.at("labels").get<std::vector<std::string>>(), labels.at(name));
  EXPECT_EQ(test.at("timeout"), 120) << test.dump();
}

// A test gtest_discover_tests registered next to kitty's (kvstore-per-test
// has both): not kitty's, so no selection, no program, no unit, no file.
TEST(ListJson, ATestThatIsNotKittysHasNoUnit) {
  const ProcessResult run =
      run_process({cli_path(), "list", "--json", "--test-dir", work_path("kvstore-per-test")});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const nlohmann::json listed = nlohmann::json::parse(run.output, nullptr, false);
  ASSERT_FALSE(listed.is_discarded()) << run.output;
  int plain = 0;
  int kitty = 0;
  for (const nlohmann::json& test : listed.at("tests")) {
    const auto command = test.at("command").get<std::vector<std::string>>();
    const bool selected = std::any_of(command.begin(), command.end(), [](const std::string& word) {
      return word.starts_with("--kitty_");
    });
    EXPECT_EQ(test.at("kitty"), selected) << test.dump();
    if (selected) {
      ++kitty;
      EXPECT_TRUE(test.at("selection").is_string()) << test.dump();
      continue;
    }
    ++plain;
    EXPECT_TRUE(test.at("selection").is_null()) << test.dump();
    EXPECT_TRUE(test.at("unit").is_null()) << test.dump();
    EXPECT_TRUE(test.at("file").is_null()) << test.dump();
    EXPECT_TRUE(test.at("program").is_null()) << test.dump();
  }
  EXPECT_GT(plain, 0) << run.output;
  EXPECT_GT(kitty, 0) << run.output;
  EXPECT_EQ(listed.at("units"), kitty);
}

std::string bench_driver() {
  const char* path = std::getenv("KITTY_IT_BENCH");
  return path != nullptr ? path : "kitty-bench";
}

std::string source_path(const std::string& relative) {
  const char* source = std::getenv("KITTY_IT_SOURCE_DIR");
  return std::string(source != nullptr ? source : ".") + "/" + relative;
}

// The variables bench/run.sh passes (any value does for --check).
std::vector<std::string> run_sh_variables() {
  std::vector<std::string> args;
  for (const char* name :
       {"build",         "kitty",         "suite",         "cli",         "config_suffix",
        "jobs",          "runs",          "files",         "tests",       "total",
        "work",          "record_runs",   "build_seconds", "build_kind",  "repro",
        "ncpu",          "cpu_model",     "mem",           "uname",       "cxx",
        "cmake_version", "ninja_version", "gtest_version", "kitty_commit"}) {
    args.insert(args.end(), {"--var", std::string(name) + "=1"});
  }
  return args;
}

ProcessResult check_plan(const std::string& plan, const std::string& report) {
  std::vector<std::string> argv = {
      bench_driver(), "run", "--check", "--plan", plan, "--results", scratch_dir("bench_check")};
  if (!report.empty()) argv.insert(argv.end(), {"--template", report});
  const std::vector<std::string> variables = run_sh_variables();
  argv.insert(argv.end(), variables.begin(), variables.end());
  return run_process(argv);
}

TEST(BenchPlan, TheShippedPlanAndReportAgree) {
  const ProcessResult run =
      check_plan(source_path("bench/plan.txt"), source_path("bench/report.md.in"));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(contains(run.output, "rows, all variables known")) << run.output;
}

struct BadRow {
  std::string row;
  std::string says;
};

// Each bad field of a row: exit 2 and one line naming the plan's line.
TEST(BenchPlan, ARowWithABadFieldIsAOneLineError) {
  const std::string good = "| S.a | slow | 0 | {build}/synth_kitty | the binary |\n";
  for (const BadRow& bad : std::vector<BadRow>{
           {"| S.b | often | 0 | true | x |",
            "runs must be slow, fast, once, pair ID, count, verify or output, "
            "not 'often'"},
           {"| S.b | slow | maybe | true | x |", "exit must be 0 or any, not 'maybe'"},
           {"| S.b | count | 0 | units {build} | x |", "exit is '-' for a count row, not '0'"},
           {"| S.b | slow | 0 | true |",
            "a row has 5 fields (id | runs | exit | command | "
            "measurement), not 4"},
           {"| S.a | slow | 0 | true | x |", "id 'S.a' is used twice"},
           {"| S b | slow | 0 | true | x |", "id 'S b' is not letters, digits, '_' and '.'"},
           {"| S.b | slow | 0 |  | x |", "the command is empty"},
           {"| S.b | slow | 0 | {nowhere}/x | x |", "no variable {nowhere}"},
       }) {
    const std::string plan = scratch_dir("bench_bad_plan") + "/plan.txt";
    std::ofstream(plan) << "# a plan\n" << good << bad.row << "\n";
    const ProcessResult run = check_plan(plan, "");
    EXPECT_EQ(run.exit_code, 2) << bad.row << "\n" << run.output;
    EXPECT_EQ(run.output, "gtest_kitty: " + plan + ":3: " + bad.says + "\n") << bad.row;
  }
}

// The report's placeholders are checked against the plan before anything
// is timed: a row id the plan does not have fails at once.
TEST(BenchPlan, AReportNamingARowThePlanLacksIsAOneLineError) {
  const std::string dir = scratch_dir("bench_bad_report");
  std::ofstream(dir + "/plan.txt") << "| S.a | slow | 0 | true | x |\n";
  std::ofstream(dir + "/report.md.in") << "# Report\n\n{{time S.a}} and {{time S.z}}\n";
  const ProcessResult run = check_plan(dir + "/plan.txt", dir + "/report.md.in");
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(run.output,
            "gtest_kitty: " + dir + "/report.md.in:3: in 'S.z': no row or variable S.z\n")
      << run.output;
}

}  // namespace
}  // namespace kitty_it
