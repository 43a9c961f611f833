// The tool's own failures, end to end: whatever went wrong (a program that
// cannot be started, a temporary directory that cannot be used), the tool
// ends with one line, "gtest-kitty: ...", and exit 2; never a second line
// from a child that failed to start, never an "internal error".
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "projects.h"

namespace kitty_it {
namespace {

TEST(CliErrors, GuardSelfCheckWithAnUnusableTmpdirIsOneLine) {
  const std::string file = scratch_dir_of_test("cli_errors_") + "/plain-file";
  std::ofstream(file) << "not a directory\n";
  ProcessOptions options;
  options.environment = {{"TMPDIR", file}};
  const ProcessResult run = run_process({cli_path(), "guard", "--self-check"}, options);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(run.output.rfind("gtest-kitty: guard --self-check: no temporary directory: ", 0), 0u)
      << run.output;
  EXPECT_EQ(run.output.find('\n'), run.output.size() - 1) << run.output;
}

TEST(CliErrors, GuardOfACommandThatCannotStartIsOneLine) {
  const ProcessResult run =
      run_process({cli_path(), "guard", "--home", scratch_dir_of_test("cli_errors_"), "--",
                   "kitty-no-such-program", "--flag"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(run.output,
            "gtest-kitty: cannot run kitty-no-such-program: No such file or directory\n");
}

TEST(CliErrors, CtestNotOnThePathIsOneLine) {
  ProcessOptions options;
  options.environment = {{"PATH", "/nonexistent"}};
  const ProcessResult run = run_process(
      {cli_path(), "equivalence", "--test-dir", scratch_dir_of_test("cli_errors_")}, options);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(run.output,
            "gtest-kitty: cannot run ctest: No such file or directory: install CMake and put ctest "
            "on PATH\n");
}

}  // namespace
}  // namespace kitty_it
