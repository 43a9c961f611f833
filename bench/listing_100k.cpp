// A test binary with KITTY_BENCH_TESTS tests (default 100,000), registered at
// static-initialisation time with testing::RegisterTest in a loop, so the
// binary compiles in seconds. The tests are spread evenly over
// KITTY_BENCH_FILES fake source files (default 100) named
// <KITTY_BENCH_FAKE_DIR>/file_NNN_test.cpp, one test suite per file, as if
// each file held 1,000 TEST()s. Used by bench/run.sh to time kitty's listing
// (--kitty_list) and discovery (KittyTestAddTests.cmake) at 25k/50k/100k
// tests; linked with GTestKitty::main and registered with kitty_add_tests.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#ifndef KITTY_BENCH_TESTS
#define KITTY_BENCH_TESTS 100000
#endif
#ifndef KITTY_BENCH_FILES
#define KITTY_BENCH_FILES 100
#endif
#ifndef KITTY_BENCH_FAKE_DIR
#define KITTY_BENCH_FAKE_DIR "fake"
#endif

namespace {

class ListedTest : public testing::Test {
 public:
  explicit ListedTest(int index) : index_(index) {}
  void TestBody() override { EXPECT_GE(index_, 0); }

 private:
  int index_;
};

bool register_all() {
  constexpr int kTests = KITTY_BENCH_TESTS;
  constexpr int kFiles = KITTY_BENCH_FILES;
  constexpr int kPerFile = (kTests + kFiles - 1) / kFiles;
  // GoogleTest keeps the file name as a const char* in some places: the
  // strings must live as long as the program.
  static std::vector<std::string> files;
  files.reserve(kFiles);
  for (int f = 0; f < kFiles; ++f) {
    char name[64];
    std::snprintf(name, sizeof name, "/file_%03d_test.cpp", f);
    files.push_back(std::string(KITTY_BENCH_FAKE_DIR) + name);
  }
  std::string suite;
  std::string test;
  for (int i = 0; i < kTests; ++i) {
    const int f = i / kPerFile;
    const int n = i % kPerFile;
    suite = "Listing" + std::to_string(f);
    test = "Case" + std::to_string(n);
    testing::RegisterTest(suite.c_str(), test.c_str(), nullptr, nullptr, files[f].c_str(), 10 + n,
                          [i]() -> testing::Test* { return new ListedTest(i); });
  }
  return true;
}

const bool registered = register_all();

}  // namespace
