// Selection: which of the catalog's tests one kitty process runs. A selector
// (--kitty_file, --kitty_suite, --kitty_test) names a unit; the user's own
// --gtest_filter still applies on top of it.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "listing/catalog.h"

namespace kitty::internal {

enum class Granularity { kFile, kSuite, kTest };

struct Selector {
  Granularity granularity = Granularity::kFile;
  std::string value;  // a file path, a suite name, or "Suite.Name"
};

struct Selection {
  std::vector<size_t> tests;       // indexes into the catalog, in catalog order
  size_t named = 0;                // tests the selector named, before disabled/filter
  std::vector<std::string> files;  // the distinct files of the tests named
  std::string filter;              // a --gtest_filter that runs exactly `tests`
  bool narrows = true;  // false: the selector names every test, so the user's filter alone
                        // already runs exactly `tests` and is left as it is
};

// GoogleTest's filter semantics: "POS1:POS2-NEG1:NEG2" with * and ? globs;
// an empty positive part means "*".
bool gtest_filter_matches(const std::string& filter, const std::string& full_name);

// A selector that names no test, or (a file) names two, is a kStaleSelection
// failure: a typo, or a registration older than the binary.
Result<Selection> select_tests(const Catalog& catalog, const Selector& selector,
                               const std::string& user_filter, bool also_run_disabled);

const char* granularity_name(Granularity granularity);

}  // namespace kitty::internal
