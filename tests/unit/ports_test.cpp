#include "runtime/ports.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "isolation_test_support.h"

namespace kitty::internal {
namespace {

using test_support::entries;
using test_support::EnvironmentGuard;
using test_support::Fd;
using test_support::is_directory;
using test_support::make_directory;
using test_support::make_symlink;
using test_support::ScratchDir;
using test_support::write_file;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The checks below read a failure as its message in `error`, after the
// category is checked: a bad range is a usage error, everything else about
// getting a block is a ports failure.
PortRange range_or(const std::string& range, const std::string& block_size, std::string& error) {
  const Result<PortRange> parsed = parse_port_range(range, block_size);
  if (parsed) return *parsed;
  EXPECT_EQ(parsed.failure().category, Category::kUsage);
  error = parsed.failure().message;
  return {};
}

PortBlock allocation_or(const PortRange& range, const Environment& environment,
                        std::string& error) {
  const Result<PortBlock> block = allocated_block(range, environment);
  if (block) return *block;
  EXPECT_EQ(block.failure().category, Category::kPorts);
  error = block.failure().message;
  return {};
}

int locked_fd_or(const PortBlock& block, const std::string& dir, std::string& error) {
  const Result<int> fd = lock_block(block, dir);
  if (fd) return *fd;
  EXPECT_EQ(fd.failure().category, Category::kPorts);
  error = fd.failure().message;
  return -1;
}

PortBlock any_locked_or(const PortRange& range, int preferred, const std::string& dir, int& fd,
                        std::string& error) {
  const Result<LockedBlock> locked = lock_any_block(range, preferred, dir);
  if (locked) {
    fd = locked->fd;
    return locked->block;
  }
  EXPECT_EQ(locked.failure().category, Category::kPorts);
  error = locked.failure().message;
  return {};
}

// --- parse_port_range ------------------------------------------------------

PortRange parse_ok(const std::string& range, const std::string& block_size) {
  std::string error;
  const PortRange parsed = range_or(range, block_size, error);
  EXPECT_EQ(error, "") << range << " / '" << block_size << "'";
  return parsed;
}

std::string parse_error(const std::string& range, const std::string& block_size) {
  std::string error;
  range_or(range, block_size, error);
  return error;
}

TEST(ParsePortRange, EmptyBlockSizeIsTheWholeRange) {
  const PortRange range = parse_ok("9400-9449", "");
  EXPECT_EQ(range.first, 9400);
  EXPECT_EQ(range.last, 9449);
  EXPECT_EQ(range.block_size, 50);
  EXPECT_EQ(range.blocks(), 1);
  EXPECT_EQ(range.block(0).first, 9400);
  EXPECT_EQ(range.block(0).last, 9449);
}

TEST(ParsePortRange, ZeroBlockSizeIsTheWholeRange) {
  const PortRange range = parse_ok("39400-39449", "0");
  EXPECT_EQ(range.first, 39400);
  EXPECT_EQ(range.last, 39449);
  EXPECT_EQ(range.block_size, 50);
  EXPECT_EQ(range.blocks(), 1);
}

TEST(ParsePortRange, BlockSizeTenSplitsFiftyPortsIntoFiveBlocks) {
  const PortRange range = parse_ok("9400-9449", "10");
  EXPECT_EQ(range.first, 9400);
  EXPECT_EQ(range.last, 9449);
  EXPECT_EQ(range.block_size, 10);
  ASSERT_EQ(range.blocks(), 5);
  const int firsts[] = {9400, 9410, 9420, 9430, 9440};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(range.block(i).first, firsts[i]) << "block " << i;
    EXPECT_EQ(range.block(i).last, firsts[i] + 9) << "block " << i;
    EXPECT_EQ(range.block(i).size(), 10) << "block " << i;
  }
}

TEST(ParsePortRange, SinglePortAndWholePortSpaceAreValid) {
  const PortRange one = parse_ok("1-1", "");
  EXPECT_EQ(one.first, 1);
  EXPECT_EQ(one.last, 1);
  EXPECT_EQ(one.block_size, 1);
  const PortRange all = parse_ok("1-65535", "5");
  EXPECT_EQ(all.last, 65535);
  EXPECT_EQ(all.block_size, 5);
  EXPECT_EQ(all.blocks(), 13107);
}

TEST(ParsePortRange, ReversedRangeIsRejected) {
  EXPECT_EQ(parse_error("9449-9400", ""),
            "port range '9449-9400' must be FIRST-LAST with 1 <= FIRST <= LAST <= 65535");
}

TEST(ParsePortRange, NotFirstDashLastIsRejected) {
  EXPECT_EQ(parse_error("abc", ""), "port range 'abc' is not FIRST-LAST, e.g. 9400-9449");
  EXPECT_EQ(parse_error("9400-", ""), "port range '9400-' is not FIRST-LAST, e.g. 9400-9449");
  EXPECT_EQ(parse_error("-9449", ""), "port range '-9449' is not FIRST-LAST, e.g. 9400-9449");
  EXPECT_EQ(parse_error("9400-9449-9500", ""),
            "port range '9400-9449-9500' is not FIRST-LAST, e.g. 9400-9449");
  EXPECT_EQ(parse_error("", ""), "port range '' is not FIRST-LAST, e.g. 9400-9449");
}

TEST(ParsePortRange, PortZeroIsRejected) {
  EXPECT_EQ(parse_error("0-10", ""),
            "port range '0-10' must be FIRST-LAST with 1 <= FIRST <= LAST <= 65535");
}

TEST(ParsePortRange, PortAbove65535IsRejected) {
  EXPECT_EQ(parse_error("9400-70000", ""),
            "port range '9400-70000' must be FIRST-LAST with 1 <= FIRST <= LAST <= 65535");
  EXPECT_EQ(parse_error("9400-65536", ""),
            "port range '9400-65536' must be FIRST-LAST with 1 <= FIRST <= LAST <= 65535");
}

TEST(ParsePortRange, BlockSizeThatDoesNotDivideIsRejected) {
  EXPECT_EQ(parse_error("9400-9449", "7"),
            "port block size '7' must divide the 50 ports of 9400-9449");
  EXPECT_EQ(parse_error("9400-9449", "51"),
            "port block size '51' must divide the 50 ports of 9400-9449");
}

TEST(ParsePortRange, NonNumericBlockSizeIsRejected) {
  EXPECT_EQ(parse_error("9400-9449", "x"),
            "port block size 'x' must divide the 50 ports of 9400-9449");
  EXPECT_EQ(parse_error("9400-9449", "-10"),
            "port block size '-10' must divide the 50 ports of 9400-9449");
}

// --- names -------------------------------------------------------------------

TEST(PortNames, ResourceTypeNamesTheRange) {
  EXPECT_EQ(port_resource_type(parse_ok("9400-9449", "10")), "kitty_ports_9400_9449");
  EXPECT_EQ(port_resource_type(parse_ok("39400-39449", "")), "kitty_ports_39400_39449");
}

TEST(PortNames, BlockIdNamesTheBlock) {
  EXPECT_EQ(port_block_id(PortBlock{9410, 9419}), "block_9410_9419");
  EXPECT_EQ(port_block_id(PortBlock{1, 65535}), "block_1_65535");
}

// --- allocated_block ---------------------------------------------------------

// The fake environment allocated_block reads, through a plain function
// pointer (a capture-less lambda), as it reads the real one in production.
std::map<std::string, std::string>& fake_environment() {
  static std::map<std::string, std::string> variables;
  return variables;
}

const char* fake_getenv(const char* name) {
  const auto found = fake_environment().find(name);
  return found == fake_environment().end() ? nullptr : found->second.c_str();
}

class AllocatedBlock : public ::testing::Test {
 protected:
  void SetUp() override { fake_environment().clear(); }
  void TearDown() override { fake_environment().clear(); }

