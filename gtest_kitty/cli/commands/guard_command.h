// gtest-kitty guard: runs a command and fails if the real home changed while
// it ran: any entry created, removed, or modified (type, inode, size, mtime),
// down to a few levels of $HOME and in any chosen path. --self-check plants
// a change in a throwaway home and requires the guard to see it.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/expected.h"

namespace kitty::cli {

struct GuardOptions {
  std::string home;                   // default: $HOME when the guard starts
  std::vector<std::string> paths;     // more roots, guarded to full depth
  std::vector<std::string> excluded;  // trees the command may write (a build tree in the home)
  int depth = 3;                      // levels of the home guarded
  bool self_check = false;
  std::vector<std::string> command;
};

CLI::App* add_guard_command(CLI::App& app, GuardOptions& options);
Expected<int> run_guard_command(const GuardOptions& options);

}  // namespace kitty::cli
