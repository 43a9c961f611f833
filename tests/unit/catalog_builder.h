// Catalog entries for unit tests that need a catalog without GoogleTest's
// registry behind it.
#pragma once

#include <string>

#include "listing/catalog.h"

namespace kitty::internal {

inline CatalogTest make_test(const std::string& suite, const std::string& name,
                             const std::string& file) {
  CatalogTest test;
  test.suite = suite;
  test.name = name;
  test.file = file;
  return test;
}

}  // namespace kitty::internal
