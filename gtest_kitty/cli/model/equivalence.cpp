#include "cli/model/equivalence.h"

#include <fmt/format.h>

#include <map>

namespace kitty::cli {
namespace {

std::string strip_comment(const std::string& text) {
  const std::string::size_type comment = text.find("  #");
  return comment == std::string::npos ? text : text.substr(0, comment);
}

}  // namespace

std::vector<std::string> parse_test_list(const std::string& output) {
  std::vector<std::string> tests;
  std::string suite;
  std::string::size_type begin = 0;
  while (begin < output.size()) {
    std::string::size_type end = output.find('\n', begin);
    if (end == std::string::npos) end = output.size();
    const std::string line = output.substr(begin, end - begin);
    begin = end + 1;
    if (line.rfind("  ", 0) == 0) {
      if (!suite.empty()) tests.push_back(suite + strip_comment(line.substr(2)));
    } else if (!line.empty() && strip_comment(line).back() == '.') {
      suite = strip_comment(line);  // "Suite." (with its dot)
    } else {
      suite.clear();  // not part of the listing (a note of kitty's, say)
    }
  }
  return tests;
}

EquivalenceReport compare_selections(const SelectedTests& serial,
                                     const std::vector<SelectedTests>& units) {
  EquivalenceReport report;
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < serial.tests.size(); ++i) position.emplace(serial.tests[i], i);
  std::map<std::string, int> selected;
  for (const SelectedTests& unit : units) {
    size_t last = 0;
    bool ordered = true;
    for (const std::string& test : unit.tests) {
      if (++selected[test] == 2) report.duplicated.push_back(test);
      const auto found = position.find(test);
      if (found == position.end()) {
        report.extra.push_back(fmt::format("{} (in {})", test, unit.name));
        continue;
      }
      ordered = ordered && found->second >= last;
      last = found->second;
    }
    if (!ordered) report.misordered.push_back(unit.name);
  }
  for (const std::string& test : serial.tests) {
    if (selected.count(test) == 0) report.missing.push_back(test);
  }
  return report;
}

}  // namespace kitty::cli
