// The test binary run by hand: kitty's selection flags, GoogleTest's own
// flags, and the exit codes that keep a stale registration from passing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "gtest_xml.h"
#include "projects.h"

namespace kitty_it {
namespace {

std::string features_binary() { return work_path("features/features_tests"); }

ProcessResult run_features(std::vector<std::string> args, const ProcessOptions& options = {}) {
  args.insert(args.begin(), features_binary());
  return run_process(args, options);
}

std::vector<std::string> names_run(const std::vector<std::string>& args) {
  const std::string xml = scratch_dir("direct") + "/run.xml";
  std::vector<std::string> with_output = args;
  with_output.push_back("--gtest_output=xml:" + xml);
  const ProcessResult run = run_features(with_output);
  std::vector<std::string> names;
  for (const ExecutedTest& test : executed_tests(xml)) names.push_back(test.name);
  return names;
}

TEST(DirectRun, FileSelectionRunsExactlyThatFile) {
  EXPECT_EQ(names_run({"--kitty_file=typed_test.cpp"}),
            (std::vector<std::string>{"Typed/0.DefaultIsZero", "Typed/1.DefaultIsZero",
                                      "Ints/TypedP/0.Copies", "Ints/TypedP/1.Copies"}));
}

TEST(DirectRun, SelectionIsIntersectedWithGtestFilter) {
  EXPECT_EQ(
      names_run({"--kitty_file=plain_test.cpp", "--gtest_filter=PlainFixture.*"}),
      (std::vector<std::string>{"PlainFixture.SetUpTestSuiteRanOnce", "PlainFixture.StillOnce"}));
}

TEST(DirectRun, EnvironmentSelectsLikeTheFlag) {
  ProcessOptions options;
  options.environment["KITTY_FILE"] = "header_tests.h";
  const ProcessResult run = run_features({"--gtest_list_tests"}, options);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.output, "FromHeader.\n  Runs\n");
}

TEST(DirectRun, StaleSelectionFailsWithItsOwnExitCode) {
  const ProcessResult run = run_features({"--kitty_file=removed_test.cpp"});
  EXPECT_EQ(run.exit_code, 78);
  EXPECT_NE(run.output.find("gtest_kitty: no test matches --kitty_file=removed_test.cpp"),
            std::string::npos)
      << run.output;
}

TEST(DirectRun, UnknownKittyFlagIsAUsageError) {
  const ProcessResult run = run_features({"--kitty_fiel=plain_test.cpp"});
  EXPECT_EQ(run.exit_code, 64);
  EXPECT_EQ(run.output, "gtest_kitty: unknown flag --kitty_fiel; see --kitty_help\n");
}

// A listing that cannot be written is an output failure, not a bad flag.
TEST(DirectRun, UnwritableListingPathExitsOutputFailed) {
  const std::string file = scratch_dir("direct_listing") + "/file";
  std::ofstream(file) << "a file, not a directory";
  const ProcessResult run = run_features({"--kitty_list=" + file + "/listing.json"});
  EXPECT_EQ(run.exit_code, 73) << run.output;
  EXPECT_EQ(run.output, "gtest_kitty: cannot write the listing to " + file + "/listing.json\n");
}

TEST(DirectRun, ListingToAFullStdoutExitsOutputFailed) {
  const ProcessResult run =
      run_process({"sh", "-c", "'" + features_binary() + "' --kitty_list=- > /dev/full"});
  EXPECT_EQ(run.exit_code, 73) << run.output;
  EXPECT_EQ(run.output, "gtest_kitty: writing the listing to stdout failed\n");
}

TEST(DirectRun, FilterLeavingNothingIsSkippedNotPassed) {
  const std::string xml = scratch_dir("direct_nothing") + "/report.xml";
  const ProcessResult run = run_features(
      {"--kitty_file=plain_test.cpp", "--gtest_filter=NoSuchSuite.*", "--gtest_output=xml:" + xml});
  EXPECT_EQ(run.exit_code, 77) << run.output;
  // The report is still written (empty), so one file per ctest test holds.
  EXPECT_TRUE(executed_tests(xml).empty());
}

TEST(DirectRun, AllSkippedFileExitsSkipped) {
  EXPECT_EQ(run_features({"--kitty_file=all_skipped_test.cpp"}).exit_code, 77);
}

TEST(DirectRun, OwnMainIsSkippedThroughTheListener) {
  const ProcessResult run =
      run_process({work_path("features/custom_main_tests"), "--kitty_suite=AllSkipped"});
  EXPECT_EQ(run.exit_code, 77) << run.output;
}

TEST(DirectRun, SkipAndFailIsAFailure) {
  EXPECT_EQ(run_features({"--kitty_file=skip_and_fail_test.cpp"}).exit_code, 1);
}

TEST(DirectRun, RepeatAndShuffleKeepTheSelection) {
  const ProcessResult run = run_features({"--kitty_file=plain_test.cpp", "--gtest_repeat=3",
                                          "--gtest_shuffle", "--gtest_random_seed=7"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  size_t iterations = 0;
  for (size_t at = run.output.find("[  PASSED  ] 4 tests."); at != std::string::npos;
       at = run.output.find("[  PASSED  ] 4 tests.", at + 1)) {
    ++iterations;
  }
  EXPECT_EQ(iterations, 3u) << run.output;
}

TEST(DirectRun, ListTestsShowsOnlyTheSelection) {
  const ProcessResult run =
      run_features({"--kitty_file=param_defs_test.cpp", "--gtest_list_tests"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.output,
            "Small/Squares.\n"
            "  AreNonNegative/0  # GetParam() = 0\n  AreNonNegative/1  # GetParam() = 1\n"
            "  AreNonNegative/2  # GetParam() = 2\n  GrowWithMagnitude/0  # GetParam() = 0\n"
            "  GrowWithMagnitude/1  # GetParam() = 1\n  GrowWithMagnitude/2  # GetParam() = 2\n");
}

TEST(DirectRun, WithoutSelectionRunsEverythingLikeGtestMain) {
  const std::vector<std::string> all = names_run({});
  EXPECT_EQ(all.size(), 25u);
}

// Run by hand into `| head`, a binary dies of SIGPIPE before its end: it
// says on stderr (still the terminal) where the home it keeps stays.
TEST(DirectRun, KilledBySigpipeNamesTheHomeItKeeps) {
  const std::string scratch = scratch_dir("direct_sigpipe");
  ProcessOptions options;
  options.environment["KITTY_PROBE_CHATTY"] = "1";
  options.environment["KITTY_HOME_BASE"] = scratch + "/homes";
  options.unset_environment = {"KITTY_ISOLATION", "KITTY_RUN_ID", "KITTY_RUN_KIND"};
  const ProcessResult run =
      run_process({"sh", "-c",
                   "'" + work_path("isolation/isolation_tests") +
                       "' --kitty_file=chatty_test.cpp 2>'" + scratch + "/stderr' | head -n 1"},
                  options);
  EXPECT_NE(run.output, "") << "head saw the start of the run";
  std::ifstream in(scratch + "/stderr");
  const std::string said((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string named = "gtest_kitty: killed by SIGPIPE: kept the isolated home of this run: ";
  const auto at = said.find(named);
  ASSERT_NE(at, std::string::npos) << said;
  const std::string kept = said.substr(at + named.size(), said.find('\n', at) - at - named.size());
  EXPECT_EQ(kept.rfind(scratch + "/homes/", 0), 0u) << kept;
  EXPECT_TRUE(std::filesystem::is_directory(kept + "/home")) << kept;
}

}  // namespace
}  // namespace kitty_it
