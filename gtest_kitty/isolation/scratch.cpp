#include "isolation/scratch.h"

#include <cstdio>
#include <string>

#include "common/utf8_path.h"
#include "isolation/skeleton.h"
#include "platform/files.h"
#include "platform/process.h"

namespace kitty::internal {
namespace {

std::string root_in(const std::string& dir) { return dir + "/gtest-kitty-" + user_key(); }

// FNV-1a, printed as 8 hex digits: a name part, not a secret.
std::string short_hash(const std::string& text) {
  unsigned long long hash = 14695981039346656037ull;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  char out[9];
  std::snprintf(out, sizeof out, "%08llx", hash & 0xffffffffull);
  return out;
}

}  // namespace

Scratch scratch_from_environment(const Environment& environment) {
  Scratch scratch;
  const char* value = read_setting("KITTY_SCRATCH", environment);
  const std::string choice = value != nullptr ? value : "";
  if (choice == "off") return scratch;
  if (choice.empty() || choice == "auto") {
    // Opportunistic: where /dev/shm is missing, small or not ours, the base.
    if (!is_memory_filesystem_with_room("/dev/shm", kScratchMinimumFree)) return scratch;
    const std::string root = root_in("/dev/shm");
    if (ensure_directory(root).empty()) scratch.root = root;
    return scratch;
  }
  if (!path_of_utf8(choice).is_absolute()) {
    scratch.error =
        "KITTY_SCRATCH must be auto, off or an absolute directory, not '" + choice + "'";
    return scratch;
  }
  scratch.root = root_in(choice);
  scratch.error = ensure_directory(scratch.root);
  if (!scratch.error.empty()) scratch.root.clear();
  return scratch;
}

std::string scratch_run_dir(const std::string& root, const std::string& base,
                            const std::string& run_id) {
  return root + "/" + run_id + "-" + short_hash(base);
}

bool is_scratch_of(const std::string& name, const std::string& base, std::string& run_id) {
  const std::string suffix = "-" + short_hash(base);
  if (name.size() <= suffix.size() ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return false;
  }
  run_id = name.substr(0, name.size() - suffix.size());
  return true;
}

}  // namespace kitty::internal
