#include "cli/adapters/ctest_console.h"

#include <regex>

#include "cli/number_text.h"

namespace kitty::cli {

std::optional<CtestConsoleLine> parse_ctest_line(const std::string& line) {
  static const std::regex pattern(
      R"(^\s*(\d+)/(\d+) Test\s+#\d+: (.+?) \.+\s*(\S.*?)\s+[0-9.]+ sec\s*$)");
  std::smatch match;
  if (!std::regex_match(line, match, pattern)) return std::nullopt;
  const std::optional<int> done = number_from_text<int>(match[1].str());
  const std::optional<int> total = number_from_text<int>(match[2].str());
  if (!done || !total) return std::nullopt;  // counts no ctest prints: not its line
  return CtestConsoleLine{*done, *total, match[3], match[4]};
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
