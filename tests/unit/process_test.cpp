// run_program: a program that cannot be started comes back as an error, a
// value, whatever the reason (not found, its working directory missing, no
// pipe left); a program that runs is a result, whatever its exit code.
#include "cli/adapters/process.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace kitty::cli {
namespace {

TEST(RunProgram, AProgramNotFoundIsAnErrorNamingIt) {
  const Expected<ProcessResult> ran = run_program({"kitty-no-such-program", "--flag"});
  ASSERT_FALSE(ran) << "exit " << ran->exit_code << ": " << ran->output;
  EXPECT_EQ(ran.error().message, "cannot run kitty-no-such-program: No such file or directory");
  EXPECT_EQ(ran.error().exit_code, 2);
}

TEST(RunProgram, AMissingWorkingDirectoryIsAnError) {
  ProcessOptions options;
  options.working_directory = "/nonexistent/kitty-dir";
  const Expected<ProcessResult> ran = run_program({"true"}, options);
  ASSERT_FALSE(ran);
  EXPECT_EQ(ran.error().message,
            "cannot run true: cannot enter /nonexistent/kitty-dir: No such file or directory");
}

TEST(RunProgram, AFileThatIsNotAProgramIsAnError) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "kitty-process-test-not-a-program").string();
  std::ofstream(path) << "not a program\n";
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const Expected<ProcessResult> ran = run_program({path});
  ASSERT_FALSE(ran);
  EXPECT_EQ(ran.error().message, "cannot run " + path + ": Permission denied");
}

TEST(RunProgram, NoProgramIsAnError) {
  const Expected<ProcessResult> ran = run_program({});
  ASSERT_FALSE(ran);
  EXPECT_EQ(ran.error().message, "no program to run");
}

// 127 is a shell's "not found", but a program may return it too: only a
// start that failed is an error.
TEST(RunProgram, AProgramThatExits127IsAResult) {
  const Expected<ProcessResult> ran = run_program({"sh", "-c", "echo out; exit 127"});
  ASSERT_TRUE(ran) << ran.error().message;
  EXPECT_EQ(ran->exit_code, 127);
  EXPECT_EQ(ran->output, "out\n");
}

TEST(RunProgram, AProgramWhoseOutputPassesThroughStillReportsItsStart) {
  ProcessOptions passthrough;
  passthrough.capture = false;
  EXPECT_FALSE(run_program({"kitty-no-such-program"}, passthrough));
  const Expected<ProcessResult> ran = run_program({"sh", "-c", "exit 4"}, passthrough);
  ASSERT_TRUE(ran);
  EXPECT_EQ(ran->exit_code, 4);
}

// Uses up this process's file descriptors, then starts a program: prints
// why it could not and ends with 0, or ends with 1 when it started.
[[noreturn]] void start_with_no_descriptor_left() {
  const rlimit few{64, 64};
  setrlimit(RLIMIT_NOFILE, &few);
  while (open("/dev/null", O_RDONLY) >= 0) {
  }
  const Expected<ProcessResult> ran = run_program({"true"});
  std::fprintf(stderr, "%s\n", ran ? "started" : ran.error().message.c_str());
  std::_Exit(ran ? 1 : 0);
}

// Out of file descriptors, the pipe cannot be made: an error, where it used
// to be an exception. In a child of its own, whose descriptors it uses up.
TEST(RunProgram, NoPipeLeftIsAnErrorNotAnException) {
  EXPECT_EXIT(start_with_no_descriptor_left(), testing::ExitedWithCode(0),
              "cannot run true: pipe: Too many open files");
}

}  // namespace
}  // namespace kitty::cli
