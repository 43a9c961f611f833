#include "cli/adapters/temp_dir.h"

#include <fmt/format.h>
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kitty::cli {

Expected<TempDir> TempDir::make(const std::string& prefix) {
  std::error_code error;
  const std::filesystem::path base = std::filesystem::temp_directory_path(error);
  if (error) return fail(fmt::format("no temporary directory: {}", error.message()));
  return make_in(base.string(), prefix);
}

Expected<TempDir> TempDir::make_in(const std::string& base, const std::string& prefix) {
  std::string pattern = (std::filesystem::path(base) / (prefix + ".XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return fail(
        fmt::format("cannot make a temporary directory in {}: {}", base, std::strerror(errno)));
  }
  return TempDir(pattern);
}

TempDir::~TempDir() {
  if (keep_ || path_.empty()) return;
  std::error_code ignored;  // never throw from here: a leftover is all it costs
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace kitty::cli
