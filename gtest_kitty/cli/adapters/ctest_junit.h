// ctest's own JUnit report (ctest --output-junit): how each registered test
// ended, as ctest saw it, with the output ctest kept of it.
#pragma once

#include <string>
#include <vector>

#include "cli/expected.h"

namespace kitty::cli {

enum class CtestStatus { kPassed, kFailed, kSkipped, kDisabled, kNotRun };

struct CtestCase {
  std::string name;
  CtestStatus status = CtestStatus::kNotRun;
  double seconds = 0;
  std::string output;
};

// A test ctest counts against the run: failed, or not run for a reason
// other than SKIP_RETURN_CODE/SKIP_REGULAR_EXPRESSION or DISABLED.
inline bool counts_as_failure(CtestStatus status) {
  return status == CtestStatus::kFailed || status == CtestStatus::kNotRun;
}

Expected<std::vector<CtestCase>> read_ctest_junit(const std::string& path);

}  // namespace kitty::cli
