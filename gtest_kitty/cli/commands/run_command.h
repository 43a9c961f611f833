// gtest-kitty run: runs one registered test by hand exactly as ctest runs
// it: its registered command (the launcher included, so the isolation is in
// place before the binary's static initialisers), its ENVIRONMENT and its
// WORKING_DIRECTORY, with extra arguments for the test binary appended.
// Named by its ctest name or by its target and file; --print says the shell
// command instead, --debug runs it under a debugger.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/expected.h"
#include "cli/model/registry.h"

namespace kitty::cli {

struct RunOptions {
  std::string test_dir = ".";
  std::string config;                   // ctest -C; empty: the tree's default (registry.h)
  std::vector<std::string> names;       // a ctest test name, or a target and a file
  bool print = false;                   // print the shell command, do not run it
  std::string debugger;                 // --debug: "gdb --args", or the words given
  std::vector<std::string> extra_args;  // after --: appended to the test's command
};

CLI::App* add_run_command(CLI::App& app, RunOptions& options);
Expected<int> run_run_command(const RunOptions& options);

// The registration `names` designate: a ctest test name, or a target and a
// file given as --kitty_file takes it (any trailing part of the recorded
// path, on whole components; an exact path wins). An unknown name is an
// error that names the closest registered ones.
Expected<const RegisteredTest*> find_registration(const Registry& registry,
                                                  const std::vector<std::string>& names);

}  // namespace kitty::cli
