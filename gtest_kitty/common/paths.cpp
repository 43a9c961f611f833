#include "common/paths.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <string>

#include "common/utf8_path.h"

namespace kitty::internal {

namespace fs = std::filesystem;

std::string normalize_path(const std::string& path) {
  std::string slashed = path;
  std::replace(slashed.begin(), slashed.end(), '\\', '/');
  std::string normal = generic_utf8_of(path_of_utf8(slashed).lexically_normal());
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

namespace {

// A relative path's leading ".." components as "@up<N>/", N their count.
std::string without_leading_dot_dots(const std::string& relative) {
  size_t up = 0;
  std::string::size_type at = 0;
  while (relative.compare(at, 2, "..") == 0 &&
         (at + 2 == relative.size() || relative[at + 2] == '/')) {
    ++up;
    at = std::min(at + 3, relative.size());
  }
  if (up == 0) return relative;
  return "@up" + std::to_string(up) + "/" + relative.substr(at);
}

}  // namespace

// "Absolute" as a compiler spells __FILE__: from a root directory. On
// Windows "/src/a.cpp" has no drive, yet is no relative path (a cross-build
// names files so), and two such paths share their root.
std::string relative_to(const std::string& file, const std::string& root) {
  const fs::path normal_file = path_of_utf8(normalize_path(file));
  if (root.empty() || !normal_file.has_root_directory()) {
    return without_leading_dot_dots(generic_utf8_of(normal_file));
  }
  const fs::path normal_root = path_of_utf8(normalize_path(root));
  if (!normal_root.has_root_directory() || normal_root.root_name() != normal_file.root_name()) {
    return generic_utf8_of(normal_file);
  }
  const fs::path relative = normal_file.lexically_relative(normal_root);
  if (relative.empty()) return generic_utf8_of(normal_file);
  const std::string name = generic_utf8_of(relative);
  if (name.rfind("..", 0) != 0 || (name.size() > 2 && name[2] != '/')) return name;
  // Outside the root: sharing only the filesystem root, the absolute path
  // says best where the file is (and stays put when the checkout moves).
  const fs::path root_parts = normal_root.relative_path();
  const auto depth = std::distance(root_parts.begin(), root_parts.end());
  const auto up = std::count(relative.begin(), relative.end(), fs::path(".."));
  if (up >= depth) {
    return "@" + generic_utf8_of(normal_file);
  }
  return without_leading_dot_dots(name);
}

bool names_outside_root(const std::string& name) { return name.rfind('@', 0) == 0; }

}  // namespace kitty::internal
