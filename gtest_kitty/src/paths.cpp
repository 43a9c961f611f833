#include "paths.h"

#include <algorithm>
#include <filesystem>

namespace kitty::internal {

namespace fs = std::filesystem;

std::string normalize_path(const std::string& path) {
  std::string slashed = path;
  std::replace(slashed.begin(), slashed.end(), '\\', '/');
  std::string normal = fs::path(slashed).lexically_normal().generic_string();
  // lexically_normal keeps a trailing separator ("a/" stays "a/"); a source
  // file never has one, so drop it to compare like with like.
  if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

bool path_selects(const std::string& selector, const std::string& file) {
  const std::string want = normalize_path(selector);
  const std::string have = normalize_path(file);
  if (want.empty() || want == ".") return false;
  if (want == have) return true;
  if (want.front() == '/' || want.size() >= have.size()) return false;
  // A suffix that starts on a component boundary.
  return have.compare(have.size() - want.size(), want.size(), want) == 0 &&
         have[have.size() - want.size() - 1] == '/';
}

std::string relative_to(const std::string& file, const std::string& root) {
  const fs::path normal_file = normalize_path(file);
  if (root.empty() || !normal_file.is_absolute()) return normal_file.generic_string();
  const fs::path normal_root = normalize_path(root);
  if (!normal_root.is_absolute()) return normal_file.generic_string();
  const fs::path relative = normal_file.lexically_relative(normal_root);
  if (relative.empty()) return normal_file.generic_string();
  return relative.generic_string();
}

}  // namespace kitty::internal
