// gtest-kitty costs [--test-dir DIR] [--from OUTPUT...] -o FILE: writes how
// long each ctest test took, in CTest's cost-data format
// (common/cost_data.h), from the build tree's last ctest run or from the
// outputs of shard jobs (their junit.xml) and ctest JUnit reports. Committed
// to the source tree, the file balances `gtest-kitty shard --costs`, a
// binary's own split (KITTY_COSTS) and kitty_add_tests(COST_DATA) on a clean
// checkout.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/expected.h"

namespace kitty::cli {

struct CostsOptions {
  std::string test_dir;
  std::string config;
  std::vector<std::string> from;
  std::string output;
};

CLI::App* add_costs_command(CLI::App& app, CostsOptions& options);
Expected<int> run_costs_command(const CostsOptions& options);

}  // namespace kitty::cli
