// gtest-kitty guard around a real parallel run: the real home (a sentinel
// here) is unchanged under kitty, and the guard fails the same run with
// isolation turned off.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "projects.h"

namespace kitty_it {
namespace {

std::string cli() {
  const char* path = std::getenv("KITTY_IT_CLI");
  return path != nullptr ? path : "gtest-kitty";
}

class Guard : public testing::Test {
 protected:
  void SetUp() override {
    const std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
    home_ = scratch_dir("guard_" + name) + "/home";
    std::filesystem::create_directories(home_ + "/.config/app");
    std::ofstream(home_ + "/.config/app/settings.ini") << "precious=1\n";
    options_.unset_environment = {"KITTY_ISOLATION_PID", "KITTY_RUN_ID", "KITTY_HOME_BASE",
                                  "TEST_TMPDIR"};
    options_.environment = {{"HOME", home_},
                            {"XDG_CONFIG_HOME", home_ + "/.config"},
                            {"XDG_CACHE_HOME", home_ + "/.cache"}};
  }
  ProcessResult guarded_ctest() {
    return run_process({cli(), "guard", "--", "ctest", "--test-dir", work_path("isolation"), "-j2",
                        "-R", "writes_home|static_init"},
                       options_);
  }
  std::string home_;
  ProcessOptions options_;
};

TEST_F(Guard, ParallelRunUnderKittyLeavesTheHomeUnchanged) {
  const ProcessResult run = guarded_ctest();
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("gtest-kitty guard: the real home " + home_ + " is unchanged"),
            std::string::npos)
      << run.output;
}

TEST_F(Guard, CatchesTheSameRunWithIsolationOff) {
  options_.environment["KITTY_ISOLATION"] = "off";
  const ProcessResult run = guarded_ctest();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("gtest-kitty guard: created " + home_ + "/.probe/config.ini"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("gtest-kitty guard: FAILED: the real home"), std::string::npos);
}

TEST_F(Guard, SelfCheckSeesItsPlantedChange) {
  const ProcessResult run = run_process({cli(), "guard", "--self-check"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("--self-check: ok"), std::string::npos) << run.output;
}

TEST_F(Guard, BadInputIsAUsageError) {
  const ProcessResult unknown = run_process({cli(), "guard", "--bogus", "--", "true"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.output.rfind("gtest-kitty: The following argument", 0), 0u) << unknown.output;
  EXPECT_NE(unknown.output.find("--bogus"), std::string::npos) << unknown.output;
  const ProcessResult no_command = run_process({cli(), "guard"});
  EXPECT_EQ(no_command.exit_code, 2);
  EXPECT_EQ(no_command.output, "gtest-kitty: guard needs a command: gtest-kitty guard -- CMD...\n");
}

}  // namespace
}  // namespace kitty_it
