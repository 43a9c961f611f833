// gtest-kitty equivalence: proves that the ctest tests registered for a build
// tree, together, select exactly the tests a serial run of each binary runs:
// none missing, none extra, none twice, each unit in serial order. It asks
// the binaries themselves (--gtest_list_tests with each registration's own
// selection and arguments), so a disabled, stale or added registration
// counts. --executed runs both sides instead (each binary whole, the kitty
// tests under ctest -jN with run records) and compares what executed.
// --self-check plants a dropped and a duplicated unit and requires the
// comparison to see both. --shards DIR... proves the same over the outputs
// of N CI jobs' `gtest-kitty shard` (cli/model/shard_proof.h), without the
// build tree.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/expected.h"
#include "cli/model/equivalence.h"

namespace kitty::cli {

struct EquivalenceOptions {
  std::string test_dir = ".";
  std::string config;  // ctest -C; empty: the tree's default (registry.h)
  bool self_check = false;
  bool executed = false;            // run both sides and compare what executed
  int jobs = 0;                     // ctest -j for `executed`; 0: the machine's cores
  std::vector<std::string> shards;  // shard jobs' output directories
};

CLI::App* add_equivalence_command(CLI::App& app, EquivalenceOptions& options);
Expected<int> run_equivalence_command(const EquivalenceOptions& options);

}  // namespace kitty::cli
