// gtest-kitty merge-junit on a real run of the features project: one JUnit
// report from the per-file ones, and a process that crashed before writing
// its report appears as a failed case with ctest's output, never as missing
// (nor as an earlier run's report).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <pugixml.hpp>

#include "projects.h"

namespace kitty_it {
namespace {

ProcessResult merge_junit(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {cli_path(), "merge-junit"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

class MergeJunit : public testing::Test {
 protected:
  void SetUp() override {
    const std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
    scratch_ = scratch_dir("merge_" + name);
    ctest_junit_ = scratch_ + "/ctest.xml";
    merged_ = scratch_ + "/merged.xml";
  }
  void run_features(const ProcessOptions& options) {
    run_process(
        {"ctest", "--test-dir", work_path("features"), "-j4", "--output-junit", ctest_junit_},
        options);
  }
  std::string scratch_, ctest_junit_, merged_;
};

TEST_F(MergeJunit, OneReportFromEveryFile) {
  run_features({});
  const ProcessResult run = merge_junit(
      {"--test-dir", work_path("features"), "-o", merged_, "--ctest-junit", ctest_junit_});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  pugi::xml_document merged;
  ASSERT_TRUE(merged.load_file(merged_.c_str()));
  // Every executed test of every kitty unit, the planted SkipAndFail.Fails
  // the one failure.
  EXPECT_EQ(merged.child("testsuites").attribute("failures").as_int(), 1);
  EXPECT_TRUE(merged.select_node("//testcase[@name='Fails' and @classname='SkipAndFail']"));
  EXPECT_TRUE(merged.select_node("//testcase[@name='WhenAsked' and @classname='Crash']"));
}

TEST_F(MergeJunit, CrashedProcessIsAFailedCaseWithItsCtestOutput) {
  run_features({});  // leaves a report for crash_test.cpp from a good run
  ProcessOptions crash;
  crash.environment["KITTY_PROBE_CRASH"] = "1";
  run_features(crash);
  const ProcessResult run = merge_junit(
      {"--test-dir", work_path("features"), "-o", merged_, "--ctest-junit", ctest_junit_});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("crash_tests/crash_test.cpp: no report: the process crashed"),
            std::string::npos)
      << run.output;
  pugi::xml_document merged;
  ASSERT_TRUE(merged.load_file(merged_.c_str()));
  const pugi::xpath_node crashed =
      merged.select_node("//testcase[@name='crash_tests/crash_test.cpp']");
  ASSERT_TRUE(crashed);
  EXPECT_TRUE(crashed.node().child("failure"));
  EXPECT_NE(std::string(crashed.node().child("system-out").text().get()).find("Crash.WhenAsked"),
            std::string::npos);
  // The earlier run's report of the crashed file is not passed off as this run's.
  EXPECT_FALSE(merged.select_node("//testcase[@name='WhenAsked' and @classname='Crash']"));
  EXPECT_EQ(merged.child("testsuites").attribute("failures").as_int(), 2);
}

TEST_F(MergeJunit, TruncatedReportIsAFailedCase) {
  run_features({});
  const std::string report = work_path("features/xml/features_tests/typed_test.cpp.xml");
  std::filesystem::resize_file(report, std::filesystem::file_size(report) / 2);
  const ProcessResult run = merge_junit({"--test-dir", work_path("features"), "-o", merged_});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("features_tests/typed_test.cpp: unreadable report"), std::string::npos)
      << run.output;
}

TEST_F(MergeJunit, BadInputIsAUsageError) {
  const ProcessResult no_reports = merge_junit({"--test-dir", work_path("kvstore"), "-o", merged_});
  EXPECT_EQ(no_reports.exit_code, 2);
  EXPECT_NE(no_reports.output.find("writes no XML report: register it with kitty_add_tests(... "
                                   "XML_OUTPUT_DIR <dir>)"),
            std::string::npos)
      << no_reports.output;
  std::ofstream(scratch_ + "/truncated.xml") << "<testsuites><testsuite";
  const ProcessResult bad_ctest = merge_junit({"--test-dir", work_path("features"), "-o", merged_,
                                               "--ctest-junit", scratch_ + "/truncated.xml"});
  EXPECT_EQ(bad_ctest.exit_code, 2);
  EXPECT_NE(bad_ctest.output.find("gtest-kitty: cannot read ctest's JUnit"), std::string::npos)
      << bad_ctest.output;
  EXPECT_EQ(merge_junit({"--test-dir", work_path("features")}).exit_code, 2);  // no -o
}

}  // namespace
}  // namespace kitty_it
