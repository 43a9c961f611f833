// gtest-kitty shard --index I --total N [--costs FILE] [--list] [--out DIR]
// -- <ctest args>: runs one CI job's share of a build tree's registered tests
// through ctest (so -j, labels, RESOURCE_GROUPS and timeouts still apply)
// and exits with ctest's code. The N jobs' shares are disjoint and together
// hold every registered test (cli/model/shard_shares.h). What the job ran is
// left in DIR for the jobs after it (cli/model/shard_manifest.h).
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "cli/expected.h"

namespace kitty::cli {

struct ShardOptions {
  std::optional<int> index;  // 0-based; none: GitLab's CI_NODE_INDEX (1-based)
  std::optional<int> total;  // none: GitLab's CI_NODE_TOTAL
  std::string test_dir = ".";
  std::string config;
  std::string costs;
  bool list = false;
  std::string out;  // empty: <test-dir>/kitty-shard-<index>
  std::vector<std::string> ctest_args;
};

CLI::App* add_shard_command(CLI::App& app, ShardOptions& options);
Expected<int> run_shard_command(const ShardOptions& options);

}  // namespace kitty::cli
