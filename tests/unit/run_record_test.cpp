// Reading what a run left behind: the run records its test processes wrote
// (a process killed mid-write included) and ctest's own JUnit report.
#include "cli/model/record_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/adapters/ctest_junit.h"

namespace kitty::cli {
namespace {

namespace fs = std::filesystem;

const std::string kHeader =
    R"({"kitty_record":1,"name":"faults_tests/broken_test.cpp","selector":"--kitty_file=broken_test.cpp",)"
    R"("executable":"/build/faults_tests","run_id":"20260101T000000-7","pid":42,"worker":1,)"
    R"("launched_us":900,"start_us":1000})"
    "\n";

TEST(ParseRunRecord, ReadsAFullRecord) {
  const std::string text =
      kHeader +
      R"({"e":"start","test":"Broken.AlwaysFails","t":1100})"
      "\n"
      R"({"e":"end","test":"Broken.AlwaysFails","result":"failed","t":1200,"message":"broken_test.cpp:7: planted"})"
      "\n"
      R"({"e":"start","test":"Broken.Passes","t":1300})"
      "\n"
      R"({"e":"end","test":"Broken.Passes","result":"passed","t":1400})"
      "\n"
      R"({"e":"start","test":"Broken.Skips","t":1500})"
      "\n"
      R"({"e":"end","test":"Broken.Skips","result":"skipped","t":1600})"
      "\n"
      R"({"e":"exit","failed":true,"t":1700})"
      "\n";
  const Expected<ProcessRecord> record = parse_run_record("r/42.jsonl", text);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->path, "r/42.jsonl");
  EXPECT_EQ(record->name, "faults_tests/broken_test.cpp");
  EXPECT_EQ(record->selector, "--kitty_file=broken_test.cpp");
  EXPECT_EQ(record->executable, "/build/faults_tests");
  EXPECT_EQ(record->run_id, "20260101T000000-7");
  EXPECT_EQ(record->pid, 42);
  EXPECT_EQ(record->worker, 1);
  EXPECT_EQ(record->launched_us, 900);
  EXPECT_EQ(record->start_us, 1000);
  EXPECT_EQ(record->end_us, 1700);
  EXPECT_TRUE(record->exited);
  EXPECT_TRUE(record->failed);
  ASSERT_EQ(record->tests.size(), 3u);
  const RecordedTest& failed = record->tests[0];
  EXPECT_EQ(failed.name, "Broken.AlwaysFails");
  EXPECT_EQ(failed.result, TestResult::kFailed);
  EXPECT_EQ(failed.start_us, 1100);
  EXPECT_EQ(failed.end_us, 1200);
  EXPECT_EQ(failed.message, "broken_test.cpp:7: planted");
  EXPECT_EQ(record->tests[1].name, "Broken.Passes");
  EXPECT_EQ(record->tests[1].result, TestResult::kPassed);
  EXPECT_EQ(record->tests[1].message, "");
  EXPECT_EQ(record->tests[2].result, TestResult::kSkipped);
  EXPECT_EQ(record->tests[2].end_us, 1600);
}

// --gtest_repeat: each later repetition is announced, and its tests carry it.
TEST(ParseRunRecord, RepeatedTestsCarryTheirIteration) {
  const std::string text = kHeader + R"({"e":"start","test":"A.b","t":1100})"
                                     "\n"
                                     R"({"e":"end","test":"A.b","result":"passed","t":1200})"
                                     "\n"
                                     R"({"e":"iteration","n":1,"t":1300})"
                                     "\n"
                                     R"({"e":"start","test":"A.b","t":1400})"
                                     "\n"
                                     R"({"e":"end","test":"A.b","result":"failed","t":1500})"
                                     "\n";
  const Expected<ProcessRecord> record = parse_run_record("r.jsonl", text);
  ASSERT_TRUE(record) << record.error().message;
  ASSERT_EQ(record->tests.size(), 2u);
  EXPECT_EQ(record->tests[0].iteration, 0);
  EXPECT_EQ(record->tests[0].result, TestResult::kPassed);
  EXPECT_EQ(record->tests[1].iteration, 1);
  EXPECT_EQ(record->tests[1].result, TestResult::kFailed);
}

TEST(ParseRunRecord, HeaderDefaultsWithoutWorkerOrLaunchTime) {
  const Expected<ProcessRecord> record =
      parse_run_record("r.jsonl", R"({"kitty_record":1,"name":"t","pid":7,"start_us":500})"
                                  "\n");
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->worker, -1);
  EXPECT_EQ(record->launched_us, 500);  // launched when it started
  EXPECT_EQ(record->end_us, 500);
  EXPECT_FALSE(record->exited);  // no exit line: it died
  EXPECT_TRUE(record->tests.empty());
}

