#include "listing/catalog.h"

#include <gtest/gtest.h>

#include "common/disabled_name.h"

namespace kitty::internal {

bool CatalogTest::disabled() const { return disabled_test(suite, name); }

CatalogTest catalog_test_of(const testing::TestInfo& info) {
  CatalogTest test;
  test.suite = info.test_suite_name();
  test.name = info.name();
  test.file = info.file() ? info.file() : "";
  test.line = info.line();
  if (info.type_param()) test.type_param = info.type_param();
  if (info.value_param()) test.value_param = info.value_param();
  return test;
}

Catalog catalog_from_gtest() {
  const testing::UnitTest& unit_test = *testing::UnitTest::GetInstance();
  Catalog catalog;
  catalog.reserve(static_cast<size_t>(unit_test.total_test_count()));
  for (int s = 0; s < unit_test.total_test_suite_count(); ++s) {
    const testing::TestSuite& suite = *unit_test.GetTestSuite(s);
    for (int t = 0; t < suite.total_test_count(); ++t) {
      catalog.push_back(catalog_test_of(*suite.GetTestInfo(t)));
    }
  }
  return catalog;
}

}  // namespace kitty::internal
