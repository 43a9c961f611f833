// What a test binary would run with a registration's selection, asked of
// the binary itself (--gtest_list_tests): the tests a unit selects, whether
// or not it ran (equivalence compares them; merge-junit names the tests of a
// quarantined unit by them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/expected.h"

namespace kitty::cli {

// The tests `program` (the binary and its fixed arguments) runs with
// `selection` ("--kitty_file=..."; none: the whole binary), in order,
// DISABLED_ tests left out. Quarantined units list as if run.
Expected<std::vector<std::string>> list_unit_tests(std::vector<std::string> program,
                                                   const std::optional<std::string>& selection);

}  // namespace kitty::cli
