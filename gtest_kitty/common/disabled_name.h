// GoogleTest's rule for a disabled test, for the library's catalog and for
// the tools, which see only the names --gtest_list_tests prints.
#pragma once

#include <string_view>

namespace kitty::internal {

// GoogleTest's own disable filter is "DISABLED_*:*/DISABLED_*", applied to
// the suite name and to the test name separately: DISABLED_ starts the name
// or one of its "/" parts (Prefix/DISABLED_Suite of an instantiation).
inline bool disabled_name(std::string_view name) {
  return name.rfind("DISABLED_", 0) == 0 || name.find("/DISABLED_") != std::string_view::npos;
}

inline bool disabled_test(std::string_view suite, std::string_view name) {
  return disabled_name(suite) || disabled_name(name);
}

}  // namespace kitty::internal
