#include "isolation/tree_move.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "common/errno_text.h"
#include "isolation/tree_removal.h"
#include "platform/posix/descriptor_walk.h"

namespace kitty::internal {
namespace {

// Copies the open regular file `in` to a new file `name` below `to_fd`.
std::string copy_file(int in, int to_fd, const std::string& name, mode_t mode,
                      const std::string& shown) {
  const int out =
      openat(to_fd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (out < 0) return errno_text("cannot create " + shown);
  std::string error;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = read(in, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      error = errno_text("cannot read " + shown);
      break;
    }
    if (got == 0) break;
    for (ssize_t done = 0; done < got;) {
      const ssize_t wrote = write(out, buffer + done, static_cast<size_t>(got - done));
      if (wrote < 0 && errno == EINTR) continue;
      if (wrote < 0) {
        error = errno_text("cannot write " + shown);
        break;
      }
      done += wrote;
    }
    if (!error.empty()) break;
  }
  fchmod(out, mode & 07777);
  if (close(out) != 0 && error.empty()) error = errno_text("cannot write " + shown);
  return error;
}

// Copies the entries of directory `from_fd` into directory `to_fd`; `shown`
// names the copy in messages. Depth is bounded by the tree a test made.
void copy_entries(int from_fd, int to_fd, const std::string& shown, TreeMove& move) {
  std::vector<std::string> names;
  if (!list_names(from_fd, names)) {
    if (move.error.empty()) move.error = errno_text("cannot read " + shown);
    return;
  }
  for (const std::string& name : names) {
    const std::string path = shown + "/" + name;
    struct stat info {};
    if (fstatat(from_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
      if (move.error.empty()) move.error = errno_text("cannot see " + path);
      continue;
    }
    if (S_ISLNK(info.st_mode)) {
      std::string target(static_cast<size_t>(info.st_size) + 1, '\0');
      const ssize_t length = readlinkat(from_fd, name.c_str(), target.data(), target.size());
      if (length < 0 || symlinkat(target.substr(0, static_cast<size_t>(length)).c_str(), to_fd,
                                  name.c_str()) != 0) {
        if (move.error.empty()) move.error = errno_text("cannot copy the link " + path);
      }
    } else if (S_ISDIR(info.st_mode)) {
      const int below = open_directory_to_empty(from_fd, name);
      if (below < 0 || mkdirat(to_fd, name.c_str(), 0700) != 0) {
        if (move.error.empty()) move.error = errno_text("cannot copy the directory " + path);
        if (below >= 0) close(below);
        continue;
      }
      const int copy = openat(to_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (copy < 0) {
        if (move.error.empty()) move.error = errno_text("cannot open " + path);
      } else {
        copy_entries(below, copy, path, move);
        fchmod(copy, info.st_mode & 07777);
        close(copy);
      }
      close(below);
    } else if (S_ISREG(info.st_mode)) {
      int in = openat(from_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
      if (in < 0 && errno == EACCES) {
        // A test may have made its file unreadable; it is ours to read.
        fchmodat(from_fd, name.c_str(), 0600, 0);
        in = openat(from_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
      }
      if (in < 0) {
        if (move.error.empty()) move.error = errno_text("cannot read " + path);
        continue;
      }
      std::string error = copy_file(in, to_fd, name, info.st_mode, path);
      close(in);
      if (!error.empty() && move.error.empty()) move.error = error;
    } else {
      move.skipped.push_back(path);
    }
  }
}

}  // namespace

TreeMove move_tree(const std::string& from, const std::string& to) {
  TreeMove move;
  if (rename(from.c_str(), to.c_str()) == 0) return move;
  if (errno != EXDEV) {
    move.error = errno_text("cannot move " + from + " to " + to);
    return move;
  }
  struct stat info {};
  if (lstat(from.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    move.error = errno_text("cannot see the directory " + from);
    return move;
  }
  if (mkdir(to.c_str(), 0700) != 0) {
    move.error = errno_text("cannot create " + to);
    return move;
  }
  const int source = open_directory_to_empty(AT_FDCWD, from);
  const int copy = open(to.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (source < 0 || copy < 0) {
    move.error = errno_text("cannot open " + (source < 0 ? from : to));
  } else {
    copy_entries(source, copy, to, move);
    fchmod(copy, info.st_mode & 07777);
  }
  if (source >= 0) close(source);
  if (copy >= 0) close(copy);
  // A whole copy replaces the original; a partial one leaves both, so that
  // nothing of the evidence is lost.
  if (move.error.empty()) {
    if (std::string removed = remove_tree(from); !removed.empty()) move.error = removed;
  }
  return move;
}

}  // namespace kitty::internal
