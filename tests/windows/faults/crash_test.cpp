// A crash (an access violation): ctest must see a failure, never a pass,
// whatever wine does with the exit code.
#include <gtest/gtest.h>

namespace {

TEST(Crash, WritesThroughANullPointer) {
  volatile int* nowhere = nullptr;
  *nowhere = 1;
}

}  // namespace
