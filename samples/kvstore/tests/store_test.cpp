#include <gtest/gtest.h>

#include "store.h"

namespace {

TEST(Store, GetReturnsWhatWasPut) {
  kvstore::Store store;
  store.put("a", "1");
  EXPECT_EQ(store.get("a"), "1");
}

TEST(Store, MissingKeyIsEmpty) {
  kvstore::Store store;
  EXPECT_FALSE(store.get("nope").has_value());
}

TEST(Store, EraseRemovesOnlyThatKey) {
  kvstore::Store store;
  store.put("a", "1");
  store.put("b", "2");
  EXPECT_TRUE(store.erase("a"));
  EXPECT_FALSE(store.erase("a"));
  EXPECT_EQ(store.size(), 1u);
}

TEST(StoreDeathTest, MigrationOutOfOrderAborts) {
  EXPECT_DEATH(
      {
        kvstore::Store store;
        try {
          store.migrate(2);
        } catch (...) {
          std::abort();
        }
      },
      "");
}

}  // namespace
