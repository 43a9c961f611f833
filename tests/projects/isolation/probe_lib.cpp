#include "probe_lib.h"

#include <cstdlib>

namespace {

std::string variable(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// A static initialiser of a shared library: runs when the library is loaded,
// before the executable's own initialisers and main().
const LoadTimeEnvironment recorded = {variable("HOME"), variable("XDG_CONFIG_HOME"),
                                      variable("TMPDIR")};

}  // namespace

const LoadTimeEnvironment& probe_lib_load_time() { return recorded; }
