// record/record_file.cpp's clock, for the stand-in launcher: that file
// needs the settings table, which does not build for Windows yet.
#include <chrono>

#include "record/record_file.h"

namespace kitty::internal {

long long wall_clock_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace kitty::internal
