// What "passed" means (isolation/finish.h), decided once for the launcher,
// a binary run directly and HOME_SCOPE test: exit 0 and 77 pass, anything
// else keeps the directories.
#include "isolation/finish.h"

#include <gtest/gtest.h>

#include <gtest_kitty/kitty.h>

#include "portable_test_support.h"

namespace kitty::internal {
namespace {

using test_support::exists;
using test_support::make_directory;
using test_support::ScratchDir;

TEST(Passed, ExitZeroAndSkippedPass) {
  EXPECT_TRUE(passed(exit_ending(0)));
  EXPECT_TRUE(passed(exit_ending(kExitSkipped)));
  EXPECT_TRUE(passed(verdict_ending(/*failed=*/false)));
}

TEST(Passed, EveryOtherExitCodeFails) {
  for (const int code : {1, 2, kExitUsage, kExitSelectionMismatch, kExitIsolationFailed,
                         kExitPrematureExit, 127, 255}) {
    EXPECT_FALSE(passed(exit_ending(code))) << code;
  }
  EXPECT_FALSE(passed(verdict_ending(/*failed=*/true)));
}

TEST(Passed, AnEndThatIsNoPlainExitFails) {
  Ending killed = exit_ending(0);
  killed.exited = false;
  EXPECT_FALSE(passed(killed));
  Ending premature = exit_ending(0);  // exit(0) while its tests ran
  premature.premature = true;
  EXPECT_FALSE(passed(premature));
  Ending stopped = exit_ending(0);
  stopped.stopped = true;
  EXPECT_FALSE(passed(stopped));
  Ending unknown = exit_ending(0);
  unknown.known = false;
  EXPECT_FALSE(passed(unknown));
}

// The directories follow the verdict.
TEST(FinishProcess, RemovesAPassingOnesDirectoryKeepsAFailingOnes) {
  ScratchDir scratch;
  for (const int code : {0, kExitSkipped, 1, kExitPrematureExit}) {
    SCOPED_TRACE(code);
    Isolation isolation;
    isolation.process_dir = scratch.path() + "/process-" + std::to_string(code);
    make_directory(isolation.process_dir);
    make_directory(isolation.process_dir + "/home");
    const Finished finished = finish_process(isolation, exit_ending(code));
    EXPECT_EQ(finished.passed, passed(exit_ending(code)));
    EXPECT_EQ(exists(isolation.process_dir), !finished.passed);
    if (!finished.passed) {
      EXPECT_EQ(finished.said,
                "kept the isolated home of this failed process: " + isolation.process_dir);
    } else {
      EXPECT_EQ(finished.said, "");
    }
  }
}

TEST(FinishTestScope, RemovesAPassingTestsDirectoryKeepsAFailingOnes) {
  ScratchDir scratch;
  const std::string passing = scratch.path() + "/test-1";
  const std::string failing = scratch.path() + "/test-2";
  make_directory(passing);
  make_directory(failing);
  EXPECT_TRUE(finish_test_scope(passing, verdict_ending(false)).passed);
  EXPECT_FALSE(finish_test_scope(failing, verdict_ending(true)).passed);
  EXPECT_FALSE(exists(passing));
  EXPECT_TRUE(exists(failing));
}

}  // namespace
}  // namespace kitty::internal
