#include "cli/adapters/ctest_log.h"

#include <fmt/format.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "cli/number_text.h"

namespace kitty::cli {

std::string last_ctest_log_path(const std::string& test_dir) {
  return test_dir + "/Testing/Temporary/LastTest.log";
}

Expected<std::vector<CtestCase>> parse_ctest_log(const std::string& path, const std::string& text) {
  // Each test's block: "k/n Testing: NAME", its output between "Output:" and
  // "<end of output>", "Test time =   0.01 sec", then "Test Passed." (or
  // Failed, Not Run). ctest writes blocks in the order tests end.
  static const std::regex testing(R"(^\s*\d+/\d+ Testing: (.+)$)");
  static const std::regex time(R"(^Test time =\s*([0-9.]+) sec$)");
  if (text.rfind("Start testing:", 0) != 0) {
    return fail(fmt::format("{} is not ctest's log of a run", path));
  }
  std::vector<CtestCase> cases;
  std::istringstream lines(text);
  std::string line;
  bool in_output = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::smatch match;
    if (in_output) {
      if (line == "<end of output>") {
        in_output = false;
      } else if (!cases.empty()) {
        cases.back().output += line + "\n";
      }
    } else if (std::regex_match(line, match, testing)) {
      CtestCase test;
      test.name = match[1];
      cases.push_back(std::move(test));
    } else if (cases.empty()) {
      continue;
    } else if (line == "Output:") {
      // The next line is a rule; the output follows it.
      std::getline(lines, line);
      in_output = true;
    } else if (std::regex_match(line, match, time)) {
      const std::optional<double> seconds = number_from_text<double>(match[1].str());
      if (!seconds) {
        return fail(fmt::format("{}: {} has a test time that is not a number: {}", path,
                                cases.back().name, line));
      }
      cases.back().seconds = *seconds;
    } else if (line == "Test Passed.") {
      cases.back().status = CtestStatus::kPassed;
    } else if (line == "Test Failed.") {
      cases.back().status = CtestStatus::kFailed;
    }
  }
  return cases;
}

Expected<std::vector<CtestCase>> read_last_ctest_log(const std::string& test_dir) {
  const std::string path = last_ctest_log_path(test_dir);
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(fmt::format("ctest has not run in {} (no {})", test_dir, path));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_ctest_log(path, text.str());
}

}  // namespace kitty::cli
