// gtest-kitty list: the tests registered in a build tree, and which of them
// are kitty units; --json gives each test as ctest would run it, for tools
// (bench/) that must not read kitty's generated files.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/expected.h"

namespace kitty::cli {

struct ListOptions {
  std::string test_dir = ".";
  std::string config;  // ctest -C; empty: the tree's default (registry.h)
  bool json = false;
};

CLI::App* add_list_command(CLI::App& app, ListOptions& options);
Expected<int> run_list_command(const ListOptions& options);

}  // namespace kitty::cli
