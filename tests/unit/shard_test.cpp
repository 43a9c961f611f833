// Sharding by file (runtime/shard.h): the request read from GoogleTest's and
// Bazel's variables, every bad one refused, and the plan of which file goes
// to which shard: disjoint, whole, balanced and the same whatever the order.
#include "runtime/shard.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "scratch_dir.h"

namespace kitty::internal {
namespace {

using testing::HasSubstr;

Environment variables(const std::map<std::string, std::string>& values) {
  return [values](const char* name) -> const char* {
    const auto found = values.find(name);
    return found == values.end() ? nullptr : found->second.c_str();
  };
}

TEST(ShardRequest, NoneWhenNeitherProtocolIsSet) {
  const auto request = shard_request(variables({{"TEST_TMPDIR", "/tmp"}}));
  ASSERT_TRUE(request.ok());
  EXPECT_FALSE(request->has_value());
}

TEST(ShardRequest, GoogleTestsAndBazelsVariablesAreRead) {
  const auto gtest =
      shard_request(variables({{"GTEST_TOTAL_SHARDS", "4"}, {"GTEST_SHARD_INDEX", "3"}}));
  ASSERT_TRUE(gtest.ok() && gtest->has_value());
  EXPECT_EQ((*gtest)->index, 3);
  EXPECT_EQ((*gtest)->total, 4);
  const auto bazel = shard_request(variables({{"TEST_TOTAL_SHARDS", "2"},
                                              {"TEST_SHARD_INDEX", "0"},
                                              {"TEST_SHARD_STATUS_FILE", "/out/status"}}));
  ASSERT_TRUE(bazel.ok() && bazel->has_value());
  EXPECT_EQ((*bazel)->index, 0);
  EXPECT_EQ((*bazel)->total, 2);
  EXPECT_EQ((*bazel)->status_files, std::vector<std::string>{"/out/status"});
}

// Bazel's test runner exports both; they agree, and both status files count.
TEST(ShardRequest, BothProtocolsThatAgreeAreOneRequest) {
  const auto both = shard_request(variables({{"GTEST_TOTAL_SHARDS", "3"},
                                             {"GTEST_SHARD_INDEX", "1"},
                                             {"GTEST_SHARD_STATUS_FILE", "/a"},
                                             {"TEST_TOTAL_SHARDS", "3"},
                                             {"TEST_SHARD_INDEX", "1"},
                                             {"TEST_SHARD_STATUS_FILE", "/b"}}));
  ASSERT_TRUE(both.ok() && both->has_value());
  EXPECT_EQ((*both)->index, 1);
  EXPECT_EQ((*both)->status_files, (std::vector<std::string>{"/a", "/b"}));
}

TEST(ShardRequest, EveryBadRequestIsRefusedNamingItsVariables) {
  const std::vector<std::pair<std::map<std::string, std::string>, std::string>> cases = {
      {{{"GTEST_TOTAL_SHARDS", "4"}}, "GTEST_TOTAL_SHARDS is set without GTEST_SHARD_INDEX"},
      {{{"TEST_SHARD_INDEX", "0"}}, "TEST_SHARD_INDEX is set without TEST_TOTAL_SHARDS"},
      {{{"GTEST_TOTAL_SHARDS", "four"}, {"GTEST_SHARD_INDEX", "0"}},
       "GTEST_TOTAL_SHARDS must be a whole number of shards (1 or more), not 'four'"},
      {{{"GTEST_TOTAL_SHARDS", "0"}, {"GTEST_SHARD_INDEX", "0"}},
       "GTEST_TOTAL_SHARDS must be a whole number of shards (1 or more), not '0'"},
      {{{"GTEST_TOTAL_SHARDS", "4"}, {"GTEST_SHARD_INDEX", "-1"}},
       "GTEST_SHARD_INDEX must be a whole number (0 or more), not '-1'"},
      {{{"GTEST_TOTAL_SHARDS", "4"}, {"GTEST_SHARD_INDEX", ""}},
       "GTEST_SHARD_INDEX must be a whole number (0 or more), not ''"},
      {{{"TEST_TOTAL_SHARDS", "4"}, {"TEST_SHARD_INDEX", "4"}},
       "TEST_SHARD_INDEX=4 is not below TEST_TOTAL_SHARDS=4 (shards are numbered from 0)"},
      {{{"GTEST_TOTAL_SHARDS", "4"},
        {"GTEST_SHARD_INDEX", "1"},
        {"TEST_TOTAL_SHARDS", "4"},
        {"TEST_SHARD_INDEX", "2"}},
       "the GoogleTest and Bazel shard variables disagree: GTEST_SHARD_INDEX=1, "
       "GTEST_TOTAL_SHARDS=4, but TEST_SHARD_INDEX=2, TEST_TOTAL_SHARDS=4"},
  };
  for (const auto& [values, message] : cases) {
    const auto request = shard_request(variables(values));
    ASSERT_FALSE(request.ok()) << message;
    EXPECT_EQ(request.failure().category, Category::kShard);
    EXPECT_EQ(request.failure().message, message);
  }
}

std::vector<ShardItem> files_of(const std::vector<double>& weights) {
  std::vector<ShardItem> items;
  for (size_t i = 0; i < weights.size(); ++i) {
    items.push_back({"file_" + std::to_string(100 + i) + ".cpp", weights[i]});
  }
  return items;
}

std::map<std::string, int> plan_of(const std::vector<ShardItem>& items, int total) {
  const std::vector<int> shards = assign_to_shards(items, total);
  std::map<std::string, int> plan;
  for (size_t i = 0; i < items.size(); ++i) plan[items[i].name] = shards[i];
  return plan;
}

TEST(AssignToShards, EveryFileGoesToExactlyOneShardInRange) {
  const std::vector<ShardItem> items = files_of({5, 1, 9, 3, 3, 7, 2, 8, 1, 4});
  for (const int total : {1, 2, 3, 7, 10, 25}) {
    const std::vector<int> shards = assign_to_shards(items, total);
    ASSERT_EQ(shards.size(), items.size());
    for (const int shard : shards) {
      EXPECT_GE(shard, 0);
      EXPECT_LT(shard, total);
    }
  }
}

// The plan is the same on every machine: it depends on names and weights,
// not on the order the binary happens to list its files in.
TEST(AssignToShards, TheOrderOfTheFilesDoesNotChangeThePlan) {
  std::vector<ShardItem> items = files_of({5, 1, 9, 3, 3, 7, 2, 8, 1, 4, 3, 3});
  const std::map<std::string, int> plan = plan_of(items, 3);
  std::reverse(items.begin(), items.end());
  EXPECT_EQ(plan_of(items, 3), plan);
  std::rotate(items.begin(), items.begin() + 5, items.end());
  EXPECT_EQ(plan_of(items, 3), plan);
}

// Largest first onto the least loaded: no shard exceeds the even share by
// more than the largest file (the bound of that greedy rule).
TEST(AssignToShards, ShardsAreBalancedWithinTheLargestFile) {
  const std::vector<ShardItem> items = files_of({40, 1, 9, 3, 3, 7, 2, 8, 1, 4, 12, 30, 6, 6, 5});
  double sum = 0;
  double largest = 0;
  for (const ShardItem& item : items) {
    sum += *item.weight;
    largest = std::max(largest, *item.weight);
  }
  for (const int total : {2, 3, 4}) {
    std::vector<double> load(static_cast<size_t>(total), 0);
    const std::vector<int> shards = assign_to_shards(items, total);
    for (size_t i = 0; i < items.size(); ++i)
      load[static_cast<size_t>(shards[i])] += *items[i].weight;
    EXPECT_LE(*std::max_element(load.begin(), load.end()), sum / total + largest) << total;
  }
  // Two heavy files never share a shard while another shard stays empty.
  const std::vector<int> shards = assign_to_shards(files_of({10, 10, 1}), 2);
  EXPECT_NE(shards[0], shards[1]);
}

TEST(AssignToShards, MoreShardsThanFilesLeavesSomeEmpty) {
  const std::vector<int> shards = assign_to_shards(files_of({3, 2, 1}), 7);
  EXPECT_EQ(shards, (std::vector<int>{0, 1, 2}));
}

// A unit without a recorded cost weighs the median of the recorded ones (the
// upper one of an even count), and 1 when nothing is recorded.
TEST(WithKnownWeights, AnUnknownCostCountsAsTheMedianOfTheKnown) {
  const std::vector<ShardItem> some = {{"a", 9.0}, {"b", std::nullopt}, {"c", 1.0},
                                       {"d", 4.0}, {"e", 2.0},          {"f", std::nullopt}};
  EXPECT_EQ(with_known_weights(some), (std::vector<double>{9, 4, 1, 4, 2, 4}));
  const std::vector<ShardItem> none = {{"a", std::nullopt}, {"b", std::nullopt}};
  EXPECT_EQ(with_known_weights(none), (std::vector<double>{1, 1}));
  // Placed as the median: the unknown one does not all land on one shard.
  const std::vector<ShardItem> mixed = {
      {"a", 5.0}, {"b", 5.0}, {"c", std::nullopt}, {"d", std::nullopt}};
  const std::vector<int> shards = assign_to_shards(mixed, 2);
  EXPECT_NE(shards[2], shards[3]);
}

// KITTY_COSTS: read only when set; a file that cannot be used is refused
// (kShard, exit 66) naming the file, and the line of a malformed one.
TEST(ShardBalance, ByCountsWithoutACostFileAndRefusesABadOne) {
  const auto none = shard_balance("unit_tests", variables({}));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->costs.has_value());
  EXPECT_EQ(plan_files({{"a.cpp", 2}}, 1, *none).balanced_by, "by number of tests");

