#include "cli/model/unit_listing.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/adapters/process.h"
#include "cli/model/equivalence.h"
#include "common/disabled_name.h"

namespace kitty::cli {

// --gtest_list_tests shows DISABLED_ tests when the filter matches them; a
// run skips them.
Expected<std::vector<std::string>> list_unit_tests(std::vector<std::string> arguments,
                                                   const std::optional<std::string>& selection) {
  if (selection) arguments.push_back(*selection);
  arguments.push_back("--gtest_list_tests");
  ProcessOptions options;
  // Listing needs no home; quarantine is a run-time gate. (Built whole, not
  // assigned into map entries: GCC 12 at -O3 reports a false -Wrestrict.)
  options.environment = {{"KITTY_ISOLATION", "off"}, {"KITTY_RUN_QUARANTINE", "1"}};
  KITTY_TRY(const ProcessResult result, run_program(arguments, options));
  if (result.exit_code != 0) {
    return fail(fmt::format("{} exited {} when asked for its tests: {}", fmt::join(arguments, " "),
                            result.exit_code, result.output.substr(0, result.output.find('\n'))),
                1);
  }
  std::vector<std::string> tests;
  for (const std::string& test : parse_test_list(result.output)) {
    const std::string::size_type dot = test.find('.');
    const std::string suite = test.substr(0, dot);
    const std::string name = test.substr(dot + 1);
    if (!internal::disabled_test(suite, name)) tests.push_back(test);
  }
  return tests;
}

}  // namespace kitty::cli
