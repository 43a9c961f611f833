// A count with its noun in the right number for the summaries the tools
// print: "1 test", "2 tests", "1 process", "3 processes".
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace kitty::cli {

inline std::string counted(long long n, std::string_view singular, std::string_view plural = {}) {
  if (n == 1) return fmt::format("1 {}", singular);
  if (plural.empty()) return fmt::format("{} {}s", n, singular);
  return fmt::format("{} {}", n, plural);
}

}  // namespace kitty::cli
