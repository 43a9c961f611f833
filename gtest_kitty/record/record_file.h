// Where a test process's run record is (record_writer.h has the format), and
// what the launcher's side reads from it and adds to it: the test a process
// was in when it ended, and how it ended, which only a process outside the
// test can know. No GoogleTest in here: the launcher links this.
#pragma once

#include <string>

#include "platform/process.h"
#include "platform/process_status.h"

namespace kitty::internal {

// Where to record (a run's directory, the caller's), and the ctest test this
// process is (set by kitty_add_tests).
inline constexpr const char* kRecordDirVariable = "KITTY_RECORD_DIR";
inline constexpr const char* kCtestNameVariable = "KITTY_CTEST_NAME";

// Microseconds since the epoch: the clock of every record line, shared by
// the processes of one run and by the launcher's side.
long long wall_clock_us();

// The directory a process records into: $KITTY_RECORD_DIR, else
// <isolation run dir>/record; empty when it records nothing.
std::string record_directory(const std::string& isolation_run_dir);

// The record that process `pid`, started by the launcher at `launched_us`,
// wrote in `dir` (<pid>.jsonl, or <pid>-N.jsonl when a pid came back within
// one run); empty when it wrote none.
std::string find_record(const std::string& dir, ProcessId pid, long long launched_us);

// The last test of the record that started and did not end: where a
// process that ended early was. Empty when none.
std::string unfinished_test(const std::string& record_path);

// The launcher's line, appended to the record:
//   {"e":"ended","by":"exit|signal|exception|killed","code":N | "signal":N,"signal_name":"SIGSEGV"
//    | "exception":"0xC0000005","exception_name":"access violation",
//    "premature":true|false,"left":N,"test":"Suite.Name","t":...}
// "exception" only on Windows (its name only when kitty knows it); "killed"
// (the launcher's side ended it) has the signal's fields.
struct ProcessEnd {
  ProcessStatus status;
  bool premature = false;  // exited before GoogleTest's end of the run
  bool stopped = false;    // ended by the launcher's side ("killed")
  int left = 0;            // processes it left running, ended
  std::string test;        // unfinished_test()
  long long ended_us = 0;
};
std::string ended_line(const ProcessEnd& end);
void append_to_record(const std::string& record_path, const std::string& line);

// JSON's string quoting.
std::string json_quote(const std::string& text);

}  // namespace kitty::internal
