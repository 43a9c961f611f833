// Where the fixture (build_projects.cmake) built the projects the
// integration tests drive, and how to run ctest on them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/adapters/process.h"

namespace kitty_it {

using kitty::cli::ProcessOptions;
using kitty::cli::ProcessResult;

// kitty::cli::run_program for the tests: a program that cannot be started
// is a result too, exit 127 with the reason as its output, as a shell has it.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// The gtest-kitty binary under test (KITTY_IT_CLI).
std::string cli_path();

// A directory under the fixture's work directory (KITTY_IT_WORK_DIR).
std::string work_path(const std::string& relative);

// A scratch directory of this test process, created empty.
std::string scratch_dir(const std::string& name);

// True when `path` is a kitty home of a run whose base is `base`: in the base,
// or in the scratch where the launcher makes live homes (KITTY_SCRATCH auto).
bool is_kitty_home_of(const std::string& path, const std::string& base);

// scratch_dir() of the running test: `prefix` followed by the test's name.
std::string scratch_dir_of_test(const std::string& prefix);

// `text` with every run of blanks and newlines as one space: CMake wraps
// long messages over several indented lines.
std::string collapse_whitespace(const std::string& text);

// The names of the tests registered in a build tree, as ctest reports them.
std::vector<std::string> registered_tests(const std::string& build_dir);

// ctest's labels of each registered test, sorted.
std::map<std::string, std::vector<std::string>> registered_labels(const std::string& build_dir);

// Runs ctest in a build tree and returns each test's outcome as ctest saw
// it: "Passed", "Failed", "Skipped", "Disabled" or "NotRun".
struct CtestRun {
  ProcessResult process;
  std::map<std::string, std::string> outcomes;
};
CtestRun run_ctest(const std::string& build_dir, const std::vector<std::string>& extra_args = {});

// A test directory (in `scratch`) that registers the kvstore sample's tests
// as its build did, edited: the registration of `file` dropped or, with
// `twice`, registered a second time under another name.
std::string edited_kvstore(const std::string& scratch, const std::string& file, bool twice);

// The outcomes of a green run of the kvstore sample: one test per file.
inline std::map<std::string, std::string> kvstore_all_passed() {
  return {{"kvstore_tests/tests/store_test.cpp", "Passed"},
          {"kvstore_tests/tests/wal_test.cpp", "Passed"},
          {"kvstore_tests/tests/migration_test.cpp", "Passed"},
          {"kvstore_tests/tests/compaction_test.cpp", "Passed"}};
}

}  // namespace kitty_it
