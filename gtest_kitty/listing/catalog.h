// The catalog: every test GoogleTest registered, in GoogleTest's run order,
// with the source file it attributes the test to. Selection, units and the
// listing all work on this snapshot rather than on GoogleTest's internals.
#pragma once

#include <string>
#include <vector>

namespace testing {
class TestInfo;
}

namespace kitty::internal {

struct CatalogTest {
  std::string suite;
  std::string name;
  std::string file;  // as GoogleTest recorded it (the defining __FILE__)
  int line = 0;
  std::string type_param;   // TYPED_TEST(_P): the type; empty otherwise
  std::string value_param;  // TEST_P: the printed value; empty otherwise

  std::string full_name() const { return suite + "." + name; }
  // GoogleTest's rule (common/disabled_name.h).
  bool disabled() const;
};

using Catalog = std::vector<CatalogTest>;

// One registered test as the catalog holds it.
CatalogTest catalog_test_of(const testing::TestInfo& info);

// Snapshot of the tests registered with GoogleTest. Call after
// InitGoogleTest (value-parameterised tests are registered there).
Catalog catalog_from_gtest();

}  // namespace kitty::internal