TEST(ParseRunRecord, ProcessKilledMidWriteLeavesItsTestInterrupted) {
  // The last line is cut short (no newline either): the process was killed
  // while writing it. The test it was in never ended.
  const std::string text = kHeader +
                           R"({"e":"start","test":"Crash.BeforeIt","t":1100})"
                           "\n"
                           R"({"e":"end","test":"Crash.BeforeIt","result":"passed","t":1200})"
                           "\n"
                           R"({"e":"start","test":"Crash.WhenAsked","t":1300})"
                           "\n"
                           R"({"e":"end","test":"Crash.WhenAsked","res)";
  const Expected<ProcessRecord> record = parse_run_record("r/42.jsonl", text);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_FALSE(record->exited);
  EXPECT_EQ(record->end_us, 1300);  // the last complete line
  ASSERT_EQ(record->tests.size(), 2u);
  EXPECT_EQ(record->tests[0].result, TestResult::kPassed);
  const RecordedTest& died = record->tests[1];
  EXPECT_EQ(died.name, "Crash.WhenAsked");
  EXPECT_EQ(died.result, TestResult::kInterrupted);
  EXPECT_EQ(died.start_us, 1300);
  EXPECT_EQ(died.end_us, 1300);
}

TEST(ParseRunRecord, TestNeverEndedEndsAtTheLastSignOfLife) {
  // Another test's end is written after it started (a listener of the
  // process, or a line of a second thread): the open test lasted until then.
  const std::string text = kHeader + R"({"e":"start","test":"Hang.Forever","t":1100})"
                                     "\n"
                                     R"({"e":"start","test":"Other.Test","t":1150})"
                                     "\n"
                                     R"({"e":"end","test":"Other.Test","result":"passed","t":1900})"
                                     "\n";
  const Expected<ProcessRecord> record = parse_run_record("r.jsonl", text);
  ASSERT_TRUE(record) << record.error().message;
  ASSERT_EQ(record->tests.size(), 2u);
  EXPECT_EQ(record->tests[0].name, "Hang.Forever");
  EXPECT_EQ(record->tests[0].result, TestResult::kInterrupted);
  EXPECT_EQ(record->tests[0].start_us, 1100);
  EXPECT_EQ(record->tests[0].end_us, 1900);
  EXPECT_EQ(record->end_us, 1900);
  EXPECT_FALSE(record->exited);
}

TEST(ParseRunRecord, MalformedMiddleLineIsAnError) {
  const std::string text = kHeader + R"({"e":"start","test":"A.b","t":1100})"
                                     "\n"
                                     "{\"e\":\"end\",\"te\n"
                                     R"({"e":"exit","failed":false,"t":1300})"
                                     "\n";
  const Expected<ProcessRecord> record = parse_run_record("r/42.jsonl", text);
  ASSERT_FALSE(record);
  EXPECT_NE(record.error().message.find("r/42.jsonl:3: not a kitty run record line"),
            std::string::npos)
      << record.error().message;
}

TEST(ParseRunRecord, NotAnObjectIsAnError) {
  const std::string text = kHeader + "[1,2]\n" + R"({"e":"exit","failed":false,"t":1300})" + "\n";
  const Expected<ProcessRecord> record = parse_run_record("r.jsonl", text);
  ASSERT_FALSE(record);
  EXPECT_NE(record.error().message.find("r.jsonl:2:"), std::string::npos) << record.error().message;
}

TEST(ParseRunRecord, WrongOrMissingHeaderIsAnError) {
  const Expected<ProcessRecord> version =
      parse_run_record("r.jsonl", R"({"kitty_record":2,"name":"t"})"
                                  "\n");
  ASSERT_FALSE(version);
  EXPECT_NE(version.error().message.find("r.jsonl: not a kitty run record"), std::string::npos)
      << version.error().message;

  const Expected<ProcessRecord> no_header =
      parse_run_record("r.jsonl", R"({"e":"start","test":"A.b","t":1100})"
                                  "\n");
  ASSERT_FALSE(no_header);
  EXPECT_NE(no_header.error().message.find("not a kitty run record"), std::string::npos);

  // A cut-short first line is not tolerated: there is nothing to read.
  const Expected<ProcessRecord> cut_header = parse_run_record("r.jsonl", R"({"kitty_reco)");
  ASSERT_FALSE(cut_header);
  EXPECT_NE(cut_header.error().message.find("r.jsonl:1:"), std::string::npos)
      << cut_header.error().message;
}

