// gtest-kitty guard around a real parallel run: the real home (a sentinel
// here) is unchanged under kitty, and the guard fails the same run with
// isolation turned off.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "projects.h"

namespace kitty_it {
namespace {

class Guard : public testing::Test {
 protected:
  void SetUp() override {
    home_ = scratch_dir_of_test("guard_") + "/home";
    std::filesystem::create_directories(home_ + "/.config/app");
    std::ofstream(home_ + "/.config/app/settings.ini") << "precious=1\n";
    options_.unset_environment = {"KITTY_ISOLATION_PID", "KITTY_RUN_ID", "KITTY_HOME_BASE",
                                  "TEST_TMPDIR"};
    options_.environment = {{"HOME", home_},
                            {"XDG_CONFIG_HOME", home_ + "/.config"},
                            {"XDG_CACHE_HOME", home_ + "/.cache"}};
  }
  ProcessResult guarded_ctest() {
    return run_process({cli_path(), "guard", "--", "ctest", "--test-dir", work_path("isolation"),
                        "-j2", "-R", "writes_home|static_init"},
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
  const ProcessResult run = run_process({cli_path(), "guard", "--self-check"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("--self-check: ok"), std::string::npos) << run.output;
}

// A build tree inside the home is where the run writes: --exclude leaves it
// out, and only it.
TEST_F(Guard, ExcludedBuildTreeMayChangeTheRestMayNot) {
  std::filesystem::create_directories(home_ + "/src/build");
  const std::vector<std::string> guard = {
      cli_path(), "guard", "--home", home_, "--exclude", home_ + "/src/build", "--", "sh", "-c"};
  const auto guarded = [&guard](const std::string& script) {
    std::vector<std::string> argv = guard;
    argv.push_back(script);
    return run_process(argv);
  };
  const ProcessResult in_build = guarded("mkdir -p '" + home_ + "/src/build/Testing/x'");
  EXPECT_EQ(in_build.exit_code, 0) << in_build.output;
  const ProcessResult beside = guarded("touch '" + home_ + "/src/build.log'");
  EXPECT_EQ(beside.exit_code, 1) << beside.output;
  EXPECT_NE(beside.output.find("created " + home_ + "/src/build.log"), std::string::npos)
      << beside.output;
  // Without the exclusion, the same write into the build tree is caught.
  const ProcessResult unexcluded =
      run_process({cli_path(), "guard", "--home", home_, "--", "touch", home_ + "/src/build/new"});
  EXPECT_EQ(unexcluded.exit_code, 1) << unexcluded.output;
}

TEST_F(Guard, ExcludingTheWholeHomeIsRefused) {
  const ProcessResult run =
      run_process({cli_path(), "guard", "--home", home_, "--exclude", home_, "--", "true"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("is the guarded home itself"), std::string::npos) << run.output;
}

TEST_F(Guard, BadInputIsAUsageError) {
  const ProcessResult unknown = run_process({cli_path(), "guard", "--bogus", "--", "true"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.output.rfind("gtest-kitty: The following argument", 0), 0u) << unknown.output;
  EXPECT_NE(unknown.output.find("--bogus"), std::string::npos) << unknown.output;
  const ProcessResult no_command = run_process({cli_path(), "guard"});
  EXPECT_EQ(no_command.exit_code, 2);
  EXPECT_EQ(no_command.output, "gtest-kitty: guard needs a command: gtest-kitty guard -- CMD...\n");
  // A command must follow --, and only guard, ratchet, run and shard take one.
  EXPECT_EQ(run_process({cli_path(), "guard", "true"}).exit_code, 2);
  const ProcessResult trailing = run_process({cli_path(), "list", "--", "true"});
  EXPECT_EQ(trailing.exit_code, 2);
  EXPECT_EQ(trailing.output,
            "gtest-kitty: only guard, ratchet, run and shard take arguments after --\n");
}

}  // namespace
}  // namespace kitty_it
