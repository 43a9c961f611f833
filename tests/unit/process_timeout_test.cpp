// The serial side of bench and equivalence --executed is bounded like ctest
// bounds each test: a process that outlives its timeout is killed with its
// process group, and the test it hung in is read from its output.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>

#include "cli/adapters/process.h"
#include "cli/model/whole_run.h"

namespace kitty::cli {
namespace {

TEST(RunProgram, AProcessPastItsTimeoutIsKilledWithItsGroup) {
  ProcessOptions options;
  options.timeout_seconds = 0.5;
  const auto start = std::chrono::steady_clock::now();
  // The child's own child holds the pipe too: it must die with the group.
  const Expected<ProcessResult> result =
      run_program({"sh", "-c", "echo started; sleep 60 & sleep 60; echo never"}, options);
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_TRUE(result->timed_out);
  EXPECT_EQ(result->exit_code, 128 + SIGKILL);
  EXPECT_EQ(result->output, "started\n");
  EXPECT_LT(took, 10.0);
}

TEST(RunProgram, AProcessWithinItsTimeoutIsNotTimedOut) {
  ProcessOptions options;
  options.timeout_seconds = 30;
  const Expected<ProcessResult> result = run_program({"sh", "-c", "echo done; exit 3"}, options);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_FALSE(result->timed_out);
  EXPECT_EQ(result->exit_code, 3);
  EXPECT_EQ(result->output, "done\n");
}

TEST(RunningAtEnd, TheLastTestStartedAndNeverEnded) {
  EXPECT_EQ(running_at_end("[ RUN      ] Hang.BeforeIt\n[       OK ] Hang.BeforeIt (0 ms)\n"
                           "[ RUN      ] Hang.WhenAsked\n"),
            "Hang.WhenAsked");
  EXPECT_EQ(running_at_end("[ RUN      ] A.b\n[  FAILED  ] A.b (1 ms)\n[ RUN      ] A.c\n"
                           "[  SKIPPED ] A.c (0 ms)\n"),
            "");
  EXPECT_EQ(running_at_end(""), "");
}

TEST(SerialTimeout, TheSumOfTheUnitsTimeoutsOrNoneWhenOneHasNone) {
  RegisteredTest a, b;
  a.timeout = 3;
  b.timeout = 4.5;
  WholeProgram program;
  program.units = {&a, &b};
  EXPECT_DOUBLE_EQ(serial_timeout(program), 7.5);
  b.timeout = 0;
  EXPECT_DOUBLE_EQ(serial_timeout(program), 0);
}

}  // namespace
}  // namespace kitty::cli
