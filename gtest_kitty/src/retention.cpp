#include "retention.h"

#include "isolation.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace kitty::internal {
namespace {

std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }

// Opens a directory entry (never through a link) and makes it ours to empty:
// a test may have left it unreadable or unwritable. The mode is changed
// through the open descriptor, so a link swapped in meanwhile is not followed.
int open_directory_to_empty(int parent_fd, const std::string& name) {
  int fd = openat(parent_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno == EACCES) {
    const int path_fd =
        openat(parent_fd, name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (path_fd < 0) return -1;
    const std::string by_fd = "/proc/self/fd/" + std::to_string(path_fd);
    chmod(by_fd.c_str(), 0700);
    fd = open(by_fd.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    close(path_fd);
  }
  if (fd >= 0) fchmod(fd, 0700);
  return fd;
}

// Empties the directory open as `dir_fd` (which this call closes).
std::string empty_directory(int dir_fd, const std::string& path) {
  DIR* dir = fdopendir(dir_fd);
  if (dir == nullptr) {
    close(dir_fd);
    return errno_text("cannot read " + path);
  }
  std::string error;
  std::vector<std::string> names;
  while (const dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  for (const std::string& name : names) {
    struct stat info {};
    if (fstatat(dirfd(dir), name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
    const std::string child = path + "/" + name;
    if (S_ISDIR(info.st_mode)) {
      const int child_fd = open_directory_to_empty(dirfd(dir), name);
      if (child_fd < 0) {
        error = errno_text("cannot open " + child);
        continue;
      }
      std::string child_error = empty_directory(child_fd, child);
      if (!child_error.empty()) error = child_error;
      if (unlinkat(dirfd(dir), name.c_str(), AT_REMOVEDIR) != 0) {
        error = errno_text("cannot remove " + child);
      }
    } else if (unlinkat(dirfd(dir), name.c_str(), 0) != 0) {
      error = errno_text("cannot remove " + child);  // a link goes, its target stays
    }
  }
  closedir(dir);
  return error;
}

// True when a process still holds one of the run's worker leases.
bool run_is_live(const std::string& run_dir) {
  const std::string workers = run_dir + "/workers";
  DIR* dir = opendir(workers.c_str());
  if (dir == nullptr) return false;
  bool live = false;
  while (const dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    const int fd = open((workers + "/" + name).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;
    if (flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) live = true;
    close(fd);
    if (live) break;
  }
  closedir(dir);
  return live;
}

}  // namespace

std::string remove_tree(const std::string& dir) {
  struct stat info {};
  if (lstat(dir.c_str(), &info) != 0) return errno == ENOENT ? "" : errno_text("cannot see " + dir);
  if (!S_ISDIR(info.st_mode)) {
    return unlink(dir.c_str()) == 0 ? "" : errno_text("cannot remove " + dir);
  }
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return errno_text("cannot open " + dir);
  std::string error = empty_directory(fd, dir);
  if (rmdir(dir.c_str()) != 0 && error.empty()) error = errno_text("cannot remove " + dir);
  return error;
}

void prune_runs(const std::string& base, const std::string& current,
                const RetentionPolicy& policy) {
  const int keep = policy.keep_runs;
  DIR* dir = opendir(base.c_str());
  if (dir == nullptr) return;
  std::vector<std::pair<long long, std::string>> runs;  // (mtime in ns, name)
  while (const dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (name == "." || name == ".." || name == current) continue;
    struct stat info {};
    if (fstatat(dirfd(dir), name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (!S_ISDIR(info.st_mode)) continue;
    struct stat marker {};
    const std::string marker_path = name + "/" + kRunMarker;
    if (fstatat(dirfd(dir), marker_path.c_str(), &marker, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(marker.st_mode)) {
      continue;  // not a run of kitty's: never ours to prune
    }
    runs.emplace_back(
        static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec, name);
  }
  closedir(dir);
  std::sort(runs.rbegin(), runs.rend());  // newest first
  // The current run counts as one of the runs kept.
  for (size_t i = static_cast<size_t>(std::max(keep - 1, 0)); i < runs.size(); ++i) {
    const std::string run_dir = base + "/" + runs[i].second;
    if (!run_is_live(run_dir)) remove_tree(run_dir);
  }
}

RetentionPolicy retention_policy(std::string& error) {
  RetentionPolicy policy;
  const char* text = std::getenv("KITTY_KEEP_RUNS");
  if (text == nullptr || *text == '\0') return policy;
  char* end = nullptr;
  const long keep = std::strtol(text, &end, 10);
  if (*end != '\0' || keep < 1 || keep > 1000) {
    error =
        std::string("KITTY_KEEP_RUNS must be a number of runs from 1 to 1000, not '") + text + "'";
    return policy;
  }
  policy.keep_runs = static_cast<int>(keep);
  return policy;
}

std::string retire_process(const Isolation& isolation, bool passed) {
  const std::string& dir = isolation.process_dir;
  if (!passed) return "kept the isolated home of this failed process: " + dir;
  const std::string error = remove_tree(dir);
  return error.empty() ? "" : "could not remove " + error;
}

}  // namespace kitty::internal
