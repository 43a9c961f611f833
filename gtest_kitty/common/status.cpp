#include "common/status.h"

#include <cstdio>
#include <cstdlib>

#include <gtest_kitty/kitty.h>

namespace kitty::internal {

int exit_code_of(Category category) {
  switch (category) {
    case Category::kUsage:
      return kExitUsage;
    case Category::kStaleSelection:
      return kExitSelectionMismatch;
    case Category::kUnitConflict:
      return kExitUnitConflict;
    case Category::kIsolation:
      return kExitIsolationFailed;
    case Category::kPorts:
      return kExitPortsUnavailable;
    case Category::kOutput:
      return kExitOutputFailed;
    case Category::kShard:
      return kExitBadShard;
  }
  return kExitUsage;
}

int report_failure(const Failure& failure) {
  std::fflush(stdout);
  std::fprintf(stderr, "gtest_kitty: %s\n", failure.message.c_str());
  return exit_code_of(failure.category);
}

void exit_with(const Failure& failure) { std::exit(report_failure(failure)); }

}  // namespace kitty::internal
