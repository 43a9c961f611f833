#include "common/status.h"

#include <gtest_kitty/kitty.h>

namespace kitty::internal {

int exit_code_of(Category category) {
  switch (category) {
    case Category::kUsage:
      return kExitUsage;
    case Category::kStaleSelection:
      return kExitSelectionMismatch;
    case Category::kUnitConflict:
      return kExitSelectionMismatch;  // issue 11: gets its own code
    case Category::kIsolation:
      return kExitIsolationFailed;
    case Category::kPorts:
      return kExitUsage;  // issue 11: gets its own code
    case Category::kOutput:
      return kExitUsage;  // issue 11: gets its own code
  }
  return kExitUsage;
}

}  // namespace kitty::internal
