// gtest-kitty split-check [--test-dir DIR] <target> <file> [--repeat N]
// [--seed S]: whether a file can be split (SPLIT_FILES) safely. Runs the file
// whole once as ctest runs it, then each of its tests alone in a process
// (and a fresh home) of its own, N times in a shuffled order, and compares.
// Exit 0 when every test ends alone as it does whole (with the SPLIT_FILES
// line to use), 1 when one does not (named, with what it depends on), 2 on
// bad input.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "cli/expected.h"

namespace kitty::cli {

struct SplitCheckOptions {
  std::string test_dir = ".";
  std::string config;  // ctest -C; empty: the tree's default (registry.h)
  std::string target;
  std::string file;
  int repeat = 3;
  std::optional<std::uint64_t> seed;  // none: a random one, printed
};

CLI::App* add_split_check_command(CLI::App& app, SplitCheckOptions& options);
Expected<int> run_split_check_command(const SplitCheckOptions& options);

}  // namespace kitty::cli
