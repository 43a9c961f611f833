#include "platform/append_file.h"

#include <windows.h>

#include "platform/windows/utf16.h"

namespace kitty::internal {

bool append_to_file(const std::string& path, const std::string& text) {
  // FILE_APPEND_DATA alone: every write goes to the end, as O_APPEND;
  // FILE_FLAG_OPEN_REPARSE_POINT: a symbolic link is opened, not followed,
  // and then refused below.
  const HANDLE file =
      CreateFileW(utf16_of(path).c_str(), FILE_APPEND_DATA,
                  FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_EXISTING,
                  FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (file == INVALID_HANDLE_VALUE) return false;
  BY_HANDLE_FILE_INFORMATION info{};
  DWORD wrote = 0;
  const bool appended =
      GetFileInformationByHandle(file, &info) &&
      (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) == 0 &&
      WriteFile(file, text.data(), static_cast<DWORD>(text.size()), &wrote, nullptr) &&
      wrote == text.size();
  CloseHandle(file);
  return appended;
}

}  // namespace kitty::internal
