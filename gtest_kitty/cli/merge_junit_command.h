// gtest-kitty merge-junit: one JUnit XML from the per-file GoogleTest reports
// of a run (kitty_add_tests(... XML_OUTPUT_DIR ...)). A registered test whose
// process left no readable report (it crashed, was killed or timed out)
// appears as a failed case, with its ctest output when ctest's own JUnit is
// given: never as missing.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "expected.h"

namespace kitty::cli {

struct MergeJunitOptions {
  std::string test_dir = ".";
  std::string output;
  std::string ctest_junit;  // ctest --output-junit of the same run (optional)
};

CLI::App* add_merge_junit_command(CLI::App& app, MergeJunitOptions& options);
Expected<int> run_merge_junit_command(const MergeJunitOptions& options);

}  // namespace kitty::cli
