// The UTF-8 <-> UTF-16 boundary of the Windows side: kitty's strings are
// UTF-8, the W functions take UTF-16. Also errno from GetLastError(), so
// that callers report every failure one way. Windows only.
#pragma once

#include <string>

namespace kitty::internal {

std::wstring wide_of(const std::string& utf8);
std::string utf8_of_wide(const wchar_t* wide);

// Sets errno from GetLastError() (EIO for what has no closer errno).
void set_errno_from_last_error();

// GetFileAttributesW of a UTF-8 path (INVALID_FILE_ATTRIBUTES when unseen).
unsigned long attributes_of(const std::string& path);
// A junction or symbolic link (a reparse point): removed, never entered.
bool is_link(unsigned long attributes);

}  // namespace kitty::internal
