// UTF-8 <-> UTF-16 at the boundary with Windows' W functions: kitty keeps
// every string in UTF-8; Windows' narrow functions speak the ANSI code page.
#pragma once

#include <string>

namespace kitty::internal {

std::wstring utf16_of(const std::string& utf8);
std::string utf8_of(const std::wstring& utf16);

}  // namespace kitty::internal
