// gtest_kitty as a user gets it: installed from a BUILD_TESTING=OFF build and
// found with find_package, or brought in from source with FetchContent next
// to GoogleTest's sources.
#include <gtest/gtest.h>

#include <filesystem>

#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;

TEST(Packaging, InstallHasConfigModuleAndHeader) {
  const fs::path install = work_path("install");
  EXPECT_TRUE(fs::exists(install / "include/gtest_kitty/kitty.h"));
  bool found_config = false;
  for (const auto& entry : fs::recursive_directory_iterator(install)) {
    if (entry.path().filename() == "GTestKittyConfig.cmake") {
      found_config = true;
      EXPECT_TRUE(fs::exists(entry.path().parent_path() / "KittyTest.cmake"));
      EXPECT_TRUE(fs::exists(entry.path().parent_path() / "KittyTestAddTests.cmake"));
    }
  }
  EXPECT_TRUE(found_config);
}

TEST(Packaging, BuildWithoutTestingRegistersNoTests) {
  EXPECT_TRUE(registered_tests(work_path("kitty-build")).empty());
}

TEST(Packaging, FetchContentBuildPasses) {
  const CtestRun run = run_ctest(work_path("kvstore-fetch"), {"-j4"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
  EXPECT_EQ(run.outcomes, kvstore_all_passed());
}

}  // namespace
}  // namespace kitty_it
