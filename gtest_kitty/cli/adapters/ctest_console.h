// ctest's console output, the lines it prints as each test ends:
//   "  4/4 Test #4: faults_tests/crash_test.cpp ......Subprocess aborted***Exception:   0.02 sec"
// read for progress while ctest runs, and for ctest's own word on how a
// test ended ("***Timeout"), which its JUnit report does not keep.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace kitty::cli {

struct CtestConsoleLine {
  int done = 0;   // k of "k/n"
  int total = 0;  // n
  std::string name;
  std::string status;  // "Passed", "***Failed", "***Timeout", ...
  // ctest marks skipped and disabled tests with *** too.
  bool failed() const {
    return status.find("***") != std::string::npos && status.find("Skipped") == std::string::npos &&
           status.find("Disabled") == std::string::npos;
  }
};

std::optional<CtestConsoleLine> parse_ctest_line(const std::string& line);

// Every test's status word in a whole console output, by test name.
std::map<std::string, std::string> ctest_statuses(const std::string& console_output);

}  // namespace kitty::cli
