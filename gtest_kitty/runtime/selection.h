// Selection: which of the catalog's tests one kitty process runs. A selector
// (--kitty_file, --kitty_suite, --kitty_test) names a unit; the user's own
// --gtest_filter still applies on top of it.
#pragma once

#include <string>
#include <unordered_map>
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
  std::vector<size_t> tests;       // indexes into the candidates, in their order
  size_t named = 0;                // tests the selector named, before disabled/filter
  std::vector<std::string> files;  // the distinct files of the tests named
  std::string filter;              // a --gtest_filter that runs exactly `tests`
  bool narrows = true;  // false: the selector names every test, so the user's filter alone
                        // already runs exactly `tests` and is left as it is
};

// GoogleTest's filter semantics: "POS1:POS2-NEG1:NEG2" with * and ? globs;
// an empty positive part means "*".
bool gtest_filter_matches(const std::string& filter, const std::string& full_name);

// The tests a selector may name, out of a binary's `total`: every test of
// the binary, or (what a process does at start, see candidates_from_gtest)
// only those a cheap look at names and files lets through. `suite_sizes`
// holds the size of every suite of `tests` in the whole binary, so that a
// suite selected whole is still told as "Suite.*".
struct Candidates {
  Catalog tests;
  size_t total = 0;
  std::unordered_map<std::string, size_t> suite_sizes;
};

Candidates all_candidates(const Catalog& catalog);

// The candidates of `selector` among GoogleTest's registered tests: a pass
// over names and file pointers that copies only the tests it keeps, so that
// a process of a binary of 100,000 tests pays for the tests it runs, not
// for a catalog of all of them. Call after InitGoogleTest.
Candidates candidates_from_gtest(const Selector& selector);

// A selector that names no test, or (a file) names two, is a kStaleSelection
// failure: a typo, or a registration older than the binary.
Result<Selection> select_among(const Candidates& candidates, const Selector& selector,
                               const std::string& user_filter, bool also_run_disabled);
// The same over a whole catalog (select_among(all_candidates(catalog), ...)):
// `tests` index into `catalog`.
Result<Selection> select_tests(const Catalog& catalog, const Selector& selector,
                               const std::string& user_filter, bool also_run_disabled);

// The shortest --gtest_filter that runs exactly `selected` (indexes into
// `catalog`, the whole binary's): "Suite.*" for a suite whole, exact names
// otherwise; empty (nothing runs) when nothing is selected.
std::string filter_running(const Catalog& catalog, const std::vector<size_t>& selected);

const char* granularity_name(Granularity granularity);

}  // namespace kitty::internal
