// kitty-bench's one error: a message that becomes its one `gtest_kitty:`
// line and exit code 2 (main.cpp). Thrown, not returned: every failure of
// the harness ends the run, and nothing recovers from one.
#pragma once

#include <stdexcept>
#include <string>

namespace kitty_bench {

struct Failure : std::runtime_error {
  explicit Failure(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace kitty_bench
