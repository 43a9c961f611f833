#include "cli/adapters/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace kitty::cli {

Expected<std::vector<std::filesystem::directory_entry>> directory_entries(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    entries.push_back(*it);
  }
  if (error) return fail(fmt::format("cannot read the directory {}: {}", dir, error.message()));
  return entries;
}

Expected<std::string> read_file(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  std::string text;
  char buffer[65536];
  while (true) {
    const ssize_t got = read(fd, buffer, sizeof buffer);
    if (got > 0) {
      text.append(buffer, static_cast<size_t>(got));
    } else if (got == 0) {
      break;
    } else if (errno != EINTR) {
      const int error = errno;
      close(fd);
      return fail(fmt::format("cannot read {}: {}", path, std::strerror(error)));
    }
  }
  close(fd);
  return text;
}

}  // namespace kitty::cli
