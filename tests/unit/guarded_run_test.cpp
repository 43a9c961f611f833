// The guard's own failures are errors, one line each: a self-check whose
// throwaway home cannot be made (its temporary directory unusable), a
// command that cannot be started. (Both used to throw from std::filesystem
// or run_process, which ended the tool with "internal error".)
#include "cli/model/guarded_run.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "scratch_dir.h"

namespace kitty::cli {
namespace {

TEST(GuardSelfCheck, CatchesThePlantedWrite) {
  testing::internal::CaptureStdout();
  const Expected<int> checked = guard_self_check(kitty_unit::fresh_dir("guarded-run-ok"));
  const std::string printed = testing::internal::GetCapturedStdout();
  ASSERT_TRUE(checked) << checked.error().message;
  EXPECT_EQ(*checked, 0) << printed;
  EXPECT_EQ(printed.rfind("gtest-kitty guard --self-check: ok", 0), 0u) << printed;
}

TEST(GuardSelfCheck, ABaseThatIsNoDirectoryIsAOneLineError) {
  const std::string base = kitty_unit::fresh_dir("guarded-run-file") + "/plain-file";
  std::ofstream(base) << "x";
  const Expected<int> checked = guard_self_check(base);
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().message.rfind(
                "guard --self-check: cannot make a temporary directory in " + base + ": ", 0),
            0u)
      << checked.error().message;
  EXPECT_EQ(checked.error().message.find('\n'), std::string::npos);
}

// The system's temporary directory unusable (TMPDIR a file): in a child, so
// that the variable stays this process's own.
TEST(GuardSelfCheck, AnUnusableTmpdirIsAOneLineError) {
  const std::string file = kitty_unit::fresh_dir("guarded-run-tmpdir") + "/plain-file";
  std::ofstream(file) << "x";
  EXPECT_EXIT(
      {
        setenv("TMPDIR", file.c_str(), 1);
        const Expected<int> checked = guard_self_check();
        std::fprintf(stderr, "[%s]\n", checked ? "checked" : checked.error().message.c_str());
        std::_Exit(checked ? 1 : 0);
      },
      testing::ExitedWithCode(0), "\\[guard --self-check: no temporary directory: [^\n]*\\]");
}

TEST(GuardedRun, ACommandThatCannotStartIsAnError) {
  int command_exit = 0;
  const Expected<std::vector<Change>> changes =
      guarded_run(kitty_unit::fresh_dir("guarded-run-home"), {}, 1, {}, {"kitty-no-such-program"},
                  command_exit);
  ASSERT_FALSE(changes);
  EXPECT_EQ(changes.error().message, "cannot run kitty-no-such-program: No such file or directory");
}

}  // namespace
}  // namespace kitty::cli
