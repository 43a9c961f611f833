// gtest-kitty merge-junit: one JUnit XML from the per-file GoogleTest reports
// of a run (kitty_add_tests(... XML_OUTPUT_DIR ...)). The run is ctest's
// last in the tree (its LastTest.log), or the one whose --output-junit is
// given: only the kitty tests that run ran count, each by the report it
// wrote then. A process that left no report (it crashed, was killed or timed
// out) appears as a failed case named after the GoogleTest test it died in
// (its run record knows) saying how it ended, with ctest's output: never as
// missing. A quarantined unit's tests appear as skipped cases.
// With --shards DIR..., the run instead is one split over N CI jobs by
// `gtest-kitty shard`: its report is merged from the N output directories
// (shard_junit.h), without a build tree.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/expected.h"

namespace kitty::cli {

struct MergeJunitOptions {
  std::string test_dir = ".";
  std::string config;  // ctest -C; empty: the tree's default (registry.h)
  std::string output;
  std::string ctest_junit;          // ctest --output-junit of the run (optional)
  std::vector<std::string> shards;  // gtest-kitty shard's output directories
};

CLI::App* add_merge_junit_command(CLI::App& app, MergeJunitOptions& options);
Expected<int> run_merge_junit_command(const MergeJunitOptions& options);

}  // namespace kitty::cli
