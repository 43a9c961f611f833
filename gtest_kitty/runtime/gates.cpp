#include "runtime/gates.h"

#include <gtest_kitty/kitty.h>

#include <cstdlib>
#include <string>

#include "common/settings.h"
#include "runtime/misuse.h"

namespace kitty::internal {

Result<bool> switch_on(const char* name) {
  const char* value = read_setting(name);
  if (value == nullptr || *value == '\0' || std::string(value) == "0") return false;
  if (std::string(value) == "1") return true;
  return usage_error(std::string(name) + " must be 0 or 1, not '" + value + "'");
}

}  // namespace kitty::internal

namespace kitty {

// A bad value fails the calling test (misuse.h), not the process: only the
// tests that ask for the gate depend on it.
bool volume_full(const char* caller_file, int caller_line) {
  const internal::Result<bool> full = internal::switch_on("KITTY_VOLUME_FULL");
  if (!full) {
    internal::fail_at_call(caller_file, caller_line, "gtest_kitty: " + full.failure().message);
    return false;
  }
  return *full;
}

}  // namespace kitty
