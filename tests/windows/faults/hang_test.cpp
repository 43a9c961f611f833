// Hangs: ctest's TIMEOUT kills the launcher, and the test must die with it.
#include <windows.h>

#include <gtest/gtest.h>

namespace {

TEST(Hang, SleepsForever) { Sleep(INFINITE); }

}  // namespace
