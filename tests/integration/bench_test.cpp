// gtest-kitty bench on the kvstore sample: serial and parallel medians, and
// the check that both sides executed the same tests, shown to catch a
// registration dropped (and one doubled) from the parallel side.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;

ProcessResult bench(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {cli_path(), "bench"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  // This test's own kitty run must not reach the benchmarked one.
  options.unset_environment = {"KITTY_RECORD_DIR", "KITTY_HOME_BASE", "KITTY_RUN_ID"};
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
  EXPECT_TRUE(contains(run.output, "x (median serial / median parallel, 1 runs each)"))
      << run.output;
  EXPECT_FALSE(contains(run.output, "did not run")) << run.output;
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
