// gtest-kitty merge-junit on real runs of the features and faults projects:
// one JUnit report from the per-file ones of the run merged (a subset run's
// only); a process that crashed or timed out before writing its report
// appears as a failed case named after the test it died in, saying how it
// ended, with ctest's output, never as missing (nor as an earlier run's
// report); a quarantined file's tests appear as skipped.
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
    scratch_ = scratch_dir_of_test("merge_");
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

TEST_F(MergeJunit, CrashedProcessIsAFailedCaseNamedAfterTheTestItDiedIn) {
  run_features({});  // leaves a report for crash_test.cpp from a good run
  ProcessOptions crash;
  crash.environment["KITTY_PROBE_CRASH"] = "1";
  run_features(crash);
  const ProcessResult run = merge_junit(
      {"--test-dir", work_path("features"), "-o", merged_, "--ctest-junit", ctest_junit_});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("crash_tests/crash_test.cpp: no report: the process "),
            std::string::npos)
      << run.output;
  pugi::xml_document merged;
  ASSERT_TRUE(merged.load_file(merged_.c_str()));
  // One case for Crash.WhenAsked: the failed one standing for the process,
  // not the earlier run's passing one.
  const pugi::xpath_node_set cases =
      merged.select_nodes("//testcase[@name='WhenAsked' and @classname='Crash']");
  ASSERT_EQ(cases.size(), 1u);
  const pugi::xml_node crashed = cases.first().node();
  const std::string message = crashed.child("failure").attribute("message").value();
  EXPECT_NE(message.find(" in Crash.WhenAsked"), std::string::npos) << message;
  // How it ended: the launcher's word (SIGABRT) when it writes one, else
  // that it ended without a recorded end.
  EXPECT_TRUE(message.find("SIGABRT") != std::string::npos ||
              message.find("without a recorded end") != std::string::npos)
      << message;
  EXPECT_NE(std::string(crashed.child("system-out").text().get()).find("Crash.WhenAsked"),
            std::string::npos);
  EXPECT_FALSE(merged.select_node("//testcase[@name='crash_tests/crash_test.cpp']"));
  EXPECT_EQ(merged.child("testsuites").attribute("failures").as_int(), 2);
}

// Only the run merged counts: after a subset run, the other files' earlier
// reports are not merged and a file never run is not a crash.
TEST_F(MergeJunit, ASubsetRunMergesOnlyItsOwnReports) {
  run_features({});
  std::filesystem::remove(work_path("features/xml/features_tests/plain_test.cpp.xml"));
  run_process({"ctest", "--test-dir", work_path("features"), "-R", "typed_test"});
  const ProcessResult run = merge_junit({"--test-dir", work_path("features"), "-o", merged_});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find("crashed"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("1 report, 0 quarantined, 0 missing (failed cases), "),
            std::string::npos)
      << run.output;
  pugi::xml_document merged;
  ASSERT_TRUE(merged.load_file(merged_.c_str()));
  EXPECT_FALSE(merged.select_node("//testcase[@classname='SkipAndFail']"));
  EXPECT_FALSE(merged.select_node("//testsuite[@name='features_tests/plain_test.cpp']"));
  EXPECT_EQ(merged.child("testsuites").attribute("failures").as_int(), 0);
  EXPECT_GT(merged.child("testsuites").attribute("tests").as_int(), 0);
}

// A process killed at its ctest TIMEOUT: the test it hung in, and that it
// timed out.
TEST_F(MergeJunit, TimedOutProcessNamesTheTestItHungIn) {
  ProcessOptions hang;
  hang.environment["KITTY_PROBE_HANG"] = "1";
  run_process({"ctest", "--test-dir", work_path("faults"), "-j2", "-R", "hang_test"}, hang);
  const ProcessResult run = merge_junit({"--test-dir", work_path("faults"), "-o", merged_});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  pugi::xml_document merged;
  ASSERT_TRUE(merged.load_file(merged_.c_str()));
  const pugi::xpath_node hung =
      merged.select_node("//testcase[@name='WhenAsked' and @classname='Hang']");
  ASSERT_TRUE(hung) << run.output;
  const std::string message = hung.node().child("failure").attribute("message").value();
  EXPECT_NE(message.find("timed out after 3 s (its ctest TIMEOUT)"), std::string::npos) << message;
  EXPECT_NE(message.find(" in Hang.WhenAsked"), std::string::npos) << message;
}

// A quarantined file runs nothing, but its tests stay visible: skipped.
TEST_F(MergeJunit, QuarantinedTestsAppearAsSkipped) {
  run_process({"ctest", "--test-dir", work_path("faults"), "-j2"});
  const ProcessResult run = merge_junit({"--test-dir", work_path("faults"), "-o", merged_});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find(", 1 quarantined, "), std::string::npos) << run.output;
  pugi::xml_document merged;
  ASSERT_TRUE(merged.load_file(merged_.c_str()));
  for (const char* name : {"FailsWhenRun", "Passes"}) {
    const pugi::xpath_node test = merged.select_node(
        (std::string("//testcase[@classname='Quarantined' and @name='") + name + "']").c_str());
    ASSERT_TRUE(test) << name;
    EXPECT_TRUE(test.node().child("skipped")) << name;
    EXPECT_FALSE(test.node().child("failure")) << name;
  }
  EXPECT_GE(merged.child("testsuites").attribute("skipped").as_int(), 2);
}

// Nothing to merge is refused, not written as an empty report.
TEST_F(MergeJunit, ATreeWithoutKittyTestsIsRefused) {
  const ProcessResult run = merge_junit({"--test-dir", work_path("kitty-build"), "-o", merged_});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(run.output.rfind("gtest-kitty: no kitty tests are registered in ", 0), 0u)
      << run.output;
  EXPECT_FALSE(std::filesystem::exists(merged_));
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
