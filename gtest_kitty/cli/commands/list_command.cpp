#include "cli/commands/list_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/counted.h"
#include "cli/model/registry.h"

namespace kitty::cli {

CLI::App* add_list_command(CLI::App& app, ListOptions& options) {
  CLI::App* list = app.add_subcommand("list", "List the tests registered in a build tree");
  add_build_tree_options(*list, options.test_dir, options.config);
  return list;
}

Expected<int> run_list_command(const ListOptions& options) {
  const Expected<Registry> registry = load_registry(options.test_dir, options.config);
  if (!registry) return Unexpected<Error>(registry.error());
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
