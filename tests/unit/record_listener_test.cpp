// The run record a test process writes (run_record.h): where it goes, and
// that every line is on disk as soon as it is written.
#include "record/record_writer.h"

#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "platform/process.h"
#include "portable_test_support.h"

namespace kitty::internal {
namespace {

using test_support::entries;
using test_support::EnvironmentGuard;
using test_support::read_file;
using test_support::ScratchDir;
using test_support::write_file;
using ::testing::HasSubstr;
using ::testing::SizeIs;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}

RecordHeader header() {
  RecordHeader made;
  made.name = "target/a_test.cpp";
  made.selector = "--kitty_file=a_test.cpp";
  made.executable = "/build/target";
  made.run_id = "20261126T120000-42";
  made.worker = 1;
  made.launched_us = 1000;
  return made;
}

TEST(RecordDirectory, KittyRecordDirWinsOverTheIsolationRun) {
  EnvironmentGuard guard({"KITTY_RECORD_DIR"});
  set_variable("KITTY_RECORD_DIR", "/records/run-1");
  EXPECT_EQ(record_directory("/homes/run"), "/records/run-1");
}

TEST(RecordDirectory, IsolatedProcessRecordsInItsRunDirectory) {
  EnvironmentGuard guard({"KITTY_RECORD_DIR"});
  unset_variable("KITTY_RECORD_DIR");
  EXPECT_EQ(record_directory("/homes/run"), "/homes/run/record");
}

TEST(RecordDirectory, NeitherMeansNoRecord) {
  EnvironmentGuard guard({"KITTY_RECORD_DIR"});
  set_variable("KITTY_RECORD_DIR", "");
  EXPECT_EQ(record_directory(""), "");
}

TEST(RecordListener, WritesAHeaderNamedByPidAtOnce) {
  ScratchDir scratch;
  const auto opened = RecordListener::open(scratch.path() + "/run", header());
  ASSERT_TRUE(opened) << opened.failure().message;
  const std::string path =
      scratch.path() + "/run/" + std::to_string(current_process_id()) + ".jsonl";
  // Flushed already: a crash right now would leave the header.
  const std::vector<std::string> lines = lines_of(read_file(path));
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_THAT(lines[0], HasSubstr("{\"kitty_record\":1,\"name\":\"target/a_test.cpp\""));
  EXPECT_THAT(lines[0], HasSubstr("\"worker\":1,\"launched_us\":1000,\"start_us\":"));
  EXPECT_THAT(lines[0], HasSubstr("\"pid\":" + std::to_string(current_process_id())));
}

TEST(RecordListener, APidSeenBeforeInTheRunGetsAFileOfItsOwn) {
  ScratchDir scratch;
  const auto first = RecordListener::open(scratch.path(), header());
  const auto second = RecordListener::open(scratch.path(), header());
  ASSERT_TRUE(first && second);
  EXPECT_THAT(entries(scratch.path()),
              ::testing::UnorderedElementsAre(std::to_string(current_process_id()) + ".jsonl",
                                              std::to_string(current_process_id()) + "-1.jsonl"));
}

TEST(RecordListener, RecordsEachTestsStartAndEndAsTheyHappen) {
  ScratchDir scratch;
  const auto opened = RecordListener::open(scratch.path(), header());
  ASSERT_TRUE(opened) << opened.failure().message;
  RecordListener& listener = **opened;
  const testing::TestInfo& self = *testing::UnitTest::GetInstance()->current_test_info();
  const std::string path = scratch.path() + "/" + std::to_string(current_process_id()) + ".jsonl";
  listener.OnTestStart(self);
  // The start is on disk while the test runs: a crash here names this test.
  ASSERT_THAT(lines_of(read_file(path)), SizeIs(2));
  EXPECT_THAT(lines_of(read_file(path))[1],
              HasSubstr("{\"e\":\"start\",\"test\":\"RecordListener."
                        "RecordsEachTestsStartAndEndAsTheyHappen\",\"t\":"));
  listener.OnTestEnd(self);
  listener.OnTestProgramEnd(*testing::UnitTest::GetInstance());
  const std::vector<std::string> lines = lines_of(read_file(path));
  ASSERT_THAT(lines, SizeIs(4));
  EXPECT_THAT(lines[2], HasSubstr("\"result\":\"passed\""));
  EXPECT_THAT(lines[3], HasSubstr("{\"e\":\"exit\",\"failed\":false,\"t\":"));
}

#ifndef _WIN32  // Windows has no fork: a child process never holds the listener
// A child forked without exec (a test's helper process) holds a copy of the
// listener and of what is pending: it must write none of it.
TEST(RecordListener, AForkedChildWritesNothing) {
  ScratchDir scratch;
  const auto opened = RecordListener::open(scratch.path(), header());
  ASSERT_TRUE(opened) << opened.failure().message;
  RecordListener& listener = **opened;
  const testing::TestInfo& self = *testing::UnitTest::GetInstance()->current_test_info();
  const std::string path = scratch.path() + "/" + std::to_string(current_process_id()) + ".jsonl";
  listener.OnTestStart(self);
  listener.OnTestEnd(self);  // pending: written with the next start
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    listener.OnTestStart(self);
    listener.OnTestProgramEnd(*testing::UnitTest::GetInstance());
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_THAT(lines_of(read_file(path)), SizeIs(2));  // header and start, from the parent
  listener.OnTestProgramEnd(*testing::UnitTest::GetInstance());
  const std::vector<std::string> lines = lines_of(read_file(path));
  ASSERT_THAT(lines, SizeIs(4));
  EXPECT_THAT(lines[2], HasSubstr("\"e\":\"end\""));
  EXPECT_THAT(lines[3], HasSubstr("\"e\":\"exit\""));
}
#endif

TEST(RecordListener, AnUnwritableDirectoryIsAnOutputFailureNotACrash) {
  ScratchDir scratch;
  write_file(scratch.path() + "/file", "not a directory");
  const auto opened = RecordListener::open(scratch.path() + "/file/run", header());
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.failure().category, Category::kOutput);
  EXPECT_THAT(opened.failure().message, HasSubstr("cannot make the record directory"));
}

}  // namespace
}  // namespace kitty::internal
