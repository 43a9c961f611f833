// gtest-kitty ratchet -n N [--baseline FILE] -- <ctest args>: runs the suite
// in parallel N times in a row and accepts it (exit 0) only when every run
// is green. Otherwise exit 1 and a summary naming every failing test by its
// gtest name, FLAKY marked, new apart from known (the baseline). Exit 2 on
// usage or infrastructure errors. It never retries a failure.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/expected.h"

namespace kitty::cli {

struct RatchetOptions {
  int runs = 0;
  std::string baseline;
  std::string write_baseline;
  std::string work_dir;  // empty: a temporary one, kept only when the ratchet rejects
  std::string config;    // ctest -C; empty: ctest's own -C, or the tree's default (registry.h)
  std::vector<std::string> ctest_args;
};

CLI::App* add_ratchet_command(CLI::App& app, RatchetOptions& options);
Expected<int> run_ratchet_command(const RatchetOptions& options);

}  // namespace kitty::cli