TEST(ParseRunRecord, EmptyRecordIsAnError) {
  const Expected<ProcessRecord> record = parse_run_record("r/7.jsonl", "");
  ASSERT_FALSE(record);
  EXPECT_EQ(record.error().message, "r/7.jsonl: empty run record");
}

TEST(ParseRunRecord, EndWithoutStartIsAnError) {
  const std::string text =
      kHeader + R"({"e":"end","test":"A.b","result":"passed","t":1200})" + "\n";
  const Expected<ProcessRecord> record = parse_run_record("r.jsonl", text);
  ASSERT_FALSE(record);
  EXPECT_EQ(record.error().message, "r.jsonl:2: A.b ends without having started");
}

TEST(ParseRunRecord, ReadsTheLaunchersEndedLine) {
  const std::string started = kHeader + R"({"e":"start","test":"A.b","t":1100})" + "\n";
  const Expected<ProcessRecord> signal = parse_run_record(
      "r",
      started +
          R"({"e":"ended","by":"signal","signal":11,"signal_name":"SIGSEGV","left":2,"t":1500})" +
          "\n");
  ASSERT_TRUE(signal) << signal.error().message;
  ASSERT_TRUE(signal->ended);
  EXPECT_EQ(signal->ended->by, EndedBy::kSignal);
  EXPECT_EQ(signal->ended->signal, 11);
  EXPECT_EQ(signal->ended->signal_name, "SIGSEGV");
  EXPECT_EQ(signal->ended->left, 2);
  EXPECT_EQ(signal->ended->t, 1500);
  EXPECT_FALSE(signal->exited);
  EXPECT_EQ(died_in(*signal)->name, "A.b");

  const Expected<ProcessRecord> premature = parse_run_record(
      "r",
      started + R"({"e":"ended","by":"exit","code":0,"premature":true,"left":0,"t":1400})" + "\n");
  ASSERT_TRUE(premature && premature->ended) << premature.error().message;
  EXPECT_EQ(premature->ended->by, EndedBy::kExit);
  EXPECT_TRUE(premature->ended->premature);

  const Expected<ProcessRecord> killed = parse_run_record(
      "r", started + R"({"e":"ended","by":"killed","signal":9,"left":0,"t":1400})" + "\n");
  ASSERT_TRUE(killed && killed->ended);
  EXPECT_EQ(killed->ended->by, EndedBy::kKilled);

  const Expected<ProcessRecord> none = parse_run_record("r", started);
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->ended);

  const Expected<ProcessRecord> bad =
      parse_run_record("r", started + R"({"e":"ended","by":"magic","t":1400})" + "\n");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "r:3: an end by 'magic' (exit, signal or killed)");
}

TEST(RerunCommand, TheHeadersRerunPrefixWithAQuotedFilter) {
  const std::string header =
      R"({"kitty_record":1,"name":"t","selector":"--kitty_file=a.cpp","executable":"/b/x",)"
      R"("rerun":"cd '/b' && '/b/x' '--kitty_file=a.cpp'","pid":1,"start_us":1})"
      "\n";
  const Expected<ProcessRecord> record = parse_run_record("r", header);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->rerun, "cd '/b' && '/b/x' '--kitty_file=a.cpp'");
  EXPECT_EQ(rerun_command(*record, "P/S.It's/0"),
            "cd '/b' && '/b/x' '--kitty_file=a.cpp' '--gtest_filter=P/S.It'\\''s/0'");
  ProcessRecord old = *record;
  old.rerun.clear();  // a record from before the field: made from executable and selector
  EXPECT_EQ(rerun_command(old, "S.t"), "'/b/x' '--kitty_file=a.cpp' '--gtest_filter=S.t'");
  old.executable.clear();
  EXPECT_EQ(rerun_command(old, "S.t"), "");
}

TEST(ParseRunRecord, UnknownEventIsAnError) {
  const std::string text = kHeader + R"({"e":"paused","t":1200})" + "\n";
  const Expected<ProcessRecord> record = parse_run_record("r.jsonl", text);
  ASSERT_FALSE(record);
  EXPECT_NE(record.error().message.find("unknown record event 'paused'"), std::string::npos)
      << record.error().message;
}

