// What split-check concludes from planted outcomes: which tests end alone
// otherwise than whole (and which of them to look for a dependency of), the
// shuffled orders a seed reproduces, and how a dependency is told.
#include "cli/model/split_check.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace kitty::cli {
namespace {

using Strings = std::vector<std::string>;
constexpr Outcome kPass = Outcome::kPassed;
constexpr Outcome kFail = Outcome::kFailed;

TEST(SplitCheckModel, OnlyTestsThatEndOtherwiseAloneAreNamed) {
  const std::vector<SplitProblem> problems = compare_outcomes({
      {"Store.Open", kPass, {kPass, kPass, kPass}},
      {"Store.Reopen", kPass, {kFail, kFail, kFail}},  // needs an earlier test
      {"Store.Broken", kFail, {kFail, kFail, kFail}},  // fails either way: the split keeps it
      {"Store.Lucky", kFail, {kPass, kPass, kPass}},   // the other way round
      {"Store.Flaky", kPass, {kPass, kFail, kPass}},   // flips between repeats
      {"Store.Skip", Outcome::kSkipped, {Outcome::kSkipped}},
  });
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].test, "Store.Reopen");
  EXPECT_EQ(problems[0].finding, "passed whole, failed alone (3 of 3 runs alone)");
  EXPECT_TRUE(problems[0].needs_earlier);
  EXPECT_EQ(problems[1].test, "Store.Lucky");
  EXPECT_EQ(problems[1].finding, "failed whole, passed alone (3 of 3 runs alone)");
  EXPECT_FALSE(problems[1].needs_earlier);
  EXPECT_EQ(problems[2].test, "Store.Flaky");
  EXPECT_EQ(problems[2].finding,
            "passed whole, failed alone (1 of 3 runs alone; passed in the others: it flips "
            "between repeats)");
  EXPECT_FALSE(problems[2].needs_earlier);
}

TEST(SplitCheckModel, ACrashAloneIsNamedAsOne) {
  const std::vector<SplitProblem> problems =
      compare_outcomes({{"Store.Open", kPass, {Outcome::kCrashed}}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].finding, "passed whole, crashed alone (1 of 1 runs alone)");
}

TEST(SplitCheckModel, ASeedReproducesItsShuffledOrders) {
  const Strings tests = {"A.a", "A.b", "A.c", "A.d", "A.e", "A.f", "A.g", "A.h"};
  const auto rounds = shuffled_rounds(tests, 3, 42);
  EXPECT_EQ(rounds, shuffled_rounds(tests, 3, 42));
  EXPECT_NE(rounds, shuffled_rounds(tests, 3, 43));
  ASSERT_EQ(rounds.size(), 3u);
  EXPECT_NE(rounds[0], rounds[1]);  // each repeat an order of its own
  for (Strings round : rounds) {
    std::sort(round.begin(), round.end());
    EXPECT_EQ(round, tests);  // every test once per repeat
  }
}

TEST(SplitCheckModel, TheDependencyIsToldByWhatSufficed) {
  EXPECT_EQ(dependency_text({"Store.Open"}), "passes only after Store.Open");
  EXPECT_EQ(dependency_text({"Store.Open", "Store.Put"}),
            "passes after any one of Store.Open, Store.Put");
  EXPECT_EQ(dependency_text({}).rfind("needs more than one earlier test", 0), 0u);
}

TEST(SplitCheckModel, TheOutcomeOfATestIsReadFromItsRecords) {
  ProcessRecord record;
  RecordedTest passed{"Store.Open", TestResult::kPassed, 0, 0, "", 0};
  RecordedTest died{"Store.Put", TestResult::kInterrupted, 0, 0, "", 0};
  RecordedTest repeated{"Store.Reopen", TestResult::kFailed, 0, 0, "", 1};
  record.tests = {passed, died, repeated};
  EXPECT_EQ(outcome_in({record}, "Store.Open"), kPass);
  EXPECT_EQ(outcome_in({record}, "Store.Put"), Outcome::kCrashed);
  EXPECT_EQ(outcome_in({record}, "Store.Reopen"), Outcome::kNotRun);  // a later iteration only
  EXPECT_EQ(outcome_in({}, "Store.Open"), Outcome::kNotRun);
}

}  // namespace
}  // namespace kitty::cli
