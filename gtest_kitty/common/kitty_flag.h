// kitty's flags as words of a command line: made by the library (a unit's
// selector in the listing, the rerun line) and read back by the tools from
// the commands ctest registered. The names are protocol.h's.
#pragma once

#include <gtest_kitty/protocol.h>

#include <optional>
#include <string>
#include <string_view>

namespace kitty::internal {

// "--kitty_<name>=<value>".
inline std::string kitty_flag(std::string_view name, std::string_view value) {
  std::string flag(protocol::kFlagPrefix);
  flag.append(name).append("=").append(value);
  return flag;
}

// Whether `word` is one of kitty's flags (or meant to be: --kitty_anything).
inline bool is_kitty_flag(std::string_view word) {
  return word.substr(0, protocol::kFlagPrefix.size()) == protocol::kFlagPrefix;
}

// The value of `word` when it is "--kitty_<name>=<value>", else nothing.
inline std::optional<std::string_view> kitty_flag_value(std::string_view word,
                                                        std::string_view name) {
  if (!is_kitty_flag(word)) return std::nullopt;
  word.remove_prefix(protocol::kFlagPrefix.size());
  if (word.substr(0, name.size()) != name || word.substr(name.size(), 1) != "=") {
    return std::nullopt;
  }
  return word.substr(name.size() + 1);
}

}  // namespace kitty::internal
