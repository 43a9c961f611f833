#include "isolation/tree_removal.h"

#include <windows.h>

#include <vector>

#include "common/errno_text.h"
#include "platform/windows/wide_text.h"

// Windows: a walk by path. A test may have marked files or directories
// read-only (Windows then refuses to delete them): the mark is cleared on
// the entry itself, never on what a link points to. A junction or symbolic
// link (a reparse point) is removed as an entry, never entered.
namespace kitty::internal {
namespace {

struct Walk {
  std::string error;  // the first failure: the cause of what fails after it
  void note(const std::string& what) {
    if (!error.empty()) return;
    set_errno_from_last_error();
    error = errno_text(what);
  }
};

// Removes one entry that is not a directory to walk: a file, or a link
// (a directory link goes by RemoveDirectoryW, and takes nothing with it).
void remove_entry(const std::wstring& path, DWORD attributes, const std::string& shown,
                  Walk& walk) {
  if ((attributes & FILE_ATTRIBUTE_READONLY) != 0) {
    SetFileAttributesW(path.c_str(), attributes & ~static_cast<DWORD>(FILE_ATTRIBUTE_READONLY));
  }
  const bool directory_link = (attributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
  const BOOL removed = directory_link ? RemoveDirectoryW(path.c_str()) : DeleteFileW(path.c_str());
  if (removed == 0 && GetLastError() != ERROR_FILE_NOT_FOUND) walk.note("cannot remove " + shown);
}

// Empties `dir` (never a link), leaving its entry `except`. Depth-first with
// a stack of its own: a test's tree may be deeper than the call stack is.
void empty(const std::string& dir, const std::string& except, Walk& walk) {
  std::vector<std::string> pending = {dir};
  std::vector<std::string> emptied;  // in the order found: removed last-first
  while (!pending.empty()) {
    const std::string current = pending.back();
    pending.pop_back();
    if (current != dir) emptied.push_back(current);
    WIN32_FIND_DATAW found{};
    const HANDLE search = FindFirstFileW(wide_of(current + "/*").c_str(), &found);
    if (search == INVALID_HANDLE_VALUE) {
      walk.note("cannot read " + current);
      continue;
    }
    do {
      const std::string name = utf8_of_wide(found.cFileName);
      if (name == "." || name == ".." || (current == dir && name == except)) continue;
      const std::string path = current + "/" + name;
      if ((found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0 &&
          !is_link(found.dwFileAttributes)) {
        if ((found.dwFileAttributes & FILE_ATTRIBUTE_READONLY) != 0) {
          SetFileAttributesW(wide_of(path).c_str(),
                             found.dwFileAttributes & ~static_cast<DWORD>(FILE_ATTRIBUTE_READONLY));
        }
        pending.push_back(path);
      } else {
        remove_entry(wide_of(path), found.dwFileAttributes, path, walk);
      }
    } while (FindNextFileW(search, &found) != 0);
    FindClose(search);
  }
  for (auto it = emptied.rbegin(); it != emptied.rend(); ++it) {
    if (RemoveDirectoryW(wide_of(*it).c_str()) == 0) walk.note("cannot remove " + *it);
  }
}

}  // namespace

std::string empty_tree(const std::string& dir, const std::string& except) {
  Walk walk;
  empty(dir, except, walk);
  return walk.error;
}

std::string remove_tree(const std::string& dir) {
  const std::wstring path = wide_of(dir);
  const DWORD attributes = GetFileAttributesW(path.c_str());
  if (attributes == INVALID_FILE_ATTRIBUTES) {
    const DWORD why = GetLastError();
    if (why == ERROR_FILE_NOT_FOUND || why == ERROR_PATH_NOT_FOUND) return {};
    Walk walk;
    walk.note("cannot see " + dir);
    return walk.error;
  }
  Walk walk;
  if ((attributes & FILE_ATTRIBUTE_DIRECTORY) == 0 || is_link(attributes)) {
    remove_entry(path, attributes, dir, walk);
    return walk.error;
  }
  if ((attributes & FILE_ATTRIBUTE_READONLY) != 0) {
    SetFileAttributesW(path.c_str(), attributes & ~static_cast<DWORD>(FILE_ATTRIBUTE_READONLY));
  }
  empty(dir, "", walk);
  if (RemoveDirectoryW(path.c_str()) == 0) walk.note("cannot remove " + dir);
  return walk.error;
}

}  // namespace kitty::internal
