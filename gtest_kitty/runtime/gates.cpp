#include "runtime/gates.h"

#include <gtest_kitty/kitty.h>

#include <cstdlib>

#include "common/settings.h"
#include "runtime/misuse.h"

namespace kitty::internal {

bool switch_on(const char* name, std::string& error) {
  const char* value = read_setting(name);
  if (value == nullptr || *value == '\0' || std::string(value) == "0") return false;
  if (std::string(value) == "1") return true;
  error = std::string(name) + " must be 0 or 1, not '" + value + "'";
  return false;
}

}  // namespace kitty::internal

namespace kitty {

bool volume_full(const char* caller_file, int caller_line) {
  std::string error;
  const bool full = internal::switch_on("KITTY_VOLUME_FULL", error);
  if (!error.empty()) internal::fail_at_call(caller_file, caller_line, "gtest_kitty: " + error);
  return full;
}

}  // namespace kitty
