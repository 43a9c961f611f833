#include "platform/append_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace kitty::internal {

bool append_to_file(const std::string& path, const std::string& text) {
  const int fd = open(path.c_str(), O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  ssize_t wrote = -1;
  do {
    wrote = write(fd, text.data(), text.size());
  } while (wrote < 0 && errno == EINTR);
  close(fd);
  return wrote == static_cast<ssize_t>(text.size());
}

}  // namespace kitty::internal
