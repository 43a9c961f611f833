// The run record that test processes write while they run (the library's
// record/record_writer.h describes the format): which tests ran in which process,
// when, on which worker, and how they ended. Read by ratchet, timeline and
// bench; a process that died leaves its record up to the test it died in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/expected.h"
#include "cli/model/registry.h"

namespace kitty::cli {

enum class TestResult { kPassed, kFailed, kSkipped, kInterrupted };  // interrupted: never ended

struct RecordedTest {
  std::string name;  // Suite.Name
  TestResult result = TestResult::kInterrupted;
  long long start_us = 0;
  long long end_us = 0;  // the process's last sign of life when interrupted
  std::string message;   // first failure
  int iteration = 0;     // --gtest_repeat: which repetition
};

// How the launcher saw the process end (its "ended" line), when it wrote one.
// kException: a Windows process ended by an unhandled exception.
enum class EndedBy { kExit, kSignal, kKilled, kException };
struct ProcessEnd {
  EndedBy by = EndedBy::kExit;
  long long code = 0;  // kExit (Windows' codes are 32 bits)
  int signal = 0;      // kSignal, kKilled
  // "SIGSEGV"; empty when not given. kException: what ended it,
  // "exception 0xC0000005 (access violation)".
  std::string signal_name;
  bool premature = false;  // exited before GoogleTest's end of the run
  int left = 0;            // processes left behind that the launcher ended
  long long t = 0;
};

struct ProcessRecord {
  std::string path;
  std::string name;  // the ctest test
  std::string selector;
  std::string executable;
  std::string run_id;
  std::string rerun;  // a shell command prefix rerunning this selection; empty: not given
  long long pid = 0;
  int worker = -1;  // kitty's worker index; -1 without isolation
  long long launched_us = 0;
  long long start_us = 0;
  long long end_us = 0;             // the exit line, else the last line written
  bool exited = false;              // false: crashed, killed or timed out
  bool failed = false;              // the program's own verdict, failures outside tests included
  std::optional<ProcessEnd> ended;  // the launcher's word on the end
  std::vector<RecordedTest> tests;
};

// The test the process died in: the last one started that never ended;
// nullptr when every test it started ended.
const RecordedTest* died_in(const ProcessRecord& record);

// The command that reruns just `test` of this process by hand: the
// header's "rerun" prefix, else one made from its executable and selector,
// with a shell-quoted --gtest_filter; empty when the record has neither.
std::string rerun_command(const ProcessRecord& record, const std::string& test);

// Every record in `dir` (one directory per run), ordered by start.
Expected<std::vector<ProcessRecord>> read_run_records(const std::string& dir);

// Parses one record; `path` names it in errors.
Expected<ProcessRecord> parse_run_record(const std::string& path, const std::string& text);

// The record directory of the newest run of a build tree: <base>/<run>/record
// under the isolation bases its kitty tests use (and KITTY_HOME_BASE).
Expected<std::string> latest_record_dir(const Registry& registry);

}  // namespace kitty::cli
