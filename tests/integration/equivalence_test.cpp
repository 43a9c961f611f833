// The union of what the registered ctest tests execute equals what one
// serial run of the binary executes: nothing missing, nothing extra, nothing
// twice, and each unit in the serial order. The comparison works on
// GoogleTest's own XML reports, and is itself shown to catch a dropped and
// a duplicated report.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "gtest_xml.h"
#include "projects.h"

namespace kitty_it {
namespace {

struct Differences {
  std::vector<std::string> missing;     // ran serially, in no unit
  std::vector<std::string> extra;       // ran in a unit, not serially
  std::vector<std::string> duplicated;  // ran in more than one unit, or twice
  std::vector<std::string> misordered;  // reports whose order differs from serial
  bool empty() const {
    return missing.empty() && extra.empty() && duplicated.empty() && misordered.empty();
  }
};

Differences compare(const std::vector<ExecutedTest>& serial,
                    const std::vector<std::string>& unit_reports) {
  Differences differences;
  std::map<std::string, size_t> serial_position;
  for (size_t i = 0; i < serial.size(); ++i) serial_position[serial[i].name] = i;
  std::map<std::string, int> runs;
  for (const std::string& report : unit_reports) {
    const std::vector<ExecutedTest> unit = executed_tests(report);
    std::vector<size_t> positions;
    for (const ExecutedTest& test : unit) {
      if (++runs[test.name] == 2) differences.duplicated.push_back(test.name);
      const auto found = serial_position.find(test.name);
      if (found == serial_position.end()) {
        differences.extra.push_back(test.name);
      } else {
        positions.push_back(found->second);
      }
    }
    if (!std::is_sorted(positions.begin(), positions.end())) {
      differences.misordered.push_back(report);
    }
  }
  for (const ExecutedTest& test : serial) {
    if (runs.count(test.name) == 0) differences.missing.push_back(test.name);
  }
  return differences;
}

std::vector<ExecutedTest> serial_run(const std::string& binary, const std::string& name) {
  const std::string xml = scratch_dir(name) + "/serial.xml";
  const ProcessResult serial = run_process({binary, "--gtest_output=xml:" + xml});
  EXPECT_TRUE(std::filesystem::exists(xml)) << serial.output;
  return executed_tests(xml);
}

class Equivalence : public testing::Test {
 protected:
  // One fresh parallel run of the features project, its reports per target.
  static void SetUpTestSuite() {
    std::filesystem::remove_all(work_path("features/xml"));
    run_ctest(work_path("features"), {"-j4"});
  }
  static std::vector<std::string> reports(const std::string& target) {
    return xml_reports_below(work_path("features/xml/" + target));
  }
};

TEST_F(Equivalence, FileUnitsExecuteExactlyTheSerialRun) {
  const auto serial = serial_run(work_path("features/features_tests"), "serial_features");
  ASSERT_GT(serial.size(), 15u);
  const Differences differences = compare(serial, reports("features_tests"));
  EXPECT_TRUE(differences.empty())
      << testing::PrintToString(differences.missing) << testing::PrintToString(differences.extra)
      << testing::PrintToString(differences.duplicated)
      << testing::PrintToString(differences.misordered);
}

TEST_F(Equivalence, SuiteUnitsExecuteExactlyTheSerialRun) {
  const auto serial = serial_run(work_path("features/custom_main_tests"), "serial_custom");
  ASSERT_FALSE(serial.empty());
  EXPECT_TRUE(compare(serial, reports("custom_main_tests")).empty());
}

TEST_F(Equivalence, EachFileRanInOneProcess) {
  for (const std::string& report : reports("features_tests")) {
    std::set<std::string> files;
    for (const ExecutedTest& test : executed_tests(report)) files.insert(test.file);
    EXPECT_EQ(files.size(), 1u) << report;
  }
}

TEST_F(Equivalence, ComparisonCatchesADroppedFile) {
  const auto serial = serial_run(work_path("features/features_tests"), "serial_dropped");
  std::vector<std::string> all = reports("features_tests");
  const auto typed = std::find_if(all.begin(), all.end(), [](const std::string& report) {
    return report.find("typed_test.cpp") != std::string::npos;
  });
  ASSERT_NE(typed, all.end());
  all.erase(typed);
  const Differences differences = compare(serial, all);
  EXPECT_EQ(differences.missing.size(), 4u) << testing::PrintToString(differences.missing);
  EXPECT_TRUE(differences.duplicated.empty());
}

TEST_F(Equivalence, ComparisonCatchesADuplicatedFile) {
  const auto serial = serial_run(work_path("features/features_tests"), "serial_duplicated");
  std::vector<std::string> all = reports("features_tests");
  all.push_back(all.front());
  EXPECT_FALSE(compare(serial, all).duplicated.empty());
}

// The same proof as the command-line tool gives it, on the build trees.
ProcessResult equivalence(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {cli_path(), "equivalence"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  // This test's own kitty run must not reach the runs --executed makes.
  options.unset_environment = {"KITTY_RECORD_DIR", "KITTY_HOME_BASE", "KITTY_RUN_ID"};
  return run_process(argv, options);
}

TEST(EquivalenceCommand, FeaturesBuildIsEquivalent) {
  const ProcessResult run = equivalence({"--test-dir", work_path("features")});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("features_tests (25 tests, 11 registered units): equivalent"),
            std::string::npos)
      << run.output;
}

TEST(EquivalenceCommand, QuarantinedAndPortUnitsStillCount) {
  const ProcessResult run = equivalence({"--test-dir", work_path("ports")});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find("NOT equivalent"), std::string::npos) << run.output;
}

TEST(EquivalenceCommand, SelfCheckCatchesADroppedAndADuplicatedUnit) {
  const ProcessResult run = equivalence({"--test-dir", work_path("kvstore"), "--self-check"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("self-check: a dropped and a duplicated unit are caught"),
            std::string::npos)
      << run.output;
}

// --executed: both sides run, and what executed is compared.
TEST(EquivalenceCommand, ExecutedRunsOfTheSampleAreEquivalent) {
  const ProcessResult run =
      equivalence({"--test-dir", work_path("kvstore"), "--executed", "-j2", "--self-check"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("(14 tests executed serially, 4 units under ctest -j2): equivalent"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("self-check: a dropped and a duplicated unit are caught"),
            std::string::npos)
      << run.output;
  // Not silent while both sides run: a line for each (plain lines, as
  // under CI=true, since stderr is not a terminal here).
  EXPECT_NE(run.output.find("gtest-kitty equivalence, ctest -j2: run 1/1: 14 tests, 0 failed, "),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("gtest-kitty equivalence: serial run of "), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find(": 14 tests, 0 failed, "), std::string::npos) << run.output;
}

TEST(EquivalenceCommand, ExecutedCatchesADroppedRegistration) {
  const std::string dir = edited_kvstore(scratch_dir("equivalence_dropped"), "wal_test.cpp", false);
  const ProcessResult run = equivalence({"--test-dir", dir, "--executed", "-j2"});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("NOT equivalent"), std::string::npos) << run.output;
  for (const char* test : {"WalTest.ReplayAppliesEveryPut", "WalTest.ReplayOfMissingLogIsEmpty",
                           "WalTest.LogOnReadOnlyMediaIsSkipped"}) {
    EXPECT_NE(run.output.find(std::string("  missing: ") + test), std::string::npos) << test << "\n"
                                                                                     << run.output;
  }
}

TEST(EquivalenceCommand, ExecutedCatchesARegistrationRunTwice) {
  const std::string dir =
      edited_kvstore(scratch_dir("equivalence_doubled"), "migration_test.cpp", true);
  const ProcessResult run = equivalence({"--test-dir", dir, "--executed", "-j2"});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("  duplicated: Migrations.V1CreatesMetadata"), std::string::npos)
      << run.output;
}

// A test that hangs on both sides: ctest's TIMEOUT ends the parallel one,
// and the same TIMEOUT bounds the serial one, reported as a timeout naming
// the test it hung in.
TEST(EquivalenceCommand, ExecutedBoundsAHangingSerialRunByItsTimeout) {
  std::vector<std::string> argv = {cli_path(),          "equivalence", "--test-dir",
                                   work_path("faults"), "--executed",  "-j2"};
  ProcessOptions options;
  options.unset_environment = {"KITTY_RECORD_DIR", "KITTY_HOME_BASE", "KITTY_RUN_ID"};
  options.environment["KITTY_PROBE_HANG"] = "1";
  const ProcessResult run = run_process(argv, options);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("faults_hang_tests timed out after 3 s (the sum of its units' ctest "
                            "TIMEOUTs) in Hang.WhenAsked: killed"),
            std::string::npos)
      << run.output;
}

TEST(EquivalenceCommand, BuildTreeWithoutKittyTestsIsAnError) {
  const ProcessResult run = equivalence({"--test-dir", work_path("kitty-build")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("gtest-kitty: no kitty tests are registered in"), std::string::npos)
      << run.output;
}

}  // namespace
}  // namespace kitty_it
