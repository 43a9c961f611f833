#include "isolation/skeleton.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/errno_text.h"

namespace kitty::internal {
namespace {

// Parents before children; removal goes the other way.
constexpr const char* kDirectories[] = {
    "home",        "home/.config", "home/.local", "home/.local/share", "home/.local/state",
    "home/.cache", "tmp"};

// A directory below `parent_fd`, opened without following a link.
int open_below(int parent_fd, const char* name) {
  return openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

// Removes the empty directory `name` below `parent_fd`: never a link (rmdir
// of a link fails), never through one (every parent is an open descriptor).
bool remove_empty(int parent_fd, const char* name) {
  return unlinkat(parent_fd, name, AT_REMOVEDIR) == 0;
}

}  // namespace

std::string ensure_directory(const std::string& path) {
  if (mkdir(path.c_str(), 0700) == 0) return {};
  if (errno != EEXIST) return errno_text("cannot create " + path);
  return check_directory(path);
}

std::string check_directory(const std::string& path) {
  struct stat info {};
  if (lstat(path.c_str(), &info) != 0) return errno_text("cannot see " + path);
  if (!S_ISDIR(info.st_mode)) return path + " exists and is not a directory";
  if (info.st_uid != geteuid()) return path + " belongs to another user";
  return {};
}

std::string make_skeleton(const std::string& dir) {
  for (const char* relative : kDirectories) {
    std::string error = ensure_directory(dir + "/" + relative);
    if (!error.empty()) return error;
  }
  return {};
}

bool remove_bare_skeleton(const std::string& dir) {
  const int top = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (top < 0) return false;
  bool removed = false;
  const int home = open_below(top, "home");
  if (home >= 0) {
    const int local = open_below(home, ".local");
    if (local >= 0) {
      removed = remove_empty(local, "share") && remove_empty(local, "state");
      close(local);
    }
    removed = removed && remove_empty(home, ".local") && remove_empty(home, ".config") &&
              remove_empty(home, ".cache");
    close(home);
  }
  removed = removed && remove_empty(top, "home") && remove_empty(top, "tmp");
  close(top);
  return removed && rmdir(dir.c_str()) == 0;
}

}  // namespace kitty::internal
