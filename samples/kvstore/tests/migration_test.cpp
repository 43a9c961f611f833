// Migrations are applied to one store, in order, one test per step: the
// tests of this file share state and depend on their order, as many real
// suites do. A per-test process (gtest_discover_tests + ctest -j) gives
// every test a fresh store and breaks them; kitty runs the file in one
// process, as a serial run does.
#include <gtest/gtest.h>

#include "store.h"

namespace {

kvstore::Store& shared_store() {
  static kvstore::Store store;
  return store;
}

TEST(Migrations, V1CreatesMetadata) {
  shared_store().migrate(1);
  EXPECT_EQ(shared_store().get("meta:created"), "1");
}

TEST(Migrations, V2AddsIndexOnTopOfV1) {
  shared_store().migrate(2);
  EXPECT_EQ(shared_store().schema_version(), 2);
  EXPECT_EQ(shared_store().get("meta:created"), "1");
}

TEST(Migrations, DataSurvivesMigrations) {
  shared_store().put("user:1", "ada");
  EXPECT_EQ(shared_store().schema_version(), 2);
  EXPECT_EQ(shared_store().size(), 3u);
}

}  // namespace
