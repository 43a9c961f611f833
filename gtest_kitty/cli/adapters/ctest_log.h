// ctest's log of the last run in a build tree (Testing/Temporary/LastTest.log):
// which tests that run ran, how each ended and how long it took, with its
// output. The same model as ctest's JUnit report (CtestCase), for the tools
// that look at a run the user started (merge-junit, timeline) rather than
// one they started themselves.
#pragma once

#include <string>
#include <vector>

#include "cli/adapters/ctest_junit.h"
#include "cli/expected.h"

namespace kitty::cli {

// The path of the log in `test_dir`.
std::string last_ctest_log_path(const std::string& test_dir);

// The tests of the last ctest run in `test_dir`; an error when ctest has not
// run there.
Expected<std::vector<CtestCase>> read_last_ctest_log(const std::string& test_dir);

// Parses the log's text; `path` names it in errors.
Expected<std::vector<CtestCase>> parse_ctest_log(const std::string& path, const std::string& text);

}  // namespace kitty::cli
