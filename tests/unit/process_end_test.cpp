// How a test process ended, said once for merge-junit, the ratchet and the
// timeline: from the launcher's "ended" line, else from ctest (its word, or
// a duration that reached the TIMEOUT); and ctest's log of a run, read into
// the same model as its JUnit report.
#include "cli/model/process_end.h"

#include <gtest/gtest.h>

#include "cli/adapters/ctest_log.h"

namespace kitty::cli {
namespace {

ProcessRecord died_in_wait() {
  ProcessRecord record;
  record.name = "faults_hang_tests/hang_test.cpp";
  RecordedTest before{"Hang.BeforeIt", TestResult::kPassed, 100, 200, "", 0};
  RecordedTest hung{"Hang.WhenAsked", TestResult::kInterrupted, 300, 300, "", 0};
  record.tests = {before, hung};
  return record;
}

TEST(DescribeEnd, NamesTheTestItDiedInAndTheSignalTheLauncherSaw) {
  ProcessRecord record = died_in_wait();
  record.ended = ProcessEnd{EndedBy::kSignal, 0, 11, "SIGSEGV", false, 0, 900};
  const ProcessEndText end = describe_end(&record, {});
  EXPECT_EQ(end.died_in, "Hang.WhenAsked");
  EXPECT_EQ(end.how, "died of SIGSEGV (signal 11)");
  EXPECT_TRUE(end.crashed);
  EXPECT_FALSE(end.timed_out);
}

TEST(DescribeEnd, ASignalWithoutANameIsNamedHere) {
  ProcessRecord record = died_in_wait();
  record.ended = ProcessEnd{EndedBy::kSignal, 0, 6, "", false, 0, 900};
  EXPECT_EQ(describe_end(&record, {}).how, "died of SIGABRT (signal 6)");
}

TEST(DescribeEnd, APrematureExitIsACrashWithItsCode) {
  ProcessRecord record = died_in_wait();
  record.exited = true;
  record.ended = ProcessEnd{EndedBy::kExit, 0, 0, "", true, 0, 900};
  const ProcessEndText end = describe_end(&record, {});
  EXPECT_EQ(end.how, "exited with code 0 before GoogleTest's end of the run");
  EXPECT_TRUE(end.crashed);
}

TEST(DescribeEnd, KilledAtTheTimeoutSaysTimedOut) {
  ProcessRecord record = died_in_wait();
  record.ended = ProcessEnd{EndedBy::kKilled, 0, 9, "", false, 0, 900};
  CtestCase ctest{"faults_hang_tests/hang_test.cpp", CtestStatus::kFailed, 3.02, ""};
  const ProcessEndText end = describe_end(&record, {&ctest, "", 3});
  EXPECT_TRUE(end.timed_out);
  EXPECT_EQ(
      end.how,
      "timed out after 3 s (its ctest TIMEOUT): the launcher ended it with SIGKILL (signal 9)");
  record.ended->signal = 15;
  EXPECT_EQ(describe_end(&record, {}).how,
            "killed with SIGTERM (signal 15) when the launcher was stopped");
}

TEST(DescribeEnd, WithoutAnEndedLineCtestsDurationAgainstTheTimeoutTells) {
  const ProcessRecord record = died_in_wait();  // killed with SIGKILL: no line
  CtestCase ctest{"faults_hang_tests/hang_test.cpp", CtestStatus::kFailed, 3.01, ""};
  const ProcessEndText timed_out = describe_end(&record, {&ctest, "", 3});
  EXPECT_TRUE(timed_out.timed_out);
  EXPECT_EQ(timed_out.how, "timed out after 3 s (its ctest TIMEOUT)");
  EXPECT_EQ(timed_out.died_in, "Hang.WhenAsked");
  EXPECT_EQ(describe_end(&record, {nullptr, "***Timeout", 0}).how, "timed out (ctest: Timeout)");
  ctest.seconds = 0.2;
  const ProcessEndText crashed = describe_end(&record, {&ctest, "", 3});
  EXPECT_FALSE(crashed.timed_out);
  EXPECT_EQ(crashed.how, "ended without a recorded end (a crash or a kill)");
  EXPECT_EQ(describe_end(&record, {&ctest, "Subprocess aborted***Exception:", 0}).how,
            "ended without a recorded end (a crash or a kill) [ctest: Subprocess "
            "aborted***Exception:]");
}

TEST(DescribeEnd, NoRecordSaysSo) {
  EXPECT_EQ(describe_end(nullptr, {}).how, "left no run record");
  EXPECT_EQ(describe_end(nullptr, {}).died_in, "");
}

const char kLog[] =
    "Start testing: Nov 29 06:49 UTC\n"
    "----------------------------------------------------------\n"
    "2/3 Testing: faults_tests/broken_test.cpp\n"
    "2/3 Test: faults_tests/broken_test.cpp\n"
    "Command: \"/b/faults_tests\" \"--kitty_file=broken_test.cpp\"\n"
    "Directory: /b\n"
    "\"faults_tests/broken_test.cpp\" start time: Nov 29 06:49 UTC\n"
    "Output:\n"
    "----------------------------------------------------------\n"
    "[ RUN      ] Broken.AlwaysFails\n"
    "Test Passed.\n"  // output that looks like a verdict is output
    "<end of output>\n"
    "Test time =   0.01 sec\n"
    "----------------------------------------------------------\n"
    "Test Failed.\n"
    "\"faults_tests/broken_test.cpp\" end time: Nov 29 06:49 UTC\n"
    "----------------------------------------------------------\n"
    "\n"
    "1/3 Testing: faults_hang_tests/hang_test.cpp\n"
    "Output:\n"
    "----------------------------------------------------------\n"
    "<end of output>\n"
    "Test time =   3.02 sec\n"
    "----------------------------------------------------------\n"
    "Test Failed.\n"
    "3/3 Testing: dir with space/a test.cpp\n"
    "Output:\n"
    "----------------------------------------------------------\n"
    "<end of output>\n"
    "Test time =   0.50 sec\n"
    "----------------------------------------------------------\n"
    "Test Passed.\n"
    "End testing: Nov 29 06:49 UTC\n";

TEST(ParseCtestLog, ReadsEachTestOfTheRun) {
  const Expected<std::vector<CtestCase>> cases = parse_ctest_log("LastTest.log", kLog);
  ASSERT_TRUE(cases) << cases.error().message;
  ASSERT_EQ(cases->size(), 3u);
  EXPECT_EQ((*cases)[0].name, "faults_tests/broken_test.cpp");
  EXPECT_EQ((*cases)[0].status, CtestStatus::kFailed);
  EXPECT_DOUBLE_EQ((*cases)[0].seconds, 0.01);
  EXPECT_EQ((*cases)[0].output, "[ RUN      ] Broken.AlwaysFails\nTest Passed.\n");
  EXPECT_EQ((*cases)[1].name, "faults_hang_tests/hang_test.cpp");
  EXPECT_DOUBLE_EQ((*cases)[1].seconds, 3.02);
  EXPECT_EQ((*cases)[2].name, "dir with space/a test.cpp");
  EXPECT_EQ((*cases)[2].status, CtestStatus::kPassed);
}

TEST(ParseCtestLog, OtherTextIsAnError) {
  const Expected<std::vector<CtestCase>> cases = parse_ctest_log("x.log", "hello\n");
  ASSERT_FALSE(cases);
  EXPECT_EQ(cases.error().message, "x.log is not ctest's log of a run");
  const Expected<std::vector<CtestCase>> missing = read_last_ctest_log("/nonexistent/tree");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message.rfind("ctest has not run in /nonexistent/tree", 0), 0u);
}

}  // namespace
}  // namespace kitty::cli
