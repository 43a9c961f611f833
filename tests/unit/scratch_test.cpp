// Homes made in the scratch (isolation/scratch.h): where KITTY_SCRATCH puts
// them, that a failed one ends in the base, where the evidence is promised,
// that a passing one leaves nothing in either, and that pruning carries a
// home a killed launcher left in the scratch to its run.
#include "isolation/scratch.h"

#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "isolation/isolation.h"
#include "isolation/retention.h"
#include "isolation_test_support.h"

namespace kitty::internal {
namespace {

using namespace test_support;

Environment variables(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> const char* {
    const auto found = values.find(name);
    return found == values.end() ? nullptr : found->second.c_str();
  };
}

std::string own_root(const std::string& dir) {
  return dir + "/gtest-kitty-" + std::to_string(geteuid());
}

IsolationSettings in_scratch(const std::string& base, const std::string& root,
                             const std::string& run_id) {
  IsolationSettings settings;
  settings.base = base;
  settings.run_id = run_id;
  settings.unit_name = "unit";
  settings.scratch_root = root;
  return settings;
}

TEST(ScratchChoice, OffIsTheBase) {
  const Scratch scratch = scratch_from_environment(variables({{"KITTY_SCRATCH", "off"}}));
  EXPECT_EQ(scratch.root, "");
  EXPECT_EQ(scratch.error, "");
}

// auto, the default (unset or empty too).
TEST(ScratchChoice, AutoIsDevShmWhenItIsRoomyTmpfs) {
  struct statfs kind {};
  struct statvfs room {};
  const bool fit =
      statfs("/dev/shm", &kind) == 0 && kind.f_type == 0x01021994 &&
      statvfs("/dev/shm", &room) == 0 &&
      static_cast<unsigned long long>(room.f_bavail) * room.f_frsize >= kScratchMinimumFree;
  for (const Environment& environment : {variables({{"KITTY_SCRATCH", "auto"}}), variables({}),
                                         variables({{"KITTY_SCRATCH", ""}})}) {
    const Scratch scratch = scratch_from_environment(environment);
    EXPECT_EQ(scratch.error, "");
    EXPECT_EQ(scratch.root, fit ? own_root("/dev/shm") : "");
  }
}

TEST(ScratchChoice, ADirectoryGetsAUserOwnedRootInIt) {
  ScratchDir dir;
  const Scratch scratch = scratch_from_environment(variables({{"KITTY_SCRATCH", dir.path()}}));
  EXPECT_EQ(scratch.error, "");
  EXPECT_EQ(scratch.root, own_root(dir.path()));
  EXPECT_EQ(mode_of(scratch.root), 0700);
}

TEST(ScratchChoice, ARelativeOrMissingOrForeignDirectoryIsAnError) {
  EXPECT_NE(scratch_from_environment(variables({{"KITTY_SCRATCH", "relative"}}))
                .error.find("must be auto, off or an absolute directory"),
            std::string::npos);
  ScratchDir dir;
  const Scratch missing =
      scratch_from_environment(variables({{"KITTY_SCRATCH", dir.path() + "/not/there"}}));
  EXPECT_NE(missing.error, "");
  EXPECT_EQ(missing.root, "");
  make_symlink(dir.path() + "/elsewhere", own_root(dir.path()));  // a link in place of the root
  const Scratch linked = scratch_from_environment(variables({{"KITTY_SCRATCH", dir.path()}}));
  EXPECT_NE(linked.error.find("not a directory"), std::string::npos) << linked.error;
  EXPECT_EQ(linked.root, "");
}

// A base and a scratch root of this user's, each fresh.
class ScratchPlacement : public ::testing::Test {
 protected:
  ScratchPlacement() : root_(own_root(scratch_.path())) { make_directory(root_); }
  ScratchDir base_;
  ScratchDir scratch_;
  std::string root_;
};

TEST_F(ScratchPlacement, TheHomeIsInTheScratchAndAFailedOneEndsInTheBase) {
  const IsolationResult made = create_isolation(in_scratch(base_.path(), root_, "run-1"));
  ASSERT_EQ(made.error, "");
  const Isolation& isolation = made.isolation;
  EXPECT_EQ(isolation.process_dir.rfind(root_ + "/run-1-", 0), 0u) << isolation.process_dir;
  EXPECT_EQ(isolation.kept_dir.rfind(base_.path() + "/run-1/unit.", 0), 0u) << isolation.kept_dir;
  EXPECT_EQ(isolation.home, isolation.process_dir + "/home");
  write_file(isolation.home + "/.config/evidence", "what the test left");

  const std::string said = retire_process(isolation, /*passed=*/false);
  EXPECT_EQ(said, "kept the isolated home of this failed process: " + isolation.kept_dir);
  EXPECT_EQ(read_file(isolation.kept_dir + "/home/.config/evidence"), "what the test left");
  EXPECT_FALSE(exists(isolation.process_dir));
  EXPECT_FALSE(exists(isolation.scratch_run_dir)) << "the run's scratch is empty: removed";
  close(isolation.worker_lock_fd);
}

TEST_F(ScratchPlacement, APassingProcessLeavesNothingInTheScratch) {
  const IsolationResult made = create_isolation(in_scratch(base_.path(), root_, "run-1"));
  ASSERT_EQ(made.error, "");
  EXPECT_EQ(retire_process(made.isolation, /*passed=*/true), "");
  EXPECT_EQ(entries(root_), std::vector<std::string>{});
  close(made.isolation.worker_lock_fd);
}

TEST_F(ScratchPlacement, AScratchThatCannotTakeTheRunLeavesTheHomeInTheBase) {
  const std::string gone = root_ + "/removed";  // a root that is not there
  const IsolationResult made = create_isolation(in_scratch(base_.path(), gone, "run-1"));
  ASSERT_EQ(made.error, "");
  EXPECT_EQ(made.isolation.process_dir.rfind(base_.path() + "/run-1/", 0), 0u);
  EXPECT_EQ(made.isolation.kept_dir, made.isolation.process_dir);
  EXPECT_EQ(made.isolation.scratch_run_dir, "");
  close(made.isolation.worker_lock_fd);
}

// A launcher killed with SIGKILL cannot move its home: the next run's
// pruning carries it to its run in the base, and leaves a live run alone.
TEST_F(ScratchPlacement, AHomeLeftInTheScratchByAKilledRunIsCarriedToItsRun) {
  const IsolationResult killed = create_isolation(in_scratch(base_.path(), root_, "run-1"));
  ASSERT_EQ(killed.error, "");
  write_file(killed.isolation.home + "/left", "by the killed test");
  close(killed.isolation.worker_lock_fd);  // its processes are gone
  const IsolationResult live = create_isolation(in_scratch(base_.path(), root_, "run-2"));
  ASSERT_EQ(live.error, "");

  prune_scratch(root_, base_.path(), "run-3");
  EXPECT_EQ(read_file(killed.isolation.kept_dir + "/home/left"), "by the killed test");
  EXPECT_FALSE(exists(killed.isolation.scratch_run_dir));
  EXPECT_TRUE(is_directory(live.isolation.process_dir)) << "a live run's home stays";
  close(live.isolation.worker_lock_fd);
}

}  // namespace
}  // namespace kitty::internal
