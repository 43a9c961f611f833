// A number read from text another program wrote (ctest's console, its log),
// without std::stoi and friends: they throw on a number out of range or no
// number at all, and text from outside is no place for exceptions.
#pragma once

#include <charconv>
#include <optional>
#include <string_view>
#include <system_error>

namespace kitty::cli {

// The whole of `text` as a T (int, long long, double, ...); nullopt when it
// is not one number or does not fit.
template <typename T>
std::optional<T> number_from_text(std::string_view text) {
  T value{};
  const char* const end = text.data() + text.size();
  const std::from_chars_result read = std::from_chars(text.data(), end, value);
  if (read.ec != std::errc() || read.ptr != end) return std::nullopt;
  return value;
}

}  // namespace kitty::cli
