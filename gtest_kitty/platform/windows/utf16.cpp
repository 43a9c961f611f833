#include "platform/windows/utf16.h"

#include <windows.h>

namespace kitty::internal {

std::wstring utf16_of(const std::string& utf8) {
  if (utf8.empty()) return {};
  const int size = static_cast<int>(utf8.size());
  const int length = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), size, nullptr, 0);
  if (length <= 0) return {};
  std::wstring wide(static_cast<std::wstring::size_type>(length), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, utf8.data(), size, &wide[0], length);
  return wide;
}

std::string utf8_of(const std::wstring& utf16) {
  if (utf16.empty()) return {};
  const int size = static_cast<int>(utf16.size());
  const int length =
      WideCharToMultiByte(CP_UTF8, 0, utf16.data(), size, nullptr, 0, nullptr, nullptr);
  if (length <= 0) return {};
  std::string narrow(static_cast<std::string::size_type>(length), '\0');
  WideCharToMultiByte(CP_UTF8, 0, utf16.data(), size, &narrow[0], length, nullptr, nullptr);
  return narrow;
}

}  // namespace kitty::internal
