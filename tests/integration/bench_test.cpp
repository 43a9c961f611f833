// gtest-kitty bench on the kvstore sample: serial and parallel medians, and
// the check that both sides executed the same tests, shown to catch a
// registration dropped (and one doubled) from the parallel side.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

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

}  // namespace
}  // namespace kitty_it
