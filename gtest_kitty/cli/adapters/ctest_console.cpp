#include "cli/adapters/ctest_console.h"

#include <regex>

namespace kitty::cli {

std::optional<CtestConsoleLine> parse_ctest_line(const std::string& line) {
  static const std::regex pattern(
      R"(^\s*(\d+)/(\d+) Test\s+#\d+: (.+?) \.+\s*(\S.*?)\s+[0-9.]+ sec\s*$)");
  std::smatch match;
  if (!std::regex_match(line, match, pattern)) return std::nullopt;
  return CtestConsoleLine{std::stoi(match[1]), std::stoi(match[2]), match[3], match[4]};
}

std::map<std::string, std::string> ctest_statuses(const std::string& console_output) {
  std::map<std::string, std::string> statuses;
  size_t start = 0;
  while (start < console_output.size()) {
    size_t end = console_output.find('\n', start);
    if (end == std::string::npos) end = console_output.size();
    if (const auto line = parse_ctest_line(console_output.substr(start, end - start))) {
      statuses[line->name] = line->status;
    }
    start = end + 1;
  }
  return statuses;
}

}  // namespace kitty::cli