  const std::string dir = kitty_unit::fresh_dir("shard_costs");
  const auto missing = shard_balance("unit_tests", variables({{"KITTY_COSTS", dir + "/none.txt"}}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.failure().category, Category::kShard);
  EXPECT_EQ(missing.failure().message,
            "KITTY_COSTS: cannot read the cost file " + dir + "/none.txt");

  std::ofstream(dir + "/bad.txt") << "unit_tests/a.cpp 1 0.5\nunit_tests/b.cpp 1 slow\n";
  const auto bad = shard_balance("unit_tests", variables({{"KITTY_COSTS", dir + "/bad.txt"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.failure().category, Category::kShard);
  EXPECT_THAT(bad.failure().message, HasSubstr("KITTY_COSTS: " + dir + "/bad.txt:2: 'slow'"));

  std::ofstream(dir + "/good.txt") << "unit_tests/a.cpp 3 0.5\n";
  const auto good = shard_balance("unit_tests", variables({{"KITTY_COSTS", dir + "/good.txt"}}));
  ASSERT_TRUE(good.ok());
  ASSERT_TRUE(good->costs.has_value());
  EXPECT_EQ(good->costs->seconds.at("unit_tests/a.cpp"), 0.5);
}

// The binary knows its files as compiled (absolute here), the cost file by
// ctest name (<target>/<file relative to SOURCE_ROOT>): the tails meet.
TEST(CostOfFile, FindsTheRowOfARecordedPathByItsTail) {
  CostData costs;
  costs.seconds = {{"unit_tests/tests/a_test.cpp", 2.0},
                   {"other/tests/a_test.cpp", 7.0},
                   {"unit_tests/b_test.cpp", 3.0},
                   {"prefix.other/c_test.cpp", 4.0}};
  EXPECT_EQ(cost_of_file(costs, "unit_tests", "/src/kv/tests/a_test.cpp"), 2.0);
  EXPECT_EQ(cost_of_file(costs, "unit_tests", "/src/kv/b_test.cpp"), 3.0);
  EXPECT_EQ(cost_of_file(costs, "unit_tests", "kv/c_test.cpp"), 4.0);  // the one row of it
  EXPECT_EQ(cost_of_file(costs, "unit_tests", "/src/d_test.cpp"), std::nullopt);
  // Its own row under a shorter tail beats another binary's under a longer one.
  costs.seconds["unit_tests/x/e_test.cpp"] = 5.0;
  costs.seconds["other/src/x/e_test.cpp"] = 6.0;
  EXPECT_EQ(cost_of_file(costs, "unit_tests", "/src/x/e_test.cpp"), 5.0);
  // Two rows end in it and neither is this binary's: unknown, not a guess.
  EXPECT_EQ(cost_of_file(costs, "third", "/src/tests/a_test.cpp"), std::nullopt);
}

// The planted difference: one file of few tests that takes long. By counts
// the four-test file is alone; by recorded cost the slow file is, and a file
// without a row weighs the median of the others.
TEST(PlanFiles, ByCostsDiffersFromByCountsWhereTheyDisagree) {
  const std::vector<ShardFile> files = {{"/src/a_test.cpp", 4},
                                        {"/src/slow_test.cpp", 1},
                                        {"/src/c_test.cpp", 1},
                                        {"/src/d_test.cpp", 1}};
  const FilePlan by_counts = plan_files(files, 2, ShardBalance{});
  EXPECT_EQ(by_counts.shard_of, (std::vector<int>{0, 1, 1, 1}));
  EXPECT_EQ(by_counts.balanced_by, "by number of tests");

  ShardBalance balance;
  balance.executable = "unit_tests";
  balance.costs_path = "costs.txt";
  balance.costs = CostData{};
  balance.costs->seconds = {{"unit_tests/a_test.cpp", 1.0},
                            {"unit_tests/slow_test.cpp", 9.0},
                            {"unit_tests/c_test.cpp", 2.0}};
  const FilePlan by_costs = plan_files(files, 2, balance);
  // slow (9) alone; a (1), c (2) and d (the median, 2) together.
  EXPECT_EQ(by_costs.shard_of, (std::vector<int>{1, 0, 1, 1}));
  EXPECT_EQ(by_costs.balanced_by,
            "by cost from costs.txt (3 of 4 files have a row; the others weigh the median)");
  EXPECT_NE(by_costs.shard_of, by_counts.shard_of);
}

TEST(TouchStatusFiles, CreatesEachAndRefusesAnUnwritableOne) {
  const std::string dir = kitty_unit::fresh_dir("shard_status");
  ShardRequest request;
  request.status_files = {dir + "/gtest_status", dir + "/bazel_status"};
  ASSERT_TRUE(touch_status_files(request).ok());
  EXPECT_TRUE(std::filesystem::is_regular_file(dir + "/gtest_status"));
  EXPECT_TRUE(std::filesystem::is_regular_file(dir + "/bazel_status"));
  request.status_files = {dir + "/missing/dir/status"};
  const Status refused = touch_status_files(request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.failure().category, Category::kOutput);
  EXPECT_THAT(refused.failure().message, HasSubstr("cannot touch the shard status file"));
}

}  // namespace
}  // namespace kitty::internal
