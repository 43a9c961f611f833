// The run record: what a test process writes, while it runs, so that the
// tools read afterwards which tests ran in it, when, on which worker, and
// how they ended (gtest-kitty ratchet names failing tests by it, timeline
// draws it, bench checks it). One JSON object per line. A test's start is
// written out before it runs (with the previous test's end), and the end of
// a suite's last test before its TearDownTestSuite, so a process that
// crashes leaves every line up to the test it died in:
//
//   {"kitty_record":1,"name":"<ctest test>","selector":"--kitty_file=a.cpp",
//    "executable":"...","run_id":"...","pid":42,"worker":0,
//    "launched_us":...,"start_us":...,"rerun":"cd '/b' && '/b/t' '--kitty_file=a.cpp'"}
//   {"e":"start","test":"Suite.Name","t":...}
//   {"e":"end","test":"Suite.Name","result":"passed|failed|skipped","t":...,
//    "message":"first line of the first failure"}
//   {"e":"iteration","n":1,"t":...}          (--gtest_repeat: each later iteration)
//   {"e":"exit","failed":false,"t":...}      (a failure outside tests counts)
//   {"e":"ended","by":"exit",...}            (the launcher's, after the process: record_file.h)
//
// Where: $KITTY_RECORD_DIR/<pid>.jsonl when set (one directory per run, the
// caller's), else <isolation run dir>/record/<pid>.jsonl. A process without
// a selection (a direct run of the whole binary) records nothing.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/status.h"
#include "record/record_file.h"

namespace kitty::internal {

struct RecordHeader {
  std::string name;      // the ctest test (KITTY_CTEST_NAME), else the selector
  std::string selector;  // "--kitty_file=..."
  std::string executable;
  std::string run_id;
  int worker = -1;
  long long launched_us = 0;  // when the launcher started (KITTY_LAUNCHED_US), else start_us
  std::string rerun;          // rerun.h's prefix: reruns this selection by hand
};

class RecordListener : public testing::EmptyTestEventListener {
 public:
  // Opens <dir>/<pid>.jsonl and writes the header; a kOutput failure when
  // the file cannot be made.
  static Result<std::unique_ptr<RecordListener>> open(const std::string& dir,
                                                      const RecordHeader& header);
  ~RecordListener() override;
  RecordListener(const RecordListener&) = delete;
  RecordListener& operator=(const RecordListener&) = delete;

  void OnTestIterationStart(const testing::UnitTest& unit_test, int iteration) override;
  void OnTestSuiteStart(const testing::TestSuite& suite) override;
  void OnTestStart(const testing::TestInfo& info) override;
  void OnTestEnd(const testing::TestInfo& info) override;
  void OnTestProgramEnd(const testing::UnitTest& unit_test) override;

 private:
  explicit RecordListener(int fd);
  // Adds a line; with `flush`, writes what is pending with one write(2).
  // Nothing sits in a stdio buffer, so a child forked without exec cannot
  // write a copy; and only this process (`pid_`) ever writes.
  void write_line(const std::string& line, bool flush);
  int fd_ = -1;
  long long pid_ = 0;  // platform/process.h ProcessId
  std::string pending_;
  const testing::TestInfo* last_of_suite_ = nullptr;  // flushed at its end: teardown follows
};

}  // namespace kitty::internal
