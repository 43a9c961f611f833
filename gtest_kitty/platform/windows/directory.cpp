#include "platform/directory.h"

#include <windows.h>
// After windows.h.
#include <direct.h>

#include <cerrno>
#include <utility>

#include "platform/file_lock.h"
#include "platform/files.h"
#include "platform/windows/file_time.h"
#include "platform/windows/wide_text.h"

// Windows has no *at calls: a Directory is its path, and every step checks
// the attributes so that a junction or symbolic link (a reparse point) is
// never gone through. A link swapped in between the check and the use is
// not caught, unlike on POSIX; making one needs a privilege tests rarely have.
namespace kitty::internal {

Directory::Directory(Directory&& other) noexcept
    : path_(std::move(other.path_)), fd_(-1), open_(std::exchange(other.open_, false)) {}

Directory& Directory::operator=(Directory&& other) noexcept {
  if (this != &other) {
    path_ = std::move(other.path_);
    open_ = std::exchange(other.open_, false);
  }
  return *this;
}

Directory::~Directory() { close(); }

void Directory::close() { open_ = false; }

Directory Directory::open(const std::string& path) {
  Directory directory;
  directory.path_ = path;
  const DWORD attributes = attributes_of(path);
  if (attributes == INVALID_FILE_ATTRIBUTES) {
    set_errno_from_last_error();
  } else if (is_link(attributes) || (attributes & FILE_ATTRIBUTE_DIRECTORY) == 0) {
    errno = ENOTDIR;
  } else {
    directory.open_ = true;
  }
  return directory;
}

Directory Directory::child(const std::string& name) const {
  if (!open_) {
    Directory closed;
    closed.path_ = path_ + "/" + name;
    return closed;
  }
  return open(path_ + "/" + name);
}

bool Directory::names(std::vector<std::string>& out) const {
  if (!open_) return false;
  WIN32_FIND_DATAW found{};
  const HANDLE search = FindFirstFileW(wide_of(path_ + "/*").c_str(), &found);
  if (search == INVALID_HANDLE_VALUE) {
    set_errno_from_last_error();
    return false;
  }
  do {
    const std::string name = utf8_of_wide(found.cFileName);
    if (name != "." && name != "..") out.push_back(name);
  } while (FindNextFileW(search, &found) != 0);
  FindClose(search);
  return true;
}

Directory::Entry Directory::entry(const std::string& name) const {
  const DWORD attributes = open_ ? attributes_of(path_ + "/" + name) : INVALID_FILE_ATTRIBUTES;
  if (attributes == INVALID_FILE_ATTRIBUTES) return Entry::kMissing;
  if (is_link(attributes)) return Entry::kOther;
  return (attributes & FILE_ATTRIBUTE_DIRECTORY) != 0 ? Entry::kDirectory : Entry::kFile;
}

bool Directory::modified_ns(const std::string& name, long long& ns) const {
  WIN32_FILE_ATTRIBUTE_DATA data{};
  if (!open_ || GetFileAttributesExW(wide_of(path_ + "/" + name).c_str(), GetFileExInfoStandard,
                                     &data) == 0) {
    return false;
  }
  ns = unix_ns_of(data.ftLastWriteTime);
  return true;
}

bool Directory::make_directory(const std::string& name) const {
  return open_ && kitty::internal::make_directory(path_ + "/" + name);
}

int Directory::create_file(const std::string& name, bool exclusive) const {
  return open_ ? kitty::internal::create_file(path_ + "/" + name, exclusive) : -1;
}

int Directory::open_lock_file(const std::string& name) const {
  return open_ ? open_existing_lock_file(path_ + "/" + name) : -1;
}

bool Directory::remove_file(const std::string& name) const {
  return open_ && kitty::internal::remove_file(path_ + "/" + name);
}

// RemoveDirectoryW removes a junction itself, never what it points to.
bool Directory::remove_directory(const std::string& name) const {
  return open_ && remove_empty_directory(path_ + "/" + name);
}

}  // namespace kitty::internal
