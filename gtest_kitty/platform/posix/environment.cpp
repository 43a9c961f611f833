#include "platform/environment.h"

#include <cstdlib>

extern char** environ;

namespace kitty::internal {

const char* read_variable(const char* name) { return std::getenv(name); }

std::vector<std::string> environment_entries() {
  std::vector<std::string> entries;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    entries.emplace_back(*entry);
  }
  return entries;
}

void set_variable(const std::string& name, const std::string& value) {
  setenv(name.c_str(), value.c_str(), 1);
}

void unset_variable(const std::string& name) { unsetenv(name.c_str()); }

}  // namespace kitty::internal
