#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "wal.h"

namespace {

// Each test gets its own log under TMPDIR.
class WalTest : public testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TMPDIR");
    path_ = std::string(tmp && *tmp ? tmp : "/tmp") + "/kvstore_wal_" +
            testing::UnitTest::GetInstance()->current_test_info()->name() + ".log";
    std::remove(path_.c_str());
  }
  void TearDown() override { std::remove(path_.c_str()); }
  std::string path_;
};

TEST_F(WalTest, ReplayAppliesEveryPut) {
  kvstore::Wal wal(path_);
  ASSERT_TRUE(wal.append_put("a", "1"));
  ASSERT_TRUE(wal.append_put("b", "2"));
  kvstore::Store store;
  EXPECT_EQ(wal.replay(store), 2u);
  EXPECT_EQ(store.get("b"), "2");
}

TEST_F(WalTest, ReplayOfMissingLogIsEmpty) {
  kvstore::Store store;
  EXPECT_EQ(kvstore::Wal(path_).replay(store), 0u);
}

TEST_F(WalTest, LogOnReadOnlyMediaIsSkipped) {
  // Runs only where the test can make the log unwritable; root cannot.
  if (geteuid() == 0) GTEST_SKIP() << "root can write anywhere";
  std::ofstream(path_).put('x');
  ASSERT_EQ(chmod(path_.c_str(), 0400), 0);
  EXPECT_FALSE(kvstore::Wal(path_).append_put("a", "1"));
}

}  // namespace
