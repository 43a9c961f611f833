// Equivalence of a parallel registration with a serial run: the model the
// equivalence subcommand (and its tests) share.
#pragma once

#include <string>
#include <vector>

namespace kitty::cli {

// One registration's tests, or a serial run's, in run order.
struct SelectedTests {
  std::string name;  // the ctest test, or "serial <binary>"
  std::vector<std::string> tests;
};

struct EquivalenceReport {
  std::vector<std::string> missing;     // run serially, selected by no unit
  std::vector<std::string> extra;       // selected by a unit, not run serially
  std::vector<std::string> duplicated;  // selected by more than one unit
  std::vector<std::string> misordered;  // units whose order differs from serial
  bool equivalent() const {
    return missing.empty() && extra.empty() && duplicated.empty() && misordered.empty();
  }
};

EquivalenceReport compare_selections(const SelectedTests& serial,
                                     const std::vector<SelectedTests>& units);

// Parses GoogleTest's --gtest_list_tests output into "Suite.Test" names.
std::vector<std::string> parse_test_list(const std::string& output);

}  // namespace kitty::cli
