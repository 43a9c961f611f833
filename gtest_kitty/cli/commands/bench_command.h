// gtest-kitty bench --test-dir DIR [-j N] [--runs R]: the serial run (each
// test binary once, whole, one after another) against the parallel run of
// the same build (ctest -j N): both medians and the speed-up, and a check
// that both executed the same tests (none lost to the parallel run).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "cli/expected.h"

namespace kitty::cli {

struct BenchOptions {
  std::string test_dir = ".";
  std::string config;  // ctest -C; empty: the tree's default (registry.h)
  int jobs = 0;        // 0: the machine's cores
  int runs = 3;
};

CLI::App* add_bench_command(CLI::App& app, BenchOptions& options);
Expected<int> run_bench_command(const BenchOptions& options);

}  // namespace kitty::cli
