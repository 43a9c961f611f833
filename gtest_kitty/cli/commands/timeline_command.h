// gtest-kitty timeline --test-dir DIR -o FILE: a picture of the last
// parallel run of a build tree (or of the run recorded in --record-dir):
// which file ran when, in which worker lane, pass/fail colours and the
// critical path, as a self-contained SVG, or HTML with a table. With
// --shards DIR..., a run split over CI jobs by `gtest-kitty shard`: one
// group of lanes per job, from the jobs' uploaded output directories.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/expected.h"

namespace kitty::cli {

struct TimelineOptions {
  std::string test_dir = ".";
  std::string config;      // ctest -C; empty: the tree's default (registry.h)
  std::string record_dir;  // empty: the newest run of test_dir
  std::string output;
  std::vector<std::string> shards;  // gtest-kitty shard's output directories
};

CLI::App* add_timeline_command(CLI::App& app, TimelineOptions& options);
Expected<int> run_timeline_command(const TimelineOptions& options);

}  // namespace kitty::cli
