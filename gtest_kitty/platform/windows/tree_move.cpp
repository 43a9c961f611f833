#include "isolation/tree_move.h"

#include <windows.h>

#include <filesystem>
#include <system_error>

#include "common/utf8_path.h"
#include "isolation/tree_removal.h"
#include "platform/windows/wide_text.h"

// Windows: a rename when both are one volume; else a copy of directories
// and files (a link is named in `skipped`, never followed), then the
// removal of the original when the copy is whole. Windows has no tmpfs, so
// this only runs when KITTY_SCRATCH names another volume.
namespace kitty::internal {
namespace {

void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to, TreeMove& move) {
  std::error_code error;
  std::filesystem::create_directory(to, error);
  if (error) {
    if (move.error.empty()) move.error = "cannot create " + utf8_of(to) + ": " + error.message();
    return;
  }
  for (std::filesystem::directory_iterator it(from, error), end; !error && it != end;
       it.increment(error)) {
    const std::filesystem::path target = to / it->path().filename();
    const std::filesystem::file_status status = it->symlink_status(error);
    if (error) break;
    const DWORD attributes = GetFileAttributesW(it->path().c_str());
    if (attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0) {
      move.skipped.push_back(utf8_of(it->path()));
    } else if (std::filesystem::is_directory(status)) {
      copy_tree(it->path(), target, move);
    } else if (std::filesystem::is_regular_file(status)) {
      std::error_code copied;
      std::filesystem::copy_file(it->path(), target, copied);
      if (copied && move.error.empty()) {
        move.error = "cannot copy " + utf8_of(it->path()) + ": " + copied.message();
      }
    } else {
      move.skipped.push_back(utf8_of(it->path()));
    }
  }
  if (error && move.error.empty())
    move.error = "cannot read " + utf8_of(from) + ": " + error.message();
}

}  // namespace

TreeMove move_tree(const std::string& from, const std::string& to) {
  TreeMove move;
  if (MoveFileExW(wide_of(from).c_str(), wide_of(to).c_str(), 0) != 0) return move;
  if (GetLastError() != ERROR_NOT_SAME_DEVICE) {
    set_errno_from_last_error();
    move.error = "cannot move " + from + " to " + to;
    return move;
  }
  copy_tree(path_of_utf8(from), path_of_utf8(to), move);
  if (move.error.empty() && move.skipped.empty()) {
    const std::string removed = remove_tree(from);
    if (!removed.empty()) move.error = removed;
  }
  return move;
}

}  // namespace kitty::internal
