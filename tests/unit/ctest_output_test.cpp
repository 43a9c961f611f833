// ctest's console lines and its log, read without exceptions: a number that
// does not fit or is no number makes a line ctest's no longer (console) or
// an error naming the log (LastTest.log).
#include <gtest/gtest.h>

#include "cli/adapters/ctest_console.h"
#include "cli/adapters/ctest_log.h"
#include "cli/number_text.h"

namespace kitty::cli {
namespace {

TEST(NumberFromText, TheWholeTextAsOneNumberOrNothing) {
  EXPECT_EQ(number_from_text<int>("42"), 42);
  EXPECT_EQ(number_from_text<int>("99999999999999"), std::nullopt);
  EXPECT_EQ(number_from_text<int>("4x"), std::nullopt);
  EXPECT_EQ(number_from_text<int>(""), std::nullopt);
  EXPECT_EQ(number_from_text<double>("0.25"), 0.25);
  EXPECT_EQ(number_from_text<double>("."), std::nullopt);
  EXPECT_EQ(number_from_text<double>("1.2.3"), std::nullopt);
}

TEST(ParseCtestLine, ReadsTheLineOfATestThatEnded) {
  const auto line = parse_ctest_line(
      "  4/9 Test #4: faults_tests/crash_test.cpp ......Subprocess aborted***Exception:   0.02 "
      "sec");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->done, 4);
  EXPECT_EQ(line->total, 9);
  EXPECT_EQ(line->name, "faults_tests/crash_test.cpp");
  EXPECT_TRUE(line->failed());
}

// std::stoi threw out_of_range here.
TEST(ParseCtestLine, ACountTooLargeIsNotCtestsLine) {
  EXPECT_FALSE(parse_ctest_line("99999999999/4 Test #1: a_test.cpp ....   Passed    0.01 sec"));
  EXPECT_TRUE(
      ctest_statuses("99999999999/4 Test #1: a_test.cpp ....   Passed    0.01 sec\n").empty());
}

// std::stod threw invalid_argument here.
TEST(ParseCtestLog, ATestTimeThatIsNoNumberIsAnErrorNamingTheLog) {
  const Expected<std::vector<CtestCase>> cases = parse_ctest_log("LastTest.log",
                                                                 "Start testing: Jan 01 00:00 UTC\n"
                                                                 "1/1 Testing: unit/a_test.cpp\n"
                                                                 "Test time = . sec\n"
                                                                 "Test Passed.\n");
  ASSERT_FALSE(cases);
  EXPECT_EQ(cases.error().message,
            "LastTest.log: unit/a_test.cpp has a test time that is not a number: "
            "Test time = . sec");
}

}  // namespace
}  // namespace kitty::cli
