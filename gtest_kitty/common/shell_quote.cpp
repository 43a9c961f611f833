#include "common/shell_quote.h"

#include <cstring>

namespace kitty::internal {

std::string shell_quote(const std::string& word) {
  std::string quoted = "'";
  for (const char c : word) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string shell_word(const std::string& word) {
  if (word.empty()) return shell_quote(word);
  for (const char c : word) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       (c != '\0' && std::strchr("_-./=:,+@%", c) != nullptr);
    if (!plain) return shell_quote(word);
  }
  return word;
}

}  // namespace kitty::internal