// Valid JSON with a field of the wrong type: an error naming the record,
// like any other corrupt record, not an exception.
TEST(ParseRunRecord, FieldOfTheWrongTypeIsAnError) {
  const std::string text = kHeader + R"({"e":"start","test":"A.b","t":"soon"})" + "\n";
  Expected<ProcessRecord> record = ProcessRecord{};
  EXPECT_NO_THROW(record = parse_run_record("r.jsonl", text));
  EXPECT_FALSE(record);
  EXPECT_NO_THROW(record = parse_run_record("r.jsonl", R"({"kitty_record":"1"})"
                                                       "\n"));
  EXPECT_FALSE(record);
}

class ReadRunRecords : public testing::Test {
 protected:
  void SetUp() override {
    const std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = testing::TempDir() + "run_record_test_" + name;
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
  }
  std::string dir_;
};

TEST_F(ReadRunRecords, ReadsEveryRecordOfADirectoryInLaunchOrder) {
  write("20.jsonl", R"({"kitty_record":1,"name":"b","pid":20,"launched_us":2000,"start_us":2100})"
                    "\n");
  write("10.jsonl", R"({"kitty_record":1,"name":"a","pid":10,"launched_us":1000,"start_us":3000})"
                    "\n");
  write("notes.txt", "not a record");
  const Expected<std::vector<ProcessRecord>> records = read_run_records(dir_);
  ASSERT_TRUE(records) << records.error().message;
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].name, "a");
  EXPECT_EQ((*records)[1].name, "b");
  EXPECT_EQ((*records)[1].path, (fs::path(dir_) / "20.jsonl").string());
}

TEST_F(ReadRunRecords, EmptyDirectoryHasNoRecords) {
  const Expected<std::vector<ProcessRecord>> records = read_run_records(dir_);
  ASSERT_TRUE(records) << records.error().message;
  EXPECT_TRUE(records->empty());
}

TEST_F(ReadRunRecords, ACorruptRecordIsAnErrorNamingIt) {
  write("10.jsonl", R"({"kitty_record":1,"name":"a","pid":10})"
                    "\n");
  write("11.jsonl", "garbage\n");
  const Expected<std::vector<ProcessRecord>> records = read_run_records(dir_);
  ASSERT_FALSE(records);
  EXPECT_NE(records.error().message.find("11.jsonl:1: not a kitty run record line"),
            std::string::npos)
      << records.error().message;
}

TEST_F(ReadRunRecords, MissingDirectoryIsAnError) {
  const Expected<std::vector<ProcessRecord>> records = read_run_records(dir_ + "/nowhere");
  ASSERT_FALSE(records);
  EXPECT_EQ(records.error().message, "no run record directory " + dir_ + "/nowhere");
  EXPECT_EQ(records.error().exit_code, 2);
}

// The same scratch directory, for ctest's reports.
class ReadCtestJunit : public ReadRunRecords {};

// ctest --output-junit, written by hand after what CMake 3.21+ writes: a
// skip by SKIP_RETURN_CODE or SKIP_REGULAR_EXPRESSION is "notrun" with a
// <skipped> whose message starts with SKIP_; any other "notrun" is a test
// ctest could not run.
const char kCtestJunit[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="Linux-c++" tests="7" failures="1" disabled="1" skipped="2" hostname="vm" time="0"
	timestamp="2026-01-01T00:00:00">
	<testcase name="p/pass_test.cpp" classname="p/pass_test.cpp" time="0.5" status="run">
		<system-out>[  PASSED  ] 2 tests.</system-out>
	</testcase>
	<testcase name="p/fail_test.cpp" classname="p/fail_test.cpp" time="0.25" status="fail">
		<failure message=""/>
		<system-out>[  FAILED  ] Broken.AlwaysFails</system-out>
	</testcase>
	<testcase name="p/disabled_test.cpp" classname="p/disabled_test.cpp" time="0" status="disabled">
		<skipped message="Disabled"/>
	</testcase>
	<testcase name="p/skip_code_test.cpp" classname="p/skip_code_test.cpp" time="0.1" status="notrun">
		<skipped message="SKIP_RETURN_CODE=77"/>
	</testcase>
	<testcase name="p/skip_regex_test.cpp" classname="p/skip_regex_test.cpp" time="0.1" status="notrun">
		<skipped message="SKIP_REGULAR_EXPRESSION_MATCHED"/>
	</testcase>
	<testcase name="p/missing_test.cpp" classname="p/missing_test.cpp" time="0" status="notrun">
		<skipped message="Unable to find executable: /build/missing"/>
	</testcase>
	<testcase name="p/bare_test.cpp" classname="p/bare_test.cpp" time="0" status="notrun"/>
</testsuite>
)";

