// Wall time of a step the tools report: bench's medians, progress lines.
#pragma once

#include <chrono>

namespace kitty::cli {

class Stopwatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace kitty::cli
