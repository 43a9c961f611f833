#include "runtime/gates.h"

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include "isolation_test_support.h"
#include "runtime/port_lease.h"

namespace kitty::internal {
namespace {

using test_support::EnvironmentGuard;

constexpr const char* kSwitch = "KITTY_UNIT_TEST_SWITCH";

// switch_on(kSwitch) with the variable set to `value` (nullptr: unset).
// A failure's message goes to `error` (and is always a usage error).
bool switch_with(const char* value, std::string& error) {
  if (value == nullptr) {
    unsetenv(kSwitch);
  } else {
    setenv(kSwitch, value, 1);
  }
  const Result<bool> on = switch_on(kSwitch);
  if (on) return *on;
  EXPECT_EQ(on.failure().category, Category::kUsage);
  error = on.failure().message;
  return false;
}

// File and line of every failure `body` reports, captured instead of
// failing this test.
template <typename Body>
std::vector<std::pair<std::string, int>> failure_locations(Body body) {
  testing::TestPartResultArray results;
  {
    testing::ScopedFakeTestPartResultReporter reporter(
        testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
    body();
  }
  std::vector<std::pair<std::string, int>> where;
  for (int i = 0; i < results.size(); ++i) {
    const testing::TestPartResult& result = results.GetTestPartResult(i);
    where.emplace_back(result.file_name() != nullptr ? result.file_name() : "",
                       result.line_number());
  }
  return where;
}

TEST(SwitchOn, UnsetIsOff) {
  EnvironmentGuard guard({kSwitch});
  std::string error;
  EXPECT_FALSE(switch_with(nullptr, error));
  EXPECT_EQ(error, "");
}

TEST(SwitchOn, EmptyIsOff) {
  EnvironmentGuard guard({kSwitch});
  std::string error;
  EXPECT_FALSE(switch_with("", error));
  EXPECT_EQ(error, "");
}

TEST(SwitchOn, ZeroIsOff) {
  EnvironmentGuard guard({kSwitch});
  std::string error;
  EXPECT_FALSE(switch_with("0", error));
  EXPECT_EQ(error, "");
}

TEST(SwitchOn, OneIsOn) {
  EnvironmentGuard guard({kSwitch});
  std::string error;
  EXPECT_TRUE(switch_with("1", error));
  EXPECT_EQ(error, "");
}

TEST(SwitchOn, OtherValuesAreErrorsAndOff) {
  EnvironmentGuard guard({kSwitch});
  for (const char* value : {"yes", "2", " 1", "1 ", "01", "true", "on"}) {
    std::string error;
    EXPECT_FALSE(switch_with(value, error)) << "'" << value << "'";
    EXPECT_EQ(error, std::string("KITTY_UNIT_TEST_SWITCH must be 0 or 1, not '") + value + "'");
  }
}

// --- kitty::volume -----------------------------------------------------------

TEST(Volume, UnsetIsReduced) {
  EnvironmentGuard guard({"KITTY_VOLUME_FULL"});
  unsetenv("KITTY_VOLUME_FULL");
  EXPECT_EQ(kitty::volume(10, 10'000), 10);
  EXPECT_FALSE(kitty::volume_full());
}

TEST(Volume, EmptyAndZeroAreReduced) {
  EnvironmentGuard guard({"KITTY_VOLUME_FULL"});
  setenv("KITTY_VOLUME_FULL", "", 1);
  EXPECT_EQ(kitty::volume(10, 10'000), 10);
  setenv("KITTY_VOLUME_FULL", "0", 1);
  EXPECT_EQ(kitty::volume(10, 10'000), 10);
}

TEST(Volume, OneIsFull) {
  EnvironmentGuard guard({"KITTY_VOLUME_FULL"});
  setenv("KITTY_VOLUME_FULL", "1", 1);
  EXPECT_EQ(kitty::volume(10, 10'000), 10'000);
  EXPECT_EQ(kitty::volume(std::string("small"), std::string("large")), "large");
  EXPECT_TRUE(kitty::volume_full());
}

// A bad value is the test's problem: the failure points at the user's call,
// not at a line inside kitty.
TEST(Volume, BadValueIsReportedAtTheLineOfTheCall) {
  EnvironmentGuard guard({"KITTY_VOLUME_FULL"});
  setenv("KITTY_VOLUME_FULL", "yes", 1);
  const std::vector<std::pair<std::string, int>> where = failure_locations([] {
    kitty::volume(10, 10'000);
    kitty::volume_full();
  });
  ASSERT_EQ(where.size(), 2u);
  EXPECT_EQ(where[0], std::make_pair(std::string(__FILE__), __LINE__ - 4));
  EXPECT_EQ(where[1], std::make_pair(std::string(__FILE__), __LINE__ - 4));
}

TEST(Volume, BadValueFailsTheTestAndIsReduced) {
  EnvironmentGuard guard({"KITTY_VOLUME_FULL"});
  setenv("KITTY_VOLUME_FULL", "yes", 1);
  int picked = -1;
  EXPECT_NONFATAL_FAILURE(picked = kitty::volume(10, 10'000),
                          "gtest_kitty: KITTY_VOLUME_FULL must be 0 or 1, not 'yes'");
  EXPECT_EQ(picked, 10);
}

TEST(Volume, SpacePaddedOneFailsTheTest) {
  EnvironmentGuard guard({"KITTY_VOLUME_FULL"});
  setenv("KITTY_VOLUME_FULL", " 1", 1);
  int picked = -1;
  EXPECT_NONFATAL_FAILURE(picked = kitty::volume(10, 10'000),
                          "gtest_kitty: KITTY_VOLUME_FULL must be 0 or 1, not ' 1'");
  EXPECT_EQ(picked, 10);
}

// --- kitty::port_block -------------------------------------------------------

// Puts this process's port lease back when the test ends, so that a test
// which sets it leaves no trace for the others.
class PortBlockTest : public ::testing::Test {
 protected:
  void SetUp() override { saved_ = port_lease(); }
  void TearDown() override { port_lease() = saved_; }

 private:
  PortLease saved_;
};

TEST_F(PortBlockTest, UndeclaredFailsTheTestAndIsEmpty) {
  port_lease() = PortLease{};
  ASSERT_FALSE(port_lease().declared);
  PortBlock block{1, 2};
  EXPECT_NONFATAL_FAILURE(block = kitty::port_block(), "which did not declare ports");
  EXPECT_EQ(block.size(), 0);
}

TEST_F(PortBlockTest, UndeclaredMessageNamesTheFileAndHowToDeclare) {
  port_lease() = PortLease{};
  // A block set without `declared` is still not handed out.
  port_lease().block = PortBlock{9400, 9449};
  PortBlock block{1, 2};
  EXPECT_NONFATAL_FAILURE(
      block = kitty::port_block(),
      std::string("gtest_kitty: kitty::port_block() called from ") + __FILE__ +
          ", which did not declare ports: add KITTY_USES_PORTS(); to it, or list it in "
          "kitty_add_tests(... PORT_FILES ...)");
  EXPECT_EQ(block.size(), 0);
}

TEST_F(PortBlockTest, UndeclaredIsReportedAtTheLineOfTheCall) {
  port_lease() = PortLease{};
  const std::vector<std::pair<std::string, int>> where =
      failure_locations([] { kitty::port_block(); });
  ASSERT_EQ(where.size(), 1u);
  EXPECT_EQ(where[0], std::make_pair(std::string(__FILE__), __LINE__ - 2));
}

TEST_F(PortBlockTest, DeclaredReturnsTheLeasedBlock) {
  port_lease() = PortLease{};
  port_lease().declared = true;
  port_lease().block = PortBlock{9420, 9429};
  const PortBlock block = kitty::port_block();
  EXPECT_EQ(block.first, 9420);
  EXPECT_EQ(block.last, 9429);
  EXPECT_EQ(block.size(), 10);
}

}  // namespace
}  // namespace kitty::internal
