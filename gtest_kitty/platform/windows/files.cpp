#include "platform/files.h"

#include <windows.h>
// After windows.h, which these need.
#include <fcntl.h>
#include <io.h>
#include <knownfolders.h>
#include <shlobj.h>
#include <sys/stat.h>
#include <sys/utime.h>

#include <direct.h>
#include <cerrno>
#include <random>

#include "platform/windows/wide_text.h"

namespace kitty::internal {
namespace {

constexpr int kNotInherited = _O_BINARY | _O_NOINHERIT;

}  // namespace

int open_for_reading(const std::string& path) {
  return _wopen(wide_of(path).c_str(), _O_RDONLY | kNotInherited);
}

// _wopen follows a symbolic link: on Windows making one needs a privilege
// tests rarely have, and kitty's own files live in directories it made.
int create_file(const std::string& path, bool exclusive) {
  const int flags = _O_WRONLY | _O_CREAT | kNotInherited | (exclusive ? _O_EXCL : 0);
  return _wopen(wide_of(path).c_str(), flags, _S_IREAD | _S_IWRITE);
}

int open_for_append(const std::string& path) {
  return _wopen(wide_of(path).c_str(), _O_WRONLY | _O_APPEND | kNotInherited);
}

long long read_some(int fd, char* buffer, std::size_t size) {
  const unsigned int chunk = size > 0x40000000 ? 0x40000000U : static_cast<unsigned int>(size);
  return _read(fd, buffer, chunk);
}

bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const std::size_t left = text.size() - done;
    const unsigned int chunk = left > 0x40000000 ? 0x40000000U : static_cast<unsigned int>(left);
    const int wrote = _write(fd, text.data() + done, chunk);
    if (wrote <= 0) return false;
    done += static_cast<std::size_t>(wrote);
  }
  return true;
}

void close_file(int fd) {
  if (fd >= 0) _close(fd);
}

bool touch_file(const std::string& path) {
  const int fd =
      _wopen(wide_of(path).c_str(), _O_WRONLY | _O_CREAT | kNotInherited, _S_IREAD | _S_IWRITE);
  if (fd < 0) return false;
  _futime(fd, nullptr);
  _close(fd);
  return true;
}

bool make_directory(const std::string& path) { return _wmkdir(wide_of(path).c_str()) == 0; }

// mkdtemp's contract: six random letters or digits, tried until a name is
// free.
bool make_unique_directory(std::string& path) {
  static const char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  if (path.size() < 6 || path.compare(path.size() - 6, 6, "XXXXXX") != 0) {
    errno = EINVAL;
    return false;
  }
  std::random_device seed;
  std::mt19937 random(seed());
  std::uniform_int_distribution<std::size_t> pick(0, sizeof kLetters - 2);
  for (int attempt = 0; attempt < 100; ++attempt) {
    for (std::size_t i = path.size() - 6; i < path.size(); ++i) path[i] = kLetters[pick(random)];
    if (make_directory(path)) return true;
    if (errno != EEXIST) return false;
  }
  return false;
}

bool remove_empty_directory(const std::string& path) { return _wrmdir(wide_of(path).c_str()) == 0; }

bool remove_file(const std::string& path) { return _wunlink(wide_of(path).c_str()) == 0; }

// A move that refuses an existing target: atomic like link(2), and it needs
// no hard links (FAT, network shares). `existing` is gone afterwards.
bool link_new_name(const std::string& existing, const std::string& name) {
  if (MoveFileExW(wide_of(existing).c_str(), wide_of(name).c_str(), 0) != 0) return true;
  set_errno_from_last_error();
  return false;
}

// Windows keeps per-user directories in the user's profile: kitty's are
// made there or in the build tree, so the owner is not checked.
DirectoryState directory_state(const std::string& path) {
  const DWORD attributes = attributes_of(path);
  if (attributes == INVALID_FILE_ATTRIBUTES) {
    set_errno_from_last_error();
    return DirectoryState::kUnseen;
  }
  if ((attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0 ||
      (attributes & FILE_ATTRIBUTE_DIRECTORY) == 0) {
    return DirectoryState::kNotDirectory;
  }
  return DirectoryState::kOwn;
}

std::string shared_temporary_directory() {
  PWSTR local = nullptr;
  std::string path;
  if (SHGetKnownFolderPath(FOLDERID_LocalAppData, KF_FLAG_CREATE, nullptr, &local) == S_OK) {
    path = utf8_of_wide(local) + "\\Temp";
    CreateDirectoryW(wide_of(path).c_str(), nullptr);  // missing in a fresh profile
  }
  CoTaskMemFree(local);
  return path.empty() ? std::string("C:\\Windows\\Temp") : path;
}

bool is_memory_filesystem_with_room(const std::string& /*dir*/, unsigned long long /*free_bytes*/) {
  return false;  // no tmpfs: homes stay in the base
}

bool file_names_ignore_case() { return true; }

bool is_writable_directory(const std::string& path) {
  const DWORD attributes = attributes_of(path);
  return attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY) != 0 &&
         (attributes & FILE_ATTRIBUTE_READONLY) == 0;
}

}  // namespace kitty::internal
