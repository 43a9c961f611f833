#include <gtest/gtest.h>

#include <string>

#include "store.h"

namespace {

constexpr size_t kEntries = 30000;

class Compaction : public testing::TestWithParam<size_t> {};

TEST_P(Compaction, KeepsTheNewestEntries) {
  kvstore::Store store;
  for (size_t i = 0; i < kEntries; ++i) store.put("log:" + std::to_string(1000000 + i), "x");
  const size_t keep = GetParam();
  EXPECT_EQ(store.compact("log:", keep), kEntries - keep);
  EXPECT_EQ(store.size(), keep);
}

INSTANTIATE_TEST_SUITE_P(Sizes, Compaction, testing::Values(0, 1, 10, kEntries - 1));

TEST(CompactionEdge, DISABLED_HugeStore) {
  kvstore::Store store;
  for (int i = 0; i < 10000000; ++i) store.put(std::to_string(i), "x");
  EXPECT_EQ(store.compact("", 1), 9999999u);
}

}  // namespace
