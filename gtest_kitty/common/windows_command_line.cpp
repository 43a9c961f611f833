#include "common/windows_command_line.h"

namespace kitty::internal {

std::string quote_windows_argument(const std::string& argument) {
  if (!argument.empty() && argument.find_first_of(" \t\n\v\"") == std::string::npos) {
    return argument;
  }
  std::string quoted = "\"";
  std::string::size_type backslashes = 0;
  for (const char c : argument) {
    if (c == '\\') {
      ++backslashes;
      continue;
    }
    if (c == '"') {
      // 2n + 1 backslashes and the quote: n backslashes and a literal quote.
      quoted.append(backslashes * 2 + 1, '\\');
    } else {
      quoted.append(backslashes, '\\');  // not before a quote: taken as they are
    }
    backslashes = 0;
    quoted += c;
  }
  // Before the closing quote: 2n backslashes are n.
  quoted.append(backslashes * 2, '\\');
  return quoted + "\"";
}

bool windows_command_line(const std::vector<std::string>& argv, std::string& line,
                          std::string& error) {
  if (argv.empty() || argv[0].empty()) {
    error = "no program to run";
    return false;
  }
  if (argv[0].find('"') != std::string::npos) {
    error = "a program name with a quote cannot be run on Windows: " + argv[0];
    return false;
  }
  line = "\"" + argv[0] + "\"";
  for (std::vector<std::string>::size_type i = 1; i < argv.size(); ++i) {
    line += " " + quote_windows_argument(argv[i]);
  }
  return true;
}

}  // namespace kitty::internal
