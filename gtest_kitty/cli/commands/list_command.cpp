#include "cli/commands/list_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cli/counted.h"
#include "cli/model/registry.h"

namespace kitty::cli {
namespace {

// One registered test: what ctest runs (command, working_directory,
// environment) and what kitty made of it (program without the launcher,
// selection flag, unit, and the source file it runs, also for a piece of a
// SPLIT_FILES file, whose unit is a suite or a test).
nlohmann::json test_json(const RegisteredTest& test) {
  nlohmann::json entry = {{"name", test.name},
                          {"command", test.command},
                          {"working_directory", test.working_directory},
                          {"environment", test.environment},
                          {"labels", test.labels},
                          {"disabled", test.disabled},
                          {"timeout", test.timeout},
                          {"cost", test.cost},
                          {"kitty", test.kitty_selector.has_value()},
                          {"program", nullptr},
                          {"selection", nullptr},
                          {"unit", nullptr},
                          {"file", nullptr}};
  if (test.kitty_selector) {
    entry["program"] = split_command(test).program;
    entry["selection"] = *test.kitty_selector;
    const size_t equals = test.kitty_selector->find('=');
    if (equals != std::string::npos) entry["unit"] = test.kitty_selector->substr(equals + 1);
    if (const std::string file = unit_file(test); !file.empty()) entry["file"] = file;
  }
  return entry;
}

void print_json(const Registry& registry) {
  nlohmann::json tests = nlohmann::json::array();
  size_t units = 0;
  for (const RegisteredTest& test : registry.tests) {
    if (test.kitty_selector) ++units;
    tests.push_back(test_json(test));
  }
  const nlohmann::json document = {{"test_dir", registry.test_dir},
                                   {"config", registry.config},
                                   {"units", units},
                                   {"tests", tests}};
  fmt::print("{}\n", document.dump(2));
}

}  // namespace

CLI::App* add_list_command(CLI::App& app, ListOptions& options) {
  CLI::App* list = app.add_subcommand("list", "List the tests registered in a build tree");
  add_build_tree_options(*list, options.test_dir, options.config);
  list->add_flag("--json", options.json,
                 "Print every registered test as JSON: its command, working directory, "
                 "environment, labels and kitty selection");
  return list;
}

Expected<int> run_list_command(const ListOptions& options) {
  const Expected<Registry> registry = load_registry(options.test_dir, options.config);
  if (!registry) return Unexpected<Error>(registry.error());
  if (options.json) {
    print_json(*registry);
    return 0;
  }
  size_t units = 0;
  for (const RegisteredTest& test : registry->tests) {
    if (test.kitty_selector) ++units;
    fmt::print("{}{}{}\n", test.name, test.disabled ? "  (disabled)" : "",
               test.labels.empty() ? "" : fmt::format("  [{}]", fmt::join(test.labels, ", ")));
  }
  fmt::print("{} registered, {} of them kitty {}{}\n", counted(std::ssize(registry->tests), "test"),
             units, units == 1 ? "unit" : "units",
             registry->config.empty() ? "" : fmt::format(" ({})", describe_config(*registry)));
  return 0;
}

}  // namespace kitty::cli
