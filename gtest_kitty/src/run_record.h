// The run record: what a test process writes, while it runs, so that the
// tools read afterwards which tests ran in it, when, on which worker, and
// how they ended (gtest-kitty ratchet names failing tests by it, timeline
// draws it, bench checks it). One JSON object per line. A test's start is
// flushed before it runs (with the previous test's end), so a process that
// crashes leaves every line up to the test it died in; one that dies between
// tests (a suite's TearDownTestSuite) is seen dying in the last test started:
//
//   {"kitty_record":1,"name":"<ctest test>","selector":"--kitty_file=a.cpp",
//    "executable":"...","run_id":"...","pid":42,"worker":0,
//    "launched_us":...,"start_us":...}
//   {"e":"start","test":"Suite.Name","t":...}
//   {"e":"end","test":"Suite.Name","result":"passed|failed|skipped","t":...,
//    "message":"first line of the first failure"}
//   {"e":"exit","failed":false,"t":...}      (a failure outside tests counts)
//
// Where: $KITTY_RECORD_DIR/<pid>.jsonl when set (one directory per run, the
// caller's), else <isolation run dir>/record/<pid>.jsonl. A process without
// a selection (a direct run of the whole binary) records nothing.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace kitty::internal {

inline constexpr int kRecordVersion = 1;

// Microseconds since the epoch: processes of one run share this clock.
long long wall_clock_us();

struct RecordHeader {
  std::string name;      // the ctest test (KITTY_CTEST_NAME), else the selector
  std::string selector;  // "--kitty_file=..."
  std::string executable;
  std::string run_id;
  int worker = -1;
  long long launched_us = 0;  // when the launcher started (KITTY_LAUNCHED_US), else start_us
};

// The directory this process records into: empty when it records nothing.
std::string record_directory(const std::string& isolation_run_dir);

class RecordListener : public testing::EmptyTestEventListener {
 public:
  // Opens <dir>/<pid>.jsonl and writes the header; `error` is set (and the
  // listener records nothing) when the file cannot be made.
  RecordListener(const std::string& dir, const RecordHeader& header, std::string& error);
  ~RecordListener() override;
  RecordListener(const RecordListener&) = delete;
  RecordListener& operator=(const RecordListener&) = delete;

  void OnTestStart(const testing::TestInfo& info) override;
  void OnTestEnd(const testing::TestInfo& info) override;
  void OnTestProgramEnd(const testing::UnitTest& unit_test) override;

 private:
  void write_line(const std::string& line, bool flush = true);
  std::FILE* file_ = nullptr;
};

}  // namespace kitty::internal
