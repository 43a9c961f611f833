// std::filesystem paths to and from the UTF-8 strings kitty passes around.
// A path made from a plain std::string is read in the ANSI code page on
// Windows: a `ü` in a file name would come out as mojibake.
#pragma once

#include <filesystem>
#include <string>

namespace kitty::internal {

inline std::filesystem::path path_of_utf8(const std::string& text) {
#if defined(__cpp_char8_t)
  return std::filesystem::path(std::u8string(text.begin(), text.end()));
#else
  return std::filesystem::u8path(text);
#endif
}

inline std::string utf8_of(const std::filesystem::path& path) {
  const auto text = path.u8string();
  return std::string(text.begin(), text.end());
}

// With / as the separator on every system.
inline std::string generic_utf8_of(const std::filesystem::path& path) {
  const auto text = path.generic_u8string();
  return std::string(text.begin(), text.end());
}

}  // namespace kitty::internal