TEST_F(ReadCtestJunit, ReadsEveryStatus) {
  write("ctest.xml", kCtestJunit);
  const Expected<std::vector<CtestCase>> cases = read_ctest_junit(dir_ + "/ctest.xml");
  ASSERT_TRUE(cases) << cases.error().message;
  ASSERT_EQ(cases->size(), 7u);
  const std::vector<std::pair<std::string, CtestStatus>> expected = {
      {"p/pass_test.cpp", CtestStatus::kPassed},
      {"p/fail_test.cpp", CtestStatus::kFailed},
      {"p/disabled_test.cpp", CtestStatus::kDisabled},
      {"p/skip_code_test.cpp", CtestStatus::kSkipped},
      {"p/skip_regex_test.cpp", CtestStatus::kSkipped},
      {"p/missing_test.cpp", CtestStatus::kNotRun},
      {"p/bare_test.cpp", CtestStatus::kNotRun}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*cases)[i].name, expected[i].first);
    EXPECT_EQ((*cases)[i].status, expected[i].second) << expected[i].first;
  }
  EXPECT_DOUBLE_EQ((*cases)[0].seconds, 0.5);
  EXPECT_EQ((*cases)[0].output, "[  PASSED  ] 2 tests.");
  EXPECT_EQ((*cases)[1].output, "[  FAILED  ] Broken.AlwaysFails");
  // What counts against the run: failed, and not run for a reason other
  // than a skip or DISABLED.
  std::vector<std::string> failures;
  for (const CtestCase& test : *cases) {
    if (counts_as_failure(test.status)) failures.push_back(test.name);
  }
  EXPECT_EQ(failures,
            (std::vector<std::string>{"p/fail_test.cpp", "p/missing_test.cpp", "p/bare_test.cpp"}));
}

TEST_F(ReadCtestJunit, NoTestsIsNoCases) {
  write("ctest.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="Linux-c++" tests="0" failures="0" disabled="0" skipped="0" time="0">
</testsuite>
)");
  const Expected<std::vector<CtestCase>> cases = read_ctest_junit(dir_ + "/ctest.xml");
  ASSERT_TRUE(cases) << cases.error().message;
  EXPECT_TRUE(cases->empty());
}

TEST_F(ReadCtestJunit, MissingFileIsAnError) {
  const Expected<std::vector<CtestCase>> cases = read_ctest_junit(dir_ + "/ctest.xml");
  ASSERT_FALSE(cases);
  EXPECT_NE(cases.error().message.find("cannot read ctest's JUnit " + dir_ + "/ctest.xml"),
            std::string::npos)
      << cases.error().message;
}

TEST_F(ReadCtestJunit, TruncatedFileIsAnError) {
  const std::string text = kCtestJunit;
  write("ctest.xml", text.substr(0, text.find("<testcase name=\"p/disabled_test.cpp\"") + 20));
  const Expected<std::vector<CtestCase>> cases = read_ctest_junit(dir_ + "/ctest.xml");
  ASSERT_FALSE(cases);
  EXPECT_NE(cases.error().message.find("cannot read ctest's JUnit"), std::string::npos)
      << cases.error().message;
}

TEST_F(ReadCtestJunit, OtherXmlOrUnknownStatusIsAnError) {
  write("gtest.xml", R"(<?xml version="1.0"?><testsuites tests="1"></testsuites>)");
  const Expected<std::vector<CtestCase>> other = read_ctest_junit(dir_ + "/gtest.xml");
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("is not ctest's JUnit report"), std::string::npos)
      << other.error().message;

  write("odd.xml", R"(<testsuite><testcase name="p/a.cpp" status="exploded"/></testsuite>)");
  const Expected<std::vector<CtestCase>> odd = read_ctest_junit(dir_ + "/odd.xml");
  ASSERT_FALSE(odd);
  EXPECT_NE(odd.error().message.find("test p/a.cpp has an unknown status 'exploded'"),
            std::string::npos)
      << odd.error().message;
}

}  // namespace
}  // namespace kitty::cli
