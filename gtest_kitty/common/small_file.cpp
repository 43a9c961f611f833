#include "common/small_file.h"

#include "platform/files.h"

namespace kitty::internal {

bool read_small_file(const std::string& path, std::string& text, size_t limit) {
  text.clear();
  const int fd = open_for_reading(path);
  if (fd < 0) return false;
  char buffer[4096];
  bool ok = true;
  while (text.size() < limit) {
    const long long got = read_some(fd, buffer, sizeof buffer);
    if (got < 0) ok = false;
    if (got <= 0) break;
    text.append(buffer, static_cast<size_t>(got));
  }
  close_file(fd);
  if (text.size() > limit) text.resize(limit);
  return ok;
}

std::string first_line_of(const std::string& path) {
  std::string text;
  if (!read_small_file(path, text)) return {};
  return text.substr(0, text.find('\n'));
}

}  // namespace kitty::internal
