// Every environment variable kitty reads, declared once: its name, what it
// means, the values it takes and its default. Code reads them through
// read_setting() only, which takes the environment to read from, so a test
// can inject values without touching its own process's environment.
// docs/reference.md's table of variables is checked against this one
// (tests/unit/settings_test.cpp). No GoogleTest in here.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace kitty::internal {

// Where a variable is documented for users.
enum class Listed {
  kEnvironment,  // reference.md, "Environment of a test process"
  kFlag,         // reference.md, "Flags of a test binary" (a flag's variable)
  kHandOver,     // kitty's own, set by the launcher for the binary (isolation/hand_over.h)
  kOutside,      // set by someone else: the user's session, ctest, GoogleTest, CI
};

struct Setting {
  const char* name;  // "<n>", "<type>": a part that varies (CTEST_RESOURCE_GROUP_<n>_<type>)
  const char* meaning;
  const char* values;         // what it takes, as the docs say it
  const char* default_value;  // as the docs say it; "" when there is none
  Listed listed;
};

// The table, in the order of the docs.
const std::vector<Setting>& settings_table();

// The declaration of variable `name` (a varying one matches its pattern);
// null when kitty does not declare it.
const Setting* find_setting(const std::string& name);

// Where variables are read from: the value of a variable, null when unset.
using Environment = std::function<const char*(const char*)>;

// The real environment of this process: the library's one getenv.
const char* process_variable(const char* name);

// The value of variable `name` in `environment`; null when unset. Every
// KITTY_* name in kitty's sources is declared in the table, and nothing
// else looks the environment up (tests/unit/settings_test.cpp reads the
// sources to check).
const char* read_setting(const char* name, const Environment& environment = process_variable);
inline const char* read_setting(const std::string& name,
                                const Environment& environment = process_variable) {
  return read_setting(name.c_str(), environment);
}

}  // namespace kitty::internal
