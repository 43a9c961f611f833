#include "ports.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
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
using test_support::HeldLock;
using test_support::is_directory;
using test_support::make_directory;
using test_support::make_symlink;
using test_support::ScratchDir;
using test_support::write_file;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// --- parse_port_range ------------------------------------------------------

PortRange parse_ok(const std::string& range, const std::string& block_size) {
  std::string error;
  const PortRange parsed = parse_port_range(range, block_size, error);
  EXPECT_EQ(error, "") << range << " / '" << block_size << "'";
  return parsed;
}

std::string parse_error(const std::string& range, const std::string& block_size) {
  std::string error;
  parse_port_range(range, block_size, error);
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
    const GetEnvironment fake = [](const char* name) -> const char* { return fake_getenv(name); };
    return allocated_block(range_, fake, error);
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
  const PortBlock block = allocated_block(range, &fake_getenv, error);
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

std::string lock_path(const std::string& lock_dir, const PortBlock& block) {
  return lock_dir + "/" + std::to_string(block.first) + "-" + std::to_string(block.last) + ".lock";
}

// Whether another open file description could take an exclusive flock on
// `path` right now (it takes and drops it). flock locks belong to the open
// file description, so this sees a lock held in this very process.
bool lockable(const std::string& path) {
  const Fd fd(open(path.c_str(), O_RDWR | O_CLOEXEC));
  if (fd.get() < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  if (flock(fd.get(), LOCK_EX | LOCK_NB) == 0) return true;
  if (errno != EWOULDBLOCK) {
    throw std::runtime_error("cannot flock " + path + ": " + std::strerror(errno));
  }
  return false;
}

TEST(LockBlock, HoldsTheBlocksLockUntilClosed) {
  ScratchDir scratch;
  const std::string dir = scratch.path() + "/locks";
  const PortBlock block{9410, 9419};
  std::string error;
  const int fd = lock_block(block, dir, error);
  ASSERT_GE(fd, 0) << error;
  EXPECT_EQ(error, "");
  EXPECT_TRUE(is_directory(dir));
  EXPECT_EQ(test_support::mode_of(dir), 0700);
  EXPECT_THAT(entries(dir), ElementsAre("9410-9419.lock"));

  // A second open file description cannot take the lock while it is held...
  const Fd other(open(lock_path(dir, block).c_str(), O_RDWR | O_CLOEXEC));
  ASSERT_GE(other.get(), 0);
  errno = 0;
  EXPECT_EQ(flock(other.get(), LOCK_EX | LOCK_NB), -1);
  EXPECT_EQ(errno, EWOULDBLOCK);
  // ...and can once it is closed.
  close(fd);
  EXPECT_EQ(flock(other.get(), LOCK_EX | LOCK_NB), 0) << std::strerror(errno);
}

TEST(LockBlock, UsesAnExistingDirectory) {
  ScratchDir scratch;
  std::string error;
  const Fd fd(lock_block(PortBlock{9400, 9449}, scratch.path(), error));
  ASSERT_GE(fd.get(), 0) << error;
  EXPECT_THAT(entries(scratch.path()), ElementsAre("9400-9449.lock"));
  EXPECT_FALSE(lockable(scratch.path() + "/9400-9449.lock"));
}

TEST(LockBlock, LockDirThatIsASymlinkIsAnError) {
  ScratchDir scratch;
  const std::string real = scratch.path() + "/real";
  const std::string link = scratch.path() + "/link";
  make_directory(real);
  make_symlink(real, link);
  std::string error;
  EXPECT_EQ(lock_block(PortBlock{9400, 9449}, link, error), -1);
  EXPECT_EQ(error, link + " is not a directory of this user");
  EXPECT_THAT(entries(real), IsEmpty());
}

TEST(LockBlock, LockDirThatIsAFileIsAnError) {
  ScratchDir scratch;
  const std::string file = scratch.path() + "/file";
  write_file(file, "not a directory");
  std::string error;
  EXPECT_EQ(lock_block(PortBlock{9400, 9449}, file, error), -1);
  EXPECT_EQ(error, file + " is not a directory of this user");
}

TEST(LockBlock, LockDirThatCannotBeCreatedIsAnError) {
  ScratchDir scratch;
  const std::string dir = scratch.path() + "/missing/locks";
  std::string error;
  EXPECT_EQ(lock_block(PortBlock{9400, 9449}, dir, error), -1);
  EXPECT_EQ(error, "cannot create " + dir + ": " + std::strerror(ENOENT));
}

// Five blocks of ten: 9400-9409 ... 9440-9449.
PortRange five_blocks() { return parse_ok("9400-9449", "10"); }

TEST(LockAnyBlock, TakesThePreferredBlockWhenFree) {
  ScratchDir scratch;
  const std::string dir = scratch.path() + "/locks";
  int fd = -1;
  std::string error;
  const PortBlock block = lock_any_block(five_blocks(), 3, dir, fd, error);
  const Fd held(fd);
  EXPECT_EQ(error, "");
  ASSERT_GE(fd, 0);
  EXPECT_EQ(block.first, 9430);
  EXPECT_EQ(block.last, 9439);
  EXPECT_THAT(entries(dir), ElementsAre("9430-9439.lock"));
  EXPECT_FALSE(lockable(dir + "/9430-9439.lock"));
}

TEST(LockAnyBlock, TakesTheNextFreeBlockWhenThePreferredIsHeld) {
  ScratchDir scratch;
  const std::string dir = scratch.path();
  const PortRange range = five_blocks();
  HeldLock preferred(lock_path(dir, range.block(1)));
  int fd = -1;
  std::string error;
  const PortBlock block = lock_any_block(range, 1, dir, fd, error);
  const Fd held(fd);
  EXPECT_EQ(error, "");
  ASSERT_GE(fd, 0);
  EXPECT_EQ(block.first, 9420);
  EXPECT_EQ(block.last, 9429);
  EXPECT_FALSE(lockable(dir + "/9420-9429.lock"));
  preferred.release();
  EXPECT_TRUE(lockable(dir + "/9410-9419.lock"));
}

TEST(LockAnyBlock, WrapsAroundToTheFirstBlock) {
  ScratchDir scratch;
  const std::string dir = scratch.path();
  const PortRange range = five_blocks();
  HeldLock held3(lock_path(dir, range.block(3)));
  HeldLock held4(lock_path(dir, range.block(4)));
  int fd = -1;
  std::string error;
  const PortBlock block = lock_any_block(range, 3, dir, fd, error);
  const Fd held(fd);
  EXPECT_EQ(error, "");
  ASSERT_GE(fd, 0);
  EXPECT_EQ(block.first, 9400);
  EXPECT_EQ(block.last, 9409);
  EXPECT_FALSE(lockable(dir + "/9400-9409.lock"));
}

TEST(LockAnyBlock, PreferredBeyondTheLastBlockWraps) {
  ScratchDir scratch;
  int fd = -1;
  std::string error;
  const PortBlock block = lock_any_block(five_blocks(), 7, scratch.path(), fd, error);
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
  const PortBlock block = lock_any_block(five_blocks(), 0, link, fd, error);
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
  const PortBlock block = lock_any_block(five_blocks(), 0, file, fd, error);
  EXPECT_EQ(error, file + " is not a directory of this user");
  EXPECT_EQ(block.size(), 0);
  EXPECT_EQ(fd, -1);
}

// Whether some process or thread is blocked in flock on the file `path`,
// per /proc/locks (a waiter's line reads "N: -> FLOCK ... <dev>:<inode> ...").
bool has_flock_waiter(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return false;
  const std::string inode = ":" + std::to_string(info.st_ino) + " ";
  std::ifstream locks("/proc/locks");
  std::string line;
  while (std::getline(locks, line)) {
    if (line.find(" -> FLOCK ") != std::string::npos && line.find(inode) != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST(LockAnyBlock, WaitsForThePreferredBlockWhenAllAreBusy) {
  ASSERT_TRUE(std::ifstream("/proc/locks").good()) << "this test reads /proc/locks";
  ScratchDir scratch;
  const std::string dir = scratch.path();
  const PortRange range = parse_ok("9400-9429", "10");  // three blocks
  HeldLock held0(lock_path(dir, range.block(0)));
  HeldLock held1(lock_path(dir, range.block(1)));
  HeldLock held2(lock_path(dir, range.block(2)));

  struct Result {
    PortBlock block;
    int fd = -1;
    std::string error;
  };
  std::promise<Result> promise;
  std::future<Result> future = promise.get_future();
  std::thread locker([&] {
    Result result;
    result.block = lock_any_block(range, 1, dir, result.fd, result.error);
    promise.set_value(result);
  });

  // Until the thread is blocked in flock on the preferred block's lock (or,
  // wrongly, returns while every block is held). The deadline only bounds a
  // failing run; a passing one leaves as soon as the waiter shows.
  const std::string preferred = lock_path(dir, range.block(1));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  bool waiting = false;
  bool returned_early = false;
  while (std::chrono::steady_clock::now() < deadline) {
    if (future.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      returned_early = true;
      break;
    }
    if (has_flock_waiter(preferred)) {
      waiting = true;
      break;
    }
    std::this_thread::yield();
  }
  EXPECT_FALSE(returned_early) << "lock_any_block returned while every block was held";
  EXPECT_TRUE(waiting) << "lock_any_block is not waiting on " << preferred;

  held1.release();
  if (!waiting) {
    // Whatever it waits for, let it finish rather than hang the join.
    held0.release();
    held2.release();
  }
  locker.join();
  const Result result = future.get();
  const Fd held(result.fd);
  EXPECT_EQ(result.error, "");
  ASSERT_GE(result.fd, 0);
  EXPECT_EQ(result.block.first, 9410);
  EXPECT_EQ(result.block.last, 9419);
  EXPECT_FALSE(lockable(preferred));
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
  const PortRange range = parse_port_range("9400-9449", "10", range_error);
  const PortBlock block = allocated_block(
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