  PortBlock allocated(std::string& error) {
    const Environment fake = [](const char* name) -> const char* { return fake_getenv(name); };
    return allocation_or(range_, fake, error);
  }

  PortRange range_ = parse_ok("9400-9449", "10");
};

TEST_F(AllocatedBlock, NoGroupCountIsNoBlock) {
  fake_environment()["CTEST_RESOURCE_GROUP_0"] = "kitty_ports_9400_9449";
  fake_environment()["CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449"] = "id:block_9410_9419,slots:1";
  std::string error;
  const PortBlock block = allocated(error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(block.size(), 0);
}

TEST_F(AllocatedBlock, EmptyEnvironmentIsNoBlock) {
  std::string error;
  const PortBlock block = allocated(error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(block.size(), 0);
}

TEST_F(AllocatedBlock, GroupOfThisRangesTypeGivesItsBlock) {
  fake_environment()["CTEST_RESOURCE_GROUP_COUNT"] = "1";
  fake_environment()["CTEST_RESOURCE_GROUP_0"] = "kitty_ports_9400_9449";
  fake_environment()["CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449"] = "id:block_9410_9419,slots:1";
  std::string error;
  const PortBlock block = allocated(error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(block.first, 9410);
  EXPECT_EQ(block.last, 9419);
}

TEST_F(AllocatedBlock, BlockInGroupOneWhenGroupZeroIsAnotherType) {
  fake_environment()["CTEST_RESOURCE_GROUP_COUNT"] = "2";
  fake_environment()["CTEST_RESOURCE_GROUP_0"] = "gpus";
  fake_environment()["CTEST_RESOURCE_GROUP_0_GPUS"] = "id:0,slots:2";
  fake_environment()["CTEST_RESOURCE_GROUP_1"] = "kitty_ports_9400_9449";
  fake_environment()["CTEST_RESOURCE_GROUP_1_KITTY_PORTS_9400_9449"] = "id:block_9440_9449,slots:1";
  std::string error;
  const PortBlock block = allocated(error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(block.first, 9440);
  EXPECT_EQ(block.last, 9449);
}

TEST_F(AllocatedBlock, OnlyAnotherRangesTypeIsNoBlock) {
  fake_environment()["CTEST_RESOURCE_GROUP_COUNT"] = "1";
  fake_environment()["CTEST_RESOURCE_GROUP_0"] = "kitty_ports_39400_39449";
  fake_environment()["CTEST_RESOURCE_GROUP_0_KITTY_PORTS_39400_39449"] =
      "id:block_39400_39409,slots:1";
  std::string error;
  const PortBlock block = allocated(error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(block.size(), 0);
}

TEST_F(AllocatedBlock, GroupBeyondTheCountIsIgnored) {
  fake_environment()["CTEST_RESOURCE_GROUP_COUNT"] = "1";
  fake_environment()["CTEST_RESOURCE_GROUP_0"] = "gpus";
  fake_environment()["CTEST_RESOURCE_GROUP_0_GPUS"] = "id:0,slots:1";
  fake_environment()["CTEST_RESOURCE_GROUP_1_KITTY_PORTS_9400_9449"] = "id:block_9410_9419,slots:1";
  std::string error;
  const PortBlock block = allocated(error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(block.size(), 0);
}

// An allocation that is not a block of the range: the error names the
// variable and its value.
std::string allocation_error(const PortRange& range, const std::string& value) {
  fake_environment().clear();
  fake_environment()["CTEST_RESOURCE_GROUP_COUNT"] = "1";
  fake_environment()["CTEST_RESOURCE_GROUP_0"] = "kitty_ports_9400_9449";
  fake_environment()["CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449"] = value;
  std::string error;
  const PortBlock block = allocation_or(range, &fake_getenv, error);
  EXPECT_EQ(block.size(), 0) << value;
  return error;
}

TEST_F(AllocatedBlock, MalformedValueIsAnErrorNamingTheVariable) {
  EXPECT_EQ(allocation_error(range_, "garbage"),
            "CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449=garbage is not a block of "
            "kitty_ports_9400_9449");
  EXPECT_EQ(allocation_error(range_, "id:block_9410_9419"),
            "CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449=id:block_9410_9419 is not a block of "
            "kitty_ports_9400_9449");
  EXPECT_EQ(allocation_error(range_, "id:9410,slots:1"),
            "CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449=id:9410,slots:1 is not a block of "
            "kitty_ports_9400_9449");
  EXPECT_EQ(allocation_error(range_, ""),
            "CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449= is not a block of "
            "kitty_ports_9400_9449");
}

TEST_F(AllocatedBlock, BlockOutsideTheRangeIsAnError) {
  EXPECT_EQ(allocation_error(range_, "id:block_9450_9459,slots:1"),
            "CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449=id:block_9450_9459,slots:1 is not a "
            "block of kitty_ports_9400_9449");
  EXPECT_EQ(allocation_error(range_, "id:block_9390_9399,slots:1"),
            "CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449=id:block_9390_9399,slots:1 is not a "
            "block of kitty_ports_9400_9449");
}

TEST_F(AllocatedBlock, BlockOfTheWrongSizeIsAnError) {
  EXPECT_EQ(allocation_error(range_, "id:block_9410_9414,slots:1"),
            "CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449=id:block_9410_9414,slots:1 is not a "
            "block of kitty_ports_9400_9449");
  EXPECT_EQ(allocation_error(range_, "id:block_9400_9449,slots:1"),
            "CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449=id:block_9400_9449,slots:1 is not a "
            "block of kitty_ports_9400_9449");
}

// --- port_lock_dir -----------------------------------------------------------

TEST(PortLockDir, HonoursKittyPortLockDir) {
  EnvironmentGuard guard({"KITTY_PORT_LOCK_DIR"});
  setenv("KITTY_PORT_LOCK_DIR", "/some/where/locks", 1);
  EXPECT_EQ(port_lock_dir(), "/some/where/locks");
}

TEST(PortLockDir, DefaultsToTmpPerUser) {
  EnvironmentGuard guard({"KITTY_PORT_LOCK_DIR"});
  const std::string expected = "/tmp/gtest-kitty-ports-" + std::to_string(geteuid());
  unsetenv("KITTY_PORT_LOCK_DIR");
  EXPECT_EQ(port_lock_dir(), expected);
  setenv("KITTY_PORT_LOCK_DIR", "", 1);
  EXPECT_EQ(port_lock_dir(), expected);
}

// --- locks -------------------------------------------------------------------

struct flock range_of(const PortBlock& block) {
  struct flock range {};
  range.l_type = F_WRLCK;
  range.l_whence = SEEK_SET;
  range.l_start = block.first;
  range.l_len = block.size();
  return range;
}

// Another process that holds `block` in <dir>/ports.lock (a record lock, as
// kitty takes), until released. Record locks belong to a process, and this
// process must not open and close the lock file itself: closing any
// descriptor of it would drop the locks the code under test holds here.
class HeldPorts {
 public:
  HeldPorts(const std::string& dir, const PortBlock& block) {
    int ready[2];
    int hold[2];
    if (pipe(ready) != 0 || pipe(hold) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      // Only its own pipe ends: another holder's release end held here
      // would keep that holder from ever seeing its release.
      for (int fd = 3; fd < 1024; ++fd) {
        if (fd != ready[1] && fd != hold[0]) close(fd);
      }
      const int fd = open(port_lock_file(dir).c_str(), O_RDWR | O_CREAT, 0600);
      struct flock range = range_of(block);
      const char held = fd >= 0 && fcntl(fd, F_SETLK, &range) == 0 ? 'y' : 'n';
      char byte = 0;
      _exit(write(ready[1], &held, 1) == 1 && read(hold[0], &byte, 1) >= 0 ? 0 : 1);
    }
    close(ready[1]);
    close(hold[0]);
    release_fd_ = hold[1];
    char held = 0;
    const bool told = read(ready[0], &held, 1) == 1;
    close(ready[0]);
    if (!told || held != 'y') {
      release();
      throw std::runtime_error("the holder could not lock the ports in " + dir);
    }
  }
  HeldPorts(const HeldPorts&) = delete;
  HeldPorts& operator=(const HeldPorts&) = delete;
  ~HeldPorts() { release(); }

  pid_t pid() const { return pid_; }
  void release() {
    if (release_fd_ < 0) return;
    close(release_fd_);
    release_fd_ = -1;
    int status = 0;
    waitpid(pid_, &status, 0);
  }

 private:
  pid_t pid_ = -1;
  int release_fd_ = -1;
};

// Whether another process could lock `block` right now (asked of a forked
// child, which sees this process's record locks).
bool lockable(const std::string& dir, const PortBlock& block) {
  const pid_t child = fork();
  if (child == 0) {
    const int fd = open(port_lock_file(dir).c_str(), O_RDWR);
    struct flock range = range_of(block);
    if (fd < 0 || fcntl(fd, F_GETLK, &range) != 0) _exit(2);
    _exit(range.l_type == F_UNLCK ? 0 : 1);
  }
  int status = 0;
  if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
      WEXITSTATUS(status) == 2) {
    throw std::runtime_error("cannot ask whether ports are locked in " + dir);
  }
  return WEXITSTATUS(status) == 0;
}

TEST(LockBlock, HoldsTheBlocksRangeUntilClosed) {
  ScratchDir scratch;
  const std::string dir = scratch.path() + "/locks";
  const PortBlock block{9410, 9419};
  std::string error;
  const int fd = locked_fd_or(block, dir, error);
  ASSERT_GE(fd, 0) << error;
  EXPECT_EQ(error, "");
  EXPECT_TRUE(is_directory(dir));
  EXPECT_EQ(test_support::mode_of(dir), 0700);
  EXPECT_THAT(entries(dir), ElementsAre("ports.lock"));

  EXPECT_FALSE(lockable(dir, block));
  EXPECT_FALSE(lockable(dir, PortBlock{9419, 9419}));  // any overlap
  EXPECT_TRUE(lockable(dir, PortBlock{9400, 9409}));   // the neighbours stay free
  EXPECT_TRUE(lockable(dir, PortBlock{9420, 9449}));
  close(fd);
  EXPECT_TRUE(lockable(dir, block));
}

TEST(LockBlock, UsesAnExistingDirectory) {
  ScratchDir scratch;
  std::string error;
  const Fd fd(locked_fd_or(PortBlock{9400, 9449}, scratch.path(), error));
  ASSERT_GE(fd.get(), 0) << error;
  EXPECT_THAT(entries(scratch.path()), ElementsAre("ports.lock"));
  EXPECT_FALSE(lockable(scratch.path(), PortBlock{9400, 9449}));
}

// A test that forks a daemon (no exec): the daemon must not keep the block,
// or the next port test waits for as long as the daemon lives.
TEST(LockBlock, AChildForkedWithoutExecDoesNotInheritTheLock) {
  ScratchDir scratch;
  const std::string dir = scratch.path();
  const PortBlock block{9400, 9449};
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  int hold[2];
  ASSERT_EQ(pipe(hold), 0);
  const pid_t holder = fork();
  ASSERT_GE(holder, 0);
  if (holder == 0) {
    // The process that locks the block, then forks a daemon and ends.
    close(ready[0]);
    close(hold[1]);
    std::string error;
    if (locked_fd_or(block, dir, error) < 0) _exit(1);
    const pid_t daemon = fork();
    if (daemon == 0) {
      char byte = 0;
      const ssize_t told = write(ready[1], &byte, 1);            // the daemon lives
      _exit(told == 1 && read(hold[0], &byte, 1) >= 0 ? 0 : 1);  // until the test says
    }
    _exit(daemon > 0 ? 0 : 1);
  }
  close(ready[1]);
  close(hold[0]);
  int status = 0;
  ASSERT_EQ(waitpid(holder, &status, 0), holder);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 1) << "the daemon did not start";

  EXPECT_TRUE(lockable(dir, block)) << "the forked daemon kept the ports locked";

  close(hold[1]);  // the daemon ends (reparented to init, which reaps it)
  close(ready[0]);
}

TEST(LockBlock, LockDirThatIsASymlinkIsAnError) {
  ScratchDir scratch;
  const std::string real = scratch.path() + "/real";
  const std::string link = scratch.path() + "/link";
  make_directory(real);
  make_symlink(real, link);
  std::string error;
  EXPECT_EQ(locked_fd_or(PortBlock{9400, 9449}, link, error), -1);
  EXPECT_EQ(error, link + " is not a directory of this user");
  EXPECT_THAT(entries(real), IsEmpty());
}

TEST(LockBlock, LockDirThatIsAFileIsAnError) {
  ScratchDir scratch;
  const std::string file = scratch.path() + "/file";
  write_file(file, "not a directory");
  std::string error;
  EXPECT_EQ(locked_fd_or(PortBlock{9400, 9449}, file, error), -1);
  EXPECT_EQ(error, file + " is not a directory of this user");
}

TEST(LockBlock, LockDirThatCannotBeCreatedIsAnError) {
  ScratchDir scratch;
  const std::string dir = scratch.path() + "/missing/locks";
  std::string error;
  EXPECT_EQ(locked_fd_or(PortBlock{9400, 9449}, dir, error), -1);
  EXPECT_EQ(error, "cannot create " + dir + ": " + std::strerror(ENOENT));
}

// Five blocks of ten: 9400-9409 ... 9440-9449.
PortRange five_blocks() { return parse_ok("9400-9449", "10"); }

TEST(LockAnyBlock, TakesThePreferredBlockWhenFree) {
  ScratchDir scratch;
  const std::string dir = scratch.path() + "/locks";
  int fd = -1;
  std::string error;
  const PortBlock block = any_locked_or(five_blocks(), 3, dir, fd, error);
  const Fd held(fd);
  EXPECT_EQ(error, "");
  ASSERT_GE(fd, 0);
  EXPECT_EQ(block.first, 9430);
  EXPECT_EQ(block.last, 9439);
  EXPECT_FALSE(lockable(dir, block));
  EXPECT_TRUE(lockable(dir, five_blocks().block(2)));
}

TEST(LockAnyBlock, TakesTheNextFreeBlockWhenThePreferredIsHeld) {
  ScratchDir scratch;
  const std::string dir = scratch.path();
  const PortRange range = five_blocks();
  HeldPorts preferred(dir, range.block(1));
  int fd = -1;
  std::string error;
  const PortBlock block = any_locked_or(range, 1, dir, fd, error);
  const Fd held(fd);
  EXPECT_EQ(error, "");
  ASSERT_GE(fd, 0);
  EXPECT_EQ(block.first, 9420);
  EXPECT_EQ(block.last, 9429);
  EXPECT_FALSE(lockable(dir, block));
  preferred.release();
  EXPECT_TRUE(lockable(dir, range.block(1)));
}

TEST(LockAnyBlock, WrapsAroundToTheFirstBlock) {
  ScratchDir scratch;
  const std::string dir = scratch.path();
  const PortRange range = five_blocks();
  HeldPorts held3(dir, range.block(3));
  HeldPorts held4(dir, range.block(4));
  int fd = -1;
  std::string error;
  const PortBlock block = any_locked_or(range, 3, dir, fd, error);
  const Fd held(fd);
  EXPECT_EQ(error, "");
  ASSERT_GE(fd, 0);
  EXPECT_EQ(block.first, 9400);
  EXPECT_EQ(block.last, 9409);
  EXPECT_FALSE(lockable(dir, block));
}

TEST(LockAnyBlock, PreferredBeyondTheLastBlockWraps) {
  ScratchDir scratch;
  int fd = -1;
  std::string error;
  const PortBlock block = any_locked_or(five_blocks(), 7, scratch.path(), fd, error);
  const Fd held(fd);
  EXPECT_EQ(error, "");
  ASSERT_GE(fd, 0);
  EXPECT_EQ(block.first, 9420);
  EXPECT_EQ(block.last, 9429);
}

TEST(LockAnyBlock, LockDirThatIsASymlinkIsAnError) {
  ScratchDir scratch;
  const std::string real = scratch.path() + "/real";
  const std::string link = scratch.path() + "/link";
  make_directory(real);
  make_symlink(real, link);
  int fd = -1;
  std::string error;
  const PortBlock block = any_locked_or(five_blocks(), 0, link, fd, error);
  EXPECT_EQ(error, link + " is not a directory of this user");
  EXPECT_EQ(block.size(), 0);
  EXPECT_EQ(fd, -1);
  EXPECT_THAT(entries(real), IsEmpty());
}

TEST(LockAnyBlock, LockDirThatIsAFileIsAnError) {
  ScratchDir scratch;
  const std::string file = scratch.path() + "/file";
  write_file(file, "not a directory");
  int fd = -1;
  std::string error;
  const PortBlock block = any_locked_or(five_blocks(), 0, file, fd, error);
  EXPECT_EQ(error, file + " is not a directory of this user");
  EXPECT_EQ(block.size(), 0);
  EXPECT_EQ(fd, -1);
}

// Whether some process or thread is blocked waiting for a record lock on
// `path`, per /proc/locks (a waiter's line reads "N: -> POSIX ... <dev>:<inode> ...").
bool has_lock_waiter(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return false;
  const std::string inode = ":" + std::to_string(info.st_ino) + " ";
  std::ifstream locks("/proc/locks");
  std::string line;
  while (std::getline(locks, line)) {
    if (line.find(" -> ") != std::string::npos && line.find(inode) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// Runs lock_any_block on another thread while the test holds ports; checks
// that it waits (and does not return) until `release` runs.
struct Waited {
  bool returned_early = false;
  bool waited = false;
  PortBlock block;
  int fd = -1;
  std::string error;
  std::string said;  // stderr while it waited
};
Waited lock_after_release(const PortRange& range, int preferred, const std::string& dir,
                          const std::function<void()>& release) {
  Waited waited;
  testing::internal::CaptureStderr();
  std::promise<void> done;
  std::future<void> finished = done.get_future();
  std::thread locker([&] {
    waited.block = any_locked_or(range, preferred, dir, waited.fd, waited.error);
    done.set_value();
  });
  // The deadline only bounds a failing run; a passing one leaves as soon as
  // the waiter shows in /proc/locks.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (finished.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      waited.returned_early = true;
      break;
    }
    if (has_lock_waiter(port_lock_file(dir))) {
      waited.waited = true;
      break;
    }
    std::this_thread::yield();
  }
  release();
  locker.join();
  waited.said = testing::internal::GetCapturedStderr();
  return waited;
}

TEST(LockAnyBlock, WaitsForThePreferredBlockWhenAllAreBusyAndSaysWhy) {
  ASSERT_TRUE(std::ifstream("/proc/locks").good()) << "this test reads /proc/locks";
  ScratchDir scratch;
  const std::string dir = scratch.path();
  const PortRange range = parse_ok("9400-9429", "10");  // three blocks
  HeldPorts held0(dir, range.block(0));
  HeldPorts held1(dir, range.block(1));
  HeldPorts held2(dir, range.block(2));

  const Waited waited = lock_after_release(range, 1, dir, [&] {
    held1.release();
    held0.release();  // whatever it waits for, it must not hang the join
    held2.release();
  });
  const Fd held(waited.fd);
  EXPECT_FALSE(waited.returned_early) << "lock_any_block returned while every block was held";
  EXPECT_TRUE(waited.waited) << "lock_any_block is not waiting";
  EXPECT_EQ(waited.error, "");
  ASSERT_GE(waited.fd, 0);
  EXPECT_EQ(waited.block.first, 9410);
  EXPECT_EQ(waited.block.last, 9419);
  EXPECT_FALSE(lockable(dir, waited.block));
  EXPECT_THAT(waited.said,
              ::testing::HasSubstr("gtest_kitty: waiting for ports 9410-9419: process " +
                                   std::to_string(held1.pid()) +
                                   " (kitty_unit_test) holds ports 9410-9419"));
}

// Two build trees may split one range into blocks of different sizes: a
// whole-range lock must still wait for a process holding one small block.
TEST(LockAnyBlock, OverlappingBlocksOfAnotherSizeExclude) {
  ASSERT_TRUE(std::ifstream("/proc/locks").good()) << "this test reads /proc/locks";
  ScratchDir scratch;
  const std::string dir = scratch.path();
  HeldPorts small(dir, PortBlock{9420, 9429});  // another tree's block of ten
  const Waited waited =
      lock_after_release(parse_ok("9400-9449", ""), 0, dir, [&] { small.release(); });
  const Fd held(waited.fd);
  EXPECT_FALSE(waited.returned_early) << "the whole range was locked while 9420-9429 was held";
  EXPECT_TRUE(waited.waited);
  EXPECT_EQ(waited.error, "");
  EXPECT_EQ(waited.block.first, 9400);
  EXPECT_EQ(waited.block.last, 9449);
  EXPECT_THAT(waited.said, ::testing::HasSubstr("holds ports 9420-9429"));
}

}  // namespace
}  // namespace kitty::internal

namespace kitty::internal {
namespace {

TEST(AllocatedBlockAlignment, BlockOffTheBlockGridIsAnError) {
  // 9405-9414 overlaps two blocks of ten: its lock would not keep out a
  // process holding 9400-9409.
  static const char* const kValues[][2] = {
      {"CTEST_RESOURCE_GROUP_COUNT", "1"},
      {"CTEST_RESOURCE_GROUP_0", "kitty_ports_9400_9449"},
      {"CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449", "id:block_9405_9414,slots:1"}};
  std::string error;
  std::string range_error;
  const PortRange range = range_or("9400-9449", "10", range_error);
  const PortBlock block = allocation_or(
      range,
      [](const char* name) -> const char* {
        for (const auto& pair : kValues) {
          if (std::string(pair[0]) == name) return pair[1];
        }
        return nullptr;
      },
      error);
  EXPECT_EQ(block.size(), 0);
  EXPECT_EQ(error,
            "CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449=id:block_9405_9414,slots:1 is not a "
            "block of kitty_ports_9400_9449");
}

}  // namespace
}  // namespace kitty::internal
