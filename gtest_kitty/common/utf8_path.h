// std::filesystem paths to and from the UTF-8 strings kitty passes around.
// A path made from a plain std::string is read in the ANSI code page on
// Windows: a `ü` in a file name would come out as mojibake.
#pragma once

#include <filesystem>
#include <string>

namespace kitty::internal {

// Whether `text` is well-formed UTF-8.
inline bool is_utf8(const std::string& text) {
  for (std::string::size_type i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const int more = lead < 0x80           ? 0
                     : (lead >> 5) == 0x6  ? 1
                     : (lead >> 4) == 0xe  ? 2
                     : (lead >> 3) == 0x1e ? 3
                                           : -1;
    if (more < 0 || text.size() - i <= static_cast<std::string::size_type>(more)) return false;
    for (int k = 1; k <= more; ++k) {
      if ((static_cast<unsigned char>(text[i + static_cast<std::string::size_type>(k)]) >> 6) !=
          0x2) {
        return false;
      }
    }
    i += static_cast<std::string::size_type>(more) + 1;
  }
  return true;
}

// Never throws: text that is not UTF-8 (a narrow argument in Windows' ANSI
// code page) is read byte by byte as Latin-1, where the conversion would
// throw.
inline std::filesystem::path path_of_utf8(const std::string& text) {
  std::string utf8;
  if (is_utf8(text)) {
    utf8 = text;
  } else {
    for (const char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x80) {
        utf8 += c;
      } else {
        utf8 += static_cast<char>(0xc0 | (byte >> 6));
        utf8 += static_cast<char>(0x80 | (byte & 0x3f));
      }
    }
  }
#if defined(__cpp_char8_t)
  return std::filesystem::path(std::u8string(utf8.begin(), utf8.end()));
#else
  return std::filesystem::u8path(utf8);
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
