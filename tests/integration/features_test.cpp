// Each GoogleTest feature of tests/projects/features keeps working under
// kitty, and each file's outcome reaches ctest truthfully: all-skipped is
// "Skipped", skipped-plus-failed is "Failed", only-disabled is "Disabled".
#include <gtest/gtest.h>

#include "projects.h"

namespace kitty_it {
namespace {

TEST(Features, EveryFileReportsItsTrueOutcome) {
  const CtestRun run = run_ctest(work_path("features"), {"-j4"});
  EXPECT_NE(run.process.exit_code, 0) << "skip_and_fail_test.cpp fails on purpose";
  EXPECT_EQ(run.outcomes, (std::map<std::string, std::string>{
                              {"features_tests/plain_test.cpp", "Passed"},
                              {"features_tests/param_defs_test.cpp", "Passed"},
                              {"features_tests/param_inst_test.cpp", "Passed"},
                              {"features_tests/typed_test.cpp", "Passed"},
                              {"features_tests/header_tests.h", "Passed"},
                              {"features_tests/header_user_test.cpp", "Passed"},
                              {"features_tests/disabled_test.cpp", "Disabled"},
                              {"features_tests/all_skipped_test.cpp", "Skipped"},
                              {"features_tests/skip_and_fail_test.cpp", "Failed"},
                              {"features_tests/death_test.cpp", "Passed"},
                              {"features_tests/dir with space/ünïcode test.cpp", "Passed"},
                              {"mock_tests/plain_test.cpp", "Passed"},
                              {"mock_tests/mock_test.cpp", "Passed"},
                              {"custom_main_tests/AllSkipped", "Skipped"},
                              {"custom_main_tests/Plain", "Passed"},
                              {"custom_main_tests/PlainFixture", "Passed"},
                              {"single_file_tests/filter_flag_test.cpp", "Passed"},
                              {"crash_tests/crash_test.cpp", "Passed"}}));
}

TEST(Features, EnvironmentOptionReachesTheTestProcess) {
  const ProcessResult shown =
      run_process({"ctest", "--test-dir", work_path("features"), "-R",
                   "^features_tests/plain_test.cpp$", "--show-only=json-v1"});
  EXPECT_NE(shown.output.find("KITTY_FEATURES_ENV=from_cmake"), std::string::npos) << shown.output;
}

}  // namespace
}  // namespace kitty_it
