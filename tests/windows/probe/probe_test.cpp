// One test per way a test process can end; each runs in its own process
// (CMakeLists.txt filters to one test per ctest test).
#include <gtest/gtest.h>
#include <windows.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace {

void write_through_null() {
  // Both volatile: the compiler may neither prove the pointer null nor drop
  // the write (GCC drops a plain store through a volatile pointer at -O2).
  volatile int* volatile target = nullptr;
  *target = 1;
}

TEST(Probe, Passes) { EXPECT_EQ(2, 1 + 1); }

TEST(Probe, Fails) { EXPECT_EQ(3, 1 + 1); }

TEST(Probe, CrashesOnNullWrite) { write_through_null(); }

// With user32 loaded, wine asks by message box whether to debug a crash
// unless AeDebug's Auto is 1: without a display that box would block.
TEST(Probe, CrashesWithUser32Loaded) {
  ASSERT_NE(nullptr, LoadLibraryA("user32.dll"));
  write_through_null();
}

TEST(Probe, Aborts) { std::abort(); }

TEST(Probe, ExitsEarly) { std::exit(3); }

TEST(Probe, Hangs) { std::this_thread::sleep_for(std::chrono::hours(1)); }

}  // namespace
