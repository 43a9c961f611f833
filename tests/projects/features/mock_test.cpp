#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int now() = 0;
};

class MockClock : public Clock {
 public:
  MOCK_METHOD(int, now, (), (override));
};

TEST(Mock, ReturnsScriptedTime) {
  MockClock clock;
  EXPECT_CALL(clock, now()).WillOnce(testing::Return(42));
  EXPECT_EQ(clock.now(), 42);
}

}  // namespace
