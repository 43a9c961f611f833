// The ratchet's verdict on N runs: failing tests named by their gtest name,
// FLAKY when they passed in some runs and failed in others, known apart from
// new by the baseline; the baseline file; and the summary a person reads.
#include "cli/model/ratchet.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>

namespace kitty::cli {
namespace {

using Strings = std::vector<std::string>;
using Runs = std::vector<int>;

constexpr char kBroken[] = "faults_tests/broken_test.cpp";
constexpr char kFlaky[] = "faults_tests/flaky_test.cpp";
constexpr char kCrash[] = "faults_tests/crash_test.cpp";
constexpr char kSteady[] = "faults_tests/steady_test.cpp";

CtestCase ctest(const std::string& name, CtestStatus status) {
  CtestCase test;
  test.name = name;
  test.status = status;
  return test;
}

RecordedTest recorded(const std::string& name, TestResult result, const std::string& message = "") {
  RecordedTest test;
  test.name = name;
  test.result = result;
  test.message = message;
  return test;
}

RecordedTest passed(const std::string& name) { return recorded(name, TestResult::kPassed); }
RecordedTest failed(const std::string& name, const std::string& message) {
  return recorded(name, TestResult::kFailed, message);
}

ProcessRecord process(const std::string& name, std::vector<RecordedTest> tests, bool exited = true,
                      bool failed_outside = false) {
  ProcessRecord record;
  record.name = name;
  record.exited = exited;
  bool any_failed = failed_outside;
  for (const RecordedTest& test : tests) any_failed |= test.result == TestResult::kFailed;
  record.failed = exited && any_failed;
  record.tests = std::move(tests);
  return record;
}

// One run of the faults project: Broken.AlwaysFails fails; Flaky's first
// test fails when `flaky_fails`; everything else passes.
RatchetRun faults_run(bool flaky_fails) {
  RatchetRun run;
  run.ctest = {ctest(kSteady, CtestStatus::kPassed), ctest(kBroken, CtestStatus::kFailed),
               ctest(kFlaky, flaky_fails ? CtestStatus::kFailed : CtestStatus::kPassed)};
  run.records = {process(kSteady, {passed("Steady.One"), passed("Steady.Two")}),
                 process(kBroken, {failed("Broken.AlwaysFails", "broken_test.cpp:7: planted"),
                                   passed("Broken.Passes")}),
                 process(kFlaky, {flaky_fails ? failed("Flaky.FailsOnASeededHalfOfRuns",
                                                       "flaky_test.cpp:19: "
                                                       "planted (run 2)")
                                              : passed("Flaky.FailsOnASeededHalfOfRuns"),
                                  passed("Flaky.NeighbourPasses")})};
  return run;
}

std::vector<RatchetRun> three_faults_runs() {
  return {faults_run(false), faults_run(true), faults_run(false)};
}

RatchetRun green_run() {
  RatchetRun run;
  run.ctest = {ctest(kSteady, CtestStatus::kPassed)};
  run.records = {process(kSteady, {passed("Steady.One"), passed("Steady.Two")})};
  return run;
}

Strings names_of(const RatchetVerdict& verdict) {
  Strings names;
  for (const FailingTest& test : verdict.failing) names.push_back(test.name);
  return names;
}

const FailingTest* find(const RatchetVerdict& verdict, const std::string& name) {
  for (const FailingTest& test : verdict.failing) {
    if (test.name == name) return &test;
  }
  return nullptr;
}

TEST(JudgeRuns, NamesTheFailingGtestTestNotItsCtestTest) {
  const RatchetVerdict verdict = judge_runs({faults_run(false)}, {});
  ASSERT_EQ(names_of(verdict), Strings{"Broken.AlwaysFails"});
  const FailingTest& test = verdict.failing.front();
  EXPECT_EQ(test.where, kBroken);
  EXPECT_EQ(test.failed_runs, Runs{1});
  EXPECT_EQ(test.passed, 0);
  EXPECT_EQ(test.why, "broken_test.cpp:7: planted");
  EXPECT_FALSE(test.flaky());
  EXPECT_FALSE(test.known);
  EXPECT_EQ(verdict.runs, 1);
  EXPECT_EQ(verdict.green_runs, 0);
  EXPECT_FALSE(verdict.accepted());
}

TEST(JudgeRuns, FailingInEveryRunIsFailedNotFlaky) {
  const RatchetVerdict verdict = judge_runs(three_faults_runs(), {});
  const FailingTest* broken = find(verdict, "Broken.AlwaysFails");
  ASSERT_NE(broken, nullptr);
  EXPECT_EQ(broken->failed_runs, (Runs{1, 2, 3}));
  EXPECT_EQ(broken->passed, 0);
  EXPECT_FALSE(broken->flaky());
}

TEST(JudgeRuns, PassedInSomeRunsAndFailedInOthersIsFlaky) {
  const RatchetVerdict verdict = judge_runs(three_faults_runs(), {});
  // Ordered by ctest test, then name; the passing neighbours are not named.
  EXPECT_EQ(names_of(verdict), (Strings{"Broken.AlwaysFails", "Flaky.FailsOnASeededHalfOfRuns"}));
  const FailingTest* flaky = find(verdict, "Flaky.FailsOnASeededHalfOfRuns");
  ASSERT_NE(flaky, nullptr);
  EXPECT_EQ(flaky->where, kFlaky);
  EXPECT_EQ(flaky->failed_runs, Runs{2});
  EXPECT_EQ(flaky->passed, 2);
  EXPECT_TRUE(flaky->flaky());
  EXPECT_EQ(flaky->why, "flaky_test.cpp:19: planted (run 2)");
  EXPECT_EQ(verdict.green_runs, 0);  // Broken fails in every run
}

TEST(JudgeRuns, KnownFromTheBaselineNewOtherwise) {
  const RatchetVerdict verdict = judge_runs(three_faults_runs(), {"Broken.AlwaysFails"});
  ASSERT_EQ(verdict.failing.size(), 2u);
  EXPECT_TRUE(find(verdict, "Broken.AlwaysFails")->known);
  EXPECT_FALSE(find(verdict, "Flaky.FailsOnASeededHalfOfRuns")->known);
  EXPECT_TRUE(verdict.fixed.empty());
  // A known failure is still a failure: the baseline tells them apart, it
  // does not accept them.
  EXPECT_FALSE(verdict.accepted());
}

TEST(JudgeRuns, BaselineEntriesThatFailedInNoRunAreFixed) {
  const RatchetVerdict verdict =
      judge_runs(three_faults_runs(), {"Broken.AlwaysFails", "Gone.Test", "Steady.One"});
  EXPECT_EQ(verdict.fixed, (Strings{"Gone.Test", "Steady.One"}));
  const RatchetVerdict green = judge_runs({green_run()}, {"Gone.Test"});
  EXPECT_EQ(green.fixed, Strings{"Gone.Test"});
  EXPECT_TRUE(green.accepted());
}

TEST(JudgeRuns, CtestFailureWithoutARecordBlamesTheCtestTest) {
  RatchetRun run;
  run.ctest = {ctest(kCrash, CtestStatus::kFailed), ctest(kSteady, CtestStatus::kPassed)};
  run.records = {process(kSteady, {passed("Steady.One")})};
  const RatchetVerdict verdict = judge_runs({run}, {});
  ASSERT_EQ(names_of(verdict), Strings{kCrash});
  EXPECT_EQ(verdict.failing.front().where, kCrash);
  EXPECT_EQ(verdict.failing.front().why, "the process failed and left no run record");
  EXPECT_EQ(verdict.green_runs, 0);
}

TEST(JudgeRuns, ProcessThatDiedMidTestBlamesThatTest) {
  RatchetRun run;
  run.ctest = {ctest(kCrash, CtestStatus::kFailed)};
  run.records = {process(
      kCrash, {passed("Crash.BeforeIt"), recorded("Crash.WhenAsked", TestResult::kInterrupted)},
      /*exited=*/false)};
  const RatchetVerdict verdict = judge_runs({run, run}, {});
  // The test it died in, not its passing neighbour nor the ctest test.
  ASSERT_EQ(names_of(verdict), Strings{"Crash.WhenAsked"});
  const FailingTest& test = verdict.failing.front();
  EXPECT_EQ(test.where, kCrash);
  EXPECT_EQ(test.failed_runs, (Runs{1, 2}));
  EXPECT_EQ(test.why.rfind("the process died in this test", 0), 0u) << test.why;
  EXPECT_FALSE(test.flaky());
}

TEST(JudgeRuns, ProcessThatDiedOutsideAnyTestBlamesTheCtestTest) {
  RatchetRun run;
  run.ctest = {ctest(kCrash, CtestStatus::kFailed)};
  run.records = {process(kCrash, {passed("Crash.BeforeIt")}, /*exited=*/false)};
  const RatchetVerdict verdict = judge_runs({run}, {});
  ASSERT_EQ(names_of(verdict), Strings{kCrash});
  EXPECT_EQ(verdict.failing.front().why,
            "the process died (crash, kill or timeout) before its tests ended");
}

TEST(JudgeRuns, FailureOutsideAnyTestBlamesTheCtestTest) {
  RatchetRun run;
  run.ctest = {ctest(kSteady, CtestStatus::kFailed)};
  run.records = {process(kSteady, {passed("Steady.One"), passed("Steady.Two")}, /*exited=*/true,
                         /*failed_outside=*/true)};
  const RatchetVerdict verdict = judge_runs({run}, {});
  ASSERT_EQ(names_of(verdict), Strings{kSteady});
  EXPECT_EQ(verdict.failing.front().why,
            "a failure outside any test (an environment or suite set-up)");
}

TEST(JudgeRuns, CtestTestNotRunIsAFailureOfItsOwn) {
  RatchetRun run;
  run.ctest = {ctest(kSteady, CtestStatus::kNotRun)};
  const RatchetVerdict verdict = judge_runs({run}, {});
  ASSERT_EQ(names_of(verdict), Strings{kSteady});
  EXPECT_EQ(verdict.failing.front().why, "ctest could not run it");
  EXPECT_FALSE(verdict.accepted());
}

TEST(JudgeRuns, SkippedAndDisabledCtestTestsLeaveTheRunGreen) {
  RatchetRun run = green_run();
  run.ctest.push_back(ctest("faults_tests/skipped_test.cpp", CtestStatus::kSkipped));
  run.ctest.push_back(ctest("faults_tests/disabled_test.cpp", CtestStatus::kDisabled));
  const RatchetVerdict verdict = judge_runs({run}, {});
  EXPECT_TRUE(verdict.failing.empty());
  EXPECT_TRUE(verdict.accepted());
}

TEST(JudgeRuns, FailedTestInAProcessCtestPassedStillMakesTheRunRed) {
  RatchetRun run;
  run.ctest = {ctest(kSteady, CtestStatus::kPassed)};
  run.records = {process(kSteady, {passed("Steady.One"), failed("Steady.Two", "steady:9: no")})};
  const RatchetVerdict verdict = judge_runs({run, green_run()}, {});
  EXPECT_EQ(verdict.green_runs, 1);
  EXPECT_FALSE(verdict.accepted());
  ASSERT_EQ(names_of(verdict), Strings{"Steady.Two"});
  EXPECT_EQ(verdict.failing.front().failed_runs, Runs{1});
  EXPECT_TRUE(verdict.failing.front().flaky());  // passed in run 2
}

TEST(JudgeRuns, ProcessFailureInOneRunAndPassInAnotherIsFlaky) {
  RatchetRun crashed;
  crashed.ctest = {ctest(kSteady, CtestStatus::kFailed)};
  const RatchetVerdict verdict = judge_runs({crashed, green_run(), green_run()}, {});
  ASSERT_EQ(names_of(verdict), Strings{kSteady});
  EXPECT_EQ(verdict.failing.front().failed_runs, Runs{1});
  EXPECT_EQ(verdict.failing.front().passed, 2);
  EXPECT_TRUE(verdict.failing.front().flaky());
  EXPECT_EQ(verdict.green_runs, 2);
}

TEST(JudgeRuns, AcceptedOnlyWhenEveryRunIsGreen) {
  const RatchetVerdict all_green = judge_runs({green_run(), green_run(), green_run()}, {});
  EXPECT_EQ(all_green.runs, 3);
  EXPECT_EQ(all_green.green_runs, 3);
  EXPECT_TRUE(all_green.failing.empty());
  EXPECT_TRUE(all_green.accepted());

  const RatchetVerdict one_red = judge_runs({green_run(), faults_run(false), green_run()}, {});
  EXPECT_EQ(one_red.green_runs, 2);
  EXPECT_FALSE(one_red.accepted());

  EXPECT_FALSE(judge_runs({}, {}).accepted());  // no run proves nothing
}

// A kitty binary registered by hand (add_test, no KITTY_CTEST_NAME): its
// record is named by its selector, which no ctest test is. Its failing test
// is still named, under that selector, and the run is red.
TEST(JudgeRuns, FailuresInARecordNoCtestTestNamesAreNotLost) {
  RatchetRun run;
  run.ctest = {ctest("by_hand", CtestStatus::kPassed)};
  run.records = {process(
      "--kitty_file=broken_test.cpp",
      {failed("Broken.AlwaysFails", "broken_test.cpp:7: planted"), passed("Broken.Passes")})};
  const RatchetVerdict verdict = judge_runs({run}, {});
  ASSERT_EQ(names_of(verdict), Strings{"Broken.AlwaysFails"});
  EXPECT_EQ(verdict.failing.front().where, "--kitty_file=broken_test.cpp");
  EXPECT_FALSE(verdict.accepted());
}

TEST(JudgeRuns, ADeathCarriesCtestsOwnWordForIt) {
  RatchetRun run;
  run.ctest = {ctest(kCrash, CtestStatus::kFailed)};
  run.records = {process(
      kCrash, {passed("Crash.BeforeIt"), recorded("Crash.WhenAsked", TestResult::kInterrupted)},
      /*exited=*/false)};
  run.statuses = {{kCrash, "***Timeout"}};
  const RatchetVerdict verdict = judge_runs({run}, {});
  ASSERT_EQ(names_of(verdict), Strings{"Crash.WhenAsked"});
  EXPECT_EQ(verdict.failing.front().why,
            "the process died in this test: timed out (ctest: Timeout)");
  EXPECT_TRUE(verdict.failing.front().crashed);
}

TEST(JudgeRuns, ADeathSaysHowTheLauncherSawIt) {
  RatchetRun run;
  run.ctest = {ctest(kCrash, CtestStatus::kFailed)};
  ProcessRecord died = process(
      kCrash, {passed("Crash.BeforeIt"), recorded("Crash.WhenAsked", TestResult::kInterrupted)},
      /*exited=*/false);
  died.ended = ProcessEnd{EndedBy::kSignal, 0, 6, "SIGABRT", false, 0, 5000};
  run.records = {died};
  const RatchetVerdict verdict = judge_runs({run}, {});
  ASSERT_EQ(names_of(verdict), Strings{"Crash.WhenAsked"});
  EXPECT_EQ(verdict.failing.front().why,
            "the process died in this test: died of SIGABRT (signal 6)");
}

TEST(CtestStatuses, ReadsEachTestsVerdictFromTheConsole) {
  const std::string console =
      "      Start  2: faults_tests/broken_test.cpp\n"
      "1/4 Test #2: faults_tests/broken_test.cpp .....***Failed    0.09 sec\n"
      "some output of a test\n"
      "2/4 Test #3: faults_tests/flaky_test.cpp ......   Passed    0.01 sec\n"
      " 3/14 Test #11: dir with space/a test.cpp ...***Timeout  10.02 sec\n"
      "4/4 Test #4: faults_tests/crash_test.cpp ......Subprocess aborted***Exception:   0.02 sec\n";
  const std::map<std::string, std::string> statuses = ctest_statuses(console);
  EXPECT_EQ(statuses, (std::map<std::string, std::string>{
                          {"faults_tests/broken_test.cpp", "***Failed"},
                          {"faults_tests/flaky_test.cpp", "Passed"},
                          {"dir with space/a test.cpp", "***Timeout"},
                          {"faults_tests/crash_test.cpp", "Subprocess aborted***Exception:"}}));
}

// --gtest_repeat: a test that passed three times in one run passed in one
// run, not three ("passed in 5 of 3" would be nonsense).
TEST(JudgeRuns, PassesAreCountedPerRunNotPerRepetition) {
  RatchetRun repeated;
  repeated.ctest = {ctest(kFlaky, CtestStatus::kPassed)};
  repeated.records = {process(
      kFlaky, {passed("Flaky.FailsOnASeededHalfOfRuns"), passed("Flaky.FailsOnASeededHalfOfRuns"),
               passed("Flaky.FailsOnASeededHalfOfRuns")})};
  RatchetRun failing;
  failing.ctest = {ctest(kFlaky, CtestStatus::kFailed)};
  failing.records = {process(kFlaky, {failed("Flaky.FailsOnASeededHalfOfRuns", "flaky:19")})};
  const RatchetVerdict verdict = judge_runs({repeated, failing}, {});
  ASSERT_EQ(names_of(verdict), Strings{"Flaky.FailsOnASeededHalfOfRuns"});
  EXPECT_EQ(verdict.failing.front().passed, 1);
  EXPECT_TRUE(verdict.failing.front().flaky());
}

TEST(JudgeRuns, AFailedCtestTestWithoutItsOwnRecordSaysWhyWhenOthersAreUnnamed) {
  RatchetRun run;
  run.ctest = {ctest("by_hand", CtestStatus::kFailed)};
  run.records = {process("--kitty_file=broken_test.cpp",
                         {failed("Broken.AlwaysFails", "broken_test.cpp:7: planted")})};
  const RatchetVerdict verdict = judge_runs({run}, {});
  ASSERT_EQ(verdict.failing.size(), 2u);
  const FailingTest& process_failure =
      verdict.failing.front().name == "by_hand" ? verdict.failing.front() : verdict.failing.back();
  EXPECT_NE(process_failure.why.find("no run record carries its name"), std::string::npos)
      << process_failure.why;
}

TEST(ParseCtestLine, ProgressCountsFailuresNotSkips) {
  const auto line = [](const std::string& text) {
    const std::optional<CtestConsoleLine> parsed = parse_ctest_line(text);
    EXPECT_TRUE(parsed) << text;
    return parsed.value_or(CtestConsoleLine{});
  };
  const CtestConsoleLine failed = line("3/14 Test #11: a/b.cpp ....***Failed    0.09 sec");
  EXPECT_EQ(failed.done, 3);
  EXPECT_EQ(failed.total, 14);
  EXPECT_TRUE(failed.failed());
  EXPECT_TRUE(line("1/2 Test #1: a/c.cpp ....***Timeout  10.02 sec").failed());
  EXPECT_FALSE(line("1/2 Test #1: a/c.cpp ....   Passed    0.01 sec").failed());
  EXPECT_FALSE(line("2/2 Test #2: a/d.cpp ....***Skipped   0.01 sec").failed());
  EXPECT_FALSE(line("2/2 Test #2: a/e.cpp ....***Not Run (Disabled)   0.00 sec").failed());
  EXPECT_FALSE(parse_ctest_line("      Start  2: a/b.cpp"));
}

class RatchetBaseline : public testing::Test {
 protected:
  void SetUp() override {
    const std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
    path_ = testing::TempDir() + "ratchet_baseline_" + name + ".txt";
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::string path_;
};

TEST_F(RatchetBaseline, ReadsOneNamePerLineSkippingCommentsAndBlanks) {
  std::ofstream(path_) << "# known failures\n"
                          "\n"
                          "   \t\n"
                          "  Broken.AlwaysFails  \n"
                          "\tFlaky.FailsOnASeededHalfOfRuns\r\n"
                          "   # an indented comment\n"
                          "faults_tests/crash_test.cpp";  // no final newline
  const Expected<std::set<std::string>> baseline = read_baseline(path_);
  ASSERT_TRUE(baseline) << baseline.error().message;
  EXPECT_EQ(*baseline,
            (std::set<std::string>{"Broken.AlwaysFails", "Flaky.FailsOnASeededHalfOfRuns",
                                   "faults_tests/crash_test.cpp"}));
}

TEST_F(RatchetBaseline, EmptyFileIsAnEmptyBaseline) {
  std::ofstream(path_) << "";
  const Expected<std::set<std::string>> baseline = read_baseline(path_);
  ASSERT_TRUE(baseline) << baseline.error().message;
  EXPECT_TRUE(baseline->empty());
}

TEST_F(RatchetBaseline, MissingFileIsAnError) {
  const Expected<std::set<std::string>> baseline = read_baseline(path_);
  ASSERT_FALSE(baseline);
  EXPECT_NE(baseline.error().message.find(path_), std::string::npos) << baseline.error().message;
  EXPECT_EQ(baseline.error().exit_code, 2);
}

TEST_F(RatchetBaseline, WrittenBaselineReadsBackAsTheFailingTests) {
  const std::string text = baseline_text(judge_runs(three_faults_runs(), {}));
  EXPECT_EQ(text.rfind("# ", 0), 0u) << text;
  std::ofstream(path_) << text;
  const Expected<std::set<std::string>> baseline = read_baseline(path_);
  ASSERT_TRUE(baseline) << baseline.error().message;
  EXPECT_EQ(*baseline,
            (std::set<std::string>{"Broken.AlwaysFails", "Flaky.FailsOnASeededHalfOfRuns"}));
  // With it, the same runs have nothing new and nothing fixed.
  const RatchetVerdict again = judge_runs(three_faults_runs(), *baseline);
  for (const FailingTest& test : again.failing) EXPECT_TRUE(test.known) << test.name;
  EXPECT_TRUE(again.fixed.empty());
}

TEST(FormatVerdict, MarksFlakyNewAndKnown) {
  const std::string text =
      format_verdict(judge_runs(three_faults_runs(), {"Broken.AlwaysFails", "Gone.Test"}));
  EXPECT_NE(text.find("FAILED  Broken.AlwaysFails  (faults_tests/broken_test.cpp)  failed in run "
                      "1,2,3 of 3  known\n       broken_test.cpp:7: planted\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("FLAKY   Flaky.FailsOnASeededHalfOfRuns  (faults_tests/flaky_test.cpp)  "
                      "failed in run 2, passed in 2 of 3  NEW\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("FIXED   Gone.Test  in the baseline, failed in no run"), std::string::npos)
      << text;
  // The flaky test counts once, as flaky, not also as failed.
  EXPECT_NE(text.find("gtest-kitty ratchet: 0 of 3 runs green; 1 test failed, 0 crashed, 1 flaky "
                      "(1 new, 1 known), 0 skipped: REJECTED\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("Steady"), std::string::npos) << text;
  EXPECT_EQ(text.find("NeighbourPasses"), std::string::npos) << text;
}

TEST(FormatVerdict, AllGreenIsAccepted) {
  const std::string text = format_verdict(judge_runs({green_run(), green_run()}, {}));
  EXPECT_EQ(text,
            "gtest-kitty ratchet: 2 of 2 runs green; 0 tests failed, 0 crashed, 0 flaky (0 new, 0 "
            "known), 0 skipped: ACCEPTED\n");
}

TEST(FormatVerdict, AFailureWithoutAMessageSaysSo) {
  RatchetRun run;
  run.ctest = {ctest(kSteady, CtestStatus::kPassed)};
  run.records = {process(kSteady, {failed("Steady.One", "")})};
  const std::string text = format_verdict(judge_runs({run}, {}));
  EXPECT_NE(text.find("FAILED  Steady.One  (faults_tests/steady_test.cpp)  failed in run 1 of 1  "
                      "NEW\n       (no message)\n"),
            std::string::npos)
      << text;
}

TEST(FormatVerdict, CountsCrashedAndSkippedApartFromFailed) {
  RatchetRun run;
  run.ctest = {ctest(kCrash, CtestStatus::kFailed), ctest(kBroken, CtestStatus::kFailed),
               ctest("faults_tests/quarantined_test.cpp", CtestStatus::kSkipped)};
  run.records = {
      process(kCrash,
              {passed("Crash.BeforeIt"), recorded("Crash.WhenAsked", TestResult::kInterrupted)},
              /*exited=*/false),
      process(kBroken, {failed("Broken.AlwaysFails", "planted"),
                        recorded("Broken.Skips", TestResult::kSkipped)})};
  const std::string text = format_verdict(judge_runs({run}, {}));
  EXPECT_NE(
      text.find("CRASHED Crash.WhenAsked  (faults_tests/crash_test.cpp)  failed in run 1 of 1"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("gtest-kitty ratchet: 0 of 1 run green; 1 test failed, 1 crashed, 0 flaky "
                      "(2 new, 0 known), 2 skipped: REJECTED\n"),
            std::string::npos)
      << text;
}

TEST(FormatVerdict, AFailureExcerptIsPrintable) {
  RatchetRun run;
  run.ctest = {ctest(kSteady, CtestStatus::kFailed)};
  run.records = {process(kSteady, {failed("Steady.One", std::string("got \x01\x1b[2J\xff\xfe", 11) +
                                                            " \xC3\xBC end")})};
  const std::string text = format_verdict(judge_runs({run}, {}));
  EXPECT_NE(text.find("got \\x01\\x1b[2J\\xff\\xfe \xC3\xBC end\n"), std::string::npos) << text;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte == '\n' || byte >= 0x20) << "raw control byte " << int(byte) << " in " << text;
  }
}

TEST(FormatVerdict, EachFailureSaysTheCommandThatRerunsJustIt) {
  RatchetRun run;
  run.ctest = {ctest(kBroken, CtestStatus::kFailed), ctest(kSteady, CtestStatus::kFailed)};
  ProcessRecord with_field = process(kBroken, {failed("Broken.AlwaysFails", "planted")});
  with_field.rerun =
      "cd '/b' && KITTY_PORT_UNIT=1 '/b/faults_tests' '--kitty_file=broken_test.cpp'";
  ProcessRecord without_field = process(kSteady, {failed("Steady.It's", "planted")});
  without_field.executable = "/b/faults_tests";
  without_field.selector = "--kitty_file=steady_test.cpp";
  run.records = {with_field, without_field};
  const std::string text = format_verdict(judge_runs({run}, {}));
  EXPECT_NE(text.find("       rerun: cd '/b' && KITTY_PORT_UNIT=1 '/b/faults_tests' "
                      "'--kitty_file=broken_test.cpp' '--gtest_filter=Broken.AlwaysFails'\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("       rerun: '/b/faults_tests' '--kitty_file=steady_test.cpp' "
                      "'--gtest_filter=Steady.It'\\''s'\n"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace kitty::cli
