// What GoogleTest's XML reports say was executed: the ground truth for
// "which tests ran, where, and in which order".
#pragma once

#include <string>
#include <vector>

namespace kitty_it {

struct ExecutedTest {
  std::string name;    // Suite.Test
  std::string file;    // as GoogleTest recorded it
  std::string result;  // "completed", "skipped", ...
  bool failed = false;
};

// The executed test cases of one report, in execution order (status="run").
std::vector<ExecutedTest> executed_tests(const std::string& xml_path);

// Every *.xml file below a directory, sorted.
std::vector<std::string> xml_reports_below(const std::string& dir);

}  // namespace kitty_it
